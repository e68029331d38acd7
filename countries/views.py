from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from countries.briefings import briefing_for
from countries.charts import score_chart
from countries.dimensions import DIMENSIONS
from countries.forms import CountrySearchForm
from countries.models import Country, ScoreEdition


@require_safe
def country_list(request):
    edition = ScoreEdition.objects.default()
    form = CountrySearchForm(request.GET)
    rows = []
    if edition is not None:
        countries = Country.objects.filter(scores__edition=edition).with_scores(edition)
        if form.is_valid():
            countries = form.filter_countries(countries)
        rows = [(country, country.score_in(edition).scores().values()) for country in countries]
    return render(
        request,
        "countries/country_list.html",
        {
            "edition": edition,
            "form": form,
            "rows": rows,
            "dimensions": DIMENSIONS,
            "searching": form.is_valid() and any(form.cleaned_data.values()),
        },
    )


@require_safe
def country_detail(request, code):
    # Codes are stored in capitals (the loader and the admin form make sure of it).
    # No code holds NUL, and PostgreSQL would refuse it in the query with a 500.
    if "\x00" in code:
        raise Http404("No such country.")
    country = get_object_or_404(Country, code=code.upper())
    edition = ScoreEdition.objects.default()
    score = country.score_in(edition)
    scores = score.scores() if score else {}
    return render(
        request,
        "countries/country_detail.html",
        {
            "country": country,
            "edition": edition,
            "score": score,
            "chart": score_chart(scores) if score else None,
            "rows": [(dimension, scores.get(dimension.code)) for dimension in DIMENSIONS],
            "country_briefing": briefing_for(country, user=request.user),
        },
    )

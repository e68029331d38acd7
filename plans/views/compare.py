from django.shortcuts import render
from django.views.decorators.http import require_safe

from countries.models import Country, ScoreEdition
from plans import gaps
from plans.charts import grouped_chart
from plans.culture import edition_variances, guidance_for, national_scores
from plans.forms import CompareForm


@require_safe
def country_compare(request):
    """Any two countries or regions side by side, outside any plan; bookmarkable by code."""
    edition = ScoreEdition.objects.default()
    countries = list(Country.objects.with_scores(edition))
    form = CompareForm(request.GET or None, countries=countries)
    context = {"form": form, "edition": edition}
    if edition is not None and request.GET and form.is_valid():
        by_code = {c.code: c for c in countries}
        ours, theirs = by_code[form.cleaned_data["a"]], by_code[form.cleaned_data["b"]]
        analysis = gaps.analyse_gap(
            national_scores(ours, edition),
            national_scores(theirs, edition),
            edition_variances(edition),
        )
        context.update(
            {
                "ours": ours,
                "theirs": theirs,
                "analysis": analysis,
                "chart": grouped_chart(analysis),
                "guidance": guidance_for(analysis),
                "bands": gaps.band_thresholds(),
                "ours_label": ours.name,
                "theirs_label": theirs.name,
            }
        )
    return render(request, "plans/country_compare.html", context)

from django import forms
from django.db.models import Q

from countries.models import Country, CountryQuerySet


class SearchInput(forms.TextInput):
    input_type = "search"


class CountrySearchForm(forms.Form):
    """The search box and kind filter above the country list (a GET form)."""

    q = forms.CharField(
        label="Name, dataset label or code",
        max_length=100,
        required=False,
        widget=SearchInput(attrs={"placeholder": "e.g. Viet, U.S.A. or DEU"}),
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "All kinds"), *Country.Kind.choices],
        required=False,
    )

    def filter_countries(self, countries: CountryQuerySet) -> CountryQuerySet:
        """Narrow `countries` to what the (valid) form asks for; case-insensitive."""
        query = self.cleaned_data.get("q", "").strip()
        if query:
            countries = countries.filter(
                Q(name__icontains=query)
                | Q(dataset_label__icontains=query)
                | Q(code__icontains=query)
            )
        if kind := self.cleaned_data.get("kind"):
            countries = countries.filter(kind=kind)
        return countries

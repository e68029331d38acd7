from django import forms

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
        """Narrow `countries` to what the (valid) form asks for; case and accents do not matter.

        Every word of the query must appear, each anywhere in the name, label or code.
        """
        countries = countries.search(self.cleaned_data.get("q", ""))
        if kind := self.cleaned_data.get("kind"):
            countries = countries.filter(kind=kind)
        return countries

"""A folded search column on countries (core.text.fold), filled for the rows that exist."""

from django.db import migrations, models

from core.text import fold_parts


def fill_search_text(apps, schema_editor) -> None:
    Country = apps.get_model("countries", "Country")
    countries = list(Country.objects.all())
    for country in countries:
        country.search_text = fold_parts(country.name, country.dataset_label, country.code)
    Country.objects.bulk_update(countries, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("countries", "0003_history_baseline")]

    operations = [
        migrations.AddField(
            model_name="country",
            name="search_text",
            field=models.TextField(
                default="",
                editable=False,
                help_text="The searchable fields folded (no case, no accents); kept by save().",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]

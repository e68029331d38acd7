"""Folded search columns on counterparties and people (core.text.fold), filled for existing rows."""

from django.db import migrations, models

from core.text import fold_parts


def fill_search_text(apps, schema_editor) -> None:
    # Read each table whole before writing: SQLite does not isolate a running read
    # from writes on the same connection. Tens of thousands of rows fit in memory.
    sources = {"Counterparty": ("name", "industry", "city"), "Person": ("name", "title")}
    for model_name, fields in sources.items():
        model = apps.get_model("counterparties", model_name)
        rows = list(model.objects.only(*fields))
        for row in rows:
            row.search_text = fold_parts(*(getattr(row, field) for field in fields))
        model.objects.bulk_update(rows, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("counterparties", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="counterparty",
            name="search_text",
            field=models.TextField(
                default="",
                editable=False,
                help_text="The searchable fields folded (no case, no accents); kept by save().",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(
                default="",
                editable=False,
                help_text="The searchable fields folded (no case, no accents); kept by save().",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]

"""Give rows that existed before the change history a first version, so they can be reverted to."""

from django.db import migrations
from django.utils import timezone


def record_baseline(apps, schema_editor, app_label: str, model_names: tuple[str, ...]) -> None:
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        recorded = set(historical.objects.values_list("id", flat=True).distinct())
        fields = [f.attname for f in model._meta.concrete_fields]
        historical.objects.bulk_create(
            [
                historical(
                    **{field: getattr(row, field) for field in fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason="Version before the change history started",
                )
                for row in model.objects.exclude(pk__in=recorded)
            ],
            batch_size=500,
        )


def forwards(apps, schema_editor):
    record_baseline(apps, schema_editor, "countries", ("ScoreEdition", "Country", "CountryScore"))


class Migration(migrations.Migration):
    dependencies = [("countries", "0002_history")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

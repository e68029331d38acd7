"""Give the seeded guidance texts and library questions a first version in their history."""

import importlib

from django.db import migrations

baseline = importlib.import_module("countries.migrations.0003_history_baseline")


def forwards(apps, schema_editor):
    baseline.record_baseline(apps, schema_editor, "plans", ("GapGuidance", "QuestionTemplate"))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_history"),
        ("countries", "0003_history_baseline"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

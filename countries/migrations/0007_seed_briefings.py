"""Write the shipped briefings for the countries that already exist.

On a fresh database there are no countries yet: the Hofstede loader writes the briefings
when it creates them (countries.loader.load_scores). Either way a country that already has
a briefing keeps it.
"""

from django.db import migrations

from countries.briefing_seed import seed_briefings


def forwards(apps, schema_editor):
    seed_briefings(apps)


class Migration(migrations.Migration):
    dependencies = [("countries", "0006_briefings")]

    # Reversing leaves the briefings alone; reversing 0004 drops them with their tables.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

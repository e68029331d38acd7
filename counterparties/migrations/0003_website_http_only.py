"""Websites are web pages: http:// or https:// only, checked by the model and the database.

URLField used to accept ftp:// and ftps:// too (through the plan import or the admin).
Such a value is moved into the counterparty's notes, so nothing typed is lost, before
the check constraint is added.
"""

import django.core.validators
from django.db import migrations, models
from django.db.models import Q

WEB = Q(website="") | Q(website__istartswith="http://") | Q(website__istartswith="https://")


def move_other_addresses_to_notes(apps, schema_editor):
    Counterparty = apps.get_model("counterparties", "Counterparty")
    for counterparty in Counterparty.objects.exclude(WEB).only("pk", "website", "notes"):
        note = f"Website (not a web page address): {counterparty.website}"
        counterparty.notes = f"{counterparty.notes}\n\n{note}" if counterparty.notes else note
        counterparty.website = ""
        counterparty.save(update_fields=["website", "notes"])


class Migration(migrations.Migration):
    dependencies = [
        ("counterparties", "0002_search_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="counterparty",
            name="website",
            field=models.URLField(
                blank=True,
                max_length=300,
                validators=[
                    django.core.validators.URLValidator(
                        code="not_a_web_page",
                        message="Enter a web address starting with http:// or https://.",
                        schemes=["http", "https"],
                    )
                ],
            ),
        ),
        migrations.RunPython(move_other_addresses_to_notes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="counterparty",
            constraint=models.CheckConstraint(
                condition=WEB,
                name="counterparties_website_is_http",
                violation_error_message="Enter a web address starting with http:// or https://.",
            ),
        ),
    ]

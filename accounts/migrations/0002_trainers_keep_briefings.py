"""Give the existing Trainers group the permissions on country briefings.

New trainers get them from accounts.services.trainers_group_sync; a group created before
the briefings existed would otherwise lack them until someone ran create_trainer again.
Django creates permissions only after all migrations have run, so they are created here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS_GROUP = "Trainers"
MODELS = ("countrybriefing", "briefingsection")


def _briefing_permissions(apps):
    config = apps.get_app_config("countries")
    # create_permissions skips an app without a models module, which is what an app in a
    # migration's state looks like; pretend for the call, then put it back.
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True
    try:
        create_permissions(config, apps=apps, verbosity=0)
    finally:
        config.models_module = models_module
    permission = apps.get_model("auth", "Permission")
    return permission.objects.filter(
        content_type__app_label="countries", content_type__model__in=MODELS
    )


def forwards(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=TRAINERS_GROUP).first()
    if group is not None:
        group.permissions.add(*_briefing_permissions(apps))


def backwards(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=TRAINERS_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="countries", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("countries", "0006_briefings"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

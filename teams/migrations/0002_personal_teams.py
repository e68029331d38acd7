"""Give every existing user a personal team, with them as its admin.

Users who already have one are left alone, so running it again changes nothing.
Reversing it changes nothing either: the personal teams stay (they are the users' own,
and 0001 reversed removes the tables anyway).
"""

from django.conf import settings
from django.db import migrations


def create_personal_teams(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Team = apps.get_model("teams", "Team")
    Membership = apps.get_model("teams", "Membership")
    without = User.objects.filter(personal_team__isnull=True).order_by("pk")
    for user in without.iterator():
        team = Team.objects.create(
            name=f"Personal ({user.username})"[:200], is_personal=True, personal_owner=user
        )
        Membership.objects.create(team=team, user=user, role="admin")


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(create_personal_teams, migrations.RunPython.noop)]

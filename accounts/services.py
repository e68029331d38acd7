from django.contrib.auth.models import Group, Permission, User

from accounts.models import NegotiatorProfile
from teams.services import team_create_personal

TRAINERS_GROUP = "Trainers"
# Reference data that trainers maintain: app label -> model names. Negotiators' own
# data (counterparties, people, plans) is deliberately absent.
TRAINER_MODELS: dict[str, tuple[str, ...]] = {
    "countries": (
        "country",
        "scoreedition",
        "countryscore",
        "countrybriefing",
        "briefingsection",
    ),
    "plans": ("gapguidance", "questiontemplate"),
}


def profile_for(user: User) -> NegotiatorProfile:
    """The user's profile, created empty on first use."""
    profile, _ = NegotiatorProfile.objects.select_related("home_country").get_or_create(user=user)
    return profile


def trainers_group_sync() -> Group:
    """Create or refresh the Trainers group with permissions on reference data only."""
    group, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    permissions = Permission.objects.none()
    for app_label, models in TRAINER_MODELS.items():
        permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    group.permissions.set(permissions)
    return group


def trainer_create_or_promote(
    *, username: str, email: str = "", password: str | None = None
) -> tuple[User, bool]:
    """Make `username` a staff member of Trainers (never a superuser); returns (user, created).

    The trainer gets a personal team (if they have none), as every user made by sign-up does.
    """
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
    user.is_staff = True
    user.save()
    user.groups.add(trainers_group_sync())
    team_create_personal(user=user)
    return user, created

"""A country's briefing as pages show it: one function, one frozen object, one include.

The country page, stage 1 and the admin's preview all render
``templates/includes/country_briefing.html`` from what ``briefing_for`` returns.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch
from django.urls import reverse

from countries.models import BRIEFING_CAUTION, BriefingSection, Country, CountryBriefing


@dataclass(frozen=True)
class BriefingPanel:
    country: Country
    briefing: CountryBriefing | None
    sections: tuple[BriefingSection, ...]
    # The admin page where this user may add or edit the briefing; None for negotiators.
    edit_url: str | None = None
    # Sections shown open (the admin's previews); pages leave them all closed.
    open_kinds: frozenset[str] = frozenset()
    caution: str = BRIEFING_CAUTION

    @property
    def missing_kinds(self) -> list[str]:
        """The names of the sections nobody has written yet, in reading order."""
        present = {section.kind for section in self.sections}
        return [label for kind, label in BriefingSection.Kind.choices if kind not in present]


def may_edit_briefings(user: User | AnonymousUser | None) -> bool:
    """Trainers (staff with the permission). Queries the user's permissions once, for staff."""
    return bool(
        user is not None
        and user.is_staff
        and user.has_perm("countries.add_countrybriefing")
        and user.has_perm("countries.change_countrybriefing")
    )


def briefing_panel(
    country: Country,
    briefing: CountryBriefing | None,
    sections: list[BriefingSection] | tuple[BriefingSection, ...],
    *,
    user: User | AnonymousUser | None = None,
    open_kinds: set[str] | frozenset[str] = frozenset(),
) -> BriefingPanel:
    """The panel for a briefing already in hand (the admin preview passes unsaved rows)."""
    edit_url = None
    if may_edit_briefings(user):
        if briefing is not None and briefing.pk is not None:
            edit_url = reverse("admin:countries_countrybriefing_change", args=[briefing.pk])
        else:
            edit_url = f"{reverse('admin:countries_countrybriefing_add')}?country={country.pk}"
    return BriefingPanel(
        country=country,
        briefing=briefing,
        sections=tuple(sections),
        edit_url=edit_url,
        open_kinds=frozenset(open_kinds),
    )


def briefing_for(country: Country, *, user: User | AnonymousUser | None = None) -> BriefingPanel:
    """The country's briefing with its sections in reading order: two queries (one if none).

    Pass `user` to offer trainers a link to the admin.
    """
    found = (
        CountryBriefing.objects.filter(country=country)
        .order_by()
        .prefetch_related(
            Prefetch("sections", queryset=BriefingSection.objects.in_reading_order())
        )[:1]
    )
    briefing = found[0] if found else None
    sections = list(briefing.sections.all()) if briefing is not None else []
    if briefing is not None:
        briefing.country = country  # already in hand; no query for it in the template
    return briefing_panel(country, briefing, sections, user=user)


def briefing_sources() -> list[tuple[str, list[str]]]:
    """Every named source of every briefing section, by country, for the About page.

    Countries by name, each source once, in the order first named. One query.
    """
    by_country: dict[str, list[str]] = {}
    rows = BriefingSection.objects.in_reading_order(
        "briefing__country__name", "briefing_id"
    ).values_list("briefing__country__name", "sources")
    for country, sources in rows:
        named = by_country.setdefault(country, [])
        for line in sources.splitlines():
            if line.strip() and line.strip() not in named:
                named.append(line.strip())
    return list(by_country.items())

"""Which of the user's counterparties and people an imported plan file means.

Plain functions on names: the import preview proposes a counterparty and shows which of
the file's people match people already recorded; the import then attaches by the same
rules. Nothing here queries the database.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    name: str


class CounterpartyLike(Named, Protocol):
    pk: int | None
    country_id: int


P = TypeVar("P", bound=Named)
C = TypeVar("C", bound=CounterpartyLike)


def name_key(name: str) -> str:
    """A name as people are matched: trimmed, inner spaces collapsed, case ignored.

    Accents count: "Lê" and "Lệ" may well be two different people.
    """
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def loose_key(name: str) -> str:
    """A name as counterparties are proposed: like name_key, and accents ignored too.

    Only a proposal, which the user confirms: "Cong ty Det May" finds "Công ty Dệt May".
    """
    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Candidate(Generic[C]):
    """One of the user's counterparties, as a home for the imported plan."""

    counterparty: C
    same_name: bool
    same_country: bool

    @property
    def proposed(self) -> bool:
        return self.same_name and self.same_country


def rank_counterparties(
    name: str, country_id: int, counterparties: Sequence[C]
) -> list[Candidate[C]]:
    """The user's counterparties, the likeliest first: same name and country, then the
    same country, then the same name elsewhere, then the rest; by name within each."""
    wanted = loose_key(name)
    candidates = [
        Candidate(c, same_name=loose_key(c.name) == wanted, same_country=c.country_id == country_id)
        for c in counterparties
    ]
    return sorted(
        candidates,
        key=lambda c: (
            not c.proposed,
            not c.same_country,
            not c.same_name,
            name_key(c.counterparty.name),
            c.counterparty.pk or 0,
        ),
    )


def match_people(incoming: Sequence[tuple[str, str]], existing: Sequence[P]) -> dict[str, P | None]:
    """Each (ref, name) from the file -> the existing person of that name, or None (new).

    One to one, in the file's order: two people of the same name in the file are matched
    to two existing people of that name, never both to one; extra ones are new.
    """
    free: dict[str, list[P]] = {}
    for person in existing:
        free.setdefault(name_key(person.name), []).append(person)
    matched: dict[str, P | None] = {}
    for ref, name in incoming:
        same = free.get(name_key(name))
        matched[ref] = same.pop(0) if same else None
    return matched


@dataclass(frozen=True)
class PersonMatch(Generic[P]):
    """One of the file's people, and the existing person it is matched to (None: new)."""

    incoming: P
    existing: P | None


def person_matches(incoming: Sequence[tuple[str, P]], existing: Sequence[P]) -> list[PersonMatch]:
    """match_people for display: every (ref, person) of the file with its match."""
    matched = match_people([(ref, person.name) for ref, person in incoming], existing)
    return [PersonMatch(person, matched[ref]) for ref, person in incoming]

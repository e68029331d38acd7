"""The counterparty's culture, dimension by dimension: national score beside its adjustment."""

from collections.abc import Iterable
from dataclasses import dataclass

from counterparties.models import CultureAdjustment
from countries.dimensions import DIMENSIONS, Dimension
from countries.models import CountryScore


@dataclass(frozen=True)
class CultureRow:
    dimension: Dimension
    national: int | None
    adjusted: int | None
    reason: str

    @property
    def is_adjusted(self) -> bool:
        return self.adjusted is not None


def national_scores(country_score: CountryScore | None) -> dict[str, int | None]:
    """Scores per dimension code; every code is present, None where the data has no score."""
    if country_score is None:
        return {d.code: None for d in DIMENSIONS}
    return country_score.scores()


def culture_rows(
    *, national: dict[str, int | None], adjustments: Iterable[CultureAdjustment]
) -> list[CultureRow]:
    """One row per dimension, in the standard order."""
    by_code = {a.dimension: a for a in adjustments}
    rows = []
    for dimension in DIMENSIONS:
        adjustment = by_code.get(dimension.code)
        rows.append(
            CultureRow(
                dimension=dimension,
                national=national.get(dimension.code),
                adjusted=adjustment.score if adjustment else None,
                reason=adjustment.reason if adjustment else "",
            )
        )
    return rows

"""Fetch the scores a gap analysis needs, then hand plain values to plans.gaps."""

from accounts.models import NegotiatorProfile
from countries.dimensions import DIMENSION_CODES
from countries.models import Country, CountryScore, ScoreEdition
from plans.gaps import GapAnalysis, analyse_gap, population_variances
from plans.models import GapGuidance, Plan


def edition_variances(edition: ScoreEdition) -> dict[str, float | None]:
    """Population variance per dimension over all rows of `edition` (one query)."""
    rows = CountryScore.objects.filter(edition=edition).values(*DIMENSION_CODES)
    return population_variances(rows)


def national_scores(country: Country, edition: ScoreEdition) -> dict[str, int | None]:
    """The country's scores in `edition`; all None when it has no row there.

    Queries unless the country came from `Country.objects.with_scores(edition)`.
    """
    row = country.score_in(edition)
    return row.scores() if row else dict.fromkeys(DIMENSION_CODES)


def plan_gap_analysis(
    plan: Plan, profile: NegotiatorProfile | None, variances: dict[str, float | None]
) -> GapAnalysis:
    """The plan's gap: our side (country + personal scores if chosen) vs theirs (+ adjustments).

    Expects `plan.counterparty.adjustments` prefetched to avoid a query.
    """
    personal = None
    if plan.use_personal_scores and profile is not None:
        personal = profile.scores()
    return analyse_gap(
        national_scores(plan.our_country, plan.edition),
        national_scores(plan.counterparty.country, plan.edition),
        variances,
        ours_override=personal,
        theirs_override=plan.counterparty.adjusted_scores(),
    )


def guidance_for(analysis: GapAnalysis) -> dict[str, GapGuidance]:
    """The guidance text for every gap that needs one, keyed by dimension code (one query)."""
    wanted = [g for g in analysis.gaps if g.needs_guidance]
    if not wanted:
        return {}
    texts = {
        (t.dimension, t.direction, t.band): t
        for t in GapGuidance.objects.filter(dimension__in=[g.dimension.code for g in wanted])
    }
    found = {}
    for gap in wanted:
        text = texts.get((gap.dimension.code, str(gap.direction), str(gap.band)))
        if text is not None:
            found[gap.dimension.code] = text
    return found

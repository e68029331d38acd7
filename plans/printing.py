"""Everything the print view, the PDF and the one-page brief show, fetched in one go.

`plan_for_print` loads a plan with all its stages in a fixed number of queries;
`print_context` turns it into what the templates display. The sections a user can
tick are declared once, in SECTIONS; confidential ones are off unless ticked.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import NegotiatorProfile
from core.money import format_money
from counterparties.models import Person
from plans import gaps, goals
from plans.charts import grouped_chart
from plans.culture import edition_variances, guidance_for, plan_gap_analysis
from plans.filenames import download_filename, original_filename
from plans.models import Answer, LearnItem, Occasion, Plan, RoadmapStep

# The brief must fit one page whatever the plan holds: it shows at most this many of
# each list, and cuts long texts (the full print keeps everything).
BRIEF_GAPS = 3
BRIEF_QUESTIONS = 10
BRIEF_LEARN = 4
BRIEF_PEOPLE = 3
BRIEF_KEEP = 4
BRIEF_LINE = 140  # characters of one line of text in the brief


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    help_text: str
    confidential: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("deal", "The deal", "Counterparty, values, dates and the deal summary."),
    Section("gap", "Stage 1: cultural gap", "Scores, chart, distance, guidance and your notes."),
    Section("goals", "Stage 2: goals", "Signals, stance, roadmap and what to say early."),
    Section(
        "positions",
        "Our target and walk-away point",
        "Confidential: our target, walk-away point and our estimate of theirs.",
        confidential=True,
    ),
    Section(
        "relationship",
        "Stage 3: relationship plan",
        "What to learn and tell, questions, occasions, their people and who decides.",
    ),
    Section(
        "keep",
        "What we keep to ourselves",
        "Confidential: the list of things we will not share.",
        confidential=True,
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
DEFAULT_SECTIONS = frozenset(s.key for s in SECTIONS if not s.confidential)
CONFIDENTIAL_SECTIONS = frozenset(s.key for s in SECTIONS if s.confidential)


class Layout:
    FULL = "full"
    BRIEF = "brief"
    CHOICES = [(FULL, "The full plan"), (BRIEF, "One-page meeting brief")]


class Paper:
    """Paper size of the PDF; the browser's print dialog chooses its own."""

    A4 = "a4"
    LETTER = "letter"
    CHOICES = [(A4, "A4"), (LETTER, "US Letter")]


@dataclass(frozen=True)
class PrintOptions:
    layout: str = Layout.FULL
    sections: frozenset[str] = DEFAULT_SECTIONS
    paper: str = Paper.A4

    @property
    def is_brief(self) -> bool:
        return self.layout == Layout.BRIEF

    @property
    def confidential(self) -> bool:
        return bool(self.sections & CONFIDENTIAL_SECTIONS)

    @property
    def confidential_titles(self) -> list[str]:
        """The titles of the confidential sections chosen, in the order of SECTIONS."""
        return [s.title for s in SECTIONS if s.confidential and s.key in self.sections]

    def includes(self) -> dict[str, bool]:
        """Section key -> shown, for the templates."""
        return {key: key in self.sections for key in SECTION_KEYS}


def plan_queryset(user) -> QuerySet[Plan]:
    """The user's plans with everything printing needs, in a fixed number of queries."""
    return (
        Plan.objects.owned_by(user)
        .with_stages()
        .prefetch_related(
            Prefetch("counterparty__people", queryset=Person.objects.order_by("name", "pk")),
            "keep_items",
        )
    )


def plan_for_print(user, pk: int) -> Plan:
    """The user's plan `pk` with its stages prefetched; 404 for anyone else's."""
    return get_object_or_404(plan_queryset(user), pk=pk)


def _brief_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BRIEF_LINE else text[: BRIEF_LINE - 1].rstrip() + "…"


@dataclass(frozen=True)
class BriefGap:
    name: str
    gap: int
    band: str
    in_words: str
    advice: str


def brief_gaps(analysis: gaps.GapAnalysis, guidance: dict) -> list[BriefGap]:
    """The largest gaps with one line of advice each (the first sentence, cut to a line)."""
    found = []
    for gap in analysis.ranked()[:BRIEF_GAPS]:
        text = guidance.get(gap.dimension.code)
        advice = text.advice.split(". ")[0].rstrip(".") + "." if text else ""
        found.append(
            BriefGap(
                name=gap.dimension.name,
                gap=gap.gap,
                band=str(gap.band),
                in_words=gap.in_words,
                advice=_brief_line(advice),
            )
        )
    return found


@dataclass(frozen=True)
class SignalRow:
    question: str
    pushes: str
    answer: str
    note: str


@dataclass(frozen=True)
class StepRow:
    step: RoadmapStep
    running_total: Decimal


def signal_rows(assessment) -> list[SignalRow]:
    """Each signal with its answer in words ("not answered" when blank)."""
    labels = dict(Answer.choices)
    answers = assessment.answers() if assessment else {}
    notes = assessment.notes() if assessment else {}
    return [
        SignalRow(
            question=signal.question,
            pushes=signal.pushes,
            answer=labels.get(answers.get(signal.key, ""), "not answered"),
            note=notes.get(signal.key, ""),
        )
        for signal in goals.SIGNALS
    ]


def next_occasion(occasions: list[Occasion], today: datetime.date) -> Occasion | None:
    """The first occasion from today on; else the first without a date; else none."""
    upcoming = [o for o in occasions if o.held_on is not None and o.held_on >= today]
    if upcoming:
        return min(upcoming, key=lambda o: o.held_on)
    undated = [o for o in occasions if o.held_on is None]
    return undated[0] if undated else None


def roadmap_line(plan: Plan, steps: list) -> str:
    """The test order and roadmap in one line: '$50,000 test order → Step ($…) → …'."""

    def money(amount: Decimal) -> str:
        return format_money(amount, plan.currency)

    parts = []
    if plan.first_order_value is not None:
        parts.append(f"{money(plan.first_order_value)} test order")
    parts += [f"{_brief_line(s.title)[:60]} ({money(s.value)})" for s in steps]
    if plan.total_deal_value is not None:
        parts.append(f"total deal {money(plan.total_deal_value)}")
    return " → ".join(parts)


def print_context(plan: Plan, profile: NegotiatorProfile | None, options: PrintOptions) -> dict:
    """What the print templates display for `plan` with `options`. Expects `plan_for_print`."""
    analysis = plan_gap_analysis(plan, profile, edition_variances(plan.edition))
    guidance = guidance_for(analysis)
    people = list(plan.counterparty.people.all())
    today = timezone.localdate()
    assessment = getattr(plan, "goal_assessment", None)
    stance = goals.assess(
        assessment.answers() if assessment else {}, assessment.notes() if assessment else {}
    )
    steps = list(plan.roadmap_steps.all())
    totals = goals.roadmap_totals(
        [s.value for s in steps],
        deal_total=plan.total_deal_value,
        first_order=plan.first_order_value,
        currency=plan.currency,
    )
    belief = getattr(plan, "decision_belief", None)
    decider = belief.current_person() if belief else None
    learn_items = list(plan.learn_items.all())
    questions = list(plan.questions.all())
    occasions = list(plan.occasions.all())
    coming = next_occasion(occasions, today)
    open_learning = [i for i in learn_items if i.status != LearnItem.Status.LEARNED]
    to_ask = [q for q in questions if not q.asked]
    keep_items = list(plan.keep_items.all())
    return {
        "plan": plan,
        "options": options,
        "show": options.includes(),
        "printed_on": timezone.localdate(),
        "analysis": analysis,
        "chart": grouped_chart(analysis),
        "guidance": guidance,
        "bands": gaps.band_thresholds(),
        "ours_label": f"Your side ({plan.our_country.name})",
        "theirs_label": f"{plan.counterparty.name} ({plan.counterparty.country.name})",
        "personal_used": any(g.ours_adjusted for g in analysis.gaps),
        "adjusted_used": any(g.theirs_adjusted for g in analysis.gaps),
        "people": people,
        "adjustments": sorted(plan.counterparty.adjustments.all(), key=lambda a: a.dimension),
        "assessment": assessment,
        "stance": stance,
        "spectrum": goals.spectrum_geometry(stance.position),
        "signals": signal_rows(assessment),
        "steps": [StepRow(s, t) for s, t in zip(steps, totals.running, strict=True)],
        "roadmap": totals,
        "say_early": list(plan.say_early_items.all()),
        "learn_items": learn_items,
        "tell_items": list(plan.tell_items.all()),
        "keep_items": keep_items,
        "questions": questions,
        "occasions": occasions,
        "belief": belief,
        "decider": decider,
        "brief_gaps": brief_gaps(analysis, guidance),
        "brief_roadmap": _brief_line_long(roadmap_line(plan, steps)),
        "brief_questions": to_ask[:BRIEF_QUESTIONS],
        "brief_questions_more": max(0, len(to_ask) - BRIEF_QUESTIONS),
        "brief_occasion": coming,
        "brief_learn": open_learning[:BRIEF_LEARN],
        "brief_learn_more": max(0, len(open_learning) - BRIEF_LEARN),
        "brief_people": _brief_people(people, decider),
        "brief_keep": keep_items[:BRIEF_KEEP],
        "brief_keep_more": max(0, len(keep_items) - BRIEF_KEEP),
    }


def _brief_line_long(text: str) -> str:
    """Two lines' worth: the roadmap may name several steps."""
    limit = BRIEF_LINE * 3
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _brief_people(people: list[Person], decider: Person | None) -> list[Person]:
    """Who decides first, then the other decision-makers and influencers, at most a few."""
    ranked = [decider] if decider else []
    wanted = (Person.Role.DECISION_MAKER, Person.Role.INFLUENCER)
    ranked += [p for p in people if p.role in wanted and p != decider]
    return ranked[:BRIEF_PEOPLE]


def pdf_filenames(plan: Plan, day: datetime.date, options: PrintOptions) -> tuple[str, str]:
    """(ASCII file name, original file name) for the PDF of `plan` printed on `day`."""
    parts = [plan.counterparty.name, plan.title]
    if options.is_brief:
        parts.append("brief")
    if options.confidential:
        parts.append("CONFIDENTIAL")
    return (
        download_filename(*parts, day=day, extension="pdf"),
        original_filename(*parts, day=day, extension="pdf"),
    )

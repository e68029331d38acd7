"""A plan as a JSON file: export with everything in its stages, import into one's own account.

The format is documented in docs/export-format.md. Import validates the whole file
before it writes anything (types, lengths, choices, ranges, references, cross-field
rules) and then writes in one transaction; it only ever creates objects owned by the
importing user (a new plan, and a new counterparty with its people or new people added
to one of the user's own counterparties) and changes nothing that exists.
"""

import datetime
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import Country, ScoreEdition
from plans import goals
from plans.gaps import GapAnalysis
from plans.import_matching import match_people
from plans.models import (
    DecisionMakerBelief,
    GoalAssessment,
    KeepItem,
    LearnItem,
    Occasion,
    Plan,
    PlanQuestion,
    QuestionTemplate,
    RoadmapStep,
    SayEarlyItem,
    TellItem,
)

FORMAT = "negotiation-prep.plan"
VERSION = 1
MAX_IMPORT_BYTES = 1_000_000
MAX_DEPTH = 8  # the format itself nests 5 deep (file > plan > occasions > item > attendees)
MAX_ERRORS = 20
REF_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass(frozen=True)
class Part:
    """One model in the file: its JSON key, the model fields carried as they are, and limits."""

    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    many: bool = True
    max_items: int = 200
    unique: tuple[str, ...] = ()  # fields that must not repeat within the list
    # Fields deliberately left out of the file (ids, owners, parents, timestamps, counters).
    skipped: tuple[str, ...] = ()


COUNTERPARTY = Part(
    "counterparty",
    Counterparty,
    ("name", "industry", "city", "website", "notes"),
    many=False,
    skipped=("id", "owner", "country", "created_at", "updated_at", "search_text"),
)
ADJUSTMENTS = Part(
    "culture_adjustments",
    CultureAdjustment,
    ("dimension", "score", "reason"),
    max_items=6,
    unique=("dimension",),
    skipped=("id", "counterparty"),
)
PEOPLE = Part(
    "people",
    Person,
    ("name", "title", "role", "seniority", "inner_circle", "introduced_by", "notes"),
    skipped=("id", "counterparty", "created_at", "updated_at", "search_text"),
)
PLAN = Part(
    "plan",
    Plan,
    (
        "title",
        "use_personal_scores",
        "deal_summary",
        "currency",
        "total_deal_value",
        "first_order_value",
        "first_meeting_on",
        "status",
        "gap_notes",
        "gap_saved_at",
        "goals_saved_at",
        "relationship_saved_at",
    ),
    many=False,
    skipped=(
        "id",
        "owner",
        "counterparty",
        "our_country",
        "edition",
        "created_at",
        "updated_at",
        "goals_version",
        "relationship_version",
    ),
)
GOALS = Part(
    "goals",
    GoalAssessment,
    tuple(
        [name for key in goals.SIGNAL_KEYS for name in (key, f"{key}_note")]
        + list(GoalAssessment.CONFIDENTIAL_FIELDS)
    ),
    many=False,
    skipped=("id", "plan"),
)
ROADMAP = Part(
    "roadmap_steps",
    RoadmapStep,
    ("position", "title", "value", "target_on", "move_on_when"),
    max_items=100,
    skipped=("id", "plan"),
)
SAY_EARLY = Part(
    "say_early_items",
    SayEarlyItem,
    ("topic", "what_we_will_say", "said"),
    max_items=len(SayEarlyItem.Topic.choices),
    unique=("topic",),
    skipped=("id", "plan"),
)
LEARN = Part(
    "learn_items",
    LearnItem,
    ("topic", "why_it_matters", "source", "due_on", "status", "learned"),
    skipped=("id", "plan"),
)
TELL = Part("tell_items", TellItem, ("topic", "message", "when", "to_whom"), skipped=("id", "plan"))
KEEP = Part("keep_items", KeepItem, ("topic", "notes"), skipped=("id", "plan"))
QUESTIONS = Part(
    "questions",
    PlanQuestion,
    ("text", "position", "asked", "answer"),
    skipped=("id", "plan", "source"),
)
OCCASIONS = Part(
    "occasions",
    Occasion,
    ("kind", "held_on", "place", "our_attendees", "objectives", "watch_for", "observed"),
    skipped=("id", "plan", "their_attendees"),
)
DECISION = Part(
    "decision_maker",
    DecisionMakerBelief,
    ("confidence", "evidence"),
    many=False,
    # The note that a believed decision-maker was deleted belongs to this copy of the plan.
    skipped=("id", "plan", "person", "removed_person_name", "person_removed_at"),
)
PLAN_LISTS = (ROADMAP, SAY_EARLY, LEARN, TELL, KEEP, QUESTIONS, OCCASIONS)
ALL_PARTS = (COUNTERPARTY, ADJUSTMENTS, PEOPLE, PLAN, GOALS, DECISION, *PLAN_LISTS)


class ImportFailed(Exception):
    """The file cannot be imported; `errors` says why, one readable message each."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# Export ------------------------------------------------------------------------------


def _value_out(model_field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(model_field, models.DecimalField):
        return str(value)
    if isinstance(model_field, models.DateTimeField):
        return value.isoformat()
    if isinstance(model_field, models.DateField):
        return value.isoformat()
    return value


def _fields_out(part: Part, obj: models.Model) -> dict[str, Any]:
    meta = part.model._meta
    return {name: _value_out(meta.get_field(name), getattr(obj, name)) for name in part.fields}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def computed_results(analysis: GapAnalysis, plan: Plan) -> dict[str, Any]:
    """The figures the app derives from the plan, for readers of the file; import ignores them."""
    assessment = getattr(plan, "goal_assessment", None)
    stance = goals.assess(
        assessment.answers() if assessment else {}, assessment.notes() if assessment else {}
    )
    steps = list(plan.roadmap_steps.all())
    roadmap = goals.roadmap_totals(
        [s.value for s in steps],
        deal_total=plan.total_deal_value,
        first_order=plan.first_order_value,
        currency=plan.currency,
    )
    return {
        "gaps": [
            {
                "dimension": g.dimension.code,
                "ours": g.ours,
                "theirs": g.theirs,
                "gap": g.gap,
                "band": None if g.band is None else str(g.band),
                "direction": None if g.direction is None else str(g.direction),
                "ours_personal": g.ours_adjusted,
                "theirs_adjusted": g.theirs_adjusted,
            }
            for g in analysis.gaps
        ],
        "kogut_singh": {
            "index": _round(analysis.kogut_singh),
            "euclidean": _round(analysis.euclidean),
            "dimensions_used": analysis.dimensions_used,
            "dimensions_total": analysis.dimensions_total,
            "variance": "population variance over every row of the score edition",
        },
        "stance": {
            "key": stance.key,
            "label": stance.label,
            "position": stance.position,
            "relationship_required": stance.relationship_required,
            "towards_relationship": [r.signal.key for r in stance.towards_relationship],
            "towards_transaction": [r.signal.key for r in stance.towards_transaction],
            "unsure": [r.signal.key for r in stance.unsure],
        },
        "roadmap": {
            "steps_total": str(roadmap.total),
            "difference_from_deal": None if roadmap.difference is None else str(roadmap.difference),
            "warnings": list(roadmap.warnings),
        },
    }


def plan_export(plan: Plan, analysis: GapAnalysis) -> dict[str, Any]:
    """The plan as a JSON-ready dict. Expects `printing.plan_queryset` prefetches."""
    counterparty = plan.counterparty
    people = list(counterparty.people.all())
    refs = {person.pk: f"person-{index}" for index, person in enumerate(people, start=1)}

    def person_ref(person_id: int | None) -> str | None:
        return refs.get(person_id)

    plan_data = _fields_out(PLAN, plan)
    plan_data["our_country"] = plan.our_country.code
    plan_data["edition"] = plan.edition.name
    assessment = getattr(plan, "goal_assessment", None)
    plan_data["goals"] = _fields_out(GOALS, assessment) if assessment else None
    belief = getattr(plan, "decision_belief", None)
    if belief is None:
        plan_data["decision_maker"] = None
    else:
        plan_data["decision_maker"] = {
            **_fields_out(DECISION, belief),
            "person": person_ref(belief.person_id),
        }
    for part in PLAN_LISTS:
        items = []
        for obj in getattr(plan, _RELATED[part.key]).all():
            item = _fields_out(part, obj)
            if part is QUESTIONS:
                item["library_question"] = obj.source.text if obj.source else None
            if part is OCCASIONS:
                attending = {p.pk for p in obj.their_attendees.all()}
                item["their_attendees"] = [refs[p.pk] for p in people if p.pk in attending]
            items.append(item)
        plan_data[part.key] = items

    counterparty_data = _fields_out(COUNTERPARTY, counterparty)
    counterparty_data["country"] = counterparty.country.code
    counterparty_data["culture_adjustments"] = [
        _fields_out(ADJUSTMENTS, a)
        for a in sorted(counterparty.adjustments.all(), key=lambda a: a.dimension)
    ]
    counterparty_data["people"] = [
        {"ref": refs[person.pk], **_fields_out(PEOPLE, person)} for person in people
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "plan": plan_data,
        "counterparty": counterparty_data,
        "computed": computed_results(analysis, plan),
    }


def plan_export_json(plan: Plan, analysis: GapAnalysis) -> str:
    return json.dumps(plan_export(plan, analysis), ensure_ascii=False, indent=2)


# The plan's reverse relation for each list part.
_RELATED = {
    "roadmap_steps": "roadmap_steps",
    "say_early_items": "say_early_items",
    "learn_items": "learn_items",
    "tell_items": "tell_items",
    "keep_items": "keep_items",
    "questions": "questions",
    "occasions": "occasions",
}


# Import: parsing ---------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = {}
    for key, value in pairs:
        if key in result:
            raise ImportFailed([f"The key “{key[:40]}” appears twice in one object."])
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ImportFailed([f"{name} is not a number this format accepts."])


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def parse(raw: bytes) -> dict[str, Any]:
    """The file's top-level object, or ImportFailed for anything that is not a sane JSON file."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed(
            [f"The file is {len(raw):,} bytes; the limit is {MAX_IMPORT_BYTES:,} bytes."]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(["The file is not UTF-8 text. Export the plan again."]) from None
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constants,
            parse_float=Decimal,
        )
    except RecursionError:
        raise ImportFailed(["The file is nested far too deeply to be a plan."]) from None
    except ValueError as error:  # JSONDecodeError, or an integer with too many digits
        raise ImportFailed([f"The file is not valid JSON ({error})."]) from None
    if not isinstance(data, dict):
        raise ImportFailed(["The file must hold one JSON object, the plan file."])
    if _depth(data) > MAX_DEPTH:
        raise ImportFailed(["The file is nested more deeply than a plan file can be."])
    if data.get("format") != FORMAT:
        raise ImportFailed(
            [f"This is not a Negotiation Prep plan file (its “format” is not “{FORMAT}”)."]
        )
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise ImportFailed(
            [
                f"The file is in version {str(version)[:20]} of the format; this app reads "
                f"version {VERSION}. Export the plan again from an up-to-date Negotiation Prep."
            ]
        )
    return data


# Import: validation ------------------------------------------------------------------


@dataclass
class Checker:
    """Collects readable errors with the path of each value, e.g. plan.roadmap_steps[2].title."""

    errors: list[str] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{path}: {message}")

    def object(self, value: Any, path: str, allowed: Iterable[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, "must be an object.")
            return None
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            self.add(path, f"unknown key “{unknown[0][:40]}”.")
        return value

    def items(self, value: Any, path: str, max_items: int) -> list[Any]:
        if not isinstance(value, list):
            self.add(path, "must be a list.")
            return []
        if len(value) > max_items:
            self.add(path, f"has {len(value)} items; at most {max_items} are allowed.")
            return []
        return value


def _type_ok(model_field: models.Field, value: Any) -> str | None:
    """None when `value` has the JSON type `model_field` takes, else what it should be."""
    if isinstance(model_field, models.BooleanField):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(model_field, models.DecimalField):
        ok = isinstance(value, str | Decimal) or (
            isinstance(value, int) and not isinstance(value, bool)
        )
        return None if ok else 'an amount such as "1500.00"'
    if isinstance(model_field, models.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "a whole number"
    if isinstance(model_field, models.DateTimeField):
        return (
            None
            if isinstance(value, str)
            else 'a date and time such as "2026-05-01T09:30:00+00:00"'
        )
    if isinstance(model_field, models.DateField):
        return None if isinstance(value, str) else 'a date such as "2026-05-01"'
    if isinstance(model_field, models.CharField | models.TextField):
        return None if isinstance(value, str) else "text"
    raise TypeError(f"no JSON type for {model_field!r}")


def _clean_value(model_field: models.Field, value: Any, path: str, check: Checker) -> Any:
    if value is None:
        if model_field.null:
            return None
        check.add(path, "must not be empty (null).")
        return None
    expected = _type_ok(model_field, value)
    if expected:
        check.add(path, f"must be {expected}.")
        return None
    if isinstance(value, str):
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            # The one normalisation the app's forms make: surrounding whitespace goes, so a
            # title of spaces is an empty title here as it is on the screen.
            value = value.strip()
        if "\x00" in value:
            check.add(path, "must not contain null characters.")
            return None
        if model_field.max_length is not None and len(value) > model_field.max_length:
            check.add(path, f"is {len(value)} characters long; at most {model_field.max_length}.")
            return None
    if isinstance(model_field, models.DecimalField) and isinstance(value, Decimal | int):
        value = str(value)
    try:
        cleaned = model_field.clean(value, None)
    except ValidationError as error:
        check.add(path, " ".join(error.messages))
        return None
    if isinstance(cleaned, datetime.datetime) and timezone.is_naive(cleaned):
        cleaned = timezone.make_aware(cleaned, datetime.UTC)
    return cleaned


def _clean_fields(part: Part, data: dict[str, Any], path: str, check: Checker) -> dict[str, Any]:
    """The part's model fields from `data`, cleaned by the model fields themselves."""
    meta = part.model._meta
    cleaned = {}
    for name in part.fields:
        model_field = meta.get_field(name)
        if name not in data:
            if model_field.has_default():
                cleaned[name] = model_field.get_default()
            elif model_field.null:
                cleaned[name] = None
            elif model_field.blank and isinstance(model_field, models.CharField | models.TextField):
                cleaned[name] = ""
            else:
                check.add(f"{path}.{name}", "is missing.")
            continue
        cleaned[name] = _clean_value(model_field, data[name], f"{path}.{name}", check)
    return cleaned


def _text(value: Any, path: str, check: Checker, max_length: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_length:
        check.add(path, f"must be text of at most {max_length} characters, or null.")
        return None
    return value


@dataclass
class Cleaned:
    """A whole file, validated: plain values ready to become model instances."""

    counterparty: dict[str, Any]
    country_code: str
    adjustments: list[dict[str, Any]]
    people: list[tuple[str, dict[str, Any]]]
    plan: dict[str, Any]
    our_country_code: str
    edition_name: str
    goals: dict[str, Any] | None
    decision: dict[str, Any] | None
    decision_person: str | None
    lists: dict[str, list[dict[str, Any]]]
    library_questions: list[str | None]
    attendees: list[list[str]]


def _clean_list(
    part: Part,
    container: dict[str, Any],
    path: str,
    check: Checker,
    extra: Callable[[dict[str, Any], str], None] | None = None,
    extra_keys: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    result = []
    seen: dict[str, set] = {name: set() for name in part.unique}
    for index, raw in enumerate(
        check.items(container.get(part.key, []), f"{path}.{part.key}", part.max_items)
    ):
        item_path = f"{path}.{part.key}[{index}]"
        item = check.object(raw, item_path, (*part.fields, *extra_keys))
        if item is None:
            continue
        cleaned = _clean_fields(part, item, item_path, check)
        for name in part.unique:
            if cleaned.get(name) in seen[name]:
                check.add(f"{item_path}.{name}", f"“{cleaned[name]}” appears more than once.")
            seen[name].add(cleaned.get(name))
        if extra:
            extra(item, item_path)
        result.append(cleaned)
    return result


def validate(data: dict[str, Any]) -> Cleaned:
    """Every value of the file checked against the models; ImportFailed lists what is wrong."""
    check = Checker()
    check.object(
        data, "file", ("format", "version", "exported_at", "plan", "counterparty", "computed")
    )
    if "computed" in data and not isinstance(data["computed"], dict):
        check.add("computed", "must be an object (it is ignored on import).")

    # The counterparty and its people.
    cp = check.object(
        data.get("counterparty"),
        "counterparty",
        (*COUNTERPARTY.fields, "country", "culture_adjustments", "people"),
    )
    cp = cp or {}
    counterparty = _clean_fields(COUNTERPARTY, cp, "counterparty", check)
    country_code = _text(cp.get("country"), "counterparty.country", check, 5)
    if country_code is None:
        check.add("counterparty.country", "give the country's code, e.g. “VNM”.")
    adjustments = _clean_list(ADJUSTMENTS, cp, "counterparty", check)
    people: list[tuple[str, dict[str, Any]]] = []
    refs: set[str] = set()
    for index, raw in enumerate(
        check.items(cp.get("people", []), "counterparty.people", PEOPLE.max_items)
    ):
        path = f"counterparty.people[{index}]"
        item = check.object(raw, path, ("ref", *PEOPLE.fields))
        if item is None:
            continue
        ref = item.get("ref")
        if not isinstance(ref, str) or not REF_PATTERN.fullmatch(ref):
            check.add(f"{path}.ref", "must be 1 to 40 letters, digits, '-' or '_'.")
            ref = None
        elif ref in refs:
            check.add(f"{path}.ref", f"“{ref}” is used by two people.")
        else:
            refs.add(ref)
        people.append((ref or "", _clean_fields(PEOPLE, item, path, check)))

    def person_ref(value: Any, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in refs:
            check.add(path, "must be the “ref” of one of the counterparty's people, or null.")
            return None
        return value

    # The plan and its stages.
    list_keys = tuple(part.key for part in PLAN_LISTS)
    pl = check.object(
        data.get("plan"),
        "plan",
        (*PLAN.fields, "our_country", "edition", "goals", "decision_maker", *list_keys),
    )
    pl = pl or {}
    plan = _clean_fields(PLAN, pl, "plan", check)
    our_country_code = _text(pl.get("our_country"), "plan.our_country", check, 5)
    if our_country_code is None:
        check.add("plan.our_country", "give your side's country code, e.g. “USA”.")
    edition_name = _text(pl.get("edition"), "plan.edition", check, 120)
    if edition_name is None:
        check.add("plan.edition", "give the name of the score edition.")

    goals_data = None
    if pl.get("goals") is not None:
        raw_goals = check.object(pl["goals"], "plan.goals", GOALS.fields)
        if raw_goals is not None:
            goals_data = _clean_fields(GOALS, raw_goals, "plan.goals", check)
    decision, decision_person = None, None
    if pl.get("decision_maker") is not None:
        raw_decision = check.object(
            pl["decision_maker"], "plan.decision_maker", (*DECISION.fields, "person")
        )
        if raw_decision is not None:
            decision = _clean_fields(DECISION, raw_decision, "plan.decision_maker", check)
            decision_person = person_ref(raw_decision.get("person"), "plan.decision_maker.person")

    library_questions: list[str | None] = []
    attendees: list[list[str]] = []

    def question_extra(item: dict[str, Any], path: str) -> None:
        max_length = QuestionTemplate._meta.get_field("text").max_length
        library_questions.append(
            _text(item.get("library_question"), f"{path}.library_question", check, max_length)
        )

    def occasion_extra(item: dict[str, Any], path: str) -> None:
        found = []
        for index, value in enumerate(
            check.items(item.get("their_attendees", []), f"{path}.their_attendees", 200)
        ):
            ref = person_ref(value, f"{path}.their_attendees[{index}]")
            if ref is not None and ref not in found:
                found.append(ref)
        attendees.append(found)

    lists = {}
    for part in PLAN_LISTS:
        extra, extra_keys = None, ()
        if part is QUESTIONS:
            extra, extra_keys = question_extra, ("library_question",)
        elif part is OCCASIONS:
            extra, extra_keys = occasion_extra, ("their_attendees",)
        lists[part.key] = _clean_list(part, pl, "plan", check, extra, extra_keys)

    if check.errors:
        raise ImportFailed(check.errors)
    return Cleaned(
        counterparty=counterparty,
        country_code=country_code,
        adjustments=adjustments,
        people=people,
        plan=plan,
        our_country_code=our_country_code,
        edition_name=edition_name,
        goals=goals_data,
        decision=decision,
        decision_person=decision_person,
        lists=lists,
        library_questions=library_questions,
        attendees=attendees,
    )


# Import: building and writing --------------------------------------------------------


def _full_clean(obj: models.Model, path: str, errors: list[str], exclude: Iterable[str]) -> None:
    """Model-level rules (clean(), constraints on the row itself) before anything is saved."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            where = path if name == "__all__" else f"{path}.{name}"
            errors.extend(f"{where}: {message}" for message in messages)


@dataclass
class Prepared:
    """A valid file as unsaved model instances, ready to be written in one transaction."""

    cleaned: Cleaned
    counterparty: Counterparty
    adjustments: list[CultureAdjustment]
    people: dict[str, Person]  # by the file's "ref"
    plan: Plan
    assessment: GoalAssessment | None
    belief: DecisionMakerBelief | None
    items: dict[str, list[models.Model]]
    library: dict[str, QuestionTemplate]

    def people_names(self) -> list[tuple[str, str]]:
        """(ref, name) of the file's people, in the file's order."""
        return [(ref, person.name) for ref, person in self.people.items()]


def plan_import_prepare(*, owner: User, raw: bytes) -> Prepared:
    """Check the whole file as the import will, and build it without writing anything.

    Raises ImportFailed with readable messages, each naming its place in the file.
    """
    cleaned = validate(parse(raw))
    countries = {
        c.code: c
        for c in Country.objects.filter(code__in={cleaned.country_code, cleaned.our_country_code})
    }
    errors = []
    for code, path in (
        (cleaned.country_code, "counterparty.country"),
        (cleaned.our_country_code, "plan.our_country"),
    ):
        if code not in countries:
            errors.append(f"{path}: no country with the code “{code}” is known here.")
    edition = ScoreEdition.objects.filter(name=cleaned.edition_name).first()
    if edition is None:
        names = ", ".join(f"“{n}”" for n in ScoreEdition.objects.values_list("name", flat=True))
        errors.append(
            f"plan.edition: no score edition called “{cleaned.edition_name}” exists here "
            f"(available: {names or 'none'})."
        )
    library = {
        q.text: q
        for q in QuestionTemplate.objects.filter(
            text__in={t for t in cleaned.library_questions if t}
        )
    }
    if errors:
        raise ImportFailed(errors)

    counterparty = Counterparty(
        owner=owner, country=countries[cleaned.country_code], **cleaned.counterparty
    )
    _full_clean(counterparty, "counterparty", errors, ())
    adjustments = [CultureAdjustment(**values) for values in cleaned.adjustments]
    people = {ref: Person(**values) for ref, values in cleaned.people}
    plan = Plan(
        owner=owner,
        our_country=countries[cleaned.our_country_code],
        edition=edition,
        **cleaned.plan,
    )
    _full_clean(plan, "plan", errors, ("counterparty",))
    children: list[tuple[str, models.Model]] = []
    for index, obj in enumerate(adjustments):
        children.append((f"counterparty.culture_adjustments[{index}]", obj))
    for index, obj in enumerate(people.values()):
        children.append((f"counterparty.people[{index}]", obj))
    assessment = GoalAssessment(**cleaned.goals) if cleaned.goals is not None else None
    if assessment is not None:
        children.append(("plan.goals", assessment))
    belief = None
    if cleaned.decision is not None:
        belief = DecisionMakerBelief(**cleaned.decision)
        children.append(("plan.decision_maker", belief))
    items: dict[str, list[models.Model]] = {}
    for part in PLAN_LISTS:
        items[part.key] = [part.model(**values) for values in cleaned.lists[part.key]]
        for index, obj in enumerate(items[part.key]):
            children.append((f"plan.{part.key}[{index}]", obj))
    for path, obj in children:
        _full_clean(obj, path, errors, ("plan", "counterparty"))
    if errors:
        raise ImportFailed(errors[:MAX_ERRORS])
    return Prepared(
        cleaned=cleaned,
        counterparty=counterparty,
        adjustments=adjustments,
        people=people,
        plan=plan,
        assessment=assessment,
        belief=belief,
        items=items,
        library=library,
    )


def plan_import(*, owner: User, raw: bytes, attach_to: Counterparty | None = None) -> Plan:
    """Create a new plan for `owner` from a plan file, with a new counterparty and people.

    With `attach_to`, one of the owner's counterparties, the plan goes to it instead: it
    keeps its own details and culture adjustments (the file's are not used), the file's
    people are matched to its people by name (import_matching.match_people) and the
    others are added to it; the decision-maker and attendees point at those people.

    Nothing is written unless the whole file is valid; the writes happen in one
    transaction. Raises ImportFailed with readable messages.
    """
    if attach_to is not None and attach_to.owner_id != owner.pk:
        raise ImportFailed(["Attach the plan to one of your own counterparties."])
    prepared = plan_import_prepare(owner=owner, raw=raw)
    cleaned, plan, items = prepared.cleaned, prepared.plan, prepared.items
    with transaction.atomic():
        if attach_to is None:
            counterparty = prepared.counterparty
            counterparty.save()
            for obj in prepared.adjustments:
                obj.counterparty = counterparty
                obj.save()
            matched: dict[str, Person | None] = dict.fromkeys(prepared.people)
        else:
            counterparty = attach_to
            matched = match_people(prepared.people_names(), list(counterparty.people.all()))
        people = {}
        for ref, person in prepared.people.items():
            existing = matched[ref]
            if existing is None:
                person.counterparty = counterparty
                person.save()
            people[ref] = existing or person
        plan.counterparty = counterparty
        plan.save()
        if prepared.assessment is not None:
            prepared.assessment.plan = plan
            prepared.assessment.save()
        if prepared.belief is not None:
            prepared.belief.plan = plan
            prepared.belief.person = people.get(cleaned.decision_person)
            prepared.belief.save()
        for part in PLAN_LISTS:
            for obj in items[part.key]:
                obj.plan = plan
        for question, text in zip(items["questions"], cleaned.library_questions, strict=True):
            question.source = prepared.library.get(text) if text else None
        for part in PLAN_LISTS:
            for obj in items[part.key]:
                obj.save()
        for occasion, refs in zip(items["occasions"], cleaned.attendees, strict=True):
            if refs:
                occasion.their_attendees.set([people[ref] for ref in refs])
    return plan

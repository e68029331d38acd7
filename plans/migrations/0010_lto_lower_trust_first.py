"""Long-term orientation, "they score lower": the seeded texts now say that a wish for
quick results in the deal and patience over the relationship can go together.

The source article's point is that many Asian counterparts want trust first and business
second; a lower long-term orientation score does not cancel that, and the old texts read
as if it did. Only rows still holding the text this product shipped are changed (a
trainer's own wording stays), and each change is written to the row's history so it can
be reverted in the admin. Fresh databases get the new texts from 0002 directly.
"""

from django.db import migrations
from django.utils import timezone

REASON = "Shipped text revised: trust first even when their LTO is lower"

# (dimension, direction, band): ((old meaning, old advice), (new meaning, new advice))
REVISIONS = {
    ("lto", "lower", "moderate"): (
        (
            "They look for quicker results than you do. They will want to see soon what the deal "
            "brings them.",
            "Show near-term benefits and a concrete first step next to any longer plans. Make "
            "every meeting end with a clear next action and a date.",
        ),
        (
            "They look for quicker results than you do and will want to see soon what the deal "
            "brings them. That is not a wish to skip getting to know you: a partner who wants "
            "the deal to pay off fast may still want to trust you before committing to it. "
            "Patience with the relationship and impatience for results can go together.",
            "Show near-term benefits and a concrete first step next to any longer plans, and end "
            "every meeting with a clear next action and a date. Do not take their wish for speed "
            "as leave to cut the social side short: the meals and introductions are where they "
            "decide whether you are someone to do a quick deal with.",
        ),
    ),
    ("lto", "lower", "large"): (
        (
            "They focus on results now and may trust established ways of doing things more than "
            "long-range plans. A pitch built mainly on a distant future can sound vague to them.",
            "Lead with what they gain in the first months, table a clear timetable with early "
            "milestones, and be ready to decide faster than you are used to. Keep the long-term "
            "vision short and tie it to concrete steps.",
        ),
        (
            "They focus on results now and may trust established ways of doing things more than "
            "long-range plans, so a pitch built mainly on a distant future can sound vague to "
            "them. A short horizon for the deal is not a short road to trust, though: they may "
            "still want to know you and judge your reliability over several meetings before the "
            "first order. Expect both at once, a push for fast results and a patient, personal "
            "check of you as a partner.",
            "Lead with what they gain in the first months, table a clear timetable with early "
            "milestones, and be ready to decide faster than you are used to; keep the long-term "
            "vision short and tie it to concrete steps. At the same time give the relationship "
            "the time it asks for: accept invitations, keep the same people on your team, and "
            "treat early socialising as their check on you rather than as a delay to the deal.",
        ),
    ),
}


def _replace(apps, *, forwards: bool) -> None:
    guidance = apps.get_model("plans", "GapGuidance")
    historical = apps.get_model("plans", "HistoricalGapGuidance")
    fields = [f.attname for f in guidance._meta.concrete_fields]
    now = timezone.now()
    for (dimension, direction, band), (old, new) in REVISIONS.items():
        before, after = (old, new) if forwards else (new, old)
        row = guidance.objects.filter(dimension=dimension, direction=direction, band=band).first()
        if row is None or (row.meaning, row.advice) != before:
            continue  # missing, or a trainer's own wording: not ours to change
        row.meaning, row.advice = after
        row.updated_at = now
        # update() sends no signals, so the history row below is the only one written,
        # whether this runs in a migration or from a test with the real models.
        guidance.objects.filter(pk=row.pk).update(
            meaning=row.meaning, advice=row.advice, updated_at=now
        )
        historical.objects.create(
            **{name: getattr(row, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON if forwards else "Revision reversed",
        )


def forwards(apps, schema_editor):
    _replace(apps, forwards=True)


def backwards(apps, schema_editor):
    _replace(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_money_fields")]

    operations = [migrations.RunPython(forwards, backwards)]

"""Seed the question library: safe, useful questions for the early meetings.

Trainers edit, add or retire questions in the admin afterwards. Running the
migration again only restores the texts below; reversing it removes only the rows
whose wording and tag nobody has changed.
"""

from django.db import migrations

# (text, tag, why it helps)
QUESTIONS = [
    (
        "What do you value most in a partner from abroad?",
        "first_meeting",
        "Tells you what they will test you on, and how to present your side.",
    ),
    (
        "How do you expect your industry to change over the next five years?",
        "first_meeting",
        "Shows their strategy and worries without asking about figures directly.",
    ),
    (
        "Which markets outside your home country are you looking at next?",
        "first_meeting",
        "Reveals whether your deal fits their growth plans or is a side project.",
    ),
    (
        "How did your company start, and how has it grown since?",
        "first_meeting",
        "An easy opener that shows who founded it and who still holds influence.",
    ),
    (
        "Who else in your company will we have the pleasure of working with?",
        "first_meeting",
        "Helps map their people and hints at who takes the decision.",
    ),
    (
        "What has worked well, and less well, with partners you have had before?",
        "meal",
        "Shows their expectations and the mistakes you should avoid repeating.",
    ),
    (
        "What would make this partnership a success for you in a year's time?",
        "meal",
        "Surfaces their goals in their own words before terms are on the table.",
    ),
    (
        "Which places or customs from your region should a first-time visitor know?",
        "meal",
        "A personal but safe topic that shows genuine interest in them.",
    ),
    (
        "How do you organise quality checks along the production line?",
        "site_visit",
        "Lets you judge whether they can deliver the quality you need.",
    ),
    (
        "How do you protect the designs and tools that customers entrust to you?",
        "site_visit",
        "Opens the subject of intellectual property without an accusation.",
    ),
    (
        "How do you usually begin with a new customer: a trial order or a larger start?",
        "before_terms",
        "Prepares the ground for your test order and the roadmap beyond it.",
    ),
    (
        "What order sizes and timing would suit your planning best?",
        "before_terms",
        "Gives you their expectations on volume before you name yours.",
    ),
    (
        "Which decisions on a deal like this are taken at your head office?",
        "before_terms",
        "Finds where the real decision sits without going around your contact.",
    ),
    (
        "Now that the first order is delivered, what should we do differently next time?",
        "follow_up",
        "Shows you listen, and gives them a way to raise problems politely.",
    ),
]


def seed_questions(apps, schema_editor):
    QuestionTemplate = apps.get_model("plans", "QuestionTemplate")
    for text, tag, why in QUESTIONS:
        QuestionTemplate.objects.update_or_create(
            text=text, defaults={"tag": tag, "why_it_helps": why}
        )


def unseed_questions(apps, schema_editor):
    QuestionTemplate = apps.get_model("plans", "QuestionTemplate")
    for text, tag, why in QUESTIONS:
        QuestionTemplate.objects.filter(text=text, tag=tag, why_it_helps=why).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_stages_goals_relationship"),
    ]

    operations = [
        migrations.RunPython(seed_questions, unseed_questions),
    ]

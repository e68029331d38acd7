"""Seed the gap guidance texts: six dimensions x two directions x two bands.

"higher" means the counterparty scores higher than our side, "lower" that they
score lower. Trainers edit these texts in the admin afterwards; running the
migration again only restores rows to the texts below (update_or_create), and
reversing it removes only the rows whose texts nobody has changed.
"""

from django.db import migrations

# (dimension, direction, band): (meaning, advice)
GUIDANCE = {
    # Power distance
    ("pdi", "higher", "moderate"): (
        "They expect rank to matter somewhat more than you do. Titles, seniority and who "
        "speaks first will be noticed, and the person who decides may defer to someone "
        "who is not at the meeting.",
        "Send someone of roughly the same seniority as their lead, and greet and address "
        "their most senior person first. Use titles until they invite you not to, and route "
        "requests through your main contact rather than around them.",
    ),
    ("pdi", "higher", "large"): (
        "Hierarchy shapes their whole side of the table: juniors will rarely contradict "
        "their boss in front of you, and the real decision-maker may never attend. A junior "
        "team from you can read as a sign that the deal does not matter.",
        "Bring your most senior available person, at least to the opening meeting, and agree "
        "the order of introductions beforehand. Address their leader first, never go around "
        "the chain of command to a lower-ranked contact, and expect decisions to be referred "
        "upward after the meeting rather than made in the room.",
    ),
    ("pdi", "lower", "moderate"): (
        "They treat rank more casually than you do. People at different levels may speak up, "
        "question your points and expect an answer on the merits.",
        "Bring the people who know the details, not only senior names, and be ready for "
        "direct questions from anyone on their side. Keep formalities light and answer "
        "challenges with facts rather than by pointing to authority.",
    ),
    ("pdi", "lower", "large"): (
        "Their organisation is flat: juniors speak freely, disagree openly with their own "
        "managers and with yours, and whoever has the expertise may carry the decision. Heavy "
        "deference or a fixed speaking order can come across as stiff and slow.",
        "Staff the meeting with experts who can commit on their topic, and let them speak "
        "without waiting for your senior person. Expect to be challenged in the room, and "
        "brief your own team that open disagreement is normal there, not disrespect.",
    ),
    # Individualism
    ("idv", "higher", "moderate"): (
        "They rely more on individual judgement and on facts than you do. One person may be "
        "able to commit, and they may want to get to business sooner than you would.",
        "Prepare figures, specifications and a clear business case, and be ready to come to "
        "the point early. Ask plainly who on their side signs off, so you know whom you need "
        "to convince.",
    ),
    ("idv", "higher", "large"): (
        "People on their side decide for themselves, on data and on their own interest; a "
        "good relationship helps but will not rescue a weak offer. Long relationship-building "
        "before any business may strike them as evasive.",
        "Lead with a short proposal backed by numbers and references, and keep social time "
        "brief unless they suggest more. Expect one named person to decide, confirm terms in "
        "writing soon after the meeting, and do not take a quick, blunt no personally.",
    ),
    ("idv", "lower", "moderate"): (
        "They give the group more weight than you do. Decisions are more likely to be shared, "
        "and they need to trust you as a partner before the business moves.",
        "Leave time for introductions and social contact, and present proposals as good for "
        "their organisation as a whole rather than for one person. Do not press for a yes in "
        "the room; ask how and when they will consider it.",
    ),
    ("idv", "lower", "large"): (
        "They draw a sharp line between their in-group and outsiders, and you start outside "
        "it. Decisions come from consensus, usually after the meeting and away from you, and "
        "the person who talks most may not be the one who decides.",
        "Treat socialising as part of the work, ideally with an introduction from someone "
        "they already trust, and keep the same people on your team throughout. Use every "
        "meeting to map who influences whom and to find the true decision-maker, give them "
        "time to consult internally, and never single anyone out for praise or blame in front "
        "of the group.",
    ),
    # Masculinity (achievement)
    ("mas", "higher", "moderate"): (
        "They put more weight on status, achievement and winning than you do. Expect harder "
        "bargaining, and expect them to respect you for holding your ground.",
        "Open with a position that leaves room to concede, and show your company's results "
        "and standing. When they win a point, acknowledge it in front of their colleagues.",
    ),
    ("mas", "higher", "large"): (
        "They see the negotiation as a contest with winners and losers, and how they look to "
        "their own side matters a great deal. Being beaten or corrected in public can end "
        "the deal.",
        "Spell out what they gain in success and status, keep concessions in reserve to trade "
        "visibly, and let them take wins they can report upward. Raise disagreements with "
        "their leader privately, never in the full meeting, so that nobody loses face.",
    ),
    ("mas", "lower", "moderate"): (
        "They value cooperation and modesty more than you do. A hard sell or boasting about "
        "your company may put them off.",
        "Present your offer in a low-key way and talk about how both sides benefit. Ask about "
        "their concerns and adapt, rather than pushing to close.",
    ),
    ("mas", "lower", "large"): (
        "They look for partners who are fair, cooperative and easy to work with, and read "
        "aggressive tactics as a warning sign. The well-being of people and a calm working "
        "relationship weigh with them as much as the price.",
        "Leave out hard-sell tactics, deadlines and ultimatums; frame the deal as a shared "
        "problem and invite their ideas on the terms. Be modest about your own achievements "
        "and show how the partnership will treat people on both sides.",
    ),
    # Uncertainty avoidance
    ("uai", "higher", "moderate"): (
        "They want more detail and predictability than you do. Open questions and late "
        "changes make them uneasy.",
        "Send an agenda before the meeting and keep to it, and bring written specifications "
        "and answers to the questions you expect. Announce anything new in advance instead "
        "of raising it at the table.",
    ),
    ("uai", "higher", "large"): (
        "Uncertainty is uncomfortable for them: they rely on rules, detailed contracts and "
        "guarantees, and are slow to accept new ideas or untested partners. A surprise in the "
        "meeting can stall the whole process.",
        "Send a detailed agenda and supporting papers well ahead, and bring written "
        "specifications, references, warranties and a draft contract. Avoid surprises of any "
        "kind, offer a pilot or guarantees to lower their risk, and plan for a long approval "
        "process with many questions.",
    ),
    ("uai", "lower", "moderate"): (
        "They are more at ease with open ends than you are. They may want to start before "
        "every detail is settled.",
        "Keep the agenda short and leave room for discussion beyond it. Decide beforehand "
        "which points you need in writing now and which can wait.",
    ),
    ("uai", "lower", "large"): (
        "They are comfortable with ambiguity and change, and may find a heavy agenda or a long "
        "contract rigid, even distrustful. They are likely to improvise, take up new ideas "
        "quickly and expect flexibility in return.",
        "Bring an outline rather than a script and be ready to explore new options in the "
        "room. Still protect yourself: confirm what was agreed in writing after every meeting, "
        "and explain that your need for detail comes from your own approval process, not from "
        "distrust.",
    ),
    # Long-term orientation
    ("lto", "higher", "moderate"): (
        "They look further ahead than you do. They will judge the deal by how it fits their "
        "plans for the coming years, not only by this year's figures.",
        "Talk about where you want the partnership to be in a few years as well as about the "
        "first order. Leave slack in the timetable and avoid deadlines that look artificial.",
    ),
    ("lto", "higher", "large"): (
        "They think in years, value perseverance and will invest now for a result much later. "
        "Pushing for a quick close tells them you are not a serious long-term partner.",
        "Bring a long-term roadmap that links the first order to the total deal, and show "
        "commitment, for example with planned visits or a local presence. Do not push for a "
        "quick signature: plan for several meetings and stay patient when progress is slow.",
    ),
    # Revised in 0010_lto_lower_trust_first (databases seeded before it get it there).
    ("lto", "lower", "moderate"): (
        "They look for quicker results than you do and will want to see soon what the deal "
        "brings them. That is not a wish to skip getting to know you: a partner who wants "
        "the deal to pay off fast may still want to trust you before committing to it. "
        "Patience with the relationship and impatience for results can go together.",
        "Show near-term benefits and a concrete first step next to any longer plans, and end "
        "every meeting with a clear next action and a date. Do not take their wish for speed "
        "as leave to cut the social side short: the meals and introductions are where they "
        "decide whether you are someone to do a quick deal with.",
    ),
    ("lto", "lower", "large"): (
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
    # Indulgence
    ("ivr", "higher", "moderate"): (
        "They are more relaxed and expressive than you are. They may mix business with "
        "enjoyment and expect some warmth.",
        "Accept invitations to meals and outings, and allow some informality in conversation. "
        "Show enthusiasm for the partnership where you genuinely feel it.",
    ),
    ("ivr", "higher", "large"): (
        "They are expressive, optimistic and at ease enjoying themselves, and may take reserve "
        "or strict formality as coldness or lack of interest. Social events are likely to be "
        "lively and to matter for the relationship.",
        "Plan time for relaxed socialising and take part willingly, and let your team show "
        "friendliness and optimism. Keep the tone positive, but write down what was agreed: "
        "cheerful talk is not yet a commitment.",
    ),
    ("ivr", "lower", "moderate"): (
        "They are more restrained and formal than you are. Jokes, casual talk or open shows "
        "of emotion may be received coolly.",
        "Keep dress, language and manners on the formal side until they signal otherwise. "
        "Save humour and personal stories for later meetings.",
    ),
    ("ivr", "lower", "large"): (
        "They value restraint, self-control and formality, and an informal or exuberant style "
        "may look unserious or disrespectful. Little emotion will show, so silence or a "
        "neutral face does not mean they are unhappy.",
        "Dress formally, use titles and surnames, and keep presentations sober and factual. "
        "Follow their lead on socialising and drinking, avoid jokes and over-enthusiasm, and "
        "do not read their calm manner as a lack of interest.",
    ),
}


def seed_guidance(apps, schema_editor):
    GapGuidance = apps.get_model("plans", "GapGuidance")
    for (dimension, direction, band), (meaning, advice) in GUIDANCE.items():
        GapGuidance.objects.update_or_create(
            dimension=dimension,
            direction=direction,
            band=band,
            defaults={"meaning": meaning, "advice": advice},
        )


def unseed_guidance(apps, schema_editor):
    # Rows a trainer has edited are kept: their work is not ours to delete.
    GapGuidance = apps.get_model("plans", "GapGuidance")
    for (dimension, direction, band), (meaning, advice) in GUIDANCE.items():
        GapGuidance.objects.filter(
            dimension=dimension,
            direction=direction,
            band=band,
            meaning=meaning,
            advice=advice,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_guidance, unseed_guidance),
    ]

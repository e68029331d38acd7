"""Hofstede's six dimensions: the one place that names them.

Field names on every model that stores scores follow ``Dimension.code``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    code: str  # model field name and CSV column, e.g. "pdi"
    abbreviation: str  # e.g. "PDI"
    name: str
    high_means: str
    low_means: str
    # How to describe "them more than you" and "them less than you" in plain words.
    more_phrase: str
    less_phrase: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "pdi",
        "PDI",
        "Power distance",
        "Hierarchy is expected; status and rank shape who speaks and who decides.",
        "People expect to be treated as equals; bosses are approachable.",
        "accept hierarchy more than you do",
        "accept hierarchy less than you do",
    ),
    Dimension(
        "idv",
        "IDV",
        "Individualism",
        "People decide for themselves, on facts and data.",
        "Loyalty to the group comes first; decisions are made by consensus inside it.",
        "act more as individuals than you do",
        "act more as a group than you do",
    ),
    Dimension(
        "mas",
        "MAS",
        "Masculinity (achievement)",
        "Competition, status and winning are valued.",
        "Cooperation, modesty and quality of life are valued.",
        "value competing and winning more than you do",
        "value cooperation and modesty more than you do",
    ),
    Dimension(
        "uai",
        "UAI",
        "Uncertainty avoidance",
        "Detailed agendas, rules and guarantees reduce discomfort with the unknown.",
        "Open ends and improvisation are comfortable.",
        "want more certainty and detail than you do",
        "are more at ease with open ends than you are",
    ),
    Dimension(
        "lto",
        "LTO",
        "Long-term orientation",
        "Patience and perseverance; invest now for results later.",
        "Quick results and respect for tradition.",
        "look further ahead than you do",
        "look for quicker results than you do",
    ),
    Dimension(
        "ivr",
        "IVR",
        "Indulgence",
        "Expressive and optimistic; enjoying life is fine.",
        "Restraint, formality and control of gratification.",
        "are more expressive and relaxed than you are",
        "are more restrained and formal than you are",
    ),
)

DIMENSION_CODES: tuple[str, ...] = tuple(d.code for d in DIMENSIONS)
BY_CODE: dict[str, Dimension] = {d.code: d for d in DIMENSIONS}
DIMENSION_CHOICES: list[tuple[str, str]] = [(d.code, d.name) for d in DIMENSIONS]

SCORE_MIN = 0
SCORE_MAX = 100

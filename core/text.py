"""Folding text for search, so that "ha noi" finds "Hà Nội" on SQLite and PostgreSQL alike.

The search columns (`search_text` on counterparties, people and countries) hold their
row's text folded by `fold`, and a query is folded the same way before it is compared:
both databases then only compare plain lower-case strings, with the same results.
Changing the rules here needs a data migration that refills those columns.
"""

import re
import unicodedata

# Accents and other marks on Latin, Greek and Cyrillic letters. Marks of other scripts
# (Thai vowel signs, the kana voicing mark, Devanagari vowel signs) are part of the
# letter there, so they are kept.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Letters that Unicode does not decompose into a base letter and a mark (after
# casefold, so lower case only), and punctuation people type in more than one way.
_LETTERS = str.maketrans(
    {
        "đ": "d",  # Vietnamese, Croatian
        "ð": "d",  # Icelandic
        "ø": "o",  # Danish, Norwegian
        "ł": "l",  # Polish
        "ı": "i",  # Turkish dotless i
        "ħ": "h",  # Maltese
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u02bc": "'",  # ʼ
        "\u2010": "-",  # hyphen
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,  # zero-width no-break space
    }
)


def fold(text: str) -> str:
    """`text` without case and accents, whitespace collapsed: 'Cơ khí  Hà Nội' -> 'co khi ha noi'.

    Casefold (ß -> ss, İ -> i), compatibility decomposition (full-width letters,
    ligatures), accents dropped, letters without a decomposition mapped (đ -> d,
    ø -> o, ł -> l, æ -> ae, ı -> i), then recomposed, so other scripts come out as
    they went in.
    """
    # Decompose before and after casefold: a compatibility form may decompose to capitals
    # ('㎒' -> 'MHz'), and casefold may leave a letter to decompose.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = _ACCENTS.sub("", text).translate(_LETTERS)
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_parts(*parts: str) -> str:
    """The value of a search column: each non-empty part folded, joined by a space."""
    return " ".join(folded for part in parts if (folded := fold(part)))


def search_words(query: str) -> list[str]:
    """The distinct words of `query`, folded; a word inside another word is left out.

    Each word must appear in a row, anywhere: a word that appears inside another one
    of the query is found wherever that one is, so it would add nothing.
    """
    words = list(dict.fromkeys(fold(query).split()))
    return [word for word in words if not any(word != other and word in other for other in words)]

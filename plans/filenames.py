"""Safe download names and the Content-Disposition header that carries them."""

import datetime
import re
import unicodedata
from urllib.parse import quote

MAX_STEM = 120
FALLBACK_STEM = "plan"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
# Characters that must not reach the header's filename*= value: controls, path
# separators and the quoting characters some clients mishandle.
_UNSAFE_ORIGINAL = re.compile(r'[\x00-\x1f\x7f/\\"]+')


def ascii_part(text: str) -> str:
    """`text` reduced to ASCII letters, digits, '-' and '_' ('Đà Nẵng' -> 'Da-Nang')."""
    text = text.replace("Đ", "D").replace("đ", "d")  # no decomposition in Unicode
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", folded).strip("-_")


def download_filename(*parts: str, day: datetime.date, extension: str) -> str:
    """An ASCII file name from `parts` and `day`: 'Saigon-Textiles_Spring-order_2026-03-01.pdf'.

    Parts that fold to nothing (a name in Chinese script) are dropped; the stem is
    cut to MAX_STEM characters and falls back to 'plan'.
    """
    words = [ascii_part(part) for part in parts]
    stem = "_".join(word for word in words if word)[:MAX_STEM].strip("-_") or FALLBACK_STEM
    return f"{stem}_{day.isoformat()}.{extension}"


def original_filename(*parts: str, day: datetime.date, extension: str) -> str:
    """The readable name in the user's own script, for the header's filename*= value."""
    cleaned = [_UNSAFE_ORIGINAL.sub(" ", part).strip() for part in parts]
    stem = " - ".join(part for part in cleaned if part)[:MAX_STEM].strip() or FALLBACK_STEM
    return f"{stem} {day.isoformat()}.{extension}"


def content_disposition(ascii_name: str, original: str, *, attachment: bool = True) -> str:
    """A Content-Disposition value with an ASCII filename= and a UTF-8 filename*= (RFC 6266)."""
    kind = "attachment" if attachment else "inline"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", ascii_name):
        raise ValueError(f"not a safe ASCII file name: {ascii_name!r}")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(original, safe='')}"

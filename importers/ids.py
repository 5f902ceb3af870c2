"""Instance ids made from what a schedule file calls things: readable, valid, and unique."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
"""`models.instance.Identifier`: what an id may be."""
SLUG_LENGTH = 60
"""Room for a `-<person id>` or `-2` after a slug, within an Identifier's 80 characters."""
LATIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def slugify(text: str, fallback: str) -> str:
    """`Serge « sans paille » Guelton` -> `serge-sans-paille-guelton`, `Ada Ørsted` -> `ada-orsted`:
    accents are dropped, not the letters.

    Text with no Latin letters or digits at all (a name in Cyrillic or Han script) gets `fallback`.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_LENGTH].strip("-")
    return slug or fallback


def unique_ids(wanted: Sequence[tuple[K, str, str]]) -> dict[K, str]:
    """Each key's wanted id, made unique: (key, wanted id, tiebreak) in a fixed order.

    Keys that want the same id all get `-<tiebreak>` (a person id, say), so that no one of them
    keeps the plain id by the accident of coming first; a counter settles what is still equal
    (and what has no tiebreak).
    """
    wanting = Counter(want for _, want, _ in wanted)
    taken: set[str] = set()
    ids: dict[K, str] = {}
    for key, want, tiebreak in wanted:
        suffix = slugify(tiebreak, "") if wanting[want] > 1 else ""
        candidate = f"{want}-{suffix}" if suffix else want
        base, number = candidate, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        ids[key] = candidate
    return ids

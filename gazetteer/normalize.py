"""Name folding: one key for the many ways a place name is written.

``fold`` removes what never distinguishes two places (case, diacritics, script,
punctuation). ``variant_key`` goes further and removes what transliteration changes
(kh/x/h, q/k, gh/g, vowels), so Khorog, Khorugh, Xorugh and Хорог share a key; it is
collision-prone and only ever used together with a similarity check.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['’‘`ʻʼ´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SOFT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=\w)[aeiou]*(abad|obod|obad|abod)\b", "abad"),  # -abad / -obod
        (r"dzh|dj|zh", "j"),
        (r"tch|tsh", "ch"),
        (r"kh|x", "h"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"q|ck|c(?!h)", "k"),
        (r"w", "v"),
        (r"[ou]+", "u"),
        (r"[eiy]+", "i"),
        (r"(\w)\1+", r"\1"),
    )
)
_VOWELS = re.compile(r"[aiu]+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Case-, accent- and script-insensitive form: "Mazār-e Sharīf" -> "mazar e sharif"."""
    ascii_name = anyascii(_APOSTROPHES.sub("", name)).lower()
    return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", ascii_name)).strip()


@lru_cache(maxsize=200_000)
def soft_key(folded: str) -> str:
    """A folded name with transliteration choices undone: "xorugh" and "khorog" give "hurug"."""
    key = folded
    for pattern, replacement in _SOFT_RULES:
        key = pattern.sub(replacement, key)
    return key


def variant_key(folded: str) -> str:
    """Consonant skeleton of a folded name: "khorugh" and "xorog" both give "hrg"."""
    return " ".join(_VOWELS.sub("", soft_key(folded)).split())

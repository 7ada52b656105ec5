"""Word tokens with their offsets, folded the way the gazetteer folds names.

A token is a run of letters and digits (apostrophes inside a word, as in "Roshtqal'a",
stay in it, because :func:`gazetteer.normalize.fold` drops them). Everything else
separates tokens, so "Mazar-e-Sharif" is three tokens whose folded keys join to the
gazetteer's key "mazar e sharif". Offsets are Python ``str`` offsets into the text as
given: nothing is normalised before offsets are taken.

:class:`Tokens` holds plain parallel lists, each built in one pass at C speed (one regex
split gives the words and the gaps between them, their lengths give the offsets), because
the recogniser reads a token's key and gap many times; what is needed only around a
candidate (sentence start, headline) is worked out on request.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import itemgetter

from gazetteer.normalize import fold

# Letters and digits, with combining marks (decomposed "Rŭshon") and inner apostrophes;
# one group, so that splitting a text on it keeps the words between the gaps. The
# quantifiers are possessive (never give back) only for speed: no part can match what the
# next one needs, so the words are those of plain greedy quantifiers.
_TOKEN = re.compile(r"([^\W_]++(?:[\u0300-\u036f]++[^\W_]*+)*+(?:['’ʼ][^\W_]++)*+)")
# The same pattern for a text in ASCII (most news), where it reads faster.
_ASCII_TOKEN = re.compile(r"([A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+)")
_APOSTROPHES = "'’ʼ"
# In words joined by line breaks: a word's first character outside ASCII, and the rest of that word.
_NON_ASCII_WORD = re.compile(r"[^\x00-\x7f][^\n]*")
# What may stand between two words of one name: spaces, one hyphen or dash, an
# abbreviation's dot ("St. Louis", "U.S."). Never a line break, comma or other dot.
_NAME_GAP = re.compile(r"[ \u00a0]{0,2}[-‐–][ \u00a0]{0,2}|[ \u00a0]{1,2}|\.[ \u00a0]?")
_QUOTES_AND_SPACE = " \t\r\u00a0\"'“”‘’()[]«»*"
_SPACES = (" ", "\u00a0")
# The first letter of each word of four characters or more (only it is kept: no word is copied).
_LONG_WORD_INITIAL = re.compile(r"([^\W\d_])\w{3,}")
_ASCII_LONG_WORD_INITIAL = re.compile(r"([A-Za-z])[A-Za-z0-9_]{3,}")  # the same in an ASCII text, faster


class Tokens:
    """The words of one text as parallel lists.

    ``words``, ``starts`` and ``ends`` (offsets), ``keys`` (folded words, see :meth:`key`)
    and ``gaps`` (the text after each word up to the next, "" after the last);
    ``capitals`` lists the indices of the capitalised words, where names start.
    """

    __slots__ = ("_headlines", "capitals", "ends", "gaps", "keys", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        ascii_text = text.isascii()
        # text before the first word, word, gap, word, ..., text after the last
        parts = (_ASCII_TOKEN if ascii_text else _TOKEN).split(text)
        offsets = list(accumulate(map(len, parts)))
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = offsets[0:-1:2]
        self.ends: list[int] = offsets[1::2]
        self.gaps: list[str] = [*parts[2:-1:2], ""] if self.words else []
        # fold() of a word in ASCII (almost every word) is its lower case without apostrophes:
        # those words are folded all at once, joined by line breaks (which no word holds).
        joined = "\n".join(self.words)
        self.keys: list[str] = joined.lower().replace("'", "").split("\n") if self.words else []
        if not ascii_text and not joined.isascii():
            # The few other words go through fold(); a word's index is the number of line breaks before it.
            for other in _NON_ASCII_WORD.finditer(joined):
                i = joined.count("\n", 0, other.start())
                self.keys[i] = fold(self.words[i])
        self.capitals: list[int] = list(
            compress(range(len(self.words)), map(str.isupper, map(itemgetter(0), self.words)))
        )
        self._headlines: dict[int, bool] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def key(self, i: int) -> str:
        """The folded word: "Хорог" -> "khorog", "People's" -> "peoples"."""
        return self.keys[i]

    def capitalized(self, i: int) -> bool:
        return self.words[i][:1].isupper()

    def all_caps(self, i: int) -> bool:
        word = self.words[i]
        return len(word) > 1 and word.isupper()

    def gap_after(self, i: int) -> str:
        """The text between token ``i`` and the next ("" after the last)."""
        return self.gaps[i]

    def joins_next(self, i: int) -> bool:
        """Whether token ``i`` and the next may be words of one name."""
        if i + 1 >= len(self.words):
            return False
        gap = self.gaps[i]
        if gap == " ":
            return True
        if _NAME_GAP.fullmatch(gap) is None:
            return False
        word = self.words[i]
        return not gap.startswith(".") or (len(word) <= 3 and word[:1].isupper())

    def spaced(self, i: int) -> bool:
        """Only a space between token ``i`` and the next (no hyphen, dot, comma or line break)."""
        return self.gaps[i] in _SPACES

    def dotted(self, i: int) -> bool:
        """Token ``i`` is followed directly by "." (an abbreviation such as "U.S." or "Ga.")."""
        return self.text[self.ends[i] : self.ends[i] + 1] == "."

    def sentence_start(self, i: int) -> bool:
        """Whether token ``i`` begins a sentence, a line or a quoted passage."""
        if i == 0:
            return True
        between = self.gaps[i - 1]
        previous = self.words[i - 1]
        if "\n" in between:
            # A hard-wrapped line goes on after a lower-case word or a comma.
            return not (between[0] in "\n\r" and previous[-1:].islower()) and not between.startswith(",")
        core = between.strip(_QUOTES_AND_SPACE)
        if not core:
            return False
        if core[0] in ".!?…":
            return not (core[0] == "." and len(previous) == 1 and previous.isupper())
        return core[0] in ":;—" or (core in ("-", "–") and between != core)

    def title_line(self, i: int) -> bool:
        """Whether token ``i`` stands on a line where most longer words are capitalised."""
        text, start = self.text, self.starts[i]
        line_start = text.rfind("\n", 0, start) + 1
        if self._headlines is None:
            self._headlines = {}
        title = self._headlines.get(line_start)
        if title is None:
            line_end = text.find("\n", start)
            long_word_initial = _ASCII_LONG_WORD_INITIAL if text.isascii() else _LONG_WORD_INITIAL
            initials = long_word_initial.findall(text, line_start, line_end if line_end >= 0 else len(text))
            title = len(initials) >= 3 and sum(map(str.isupper, initials)) >= 0.7 * len(initials)
            self._headlines[line_start] = title
        return title


def fold_word(word: str) -> str:
    """:func:`fold` of one word as tokens are cut, without its cache for a word in ASCII (almost
    every word): its lower case without apostrophes. :class:`Tokens` folds its words by this rule."""
    return word.lower().replace("'", "") if word.isascii() else fold(word)


def possessive(word: str) -> bool:
    """Whether a word ends in a possessive "'s" ("Karzai's"; not "I's")."""
    return len(word) > 3 and word[-1] in "sS" and word[-2] in _APOSTROPHES

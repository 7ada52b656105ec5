"""Split an article into sentences with their character offsets.

News text mixes prose with headlines, captions and bylines that carry no final full stop,
so a line break ends a sentence unless the text is hard-wrapped prose. Inside a line, a
full stop, question or exclamation mark (with any closing quotes) ends a sentence when
the next word starts with a capital or a digit, except after abbreviations ("Gen.",
"U.S.") and initials.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Sentence(NamedTuple):
    """``text == document_text[start:end]``; ``paragraph`` numbers the lines or blocks of prose."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


#: longer stretches without a sentence end are cut, so that no rule ever sees unbounded text
MAX_SENTENCE_CHARS = 3000
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "e.g",
        "i.e",
        "approx",
        "est",
        "dept",
        "fig",
        "inc",
        "ltd",
        "corp",
        "co",
        "pres",
        "govt",
        "brig",
        "cmdr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "u.a.e",
    }
)
_TERMINAL = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*(?=\s)")  # a set first: the engine skips to candidates
_WORD_PUNCTUATION = "_.'-"  # what may stand in a word before a full stop, with letters and digits ("U.S", "e.g")
_SPACES = re.compile(r"\s*")
_OPENING = re.compile(r"[\"“‘'(\[«]*")
_END_OF_LINE_PUNCTUATION = '.!?:;…"”’)'


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; whitespace between them belongs to none."""
    lines = _lines(text)
    wrapped = _looks_hard_wrapped([line for _, line in lines])
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    block_end = 0
    for line_start, line in lines:
        content = line.rstrip()
        ends_block = not content or (
            block_start is not None and not (wrapped and _continues(text[block_end - 1], line))
        )
        if ends_block and block_start is not None:
            blocks.append((block_start, block_end))
            block_start = None
        if not content:
            continue
        if block_start is None:
            block_start = line_start + (len(line) - len(line.lstrip()))
        block_end = line_start + len(content)
    if block_start is not None:
        blocks.append((block_start, block_end))
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(blocks):
        _split_block(text, start, end, paragraph, sentences)
    return sentences


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line with its offset, without its line break; no line after a final break."""
    lines = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line.rstrip("\r")))
        offset += len(line) + 1
    if not text or text.endswith("\n"):
        lines.pop()
    return lines


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width: most lines of similar length that end mid-sentence."""
    filled = [line.rstrip() for line in lines if line.strip()]
    if len(filled) < 5:
        return False
    mid_sentence = sum(1 for line in filled if 50 <= len(line) <= 100 and line[-1] not in _END_OF_LINE_PUNCTUATION)
    return mid_sentence * 2 >= len(filled)


def _continues(block_last: str, line: str) -> bool:
    """In wrapped prose, a line continues the block unless the block ended a sentence."""
    return block_last not in _END_OF_LINE_PUNCTUATION or line.lstrip()[:1].islower()


def _split_block(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    cursor = start
    for match in _TERMINAL.finditer(text, start, end):
        after = match.end()
        following = _SPACES.match(text, after, end).end()
        if following == end or not _starts_sentence(text, following, end):
            continue
        if _is_abbreviation(text, max(start, match.start() - 15), match.start(), match.group()):
            continue
        _emit(text, cursor, after, paragraph, out)
        cursor = following
    _emit(text, cursor, end, paragraph, out)


def _starts_sentence(text: str, start: int, end: int) -> bool:
    first = _OPENING.match(text, start, end).end()
    return first < end and (text[first].isupper() or text[first].isdigit())


def _is_abbreviation(text: str, start: int, end: int, terminal: str) -> bool:
    """Is the full stop at ``end`` that of an abbreviation or initial written in ``text[start:end]``?"""
    if not terminal.startswith(".") or terminal.startswith(".."):
        return False
    last = end - 1 if end > start and text[end - 1] == "\n" else end  # (as "$" would, before a final line break)
    first = last
    while first > start and (text[first - 1].isalnum() or text[first - 1] in _WORD_PUNCTUATION):
        first -= 1
    if first == last:
        return False
    word = text[first:last].lstrip("'(").lower()
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in _ABBREVIATIONS


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:  # run-on text (no stops, no breaks): cut at a space
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _emit(text, start, cut, paragraph, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))

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
_TERMINAL = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_WORD_BEFORE = re.compile(r"([\w.'-]+)$")
_OPENERS = "\"“‘'([«"
_END_OF_LINE_PUNCTUATION = '.!?:;…"”’)'


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; whitespace between them belongs to none."""
    lines = [(match.start(), match.group().rstrip("\r\n")) for match in _LINE.finditer(text) if match.group()]
    wrapped = _looks_hard_wrapped([line for _, line in lines])
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    block_end = 0
    for line_start, line in lines:
        ends_block = not line.strip() or (
            block_start is not None and not (wrapped and _continues(text[block_start:block_end], line))
        )
        if ends_block and block_start is not None:
            blocks.append((block_start, block_end))
            block_start = None
        if not line.strip():
            continue
        if block_start is None:
            block_start = line_start + (len(line) - len(line.lstrip()))
        block_end = line_start + len(line.rstrip())
    if block_start is not None:
        blocks.append((block_start, block_end))
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(blocks):
        _split_block(text, start, end, paragraph, sentences)
    return sentences


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width: most lines of similar length that end mid-sentence."""
    filled = [line.rstrip() for line in lines if line.strip()]
    if len(filled) < 5:
        return False
    mid_sentence = sum(1 for line in filled if 50 <= len(line) <= 100 and line[-1] not in _END_OF_LINE_PUNCTUATION)
    return mid_sentence * 2 >= len(filled)


def _continues(block: str, line: str) -> bool:
    """In wrapped prose, a line continues the block unless the block ended a sentence."""
    return block.rstrip()[-1:] not in _END_OF_LINE_PUNCTUATION or line.lstrip()[:1].islower()


def _split_block(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    block = text[start:end]
    cursor = 0
    for match in _TERMINAL.finditer(block):
        after = match.end()
        rest = block[after:].lstrip()
        if not rest or not _starts_sentence(rest):
            continue
        if _is_abbreviation(block[: match.start() + 1], match.group()):
            continue
        _emit(text, start + cursor, start + after, paragraph, out)
        cursor = after + (len(block) - after - len(rest))
    _emit(text, start + cursor, end, paragraph, out)


def _starts_sentence(rest: str) -> bool:
    first = rest.lstrip(_OPENERS)[:1]
    return first.isupper() or first.isdigit()


def _is_abbreviation(head: str, terminal: str) -> bool:
    if not terminal.startswith(".") or terminal.startswith(".."):
        return False
    match = _WORD_BEFORE.search(head, max(0, len(head) - 16), len(head) - 1)
    if not match:
        return False
    word = match.group(1).lstrip("'(").lower()
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

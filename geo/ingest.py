"""Read an input file into a :class:`~geo.model.Document`, refusing what is not usable text.

Every refusal is an :class:`~geo.errors.InputError` naming the file and the problem: missing,
unreadable, empty, binary, not UTF-8, too large. HTML (by extension, or markup found in a
``.txt``/``.md`` file) is reduced to its visible text with BeautifulSoup.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from geo.errors import InputError
from geo.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
DEFAULT_MAX_BYTES = 20_000_000

# Elements whose content is never visible article text.
_INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "head",
    "nav",
    "form",
    "button",
)
# Elements that end a line of text when rendered.
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "figcaption",
    "figure",
    "title",
    "dd",
    "dt",
    "main",
    "nav",
    "hr",
)
_DOCUMENT_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_STRUCTURAL_TAG = re.compile(
    r"</?(?:p|div|br|html|body|span|a|h[1-6]|li|ul|table|td|tr|article|section)\b[^>]*>", re.IGNORECASE
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_FIELD = re.compile(r"^(date|title)\s*:\s*[\"']?(.*?)[\"']?\s*$", re.IGNORECASE | re.MULTILINE)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_CONTROL_BYTES = frozenset(range(32)) - frozenset(b"\t\n\r\f\v\x1b")


def iter_input_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: each named file as given, and every text file under each directory.

    Directories are walked recursively for .txt, .md and .html/.htm files (hidden ones
    skipped); entries that merely look like files (a broken link) are kept so that reading
    them reports the problem. Sorted, without duplicates. A missing path is an error.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for entry in path.rglob("*"):
                relative = entry.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if entry.suffix.lower() in TEXT_SUFFIXES and not entry.is_dir():
                    found.setdefault(str(entry), entry)
        elif path.exists() or path.is_symlink():
            found.setdefault(str(path), path)
        else:
            raise InputError(path, "no such file or directory")
    return [found[key] for key in sorted(found)]


def read_document(path: Path, *, reference_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one text, Markdown or HTML file as a Document.

    ``reference_date`` (from ``--date``) wins over a date found in the file (HTML
    ``article:published_time``, Markdown front matter ``date:``).
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    text = _decode(path, data, html=is_html)
    if not text.strip():
        raise InputError(path, "empty file: nothing but whitespace")
    _check_textual(path, text)
    if not is_html and _looks_like_html(text):
        is_html = True

    title = ""
    found_date: date | None = None
    if is_html:
        text, title, found_date = _html_to_text(text)
    elif suffix in MARKDOWN_SUFFIXES:
        text, title, found_date = _split_front_matter(text)
    if not text.strip():
        raise InputError(path, "no visible text (the markup contains no article text)")
    return Document(
        name=path.name,
        text=text,
        reference_date=reference_date or found_date,
        title=title or _first_line(text),
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise InputError(path, "is a directory, expected a text file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file too large: {size:,} bytes, the limit is {max_bytes:,} bytes")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        reason = "broken link, its target does not exist" if path.is_symlink() else "no such file"
        raise InputError(path, reason) from error
    except PermissionError as error:
        raise InputError(path, "cannot read: permission denied") from error
    except IsADirectoryError as error:
        raise InputError(path, "is a directory, expected a text file") from error
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from error
    if len(data) > max_bytes:  # grew while we read it
        raise InputError(path, f"file too large: more than {max_bytes:,} bytes, the limit")
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, f"expected text, got binary data (NUL byte at offset {nul})")
    return data


def _decode(path: Path, data: bytes, *, html: bool) -> str:
    """UTF-8 (with or without BOM); UTF-16 with a BOM; HTML may declare another charset."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            reason = f"not valid UTF-16 despite its byte-order mark (offset {error.start})"
            raise InputError(path, reason) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data) if html or data.lstrip()[:1] == b"<" else None
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        if _mostly_control_bytes(data):
            raise InputError(path, "expected text, got binary data (mostly control bytes)") from error
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            path, f"not valid UTF-8: byte 0x{bad} at offset {error.start}; convert the file to UTF-8"
        ) from error


def _mostly_control_bytes(data: bytes) -> bool:
    head = data[:8192]
    return sum(byte in _CONTROL_BYTES for byte in head) * 10 > len(head)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_textual(path: Path, text: str) -> None:
    """Refuse decoded data that is mostly control characters (a binary file that happens to decode)."""
    sample = text[:65536]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f\v\x1b")
    if controls > max(8, len(sample) // 20):
        raise InputError(
            path,
            f"expected text, got binary data ({controls} control characters in the first {len(sample)} characters)",
        )


def _looks_like_html(text: str) -> bool:
    """A whole HTML page, or prose marked up with several structural tags (not one stray tag)."""
    if _DOCUMENT_START.match(text):
        return True
    tags = _STRUCTURAL_TAG.findall(text[:200_000])
    return len(tags) >= 4 and sum(map(len, tags)) * 50 >= min(len(text), 200_000)


def _html_to_text(markup: str) -> tuple[str, str, date | None]:
    """Visible text of an HTML page, one line per block element; its title and publication date."""
    soup = BeautifulSoup(markup, "html.parser")
    published = _published_date(soup)
    title_tag = soup.find("h1") or soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    for element in soup(list(_INVISIBLE_TAGS)):
        element.decompose()
    for element in soup(list(_BLOCK_TAGS)):
        element.insert_before("\n")
        element.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    text = "\n\n".join(line for line in lines if line)
    if title and title not in text:
        text = f"{title}\n\n{text}"
    return text, title, published


def _published_date(soup: BeautifulSoup) -> date | None:
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META:
            parsed = _parse_date(meta.get("content") or "")
            if parsed:
                return parsed
    for time_tag in soup.find_all("time"):
        parsed = _parse_date(time_tag.get("datetime") or "")
        if parsed:
            return parsed
    return None


def _split_front_matter(text: str) -> tuple[str, str, date | None]:
    """Markdown: drop a YAML front-matter block, keeping its ``title:`` and ``date:``."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, "", None
    fields = {key.lower(): value for key, value in _FRONT_MATTER_FIELD.findall(match.group(1))}
    body = text[match.end() :]
    return body, fields.get("title", ""), _parse_date(fields.get("date", ""))


def _parse_date(value: str) -> date | None:
    """An ISO 8601 date or timestamp ("2021-07-05", "2021-07-05T08:30:00Z"), else None."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            return stripped
    return ""

"""Reading input files: what is accepted, and a clear error naming the file for what is not."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.ingest import iter_input_paths, read_document

PROSE = "Border guards report a quiet night\n\nSome 40 herders crossed the river at dawn. They were sent back.\n"


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_plain_text(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "note.txt", PROSE))
    assert document.name == "note.txt"
    assert document.text == PROSE
    assert document.title == "Border guards report a quiet night"
    assert document.reference_date is None


def test_reference_date_is_passed_through(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "note.txt", PROSE), reference_date=date(2024, 5, 2))
    assert document.reference_date == date(2024, 5, 2)


def test_byte_order_marks(tmp_path: Path) -> None:
    assert read_document(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + PROSE.encode())).text == PROSE
    assert read_document(write(tmp_path / "b.txt", PROSE.encode("utf-16"))).text == PROSE


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_files_are_refused(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "empty.txt", content)
    with pytest.raises(InputError, match="empty") as caught:
        read_document(path)
    assert caught.value.path == str(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"binary data \(NUL byte at offset 8\)") as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path))


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "data.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 200)
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_latin1_is_refused_with_the_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Les réfugiés sont arrivés.".encode("latin-1"))
    with pytest.raises(InputError, match=r"not valid UTF-8: byte 0xe9 at offset 5"):
        read_document(path)


def test_declared_charset_is_honoured_in_html(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>Arrivée</title></head><body><p>Réfugiés.</p></body></html>'
    document = read_document(write(tmp_path / "page.html", html.encode("latin-1")))
    assert "Réfugiés." in document.text
    assert document.title == "Arrivée"


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50_000_000)
    with pytest.raises(InputError, match=r"file too large: 50,000,000 bytes, the limit is 20,000,000 bytes"):
        read_document(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_broken_link(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="broken link"):
        read_document(link)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", PROSE)
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o644)


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<meta property="article:published_time" content="2024-04-21T08:30:00+00:00">
<title>Site name | Crossing reported</title>
<style>p { color: red }</style>
<script>var tracking = "Kabul";</script>
</head>
<body><nav>Home</nav>
<h1>Herders cross the river</h1>
<p>Some <b>40 herders</b> crossed the river at dawn.</p><p>They were sent back.</p>
<script>alert(1)</script>
</body></html>
"""


def test_html_is_reduced_to_text(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "page.html", HTML_PAGE))
    assert document.title == "Herders cross the river"
    assert "Some 40 herders crossed the river at dawn." in document.text
    assert "They were sent back." in document.text
    assert "alert" not in document.text and "tracking" not in document.text and "color" not in document.text
    assert document.reference_date == date(2024, 4, 21)


def test_html_in_a_txt_file_is_detected(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "saved.txt", HTML_PAGE))
    assert "<p>" not in document.text
    assert "Some 40 herders crossed the river at dawn." in document.text


def test_a_script_tag_in_prose_stays_text(tmp_path: Path) -> None:
    text = "A reader wrote <script>alert('x')</script> in the comment box.\nThe editor removed it.\n"
    document = read_document(write(tmp_path / "comment.txt", text))
    assert document.text == text


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: Night crossing\ndate: 2024-06-30\n---\n# Night crossing\n\nThey crossed on Sunday.\n"
    document = read_document(write(tmp_path / "story.md", text))
    assert document.reference_date == date(2024, 6, 30)
    assert document.title == "Night crossing"
    assert document.text.startswith("# Night crossing")
    assert read_document(tmp_path / "story.md", reference_date=date(2024, 7, 1)).reference_date == date(2024, 7, 1)


def test_iter_input_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    for name in ("b/deep/z.md", "b/a.html", "c.txt", "b/.hidden.txt", "notes.csv"):
        write(tmp_path / name, PROSE)
    single = write(tmp_path / "single.dat", PROSE)
    found = iter_input_paths([tmp_path / "b", tmp_path / "c.txt", single, tmp_path / "c.txt"])
    assert found == [tmp_path / "b" / "a.html", tmp_path / "b" / "deep" / "z.md", tmp_path / "c.txt", single]
    with pytest.raises(InputError, match="no such file or directory"):
        iter_input_paths([tmp_path / "nothing-here"])

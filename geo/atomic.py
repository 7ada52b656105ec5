"""Atomic file output: an existing file is replaced only when the new one is complete.

Writers (GDAL drivers, the browser's screenshot, plain text) write into a private
temporary directory next to the target; on success the file is moved over the target
with :func:`os.replace`, which is atomic on one file system. On any error the
temporary directory is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import ExportError


@contextlib.contextmanager
def atomic_output(path: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path named like ``path``; move it into place on success.

    ``suffix`` replaces the extension of the temporary name, for writers that choose
    their behaviour by extension (GDAL's CSV driver writes a folder for a name without
    ``.csv``).

    The temporary file lives in a fresh directory beside ``path`` (same file system, so
    the final rename is atomic, and drivers that add side files such as SQLite journals
    keep them away from the target). Raises :class:`ExportError` naming the target when
    the directory is missing or not writable, the writer fails with an ``OSError``, or
    it produced no file.

    Example::

        with atomic_output("maps/incidents.gpkg") as tmp:
            frame.to_file(tmp, driver="GPKG")
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the directory {target.parent} does not exist")
    try:
        workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise ExportError(f"{target}: cannot write in {target.parent}: {error.strerror}") from error
    try:
        temporary = workdir / (target.name if suffix is None else f"{target.stem}{suffix}")
        yield temporary
        if not temporary.is_file():
            raise ExportError(f"{target}: the writer produced no file")
        os.replace(temporary, target)
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(f"{target}: {error}") from error
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically and return the path."""
    target = Path(path)
    with atomic_output(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target

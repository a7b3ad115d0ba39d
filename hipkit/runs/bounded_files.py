"""Open the files of an activity export safely: only inside the export, and never unbounded.

An export is a folder a runner received from a service (or from a friend): its
``activities.csv`` names the files to read, and a name may point anywhere. A gzipped file
may also inflate to far more than its size on disk (a 4.7 MB ``.fit.gz`` can hold 1 GiB).
So every activity file goes through this module:

- :func:`inside_export` gives the path a ``Filename`` cell names only if it stays inside
  the export folder: no absolute path, no ``..``, and no symbolic link leading out.
- :func:`open_capped` refuses a file larger than :data:`MAX_FILE_BYTES` on disk and
  gives a stream that decompresses ``.gz`` files as it is read and stops with a clear
  error once more than the given limit (by default :data:`MAX_INFLATED_BYTES`) has come
  out, so a gzip bomb costs one chunk of memory, not its inflated size.

The limits are the pack's own choice, far above any real recording: a watch recording
every second for a whole day writes a FIT file of a few MB, and GPX of a few tens of MB.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

from hipkit.errors import DataFileError, Problem

_MB = 2**20
#: Largest activity file read, as stored on disk (gzipped or not).
MAX_FILE_BYTES = 200 * _MB
#: Most bytes one activity file may give once decompressed.
MAX_INFLATED_BYTES = 200 * _MB
#: Bytes read at a time: what a refused bomb costs in memory.
CHUNK_BYTES = 256 * 1024


def inside_export(root: Path, name: str) -> Path | None:
    """``root / name`` if that path stays inside ``root``, else None.

    ``name`` is a cell of the export (``activities/123.fit.gz``); both ``/`` and ``\\``
    separate folders in it, as the export may come from either system.

    Examples
    --------
    >>> from pathlib import Path
    >>> inside_export(Path("export"), "activities/1.fit.gz").as_posix()
    'export/activities/1.fit.gz'
    >>> [inside_export(Path("export"), n) for n in ("../other.fit", "/etc/passwd", "C:x")]
    [None, None, None]
    """
    relative = PurePosixPath(name.replace("\\", "/"))
    if (relative.is_absolute() or PureWindowsPath(name).drive or ".." in relative.parts
            or not relative.parts):
        return None
    path = root / relative
    return path if stays_inside(root, path) else None


def stays_inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, is inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


class _CappedStream:
    """A binary stream that raises once more than ``limit`` bytes have been read."""

    def __init__(self, stream, label: str, limit: int, gzipped: bool):
        self._stream, self._label, self._limit, self._gzipped = stream, label, limit, gzipped
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        # Never more than one chunk at a time, whatever the caller asks for.
        size = CHUNK_BYTES if size is None or size < 0 else min(size, CHUNK_BYTES)
        try:
            data = self._stream.read(size)
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            raise DataFileError([Problem(self._label, "file", "is not a readable gzip file "
                                         f"({error})")]) from None
        self.bytes_read += len(data)
        if self.bytes_read > self._limit:
            what = "inflates to" if self._gzipped else "holds"
            raise DataFileError([Problem(
                self._label, "file", f"{what} more than {self._limit // _MB} MB, the most "
                "hipkit reads from one activity file (a day-long recording is a few MB)")])
        return data

    def read_all(self) -> bytes:
        """Every byte, still within the limit."""
        parts = []
        while data := self.read(CHUNK_BYTES):
            parts.append(data)
        return b"".join(parts)


@contextmanager
def open_capped(path: Path, label: str,
                limit: int = MAX_INFLATED_BYTES) -> Iterator[_CappedStream]:
    """Open an activity file for reading, decompressing ``.gz``, with size limits.

    Raises :class:`hipkit.errors.DataFileError` naming ``label`` when the file is larger
    than :data:`MAX_FILE_BYTES` on disk, and while it is read once more than ``limit``
    bytes have come out of it.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError([Problem(label, "file", f"is {size / _MB:.0f} MB, larger than the "
                                     f"{MAX_FILE_BYTES // _MB} MB hipkit reads for one "
                                     "activity file")])
    gzipped = path.name.lower().endswith(".gz")
    with open(path, "rb") as raw:
        if gzipped:
            with gzip.GzipFile(fileobj=raw) as inflating:
                yield _CappedStream(inflating, label, limit, gzipped=True)
        else:
            yield _CappedStream(raw, label, limit, gzipped=False)

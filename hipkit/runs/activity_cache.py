"""What each decoded activity file said, kept so an unchanged file is never decoded twice.

Decoding FIT and GPX is pure Python and costs tens of milliseconds a file; a runner's
export of several years holds thousands, and a second import of the same folder (with
last week's runs added) should cost only the new files. So :func:`hipkit.read_activities`
keeps each file's summary (or the reason it could not be read) in one JSON file in the
runner's hipkit folder (``hipkit.settings.home() / "cache"``).

A summary is used only while its file is the one that was decoded: the entry is keyed by
the file's full path and stamped with its size, modification time, status-change time and
inode, so a file edited, touched, replaced by another (even with its old modification time
restored) or copied over is decoded again. The cache is safe to delete at any time; a
damaged cache file is set aside with a warning and rebuilt. It is written whole or not
at all (:func:`hipkit.log.writing.write_atomic`).
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

from hipkit.settings import home

#: Bumped whenever decoding changes what a file gives, so old summaries are not used.
CACHE_VERSION = 1
CACHE_NAME = "activity_summaries.json"


class ActivityCacheWarning(UserWarning):
    """The activity cache could not be used as it was; it is being rebuilt."""


def cache_path() -> Path:
    """Where the summaries live: ``cache/activity_summaries.json`` in the hipkit folder."""
    return home() / "cache" / CACHE_NAME


def file_stamp(path: Path) -> list[int]:
    """What must be unchanged for a summary to still describe the file."""
    status = path.stat()
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


class SummaryCache:
    """The decoded summaries, loaded once per import and saved if anything was added."""

    def __init__(self, path: Path | None = None):
        self.path = path or cache_path()
        self._entries: dict[str, dict] = {}
        self._changed = False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as error:
            self._rebuild(f"cannot be read ({error.strerror})")
            return
        try:
            stored = json.loads(text)
            if stored["version"] != CACHE_VERSION:
                self._changed = True  # an older hipkit's summaries: start again, quietly
                return
            entries = stored["files"]
            if not isinstance(entries, dict):
                raise TypeError("files is not an object")
        except (ValueError, KeyError, TypeError) as error:
            self._rebuild(f"is damaged ({type(error).__name__}: {error})")
            return
        self._entries = entries

    def _rebuild(self, reason: str) -> None:
        warnings.warn(f"The activity cache {self.path} {reason}; it is rebuilt, so this "
                      "import decodes every file again.", ActivityCacheWarning, stacklevel=4)
        self._changed = True

    def get(self, path: Path, stamp: list[int]) -> dict | None:
        """The summary stored for ``path`` if the file still has ``stamp``."""
        entry = self._entries.get(os.fspath(path.resolve()))
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            return entry.get("summary")
        return None

    def put(self, path: Path, stamp: list[int], summary: dict) -> None:
        self._entries[os.fspath(path.resolve())] = {"stamp": stamp, "summary": summary}
        self._changed = True

    def save(self) -> None:
        """Write the cache whole, if this import added to it; a failure only warns."""
        if not self._changed:
            return
        from hipkit.log.writing import write_atomic

        data = json.dumps({"version": CACHE_VERSION, "files": self._entries},
                          separators=(",", ":"), default=str).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data)
        except OSError as error:
            warnings.warn(f"The activity cache {self.path} could not be written "
                          f"({error.strerror}); the next import decodes these files again.",
                          ActivityCacheWarning, stacklevel=3)
        self._changed = False

"""Logs a coach uploads, each upload a batch saved in a folder of its own.

:func:`save_upload_batch` saves one upload: names made safe (:func:`upload_file_name`),
only log files kept, nothing mixed with an earlier batch, the batch's folder appearing
whole or not at all. :class:`UploadBatch` says what was saved, renamed and ignored.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hipkit import settings
from hipkit.coach.group import LOG_SUFFIXES, LOG_TYPES
from hipkit.log.writing import write_atomic

#: Each upload batch's folder: ``uploaded_logs/<day>/batch_<n>``.
BATCH_PREFIX = "batch_"


#: Characters a file name may not hold on Windows or macOS, besides control characters.
_UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*]')
#: Names Windows keeps for devices, whatever their ending.
_DEVICE_NAMES = {"con", "prn", "aux", "nul",
                 *(f"{device}{number}" for device in ("com", "lpt") for number in range(1, 10))}


def upload_file_name(name: str) -> str:
    """A safe, non-empty base name for an uploaded file: no folder, no control character.

    The browser's name is trusted for nothing: a folder part is dropped, control and
    invisible characters removed, characters a file system refuses replaced by ``_``,
    dots and spaces trimmed from the ends (no hidden file, no ``..``), the stem cut to
    100 characters and the ending lower-cased; an empty stem becomes ``upload``.

    Examples
    --------
    >>> [upload_file_name(n) for n in ["..", "", "C:\\\\logs\\\\Jo.CSV", "a\\x00b.csv", "nul.csv"]]
    ['upload', 'upload', 'Jo.csv', 'ab.csv', 'nul_.csv']
    """
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", str(name)))[-1]
    base = "".join(" " if unicodedata.category(c) == "Zs" else c for c in base
                   if unicodedata.category(c)[0] != "C" and unicodedata.category(c)
                   not in ("Zl", "Zp"))
    ending = re.search(r"\.[A-Za-z0-9]{1,5}$", base)
    suffix = ending.group().lower() if ending else ""
    stem = _UNSAFE_IN_NAMES.sub("_", base[:len(base) - len(suffix)])
    stem = stem.strip(" .")[:100].rstrip(" .") or "upload"
    if stem.casefold() in _DEVICE_NAMES:
        stem += "_"
    return stem + suffix


@dataclass
class UploadBatch:
    """One upload of files, saved in a folder of its own (``None`` when nothing was saved).

    ``saved`` pairs each name as uploaded with the name it was saved under, in upload
    order; ``ignored`` pairs each file that was not saved with the reason.
    """

    folder: Path | None
    saved: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)

    @property
    def renamed(self) -> list[tuple[str, str]]:
        """The files saved under another name than they were uploaded with."""
        return [(uploaded, saved) for uploaded, saved in self.saved if uploaded != saved]

    def summary(self) -> str:
        """What was saved, renamed and ignored, in words a coach reads."""
        if self.folder is None:
            text = f"No log file among the {len(self.ignored)} uploaded: nothing was saved."
        else:
            text = (f"Upload {self.folder.name.replace('_', ' ')} of {self.folder.parent.name}: "
                    f"saved {len(self.saved)} log file(s) in {self.folder}. The dashboard "
                    "shows this upload only; earlier uploads stay in their own folders.")
        if self.renamed:
            text += " Saved under another name (a name taken in this upload, or one a " \
                    "computer cannot store): " + "; ".join(
                        f"{uploaded!r} as {saved!r}" for uploaded, saved in self.renamed) + "."
        if self.ignored:
            text += (f" Ignored {len(self.ignored)} file(s), not saved: "
                     + "; ".join(f"{name!r} ({why})" for name, why in self.ignored) + ".")
        return text


def save_upload_batch(files: Iterable[tuple[str, bytes]], uploads: Path) -> UploadBatch:
    """Save uploaded log files as one batch: ``uploads/<today>/batch_<n>``, a new folder.

    Each file keeps its bytes exactly; its name is made safe (:func:`upload_file_name`)
    and unique in the batch (``my_log.csv``, ``my_log_2.csv``). Files the log reader
    does not read are left out and listed. The batch's folder appears whole or not at
    all: the files are written into a hidden folder first, which is then renamed.
    """
    batch = UploadBatch(folder=None)
    contents: dict[str, bytes] = {}
    for uploaded, data in files:
        content, name = bytes(data), upload_file_name(uploaded)
        stem, suffix = name[:len(name) - len(Path(name).suffix)], Path(name).suffix
        if suffix not in LOG_SUFFIXES:
            batch.ignored.append((uploaded, f"not a log file: a log is {LOG_TYPES}"))
            continue
        if name.startswith("~$"):
            batch.ignored.append((uploaded, "a spreadsheet's lock file, not a log"))
            continue
        same = next((saved for saved, kept in contents.items() if kept == content), None)
        if same is not None:  # chosen twice: saving it again would count the runner twice
            batch.ignored.append((uploaded, f"the same file as {same!r}, saved once"))
            continue
        taken = {saved.casefold() for saved in contents}
        number = 2
        while name.casefold() in taken:
            name, number = f"{stem}_{number}{suffix}", number + 1
        contents[name] = content
        batch.saved.append((uploaded, name))
    if not contents:
        return batch
    day = uploads / f"{settings.today():%Y-%m-%d}"
    day.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".batch-", suffix=".tmp", dir=day))
    try:
        for name, content in contents.items():
            write_atomic(staging / name, content)
        batch.folder = _claim_batch_folder(staging, day)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return batch


def _claim_batch_folder(staging: Path, day: Path) -> Path:
    """Rename the finished batch to the next free ``batch_<n>`` of the day."""
    numbers = [int(f.name.removeprefix(BATCH_PREFIX)) for f in day.glob(f"{BATCH_PREFIX}*")
               if f.name.removeprefix(BATCH_PREFIX).isdigit()]
    number = max(numbers, default=0) + 1
    while True:
        target = day / f"{BATCH_PREFIX}{number}"
        try:
            os.rename(staging, target)
            return target
        except OSError as error:  # the name is taken (another upload got there first)
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
                raise
        number += 1

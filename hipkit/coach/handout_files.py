"""The group's handouts as files: whose, under which names, written into one folder.

:func:`write_handouts` writes a handout PDF for every runner of a group, named after
them (:func:`handout_file_name`), into one folder, once every name is known to print
(:func:`unprintable_runners`); :func:`zip_files` packs them into one archive and
:func:`download_link` offers a file for download in a page. Every file is written whole
or not at all.
"""

from __future__ import annotations

import base64
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from hipkit.coach.group import Group
from hipkit.log.writing import write_atomic


def group_runners(group: Group) -> list[str]:
    """Every runner of a group: the names in the logs that loaded, then a name made from
    each unreadable file's name (``kit_lawson.csv`` -> ``Kit Lawson``), so a runner
    whose log is broken still gets a handout.

    Examples
    --------
    >>> group_runners(Group(logs={"Ana": None}, problems={"kit_lawson.csv": "..."}))
    ['Ana', 'Kit Lawson']
    """
    guessed = [Path(name).stem.replace("_", " ").title() for name in group.problems]
    return list(group.logs) + [name for name in guessed if name not in group.logs]


def handout_file_name(runner: str, taken: Iterable[str] = ()) -> str:
    """A file name for a runner's handout: plain letters, digits and ``_``, unique.

    Examples
    --------
    >>> handout_file_name("Sam <Fast> Okafor"), handout_file_name("Zoë", ["zoe.pdf"])
    ('sam_fast_okafor.pdf', 'zoe_2.pdf')
    """
    plain = unicodedata.normalize("NFKD", runner).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "runner"
    name, number = f"{stem}.pdf", 2
    while name in set(taken):
        name, number = f"{stem}_{number}.pdf", number + 1
    return name


def write_handouts(runners: Iterable[str], plan: pd.DataFrame, folder: str | Path, *,
                   paper: str = "a4",
                   progress: Callable[[int, str], None] | None = None) -> dict[str, Path]:
    """Write one handout PDF per runner into ``folder``; return each runner's file.

    Every name is checked first (:func:`hipkit.coach.handout.check_runner_name`), as the
    command line does: a name the handout cannot print raises ValueError, listing every
    such name, before any PDF is written. ``progress(done, runner)`` is called before
    each runner's handout is written, so a view can say how far it got.
    """
    from hipkit.coach.handout import make_handout

    runners = list(runners)
    problems = unprintable_runners(runners)
    if problems:
        raise ValueError("\n".join(problems.values()))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for done, runner in enumerate(runners):
        if progress is not None:
            progress(done, runner)
        path = folder / handout_file_name(runner, [p.name for p in written.values()])
        make_handout(path, runner, plan, paper=paper)  # written whole or not at all
        written[runner] = path
    return written


def unprintable_runners(runners: Iterable[str]) -> dict[str, str]:
    """Each runner whose name a handout cannot print, with why
    (:func:`hipkit.coach.handout.check_runner_name`).

    Examples
    --------
    >>> list(unprintable_runners(["Zoë Ёлкина", "李小龙"]))
    ['李小龙']
    """
    from hipkit.coach.handout import check_runner_name

    problems = {}
    for runner in runners:
        try:
            check_runner_name(runner)
        except ValueError as error:
            problems[runner] = str(error)
    return problems


def zip_files(paths: Iterable[Path], out: str | Path) -> Path:
    """Pack files into one zip archive (by their names), written whole or not at all."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, Path(path).name)
    write_atomic(Path(out), buffer.getvalue())
    return Path(out)


def download_link(path: str | Path, *, label: str | None = None) -> str:
    """An HTML link that downloads a file under its own name (the file rides in the
    link, so it works in Voilà, which serves no files from the coach's folder)."""
    path = Path(path)
    kinds = {".pdf": "application/pdf", ".zip": "application/zip", ".html": "text/html"}
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    kind = kinds.get(path.suffix.lower(), "application/octet-stream")
    return (f'<a download="{html.escape(path.name)}" href="data:{kind};base64,{data}">'
            f"{html.escape(label or path.name)}</a>")

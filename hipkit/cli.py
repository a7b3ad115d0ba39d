"""The ``python -m hipkit`` command line: print runners' plans without opening Jupyter.

Examples
--------
One runner, one file::

    python -m hipkit handout --runner "Sam Okafor" --weeks 6 --out sam.pdf --paper letter

A whole group in one go, one PDF per runner in a folder (names from several
``--runner``, a CSV of names, or a folder of the group's logs)::

    python -m hipkit handout --runner "Ana Souza" --runner "Ben Achterberg" --out handouts
    python -m hipkit handout --names runners.csv --out handouts
    python -m hipkit handout --group logs --out handouts

The group's dashboard as one HTML page::

    python -m hipkit dashboard club_logs/ --as-of 2026-03-06 --out report.html
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from hipkit import settings
from hipkit.coach.handout import MAX_WEEKS, make_handouts
from hipkit.coach.handout_layout import PAPERS
from hipkit.errors import DataFileError
from hipkit.exercises.progression import build_plan
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.reading import BAND_COLOURS


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date like 2026-03-02: {text!r}") from error


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from error
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _weeks(text: str) -> int:
    value = _positive(text)
    if value > MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"at most {MAX_WEEKS} weeks (a year), got {value}")
    return value


def next_monday(today: dt.date) -> dt.date:
    """The Monday after ``today`` (a week later when today is a Monday).

    Examples
    --------
    >>> next_monday(dt.date(2026, 3, 4)), next_monday(dt.date(2026, 3, 2))
    (datetime.date(2026, 3, 9), datetime.date(2026, 3, 9))
    """
    return today + dt.timedelta(days=7 - today.weekday())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task (only ``handout`` so far)."""
    rules = load_progression()
    parser = argparse.ArgumentParser(
        prog="python -m hipkit",
        description="Hip-strength tools for runners and their coaches.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    handout = commands.add_parser(
        "handout", help="write a runner's printable plan (PDF), or a whole group's",
        description="Write printable hip-strength plans: a cover, a page per exercise and "
                    "a tick sheet for every session. Give one runner and a .pdf file, or "
                    "a group (several --runner, --names or --group) and a folder: one PDF "
                    "per runner, all in one run.")
    who = handout.add_argument_group("who the plans are for (at least one)")
    who.add_argument("--runner", action="append", default=[],
                     help="a runner's name, for the cover; repeat it for several runners")
    who.add_argument("--names", metavar="CSV",
                     help="a CSV file of names: its 'runner' or 'name' column, or else its "
                          "first column")
    who.add_argument("--group", metavar="FOLDER",
                     help="a folder of the group's training logs: one plan per runner in it")
    handout.add_argument("--out", required=True,
                         help="the PDF file to write for one runner, or the folder to write "
                              "one PDF per runner into (created if needed)")
    handout.add_argument("--weeks", type=_weeks, default=rules.weeks,
                         help=f"length of the plan in weeks, 1 to {MAX_WEEKS} "
                              f"(default {rules.weeks})")
    handout.add_argument("--sessions-per-week", type=_positive,
                         default=rules.sessions_per_week,
                         help=f"sessions a week, 1 to 7 (default {rules.sessions_per_week})")
    handout.add_argument("--start", type=_iso_date,
                         help="day of the first session, YYYY-MM-DD (default: next Monday)")
    handout.add_argument("--paper", choices=sorted(PAPERS), default="a4",
                         help="paper size (default a4)")
    handout.add_argument("--band", choices=BAND_COLOURS, type=str.lower,
                         help="the runner's starting band colour, if known")
    add_dashboard_command(commands)
    return parser


def add_dashboard_command(commands: argparse._SubParsersAction) -> None:
    """The ``dashboard`` sub-command: a group's report page from a folder of logs."""
    dashboard = commands.add_parser(
        "dashboard", help="write a group's dashboard (HTML) from a folder of logs",
        description="Read every runner's log (.csv, .xlsx or .xlsm) in a folder and write one "
                    "HTML page: who keeps up, who needs a word, and files that could not "
                    "be read.")
    dashboard.add_argument("folder", help="the folder holding one log file per runner")
    dashboard.add_argument("--out", required=True, help="the HTML file to write")
    dashboard.add_argument("--as-of", type=_iso_date,
                           help="the report date, YYYY-MM-DD (default: today)")
    dashboard.add_argument("--start", type=_iso_date,
                           help="the plan's first day, YYYY-MM-DD (default: the Monday of "
                                "the first week anyone logged)")


def run_dashboard(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the dashboard page the ``dashboard`` sub-command asked for."""
    from hipkit import settings
    from hipkit.coach.dashboard_page import write_dashboard

    as_of = args.as_of or settings.today()
    try:
        dashboard = write_dashboard(args.folder, args.out, as_of=as_of, start=args.start)
    except (ValueError, DataFileError, OSError) as error:
        parser.exit(2, f"python -m hipkit dashboard: error: {error}\n")
    problems = len(dashboard.group.problems)
    print(f"Wrote {args.out}: {len(dashboard.group.logs)} runners as of {as_of:%d %b %Y}"
          + (f", {problems} file(s) could not be read (listed in the page)." if problems
             else "."))
    return 0


def main(argv: Sequence[str] | None = None, *, today: dt.date | None = None) -> int:
    """Run the command line; return the exit status (0 when every PDF was written).

    ``today`` fixes the default start date (the next Monday) for tests.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "dashboard":
        return run_dashboard(args, parser)
    start = args.start or next_monday(today or settings.today())
    try:
        runners = _runners(args, today or settings.today())
        if not runners:
            parser.error("give a runner: --runner NAME, --names CSV or --group FOLDER")
        outs = _outputs(runners, Path(args.out))
        plan = build_plan(start, args.weeks, args.sessions_per_week, band=args.band)
        pages = make_handouts(outs, plan, paper=args.paper)
    except (ValueError, DataFileError, OSError) as error:
        parser.exit(2, f"python -m hipkit handout: error: {error}\n")
    for (runner, out), count in zip(outs.items(), pages.values(), strict=True):
        print(f"Wrote {out}: {count} pages, {args.weeks} weeks from {start:%d %b %Y}."
              + (f" ({runner})" if len(outs) > 1 else ""))
    return 0


def _runners(args: argparse.Namespace, today: dt.date) -> list[str]:
    """Every name asked for, in order, each once."""
    names = list(args.runner)
    if args.names:
        names += read_names(Path(args.names))
    if args.group:
        from hipkit.coach.group import load_group

        group = load_group(args.group, as_of=today)
        for file, problem in group.problems.items():
            print(f"Skipped {file}, which could not be read:\n{problem}")
        names += list(group.logs)
    return list(dict.fromkeys(" ".join(unicodedata.normalize("NFC", name).split())
                              for name in names))


def read_names(path: Path) -> list[str]:
    """Runner names from a CSV: its ``runner`` or ``name`` column, or else its first.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> names = pathlib.Path(tempfile.mkdtemp()) / "names.csv"
    >>> _ = names.write_text("Name,Email\\nAna Souza,a@x.org\\n,\\nBen,b@x.org\\n")
    >>> read_names(names)
    ['Ana Souza', 'Ben']
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # a spreadsheet saved on Windows
    rows = [row for row in csv.reader(text.splitlines()) if any(c.strip() for c in row)]
    if not rows:
        raise ValueError(f"{path.name} holds no names")
    header = [cell.strip().lower() for cell in rows[0]]
    wanted = next((header.index(h) for h in ("runner", "name", "runners", "names")
                   if h in header), None)
    column, body = (0, rows) if wanted is None else (wanted, rows[1:])
    return [row[column].strip() for row in body if len(row) > column and row[column].strip()]


def _outputs(runners: list[str], out: Path) -> dict[str, Path]:
    """Where each runner's PDF goes: ``out`` itself for one runner and a .pdf name."""
    if len(runners) == 1 and out.suffix.lower() == ".pdf":
        return {runners[0]: out}
    if out.suffix.lower() == ".pdf":
        raise ValueError(f"--out {out} is one file, but {len(runners)} runners need one "
                         "each: give a folder")
    out.mkdir(parents=True, exist_ok=True)
    outs: dict[str, Path] = {}
    taken: set[str] = set()
    for runner in runners:
        stem = file_stem(runner)
        name, number = stem, 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}_{number}"
        taken.add(name.casefold())
        outs[runner] = out / f"{name}.pdf"
    return outs


def file_stem(name: str) -> str:
    """A file name for a runner's plan: their letters and digits, joined by ``_``.

    Examples
    --------
    >>> file_stem("Zoë O'Brien-Ярова"), file_stem("../..")
    ('zoë_o_brien_ярова', 'runner')
    """
    words = re.findall(r"\w+", unicodedata.normalize("NFC", name).casefold())
    return "_".join(words)[:80] or "runner"

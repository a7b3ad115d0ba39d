"""The ``python -m hipkit`` command line: print a runner's plan without opening Jupyter.

Examples
--------
``python -m hipkit handout --runner "Sam Okafor" --weeks 6 --out sam.pdf --paper letter``

``python -m hipkit dashboard club_logs/ --as-of 2026-03-06 --out report.html``
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence

from hipkit.errors import DataFileError
from hipkit.handout import PAPERS, make_handout
from hipkit.progression import build_plan, load_progression
from hipkit.training_log import BAND_COLOURS


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
        "handout", help="write a runner's printable plan (PDF)",
        description="Write one runner's printable hip-strength plan: a cover, a page per "
                    "exercise and a tick sheet for every session.")
    handout.add_argument("--runner", required=True, help="the runner's name, for the cover")
    handout.add_argument("--out", required=True, help="the PDF file to write")
    handout.add_argument("--weeks", type=_positive, default=rules.weeks,
                         help=f"length of the plan in weeks (default {rules.weeks})")
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
        description="Read every runner's log (.csv or .xlsx) in a folder and write one "
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
    from hipkit.coach import write_dashboard

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
    """Run the command line; return the exit status (0 when the PDF was written).

    ``today`` fixes the default start date (the next Monday) for tests.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "dashboard":
        return run_dashboard(args, parser)
    start = args.start or next_monday(today or dt.date.today())
    try:
        plan = build_plan(start, args.weeks, args.sessions_per_week, band=args.band)
        pages = make_handout(args.out, args.runner, plan, paper=args.paper)
    except (ValueError, DataFileError, OSError) as error:
        parser.exit(2, f"python -m hipkit handout: error: {error}\n")
    print(f"Wrote {args.out}: {pages} pages, {args.weeks} weeks from {start:%d %b %Y}.")
    return 0

"""A coach's workshop without code: the group's dashboard as one page, every handout.

:func:`write_dashboard` turns a folder of runners' logs into one HTML page (charts
inside it, every name and note escaped) that opens in any browser; it is also
``python -m hipkit dashboard``. :func:`write_handouts` writes a handout PDF for every
runner of a group, named after them, into one folder, and :func:`zip_files` packs them
into one archive. :class:`CoachApp` holds what the coach chose (the folder, the report
date) and does the work; :class:`CoachAppView` is the ipywidgets form a Voilà app
(``notebooks/coach_app.ipynb``) shows. Every file is written whole or not at all.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from hipkit import settings
from hipkit.group import Group, group_adherence, group_flags, group_weekly_totals, load_group
from hipkit.log_writer import write_atomic

#: What the app and the lesson read and write under the coach's hipkit folder.
GROUP_FOLDER = "group_logs"
UPLOAD_FOLDER = "uploaded_logs"
HANDOUT_FOLDER = "handouts"


def plan_start(group: Group) -> dt.date:
    """The Monday of the first week anyone in the group logged (the plan's first day).

    Examples
    --------
    >>> logs = {"Jo": pd.DataFrame({"date": pd.to_datetime(["2026-02-04", "2026-02-11"])})}
    >>> plan_start(Group(logs=logs))
    datetime.date(2026, 2, 2)
    """
    first = min(log["date"].min() for log in group.logs.values() if len(log))
    return (first - pd.Timedelta(days=first.weekday())).date()


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

    ``progress(done, runner)`` is called before each runner's handout is written, so a
    view can say how far it got.
    """
    from hipkit.handout import make_handout

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for done, runner in enumerate(runners):
        if progress is not None:
            progress(done, runner)
        path = folder / handout_file_name(runner, [p.name for p in written.values()])
        # make_handout writes the PDF itself: write beside it, then replace it whole.
        temp = path.with_name(f".{path.name}.tmp")
        try:
            make_handout(temp, runner, plan, paper=paper)
            write_atomic(path, temp.read_bytes())
        finally:
            temp.unlink(missing_ok=True)
        written[runner] = path
    return written


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


class Dashboard:
    """A group's dashboard for one report date: flags, charts as PNG, problems."""

    def __init__(self, group: Group, plan: pd.DataFrame, as_of: dt.date):
        from hipkit.dashboard import pain_warning_flags, plot_adherence_heatmap, plot_group_totals

        self.group, self.plan, self.as_of = group, plan, as_of
        table = group_adherence(group, plan, as_of=as_of)
        self.flags = group_flags(group, plan, as_of=as_of)
        self.flags["pain_warning"] = self.flags["runner"].map(
            pain_warning_flags(group.logs, as_of))
        self.heatmap_png = _png(lambda ax: plot_adherence_heatmap(
            table, self.flags["runner"].tolist(), ax=ax),
            size=(1.2 + 0.75 * table["week"].nunique(), 1.2 + 0.4 * len(self.flags)))
        self.totals_png = _png(lambda ax: plot_group_totals(group_weekly_totals(table), ax=ax),
                               size=(7, 3.2))

    def flags_html(self) -> str:
        from hipkit.dashboard import flags_html

        return flags_html(self.flags, self.group.problems)

    def page(self, title: str) -> str:
        """The dashboard as a whole HTML page, charts inside it."""
        start = self.plan["date"].min()
        return "\n".join([
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
            "table{border-collapse:collapse}td,th{border:1px solid #888;padding:.3em .6em;"
            "text-align:left}img{max-width:100%}pre{white-space:pre-wrap}</style></head><body>",
            f"<h1>{html.escape(title)}</h1>",
            f"<p>Report date {self.as_of:%d %b %Y}; plan started {start:%d %b %Y}; "
            f"{len(self.group.logs)} runners loaded, {len(self.group.problems)} file(s) "
            "could not be read.</p>",
            "<h2>Sessions done, runner by runner</h2>",
            _img(self.heatmap_png, "Heatmap of sessions done as a share of sessions "
                 "planned, one row per runner, the furthest behind at the top"),
            "<h2>The whole group, week by week</h2>",
            _img(self.totals_png, "Bars of the group's sessions done each week against "
                 "a line of sessions planned"),
            "<h2>Who needs a word</h2>", self.flags_html(), "</body></html>"])


def write_dashboard(folder: str | Path, out: str | Path, *, as_of: dt.date,
                    start: dt.date | None = None) -> Dashboard:
    """Read every log in ``folder`` and write the group's dashboard page to ``out``.

    ``start`` is the plan's first day (default: :func:`plan_start`).
    """
    from hipkit.progression import build_plan

    group = load_group(folder, as_of=as_of)
    if not group.logs:
        raise ValueError(f"no runner's log could be read in {folder}")
    dashboard = Dashboard(group, build_plan(start or plan_start(group)), as_of)
    title = f"Hip-strength group: {Path(folder).name}"
    write_atomic(Path(out), dashboard.page(title).encode("utf-8"))
    return dashboard


def _png(draw: Callable, size: tuple[float, float]) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    draw(figure.subplots())
    picture = io.BytesIO()
    figure.savefig(picture, format="png", dpi=110)
    return picture.getvalue()


def _img(png: bytes, alt: str) -> str:
    return (f'<img alt="{html.escape(alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')


class CoachApp:
    """What the coach chose and what came of it: the state behind :class:`CoachAppView`.

    Parameters
    ----------
    folder : path, optional
        The folder of logs (default: ``group_logs`` in :func:`hipkit.settings.home`).
    as_of : date, optional
        The report date (default: :func:`hipkit.settings.today`).
    """

    def __init__(self, folder: str | Path | None = None, *, as_of: dt.date | None = None):
        self.folder = Path(folder) if folder is not None else settings.home() / GROUP_FOLDER
        self.as_of = as_of or settings.today()
        self.dashboard: Dashboard | None = None
        self.handouts: dict[str, Path] = {}
        self.archive: Path | None = None
        self.message = ""

    def add_uploads(self, files: Iterable[tuple[str, bytes]]) -> Path:
        """Save uploaded log files (name, content) in a folder of their own and use it."""
        folder = settings.home() / UPLOAD_FOLDER / f"{self.as_of:%Y-%m-%d}"
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for name, content in files:
            safe = Path(name).name
            write_atomic(folder / safe, bytes(content))
            names.append(safe)
        self.folder = folder
        self.message = f"Saved {len(names)} uploaded file(s) in {folder}."
        return folder

    def load(self) -> bool:
        """Read the folder's logs and build the dashboard; return whether it worked."""
        from hipkit.progression import build_plan

        self.dashboard, self.handouts, self.archive = None, {}, None
        folder = Path(self.folder).expanduser()
        if not folder.is_dir():
            self.message = f"There is no folder {folder}: type the folder holding the logs."
            return False
        group = load_group(folder, as_of=self.as_of)
        if not group.logs:
            self.message = (f"No runner's log could be read in {folder} (it needs .csv or "
                            f".xlsx files; {len(group.problems)} could not be read).")
            return False
        self.dashboard = Dashboard(group, build_plan(plan_start(group)), self.as_of)
        self.message = (f"{len(group.logs)} runners loaded from {folder}"
                        + (f"; {len(group.problems)} file(s) could not be read (below)."
                           if group.problems else "."))
        return True

    @property
    def handout_folder(self) -> Path:
        """Where this report's handouts go: ``handouts/<report date>`` under home."""
        return settings.home() / HANDOUT_FOLDER / f"{self.as_of:%Y-%m-%d}"

    def write_handouts(self, progress: Callable[[int, str], None] | None = None) -> bool:
        """Write every loaded runner's handout and the archive of all of them."""
        if self.dashboard is None:
            self.message = "Load the group's logs first."
            return False
        runners = group_runners(self.dashboard.group)
        self.handouts = write_handouts(runners, self.dashboard.plan, self.handout_folder,
                                       progress=progress)
        self.archive = zip_files(self.handouts.values(),
                                 self.handout_folder / "all_handouts.zip")
        self.message = f"Wrote {len(self.handouts)} handouts in {self.handout_folder}."
        return True


class CoachAppView:
    """The coach's app: choose or upload the logs and a date, see the dashboard, download."""

    def __init__(self, app: CoachApp):
        import ipywidgets as widgets

        self.app = app
        self.folder = widgets.Text(value=str(app.folder), description="Logs folder",
                                   layout=widgets.Layout(width="70%"),
                                   style={"description_width": "initial"})
        self.upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=True,
                                         description="Upload logs")
        self.as_of = widgets.DatePicker(value=app.as_of, description="Report date",
                                        style={"description_width": "initial"})
        self.load_button = widgets.Button(description="Show dashboard", button_style="primary")
        self.handout_button = widgets.Button(description="Write every handout",
                                             disabled=True)
        self.status = widgets.HTML()
        self.heatmap = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        self.totals = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        self.flags = widgets.HTML()
        self.downloads = widgets.HTML()
        self.load_button.on_click(lambda _: self.load())
        self.handout_button.on_click(lambda _: self.write_handouts())
        self.upload.observe(self._uploaded, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.folder, self.upload]), self.as_of,
            widgets.HBox([self.load_button, self.handout_button]), self.status,
            self.downloads, self.heatmap, self.totals, self.flags])

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "Coach's dashboard app: choose the logs folder and a date"
        return bundle

    def _uploaded(self, change: dict) -> None:
        files = [(item["name"], item["content"]) for item in change["new"]]
        if files:
            self.folder.value = str(self.app.add_uploads(files))
            self.load()

    def _say(self, text: str) -> None:
        self.status.value = f'<p role="status">{html.escape(text)}</p>'

    def load(self) -> None:
        """Load the folder typed (or uploaded) for the date chosen and show the dashboard."""
        self.app.folder = Path(self.folder.value.strip()).expanduser()
        self.app.as_of = self.as_of.value or settings.today()
        self.load_button.disabled = True
        self._say(f"Reading the logs in {self.app.folder}…")
        try:
            loaded = self.app.load()
        finally:
            self.load_button.disabled = False
        self._say(self.app.message)
        self.downloads.value = ""
        self.handout_button.disabled = not loaded
        dashboard = self.app.dashboard
        for image, png in [(self.heatmap, dashboard and dashboard.heatmap_png),
                           (self.totals, dashboard and dashboard.totals_png)]:
            image.layout.display = None if png else "none"
            if png:
                # Shown at its own size (an Image widget stretches to the page width).
                image.value = png
                image.layout.width = f"{int.from_bytes(png[16:20], 'big')}px"
                image.layout.max_width = "100%"
        self.flags.value = dashboard.flags_html() if dashboard else ""

    def write_handouts(self) -> None:
        """Write every runner's handout and offer each, and the archive, for download."""
        self.handout_button.disabled = True
        total = len(group_runners(self.app.dashboard.group)) if self.app.dashboard else 0
        try:
            self.app.write_handouts(
                progress=lambda done, runner: self._say(
                    f"Writing handout {done + 1} of {total}: {runner}…"))
        finally:
            self.handout_button.disabled = False
        self._say(self.app.message)
        items = [f"<li>{html.escape(runner)}: {download_link(path)} "
                 f"<small>({html.escape(str(path))})</small></li>"
                 for runner, path in self.app.handouts.items()]
        archive = (f"<p>All in one archive: {download_link(self.app.archive)}</p>"
                   if self.app.archive else "")
        self.downloads.value = (f"<h3>Handouts</h3>{archive}<ul>{''.join(items)}</ul>"
                                if items else "")

"""A coach's workshop without code: the group's dashboard as one page, every handout.

:func:`write_dashboard` turns a folder of runners' logs into one HTML page (charts
inside it, every name and note escaped) that opens in any browser; it is also
``python -m hipkit dashboard``. :func:`write_handouts` writes a handout PDF for every
runner of a group, named after them, into one folder, and :func:`zip_files` packs them
into one archive. :class:`CoachApp` holds what the coach chose (the folder, the report
date) and does the work; :class:`CoachAppView` is the ipywidgets form a Voilà app
(``notebooks/coach_app.ipynb``) shows. Each upload of logs is a batch saved in a folder
of its own (:func:`save_upload_batch`): names made safe, only log files kept, nothing
mixed with an earlier batch. Every file is written whole or not at all.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import html
import io
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hipkit import settings
from hipkit.coach.group import (
    LOG_SUFFIXES,
    LOG_TYPES,
    Group,
    group_adherence,
    group_flags,
    group_weekly_totals,
    load_group,
)
from hipkit.log.writing import write_atomic
from hipkit.palette import TABLE_BORDER

#: What the app and the lesson read and write under the coach's hipkit folder.
GROUP_FOLDER = "group_logs"
UPLOAD_FOLDER = "uploaded_logs"
HANDOUT_FOLDER = "handouts"
#: Each upload batch's folder: ``uploaded_logs/<day>/batch_<n>``.
BATCH_PREFIX = "batch_"


def plan_start(group: Group) -> dt.date:
    """The Monday of the first week anyone in the group logged (the plan's first day).

    Examples
    --------
    >>> logs = {"Jo": pd.DataFrame({"date": pd.to_datetime(["2026-02-04", "2026-02-11"])})}
    >>> plan_start(Group(logs=logs))
    datetime.date(2026, 2, 2)
    """
    dates = [log["date"].min() for log in group.logs.values() if len(log)]
    if not dates:
        raise ValueError(f"no runner's log holds an entry yet ({len(group.logs)} read, all "
                         "empty): the plan starts on the first day anyone logged")
    first = min(dates)
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


class Dashboard:
    """A group's dashboard for one report date: flags, charts as PNG, problems."""

    def __init__(self, group: Group, plan: pd.DataFrame, as_of: dt.date):
        from hipkit.coach.dashboard import (
            pain_warning_flags,
            plot_adherence_heatmap,
            plot_group_totals,
        )

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
        from hipkit.coach.dashboard import flags_html

        return flags_html(self.flags, self.group.problems)

    def page(self, title: str) -> str:
        """The dashboard as a whole HTML page, charts inside it."""
        start = self.plan["date"].min()
        return "\n".join([
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
            "table{border-collapse:collapse}td,th{border:1px solid "
            f"{TABLE_BORDER};padding:.3em .6em;"
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
    from hipkit.exercises.progression import build_plan

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
        self.batch: UploadBatch | None = None
        self.message = ""

    def add_uploads(self, files: Iterable[tuple[str, bytes]]) -> UploadBatch:
        """Save uploaded files (name, content) as a batch of their own and use it.

        Each batch gets a new folder (:func:`save_upload_batch`), so a second upload
        the same day is never mixed with the first. When no file is a log, nothing is
        saved and the folder stays as it was; :attr:`message` says what happened.
        """
        self.batch = save_upload_batch(files, settings.home() / UPLOAD_FOLDER)
        if self.batch.folder is not None:
            self.folder = self.batch.folder
        self.message = self.batch.summary()
        return self.batch

    def load(self) -> bool:
        """Read the folder's logs and build the dashboard; return whether it worked."""
        from hipkit.exercises.progression import build_plan

        self.dashboard, self.handouts, self.archive = None, {}, None
        folder = Path(self.folder).expanduser()
        if not folder.is_dir():
            self.message = f"There is no folder {folder}: type the folder holding the logs."
            return False
        try:
            group = load_group(folder, as_of=self.as_of)
        except OSError as error:
            self.message = f"The folder {folder} cannot be read: {error.strerror}."
            return False
        if not group.logs:
            self.message = (f"No runner's log could be read in {folder} (it needs "
                            f"{LOG_TYPES} files; {len(group.problems)} could not be read).")
            return False
        try:
            start = plan_start(group)
        except ValueError as error:
            self.message = f"No dashboard for {folder} yet: {error}."
            return False
        self.dashboard = Dashboard(group, build_plan(start), self.as_of)
        self.message = (f"{len(group.logs)} runners loaded from {folder}"
                        + (f"; {len(group.problems)} file(s) could not be read (below)."
                           if group.problems else "."))
        return True

    @property
    def handout_folder(self) -> Path:
        """Where this report's handouts go: ``handouts/<report date>`` under home, and
        for an upload batch a folder of its own in it, so batches never mix."""
        folder = settings.home() / HANDOUT_FOLDER / f"{self.as_of:%Y-%m-%d}"
        batch = Path(self.folder).expanduser()
        if batch.parent.parent == settings.home() / UPLOAD_FOLDER:
            folder /= f"upload_{batch.parent.name}_{batch.name}"
        return folder

    def write_handouts(self, progress: Callable[[int, str], None] | None = None) -> bool:
        """Write every loaded runner's handout and the archive of all of them.

        Every runner's name is checked first: if one cannot be printed, no handout is
        written and :attr:`message` names each such runner and their file.
        """
        if self.dashboard is None:
            self.message = "Load the group's logs first."
            return False
        group = self.dashboard.group
        runners = group_runners(group)
        problems = unprintable_runners(runners)
        if problems:
            self.message = (
                f"No handout written: {len(problems)} runner name(s) cannot be printed. "
                + " ".join(f"{why} (in {group.files[runner]})." if runner in group.files
                           else f"{why}." for runner, why in problems.items())
                + " Correct the name in the runner's log and show the dashboard again.")
            return False
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
        self.upload = widgets.FileUpload(accept=",".join(LOG_SUFFIXES), multiple=True,
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
        if not files:
            return
        batch = self.app.add_uploads(files)
        # Emptied, so the next batch is a change even when it holds the same files.
        self.upload.value = ()
        if batch.folder is None:
            self._say(self.app.message)
            return
        self.folder.value = str(batch.folder)
        self.load()

    def _say(self, *texts: str) -> None:
        self.status.value = "".join(f'<p role="status">{html.escape(text)}</p>'
                                    for text in texts)

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
        batch = self.app.batch
        # What the upload saved, while the dashboard shows that upload.
        self._say(*([batch.summary()] if batch and batch.folder == self.app.folder else []),
                  self.app.message)
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

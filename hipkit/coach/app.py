"""A coach's workshop without code: the group's dashboard as one page, every handout.

:class:`CoachApp` holds what the coach chose (the folder, the report date) and does the
work: it saves uploads (:mod:`hipkit.coach.uploads`), builds the dashboard
(:mod:`hipkit.coach.dashboard_page`) and writes every handout
(:mod:`hipkit.coach.handout_files`); :class:`CoachAppView` is the ipywidgets form a Voilà
app (``notebooks/coach_app.ipynb``) shows. Every file is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from pathlib import Path

from hipkit import settings
from hipkit.coach.dashboard_page import Dashboard, plan_start
from hipkit.coach.group import LOG_SUFFIXES, LOG_TYPES, load_group
from hipkit.coach.handout_files import (
    download_link,
    group_runners,
    unprintable_runners,
    write_handouts,
    zip_files,
)
from hipkit.coach.uploads import UploadBatch, save_upload_batch

#: What the app and the lesson read and write under the coach's hipkit folder.
GROUP_FOLDER = "group_logs"
UPLOAD_FOLDER = "uploaded_logs"
HANDOUT_FOLDER = "handouts"


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

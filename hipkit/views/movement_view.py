"""An animated figure of one exercise: a Play button and the drawing.

The state (exercise, step, frame) lives in :class:`MovementPlayer`, which tests drive
directly; :class:`MovementView` is a thin ipywidgets layer that shows the frame as a PNG
whenever the state changes. The browser's Play control counts the frames and each count
shows one frame. A step opens on its own key moment, drawn at once; the rest of its frames
are drawn by a background thread while the runner reads the step, and Play waits for them
(saying so), so the movement plays at its frame rate from the first press. Frames are
drawn once and kept.
"""

from __future__ import annotations

import base64
import html
import threading
from dataclasses import dataclass, field
from io import BytesIO

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.keyframes import FRAMES_PER_POSE, Movement, frame_count, movement
from hipkit.views.movement_plot import draw_step, key_phase, nearest_label


@dataclass
class MovementPlayer:
    """Which exercise, step and frame the figure shows.

    A step opens on its key moment: the frame where the step's own first position is
    reached, after the move in from the step before.

    Examples
    --------
    >>> from hipkit.views.movement_view import MovementPlayer
    >>> player = MovementPlayer("single_leg_bridge")
    >>> player.set_step(3)
    >>> player.frames, player.frame
    (13, 12)
    >>> player.frame = 0
    >>> player.phase
    0.0
    """

    exercise_id: str
    step: int = 1
    frame: int = 0
    frames_per_pose: int = FRAMES_PER_POSE
    data_dir: DataDir = None
    motion: Movement = field(init=False)

    def __post_init__(self) -> None:
        self.motion = movement(self.exercise_id, self.data_dir)
        self.set_step(self.step)

    @property
    def n_steps(self) -> int:
        """How many steps the exercise has."""
        return len(self.motion.steps)

    @property
    def frames(self) -> int:
        """How many frames the current step's animation has."""
        return frame_count(self.motion, self.step, self.frames_per_pose)

    @property
    def phase(self) -> float:
        """Where the current frame lies in the step, from 0 to 1."""
        return self.phase_of(self.step, self.frame)

    def set_step(self, step: int) -> None:
        """Show another step, at its key moment."""
        self.motion.step_motion(step)  # raises for a step the exercise does not have
        self.step = step
        self.frame = self.key_frame(step)

    def key_frame(self, step: int) -> int:
        """The frame of ``step`` that shows the step's own position."""
        last = frame_count(self.motion, step, self.frames_per_pose) - 1
        return round(key_phase(self.motion, step) * last)

    def phase_of(self, step: int, frame: int) -> float:
        """Where ``frame`` lies in ``step``, from 0 to 1."""
        return frame / max(frame_count(self.motion, step, self.frames_per_pose) - 1, 1)

    def describe(self, step: int, frame: int) -> str:
        """Alt text for one frame: the exercise's step and what the figure is doing."""
        label = nearest_label(self.motion, step, self.phase_of(step, frame))
        name = self.exercise_id.replace("_", " ")
        return f"Drawing of {name}, step {step}: {label}"

    def draw(self, ax: Axes | None = None) -> Axes:
        """Draw the current frame."""
        return draw_step(self.motion, self.step, self.phase, ax=ax, data_dir=self.data_dir)


class MovementView:
    """Play button and figure for one exercise, ready to embed.

    Parameters
    ----------
    player : MovementPlayer or str
        The state to show, or an exercise id to start one.
    interval : int
        Milliseconds between frames while playing.
    figsize : (float, float)
        Size of the drawing in inches; every frame has the same pixel size.
    dpi : int
        Pixels per inch: high enough to stay sharp when the browser scales it up.
    max_width : str
        CSS width limit of the picture on the page.

    Examples
    --------
    In a notebook cell (the walkthrough calls ``show_step`` when its step changes):

    >>> from hipkit.views.movement_view import MovementView
    >>> view = MovementView("glute_switch_bridge_hold")  # doctest: +SKIP
    >>> view.show_step(2)  # doctest: +SKIP
    >>> view.widget  # doctest: +SKIP
    """

    def __init__(self, player: MovementPlayer | str, interval: int = 80, *,
                 figsize: tuple[float, float] = (6.5, 3.8), dpi: int = 150,
                 max_width: str = "560px"):
        self.player = player if isinstance(player, MovementPlayer) else MovementPlayer(player)
        self.max_width = max_width
        # The browser's clock: it counts the frames while playing. Hidden, since its own
        # buttons are icons without names; the named toggle below drives it. (A frame
        # slider is left out for the same reason: its handle has no accessible name.)
        self.play = widgets.Play(interval=interval, show_repeat=False,
                                 layout=widgets.Layout(display="none"))
        self.play_button = widgets.ToggleButton(description="Play the movement", icon="play",
                                                tooltip="Play the movement of this step",
                                                layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        # An <img> in an HTML widget, not an Image widget: it carries alt text, and the
        # picture is widget state, so the notebook keeps no printed output for nbval.
        self.picture = widgets.HTML()
        # A figure outside pyplot, so the notebook never shows it a second time below
        # the cell. Never bbox_inches="tight": every frame keeps the same pixel size; the
        # constrained layout fills that size with the drawing instead.
        self.figure = Figure(figsize=figsize, layout="constrained")
        self.dpi = dpi
        self._pngs: dict[tuple[int, int], bytes] = {}
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()
        self._play_wanted = False
        self._sync_range()
        self.play.observe(self._on_frame, names="value")
        self.play_button.observe(self._on_play_button, names="value")
        # Counting the picture's views tells when a browser shows it: only then is it
        # worth drawing frames ahead (not while a notebook is run headless or tested).
        self.picture._view_count = 0
        self.picture.observe(self._on_shown, names="_view_count")
        self.play.observe(self._on_playing, names="playing")
        self.widget = widgets.VBox([
            widgets.HBox([self.play_button, self.status, self.play]),
            self.picture])
        self.widget.add_class("hipkit-movement")
        self.redraw()

    def show_step(self, step: int) -> None:
        """Switch to another step (the walkthrough calls this when its step changes)."""
        self._play_wanted = False
        self.play.playing = False
        self.status.value = ""
        self.player.set_step(step)
        self._sync_range()
        self.redraw()
        if self.picture._view_count:
            self.prepare_in_background()

    def redraw(self) -> None:
        """Show the player's current frame."""
        step, frame = self.player.step, self.player.frame
        data = base64.b64encode(self.frame_png(step, frame)).decode("ascii")
        alt = html.escape(self.player.describe(step, frame))
        self.picture.value = (f'<img src="data:image/png;base64,{data}" alt="{alt}" '
                              f'style="width:100%;max-width:{self.max_width};height:auto">')

    def frame_png(self, step: int, frame: int) -> bytes:
        """The PNG of one frame, drawn the first time it is asked for."""
        key = (step, frame)
        if key not in self._pngs:
            self._pngs[key] = self._render(self.figure, step, frame)
        return self._pngs[key]

    def _render(self, figure: Figure, step: int, frame: int) -> bytes:
        figure.clear()
        draw_step(self.player.motion, step, self.player.phase_of(step, frame),
                  ax=figure.add_subplot(), data_dir=self.player.data_dir)
        picture = BytesIO()
        figure.savefig(picture, format="png", dpi=self.dpi)
        return picture.getvalue()

    def _missing_frames(self, step: int) -> list[int]:
        count = frame_count(self.player.motion, step, self.player.frames_per_pose)
        return [frame for frame in range(count) if (step, frame) not in self._pngs]

    def prepare_in_background(self) -> None:
        """Draw the current step's frames in a thread, following the step if it changes."""
        with self._worker_lock:
            if self._worker is None and self._missing_frames(self.player.step):
                self._worker = threading.Thread(target=self._draw_wanted_frames, daemon=True)
                self._worker.start()

    def wait_until_drawn(self) -> None:
        """Block until the background thread has drawn the current step (for tests)."""
        worker = self._worker
        if worker is not None:
            worker.join()

    def _draw_wanted_frames(self) -> None:
        # A figure of its own: the thread never draws on the one the kernel uses.
        figure = Figure(figsize=self.figure.get_size_inches(), layout="constrained")
        while True:
            with self._worker_lock:
                step = self.player.step
                missing = self._missing_frames(step)
                if not missing:
                    self._worker = None
                    break
            self._pngs[step, missing[0]] = self._render(figure, step, missing[0])
        if self._play_wanted:
            self._play_when_drawn()

    def prerender_steps(self) -> None:
        """Draw the key moment of every step now, so turning a step later is instant."""
        for step in range(1, self.player.n_steps + 1):
            self.frame_png(step, self.player.key_frame(step))

    def start(self) -> None:
        """Play the current step once all its frames are drawn, so it plays at full speed."""
        if self.player.frames == 1:
            return
        self._play_wanted = True
        if self._missing_frames(self.player.step):
            self.status.value = "<i role='status'>Drawing the movement…</i>"
            self.prepare_in_background()
        self._play_when_drawn()

    def _play_when_drawn(self) -> None:
        if not self._play_wanted or self._missing_frames(self.player.step):
            return
        self._play_wanted = False
        self.status.value = ""
        if self.play.value in (self.play.max, self.player.key_frame(self.player.step)):
            self.play.value = 0  # from the still, play the step from its start
        self.play.playing = True

    def _sync_range(self) -> None:
        last = self.player.frames - 1
        self._syncing = True  # setting the controls to the key frame is not a change to draw
        self.play.max = last
        self.play.value = self.player.frame
        self._syncing = False
        self.play.disabled = self.play_button.disabled = last == 0

    def _on_play_button(self, change: dict) -> None:
        if change["new"] and not self.play.playing:
            self.start()
        elif not change["new"]:
            self._play_wanted = False
            self.play.playing = False

    def _on_shown(self, change: dict) -> None:
        if change["new"]:
            self.prepare_in_background()

    def _on_playing(self, change: dict) -> None:
        self.play_button.value = change["new"]

    def _on_frame(self, change: dict) -> None:
        if self._syncing:
            return
        self.player.frame = change["new"]
        self.redraw()

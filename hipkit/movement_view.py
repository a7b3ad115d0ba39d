"""An animated figure of one exercise: a Play button, a frame slider and the drawing.

The state (exercise, step, frame) lives in :class:`MovementPlayer`, which tests drive
directly; :class:`MovementView` is a thin ipywidgets layer that shows the frame as a PNG
in an Image widget whenever the state changes. Nothing runs in the background: the
browser's Play control steps the slider and each step shows one frame. Frames are drawn
once and kept, so stepping back and forth, or replaying, costs no drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hipkit.keyframes import FRAMES_PER_POSE, Movement, frame_count, movement
from hipkit.library import DataDir
from hipkit.movement_plot import draw_step


@dataclass
class MovementPlayer:
    """Which exercise, step and frame the figure shows.

    Examples
    --------
    >>> from hipkit.movement_view import MovementPlayer
    >>> player = MovementPlayer("single_leg_bridge")
    >>> player.set_step(3)
    >>> player.frames, player.frame
    (13, 0)
    >>> player.frame = 12
    >>> player.phase
    1.0
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
        return self.frame / max(self.frames - 1, 1)

    def set_step(self, step: int) -> None:
        """Show another step, from its first frame."""
        self.motion.step_motion(step)  # raises for a step the exercise does not have
        self.step = step
        self.frame = 0

    def phase_of(self, step: int, frame: int) -> float:
        """Where ``frame`` lies in ``step``, from 0 to 1."""
        return frame / max(frame_count(self.motion, step, self.frames_per_pose) - 1, 1)

    def draw(self, ax: Axes | None = None) -> Axes:
        """Draw the current frame."""
        return draw_step(self.motion, self.step, self.phase, ax=ax, data_dir=self.data_dir)


class MovementView:
    """Play control, frame slider and figure for one exercise, ready to embed.

    Parameters
    ----------
    player : MovementPlayer or str
        The state to show, or an exercise id to start one.
    interval : int
        Milliseconds between frames while playing.

    Examples
    --------
    In a notebook cell (the walkthrough calls ``show_step`` when its step changes):

    >>> from hipkit.movement_view import MovementView
    >>> view = MovementView("glute_switch_bridge_hold")  # doctest: +SKIP
    >>> view.show_step(2)  # doctest: +SKIP
    >>> view.widget  # doctest: +SKIP
    """

    def __init__(self, player: MovementPlayer | str, interval: int = 80):
        self.player = player if isinstance(player, MovementPlayer) else MovementPlayer(player)
        self.play = widgets.Play(interval=interval, description="Play the movement")
        self.slider = widgets.IntSlider(description="frame", readout=False)
        widgets.jslink((self.play, "value"), (self.slider, "value"))
        # An Image widget rather than an Output: the PNG is widget state, so the notebook
        # cell keeps no printed output that strict nbval would compare.
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="560px"))
        # A figure outside pyplot, so the notebook never shows it a second time below
        # the cell.
        self.figure = Figure(figsize=(6.5, 3.8))
        self._pngs: dict[tuple[int, int], bytes] = {}
        self._sync_range()
        self.slider.observe(self._on_frame, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.play, self.slider]), self.image])
        self.redraw()

    def show_step(self, step: int) -> None:
        """Switch to another step (the walkthrough calls this when its step changes)."""
        self.player.set_step(step)
        self._sync_range()
        self.redraw()

    def redraw(self) -> None:
        """Show the player's current frame."""
        self.image.value = self.frame_png(self.player.step, self.player.frame)

    def frame_png(self, step: int, frame: int) -> bytes:
        """The PNG of one frame, drawn the first time it is asked for."""
        key = (step, frame)
        if key not in self._pngs:
            self.figure.clear()
            draw_step(self.player.motion, step, self.player.phase_of(step, frame),
                      ax=self.figure.add_subplot(), data_dir=self.player.data_dir)
            picture = BytesIO()
            self.figure.savefig(picture, format="png", dpi=90, bbox_inches="tight")
            self._pngs[key] = picture.getvalue()
        return self._pngs[key]

    def prerender_steps(self) -> None:
        """Draw the first frame of every step now, so turning a step later is instant."""
        for step in range(1, self.player.n_steps + 1):
            self.frame_png(step, 0)

    def _sync_range(self) -> None:
        last = self.player.frames - 1
        self._syncing = True  # rewinding the controls is not a frame change to draw
        for control in (self.play, self.slider):
            control.value = 0
            control.max = last
        self._syncing = False
        self.play.disabled = self.slider.disabled = last == 0

    def _on_frame(self, change: dict) -> None:
        if self._syncing:
            return
        self.player.frame = change["new"]
        self.redraw()

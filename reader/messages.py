"""Messages more than one component posts.

A component's own messages are nested in its class (``TextAnalysis.ReadingsArrived``);
what is here is shared: every worker that fails is reported the same way, and
the reading screen is the one place that tells the reader (a notice) and the
panel concerned (it stops saying "loading…").
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

__all__ = ["Notice", "WorkFailed", "failure_of"]


@dataclass
class WorkFailed(Message):
    """A worker failed: what it was doing, and the error in one line."""

    what: str
    """The worker's description, e.g. ``find the names``."""
    error: str


@dataclass
class Notice(Message):
    """A component has one line to tell the reader (Anki answered, a sound package is missing …).

    Posted from worker threads too (posting is thread-safe); the screen shows it.
    """

    text: str
    severity: SeverityLevel = "information"
    """``information``, ``warning`` or ``error``, as Textual's notifications have them."""
    timeout: float = 4.0


def failure_of(event: Worker.StateChanged) -> WorkFailed | None:
    """The failure a worker's state change reports, if it failed (components post it upward)."""
    if event.state != WorkerState.ERROR:
        return None
    error = event.worker.error
    text = f"{type(error).__name__}: {error}" if error is not None and str(error) else type(error).__name__
    return WorkFailed(event.worker.description or event.worker.name or "background work", text)

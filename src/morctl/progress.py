"""A progress bar on stderr for long work: only when stderr is a terminal, and only once
the work has taken more than a moment, so quick runs and pipelines never see it."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
DELAY = 0.7  # seconds before a bar appears


class Progress:
    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, done: int) -> None:
        """Record progress; cheap when disabled or not yet shown."""
        self.done = done
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        self._bar.update(self._task, completed=done)

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)


def track(items: list[T], label: str) -> Iterable[T]:
    """The items, with a bar that counts them off."""
    if not sys.stderr.isatty():
        return items  # no bar: hand the items through untouched, at no cost per item
    return _counted(items, label)


def _counted(items: list[T], label: str) -> Iterator[T]:
    with Progress(label, len(items)) as bar:
        for i, item in enumerate(items):
            bar.update(i)
            yield item


def track_bytes(paths: list[Path], label: str) -> Iterable[Path]:
    """The files, with a bar that follows their bytes: a year of a large org's logs is
    one file a month, and most of the time goes on the largest."""
    if not sys.stderr.isatty():
        return paths
    return _by_size(paths, label)


def _by_size(paths: list[Path], label: str) -> Iterator[Path]:
    sizes = []
    for p in paths:
        try:
            sizes.append(p.stat().st_size)
        except OSError:  # the reader says why
            sizes.append(0)
    with Progress(label, sum(sizes)) as bar:
        done = 0
        for path, size in zip(paths, sizes, strict=True):
            bar.update(done)
            yield path
            done += size


def track_days(items: Iterable[T], label: str, first: Any, last: Any) -> Iterable[T]:
    """Items that have a ``day``; the bar follows the day through [first, last]."""
    if not sys.stderr.isatty():
        return items  # no bar: hand the items through untouched, at no cost per item
    return _tracked(items, label, first, last)


def _tracked(items: Iterable[T], label: str, first: Any, last: Any) -> Iterator[T]:
    span = (last - first).days + 1
    with Progress(label, span) as bar:
        current = None
        for item in items:
            day = getattr(item, "day", None)
            if day is not None and day != current:
                current = day
                bar.update((day - first).days)
            yield item

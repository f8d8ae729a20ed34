"""How one writer and many readers share a DuckDB file between processes.

DuckDB lets a file be open either by one read-write process or by read-only processes, never
both at once. So the writer never holds the file for long: it does its slow work (reading,
language analysis, reconciliation) with the file closed and opens it only for short write
windows, each one transaction. Three lock files next to the store coordinate this
(`fcntl.flock`, which the kernel releases when a process dies, so a killed run leaves no stale
lock):

- `FILE.writer`: held exclusively for a whole ingest run; a second writer is refused.
- `FILE.intent`: held exclusively by the writer from the moment it wants a window until the
  window ends. Readers only probe it: a long-lived reader (the web server) polls it and closes
  the file as soon as it is taken; a new reader waits until it is free.
- `FILE.window`: readers hold it shared while they have the file open; the writer takes it
  exclusively, so it opens the file only once every reader has closed it.

A reader therefore only ever sees what committed windows wrote.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import StorylineError


class StoreBusyError(StorylineError):
    """Another process holds the store in a way that blocks this one."""


def lock_path(db: Path, kind: str) -> Path:
    """Return the lock file of `kind` (`writer`, `intent`, `window`) that belongs to `db`."""
    return db.with_name(f"{db.name}.{kind}")


@contextmanager
def exclusive(path: Path, *, wait: bool) -> Iterator[None]:
    """Hold an exclusive lock on `path`; without `wait`, raise StoreBusyError when taken."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise StoreBusyError(
                f"another ingest is writing to {path.with_suffix('')}; "
                "wait for it to finish (only one writer at a time)"
            ) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class SharedLock:
    """A shared hold on the window lock, taken by readers while the store file is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, timeout: float) -> None:
        """Take the shared lock, waiting up to `timeout` seconds for a write window to end."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                self._fd = fd
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusyError(
                        f"the store is being written for over {timeout:.0f} s; try again"
                    ) from None
                time.sleep(0.02)

    def release(self) -> None:
        """Drop the shared lock (a no-op when not held)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def writer_waiting(intent: Path) -> bool:
    """Return True when a writer wants, or is inside, a write window."""
    probe = SharedLock(intent)
    try:
        probe.acquire(timeout=0)
    except StoreBusyError:
        return True
    probe.release()
    return False


def wait_for_writer(intent: Path, timeout: float) -> None:
    """Return once no writer wants a window; raise StoreBusyError after `timeout` seconds."""
    probe = SharedLock(intent)
    probe.acquire(timeout)
    probe.release()

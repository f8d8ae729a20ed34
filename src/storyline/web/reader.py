"""A long-lived, read-only view of the store for the web server's threads.

The server keeps one read-only DuckDB handle open and gives each request its own cursor. A
watcher thread closes the handle as soon as an ingest wants a write window (see
`storyline.store.locks`) and the next request reopens it afterwards, so pages only ever show
committed data. The same thread interrupts any query that runs past its time budget.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from storyline.errors import StorylineError
from storyline.store.connect import StoreError, check_version, connect
from storyline.store.locks import SharedLock, StoreBusyError, lock_path, writer_waiting

#: Longest a page's queries may run, in seconds, before they are interrupted.
QUERY_TIMEOUT = 3.0
#: Longest a request waits for a write window to end before it gets "busy, retry".
WAIT_TIMEOUT = 10.0


class QueryTimeoutError(StorylineError):
    """A query ran past its time budget and was interrupted."""


class StoreReader:
    """Hand out read-only cursors on a store, stepping aside whenever a writer needs it."""

    def __init__(
        self,
        db: str | Path,
        *,
        query_timeout: float = QUERY_TIMEOUT,
        poll: float = 0.05,
    ) -> None:
        self.db = Path(db)
        self.query_timeout = query_timeout
        self._intent = lock_path(self.db, "intent")
        self._hold = SharedLock(lock_path(self.db, "window"))
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._closing = False
        self._deadlines: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, args=(poll,), daemon=True)
        self._watcher.start()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor for one request; its queries are interrupted past the budget."""
        con = self._enter()
        try:
            cur = con.cursor()
        except BaseException:
            with self._cond:
                self._users -= 1
                self._cond.notify_all()
            raise
        token = id(cur)
        with self._cond:
            self._deadlines[token] = (time.monotonic() + self.query_timeout, cur)
        try:
            yield cur
        except duckdb.InterruptException:
            raise QueryTimeoutError(
                f"the query took longer than {self.query_timeout:.0f} s; narrow it down"
            ) from None
        finally:
            with self._cond:
                self._deadlines.pop(token, None)
                self._users -= 1
                self._cond.notify_all()
            cur.close()

    def close(self) -> None:
        """Stop the watcher and close the store."""
        self._stop.set()
        self._watcher.join(timeout=2)
        with self._cond:
            self._close_locked()

    def _enter(self) -> duckdb.DuckDBPyConnection:
        with self._cond:
            if not self._cond.wait_for(lambda: not self._closing, WAIT_TIMEOUT):
                raise StoreBusyError("the store is being updated; try again in a moment")
            if self._con is None:
                self._open_locked()
            assert self._con is not None
            self._users += 1
            return self._con

    def _open_locked(self) -> None:
        if not self.db.is_file():
            raise StoreError(f"no store at {self.db}: run 'storyline ingest PATHS --db {self.db}'")
        deadline = time.monotonic() + WAIT_TIMEOUT
        while writer_waiting(self._intent):
            if time.monotonic() >= deadline:
                raise StoreBusyError("the store is being updated; try again in a moment")
            self._cond.wait(0.02)
        self._hold.acquire(WAIT_TIMEOUT)
        try:
            con = connect(self.db, read_only=True, timeout=WAIT_TIMEOUT)
            check_version(con, self.db)
        except BaseException:
            self._hold.release()
            raise
        self._con = con

    def _close_locked(self) -> None:
        """Wait for the requests in flight, then close the handle and release the lock."""
        self._closing = True  # new requests wait instead of adding to the ones in flight
        try:
            self._cond.wait_for(lambda: self._users == 0)
            if self._con is not None:
                self._con.close()
                self._con = None
            self._hold.release()
        finally:
            self._closing = False
            self._cond.notify_all()

    def _watch(self, poll: float) -> None:
        while not self._stop.wait(poll):
            now = time.monotonic()
            with self._cond:
                late = [cur for deadline, cur in self._deadlines.values() if deadline < now]
                is_open = self._con is not None
            for cur in late:
                # the request may have finished and closed its cursor meanwhile
                with contextlib.suppress(duckdb.Error):
                    cur.interrupt()
            if is_open and writer_waiting(self._intent):
                with self._cond:
                    self._close_locked()

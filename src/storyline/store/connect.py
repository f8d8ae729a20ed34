"""Open the store: short write windows for the one writer, read-only handles for readers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from storyline.errors import StorylineError
from storyline.store.locks import (
    SharedLock,
    StoreBusyError,
    exclusive,
    lock_path,
    wait_for_writer,
)
from storyline.store.schema import migrate, pending_migrations

#: Never reach for the network: extensions come from the pinned wheel, loaded by path.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

#: How long to wait for another process's hold on the file before giving up.
OPEN_TIMEOUT = 60.0
#: Pause after each write window, in seconds, so readers get a turn between windows.
WINDOW_GAP = 0.05


class StoreError(StorylineError):
    """The store file is missing, from a newer storyline, or unusable."""


def fts_extension_path() -> Path:
    """Return the full-text-search extension shipped in the `duckdb-extension-fts` wheel."""
    import duckdb_extension_fts

    folder = resources.files(duckdb_extension_fts) / "extensions" / f"v{duckdb.__version__}"
    return Path(str(folder / "fts.duckdb_extension"))


def connect(
    db: Path, *, read_only: bool, timeout: float = OPEN_TIMEOUT
) -> duckdb.DuckDBPyConnection:
    """Open `db`, retrying while another process holds it; see `load_fts` for search."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            con = duckdb.connect(str(db), read_only=read_only, config=_CONFIG)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() >= deadline:
                raise StoreBusyError(f"cannot open {db}: {str(err).splitlines()[0]}") from None
            time.sleep(0.05)
        except duckdb.Error as err:
            raise StoreError(f"cannot open {db}: {str(err).splitlines()[0]}") from None
    return con


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the full-text-search extension (slow the first time per open file, then instant)."""
    con.execute(f"LOAD '{fts_extension_path()}'")


class Writer:
    """The one writer of a store: holds the writer lock and opens short write windows."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self._stack = ExitStack()

    def __enter__(self) -> Writer:
        self.db.parent.mkdir(parents=True, exist_ok=True)
        self._stack.enter_context(exclusive(lock_path(self.db, "writer"), wait=False))
        if not self.db.exists():
            self._create()
        return self

    def _create(self) -> None:
        """Create the store beside its final name and move it in place when it is complete.

        A run killed while DuckDB writes a new file's header would otherwise leave a file that
        is not a database, and every later run would stop on it.
        """
        fresh = self.db.with_name(self.db.name + ".new")
        for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
            leftover.unlink(missing_ok=True)  # from a creation that was killed
        con = connect(fresh, read_only=False)
        try:
            con.execute("BEGIN TRANSACTION")
            migrate(con)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(fresh, self.db)

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @contextmanager
    def window(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a connection inside one transaction; commit on success, roll back on error."""
        with (
            exclusive(lock_path(self.db, "intent"), wait=True),
            exclusive(lock_path(self.db, "window"), wait=True),
        ):
            con = connect(self.db, read_only=False)
            try:
                con.execute("BEGIN TRANSACTION")
                migrate(con)
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                con.close()
        # Let waiting readers in before the next window, or back-to-back windows shut them out.
        time.sleep(WINDOW_GAP)


@contextmanager
def read_store(
    db: str | Path, timeout: float = OPEN_TIMEOUT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-only connection to an existing store, after any write window ends."""
    path = Path(db)
    if not path.is_file():
        raise StoreError(
            f"no store at {path}: create one with 'storyline ingest PATHS --db {path}'"
        )
    wait_for_writer(lock_path(path, "intent"), timeout)
    hold = SharedLock(lock_path(path, "window"))
    hold.acquire(timeout)
    try:
        con = connect(path, read_only=True, timeout=timeout)
        try:
            check_version(con, path)
            yield con
        finally:
            con.close()
    finally:
        hold.release()


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Raise StoreError when the file is not a storyline store this version can read."""
    missing = pending_migrations(con)
    if missing:
        raise StoreError(
            f"{path} is not an up-to-date storyline store (missing {', '.join(missing)}); "
            "run 'storyline ingest' on it once to upgrade"
        )

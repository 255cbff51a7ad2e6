"""The vault's SQLite engine: crash-safe PRAGMAs, real transactions, and Alembic migrations.

Every connection runs with ``journal_mode=DELETE`` and ``synchronous=FULL``: each commit is
written into the database file itself and fsynced before it returns (a committed check-in
survives a crash or power cut; an interrupted one is rolled back from the ``-journal`` file on
the next open). The vault is therefore always one file: nothing committed ever lives only in a
side file that could be lost or left behind when copying. A vault from an older MoodMirror
that used a write-ahead log is converted on its first open (SQLite folds the ``-wal`` file in
first, once :mod:`moodmirror.storage.wal` has found it undamaged). ``secure_delete=ON`` overwrites deleted content with zeros and ``trusted_schema=OFF``
hardens against crafted files. The file is opened in SQLite's ``rw`` mode: SQLite never
creates it (only ``Vault.create`` does).

Python's sqlite3 module does not wrap DDL in transactions by itself, so SQLAlchemy emits
``BEGIN`` for every transaction: migrations and writes are all-or-nothing. Write transactions
begin with ``BEGIN IMMEDIATE`` (:data:`WRITE`): they take the write lock first, waiting up to
:data:`BUSY_TIMEOUT_S` for another writer, instead of reading in a snapshot that a concurrent
writer makes stale (which SQLite refuses at once, without waiting).

Migrations live in ``migrations/`` (:data:`moodmirror.resources.MIGRATIONS_DIR`) and run
through Alembic's command API on an open connection; no ``alembic.ini`` is needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from moodmirror.errors import MoodMirrorError, StorageError, VaultBusy, VaultCorrupt
from moodmirror.resources import MIGRATIONS_DIR

BUSY_TIMEOUT_S = 10.0
JOURNAL_MODE = "PRAGMA journal_mode=DELETE"
PRAGMAS = (
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA trusted_schema=OFF",
)

_BUSY_CODES = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT"}
_ENVIRONMENT_CODES = {
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_CANTOPEN",
    "SQLITE_READONLY",
    "SQLITE_PERM",
    "SQLITE_NOMEM",
}
"""Primary result codes that blame the disk or the folder (full, read-only, failing), not the file."""


WRITE = {"moodmirror_write": True}
"""Execution options of a connection whose transaction writes (it begins ``IMMEDIATE``)."""

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first bytes of every SQLite database file."""


def open_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine for the existing database file at ``path`` with the vault's PRAGMAs.

    ``read_only`` opens it without ever writing: no journal mode change, no recovery, no
    clean-up of side files on close (for reading the settings of a journal about to be wiped).
    """
    url = URL.create(
        "sqlite",
        database=f"file:{quote(str(path.absolute()))}",
        query={"mode": "ro" if read_only else "rw", "uri": "true"},
    )
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    pragmas = PRAGMAS if read_only else (JOURNAL_MODE, *PRAGMAS)
    event.listen(engine, "connect", lambda dbapi_connection, _record: _configure(dbapi_connection, pragmas))
    event.listen(engine, "begin", _emit_begin)
    return engine


def _configure(dbapi_connection: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _emit_begin)
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _emit_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get("moodmirror_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def storage_error(error: DBAPIError, *, reading: bool) -> MoodMirrorError:
    """The user-facing error for a database failure.

    A busy database, a full or failing disk, or a folder that cannot be written is never
    called damaged (a healthy journal must not be "restored from a backup"). When ``reading``
    the vault for the first time, anything else SQLite rejects means the file is not a
    readable vault (VaultCorrupt); during later reads and writes, only SQLite's corruption
    codes do.
    """
    code = getattr(error.orig, "sqlite_errorname", "")
    primary = "_".join(code.split("_")[:2])  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    if primary in _BUSY_CODES:
        return VaultBusy()
    if primary in _ENVIRONMENT_CODES:
        return StorageError(
            f"The journal could not be read or written ({error.orig}); check that the disk has free space "
            "and the data folder can be written. The journal was not changed."
        )
    if reading or primary in _CORRUPT_CODES:
        return VaultCorrupt(f"The journal file is damaged or is not a MoodMirror journal ({error.orig}).")
    return StorageError(f"The journal could not be read or written: {error.orig}.")


def structural_damage(connection: Connection, tables: Sequence[str]) -> str | None:
    """SQLite's first complaint about the file's structure (``PRAGMA integrity_check``), or
    the first of ``tables`` that is missing, or None.

    Reading alone can miss damage: in a truncated file whose last page held the index on
    record kinds, check-ins would silently vanish from listings. The check reads the whole
    file (a few milliseconds for ten years of check-ins).
    """
    result = str(connection.exec_driver_sql("PRAGMA integrity_check(1)").scalar())
    if result != "ok":
        return " ".join(result.replace("*** in database main ***", "").split())
    present = {name for (name,) in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [name for name in tables if name not in present]
    return f"the {missing[0]} table is missing" if missing else None


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that migrates the database behind ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    """The newest schema revision this MoodMirror knows."""
    head = _scripts().get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this MoodMirror's migrations (not a newer one)."""
    return any(script.revision == revision for script in _scripts().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None if it has none."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(connection: Connection) -> None:
    """Run every pending migration inside ``connection``'s current transaction."""
    if current_revision(connection) != head_revision():
        command.upgrade(alembic_config(connection), "head")

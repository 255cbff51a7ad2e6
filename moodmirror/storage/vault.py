"""The vault: an encrypted SQLite journal of check-ins and settings, unlocked by a passphrase.

``Vault.create`` makes a new vault (refusing to overwrite one); ``Vault.open`` unlocks an
existing one. Opening checks, in this order and without writing anything: that the file is a
readable, structurally sound MoodMirror database with all its tables (else
:class:`VaultCorrupt`), that its header checksum matches (else :class:`VaultCorrupt`: damage is
never reported as a wrong passphrase), that its format and schema revision are known (else
:class:`UnsupportedVault`), that the passphrase passes the key check (else
:class:`WrongPassphrase`) and that the data key then unwraps (else :class:`VaultCorrupt`: the
header was altered). Only then is the schema migrated to the newest revision.

Header format 2 (written since the second red-team round; a format-1 header still opens and is
rewritten as format 2 by that open, at the cost of one more key derivation) adds the key check (stored in front of the wrapped
key) and makes the checksum cover the schema revision, so a damaged ``alembic_version`` is not
taken for a newer MoodMirror. Later formats must keep that checksum, so that this version can
still tell a newer journal from a damaged one.

Each write is one transaction. Records are JSON payloads encrypted by
:class:`~moodmirror.storage.crypto.RecordCipher`; their kind and payload format version are
stored beside them (and bound into the ciphertext), so new kinds can be added without
touching old vaults. Times, moods and text exist only inside ciphertexts, which is why
filtering and ordering happen after decryption.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from cryptography.exceptions import InvalidTag
from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from moodmirror.errors import (
    InvalidText,
    MoodMirrorError,
    NoVault,
    RecordCorrupt,
    RecordNotFound,
    StorageError,
    UnsupportedVault,
    VaultCorrupt,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from moodmirror.passwords import check_new_passphrase
from moodmirror.records import CheckIn, Settings
from moodmirror.storage.crypto import (
    CHECK_BYTES,
    DEFAULT_KDF_COST,
    KDF_NAME,
    KEY_CHECK_FORMAT,
    EnvelopeAltered,
    KdfCost,
    KdfParams,
    KeyEnvelope,
    RecordCipher,
    new_data_key,
)
from moodmirror.storage.database import (
    SQLITE_MAGIC,
    WRITE,
    current_revision,
    head_revision,
    is_known_revision,
    open_engine,
    storage_error,
    structural_damage,
    upgrade_to_head,
)
from moodmirror.storage.paths import CREATING_SUFFIX, DIR_MODE, FILE_MODE, SQLITE_SIDE_SUFFIXES, vault_path
from moodmirror.storage.private_file import fsync_folder
from moodmirror.storage.schema import HEADER_ROW_ID, REQUIRED_TABLES, Record, VaultHeader
from moodmirror.storage.wal import log_damage

VAULT_FORMAT = 2
"""Format 2 (key check, header checksum over the schema revision too); format 1 still opens."""
_WRAPPED_KEY_BYTES = 48
"""A wrapped data key: 32 bytes of key and a 16-byte tag."""

CHECKIN_KIND = "checkin"
CHECKIN_FORMAT = 1
SETTINGS_KIND = "settings"
SETTINGS_FORMAT = 1
SETTINGS_ID = "settings"
"""The settings record's fixed id: there is exactly one, and its kind is visible anyway."""

_HEADER_COLUMNS = (
    VaultHeader.format_version,
    VaultHeader.kdf_name,
    VaultHeader.kdf_memory_kib,
    VaultHeader.kdf_iterations,
    VaultHeader.kdf_lanes,
    VaultHeader.kdf_salt,
    VaultHeader.key_nonce,
    VaultHeader.wrapped_key,
)


def _header_checksum(values: tuple[Any, ...], revision: str | None) -> bytes:
    """SHA-256 over the header fields in column order (bytes as hex); from format 2 on, the
    schema revision too, so damage to ``alembic_version`` is not taken for a newer MoodMirror."""
    canonical = [v.hex() if isinstance(v, bytes) else v for v in values]
    if values[0] >= KEY_CHECK_FORMAT:
        canonical.append(revision)
    return hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode("utf-8")).digest()


def _header_values(envelope: KeyEnvelope, revision: str) -> dict[str, Any]:
    """The header row for ``envelope`` (format 2 keeps the key check in front of the wrap)."""
    values = (
        envelope.format_version,
        KDF_NAME,
        envelope.kdf.memory_kib,
        envelope.kdf.iterations,
        envelope.kdf.lanes,
        envelope.kdf.salt,
        envelope.nonce,
        envelope.key_check + envelope.wrapped_key,
    )
    row = {column.key: value for column, value in zip(_HEADER_COLUMNS, values, strict=True)}
    row["checksum"] = _header_checksum(values, revision)
    return row


def _envelope_from_header(row: Sequence[Any] | None, checksum: bytes | None, revision: str | None) -> KeyEnvelope:
    """The key envelope in a header row, or VaultCorrupt / UnsupportedVault."""
    if row is None or checksum is None:
        raise VaultCorrupt("The journal's header is missing, so it cannot be unlocked; restore it from a backup.")
    values = tuple(row)
    if not isinstance(values[0], int) or not hmac.compare_digest(_header_checksum(values, revision), checksum):
        raise VaultCorrupt("The journal's header is damaged (checksum mismatch); restore it from a backup.")
    format_version, kdf_name, memory_kib, iterations, lanes, salt, nonce, stored_key = values
    if format_version > VAULT_FORMAT or kdf_name != KDF_NAME:
        raise UnsupportedVault()
    check_bytes = CHECK_BYTES if format_version >= KEY_CHECK_FORMAT else 0
    if len(stored_key) != check_bytes + _WRAPPED_KEY_BYTES:
        raise VaultCorrupt("The journal's header is damaged (the wrapped key has the wrong length).")
    kdf = KdfParams(memory_kib, iterations, lanes, salt)
    try:
        kdf.check()
    except ValueError as error:
        raise VaultCorrupt(f"The journal's header has impossible key settings ({error}).") from error
    return KeyEnvelope(format_version, kdf, nonce, stored_key[check_bytes:], stored_key[:check_bytes])


def _read_envelope(session: Session) -> KeyEnvelope:
    row = session.execute(select(*_HEADER_COLUMNS).where(VaultHeader.id == HEADER_ROW_ID)).one_or_none()
    checksum = session.scalar(select(VaultHeader.checksum).where(VaultHeader.id == HEADER_ROW_ID))
    return _envelope_from_header(row, checksum, current_revision(session.connection()))


def restamp_header(connection: Connection) -> None:
    """Make the header checksum cover the schema revision now recorded (format 2 on).

    Whatever changes ``alembic_version`` (opening migrates; a developer may downgrade) calls
    this in the same transaction, so the revision stays authenticated by the checksum.
    """
    values = tuple(connection.execute(select(*_HEADER_COLUMNS).where(VaultHeader.id == HEADER_ROW_ID)).one())
    if values[0] >= KEY_CHECK_FORMAT:
        stamped = _header_checksum(values, current_revision(connection))
        connection.execute(update(VaultHeader).where(VaultHeader.id == HEADER_ROW_ID).values(checksum=stamped))


def _unseal(envelope: KeyEnvelope, passphrase: str, wrong: str | None = None) -> bytes:
    """The data key: WrongPassphrase (with the message ``wrong``), or VaultCorrupt when the
    passphrase is right but the header was altered."""
    try:
        return envelope.unseal(passphrase)
    except InvalidTag:
        raise WrongPassphrase(wrong) from None
    except EnvelopeAltered:
        raise VaultCorrupt(
            "The journal's header was altered (its key does not open); restore it from a backup."
        ) from None


def _stronger(cost: KdfCost, floor: KdfCost) -> KdfCost:
    """``cost`` raised to at least ``floor`` in every dimension."""
    return KdfCost(
        max(cost.memory_kib, floor.memory_kib),
        max(cost.iterations, floor.iterations),
        max(cost.lanes, floor.lanes),
    )


def _make_private_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(data_dir, DIR_MODE)
    except OSError as error:
        raise StorageError(f"Cannot use {data_dir} as the data folder: {error.strerror}.") from error


def _check_magic(path: Path) -> None:
    """VaultCorrupt unless ``path`` starts like an SQLite database (an empty file does not)."""
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StorageError(f"Cannot read the journal {path}: {error.strerror}.") from error
    if start != SQLITE_MAGIC:
        raise VaultCorrupt(
            f"The journal file {path} is damaged (empty, or not a MoodMirror journal); restore it from a backup."
        )


def _was_wiped(path: Path) -> bool:
    """Whether the journal at ``path`` is gone or zeroed: ``wipe`` ran while it was in use."""
    try:
        with path.open("rb") as file:
            return not any(file.read(len(SQLITE_MAGIC)))
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _failure(error: DBAPIError, path: Path, *, reading: bool) -> MoodMirrorError:
    """The error to report for a database failure on the journal at ``path``."""
    if _was_wiped(path):
        return NoVault("The journal was deleted (wiped) while this was running; nothing was saved.")
    return storage_error(error, reading=reading)


def _remove_files(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


class Vault:
    """An unlocked journal. Use :meth:`create` or :meth:`open`; close it (or use ``with``)."""

    def __init__(self, data_dir: Path, engine: Engine, cipher: RecordCipher, data_key: bytes) -> None:
        self.data_dir = data_dir
        self._engine: Engine | None = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._cipher: RecordCipher | None = cipher
        self._data_key = data_key

    # ----- creating and unlocking -------------------------------------------------------

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether ``data_dir`` holds a vault (readable or not)."""
        return vault_path(data_dir).exists()

    @classmethod
    def create(cls, data_dir: Path, passphrase: str, kdf: KdfCost = DEFAULT_KDF_COST) -> Vault:
        """Create a new vault in ``data_dir`` (made private, 0700) and return it unlocked.

        The vault is built under a temporary name and renamed into place only when complete,
        so an interrupted ``create`` never leaves a half-made vault behind.
        """
        check_new_passphrase(passphrase)
        if cls.exists(data_dir):
            raise VaultExists(f"A journal already exists in {data_dir}; it was left untouched.")
        _make_private_dir(data_dir)
        data_key = new_data_key()
        envelope = KeyEnvelope.seal(data_key, passphrase, KdfParams.fresh(kdf), VAULT_FORMAT)
        final = vault_path(data_dir)
        building = final.with_name(final.name + CREATING_SUFFIX)
        leftovers = [building, *(building.with_name(building.name + s) for s in SQLITE_SIDE_SUFFIXES)]
        _remove_files(leftovers)  # from an earlier create that was interrupted
        try:
            os.close(os.open(building, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
            engine = open_engine(building)
            try:
                with Session(engine) as session, session.begin():
                    upgrade_to_head(session.connection())
                    session.add(VaultHeader(id=HEADER_ROW_ID, **_header_values(envelope, head_revision())))
            finally:
                engine.dispose()
            os.replace(building, final)
            fsync_folder(data_dir)
        except DBAPIError as error:
            _remove_files(leftovers)
            raise storage_error(error, reading=False) from error
        except OSError as error:
            _remove_files(leftovers)
            raise StorageError(f"Cannot create the journal in {data_dir}: {error.strerror}.") from error
        return cls(data_dir, open_engine(final), RecordCipher(data_key), data_key)

    @classmethod
    def open(cls, data_dir: Path, passphrase: str, *, read_only: bool = False) -> Vault:
        """Unlock the vault in ``data_dir``.

        Raises NoVault, VaultCorrupt (unreadable file or damaged header), UnsupportedVault,
        VaultBusy or WrongPassphrase; nothing is written unless the passphrase is right, and
        never with ``read_only`` (then the schema is not migrated and only reading works).
        """
        path = vault_path(data_dir)
        if not path.is_file():
            raise NoVault(f"No journal in {data_dir}; create one first.")
        _check_magic(path)
        wal_damage = log_damage(path.with_name(path.name + "-wal"))
        if wal_damage is not None:
            raise VaultCorrupt(
                f"The journal's latest saves cannot be read ({wal_damage}). Nothing was changed; keep a copy of "
                f"the data folder, then restore from a backup, or move {path.name}-wal away to open the journal "
                "without them."
            )
        engine = open_engine(path, read_only=read_only)
        try:
            try:
                with Session(engine) as session, session.begin():
                    connection = session.connection()
                    revision = current_revision(connection)
                    if revision is None:
                        raise VaultCorrupt(f"{path} is not a MoodMirror journal, or its schema is damaged.")
                    damage = structural_damage(connection, REQUIRED_TABLES)
                    if damage is not None:
                        raise VaultCorrupt(f"The journal file is damaged ({damage}); restore it from a backup.")
                    envelope = _read_envelope(session)  # checks the revision too (format 2)
                    if not is_known_revision(revision):
                        raise UnsupportedVault()
            except DBAPIError as error:
                raise _failure(error, path, reading=True) from error
            data_key = _unseal(envelope, passphrase)
            renewed = None
            if not read_only and envelope.format_version < VAULT_FORMAT:  # one more key derivation, once
                renewed = KeyEnvelope.seal(data_key, passphrase, KdfParams.fresh(envelope.kdf.cost), VAULT_FORMAT)
            if renewed is not None or (not read_only and revision != head_revision()):
                try:
                    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
                        upgrade_to_head(connection)
                        if renewed is not None:
                            header = update(VaultHeader).where(VaultHeader.id == HEADER_ROW_ID)
                            connection.execute(header.values(**_header_values(renewed, current_revision(connection))))
                        restamp_header(connection)
                except DBAPIError as error:
                    raise _failure(error, path, reading=False) from error
        except BaseException:
            engine.dispose()
            raise
        return cls(data_dir, engine, RecordCipher(data_key), data_key)

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under ``new`` (records are untouched).

        ``old`` must unlock the vault (WrongPassphrase otherwise). The salt is renewed and the
        KDF cost is raised to at least the current default, never lowered.
        """
        check_new_passphrase(new)
        with self._transaction(write=True) as session:
            envelope = _read_envelope(session)
            unwrapped = _unseal(envelope, old, "The current passphrase is wrong; the passphrase was not changed.")
            if not hmac.compare_digest(unwrapped, self._data_key):
                raise VaultCorrupt("The journal's key changed while it was open; reopen it.")
            kdf = KdfParams.fresh(_stronger(envelope.kdf.cost, DEFAULT_KDF_COST))
            renewed = KeyEnvelope.seal(self._data_key, new, kdf, VAULT_FORMAT)
            header = update(VaultHeader).where(VaultHeader.id == HEADER_ROW_ID)
            session.execute(header.values(**_header_values(renewed, current_revision(session.connection()))))

    def check_passphrase(self, passphrase: str, wrong: str | None = None) -> None:
        """WrongPassphrase (with the message ``wrong``) unless ``passphrase`` opens this vault.

        Slow (key derivation). For what is sealed with the passphrase while the vault is open
        (a backup), so a typing mistake cannot seal it with something else.
        """
        with self._transaction() as session:
            envelope = _read_envelope(session)
        if not hmac.compare_digest(_unseal(envelope, passphrase, wrong), self._data_key):
            raise VaultCorrupt("The journal's key changed while it was open; reopen it.")

    @property
    def kdf(self) -> KdfParams:
        """The KDF parameters currently stored in the header."""
        with self._transaction() as session:
            return _read_envelope(session).kdf

    # ----- check-ins ----------------------------------------------------------------------

    def add_checkin(self, checkin: CheckIn) -> None:
        """Store a new check-in (one transaction). ValueError if its id is already used."""
        self.add_checkins([checkin])

    def add_checkins(self, checkins: Sequence[CheckIn]) -> None:
        """Store new check-ins all together or none (one transaction). ValueError if an id is already used."""
        records = [self._seal(c.id, CHECKIN_KIND, CHECKIN_FORMAT, c.to_dict()) for c in checkins]
        with self._transaction(write=True) as session:
            for record in records:
                if session.get(Record, record.id) is not None:
                    raise ValueError(f"a record with id {record.id} already exists")
                session.add(record)

    def update_checkin(self, checkin: CheckIn) -> None:
        """Replace a stored check-in with ``checkin`` (same id). RecordNotFound if absent."""
        record = self._seal(checkin.id, CHECKIN_KIND, CHECKIN_FORMAT, checkin.to_dict())
        with self._transaction(write=True) as session:
            result = session.execute(
                update(Record)
                .where(Record.id == checkin.id, Record.kind == CHECKIN_KIND)
                .values(format_version=record.format_version, nonce=record.nonce, ciphertext=record.ciphertext)
            )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise RecordNotFound(checkin.id)

    def delete_checkin(self, checkin_id: str) -> None:
        """Delete a check-in (its bytes are overwritten: secure_delete). RecordNotFound if absent."""
        with self._transaction(write=True) as session:
            result = session.execute(delete(Record).where(Record.id == checkin_id, Record.kind == CHECKIN_KIND))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise RecordNotFound(checkin_id)

    def get_checkin(self, checkin_id: str) -> CheckIn:
        """One check-in by id: RecordNotFound if absent, RecordCorrupt if it fails authentication."""
        with self._transaction() as session:
            row = session.execute(
                select(Record.id, Record.format_version, Record.nonce, Record.ciphertext).where(
                    Record.id == checkin_id, Record.kind == CHECKIN_KIND
                )
            ).one_or_none()
        if row is None:
            raise RecordNotFound(checkin_id)
        return self._open_checkin(*row)

    def list_checkins(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        on_damaged: Callable[[RecordCorrupt], None] | None = None,
    ) -> list[CheckIn]:
        """Check-ins with ``start <= created_at < end`` (either bound optional), newest first.

        A check-in that fails authentication raises RecordCorrupt, unless ``on_damaged`` is
        given: then it is called with the error and the listing goes on with the others.
        """
        with self._transaction() as session:
            rows = session.execute(
                select(Record.id, Record.format_version, Record.nonce, Record.ciphertext).where(
                    Record.kind == CHECKIN_KIND
                )
            ).all()
        checkins: list[CheckIn] = []
        for row in rows:
            try:
                checkin = self._open_checkin(*row)
            except RecordCorrupt as error:
                if on_damaged is None:
                    raise
                on_damaged(error)
                continue
            if (start is None or checkin.created_at >= start) and (end is None or checkin.created_at < end):
                checkins.append(checkin)
        checkins.sort(key=lambda c: (c.created_at, c.id), reverse=True)
        return checkins

    # ----- settings -----------------------------------------------------------------------

    def load_settings(self) -> Settings:
        """The stored settings, or the defaults if none were saved yet."""
        with self._transaction() as session:
            row = session.execute(
                select(Record.format_version, Record.nonce, Record.ciphertext).where(Record.id == SETTINGS_ID)
            ).one_or_none()
        if row is None:
            return Settings()
        return Settings.from_dict(self._open_payload(SETTINGS_ID, SETTINGS_KIND, *row))

    def save_settings(self, settings: Settings) -> None:
        """Store ``settings`` as the one encrypted settings record (one transaction)."""
        record = self._seal(SETTINGS_ID, SETTINGS_KIND, SETTINGS_FORMAT, settings.to_dict())
        with self._transaction(write=True) as session:
            session.merge(record)

    # ----- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Lock the vault: forget the key and release the database. Safe to call twice."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._cipher = None
        self._data_key = b""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ----- internals ----------------------------------------------------------------------

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Session]:
        """A session whose changes commit together at the end, or not at all.

        A ``write`` transaction takes the write lock as it begins (waiting for another
        writer up to the busy timeout), so what it reads cannot go stale before it writes.
        """
        if self._engine is None:
            raise VaultLocked()
        try:
            with self._sessions() as session, session.begin():
                if write:
                    session.connection(execution_options=WRITE)
                yield session
        except DBAPIError as error:
            raise _failure(error, vault_path(self.data_dir), reading=False) from error

    def _live_cipher(self) -> RecordCipher:
        if self._cipher is None:
            raise VaultLocked()
        return self._cipher

    def _seal(self, record_id: str, kind: str, format_version: int, payload: dict[str, Any]) -> Record:
        try:
            plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidText("A text in it is not valid UTF-8 text; nothing was saved.") from None
        nonce, ciphertext = self._live_cipher().seal(record_id, kind, format_version, plaintext)
        return Record(id=record_id, kind=kind, format_version=format_version, nonce=nonce, ciphertext=ciphertext)

    def _open_payload(
        self, record_id: str, kind: str, format_version: int, nonce: bytes, ciphertext: bytes
    ) -> dict[str, Any]:
        try:
            payload = json.loads(self._live_cipher().open(record_id, kind, format_version, nonce, ciphertext))
        except (InvalidTag, ValueError) as error:
            raise RecordCorrupt(record_id) from error
        if not isinstance(payload, dict):
            raise RecordCorrupt(record_id)
        return payload

    def _open_checkin(self, record_id: str, format_version: int, nonce: bytes, ciphertext: bytes) -> CheckIn:
        payload = self._open_payload(record_id, CHECKIN_KIND, format_version, nonce, ciphertext)
        try:
            checkin = CheckIn.from_dict(payload)
        except (KeyError, TypeError, ValueError) as error:
            raise RecordCorrupt(record_id) from error
        if checkin.id != record_id:
            raise RecordCorrupt(record_id)
        return checkin

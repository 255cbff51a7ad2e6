"""The vault's tables, as SQLAlchemy 2 ORM models (Alembic in ``migrations/`` creates them).

Nothing here is readable about the person: the header holds only key material and KDF
parameters; a record row holds a random id, its kind (``checkin``, ``settings``, ...), a
payload format version, a nonce and a padded ciphertext. Times, moods, notes and tags are
inside the ciphertext, so ordering and filtering happen after decryption. (SQLite's hidden
rowid does reflect the order records were written in; a WITHOUT ROWID table would hide even
that, but doubles the file size because ciphertexts then spill into overflow pages.)

Compatibility rule: the header columns below are read *before* migrating (to check the
passphrase first), so they must never be renamed or dropped; new header fields must be
nullable. New record kinds need no schema change.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Index, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HEADER_ROW_ID = 1


class Base(DeclarativeBase):
    """Declarative base whose metadata Alembic compares against."""


class VaultHeader(Base):
    """The single header row: KDF parameters, the wrapped data key, and its checksum."""

    __tablename__ = "vault_header"
    __table_args__ = (CheckConstraint(f"id = {HEADER_ROW_ID}", name="single_header_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    format_version: Mapped[int]
    kdf_name: Mapped[str] = mapped_column(String(16))
    kdf_memory_kib: Mapped[int]
    kdf_iterations: Mapped[int]
    kdf_lanes: Mapped[int]
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary)
    key_nonce: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    checksum: Mapped[bytes] = mapped_column(LargeBinary)


class Record(Base):
    """One encrypted record; ``kind`` says how to read the payload, ``format_version`` which layout."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_kind", "kind"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    format_version: Mapped[int]
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)


REQUIRED_TABLES = tuple(Base.metadata.tables)
"""Every table a vault must have; a missing one is damage (a dropped table reads as such)."""

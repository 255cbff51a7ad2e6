"""The encrypted backup file format: a versioned header, then one AEAD-sealed payload.

Layout of format 2 (big-endian), :data:`HEADER_SIZE` bytes of header then the ciphertext::

    magic          8 bytes   b"MMBACKUP"
    version        2 bytes   FORMAT_VERSION (a newer one is refused, not guessed at)
    version_check  4 bytes   the first 4 bytes of SHA-256(magic + version), from format 2 on
    kdf            1 byte    1 = Argon2id
    memory_kib     4 bytes   Argon2id memory cost
    iterations     4 bytes   Argon2id passes
    lanes          1 byte    Argon2id lanes
    salt          16 bytes   random per backup
    nonce         12 bytes   random per backup
    key_check     32 bytes   tells a wrong password from a damaged file
    checksum      32 bytes   SHA-256 of all the header bytes before it
    ciphertext     rest      AES-256-GCM of the zlib-compressed payload, header as associated data

Format 1 (still read) is the same without ``version_check``. Every format after 1 keeps magic,
version and version check at the start, so a damaged version field is told apart from a file
made by a newer MoodMirror: only a version whose check matches is "newer".

The password goes through :func:`moodmirror.storage.crypto.password_keys` (Argon2id, the vault's
own KDF code and rules) with the header's salt and cost, which gives the payload key and the
key check. Opening checks, in order: the magic (not a backup), the version
and its check (damaged: :class:`BackupDamaged`; newer: :class:`UnsupportedBackup`), the length
and checksum (damaged or truncated), the key settings (within the caps of
:meth:`~moodmirror.storage.crypto.KdfCost.check`, so an edited file cannot make opening take
as long as its editor likes), the key check (:class:`BackupWrongPassword`), then the payload's
authentication tag (altered or truncated: :class:`BackupDamaged`). The header is bound to the
ciphertext, so changing any header field (e.g. weakening the KDF) makes opening fail; edits to
the KDF inputs (salt, cost) with a recomputed checksum change the derived key itself, which no
one can tell from a wrong password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from moodmirror.errors import BackupDamaged, BackupWrongPassword, UnsupportedBackup
from moodmirror.storage.crypto import KdfCost, KdfParams, password_keys

MAGIC = b"MMBACKUP"
SALT_BYTES = 16
NONCE_BYTES = 12
CHECK_BYTES = 32
"""The sizes of the salt, nonce and key check fields: the file's layout, fixed for each format."""
FORMAT_VERSION = 2
KDF_ARGON2ID = 1
TAG_BYTES = 16
_PREFIX = struct.Struct(f">{len(MAGIC)}sH")
_VERSION_CHECK = struct.Struct(">4s")
_KEY_FIELDS = f"BIIB{SALT_BYTES}s{NONCE_BYTES}s{CHECK_BYTES}s"
_FIELDS = {
    1: struct.Struct(f">{len(MAGIC)}sH{_KEY_FIELDS}"),
    2: struct.Struct(f">{len(MAGIC)}sH4s{_KEY_FIELDS}"),
}
"""The header fields before the checksum, by format version."""
_CHECKSUM_BYTES = hashlib.sha256().digest_size
HEADER_SIZE = _FIELDS[FORMAT_VERSION].size + _CHECKSUM_BYTES
_HKDF_INFO = b"moodmirror-backup v1: payload key, key check"


def _keys(password: str, kdf: KdfParams) -> tuple[bytes, bytes]:
    """The payload key and the key check for ``password`` (the slow Argon2id step)."""
    return password_keys(password, kdf, _HKDF_INFO)


def _version_check(version: int) -> bytes:
    return hashlib.sha256(_PREFIX.pack(MAGIC, version)).digest()[: _VERSION_CHECK.size]


def seal_backup(payload: bytes, password: str, cost: KdfCost) -> bytes:
    """The backup file's bytes: ``payload`` encrypted under ``password`` with a fresh salt."""
    kdf = KdfParams.fresh(cost)
    nonce = os.urandom(NONCE_BYTES)
    key, check = _keys(password, kdf)
    fields = _FIELDS[FORMAT_VERSION].pack(
        MAGIC, FORMAT_VERSION, _version_check(FORMAT_VERSION),
        KDF_ARGON2ID, kdf.memory_kib, kdf.iterations, kdf.lanes, kdf.salt, nonce, check,
    )  # fmt: skip
    header = fields + hashlib.sha256(fields).digest()
    return header + AESGCM(key).encrypt(nonce, zlib.compress(payload, 6), header)


def _format_version(data: bytes) -> int:
    """The file's format version, once its magic and version check are right."""
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise BackupDamaged("This is not a MoodMirror backup file; nothing was changed.")
    _, version = _PREFIX.unpack_from(data)
    if version == 1:
        return version
    if len(data) < _PREFIX.size + _VERSION_CHECK.size or not hmac.compare_digest(
        data[_PREFIX.size : _PREFIX.size + _VERSION_CHECK.size], _version_check(version)
    ):
        raise BackupDamaged("The backup's header is damaged (its format version is unreadable); nothing was changed.")
    if version > FORMAT_VERSION:
        raise UnsupportedBackup()
    return version


def open_backup(data: bytes, password: str) -> bytes:
    """The payload inside the backup file ``data``; raises the errors described above."""
    version = _format_version(data)
    layout = _FIELDS[version]
    header_size = layout.size + _CHECKSUM_BYTES
    if len(data) < header_size + TAG_BYTES:
        raise BackupDamaged("The backup file is truncated (incomplete copy?); nothing was changed.")
    header = data[:header_size]
    fields, checksum = header[: layout.size], header[layout.size :]
    if not hmac.compare_digest(hashlib.sha256(fields).digest(), checksum):
        raise BackupDamaged("The backup's header is damaged (checksum mismatch); nothing was changed.")
    kdf_id, memory_kib, iterations, lanes, salt, nonce, check = layout.unpack(fields)[-7:]
    kdf = KdfParams(memory_kib, iterations, lanes, salt)
    try:
        if kdf_id != KDF_ARGON2ID:
            raise ValueError(f"unknown key derivation {kdf_id}")
        kdf.check()
    except ValueError as error:
        raise BackupDamaged(
            f"The backup's header has impossible key settings ({error}); nothing was changed."
        ) from error
    key, expected = _keys(password, kdf)
    if not hmac.compare_digest(check, expected):
        raise BackupWrongPassword()
    try:
        return zlib.decompress(AESGCM(key).decrypt(nonce, data[header_size:], header))
    except (InvalidTag, zlib.error) as error:
        raise BackupDamaged(
            "The backup file was altered or is truncated (integrity check failed); nothing was changed."
        ) from error

"""The encrypted backup file format: a versioned header, then one AEAD-sealed payload.

Layout (big-endian), :data:`HEADER_SIZE` bytes of header then the ciphertext::

    magic        8 bytes   b"MMBACKUP"
    version      2 bytes   FORMAT_VERSION (a newer one is refused, not guessed at)
    kdf          1 byte    1 = Argon2id
    memory_kib   4 bytes   Argon2id memory cost
    iterations   4 bytes   Argon2id passes
    lanes        1 byte    Argon2id lanes
    salt        16 bytes   random per backup
    nonce       12 bytes   random per backup
    key_check   32 bytes   tells a wrong password from a damaged file
    checksum    32 bytes   SHA-256 of all the header bytes before it
    ciphertext   rest      AES-256-GCM of the zlib-compressed payload, header as associated data

The password goes through Argon2id (:func:`moodmirror.storage.crypto.derive_key`, the vault's
own KDF code and parameters) with the header's salt; HKDF-SHA256 splits the result into the
payload key and the key check. Opening checks, in order: the magic (not a backup), the version
(newer: :class:`UnsupportedBackup`), the length and checksum (damaged or truncated:
:class:`BackupDamaged`), the key check (:class:`BackupWrongPassword`), then the payload's
authentication tag (altered or truncated: :class:`BackupDamaged`). The header is bound to the
ciphertext, so changing any header field (e.g. weakening the KDF) makes opening fail.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

from moodmirror.errors import BackupDamaged, BackupWrongPassword, UnsupportedBackup
from moodmirror.storage.crypto import KEY_BYTES, NONCE_BYTES, SALT_BYTES, KdfCost, KdfParams, derive_key

MAGIC = b"MMBACKUP"
FORMAT_VERSION = 1
KDF_ARGON2ID = 1
CHECK_BYTES = 32
TAG_BYTES = 16
_PREFIX = struct.Struct(f">{len(MAGIC)}sH")
_FIELDS = struct.Struct(f">{len(MAGIC)}sHBIIB{SALT_BYTES}s{NONCE_BYTES}s{CHECK_BYTES}s")
_CHECKSUM_BYTES = hashlib.sha256().digest_size
HEADER_SIZE = _FIELDS.size + _CHECKSUM_BYTES
_HKDF_INFO = b"moodmirror-backup v1: payload key, key check"


def _keys(password: str, kdf: KdfParams) -> tuple[bytes, bytes]:
    """The payload key and the key check for ``password`` (the slow Argon2id step)."""
    secret = derive_key(password, kdf)
    both = HKDFExpand(algorithm=hashes.SHA256(), length=KEY_BYTES + CHECK_BYTES, info=_HKDF_INFO).derive(secret)
    return both[:KEY_BYTES], both[KEY_BYTES:]


def seal_backup(payload: bytes, password: str, cost: KdfCost) -> bytes:
    """The backup file's bytes: ``payload`` encrypted under ``password`` with a fresh salt."""
    kdf = KdfParams.fresh(cost)
    nonce = os.urandom(NONCE_BYTES)
    key, check = _keys(password, kdf)
    fields = _FIELDS.pack(
        MAGIC, FORMAT_VERSION, KDF_ARGON2ID, kdf.memory_kib, kdf.iterations, kdf.lanes, kdf.salt, nonce, check
    )
    header = fields + hashlib.sha256(fields).digest()
    return header + AESGCM(key).encrypt(nonce, zlib.compress(payload, 6), header)


def open_backup(data: bytes, password: str) -> bytes:
    """The payload inside the backup file ``data``; raises the errors described above."""
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise BackupDamaged("This is not a MoodMirror backup file; nothing was changed.")
    _, version = _PREFIX.unpack_from(data)
    if version > FORMAT_VERSION:
        raise UnsupportedBackup()
    if version != FORMAT_VERSION:
        raise BackupDamaged("The backup's header is damaged (unknown format version); nothing was changed.")
    if len(data) < HEADER_SIZE + TAG_BYTES:
        raise BackupDamaged("The backup file is truncated (incomplete copy?); nothing was changed.")
    header = data[:HEADER_SIZE]
    fields, checksum = header[: _FIELDS.size], header[_FIELDS.size :]
    if not hmac.compare_digest(hashlib.sha256(fields).digest(), checksum):
        raise BackupDamaged("The backup's header is damaged (checksum mismatch); nothing was changed.")
    _, _, kdf_id, memory_kib, iterations, lanes, salt, nonce, check = _FIELDS.unpack(fields)
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
        return zlib.decompress(AESGCM(key).decrypt(nonce, data[HEADER_SIZE:], header))
    except (InvalidTag, zlib.error) as error:
        raise BackupDamaged(
            "The backup file was altered or is truncated (integrity check failed); nothing was changed."
        ) from error

"""Key derivation and authenticated encryption for the vault.

Scheme (a security reviewer's summary):

* A random 256-bit *data key* encrypts every record with AES-256-GCM under a fresh random
  96-bit nonce. The associated data binds each ciphertext to its record id, kind and format
  version, so a ciphertext moved to another row, or relabelled, fails authentication.
  Plaintexts are padded to a multiple of :data:`PAD_BLOCK` bytes so sizes say little.
* The data key is wrapped (AES-256-GCM again) by a *key-encryption key* derived from the
  passphrase with Argon2id. The wrap's associated data binds the header fields (format,
  KDF name and parameters, salt), so weakening the stored parameters makes unwrapping fail.
  Changing the passphrase re-wraps the data key; records are not re-encrypted.
* Since vault format 2, HKDF-SHA256 splits the key-encryption key into the wrapping key and a
  32-byte *key check* stored beside the wrap: a wrong passphrase fails the key check, while a
  right passphrase whose wrap fails to open means the header was altered (nonce, wrapped key
  or format edited, even with a recomputed checksum), which is reported as damage. Edits to
  the KDF inputs (salt, cost) change the derived key itself, so they cannot be told from a
  wrong passphrase by anyone; they never unlock anything.
* The vault stores a SHA-256 checksum over the whole header row (``moodmirror.storage.vault``)
  to tell accidental damage (checksum mismatch) apart from a wrong passphrase (checksum
  fine, unwrap fails). It is not a security boundary; the authenticated wrap is.

Passphrases are NFC-normalised and UTF-8 encoded before derivation, so the same words typed
on different systems unlock the same vault. Python cannot reliably erase keys from memory;
keys live only as long as the objects holding them.
"""

from __future__ import annotations

import hmac
import json
import os
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

KDF_NAME = "argon2id"
KEY_BYTES = 32
CHECK_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
PAD_BLOCK = 256
_PAD_MARK = b"\x80"


@dataclass(frozen=True)
class KdfCost:
    """How expensive one Argon2id derivation is: memory in KiB, passes, and lanes."""

    memory_kib: int
    iterations: int
    lanes: int

    def check(self) -> None:
        """Raise ValueError unless the cost is one Argon2id accepts and this app allows.

        The upper bounds keep an edited file from making an unlock take as long (or as much
        memory) as its editor likes: at most :data:`MAX_KDF_MEMORY_KIB`, :data:`MAX_KDF_ITERATIONS`
        passes, and :data:`MAX_KDF_WORK_FACTOR` times the default's memory x passes (about
        2.5 s on the reference machine).
        """
        if not 1 <= self.lanes <= MAX_KDF_LANES:
            raise ValueError(f"Argon2id lanes must be 1..{MAX_KDF_LANES}, not {self.lanes}")
        if not 8 * self.lanes <= self.memory_kib <= MAX_KDF_MEMORY_KIB:
            raise ValueError(f"Argon2id memory must be {8 * self.lanes} KiB..1 GiB, not {self.memory_kib} KiB")
        if not 1 <= self.iterations <= MAX_KDF_ITERATIONS:
            raise ValueError(f"Argon2id iterations must be 1..{MAX_KDF_ITERATIONS}, not {self.iterations}")
        if self.memory_kib * self.iterations > MAX_KDF_WORK_FACTOR * _DEFAULT_WORK:
            raise ValueError(f"Argon2id cost {self.memory_kib} KiB x {self.iterations} passes is over the limit")

    def meets(self, minimum: KdfCost) -> bool:
        """Whether this cost is at least ``minimum`` in memory and in passes."""
        return self.memory_kib >= minimum.memory_kib and self.iterations >= minimum.iterations


MAX_KDF_LANES = 16
MAX_KDF_MEMORY_KIB = 1024 * 1024
MAX_KDF_ITERATIONS = 10
MAX_KDF_WORK_FACTOR = 8

OWASP_MINIMUM_KDF = KdfCost(memory_kib=19 * 1024, iterations=2, lanes=1)
"""OWASP's minimum Argon2id configuration (Password Storage Cheat Sheet)."""

DEFAULT_KDF_COST = KdfCost(memory_kib=128 * 1024, iterations=3, lanes=1)
"""What new vaults use: 128 MiB, 3 passes; measured at about 0.3 s per derivation on the
reference machine (see tests/benchmarks/bench_vault.py). Well above the OWASP minimum."""

_DEFAULT_WORK = DEFAULT_KDF_COST.memory_kib * DEFAULT_KDF_COST.iterations
"""Memory x passes of :data:`DEFAULT_KDF_COST`, the unit of the work limit."""


@dataclass(frozen=True)
class KdfParams:
    """An Argon2id cost plus the vault's random salt: everything needed to re-derive its key."""

    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    @classmethod
    def fresh(cls, cost: KdfCost) -> KdfParams:
        """``cost`` with a new random salt."""
        cost.check()
        return cls(cost.memory_kib, cost.iterations, cost.lanes, os.urandom(SALT_BYTES))

    @property
    def cost(self) -> KdfCost:
        return KdfCost(self.memory_kib, self.iterations, self.lanes)

    def check(self) -> None:
        """Raise ValueError if the parameters are out of range or the salt is too short."""
        self.cost.check()
        if len(self.salt) < SALT_BYTES:
            raise ValueError(f"the salt must be at least {SALT_BYTES} bytes")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """The 256-bit key-encryption key for ``passphrase`` (the deliberately slow step)."""
    params.check()
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret)


def split_key(secret: bytes, info: bytes) -> tuple[bytes, bytes]:
    """A key and a key check (:data:`CHECK_BYTES`) from one derived ``secret`` (HKDF-SHA256)."""
    both = HKDFExpand(algorithm=hashes.SHA256(), length=KEY_BYTES + CHECK_BYTES, info=info).derive(secret)
    return both[:KEY_BYTES], both[KEY_BYTES:]


def password_keys(password: str, params: KdfParams, purpose: bytes) -> tuple[bytes, bytes]:
    """A 256-bit key and a key check for ``password`` under ``params`` (Argon2id, the slow step).

    The one way anything outside this module turns a password into keys: the vault's own
    rules (NFC normalisation, cost caps, salt length) apply, and ``purpose`` (the HKDF info)
    keeps keys for different uses apart.
    """
    return split_key(derive_key(password, params), purpose)


class EnvelopeAltered(Exception):
    """The passphrase is right (the key check matches) but the wrapped key does not open."""


KEY_CHECK_FORMAT = 2
"""The first vault format whose envelope carries a key check."""
_WRAP_INFO = b"moodmirror-vault v2: wrapping key, key check"


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


@dataclass(frozen=True)
class KeyEnvelope:
    """The data key wrapped under a passphrase, with the header fields bound to it.

    ``key_check`` is empty in format 1 and :data:`CHECK_BYTES` long from format 2 on.
    """

    format_version: int
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes
    key_check: bytes = b""

    @classmethod
    def seal(cls, data_key: bytes, passphrase: str, kdf: KdfParams, format_version: int) -> KeyEnvelope:
        """Wrap ``data_key`` under a key derived from ``passphrase`` with ``kdf``."""
        unsealed = cls(format_version, kdf, nonce=os.urandom(NONCE_BYTES), wrapped_key=b"")
        wrapping_key, key_check = unsealed._keys(passphrase)
        wrapped = AESGCM(wrapping_key).encrypt(unsealed.nonce, data_key, unsealed.associated_data())
        return cls(format_version, kdf, unsealed.nonce, wrapped, key_check)

    def unseal(self, passphrase: str) -> bytes:
        """The data key; ``InvalidTag`` for a wrong passphrase, EnvelopeAltered (format 2 on)
        when the passphrase is right but the wrap was altered."""
        wrapping_key, key_check = self._keys(passphrase)
        if self.format_version >= KEY_CHECK_FORMAT and not hmac.compare_digest(key_check, self.key_check):
            raise InvalidTag()
        try:
            return AESGCM(wrapping_key).decrypt(self.nonce, self.wrapped_key, self.associated_data())
        except InvalidTag:
            if self.format_version >= KEY_CHECK_FORMAT:
                raise EnvelopeAltered() from None
            raise

    def _keys(self, passphrase: str) -> tuple[bytes, bytes]:
        """The wrapping key and the key check (format 1: the derived key itself, no check)."""
        if self.format_version < KEY_CHECK_FORMAT:
            return derive_key(passphrase, self.kdf), b""
        return password_keys(passphrase, self.kdf, _WRAP_INFO)

    def associated_data(self) -> bytes:
        """The header fields the wrapped key is bound to."""
        fields = [
            "moodmirror-vault",
            self.format_version,
            KDF_NAME,
            self.kdf.memory_kib,
            self.kdf.iterations,
            self.kdf.lanes,
            self.kdf.salt.hex(),
        ]
        return json.dumps(fields, separators=(",", ":")).encode("ascii")


def record_binding(record_id: str, kind: str, format_version: int) -> bytes:
    """The associated data tying a record ciphertext to its row.

    NUL-separated: the vault writes ids (hex) and kinds (lowercase words) without NUL bytes,
    so no other (id, kind, version) row encodes to the same bytes.
    """
    return f"moodmirror-record\0{record_id}\0{kind}\0{format_version}".encode()


def pad(plaintext: bytes) -> bytes:
    """Append 0x80 then zeros up to a multiple of :data:`PAD_BLOCK` (ISO/IEC 7816-4)."""
    padded = plaintext + _PAD_MARK
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def unpad(padded: bytes) -> bytes:
    """Undo :func:`pad`; raises ValueError if the padding is malformed."""
    end = padded.rstrip(b"\x00")
    if not end.endswith(_PAD_MARK):
        raise ValueError("malformed padding")
    return end[: -len(_PAD_MARK)]


class RecordCipher:
    """Encrypts and decrypts record payloads with the vault's data key."""

    def __init__(self, data_key: bytes) -> None:
        self._aead = AESGCM(data_key)

    def seal(self, record_id: str, kind: str, format_version: int, plaintext: bytes) -> tuple[bytes, bytes]:
        """``(nonce, ciphertext)`` for ``plaintext`` padded and bound to the row."""
        nonce = os.urandom(NONCE_BYTES)
        binding = record_binding(record_id, kind, format_version)
        return nonce, self._aead.encrypt(nonce, pad(plaintext), binding)

    def open(self, record_id: str, kind: str, format_version: int, nonce: bytes, ciphertext: bytes) -> bytes:
        """The plaintext; raises ``InvalidTag`` if the ciphertext or its row was altered."""
        binding = record_binding(record_id, kind, format_version)
        return unpad(self._aead.decrypt(nonce, ciphertext, binding))

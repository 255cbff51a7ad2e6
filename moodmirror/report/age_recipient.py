"""Encrypting a report to a clinician's age public key (``age1...``), with pyrage.

The clinician decrypts with any age tool and their private key (``age -d -i key.txt FILE``);
no password has to be shared. The output is the binary age format (not ASCII-armoured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from moodmirror.errors import ReportError

if TYPE_CHECKING:
    from pyrage.x25519 import Recipient  # type: ignore[import-untyped]

RECIPIENT_PREFIX = "age1"


def parse_recipient(text: str) -> Recipient:
    """The age X25519 recipient in ``text``; ReportError if it is not one."""
    from pyrage import RecipientError  # type: ignore[import-untyped]
    from pyrage.x25519 import Recipient

    key = text.strip()
    if not key.startswith(RECIPIENT_PREFIX):
        raise ReportError(f"An age recipient starts with '{RECIPIENT_PREFIX}'; {key[:12]!r}... is not one.")
    try:
        return Recipient.from_str(key)
    except RecipientError as error:
        raise ReportError(f"That age recipient is not valid ({error}); copy the whole 'age1...' key.") from error


def encrypt_to_recipient(data: bytes, recipient: str) -> bytes:
    """``data`` encrypted so that only the holder of ``recipient``'s private key can read it."""
    import pyrage

    return pyrage.encrypt(data, [parse_recipient(recipient)])

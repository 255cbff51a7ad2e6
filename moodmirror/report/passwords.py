"""The rule for passwords that protect data leaving the vault (report and backup passwords).

A report or a backup travels: it is e-mailed, printed, copied to a USB stick. Its password is
the only thing protecting it there, so it must be long: at least
:data:`MIN_PASSWORD_CHARS` characters, not counting spaces at either end.
"""

from __future__ import annotations

from moodmirror.errors import PassphraseError

MIN_PASSWORD_CHARS = 10


def check_new_password(password: str, what: str = "report") -> None:
    """Raise PassphraseError, with a hint, unless ``password`` is long enough for a ``what`` file."""
    if len(password.strip()) < MIN_PASSWORD_CHARS:
        raise PassphraseError(
            f"The {what} password must have at least {MIN_PASSWORD_CHARS} characters; "
            "a few unrelated words (e.g. 'harbour lantern velvet') are long and easy to remember."
        )

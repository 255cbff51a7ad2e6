"""The passphrase policy, in one place: what MoodMirror accepts as a new secret.

Two kinds of secret, one rule each:

- The journal's **passphrase** unlocks the vault on this computer, where Argon2id makes every
  guess expensive: at least :data:`MIN_PASSPHRASE_CHARS` characters (spaces at either end
  not counted). The vault, the app's strength hint and the command line all call
  :func:`passphrase_problem` / :func:`check_new_passphrase`.
- A **password for data that leaves the vault** (a therapist report, a backup with a password
  of its own) travels: it is e-mailed, printed, copied to a USB stick, and it is the only thing
  protecting the file there, so it must be longer: at least :data:`MIN_PASSWORD_CHARS`
  characters (:func:`check_new_password`).
"""

from __future__ import annotations

from moodmirror.errors import PassphraseError

MIN_PASSPHRASE_CHARS = 8
MIN_PASSWORD_CHARS = 10


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is not acceptable for a new or changed journal, or None if it is."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_CHARS:
        return f"Choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words work well."
    return None


def check_new_passphrase(passphrase: str) -> None:
    """Raise PassphraseError unless ``passphrase`` is acceptable for a new or changed journal."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseError(problem)


def check_new_password(password: str, what: str = "report") -> None:
    """Raise PassphraseError, with a hint, unless ``password`` is long enough for a ``what`` file."""
    if len(password.strip()) < MIN_PASSWORD_CHARS:
        raise PassphraseError(
            f"The {what} password must have at least {MIN_PASSWORD_CHARS} characters; "
            "a few unrelated words (e.g. 'harbour lantern velvet') are long and easy to remember."
        )

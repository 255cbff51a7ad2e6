"""Getting the passphrase: from the terminal (never echoed) or, for scripts, the environment.

``MOODMIRROR_PASSPHRASE`` holds the passphrase of the journal (also the one a new journal
gets with ``init``); ``MOODMIRROR_NEW_PASSPHRASE`` the new one for ``passwd``. New
passphrases typed on a terminal are asked twice.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.errors import NoVault, PassphraseError

if TYPE_CHECKING:
    from moodmirror.storage.vault import Vault

PASSPHRASE_ENV = "MOODMIRROR_PASSPHRASE"
NEW_PASSPHRASE_ENV = "MOODMIRROR_NEW_PASSPHRASE"


def _ask_terminal(prompt: str, env: str) -> str:
    if not sys.stdin.isatty():
        raise PassphraseError(f"No terminal to ask for the passphrase on; set {env} to run without one.")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise PassphraseError("No passphrase was entered; nothing was changed.") from None


def ask_passphrase(prompt: str = "Passphrase: ", env: str = PASSPHRASE_ENV) -> str:
    """The passphrase from ``env`` if set, else typed on the terminal."""
    return os.environ.get(env) or _ask_terminal(prompt, env)


def ask_new_passphrase(env: str = PASSPHRASE_ENV) -> str:
    """A new passphrase from ``env`` if set, else typed twice on the terminal; checked for length."""
    from moodmirror.passwords import check_new_passphrase

    from_env = os.environ.get(env)
    if from_env:
        check_new_passphrase(from_env)
        return from_env
    first = _ask_terminal("New passphrase: ", env)
    check_new_passphrase(first)
    if _ask_terminal("Repeat the new passphrase: ", env) != first:
        raise PassphraseError("The two passphrases differ; nothing was changed.")
    return first


def require_vault(data_dir: Path) -> None:
    """Raise NoVault unless ``data_dir`` holds a journal (checked before asking anything)."""
    from moodmirror.backup.archive import interrupted_restore
    from moodmirror.storage.vault import Vault

    if interrupted_restore(data_dir):
        raise NoVault(f"No journal in {data_dir}: a restore was interrupted there; run `moodmirror restore` again.")
    if not Vault.exists(data_dir):
        raise NoVault(f"No journal in {data_dir}; create one with `moodmirror init`.")


def unlock_vault(data_dir: Path, passphrase: str | None = None) -> Vault:
    """Open the journal in ``data_dir`` as the app does (retention, automatic backup), saying what that did.

    The passphrase is asked for (only once a journal is known to exist) unless given.
    """
    from moodmirror.journal import unlock

    require_vault(data_dir)
    opened = unlock(data_dir, passphrase or ask_passphrase())
    if opened.expired:
        print(
            f"moodmirror: deleted {opened.expired} check-in(s) older than {opened.settings.retention_days} days "
            "(your retention setting).",
            file=sys.stderr,
        )
    if opened.backup is not None:
        print(f"moodmirror: made an automatic backup, {opened.backup}.", file=sys.stderr)
    if opened.backup_problem:
        print(f"moodmirror: {opened.backup_problem}", file=sys.stderr)
    return opened.vault

"""A plain-language strength hint for a new passphrase, computed on the device.

The estimate is deliberately simple and honest: length and the kinds of characters used give
a rough guess at how many attempts an attacker would need. Long phrases of several ordinary
words score well, which is the advice the app gives. What is acceptable at all is the vault's
own rule (:func:`moodmirror.passwords.passphrase_problem`).
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from typing import Any

from moodmirror.passwords import passphrase_problem

_POOLS: tuple[tuple[str, int], ...] = (
    (string.ascii_lowercase, 26),
    (string.ascii_uppercase, 26),
    (string.digits, 10),
    (string.punctuation + " ", 33),
)


@dataclass(frozen=True)
class Strength:
    """``level`` 0 (not acceptable) to 3 (strong), a one-word label and one line of advice."""

    level: int
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.level > 0


def estimate_bits(passphrase: str) -> float:
    """Rough guessing entropy in bits: length x log2 of the character pool in use."""
    pool = sum(size for chars, size in _POOLS if any(c in chars for c in passphrase))
    pool += 100 if any(ord(c) > 127 for c in passphrase) else 0
    distinct = len(set(passphrase))
    if not passphrase or pool == 0:
        return 0.0
    # Repeating a few characters adds little: count at most 4 characters per distinct one.
    effective = min(len(passphrase), distinct * 4)
    return effective * math.log2(pool)


def strength(passphrase: str) -> Strength:
    """How strong ``passphrase`` looks, with a hint on how to make it stronger."""
    problem = passphrase_problem(passphrase)
    if problem:
        return Strength(0, "Too short", problem)
    bits = estimate_bits(passphrase)
    if bits < 45:
        return Strength(1, "Weak", "Add another word or two to make it much harder to guess.")
    if bits < 70:
        return Strength(2, "Fair", "Good. One more word would make it strong.")
    return Strength(3, "Strong", "Strong. Make sure you can remember it.")


PASSPHRASES_DIFFER = "The two passphrases are not the same. Please type them again."


def typed_twice_problem(first: str, second: str) -> str | None:
    """What to say of a new passphrase typed as ``first`` and again as ``second`` (its own
    rule's advice, or :data:`PASSPHRASES_DIFFER`), or None when it can be taken."""
    hint = strength(first)
    if not hint.acceptable:
        return hint.advice
    return PASSPHRASES_DIFFER if first != second else None


def take_new_passphrase(screen: Any) -> str | None:
    """The new passphrase typed twice in ``screen``'s ``first`` and ``second`` fields, or None after
    putting in ``screen.error`` why it cannot be taken (a mismatch empties ``second`` and gives it the
    focus, as the create and restore screens both ask)."""
    first, second = screen.ids.first.text, screen.ids.second.text
    problem = typed_twice_problem(first, second)
    if problem == PASSPHRASES_DIFFER:
        screen.ids.second.text = ""  # (before the message: editing a field clears it)
        screen.ids.second.focus = True
    if problem:
        screen.error = problem
        return None
    return first

"""Data retention: check-ins older than the user's chosen number of days are deleted."""

from __future__ import annotations

from datetime import datetime, timedelta

from moodmirror.records import utc_now
from moodmirror.storage.vault import Vault


def apply_retention(vault: Vault, retention_days: int | None, now: datetime | None = None) -> int:
    """Delete check-ins made more than ``retention_days`` ago (None keeps all); returns how many."""
    if not retention_days:
        return 0
    cutoff = (now or utc_now()) - timedelta(days=retention_days)
    expired = vault.list_checkins(end=cutoff)
    for checkin in expired:
        vault.delete_checkin(checkin.id)
    return len(expired)

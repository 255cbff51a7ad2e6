"""Shared pytest fixtures. Each area adds its own fixtures here, additively."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary


def _summary(dominant: str, valence: float) -> EmotionSummary:
    rest = (1.0 - 0.7) / (len(EMOTIONS) - 1)
    probabilities = {e: 0.7 if e == dominant else rest for e in EMOTIONS}
    return EmotionSummary(
        probabilities=probabilities, dominant=dominant, dominant_share=0.7, confidence=0.7, valence=valence,
        arousal=0.3, frames_seen=120, frames_usable=100, face_ratio=0.9, duration_s=15.0, model_id="emotion-test",
    )  # fmt: skip


@pytest.fixture
def make_checkin() -> Callable[..., CheckIn]:
    """Insights: ``make_checkin(when, mood, dominant=None, valence=0.0, tags=(), note="")``.

    ``when`` is a timezone-aware datetime (or naive, taken as UTC); with ``dominant`` the
    check-in gets a conclusive camera summary giving that emotion 70% of the probability.
    """

    def make(
        when: datetime, mood: int, dominant: str | None = None, valence: float = 0.0,
        tags: tuple[str, ...] = (), note: str = "",
    ) -> CheckIn:  # fmt: skip
        created = when if when.tzinfo else when.replace(tzinfo=UTC)
        summary = _summary(dominant, valence) if dominant else None
        return CheckIn(mood=mood, note=note, tags=list(tags), summary=summary, created_at=created)

    return make


@pytest.fixture
def vault_passphrase() -> str:
    """Storage: the passphrase of the ``vault_dir`` vault."""
    return "correct horse battery"


@pytest.fixture
def vault_dir(tmp_path: Path, vault_passphrase: str) -> Path:
    """Storage: a data folder holding an empty vault made with the cheap FAST_TEST_KDF."""
    from fast_kdf import FAST_TEST_KDF

    from moodmirror.storage.vault import Vault

    data_dir = tmp_path / "data"
    Vault.create(data_dir, vault_passphrase, kdf=FAST_TEST_KDF).close()
    return data_dir


@pytest.fixture
def forge_header_checksum() -> Callable[[Path], None]:
    """Storage: ``forge(data_dir)`` rewrites the vault header's checksum to match its fields, as
    someone who knows the format would (or a newer MoodMirror after migrating): SHA-256 of the
    JSON list of the header fields (bytes as hex), plus the schema revision from format 2 on."""
    import hashlib
    import json
    import sqlite3

    columns = "format_version, kdf_name, kdf_memory_kib, kdf_iterations, kdf_lanes, kdf_salt, key_nonce, wrapped_key"

    def forge(data_dir: Path) -> None:
        with sqlite3.connect(data_dir / "vault.sqlite3") as db:
            values = db.execute(f"SELECT {columns} FROM vault_header").fetchone()
            canonical = [v.hex() if isinstance(v, bytes) else v for v in values]
            if values[0] >= 2:
                canonical.append(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
            checksum = hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode("utf-8")).digest()
            db.execute("UPDATE vault_header SET checksum = ?", (checksum,))
        db.close()

    return forge

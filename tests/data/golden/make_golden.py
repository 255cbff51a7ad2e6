"""Writes a new set of golden files (a vault, a backup and what they hold) in today's formats.

Run it only when a format version changes, into a new folder named after the new versions
(see README.md beside it); files already committed are never rewritten:

    PYTHONPATH=.:tests python tests/data/golden/make_golden.py tests/data/golden/vault2-backup2
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from alembic import command

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import write_backup
from moodmirror.records import CheckIn, EmotionSummary, PromptAnswer, Settings, ThoughtRecord
from moodmirror.storage.database import alembic_config, open_engine
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault, restamp_header

PASSPHRASE = "golden passphrase ünïcode"
FIRST_REVISION = "0001_create_vault"
"""The golden vault is left at the first schema revision, so opening it runs every migration."""

SETTINGS = Settings(
    camera_enabled=True, checkin_seconds=20, week_start="sunday", retention_days=None, theme="dark",
    text_scale=1.25, crisis_region="uk",
)  # fmt: skip
PROBABILITIES = {
    "neutral": 0.1, "happiness": 0.55, "surprise": 0.05, "sadness": 0.1, "anger": 0.05, "fear": 0.1, "disgust": 0.05,
}  # fmt: skip
CHECKINS = [
    CheckIn(
        id="0123456789abcdef0123456789abcdef",
        created_at=datetime(2026, 11, 2, 8, 30, tzinfo=UTC),
        mood=7,
        note="Walked to the café with Ana ☕, slept well.",
        tags=["café", "friends"],
        summary=EmotionSummary(
            probabilities=PROBABILITIES,
            dominant="happiness",
            dominant_share=0.6,
            confidence=0.72,
            valence=0.41,
            arousal=0.35,
            frames_seen=150,
            frames_usable=120,
            face_ratio=0.9,
            duration_s=15.0,
            model_id="emotion-golden",
        ),  # fmt: skip
        answers=[PromptAnswer("gr-01", "Finished the draft.")],
    ),
    CheckIn(
        id="fedcba9876543210fedcba9876543210",
        created_at=datetime(2026, 11, 3, 21, 5, tzinfo=UTC),
        mood=3,
        note="",
        tags=["work"],
        thought_record=ThoughtRecord(
            situation="Meeting ran late",
            automatic_thought="They think I am useless",
            emotions={"anxious": 80},
            distortions=["mind_reading"],
            evidence_for="Nobody replied",
            evidence_against="Two people thanked me",
            balanced_thought="One meeting does not decide that",
            rerated={"anxious": 40},
        ),  # fmt: skip
    ),
]


def main(folder: Path) -> None:
    folder.mkdir(parents=True)
    data_dir = folder / "vault"
    with Vault.create(data_dir, PASSPHRASE, FAST_TEST_KDF) as vault:
        for checkin in CHECKINS:
            vault.add_checkin(checkin)
        vault.save_settings(SETTINGS)
        write_backup(
            vault, folder / "backup.mmbackup", PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF,
            now=datetime(2026, 11, 4, 9, 0, tzinfo=UTC),
        )  # fmt: skip
    engine = open_engine(vault_path(data_dir))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), FIRST_REVISION)
        restamp_header(connection)  # from vault format 2 on, the header checksum covers the revision
    engine.dispose()
    expected = {
        "passphrase": PASSPHRASE,
        "backup_made_at": "2026-11-04T09:00:00+00:00",
        "settings": SETTINGS.to_dict(),
        "checkins": [c.to_dict() for c in CHECKINS],
    }
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

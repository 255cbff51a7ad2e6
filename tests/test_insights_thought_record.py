"""The guided thought record: its steps, validation, and a round trip through the vault."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from moodmirror.errors import InvalidThoughtRecord
from moodmirror.insights.thought_record import build_thought_record, check_step, thought_record_steps
from moodmirror.records import CheckIn, ThoughtRecord

ANSWERS = {
    "situation": "  Team meeting, my idea was skipped over.  ",
    "automatic_thought": "Nobody ever listens to me.",
    "emotions": {"hurt": 70, " anxious ": "55.4"},
    "distortions": ["overgeneralising", "mind_reading", "overgeneralising"],
    "evidence_for": "My point was not picked up.",
    "evidence_against": "Sam asked me to send it round afterwards.",
    "balanced_thought": "It got lost in a busy meeting; one person did want to hear it.",
    "rerated": {"hurt": 40, "anxious": 30},
}


def test_steps_walk_every_thought_record_field_in_order() -> None:
    steps = thought_record_steps()
    assert [s.key for s in steps] == [f.name for f in fields(ThoughtRecord)]
    assert [s.kind for s in steps] == ["text", "text", "intensities", "distortions", "text", "text", "text", "rerate"]
    assert all(s.title and s.question and s.hint for s in steps)
    assert [s.key for s in steps if s.required] == ["situation", "automatic_thought", "emotions"]


def test_answers_become_a_clean_thought_record() -> None:
    record = build_thought_record(ANSWERS)
    assert record.situation == "Team meeting, my idea was skipped over."
    assert record.emotions == {"hurt": 70, "anxious": 55}
    assert record.distortions == ["overgeneralising", "mind_reading"]
    assert record.rerated == {"hurt": 40, "anxious": 30}


@pytest.mark.parametrize(("given", "stored"), [(-5, 0), (100.4, 100), (250, 100), ("0", 0), (99.5, 100)])
def test_intensities_are_clamped_to_0_to_100(given: object, stored: int) -> None:
    record = build_thought_record({**ANSWERS, "emotions": {"hurt": given}, "rerated": {}})
    assert record.emotions == {"hurt": stored}


@pytest.mark.parametrize("bad", ["a lot", None, True, float("nan"), [50]])
def test_non_numeric_intensities_are_refused(bad: object) -> None:
    with pytest.raises(InvalidThoughtRecord, match="hurt"):
        build_thought_record({**ANSWERS, "emotions": {"hurt": bad}, "rerated": {}})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"distortions": ["gloomy_goggles"]}, "unknown thinking trap"),
        ({"distortions": "labelling"}, "list"),
        ({"situation": "   "}, "needs an answer"),
        ({"emotions": {}}, "needs an answer"),
        ({"emotions": {"": 30}}, "needs a name"),
        ({"rerated": {"angry": 20}}, "re-rate only"),
        ({"mood": 3}, "no step"),
    ],
)
def test_invalid_answers_are_explained(change: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidThoughtRecord, match=message):
        build_thought_record({**ANSWERS, **change})


def test_optional_steps_may_be_left_out() -> None:
    record = build_thought_record({k: ANSWERS[k] for k in ("situation", "automatic_thought", "emotions")})
    assert record.distortions == [] and record.balanced_thought == "" and record.rerated == {}


def test_each_step_can_be_checked_as_the_user_leaves_it() -> None:
    assert check_step("evidence_for", "  facts ") == "facts"
    assert check_step("rerated", {"hurt": 10}, {"emotions": {"hurt": 80}}) == {"hurt": 10}
    with pytest.raises(InvalidThoughtRecord):
        check_step("automatic_thought", "")


def test_thought_record_round_trips_through_the_vault(tmp_path: Path) -> None:
    from fast_kdf import FAST_TEST_KDF

    from moodmirror.storage.vault import Vault

    record = build_thought_record(ANSWERS)
    checkin = CheckIn(mood=4, note="meeting", thought_record=record)
    with Vault.create(tmp_path, "a long test passphrase", kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(checkin)
    with Vault.open(tmp_path, "a long test passphrase") as vault:
        stored = vault.get_checkin(checkin.id)
    assert stored.thought_record == record
    assert b"Nobody ever listens" not in b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())

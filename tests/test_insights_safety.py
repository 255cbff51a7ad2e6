"""Offering support: a run of very low moods, crisis phrases, no alarm on ordinary sad entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from moodmirror.errors import AssetError
from moodmirror.insights.crisis_resources import crisis_regions, crisis_resources
from moodmirror.insights.safety import CrisisPhrases, load_crisis_phrases, needs_support
from moodmirror.records import CheckIn, PromptAnswer, ThoughtRecord

MakeCheckin = Callable[..., CheckIn]
START = datetime(2026, 11, 20, 9, tzinfo=UTC)

ORDINARY_SAD_ENTRIES = [
    "I'm so tired of this rain",
    "this traffic is killing me",
    "Work is killing me slowly, so many deadlines",
    "Dead tired after the night shift",
    "Dying to see my sister this weekend",
    "I cut myself chopping onions, ouch",
    "Hurt myself at football, knee is swollen",
    "Felt really low and lonely today, cried a bit",
    "I don't want to live in this city anymore, it's too loud",
    "I'm tired of living in this tiny flat",
    "Cutting myself some slack today",
    "Ugh, kill me now, another three-hour meeting",
    "My grandad died last year and I miss him",
    "I nearly died laughing at the film",
    "I could die of embarrassment after that presentation",
    "Watched Suicide Squad, it was meh",
    "I'm not suicidal, just exhausted and sad",
    "There's no way out of this project, I hate it",
    "I want to die my hair blue",
    "Taking my life back one small step at a time",
    "The deadline will be the death of me",
    "J'étais mort de rire",
    "No quiero vivir en Madrid",
    "So sad about the news today",
]

CRISIS_ENTRIES = [
    "I want to die",
    "Sometimes I think about killing myself",
    "I just want to end it all",
    "Everyone would be better off without me",
    "I've been self-harming again",
    "I don’t want to be alive anymore",
    "I'M SUICIDAL",
    "I wanna die",
    "thinking about hurting myself",
    "I'm not suicidal but I want to die",
    "Quiero morirme",
    "no quiero vivir más",
    "j'ai envie de mourir",
    "Ich möchte nicht mehr leben",
    "ich mochte nicht mehr leben",
    "i have no reason to live",
    "I feel súicidal",
]


@pytest.mark.parametrize("text", ORDINARY_SAD_ENTRIES)
def test_ordinary_sad_entries_do_not_trigger(text: str, make_checkin: MakeCheckin) -> None:
    assert load_crisis_phrases().find(text) == []
    checkin = make_checkin(START, 4, note=text)
    assert not needs_support([checkin])


@pytest.mark.parametrize("text", CRISIS_ENTRIES)
def test_crisis_phrases_trigger_whatever_the_case_accents_or_apostrophes(text: str, make_checkin: MakeCheckin) -> None:
    check = needs_support([make_checkin(START, 5, note=text)])
    assert check and check.trigger == "crisis_words"
    assert check.reason and text.lower() not in check.reason.lower()


def test_words_in_answers_thought_records_and_pending_text_count(make_checkin: MakeCheckin) -> None:
    answered = make_checkin(START, 6)
    answered.answers = [PromptAnswer("sc-01", "Honestly, everyone would be better off without me.")]
    assert needs_support([answered]).trigger == "crisis_words"
    recorded = make_checkin(START, 6)
    recorded.thought_record = ThoughtRecord(situation="alone at home", automatic_thought="I want to end my life")
    assert needs_support([recorded]).trigger == "crisis_words"
    assert needs_support([make_checkin(START, 6)], texts=["I might hurt myself on purpose"]).trigger == "crisis_words"


def test_only_the_latest_checkin_is_read_for_words(make_checkin: MakeCheckin) -> None:
    old = make_checkin(START, 3, note="I want to die")
    new = make_checkin(START + timedelta(days=2), 6, note="Better today, walked by the river")
    assert not needs_support([new, old])


def test_three_very_low_moods_in_a_row_trigger(make_checkin: MakeCheckin) -> None:
    lows = [make_checkin(START + timedelta(days=i), mood) for i, mood in enumerate((2, 1, 2))]
    check = needs_support(lows[::-1])
    assert check and check.trigger == "low_mood" and check.reason


@pytest.mark.parametrize("moods", [(2, 2), (2, 3, 2), (3, 2, 2), (1, 1, 1, 5)])
def test_no_low_mood_trigger_without_three_in_a_row(moods: tuple[int, ...], make_checkin: MakeCheckin) -> None:
    items = [make_checkin(START + timedelta(days=i), mood) for i, mood in enumerate(moods)]
    assert not needs_support(items)
    assert not needs_support([])


def test_exceptions_must_contain_a_signal_phrase() -> None:
    with pytest.raises(AssetError):
        CrisisPhrases.parse("want to die\n!walking the dog\n")
    with pytest.raises(AssetError):
        CrisisPhrases.parse("# only a comment\n")


def test_resources_by_region_always_end_with_international_help() -> None:
    international = crisis_resources()
    assert any("emergency" in r.detail.lower() for r in international)
    assert any(r.contact == "findahelpline.com" for r in international)
    expected = {"us": "988", "ca": "988", "uk": "116 123", "ie": "116 123", "eu": "112", "au": "13 11 14"}
    for region, number in expected.items():
        resources = crisis_resources(region)
        assert any(number in r.contact for r in resources[: -len(international)]), region
        assert resources[-len(international) :] == international
    assert crisis_resources("atlantis") == international
    assert crisis_regions()[0][0] == "international" and ("uk", "United Kingdom") in crisis_regions()


def test_resources_file_is_configurable(tmp_path: Path) -> None:
    custom = tmp_path / "resources.json"
    custom.write_text(
        '{"regions": [{"code": "international", "name": "Anywhere", "resources": '
        '[{"name": "Campus line", "contact": "555 0100", "detail": "Any time."}]}]}',
        encoding="utf-8",
    )
    assert [r.name for r in crisis_resources("uk", path=custom)] == ["Campus line"]
    missing = tmp_path / "none.json"
    missing.write_text('{"regions": []}', encoding="utf-8")
    with pytest.raises(AssetError):
        crisis_resources(path=missing)

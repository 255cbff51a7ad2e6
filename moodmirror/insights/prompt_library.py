"""The reflection prompt library, loaded from ``assets/prompts.json`` and checked on load.

The file (data, not code) holds:

- ``mood_bands``: which self-rated moods count as ``low``, ``mid`` and ``high``;
- ``techniques``: id, display name and a one-line description (thought record, thinking traps,
  small actions, noticing the good, kindness to yourself, grounding, what matters to you);
- ``distortions``: the thinking traps, each with a plain-language description and an everyday
  example (the UI lists them in the thought record's "thinking traps" step);
- ``thought_record_steps``: the guided thought record, one step per
  :class:`~moodmirror.records.ThoughtRecord` field, with title, question, hint, ``kind``
  (``text``, ``intensities``, ``distortions`` or ``rerate``) and whether it is required;
- ``prompts``: id, technique, text, the ``emotions`` and mood bands (``moods``) it suits,
  optional ``topics`` (matched against check-in tags) and, for thinking-trap prompts, the
  ``distortion`` it is about.

``load_library()`` returns the shipped library (read once, then cached);
``load_library(path)`` reads another file with the same layout. Anything inconsistent (an
unknown emotion, band, technique or distortion, a duplicate id, a step that is not a
ThoughtRecord field) raises :class:`moodmirror.errors.AssetError` naming the problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import AssetError
from moodmirror.records import MOOD_MAX, MOOD_MIN, ThoughtRecord
from moodmirror.resources import ASSETS_DIR

MoodBand = Literal["low", "mid", "high"]
MOOD_BANDS: tuple[MoodBand, ...] = ("low", "mid", "high")
STEP_KINDS = ("text", "intensities", "distortions", "rerate")
PROMPTS_FILE = ASSETS_DIR / "prompts.json"


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Distortion:
    """A thinking trap: ``name`` to show, ``description`` in plain words, an everyday ``example``."""

    id: str
    name: str
    description: str
    example: str


@dataclass(frozen=True)
class ThoughtRecordStep:
    """One page of the guided thought record; ``key`` is the ThoughtRecord field it fills."""

    key: str
    title: str
    question: str
    hint: str
    kind: str
    required: bool


@dataclass(frozen=True)
class Prompt:
    """One reflection prompt and what it suits."""

    id: str
    technique: str
    text: str
    emotions: frozenset[str]
    moods: frozenset[str]
    topics: frozenset[str] = frozenset()
    distortion: str | None = None


@dataclass(frozen=True)
class PromptLibrary:
    """Everything in the prompt file, checked for consistency."""

    bands: dict[str, tuple[int, int]]
    techniques: dict[str, Technique]
    distortions: dict[str, Distortion]
    steps: tuple[ThoughtRecordStep, ...]
    prompts: tuple[Prompt, ...]

    def band(self, mood: int) -> MoodBand:
        """The mood band (``low``, ``mid``, ``high``) that a self-rated mood falls in."""
        for name in MOOD_BANDS:
            low, high = self.bands[name]
            if low <= mood <= high:
                return name
        raise AssetError(f"mood {mood} is in no mood band of the prompt library")

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id (AssetError if the library has none)."""
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise AssetError(f"no prompt {prompt_id!r} in the prompt library")


def _check(condition: bool, problem: str) -> None:
    if not condition:
        raise AssetError(f"prompt library: {problem}")


def _bands(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    bands: dict[str, tuple[int, int]] = {name: (int(data[name][0]), int(data[name][1])) for name in MOOD_BANDS}
    covered = sorted(m for low, high in bands.values() for m in range(low, high + 1))
    _check(covered == list(range(MOOD_MIN, MOOD_MAX + 1)), "mood bands must cover each mood 1..10 exactly once")
    return bands


def _steps(items: list[dict[str, Any]]) -> tuple[ThoughtRecordStep, ...]:
    steps = tuple(ThoughtRecordStep(**item) for item in items)
    _check(
        [s.key for s in steps] == [f.name for f in fields(ThoughtRecord)], "steps must follow ThoughtRecord's fields"
    )
    _check(all(s.kind in STEP_KINDS for s in steps), f"step kinds must be among {STEP_KINDS}")
    return steps


def _prompt(item: dict[str, Any], techniques: dict[str, Technique], distortions: dict[str, Distortion]) -> Prompt:
    prompt = Prompt(
        id=item["id"],
        technique=item["technique"],
        text=item["text"].strip(),
        emotions=frozenset(item["emotions"]),
        moods=frozenset(item["moods"]),
        topics=frozenset(t.lower() for t in item.get("topics", [])),
        distortion=item.get("distortion"),
    )
    where = f"prompt {prompt.id}"
    _check(bool(prompt.text), f"{where} has no text")
    _check(prompt.technique in techniques, f"{where} has unknown technique {prompt.technique!r}")
    _check(bool(prompt.emotions) and prompt.emotions <= set(EMOTIONS), f"{where} has unknown or no emotions")
    _check(bool(prompt.moods) and prompt.moods <= set(MOOD_BANDS), f"{where} has unknown or no mood bands")
    _check(prompt.distortion is None or prompt.distortion in distortions, f"{where} names an unknown distortion")
    return prompt


def parse_library(data: dict[str, Any]) -> PromptLibrary:
    """Build and check a library from the decoded JSON document."""
    try:
        techniques = {t["id"]: Technique(**t) for t in data["techniques"]}
        distortions = {d["id"]: Distortion(**d) for d in data["distortions"]}
        prompts = tuple(_prompt(p, techniques, distortions) for p in data["prompts"])
        library = PromptLibrary(
            _bands(data["mood_bands"]), techniques, distortions, _steps(data["thought_record_steps"]), prompts
        )
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise AssetError(f"prompt library: missing or malformed entry ({error})") from None
    ids = [p.id for p in prompts]
    _check(len(ids) == len(set(ids)), "prompt ids must be unique")
    _check(len(techniques) == len(data["techniques"]), "technique ids must be unique")
    _check(len(distortions) == len(data["distortions"]), "distortion ids must be unique")
    _check(
        all(d.description.strip() and d.example.strip() for d in distortions.values()),
        "every distortion needs a description and an example",
    )
    return library


@lru_cache(maxsize=4)
def load_library(path: Path = PROMPTS_FILE) -> PromptLibrary:
    """Read and check the prompt library (the shipped one by default); cached per path."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise AssetError(f"cannot read the prompt library {path}: {error}") from None
    return parse_library(data)

"""The guided thought record: its steps, and turning the user's answers into a ThoughtRecord.

The UI walks ``thought_record_steps()`` in order (each a
:class:`~moodmirror.insights.prompt_library.ThoughtRecordStep` with title, question, hint,
``kind`` and ``required``). The ``kind`` says which input to show:

- ``text``: a text box; the answer is a string;
- ``intensities``: feelings with a 0..100 slider each; the answer maps a feeling's name
  ("anxious", "sad") to its intensity;
- ``distortions``: a multi-select of ``library.distortions`` (show name, description and
  example); the answer is a list of distortion ids;
- ``rerate``: the same feelings as the ``intensities`` step with a new slider each.

``check_step(key, value, answers)`` validates one step as the user leaves it (raising
:class:`moodmirror.errors.InvalidThoughtRecord` with a message to show) and returns the
cleaned value; ``build_thought_record(answers)`` checks every step and returns a
:class:`~moodmirror.records.ThoughtRecord` to store with the check-in. Intensities may arrive as
ints, floats or numeric strings; they are rounded and clamped to 0..100. Anything else that is
not a number is refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from moodmirror.errors import InvalidThoughtRecord
from moodmirror.insights.prompt_library import PromptLibrary, ThoughtRecordStep, load_library
from moodmirror.records import ThoughtRecord

INTENSITY_MIN = 0
INTENSITY_MAX = 100


def thought_record_steps(library: PromptLibrary | None = None) -> tuple[ThoughtRecordStep, ...]:
    """The steps in the order the UI shows them."""
    return (library or load_library()).steps


def intensity(value: object, feeling: str) -> int:
    """A 0..100 intensity from an int, float or numeric string (rounded, then clamped)."""
    if isinstance(value, bool):
        raise InvalidThoughtRecord(f"the intensity of “{feeling}” must be a number from 0 to 100")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidThoughtRecord(f"the intensity of “{feeling}” must be a number from 0 to 100") from None
    if math.isnan(number):
        raise InvalidThoughtRecord(f"the intensity of “{feeling}” must be a number from 0 to 100")
    return int(min(INTENSITY_MAX, max(INTENSITY_MIN, round(number))))


def _intensities(value: object, step: ThoughtRecordStep) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidThoughtRecord(f"{step.title}: give each feeling with an intensity from 0 to 100")
    cleaned: dict[str, int] = {}
    for name, amount in value.items():
        feeling = str(name).strip()
        if not feeling:
            raise InvalidThoughtRecord(f"{step.title}: each feeling needs a name")
        cleaned[feeling] = intensity(amount, feeling)
    return cleaned


def _distortions(value: object, library: PromptLibrary) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidThoughtRecord("thinking traps must be a list of trap ids")
    unknown = [d for d in value if d not in library.distortions]
    if unknown:
        raise InvalidThoughtRecord(f"unknown thinking trap: {unknown[0]!r}")
    return list(dict.fromkeys(value))


def check_step(
    key: str, value: object, answers: Mapping[str, Any] | None = None, library: PromptLibrary | None = None
) -> Any:
    """Validate and clean the answer to step ``key``; ``answers`` holds the earlier steps' answers."""
    library = library or load_library()
    step = next((s for s in library.steps if s.key == key), None)
    if step is None:
        raise InvalidThoughtRecord(f"the thought record has no step {key!r}")
    if step.kind == "text":
        text = "" if value is None else str(value).strip()
        cleaned: Any = text
    elif step.kind == "distortions":
        cleaned = _distortions(value or [], library)
    else:
        cleaned = _intensities(value or {}, step)
    if step.kind == "rerate":
        named = _intensities((answers or {}).get("emotions") or {}, step)
        extra = [f for f in cleaned if f not in named]
        if extra:
            raise InvalidThoughtRecord(f"{step.title}: re-rate only the feelings named earlier, not “{extra[0]}”")
    if step.required and not cleaned:
        raise InvalidThoughtRecord(f"{step.title}: this step needs an answer")
    return cleaned


def build_thought_record(answers: Mapping[str, Any], library: PromptLibrary | None = None) -> ThoughtRecord:
    """A validated ThoughtRecord from the answers to every step (missing optional steps stay empty)."""
    library = library or load_library()
    unknown = set(answers) - {s.key for s in library.steps}
    if unknown:
        raise InvalidThoughtRecord(f"the thought record has no step {sorted(unknown)[0]!r}")
    values = {s.key: check_step(s.key, answers.get(s.key), answers, library) for s in library.steps}
    return ThoughtRecord(**values)

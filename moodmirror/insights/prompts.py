"""Choosing 1 to 3 reflection prompts that fit a check-in.

``select_prompts(mood, dominant=None, tags=(), recent_ids=(), seed=0, count=3, library=None)``
returns prompts from :func:`~moodmirror.insights.prompt_library.load_library`:

- *fit*: the prompt suits the mood band of the self-rated mood, and, when the camera found a
  dominant emotion, that emotion (``dominant=None``: no camera or an inconclusive session;
  then only the mood band counts);
- *no repeats*: prompts whose ids are in ``recent_ids`` are left out; only when nothing else
  fits does a recent prompt come back (get the ids with :func:`recent_prompt_ids`);
- *tags*: prompts whose topics match one of the check-in's tags come first;
- *variety*: at most one prompt per technique while others remain;
- *deterministic*: the same arguments and ``seed`` (e.g. the check-in id) give the same choice.

Skipping is always allowed, and costs nothing: the UI shows each prompt with a "Skip" button
and the whole reflection step with "Skip for now". A skipped prompt leaves no
:class:`~moodmirror.records.PromptAnswer`, so it is not "recent" and may be offered again; an
answered one is stored with the check-in and is not repeated for 7 days.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta

from moodmirror.insights.prompt_library import Prompt, PromptLibrary, load_library
from moodmirror.records import CheckIn, clean_tags, utc_now

MAX_PROMPTS = 3
RECENT_DAYS = 7


def recent_prompt_ids(checkins: Iterable[CheckIn], now: datetime | None = None, days: int = RECENT_DAYS) -> set[str]:
    """Ids of the prompts answered in check-ins of the last ``days`` days before ``now``."""
    since = (now or utc_now()) - timedelta(days=days)
    return {a.prompt_id for c in checkins if c.created_at >= since for a in c.answers}


def fitting_prompts(library: PromptLibrary, mood: int, dominant: str | None) -> list[Prompt]:
    """Prompts suiting the mood band and (when known) the dominant emotion."""
    band = library.band(mood)
    in_band = [p for p in library.prompts if band in p.moods]
    if dominant is None:
        return in_band
    return [p for p in in_band if dominant in p.emotions] or in_band


def select_prompts(
    mood: int,
    dominant: str | None = None,
    tags: Sequence[str] = (),
    recent_ids: Collection[str] = (),
    seed: int | str = 0,
    count: int = MAX_PROMPTS,
    library: PromptLibrary | None = None,
) -> list[Prompt]:
    """Between 1 and ``count`` (at most 3) fitting prompts, fresh ones only unless none are left."""
    if not 1 <= count <= MAX_PROMPTS:
        raise ValueError(f"count must be 1..{MAX_PROMPTS}, not {count}")
    fitting = fitting_prompts(library or load_library(), mood, dominant)
    pool = [p for p in fitting if p.id not in recent_ids] or fitting
    random.Random(seed).shuffle(pool)
    wanted = set(clean_tags(tags))
    pool.sort(key=lambda p: not (p.topics & wanted))  # stable: shuffled order kept within each group
    chosen: list[Prompt] = []
    for prompt in pool:
        if len(chosen) < count and prompt.technique not in {c.technique for c in chosen}:
            chosen.append(prompt)
    chosen += [p for p in pool if p not in chosen][: count - len(chosen)]
    return chosen

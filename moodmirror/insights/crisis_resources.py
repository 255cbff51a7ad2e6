"""Crisis resources by region, from a configurable data file (``assets/crisis_resources.json``).

``crisis_resources(region)`` gives what the support screen lists: the region's own
resources first, then the international ones (local emergency number advice, the
findahelpline.com directory, someone you trust). An unknown or empty region gives the
international list. ``crisis_regions()`` gives ``(code, name)`` pairs for the settings
picker (``Settings.crisis_region`` holds the code). Pass ``path`` to use another file with the
same layout, e.g. one a deployment keeps up to date for its country.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from moodmirror.errors import AssetError
from moodmirror.resources import ASSETS_DIR

RESOURCES_FILE = ASSETS_DIR / "crisis_resources.json"
INTERNATIONAL = "international"


@dataclass(frozen=True)
class CrisisResource:
    """One place to turn to: ``name``, how to reach it (``contact``) and a line of ``detail``."""

    name: str
    contact: str
    detail: str


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    resources: tuple[CrisisResource, ...]


@lru_cache(maxsize=4)
def load_regions(path: Path = RESOURCES_FILE) -> dict[str, Region]:
    """All regions in the file, keyed by code; the international region must be there."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        regions = {
            r["code"]: Region(r["code"], r["name"], tuple(CrisisResource(**x) for x in r["resources"]))
            for r in data["regions"]
        }
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise AssetError(f"cannot read the crisis resources {path}: {error}") from None
    if INTERNATIONAL not in regions or not regions[INTERNATIONAL].resources:
        raise AssetError(f"the crisis resources {path} have no international entries")
    return regions


def crisis_regions(path: Path = RESOURCES_FILE) -> list[tuple[str, str]]:
    """``(code, name)`` for every region, international first."""
    regions = load_regions(path)
    return [(INTERNATIONAL, regions[INTERNATIONAL].name)] + sorted(
        ((r.code, r.name) for r in regions.values() if r.code != INTERNATIONAL), key=lambda x: x[1]
    )


def crisis_resources(region: str = INTERNATIONAL, path: Path = RESOURCES_FILE) -> list[CrisisResource]:
    """The region's resources followed by the international ones."""
    regions = load_regions(path)
    local = regions.get(region.strip().lower()) if region.strip().lower() != INTERNATIONAL else None
    return [*(local.resources if local else ()), *regions[INTERNATIONAL].resources]

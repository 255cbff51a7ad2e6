"""Load the .kv rules that sit beside a Python module, once per process."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder


def load_kv(module_file: str) -> None:
    """Load ``<module>.kv`` next to ``module_file`` unless it is already loaded."""
    path = str(Path(module_file).with_suffix(".kv"))
    if path not in Builder.files:
        Builder.load_file(path)

"""argparse adapters shared by the command modules.

The core parses periods (``moodmirror.insights.periods``) and raises
:class:`~moodmirror.errors.InvalidPeriod`; here that error becomes argparse's own usage
error, so a bad ``--week`` or ``--month`` prints one line and exits 2 in every command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from moodmirror.errors import InvalidPeriod

P = TypeVar("P")


def period_argument(parse: Callable[[str], P]) -> Callable[[str], P]:
    """An argparse ``type`` made from a period parser such as ``Week.parse``."""

    def convert(text: str) -> P:
        try:
            return parse(text)
        except InvalidPeriod as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert

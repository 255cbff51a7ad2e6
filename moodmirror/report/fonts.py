"""Unicode fonts for the report, and a graceful fallback for characters no font has.

The report is set in DejaVu Sans, which ships inside matplotlib (so nothing extra is
installed) and covers Latin, Greek, Cyrillic, Arabic, Hebrew, many symbols and some emoji.
Characters DejaVu lacks are looked up in fallback fonts: matplotlib's STIX (mathematical and
technical symbols) and, where the system has them, fonts covering Chinese, Japanese, Korean
and other scripts (:data:`SYSTEM_FALLBACK_FONTS`). A fallback font is loaded only when the
text needs it. A character that no font has is printed as U+FFFD (the replacement
character), so a note in any language or with any emoji never stops a report.

Every font that draws the person's text (regular DejaVu and the fallbacks; bold sets only the
report's own headings) is embedded with its whole glyph set, in code point order, whatever
the text uses:
a PDF's font width table (``/W``) is not encrypted, even in an AES-256 PDF, and a subset made
from the text would list exactly the characters the notes use (a Cyrillic letter would show
as its width). Only the presence of a fallback font says something: that the text has some
character DejaVu lacks, not which.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FAMILY = "dejavu"
REPLACEMENT = "\ufffd"
SYSTEM_FALLBACK_FONTS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf"),
)
"""Debian's TrueType fonts for scripts DejaVu lacks (fonts-droid-fallback, fonts-noto-core)."""


def bundled_font_dir() -> Path:
    """matplotlib's folder of bundled TrueType fonts."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@cache
def font_characters(path: Path) -> frozenset[int]:
    """The code points ``path`` has a glyph for (read once per process)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def fallback_candidates() -> list[Path]:
    """Fallback fonts to try, in order: matplotlib's STIX, then the system fonts that exist."""
    return [bundled_font_dir() / "STIXGeneral.ttf", *(p for p in SYSTEM_FALLBACK_FONTS if p.is_file())]


def _printable(char: str) -> bool:
    """Whether ``char`` is text to draw (not a control character or a joiner the layout ignores)."""
    return char == "\n" or unicodedata.category(char) not in ("Cc", "Cf")


def _add_whole_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """Register the font at ``path`` with every glyph it has in its embedded subset, in a fixed
    order, so that its width table is the same whatever text the report holds."""
    pdf.add_font(family, style, path)
    subset = pdf.fonts[f"{family.lower()}{style.upper()}"].subset
    for code_point in sorted(font_characters(path)):
        subset.pick(code_point)


def setup_fonts(pdf: FPDF, texts: Iterable[str], candidates: list[Path] | None = None) -> Callable[[str], str]:
    """Register DejaVu (regular, bold) on ``pdf`` plus the fallback fonts ``texts`` need.

    Returns ``clean(text)``, which drops control characters and replaces every character no
    registered font has with U+FFFD. Pass every user-written text through it before drawing.
    """
    folder = bundled_font_dir()
    _add_whole_font(pdf, FAMILY, "", folder / "DejaVuSans.ttf")
    pdf.add_font(FAMILY, "B", folder / "DejaVuSans-Bold.ttf")  # the report's own headings only, never user text
    covered = set(font_characters(folder / "DejaVuSans.ttf"))
    missing = {ord(c) for text in texts for c in text if _printable(c)} - covered
    fallbacks = []
    for index, path in enumerate(fallback_candidates() if candidates is None else candidates):
        has = font_characters(path)
        if not missing & has:
            continue
        name = f"fallback{index}"
        _add_whole_font(pdf, name, "", path)
        fallbacks.append(name)
        covered |= has
        missing -= has
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)

    def clean(text: str) -> str:
        return "".join(c if c == "\n" or ord(c) in covered else REPLACEMENT for c in text if _printable(c))

    return clean

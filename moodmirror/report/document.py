"""The PDF layout of the therapist report (fpdf2), from content computed elsewhere.

Pages, in reading order for a clinician with two minutes:

1. Cover: the period, when the report was made, a summary in figures, how to read the report,
   and the statement that detected emotions are estimates from facial expressions, not a
   diagnosis.
2. At a glance: the emotion mix of the whole period and the observations about it.
3. Trends: one chart per week or month, each with its observations.
4. Check-ins: a table with local date and time, self-rated mood, dominant emotion and
   confidence, valence, the tone of the note's words and tags (the same table is attached as CSV).
5. Only when chosen: notes, reflection answers and thought records.

:func:`render_pdf` returns the PDF bytes (encrypted afterwards by
:mod:`moodmirror.report.pdf_encryption`); images are embedded from memory. This module imports
fpdf2 at the top: import it only when a report is made.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from fpdf import FPDF

from moodmirror.emotions import EMOTIONS
from moodmirror.insights.palette import THEMES, emotion_rgb
from moodmirror.insights.prompt_library import PromptLibrary
from moodmirror.records import MOOD_MAX, CheckIn, ThoughtRecord
from moodmirror.report.content import EmotionMix, ReportPeriod, TableRow
from moodmirror.report.fonts import FAMILY, setup_fonts
from moodmirror.report.trend_charts import ChartSection

TITLE = "MoodMirror mood report"
DISCLAIMER = (
    "Detected emotions are estimates made from facial expressions by an automatic model on the "
    "user's own device. They are not a diagnosis and can be wrong: expressions do not always show "
    "what a person feels, and lighting, camera angle and glasses affect the reading. The self-rated "
    "mood is the person's own judgement."
)
HOW_TO_READ = (
    "Mood: the person's own rating from 1 (very low) to 10 (very good), one per check-in.",
    (
        "Emotion and confidence: the emotion the camera read most, and how sure the model was (0-100%). "
        "'Inconclusive': too few usable camera frames. '–': no camera used."
    ),
    "Valence: how pleasant the detected expressions were overall, from -1 (unpleasant) to +1 (pleasant).",
    (
        "Words: the tone of the person's note, estimated on the device from its wording (VADER, an English "
        "word list), from -1 (negative) to +1 (positive); '–': no note. A rough reading, not a judgement."
    ),
    (
        "Charts: the solid line is the self-rated mood (left scale), the dashed line the detected valence "
        "and the dotted line the tone of the words (right scale); bars show the daily emotion mix and the "
        "number of check-ins."
    ),
    "The table of check-ins is attached to this PDF as a CSV file for your own analysis.",
)
THOUGHT_RECORD_LABELS = {
    "situation": "Situation",
    "automatic_thought": "Automatic thought",
    "emotions": "Emotions",
    "distortions": "Thinking traps",
    "evidence_for": "Evidence for",
    "evidence_against": "Evidence against",
    "balanced_thought": "Balanced thought",
    "rerated": "Emotions afterwards",
}
TABLE_COLUMNS = ("Date and time", "Mood", "Emotion (confidence)", "Valence", "Words", "Tags")
TABLE_WIDTHS = (42, 14, 42, 18, 16, 48)
TABLE_ALIGN = ("L", "C", "L", "R", "R", "L")
ROW_HEIGHT = 5.0
CELL_PADDING = 1.0
MARGIN = 15.0
CHART_WIDTH = 150.0
HEADING_SHADE = (225, 225, 225)
ROW_SHADE = (245, 245, 245)
_TEXT = THEMES["light"].rgb("text")
_MUTED = THEMES["light"].rgb("muted")


@dataclass(frozen=True)
class ReportContent:
    """Everything the PDF shows, already computed."""

    period: ReportPeriod
    made: datetime
    checkins: Sequence[CheckIn]
    rows: Sequence[TableRow]
    mix: EmotionMix
    observations: Sequence[str]
    charts: Sequence[ChartSection]
    include_notes: bool
    tz: tzinfo | None
    """The time zone of the table and the notes (None: the system's local zone)."""
    library: PromptLibrary | None
    """For the wording of prompts and thinking traps in the notes (None: ids are shown)."""


def _user_texts(content: ReportContent) -> list[str]:
    """Every text the user wrote or chose that may appear in the PDF."""
    texts = [t for row in content.rows for t in row.tags]
    if content.include_notes:
        for checkin in content.checkins:
            texts.append(checkin.note)
            texts.extend(a.text for a in checkin.answers)
            if checkin.thought_record is not None:
                texts.extend(_thought_record_lines(checkin.thought_record, content.library))
    return texts


def _intensities(values: dict[str, int]) -> str:
    return ", ".join(f"{name} {value}" for name, value in values.items())


def _thought_record_lines(record: ThoughtRecord, library: PromptLibrary | None) -> list[str]:
    """``Label: answer`` for each answered field of a thought record."""
    traps = library.distortions if library else {}
    values = {
        "situation": record.situation,
        "automatic_thought": record.automatic_thought,
        "emotions": _intensities(record.emotions),
        "distortions": ", ".join(traps[d].name if d in traps else d for d in record.distortions),
        "evidence_for": record.evidence_for,
        "evidence_against": record.evidence_against,
        "balanced_thought": record.balanced_thought,
        "rerated": _intensities(record.rerated),
    }
    return [f"{THOUGHT_RECORD_LABELS[key]}: {value}" for key, value in values.items() if value.strip()]


Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)``: told as a report is made (``total`` 1 for one-shot steps)."""


def no_progress(_step: str, _done: int, _total: int) -> None:
    """The default :data:`Progress`: tells no one."""


class _Document:
    """Draws one report on an A4 FPDF."""

    def __init__(self, content: ReportContent, progress: Progress = no_progress) -> None:
        self.content = content
        self.progress = progress
        self.pdf = ReportPDF(content.period.title())
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=MARGIN)
        self.clean: Callable[[str], str] = setup_fonts(self.pdf, _user_texts(content))
        self.pdf.set_text_color(*_TEXT)

    @property
    def width(self) -> float:
        return self.pdf.epw

    def heading(self, text: str, size: float = 14) -> None:
        self.pdf.set_font(FAMILY, "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def paragraph(self, text: str, size: float = 10, muted: bool = False) -> None:
        self.pdf.set_font(FAMILY, "", size)
        if muted:
            self.pdf.set_text_color(*_MUTED)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(*_TEXT)
        self.pdf.ln(1.5)

    def bullets(self, items: Sequence[str], size: float = 10) -> None:
        for item in items:
            self.paragraph(f"•  {item}", size)

    def cover(self) -> None:
        c = self.content
        self.pdf.add_page()
        self.heading(TITLE, 20)
        self.heading(f"Period: {c.period.title()}", 13)
        self.paragraph(f"Made on {c.made:%d %b %Y at %H:%M} ({_zone(c.made)}).", muted=True)
        days = len({r.when.date() for r in c.rows})
        moods = [r.mood for r in c.rows]
        summary = f"{_count(len(c.rows), 'check-in')} on {days} of the {_count(c.period.days, 'day')}."
        if moods:
            summary += (
                f" Self-rated mood: average {sum(moods) / len(moods):.1f}, lowest {min(moods)}, highest {max(moods)}."
            )
        summary += f" Camera readings: {c.mix.camera_checkins} conclusive, {c.mix.inconclusive} inconclusive."
        self.paragraph(summary)
        self.pdf.ln(3)
        self.heading("How to read this report", 12)
        self.bullets(HOW_TO_READ, 9.5)
        self.pdf.ln(3)
        self.heading("Please note", 12)
        self.paragraph(DISCLAIMER, 10)

    def glance(self) -> None:
        c = self.content
        self.pdf.add_page()
        self.heading("At a glance")
        self.heading("Emotion mix over the whole period", 12)
        if c.mix.empty:
            self.paragraph("No conclusive camera readings in this period.", muted=True)
        else:
            self.paragraph(
                f"Mean of the model's estimates over {c.mix.camera_checkins} camera check-ins, "
                "and how often each emotion was the dominant one.",
                9,
                muted=True,
            )
            self.mix_bar(c.mix)
            self.mix_legend(c.mix)
        self.pdf.ln(4)
        self.heading("Observations", 12)
        if c.observations:
            self.bullets([self.clean(o) for o in c.observations])
        else:
            self.paragraph("Not enough data in this period for observations about it as a whole.", muted=True)

    def mix_bar(self, mix: EmotionMix) -> None:
        x, y, height = self.pdf.l_margin, self.pdf.get_y(), 8.0
        total = sum(mix.shares.values()) or 1.0
        for emotion in EMOTIONS:
            width = self.width * mix.shares[emotion] / total
            if width > 0:
                self.pdf.set_fill_color(*emotion_rgb(emotion))
                self.pdf.rect(x, y, width, height, style="F")
                x += width
        self.pdf.set_y(y + height + 3)

    def mix_legend(self, mix: EmotionMix) -> None:
        self.pdf.set_font(FAMILY, "", 9.5)
        for emotion in sorted(EMOTIONS, key=lambda e: -mix.shares[e]):
            y = self.pdf.get_y()
            self.pdf.set_fill_color(*emotion_rgb(emotion))
            self.pdf.rect(self.pdf.l_margin, y + 1, 4, 4, style="F")
            self.pdf.set_x(self.pdf.l_margin + 7)
            self.pdf.cell(35, 6, emotion)
            self.pdf.cell(25, 6, f"{mix.shares[emotion]:.0%}", align="R")
            dominant = _count(mix.dominant_counts[emotion], "check-in")
            self.pdf.cell(0, 6, f"   dominant in {dominant}", new_x="LMARGIN", new_y="NEXT")

    def charts(self) -> None:
        from moodmirror.insights.charts import A4_SIZE_IN

        if not self.content.charts:
            return
        self.pdf.add_page()
        self.heading("Trends")
        height = CHART_WIDTH * A4_SIZE_IN[1] / A4_SIZE_IN[0]
        for section in self.content.charts:
            needed = height + 4 + 5 * len(section.observations)
            if self.pdf.get_y() + needed > self.pdf.h - self.pdf.b_margin:
                self.pdf.add_page()
            x = self.pdf.l_margin + (self.width - CHART_WIDTH) / 2
            self.pdf.image(io.BytesIO(section.png), x=x, w=CHART_WIDTH, h=height)
            self.bullets([self.clean(o) for o in section.observations], 9)
            self.pdf.ln(4)

    def table(self) -> None:
        """The check-in table, drawn with single-line cells (fast for a year of rows).

        Only the tags can be long; they wrap at commas onto extra lines of the same row. The
        heading row repeats at the top of every page.
        """
        self.pdf.add_page()
        self.heading("Check-ins")
        self.paragraph("Local times, oldest first.", 9, muted=True)
        self.table_heading()
        for index, row in enumerate(self.content.rows):
            tag_lines = self.wrap(self.clean(", ".join(row.tags)), TABLE_WIDTHS[-1] - 2 * CELL_PADDING)
            height = ROW_HEIGHT * max(1, len(tag_lines))
            if self.pdf.get_y() + height > self.pdf.page_break_trigger:
                self.pdf.add_page()
                self.table_heading()
            cells = (
                f"{row.when:%a %d %b %Y %H:%M}",
                str(row.mood),
                row.emotion_text(),
                row.valence_text(),
                row.tone_text(),
            )
            self.table_row(cells, tag_lines, height, shaded=index % 2 == 1)

    def table_heading(self) -> None:
        self.pdf.set_font(FAMILY, "B", 8.5)
        self.pdf.set_fill_color(*HEADING_SHADE)
        for text, width, align in zip(TABLE_COLUMNS, TABLE_WIDTHS, TABLE_ALIGN, strict=True):
            self.pdf.cell(width, ROW_HEIGHT + 1, text, border=1, align=align, fill=True)
        self.pdf.ln(ROW_HEIGHT + 1)
        self.pdf.set_font(FAMILY, "", 8.5)

    def table_row(self, cells: Sequence[str], tag_lines: Sequence[str], height: float, shaded: bool) -> None:
        self.pdf.set_fill_color(*(ROW_SHADE if shaded else (255, 255, 255)))
        x, y = self.pdf.l_margin, self.pdf.get_y()
        for text, width, align in zip(cells, TABLE_WIDTHS, TABLE_ALIGN, strict=False):
            self.pdf.cell(width, height, text, border=1, align=align, fill=True)
        tags_x = x + sum(TABLE_WIDTHS[:-1])
        self.pdf.rect(tags_x, y, TABLE_WIDTHS[-1], height, style="DF")
        for line_number, line in enumerate(tag_lines):
            self.pdf.set_xy(tags_x, y + line_number * ROW_HEIGHT)
            self.pdf.cell(TABLE_WIDTHS[-1], ROW_HEIGHT, line)
        self.pdf.set_xy(x, y + height)

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` split at ", " into lines no wider than ``width`` (a single long tag is cut)."""
        lines: list[str] = []
        for part in text.split(", ") if text else []:
            joined = f"{lines[-1]}, {part}" if lines else part
            if lines and self.pdf.get_string_width(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(self.fit(part, width))
        return lines

    def fit(self, text: str, width: float) -> str:
        """``text``, shortened with an ellipsis if it is wider than ``width``."""
        if self.pdf.get_string_width(text) <= width:
            return text
        while text and self.pdf.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def notes(self) -> None:
        written = [c for c in self.content.checkins if _has_writing(c)]
        self.pdf.add_page()
        self.heading("Notes and reflections")
        self.paragraph("Included because the person chose to share them.", 9, muted=True)
        if not written:
            self.paragraph("No notes or reflections in this period.", muted=True)
        for done, checkin in enumerate(written):
            self.progress("Writing the notes", done, len(written))
            self.pdf.set_font(FAMILY, "B", 10)
            when = checkin.created_at.astimezone(self.content.tz)
            self.pdf.multi_cell(
                0, 5, f"{when:%a %d %b %Y %H:%M} · mood {checkin.mood}/{MOOD_MAX}", new_x="LMARGIN", new_y="NEXT"
            )
            if checkin.note.strip():
                self.paragraph(self.clean(checkin.note), 9.5)
            for answer in checkin.answers:
                question = self._prompt_text(answer.prompt_id)
                if question:
                    self.paragraph(question, 9, muted=True)
                self.paragraph(self.clean(answer.text), 9.5)
            if checkin.thought_record is not None:
                self.paragraph("Thought record", 9, muted=True)
                for line in _thought_record_lines(checkin.thought_record, self.content.library):
                    self.paragraph(self.clean(line), 9.5)
            self.pdf.ln(2)

    def _prompt_text(self, prompt_id: str) -> str | None:
        library = self.content.library
        found = [p.text for p in library.prompts if p.id == prompt_id] if library else []
        return found[0] if found else None


class ReportPDF(FPDF):
    """A4 portrait with a footer naming the report, the period and the page."""

    def __init__(self, period_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.period_title = period_title

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, f"{TITLE} · {self.period_title} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(*_TEXT)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _has_writing(checkin: CheckIn) -> bool:
    return bool(checkin.note.strip() or checkin.answers or checkin.thought_record)


def _zone(moment: datetime) -> str:
    offset = moment.strftime("%z")
    name = moment.tzname() or ""
    utc = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{name}, {utc}" if name and not name.startswith(("UTC", "+", "-")) else utc


def render_pdf(content: ReportContent, attachment: tuple[str, bytes], progress: Progress = no_progress) -> bytes:
    """The report as (unencrypted) PDF bytes, with ``attachment`` (file name, bytes) embedded as CSV."""
    document = _Document(content, progress)
    pdf = document.pdf
    pdf.set_title(TITLE)
    pdf.set_creator("MoodMirror")
    progress("Laying out the pages", 0, 1)
    document.cover()
    document.glance()
    document.charts()
    document.table()
    if content.include_notes:
        document.notes()
    name, data = attachment
    progress("Embedding the fonts", 0, 1)
    # uncompressed: its stored length is the padded size, saying nothing about the content
    pdf.embed_file(bytes=data, basename=name, desc="The table of check-ins", mime_type="text/csv", compress=False)
    return bytes(pdf.output())

"""Benchmark: a one-year therapist report (target < 5 s) and a one-year backup and restore.

Run: ``python tests/benchmarks/bench_report.py``. Prints seconds for each step; the report
figures include everything from check-ins to encrypted bytes (charts, table, CSV, AES-256).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fast_kdf import FAST_TEST_KDF
from report_samples import sample_checkins

from moodmirror.backup.archive import read_backup, restore_backup, write_backup
from moodmirror.report.content import ReportOptions, ReportPeriod
from moodmirror.report.export import build_report
from moodmirror.storage.crypto import DEFAULT_KDF_COST
from moodmirror.storage.vault import Vault

TARGET_S = 5.0
PASSWORD = "benchmark password"
YEAR = ReportPeriod(date(2026, 1, 1), date(2026, 12, 31))


def timed(label: str, run: object) -> float:
    start = time.perf_counter()
    result = run()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    size = f", {len(result) / 1e6:.2f} MB" if isinstance(result, bytes) else ""
    print(f"{label:<46} {seconds:6.2f} s{size}")
    return seconds


def main() -> int:
    checkins = sample_checkins(365, start=datetime(2026, 1, 1, 8, tzinfo=UTC))
    options = ReportOptions(tz=UTC)
    with_notes = ReportOptions(tz=UTC, include_notes=True)
    timed("warm-up (imports, fonts): one-week report", lambda: build_report(checkins[:7], YEAR, options, PASSWORD))
    year = timed("one-year report, 365 check-ins", lambda: build_report(checkins, YEAR, options, PASSWORD))
    timed("one-year report with notes", lambda: build_report(checkins, YEAR, with_notes, PASSWORD))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Vault.create(root / "journal", PASSWORD, FAST_TEST_KDF) as vault:
            for checkin in checkins:
                vault.add_checkin(checkin)
            backup = root / "year.mmbackup"
            timed(
                "backup of 365 check-ins (Argon2id default cost)",
                lambda: write_backup(vault, backup, PASSWORD, uses_vault_passphrase=True, kdf=DEFAULT_KDF_COST),
            )
        print(f"{'backup file size':<46} {backup.stat().st_size / 1e3:6.1f} kB")
        contents = read_backup(backup, PASSWORD)
        timed("read backup (Argon2id default cost)", lambda: read_backup(backup, PASSWORD))
        timed("restore 365 check-ins into a new vault", lambda: restore_backup(contents, root / "new", PASSWORD))
    verdict = "OK" if year < TARGET_S else "TOO SLOW"
    print(f"one-year report target < {TARGET_S:.0f} s: {verdict}")
    return 0 if year < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())

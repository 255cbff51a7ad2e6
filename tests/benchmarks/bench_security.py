"""Benchmark: what one passphrase guess costs an attacker who holds a copy of the journal.

Run ``python tests/benchmarks/bench_security.py``. It prints the KDF and cipher parameters
as the code really has them, then times one guess (wall clock and CPU) against the vault
(the Argon2id derivation alone, and a whole ``Vault.open`` with a wrong passphrase), against
a backup file, and against a password-protected therapist report (PDF revision 6, whose key
derivation is fixed by the PDF standard and far cheaper). Target: a vault guess >= 0.25 s of
CPU. From the guess cost it estimates how long one core needs, on average, for a few kinds
of passphrase.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from moodmirror.backup.format import open_backup, seal_backup
from moodmirror.errors import BackupWrongPassword, WrongPassphrase
from moodmirror.report.pdf_encryption import PDF_ALGORITHM, encrypt_pdf
from moodmirror.storage.crypto import (
    DEFAULT_KDF_COST,
    KEY_BYTES,
    NONCE_BYTES,
    OWASP_MINIMUM_KDF,
    PAD_BLOCK,
    SALT_BYTES,
    KdfParams,
    derive_key,
)
from moodmirror.storage.vault import Vault

PASSPHRASE = "benchmark passphrase 1"
WRONG = "benchmark passphrase 2"
TARGET_S = 0.25
RUNS = 5
SECONDS_PER_YEAR = 365.25 * 24 * 3600
SEARCH_SPACES = {
    "top 10,000 common passwords": 10_000,
    "8 random lowercase letters and digits": 36**8,
    "4 random Diceware words": 7776**4,
    "6 random Diceware words": 7776**6,
}


def timed(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of one call of ``action`` (a refused guess is expected).

    CPU time is what a guess costs a core of its own; wall time also counts waiting for a
    core on a busy machine.
    """
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            action()
        except (WrongPassphrase, BackupWrongPassword):
            pass
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def describe(seconds: float) -> str:
    for unit, size in (("years", SECONDS_PER_YEAR), ("days", 86400.0), ("hours", 3600.0), ("minutes", 60.0)):
        if seconds >= size:
            return f"{seconds / size:,.3g} {unit}"
    return f"{seconds:.3g} s"


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_guess(encrypted: bytes) -> Callable[[], object]:
    from pypdf import PdfReader

    return lambda: PdfReader(io.BytesIO(encrypted)).decrypt(WRONG)


def main() -> None:
    cost = DEFAULT_KDF_COST
    print("Vault key derivation: Argon2id (RFC 9106) via the cryptography package")
    print(f"  memory {cost.memory_kib} KiB ({cost.memory_kib // 1024} MiB), {cost.iterations} passes, "
          f"{cost.lanes} lane(s), {SALT_BYTES}-byte random salt, {KEY_BYTES * 8}-bit key")  # fmt: skip
    print(f"  OWASP minimum: {OWASP_MINIMUM_KDF.memory_kib // 1024} MiB, {OWASP_MINIMUM_KDF.iterations} passes "
          f"-> {'met' if cost.meets(OWASP_MINIMUM_KDF) else 'NOT MET'}")  # fmt: skip
    print(f"Records and wrapped key: AES-256-GCM, {NONCE_BYTES * 8}-bit random nonce, 128-bit tag, "
          f"record id/kind/format bound as associated data, plaintext padded to {PAD_BLOCK}-byte blocks")  # fmt: skip
    print(f"Report: PDF standard security {PDF_ALGORITHM} (revision 6); backups: the vault's Argon2id + AES-256-GCM")
    print()

    params = KdfParams.fresh(cost)
    kdf = timed(lambda: derive_key(WRONG, params))
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "journal"
        Vault.create(data, PASSPHRASE).close()
        unlock = timed(lambda: Vault.open(data, WRONG))
    sealed = seal_backup(b"{}", PASSPHRASE, cost)
    backup = timed(lambda: open_backup(sealed, WRONG))
    report = timed(pdf_guess(encrypt_pdf(blank_pdf(), PASSPHRASE)), runs=50)

    guess = kdf[1]
    print(f"{'one guess (median of runs)':<34}{'wall':>10}{'CPU':>10}")
    for name, (wall, cpu) in {
        "vault, Argon2id alone": kdf,
        "vault, whole Vault.open": unlock,
        "backup file": backup,
        "therapist report (PDF)": report,
    }.items():
        print(f"{name:<34}{wall:>9.4f}s{cpu:>9.4f}s")
    print(f"vault guess (CPU) >= {TARGET_S} s: {'ok' if guess >= TARGET_S else 'BELOW TARGET'}; "
          f"a report guess is {guess / report[1]:,.0f}x cheaper")  # fmt: skip
    print()
    print("Average CPU time for one core to find the passphrase (half the search space):")
    for name, size in SEARCH_SPACES.items():
        print(f"  {name:<40} vault {describe(size / 2 * guess):>16}   report {describe(size / 2 * report[1]):>16}")


if __name__ == "__main__":
    main()

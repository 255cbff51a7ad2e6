"""The cheap key-derivation cost the tests and benchmarks use, so a vault opens in milliseconds.

Deliberately weak (1 MiB, 1 pass): it lives here, beside the tests, so that no installed
MoodMirror can ever create a vault with it. Tests pass it explicitly to ``Vault.create`` and
the backup functions.
"""

from __future__ import annotations

from moodmirror.storage.crypto import KdfCost

FAST_TEST_KDF = KdfCost(memory_kib=1024, iterations=1, lanes=1)

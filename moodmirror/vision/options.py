"""Light constants shared by the vision modules, the CLI and the UI (importing this costs nothing).

The allowed length of a camera check-in, how a frame source is named on the command line, and
the confidence gate: a frame counts towards the check-in's summary when the emotion model's top
(calibrated) probability reaches ``CONFIDENCE_THRESHOLD``. It was chosen from the coverage table
of the shipped model on FER2013Valid (``tests/benchmarks/bench_robustness.py``, also in
``models/MODEL_CARD.md``): at 0.55 the gate keeps 92.5 % of the clean faces, read right 89.5 % of
the time (86.7 % for all), and 90.2 % of the faces under the benchmark's webcam degradations, read
right 87.9 % of the time (83.9 % for all); 0.40 kept 99.5 % and removed almost no error, 0.70
keeps only about 80 %, which makes short check-ins inconclusive more often.
"""

from __future__ import annotations

MIN_SECONDS = 5
MAX_SECONDS = 60
DEFAULT_SECONDS = 15
SPEC_HELP = "camera:INDEX, video:PATH, images:DIR or demo"
CONFIDENCE_THRESHOLD = 0.55

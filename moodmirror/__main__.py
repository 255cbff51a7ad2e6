"""``python -m moodmirror``: the same as the ``moodmirror`` command."""

import sys

from moodmirror.cli.main import main

sys.exit(main())

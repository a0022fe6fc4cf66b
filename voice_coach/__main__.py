"""Run the command line: ``python -m voice_coach``."""

import sys

from voice_coach.cli import main

sys.exit(main())

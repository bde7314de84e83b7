"""``python -m annodesk.sandbox``."""

import sys

from .cli import main

sys.exit(main())

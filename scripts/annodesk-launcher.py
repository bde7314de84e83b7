"""PyInstaller's entry script: the same ``main()`` as the ``annodesk`` command."""

import sys

from annodesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

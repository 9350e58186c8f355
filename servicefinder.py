"""``python -m servicefinder``: the command line, where no ``servicefinder`` script is on
the PATH (a virtual environment not activated, Windows without its Scripts folder)."""

from __future__ import annotations

import sys

from generator.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""PyInstaller entry point of the standalone ``ml-canvas`` executable.

Kept outside ``src/canvas`` so the frozen program runs exactly the console command's
``canvas.cli.main`` (GUI by default, subcommands otherwise) and exits with its code.

With no locale in the environment at all (``env -i``, some service managers) Qt prints a
four-line warning and switches to C.UTF-8 by itself; we choose C.UTF-8 first, quietly.
A locale the user did set is never touched.
"""

import os
import sys

if not any(os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
    os.environ["LC_CTYPE"] = "C.UTF-8"

from canvas.cli import main  # after the locale fix, before Qt is imported

if __name__ == "__main__":
    sys.exit(main())

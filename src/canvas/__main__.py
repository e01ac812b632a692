"""``python -m canvas`` runs the ml-canvas command."""

from canvas.cli import main

raise SystemExit(main())

"""``python -m bot`` is the same as the ``viva`` command."""

from bot.cli import main

raise SystemExit(main())

"""``python -m selfaudit.app``: the same as the ``selfaudit`` console script."""

import sys

from selfaudit.app.cli import main

sys.exit(main())

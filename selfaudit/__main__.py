"""``python -m selfaudit``: the same as the ``selfaudit`` console script."""

import sys

from selfaudit.cli import main

sys.exit(main())

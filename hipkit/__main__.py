"""Allow ``python -m hipkit …``; see :mod:`hipkit.cli`."""

import sys

from hipkit.cli import main

sys.exit(main())

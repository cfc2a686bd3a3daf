"""``python -m eventcoder.cli``: the ``eventcoder`` command."""

from . import main

main()

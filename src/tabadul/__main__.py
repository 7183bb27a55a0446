"""``python -m tabadul``: the same as the ``tabadul`` command."""

from tabadul.cli import main

main()

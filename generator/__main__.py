"""`python -m generator` runs the `kehoach` command."""

from .cli import main

main()

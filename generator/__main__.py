"""`python -m generator` runs the `kehoach` command."""

from .cli.main import main

main()

"""`python -m pomkit`."""

from pomkit.cli import main

main()

"""`python -m lihua` runs the CLI."""

from lihua.cli import main

main()

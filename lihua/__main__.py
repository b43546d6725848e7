"""`python -m lihua` runs the CLI, exactly as the `lihua` command does."""

from lihua.entry import main

main()

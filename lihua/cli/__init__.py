"""The command line: one module per command, `common` for what they share, `app` wiring them into `lihua`."""

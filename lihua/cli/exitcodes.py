"""Exit codes, one meaning each, shared by every command (documented in `lihua --help`)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    THRESHOLD = 1  # done, but a limit the user set (--max-errors, --fail-under) was not met
    USAGE = 2  # bad usage or unreadable input
    CLOSED_PIPE = 141  # the reader of stdout stopped early (`| head`): 128 + SIGPIPE, as a shell reports for `yes | head`

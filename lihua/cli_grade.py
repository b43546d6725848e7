"""`lihua grade` (placeholder while the foundation lands)."""


def grade_command() -> None:
    """Grade a letter."""

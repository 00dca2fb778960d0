"""The one fatal exception type: raised when morctl cannot continue, handled once at the top."""

from __future__ import annotations


class MorctlError(Exception):
    """A problem that stops the command: unreadable input, unwritable output, bad usage."""

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code


class UsageError(MorctlError):
    """Options that do not make sense together; exit code 2."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint, exit_code=2)

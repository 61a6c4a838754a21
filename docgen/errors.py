"""User-facing errors: each carries its exit code and Chinese messages that name file and line.

Only ``cli.py`` prints them or exits; everything else raises.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_AUDIT_ERRORS = 1
EXIT_UNREADABLE = 2
EXIT_USAGE = 3


@dataclass(frozen=True)
class Where:
    """A place in a source file: the file as the user named it, and a 1-based line (0: the whole file)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    """One reason an input cannot be read, with where it is and what to write instead."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DocgenError(Exception):
    """Base of every error docgen reports to a user instead of a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return self.message


class InputError(DocgenError):
    """An input file that cannot be read; holds every problem found in it, not only the first."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.where.file, p.where.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        # Rebuilt from its problems, not its message, when it crosses to another process.
        return (InputError, (self.problems,))


class OutputError(DocgenError):
    """A file docgen cannot write: a folder that cannot be made, no permission, a full disk."""

    exit_code = EXIT_UNREADABLE


class UsageError(DocgenError):
    """A command used wrongly: a path that does not exist, an unknown option value."""

    exit_code = EXIT_USAGE

"""User-facing errors: each carries its exit code and Chinese messages that name file and line.

Every error docgen reports is a ``DocgenError`` defined here; only ``cli.py`` prints them or exits,
everything else raises them or, in a batch, carries them as values (they cross process boundaries
intact, context included).
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_AUDIT_ERRORS = 1  # the audit found errors (check; render --strict; import: cells left out)
EXIT_UNREADABLE = 2  # a file could not be read, or a document could not be made
EXIT_USAGE = 3  # a command used wrongly, or a system component missing
EXIT_INTERNAL = 4  # a bug of docgen's
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


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
        self.context = ""

    def format_message(self) -> str:
        return f"{self.context}{self.message}"

    def within(self, context: str) -> DocgenError:
        """The same error, its message led by where it happened (``"PDF: "``, ``"a.yaml:3: "``)."""
        self.context = f"{context}{self.context}"
        return self


class InputError(DocgenError):
    """An input file that cannot be read; holds every problem found in it, not only the first."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.where.file, p.where.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]], dict[str, object]]:
        # Rebuilt from its problems, not its message, when it crosses to another process.
        return (InputError, (self.problems,), {"context": self.context})


class OutputError(DocgenError):
    """A file docgen cannot write: a folder that cannot be made, no permission, a full disk."""

    exit_code = EXIT_UNREADABLE


class UsageError(DocgenError):
    """A command used wrongly: a path that does not exist, an unknown option value."""

    exit_code = EXIT_USAGE


class ProfileError(UsageError):
    """A profile that cannot be used: unknown name, a cycle in ``extends``, a file outside its folder."""


class TemplateError(DocgenError):
    """A template that cannot be loaded or rendered: names the template file and line."""

    exit_code = EXIT_UNREADABLE


class FontError(DocgenError):
    """The PDF cannot be made without empty boxes: a font is missing, or lacks some characters."""

    exit_code = EXIT_UNREADABLE


class InternalError(DocgenError):
    """A bug of docgen's, or a worker process that died, met while making one file's documents: that
    file fails (exit code 2, as any file that could not be made) and the others are still made. A bug
    outside any one file's work ends the command with ``EXIT_INTERNAL``."""

    exit_code = EXIT_UNREADABLE


class Interrupted(DocgenError):
    """Ctrl-C: the work stopped; ``done`` holds what was finished before it (the run's partial result)."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, done: object = None) -> None:
        super().__init__("已中断。")
        self.done = done

"""Problems found in content: data with a position, formatted once for people."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""What a report line shows escaped: line breaks and other controls would split or overwrite it,
bidirectional overrides would make it read differently, surrogates cannot be printed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    key: str
    message: str

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return one_line(f"{self.path}:{self.line}:{self.column}:{key} {self.message}")


class ContentError(Exception):
    """Raised when content has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        return ContentError, (self.problems,)  # raised in a worker process, reported here


def format_problems(problems: list[Problem]) -> str:
    """Return one line per problem, sorted by file and position."""
    return "\n".join(str(problem) for problem in sorted(problems))


def format_key(loc: tuple[str | int, ...]) -> str:
    """Return a key path such as `offers[2].name` for a location tuple."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def one_line(text: str) -> str:
    """Return `text` with line breaks and other control characters written as escapes."""
    return CONTROL_CHARACTERS.sub(lambda match: repr(match.group())[1:-1], text)

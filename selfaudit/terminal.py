"""The Rich consoles of the CLI, made in one place so every command prints safely.

Two rules hold for everything the CLI prints:

* Values from data (account names, post text, paths) are never read as Rich
  markup or emoji codes, and never reach the terminal as control characters:
  the consoles have markup, emoji and highlighting off and show control
  characters as visible escapes. Styled words are built with :func:`styled`.
* Output that is not a terminal (a pipe, a file, CI, a test) is never
  hard-wrapped, whatever ``COLUMNS`` says: a printed path stays on one line
  where a person or a script can copy it. On a terminal, long lines are left
  to the terminal to wrap (soft wrap), which keeps them copyable too.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, ConsoleDimensions
from rich.text import Text

__all__ = ["NO_WRAP_WIDTH", "make_console", "printable", "styled"]

NO_WRAP_WIDTH = 100_000
"""The width given to Rich when the output is not a terminal: wide enough that nothing wraps."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """``value`` as text with control characters (ESC, BEL, NUL, CR, ...) shown as ``\\xNN``.

    Newlines and tabs are kept; everything else that could move the cursor,
    change colours or ring the bell is made visible instead.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def styled(*parts: str | tuple[str, str]) -> Text:
    """One line made of plain parts and ``(text, style)`` parts; no part is ever read as markup."""
    return Text.assemble(*[(printable(p[0]), p[1]) if isinstance(p, tuple) else printable(p) for p in parts])


class _SafeConsole(Console):
    """A console that never interprets data and never wraps output that is not a terminal."""

    @property
    def size(self) -> ConsoleDimensions:
        """The terminal's size; a width nothing reaches when the output is not a terminal."""
        dimensions = Console.size.fget(self)  # type: ignore[attr-defined]
        if self.is_terminal:
            return dimensions
        return ConsoleDimensions(NO_WRAP_WIDTH, dimensions.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    def render_str(self, text: str, **kwargs: Any) -> Text:
        """Render ``text`` as plain text (markup and emoji off) with control characters made visible."""
        kwargs.update(markup=False, emoji=False)
        return super().render_str(printable(text), **kwargs)


def make_console(*, stderr: bool = False) -> Console:
    """The console the CLI prints with (to standard error with ``stderr``).

    Args:
        stderr: Print to standard error instead of standard output.

    Returns:
        A console with markup, emoji and highlighting off, soft wrap on, and no
        width limit when the output is not a terminal.
    """
    return _SafeConsole(stderr=stderr, soft_wrap=True, markup=False, emoji=False, highlight=False)

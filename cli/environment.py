"""What the commands know of the process they run in (after httpie's `Environment`): the standard
streams, whether each is a terminal, and the environment variables cooptool reads. Commands ask
`env` instead of reading `sys.stdout.isatty()` or `os.environ` here and there, and a test can swap
it for an `Environment` of its own.

Streams are looked up when asked for, not when the object is made: a test runner (Click's
CliRunner) replaces `sys.stdout` around each command it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

STORE_ENV = "COOPTOOL_STORE"
MODEL_ENV = "COOPTOOL_MODEL"
ALIASES_ENV = "COOPTOOL_ALIASES"
SCHEDULER_ENV = "COOPTOOL_DASK_SCHEDULER"
NO_COLOR_ENV = "NO_COLOR"


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # a closed stream, or one without isatty
        return False


class Environment:
    """Streams and environment variables; each one given here replaces the process's own."""

    def __init__(self, *, stdin: IO | None = None, stdout: IO | None = None, stderr: IO | None = None,
                 environ: Mapping[str, str] | None = None):
        self._stdin, self._stdout, self._stderr, self._environ = stdin, stdout, stderr, environ

    # ---- streams --------------------------------------------------------------------------------

    @property
    def stdin(self) -> IO:
        return self._stdin if self._stdin is not None else sys.stdin

    @property
    def stdout(self) -> IO:
        return self._stdout if self._stdout is not None else sys.stdout

    @property
    def stderr(self) -> IO:
        return self._stderr if self._stderr is not None else sys.stderr

    @property
    def stdin_bytes(self) -> IO[bytes]:
        """stdin's binary stream (records and documents are read as bytes)."""
        return getattr(self.stdin, "buffer", self.stdin)

    @property
    def stdout_bytes(self) -> IO[bytes]:
        """stdout's binary stream (records are written as bytes)."""
        return getattr(self.stdout, "buffer", self.stdout)

    @property
    def stdin_isatty(self) -> bool:
        return _isatty(self.stdin)

    @property
    def stdout_isatty(self) -> bool:
        return _isatty(self.stdout)

    @property
    def stderr_isatty(self) -> bool:
        return _isatty(self.stderr)

    # ---- environment variables --------------------------------------------------------------------

    @property
    def environ(self) -> Mapping[str, str]:
        return self._environ if self._environ is not None else os.environ

    def get(self, name: str, default: str | None = None) -> str | None:
        """An environment variable; an empty one counts as unset."""
        return self.environ.get(name) or default

    @property
    def store(self) -> Path | None:
        """$COOPTOOL_STORE: the store of every command that has no --store."""
        value = self.get(STORE_ENV)
        return Path(value) if value else None

    @property
    def model(self) -> str | None:
        """$COOPTOOL_MODEL: the spaCy pipeline of extract and show."""
        return self.get(MODEL_ENV)

    @property
    def no_color(self) -> bool:
        """$NO_COLOR set to anything but empty (no-color.org): no colour in messages and tables."""
        return bool(self.get(NO_COLOR_ENV))


env = Environment()

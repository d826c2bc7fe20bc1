"""The `cooptool` command. Commands are thin: they parse options, call the library, render.

Each command lives in its own module under cli/ and registers itself on `app`; they are
imported at the bottom of this file. Exit status (as grep): 0 ok, 1 runtime error or
nothing matched, 2 usage error.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Annotated

import typer

from cooptool import __version__
from cooptool.cli.common import ExitStatus
from cooptool.cli.render import err

app = typer.Typer(
    name="cooptool",
    help="Turn news articles into a queryable JSON Lines fact base: who is who, who said what, "
    "which numbers and which events.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cooptool {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """cooptool: news articles in, facts out."""


# ---- entry point ------------------------------------------------------------------------------

def main() -> None:
    """Console entry point: quiet on broken pipes (`| head`), exit codes as documented."""
    if hasattr(signal, "SIGPIPE"):
        # Like grep and cat: a reader that goes away (`| head`) ends us silently (status 141 in a
        # shell), rather than a traceback or a misleading exit 1.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitStatus.OK))
    except KeyboardInterrupt:
        err.print("cooptool: interrupted", markup=False)
        sys.exit(130)


# Command modules register themselves on `app` when imported; this order is the help's order.
COMMAND_MODULES = ("extract", "who", "said", "entities", "facts", "events", "summary", "check", "show", "graph", "export")
for _module in COMMAND_MODULES:
    importlib.import_module(f"cooptool.cli.{_module}")

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
import typer.core

from cooptool import __version__
from cooptool.cli.common import ExitStatus
from cooptool.cli.render import err

# Typer escapes "[" for Rich in every option's "[env var: ...]" / "[default: ...]" when Rich is
# installed, even with Rich help off, so plain help showed "\\[default: 1]". Help is plain click.
typer.core.HAS_RICH = False
# Click 8.5 gave arguments a `help` of their own and resets it to None, so Typer 0.20's argument help
# ("PATH: files or directories ...") never showed; keep the help Typer was given.
_argument_init = typer.core.TyperArgument.__init__


def _keep_argument_help(self, *args, help=None, **kwargs):  # noqa: A002 (click's parameter name)
    _argument_init(self, *args, help=help, **kwargs)
    self.help = help


typer.core.TyperArgument.__init__ = _keep_argument_help
# ... and click 8.5 lists them again under "Positional arguments": Typer's "Arguments" is enough.
typer.core.TyperCommand.format_arguments = lambda self, ctx, formatter: None

app = typer.Typer(
    name="cooptool",
    help="Turn news articles into a queryable JSON Lines fact base: who is who, who said what, "
    "which numbers and which events.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    suggest_commands=False,  # click suggests already ("Did you mean 'who'?" once)
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
    except SystemExit as exc:
        if exc.code == 130:  # Typer turns Ctrl-C into a silent exit 130
            err.print("cooptool: interrupted", markup=False)
        raise
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitStatus.OK))
    except KeyboardInterrupt:
        err.print("cooptool: interrupted", markup=False)
        sys.exit(130)


# Command modules register themselves on `app` when imported; this order is the help's order.
COMMAND_MODULES = ("extract", "who", "said", "entities", "facts", "events", "search", "profiles", "summary", "check",
                   "show", "graph", "export")
for _module in COMMAND_MODULES:
    importlib.import_module(f"cooptool.cli.{_module}")

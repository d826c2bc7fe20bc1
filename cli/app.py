"""The `cooptool` command. Commands are thin: they parse options, call the library, render.

Each command lives in its own module under cli/ and registers itself on `app`. `COMMANDS` says
which module holds which command; a module is imported only when its command runs (or when
the help lists them all), so `cooptool who` does not pay for the other commands' imports.
Exit status (as grep): 0 ok, 1 runtime error or nothing matched, 2 usage error.
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

# Command -> the module under cli/ that registers it, in the help's order. A test keeps this equal
# to what the modules register.
COMMANDS = {"extract": "extract", "who": "who", "docs": "who", "said": "said", "entities": "entities",
            "facts": "facts", "events": "events", "search": "search", "person": "profiles", "org": "profiles",
            "summary": "summary", "check": "check", "show": "show", "graph": "graph", "export": "export"}


class LazyCommands(typer.core.TyperGroup):
    """The command group, importing a command's module when the command is first looked up."""

    def list_commands(self, ctx) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx, cmd_name: str):
        if cmd_name not in self.commands:
            # An unknown name loads every command, so that click can suggest the nearest one.
            self.load([COMMANDS[cmd_name]] if cmd_name in COMMANDS else COMMANDS.values())
        return self.commands.get(cmd_name)

    def load(self, modules) -> None:
        for module in dict.fromkeys(modules):
            importlib.import_module(f"cooptool.cli.{module}")
        for info in app.registered_commands:
            name = info.name or typer.main.get_command_name(info.callback.__name__)
            if name not in self.commands:
                self.add_command(typer.main.get_command_from_info(
                    info, pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode), name)


app = typer.Typer(
    name="cooptool",
    cls=LazyCommands,
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
        raise typer.Exit(int(ExitStatus.OK))


@app.callback()
def root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """cooptool: news articles in, facts out."""


# ---- entry point ------------------------------------------------------------------------------

def _guard_standard_streams() -> None:
    """A closed stdin/stdout/stderr (`cooptool said >&-`) gets /dev/null on its descriptor, so no
    file this process opens (a store!) can become fd 1 and receive output; writing to a closed
    stdout is then a write error, as in coreutils."""
    import io

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            if os.open(os.devnull, os.O_RDWR) != fd:  # the lowest free descriptor: this one
                continue
            if fd == 1:
                sys.stdout = io.TextIOWrapper(_ClosedStream(), write_through=True)
            elif fd == 2:
                sys.stderr = open(fd, "w", closefd=False)  # noqa: SIM115 - messages have nowhere to go


class _ClosedStream:
    """The stdout of a process started with it closed: every write fails with EBADF."""

    closed = False

    def __getattr__(self, name):
        import io

        return getattr(io.RawIOBase, name)

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1

    def write(self, data) -> int:
        import errno

        if not len(data):
            return 0
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass


def _write_error(exc: OSError) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's final flush must not fail again
    except (OSError, ValueError, AttributeError):
        pass
    if isinstance(sys.stdout, __import__("io").TextIOWrapper):
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - drop what is still buffered
        except OSError:
            pass
    if exc.filename:  # not stdout: a file that failed outside the commands' own handling
        err.print(f"cooptool: {exc.filename}: {exc.strerror or exc}", markup=False)
    else:
        err.print(f"cooptool: write error: {exc.strerror or exc}", markup=False)


def main() -> None:
    """Console entry point: quiet on broken pipes (`| head`), exit codes as documented, one
    "write error" line (exit 1) when stdout is full or closed, and never a traceback."""
    if hasattr(signal, "SIGPIPE"):
        # Like grep and cat: a reader that goes away (`| head`) ends us silently (status 141 in a
        # shell), rather than a traceback or a misleading exit 1.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _guard_standard_streams()
    code = 0
    try:
        try:
            app()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()  # data still buffered must reach its reader: a failure here is a write error
        if code == ExitStatus.INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130
            err.print("cooptool: interrupted", markup=False)
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitStatus.OK))
    except KeyboardInterrupt:
        err.print("cooptool: interrupted", markup=False)
        sys.exit(int(ExitStatus.INTERRUPTED))
    except OSError as exc:
        _write_error(exc)
        sys.exit(int(ExitStatus.ERROR))
    sys.exit(code)



"""What the commands share: exit statuses, options, reading records from a store or stdin."""

from __future__ import annotations

import enum
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.environment import env
from cooptool.cli.render import Format, err


class ExitStatus(enum.IntEnum):
    """Every exit status of the CLI (as grep, plus the shell's Ctrl-C status)."""

    OK = 0
    ERROR = 1  # a runtime error, or an input that could not be read
    NOTHING = 1  # nothing matched (an alias of ERROR: the status is the same)
    USAGE = 2
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


def fail(message: str, status: ExitStatus = ExitStatus.ERROR) -> typer.Exit:
    err.print(f"cooptool: {message}", markup=False)
    return typer.Exit(int(status))


StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", envvar="COOPTOOL_STORE", dir_okay=False, show_envvar=True,
    help="The JSON Lines store; '-' reads records from stdin. Default: ./cooptool.jsonl if it exists, "
    "else records piped or redirected on stdin.")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format; default: table on a terminal, jsonl when piped.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail on a damaged store line instead of skipping it.")]


MAX_REPORTED_BAD_LINES = 20


def stdin_is_piped() -> bool:
    """Whether stdin brings data: a pipe or a redirected file, not a terminal and not a device
    such as /dev/null (a shell loop's or a cron job's stdin is not a store)."""
    try:
        fd = env.stdin.fileno()
    except (AttributeError, ValueError, OSError):
        # In-process stdin (a test runner's buffer): data, unless it is a terminal.
        return env.stdin is not None and not env.stdin_isatty
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def store_source(store: Path | None) -> Path | None:
    """Where the records come from; None means stdin.

    The rule: `--store -` is stdin; `--store FILE` (or $COOPTOOL_STORE) is that file; else
    ./cooptool.jsonl when it exists; else stdin when it is a pipe or a redirected file; else
    ./cooptool.jsonl (which the caller reports missing). So a store in the current folder always
    wins over stdin, and `while read x; do cooptool who --org "$x"; done` never eats its input.
    """
    from cooptool.extract.store import default_store_path

    if store is not None:
        return None if str(store) == "-" else store
    path = default_store_path()
    if path.exists() or not stdin_is_piped():
        return path
    return None


def _input_line_problem(first: bytes, name: str) -> str | None:
    """A message when the first line of a store is a document to extract, not a record."""
    if b'"text"' not in first or b'"type"' in first:
        return None
    import orjson

    try:
        rec = orjson.loads(first)
    except orjson.JSONDecodeError:
        return None
    if isinstance(rec, dict) and "type" not in rec and isinstance(rec.get("text"), str):
        target = name if name != "<stdin>" else "-"
        return (f"{name} looks like a file of input documents (JSON Lines with \"text\"), not a store; "
                f"extract it first: cooptool extract {target} --store STORE")
    return None


def input_file_problem(path: Path) -> str | None:
    """A message when `path` is a JSON Lines file of input documents rather than a store."""
    try:
        with open(path, "rb") as fh:
            first = b""
            for first in fh:
                if first.strip():
                    break
    except OSError:
        return None
    return _input_line_problem(first, str(path))


def stdin_input_problem(stream) -> str | None:
    """The same for piped records, from the bytes already buffered (nothing is consumed)."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return None
    try:
        head = peek(1 << 16)
    except (OSError, ValueError):
        return None
    return _input_line_problem(head.lstrip().split(b"\n", 1)[0], "<stdin>")


def open_records(store: Path | None, types: tuple[str, ...], strict: bool = False,
                 line_filter: Callable[[bytes], bool] | None = None,
                 parse: Callable[[bytes], dict] | None = None,
                 index_keys: tuple[str, ...] | None = None,
                 speaker: Callable[[list[str]], bool] | None = None) -> Iterator[dict]:
    """Records of the given types from --store, else piped stdin, else ./cooptool.jsonl.

    A store file is read through its sidecar index (`extract.index`): only the lines of the
    wanted types are read (or the finer `index_keys`, e.g. "entity:ORG"); `line_filter` may reject a
    raw line before it is parsed; `speaker` may leave out claims whose speaker names it rejects
    (through the index, only the accepted speakers' lines are read). With
    --strict every line is parsed and the first damaged one stops the command.
    """
    from cooptool.extract.store import StoreError, iter_records, read_store

    require_query_words()
    warn = _DamageWarnings()
    try:
        path = store_source(store)
        if path is None:
            problem = stdin_input_problem(env.stdin_bytes)
            if problem:
                raise fail(problem)
            yield from iter_records(env.stdin_bytes, source="<stdin>", types=types, on_error=warn, strict=strict)
            return
        checked_store(path)
        records = None
        if not strict:
            from cooptool.extract.index import indexed_records

            # `index_keys` select exactly the lines `line_filter` would keep: no need to test them again.
            records = indexed_records(path, index_keys or types, on_error=warn, parse=parse,
                                      line_filter=None if index_keys else line_filter, on_notice=notice,
                                      speaker=speaker)
        if records is None:
            records = read_store(path, types=types, on_error=warn, strict=strict)
        yield from records
    except StoreError as exc:
        raise fail(f"damaged store: {exc}") from None
    except OSError as exc:  # the store went away or the disk failed while it was read
        raise fail(f"{store or 'the store'}: cannot read the store ({exc.strerror or exc})") from None
    warn.finish()


def open_entity_kinds(store: Path | None, labels: list[str] | None, strict: bool = False) -> list[dict] | None:
    """The distinct kinds of the store's entity records of `labels` (None: all) from its index's summaries
    (`extract.index.entity_kinds`), with the warnings `open_records` gives; None when they cannot
    answer (records on stdin, --strict, no usable index): then read the records."""
    if strict:
        return None
    require_query_words()
    path = store_source(store)
    if path is None:
        return None
    checked_store(path)
    from cooptool.extract.index import entity_kinds

    warn = _DamageWarnings()
    try:
        kinds = entity_kinds(path, labels, on_error=warn, on_notice=notice)
    except OSError as exc:
        raise fail(f"{store or 'the store'}: cannot read the store ({exc.strerror or exc})") from None
    warn.finish()
    return kinds


def checked_store(path: Path) -> None:
    """Fail unless `path` is a readable store file (not a file of documents to extract)."""
    usable_store(path)
    problem = input_file_problem(path)
    if problem:
        raise fail(problem)


class _DamageWarnings:
    """One warning per damaged line skipped, up to MAX_REPORTED_BAD_LINES, then a count (`finish`)."""

    def __init__(self):
        self.damaged = 0

    def __call__(self, bad) -> None:
        self.damaged += 1
        if self.damaged <= MAX_REPORTED_BAD_LINES:
            err.print(f"cooptool: warning: {bad}; line skipped", markup=False)

    def finish(self) -> None:
        if self.damaged > MAX_REPORTED_BAD_LINES:  # one line per problem floods a terminal; `check` lists them all
            err.print(f"cooptool: warning: {self.damaged - MAX_REPORTED_BAD_LINES} more damaged line(s) skipped; "
                      "list them all with: cooptool check", markup=False)


# Options whose value is matched as words (names, aliases, claim text, labels): one with no letter or
# digit in it ("", ")(", "--") would match everything, so it is a usage error.
QUERY_OPTIONS = ("org", "person", "by", "about", "name", "label")


def require_query_words() -> None:
    """Fail (exit 2) when a query option of the running command holds no letter or digit."""
    import click

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if param.name in QUERY_OPTIONS and isinstance(value, str) and not any(c.isalnum() for c in value):
            flag = max(getattr(param, "opts", None) or [param.name], key=len)
            raise fail(f"{flag} {value!r}: nothing to match (give a name or words with letters or digits)",
                       ExitStatus.USAGE)


def notice(message: str) -> None:
    err.print(f"cooptool: notice: {message}", markup=False)


def usable_store(path: Path) -> None:
    """Fail with one line naming the store unless it is a regular file this process can read:
    missing or unreadable is a runtime error (exit 1), a directory or device a usage error (exit 2)."""
    import stat

    try:
        st = path.stat()
    except FileNotFoundError:
        raise fail(f"no store at {path}; create one with: cooptool extract [PATH ...] --store {path}") from None
    except OSError as exc:
        raise fail(f"{path}: cannot read the store ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(f"{path}: is a directory, not a store (give a store file with --store FILE)", ExitStatus.USAGE)
    if not stat.S_ISREG(st.st_mode):
        raise fail(f"{path}: is not a regular file, so not a store (give a store file with --store FILE)",
                   ExitStatus.USAGE)
    if not os.access(path, os.R_OK):
        raise fail(f"{path}: cannot read the store (permission denied)")


def finish(count: int, what: str | None = None, fmt: Format | None = None) -> None:
    """No match exits 1, like grep; on a terminal (a table) it also says so on stderr."""
    if count == 0:
        from cooptool.cli.render import choose_format

        if what and choose_format(fmt) is Format.table:
            err.print(f"cooptool: no matching {what}", markup=False)
        raise typer.Exit(int(ExitStatus.NOTHING))



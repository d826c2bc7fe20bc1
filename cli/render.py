"""The one renderer: Rich tables on a terminal, JSON Lines / CSV / TSV / JSON when piped.

Stdout carries data only; every message goes to `err` (stderr).
"""

from __future__ import annotations

import csv
import enum
import itertools
import re
from collections.abc import Iterable, Sequence

import orjson

from cooptool.cli.environment import env


class _LazyStderr:
    """`err`, the Rich console on stderr, made on first use: importing Rich costs a query more CPU
    than reading 35,000 affiliations through the index, and a query writing JSON Lines to a pipe
    usually prints nothing on stderr."""

    _console = None

    def __getattr__(self, name: str):
        console = _LazyStderr._console
        if console is None:
            from rich.console import Console

            console = _LazyStderr._console = Console(stderr=True, highlight=False, soft_wrap=True,
                                                     no_color=env.no_color or None)
        return getattr(console, name)


err = _LazyStderr()


class Format(str, enum.Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    tsv = "tsv"


def stdout_is_tty() -> bool:
    return env.stdout_isatty


def choose_format(fmt: Format | None) -> Format:
    if fmt is not None:
        return fmt
    return Format.table if stdout_is_tty() else Format.jsonl


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def flat(value) -> str:
    """A JSON value as one CSV/TSV cell: lists joined with "; ", true/false, nested values as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(v if isinstance(v, str) else flat(v) if not isinstance(v, (list, dict))
                         else orjson.dumps(v).decode() for v in value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode()
    return str(value)


# Characters that act on a terminal instead of showing: C0 controls but tab and newline (ESC starts
# the escape sequences a planted headline could use), DEL, C1 controls, and the invisible format
# characters that reorder or hide text (bidi overrides, zero-width marks).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def safe_text(text: str) -> str:
    """Text fit for a terminal: control and invisible format characters shown as escapes (`\\x1b`)."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def table_cell(value):
    """A table cell: the value as plain text (no Rich markup), control characters escaped."""
    from rich.text import Text

    return Text(safe_text(_cell(value)))


def render(rows: Iterable[dict], *, fmt: Format | None, columns: Sequence[tuple[str, str]],
           title: str | None = None, keys: Sequence[str] | None = None,
           fields: Sequence[str] | None = None) -> int:
    """Write rows to stdout. Returns the row count.

    JSON Lines / JSON write the rows; CSV/TSV write their JSON fields (`keys`, or the rows' own
    keys), flattened; a table shows `columns`, (key, heading) pairs. `fields` chooses the
    fields (and their order) in every format.
    """
    fmt = choose_format(fmt)
    out = env.stdout
    count = 0
    if fields:
        fields = list(fields)
        columns = [(f, dict(columns).get(f, f)) for f in fields]
        rows = ({f: row.get(f) for f in fields} for row in rows)
    if fmt is Format.jsonl:
        buf = out.buffer if hasattr(out, "buffer") else None
        for row in rows:
            line = orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE)
            if buf is not None:
                buf.write(line)
            else:
                out.write(line.decode())
            count += 1
        out.flush()
        return count
    if fmt is Format.json:
        data = list(rows)
        out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return len(data)
    if fmt in (Format.csv, Format.tsv):
        writer = csv.writer(out, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        header = list(fields or keys or [])
        it = iter(rows)
        if not header:  # the first row's keys
            first = next(it, None)
            if first is None:
                return 0
            header = list(first)
            it = itertools.chain([first], it)
        writer.writerow(header)
        for row in it:
            writer.writerow([flat(row.get(key)) for key in header])
            count += 1
        return count
    from rich.table import Table  # only terminals pay for it

    table = Table(title=safe_text(title) if title else title, show_lines=False, header_style="bold")
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(table_cell(row.get(key)) for key, _ in columns))
        count += 1
    if count:
        from rich.console import Console

        Console(soft_wrap=False).print(table)
    return count

"""`cooptool check`: validate a store; `--repair` cuts off an interrupted write."""

from __future__ import annotations

from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, FormatOpt, StoreOpt, fail, notice, store_source, usable_store
from cooptool.cli.environment import env
from cooptool.cli.render import err, render

CHECK_COLUMNS = [("line", "Line"), ("kind", "Problem"), ("message", "Detail"), ("doc", "Doc")]


@app.command()
def check(
    store: StoreOpt = None,
    repair: Annotated[bool, typer.Option(
        "--repair", help="First cut the store back to its last whole document block "
        "(drops a truncated last line and an unfinished block).")] = False,
    fmt: FormatOpt = None,
) -> None:
    """Validate a store: JSON, schema, whole blocks, references and offsets. One row per problem.

    Exit 0 when the store is clean, 1 when problems remain.
    """
    from cooptool.extract.check import check_store, check_stream
    from cooptool.extract.store import StoreError, repair_store

    path = store_source(store)
    if path is None:
        if repair:
            raise fail("--repair needs a store file (--store FILE), not piped records", ExitStatus.USAGE)
        report = check_stream(env.stdin_bytes, "<stdin>")
    else:
        usable_store(path)
        if repair:
            from cooptool.extract.index import check_index, index_path, update_index

            index_problem = check_index(path)
            try:
                fixed = repair_store(path, on_wait=lambda: err.print(
                    f"cooptool: waiting for {path}.lock (an extract is writing)", markup=False), on_notice=notice)
            except StoreError as exc:
                raise fail(str(exc)) from None
            except OSError as exc:
                raise fail(f"cannot repair {path}: {exc.strerror or exc}") from None
            if fixed.dropped_bytes:
                err.print(f"cooptool: {path}: dropped {fixed.dropped_bytes} bytes ({fixed.dropped_lines} line(s) "
                          f"from line {fixed.first_line}) after the last whole document block"
                          + (f"; copied to {fixed.saved_to}" if fixed.saved_to else ""), markup=False)
            if update_index(path, rebuild=True) is not None and index_problem:
                err.print(f"cooptool: {index_path(path)}: the index {index_problem}; rebuilt", markup=False)
        report = check_store(path)
    render((p.row(report.source) for p in report.problems), fmt=fmt, columns=CHECK_COLUMNS,
           title=f"Problems in {report.source}")
    summary = f"{report.records} records, {report.documents} documents"
    if report.clean:
        err.print(f"cooptool: {report.source}: {summary}; clean", markup=False)
        return
    kinds: dict[str, int] = {}
    for p in report.problems:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    hint = "; `cooptool check --repair` drops the interrupted tail" if (
        not repair and any(p.kind in ("truncated", "block") for p in report.problems)) else ""
    err.print(f"cooptool: {report.source}: {summary}; {len(report.problems)} problem(s) ({detail}){hint}",
              markup=False)
    raise typer.Exit(int(ExitStatus.ERROR))

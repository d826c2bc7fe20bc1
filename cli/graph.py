"""`cooptool graph`: the network of people, organisations and places (networkx)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, StoreOpt, StrictOpt, fail, open_records
from cooptool.cli.environment import env
from cooptool.cli.render import Format, err, render, stdout_is_tty


class GraphFormat(str, enum.Enum):
    table = "table"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    dot = "dot"
    html = "html"


EDGE_COLUMNS = [("source", "From"), ("kind", "Link"), ("target", "To"), ("weight", "Docs"), ("roles", "Roles / events")]


@app.command()
def graph(
    org: Annotated[str | None, typer.Option("--org", "-o", help="Keep this organisation (name or alias) and its neighbours.")] = None,
    person: Annotated[str | None, typer.Option("--person", "-p", help="Keep this person and their neighbours.")] = None,
    min_docs: Annotated[int, typer.Option("--min-docs", min=1, help="Drop links seen in fewer documents.")] = 1,
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", "-f", help="table (default on a terminal), graphml, gexf, json (node-link; default when piped), dot or html; "
                             "with -O, the file's suffix chooses.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-O", dir_okay=False, help="Write here instead of stdout.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the HTML page.")] = None,
    store: StoreOpt = None,
    strict: StrictOpt = False,
) -> None:
    """People–organisation–place graph: affiliations (with roles), organisations co-mentioned,
    event places; weights are numbers of documents, speakers carry their claim counts."""
    try:
        from cooptool.extract import graph as graphs
    except ImportError as exc:
        raise fail(f"graph needs networkx ({exc}); install it with: pip install 'cooptool[graph]'") from None

    chosen = fmt or _format_of(output) or (GraphFormat.table if stdout_is_tty() and output is None
                                           else GraphFormat.json)
    g = graphs.build_graph(open_records(store, graphs.GRAPH_TYPES, strict), org=org, person=person,
                           min_docs=min_docs)
    if g.number_of_nodes() == 0:
        what = " and ".join(f"{k} {v!r}" for k, v in (("--org", org), ("--person", person)) if v)
        err.print("cooptool: no links" + (f" for {what}" if what else "") +
                  (f" seen in {min_docs}+ documents" if min_docs > 1 else ""), markup=False)
        raise typer.Exit(int(ExitStatus.NOTHING))
    if chosen is GraphFormat.table:
        if output is not None:
            raise fail("--format table prints to the terminal; choose graphml, gexf, json, dot or html for --output",
                       ExitStatus.USAGE)
        render(graphs.edge_rows(g), fmt=Format.table, columns=EDGE_COLUMNS, title="Links")
        return
    writer = {GraphFormat.graphml: graphs.to_graphml, GraphFormat.gexf: graphs.to_gexf,
              GraphFormat.json: graphs.to_json, GraphFormat.dot: graphs.to_dot}.get(chosen)
    data = writer(g) if writer else graphs.to_html(g, title=title or _default_title(org, person, min_docs))
    if output is None:
        env.stdout_bytes.write(data)
        env.stdout.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    err.print(f"cooptool: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
              + (f" written to {output}" if output else ""), markup=False)


_SUFFIXES = {".graphml": GraphFormat.graphml, ".gexf": GraphFormat.gexf, ".json": GraphFormat.json,
             ".dot": GraphFormat.dot, ".gv": GraphFormat.dot, ".html": GraphFormat.html, ".htm": GraphFormat.html}


def _format_of(output: Path | None) -> GraphFormat | None:
    """`-O graph.graphml` needs no --format."""
    return _SUFFIXES.get(output.suffix.lower()) if output is not None else None


def _default_title(org: str | None, person: str | None, min_docs: int) -> str:
    parts = [x for x in (org, person) if x]
    title = "People, organisations and places" + (": " + ", ".join(parts) if parts else "")
    return title + (f" (links in {min_docs}+ documents)" if min_docs > 1 else "")

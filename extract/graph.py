"""The network of people, organisations and places in a store (networkx), and its writers.

Nodes are entities (merged across documents as `summary` does: an entity whose name is another's
alias joins it); edges, weighted by the number of documents that support them:

- ``affiliation``: person – organisation, with the roles held;
- ``co-mention``: organisation – organisation named in the same document;
- ``event``: an event's organisers and participants – the place it was held.

Speakers carry their claim count (``claims``). Query-side: networkx is imported here, never
spaCy; the CLI imports this module only inside `cooptool graph`.
"""

from __future__ import annotations

import html
import io
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import orjson

from cooptool.extract.aliases import merge_entities
from cooptool.extract.query import name_matches

GRAPH_TYPES = ("entity", "affiliation", "claim", "event")
NODE_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
MAX_DOCS_LISTED = 50  # document ids kept on a node or edge (the count is always exact)


@dataclass
class _StoreEntities:
    """What the graph needs of a store: node-worthy entities (by record id) and the records that
    link them."""

    info: dict[str, dict] = field(default_factory=dict)  # id → name, label, aliases (merged_into)
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: Counter = field(default_factory=Counter)
    by_doc: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # doc → form → id
    records: list[dict] = field(default_factory=list)  # entity summaries for merge_entities
    affiliations: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def add_entity(self, rec: dict) -> None:
        eid, label = rec.get("id"), rec.get("label")
        if not eid or label not in NODE_LABELS:
            return
        doc = rec.get("doc")
        self.records.append({k: rec.get(k) for k in ("type", "id", "name", "label", "aliases", "doc")}
                            | {"mention_count": len(rec.get("mentions") or [])})
        self.docs[eid].add(doc)
        self.mentions[eid] += len(rec.get("mentions") or [])
        info = self.info.setdefault(eid, {"name": rec.get("name"), "label": label, "aliases": set()})
        info["aliases"].update(rec.get("aliases") or [])
        for form in (rec.get("name"), *(rec.get("aliases") or [])):
            if form:
                self.by_doc[doc].setdefault(form, eid)

    @classmethod
    def of(cls, records: Iterable[dict]) -> _StoreEntities:
        store = cls()
        for rec in records:
            kind = rec.get("type")
            if kind == "entity":
                store.add_entity(rec)
            elif kind == "affiliation":
                store.affiliations.append(rec)
            elif kind == "claim":
                if rec.get("speaker_id"):
                    store.claims.append(rec)
            elif kind == "event":
                store.events.append(rec)
        return store

    def merge_across_documents(self) -> None:
        """One node per entity across documents, merged as `summary` and `entities` merge them (never
        two countries' governments, never people with different given names): the most documented
        record id owns the node, the others point to it."""
        for row in merge_entities(self.records, with_ids=True):
            ids = [i for i in sorted(row["ids"]) if i in self.info]
            if len(ids) < 2:
                continue
            owner = max(ids, key=lambda i: (len(self.docs[i]), self.mentions[i]))
            for i in ids:
                if i != owner:
                    self.docs[owner] |= self.docs[i]
                    self.mentions[owner] += self.mentions[i]
                    self.info[owner]["aliases"].add(self.info[i]["name"])
                    self.info[i]["merged_into"] = owner

    def node_of(self, eid: str | None) -> str | None:
        """The node an entity id belongs to (following merges), None when it is no node."""
        seen = 0
        while eid in self.info and self.info[eid].get("merged_into") and seen < 10:
            eid, seen = self.info[eid]["merged_into"], seen + 1
        return eid if eid in self.info else None


class _Edges:
    """Edges between nodes, with their kinds, roles, events and supporting documents."""

    def __init__(self) -> None:
        self.edges: dict[tuple[str, str], dict] = {}

    def link(self, a: str | None, b: str | None, kind: str, doc: str, role: str | None = None,
             event: str | None = None) -> None:
        if not a or not b or a == b:
            return
        key = (a, b) if a < b else (b, a)
        e = self.edges.setdefault(key, {"kinds": set(), "roles": Counter(), "events": set(), "docs": set()})
        e["kinds"].add(kind)
        e["docs"].add(doc)
        if role:
            e["roles"][role] += 1
        if event:
            e["events"].add(event)

    def graph(self, min_docs: int) -> nx.Graph:
        g = nx.Graph(name="cooptool")
        for (a, b), e in self.edges.items():
            if len(e["docs"]) < min_docs:
                continue
            g.add_edge(a, b, kind=";".join(sorted(e["kinds"])), weight=len(e["docs"]),
                       roles="; ".join(r for r, _ in e["roles"].most_common()),
                       events="; ".join(sorted(e["events"])),
                       docs=";".join(sorted(e["docs"])[:MAX_DOCS_LISTED]))
        return g


def build_graph(records: Iterable[dict], *, org: str | None = None, person: str | None = None,
                min_docs: int = 1) -> nx.Graph:
    """The people–organisation–place graph of the records.

    `min_docs` drops edges seen in fewer documents; `org`/`person` keep the matching nodes (by
    name or alias) and their neighbours. Nodes left without an edge are dropped, except a
    matched one.
    """
    store = _StoreEntities.of(records)
    store.merge_across_documents()
    edges = _Edges()
    roles_of = _link_affiliations(store, edges)
    _link_co_mentions(store, edges)
    _link_events(store, edges)
    g = edges.graph(min_docs)
    if org or person:
        g = _around_focus(g, store, org, person)
    _describe_nodes(g, store, roles_of, _claim_counts(store))
    return g


def _link_affiliations(store: _StoreEntities, edges: _Edges) -> dict[str, Counter]:
    """Person – organisation edges; returns each person's (role, organisation name) counts."""
    roles_of: dict[str, Counter] = defaultdict(Counter)
    for a in store.affiliations:
        p, o = store.node_of(a.get("person_id")), store.node_of(a.get("org_id"))
        edges.link(p, o, "affiliation", a.get("doc"), role=a.get("role"))
        if p and o:
            roles_of[p][(a.get("role") or "", store.info[o]["name"])] += 1
    return roles_of


def _claim_counts(store: _StoreEntities) -> Counter:
    claim_count: Counter = Counter()
    for c in store.claims:
        n = store.node_of(c.get("speaker_id"))
        if n:
            claim_count[n] += 1
    return claim_count


def _link_co_mentions(store: _StoreEntities, edges: _Edges) -> None:
    """Organisation – organisation edges between those named in the same document."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for eid, docs in store.docs.items():
        n = store.node_of(eid)
        if n and store.info[n]["label"] == "ORG":
            for d in sorted(docs):  # in a fixed order: a set's order changes with the hash seed
                by_doc[d].add(n)
    for doc, orgs in by_doc.items():
        for a, b in itertools.combinations(sorted(orgs), 2):
            edges.link(a, b, "co-mention", doc)


def _link_events(store: _StoreEntities, edges: _Edges) -> None:
    """An event's organisers and participants – the place it was held (by their names in its document)."""
    for ev in store.events:
        doc = ev.get("doc")
        names = store.by_doc.get(doc, {})
        place = store.node_of(names.get(ev.get("place") or ""))
        for actor in (*(ev.get("organizers") or []), *(ev.get("participants") or [])):
            edges.link(store.node_of(names.get(actor)), place, "event", doc, event=ev.get("name"))


def _around_focus(g: nx.Graph, store: _StoreEntities, org: str | None, person: str | None) -> nx.Graph:
    """The nodes matching `org` (any non-person) or `person` by name or alias, and their neighbours."""
    focus: set[str] = set()
    for eid, info in store.info.items():
        if info.get("merged_into"):
            continue
        names = [info["name"], *info["aliases"]]
        if (org and info["label"] != "PERSON" and name_matches(org, names)) or \
                (person and info["label"] == "PERSON" and name_matches(person, names)):
            focus.add(eid)
    keep = set(focus)
    for n in focus:
        if n in g:
            keep.update(g.neighbors(n))
    g.add_nodes_from(focus)
    return _ordered_subgraph(g, keep)


def _ordered_subgraph(g: nx.Graph, keep: set[str]) -> nx.Graph:
    """A copy of `g` restricted to `keep`, its nodes and edges in `g`'s order. (networkx's
    `subgraph(keep).copy()` lists the nodes in the order of the set, which changes with the hash
    seed, so the same store gave a different file, and a different layout, from run to run.)"""
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from((n, d.copy()) for n, d in g.nodes(data=True) if n in keep)
    h.add_edges_from((a, b, d.copy()) for a, b, d in g.edges(data=True) if a in keep and b in keep)
    return h


def _describe_nodes(g: nx.Graph, store: _StoreEntities, roles_of: dict[str, Counter], claim_count: Counter) -> None:
    for n in g.nodes:
        info = store.info[n]
        docs = sorted(store.docs[n])
        top_roles = [f"{role} ({org_name})" if role else org_name
                     for (role, org_name), _ in roles_of[n].most_common(5)]
        g.nodes[n].update(label=info["name"] or n, type=info["label"], kind=NODE_LABELS[info["label"]],
                          documents=len(docs), mentions=store.mentions[n], claims=claim_count[n],
                          aliases="; ".join(sorted(a for a in info["aliases"] if a != info["name"])),
                          roles="; ".join(top_roles), docs=";".join(docs[:MAX_DOCS_LISTED]))


# ---- writers --------------------------------------------------------------------------------

def to_graphml(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()


def to_gexf(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(g, buf)
    return buf.getvalue()


def to_json(g: nx.Graph) -> bytes:
    data = nx.node_link_data(g, edges="links")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _dot_id(value) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{text}"'


_DOT_SHAPES = {"person": "ellipse", "organisation": "box", "place": "diamond"}


def to_dot(g: nx.Graph) -> bytes:
    """Graphviz DOT (networkx's DOT writers need pydot or pygraphviz; DOT is a plain text format)."""
    lines = ["graph cooptool {", "  overlap=false; splines=true;", '  node [fontname="Helvetica"];']
    for n, d in sorted(g.nodes(data=True)):
        attrs = {"label": d.get("label", n), "shape": _DOT_SHAPES.get(d.get("kind"), "ellipse"),
                 "type": d.get("type", ""), "documents": d.get("documents", 0)}
        lines.append(f"  {_dot_id(n)} [" + ", ".join(f"{k}={_dot_id(v)}" for k, v in attrs.items()) + "];")
    for a, b, d in sorted(g.edges(data=True)):
        a, b = sorted((a, b))
        attrs = {"kind": d.get("kind", ""), "weight": d.get("weight", 1), "penwidth": 1 + math.log2(d.get("weight", 1))}
        if d.get("roles"):
            attrs["label"] = d["roles"]
        lines.append(f"  {_dot_id(a)} -- {_dot_id(b)} [" + ", ".join(f"{k}={_dot_id(v)}" for k, v in attrs.items()) + "];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def edge_rows(g: nx.Graph) -> list[dict]:
    rows = []
    for a, b, d in g.edges(data=True):
        na, nb = g.nodes[a], g.nodes[b]
        rank = {"person": 0, "organisation": 1, "place": 2}
        if (rank.get(na.get("kind"), 3), na.get("label") or "") > (rank.get(nb.get("kind"), 3), nb.get("label") or ""):
            a, b, na, nb = b, a, nb, na
        rows.append({"source": na.get("label"), "source_id": a, "target": nb.get("label"), "target_id": b,
                     "kind": d.get("kind"), "weight": d.get("weight"), "roles": d.get("roles") or None,
                     "events": d.get("events") or None})
    rows.sort(key=lambda r: (-r["weight"], r["kind"] != "affiliation", r["source"] or "", r["target"] or ""))
    return rows


# ---- layout and the HTML view -----------------------------------------------------------------

def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in a unit-ish square: each connected component laid out on its own (spring
    layout, NumPy only), largest first, packed in rows."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    if not comps:
        return {}
    pull = _pull_graph(g)
    return _pack_in_rows([_component_box(pull, comp, seed) for comp in comps])


def _pull_graph(g: nx.Graph) -> nx.Graph:
    """The graph with the strength each edge pulls with. Affiliations hold people to their
    organisations; co-mentions (cliques, one per document) only nudge, or every organisation of a
    story would collapse onto one point."""
    pull = nx.Graph()
    for a, b, d in g.edges(data=True):
        kind = d.get("kind", "")
        strength = 1.0 if "affiliation" in kind else 0.5 if "event" in kind else 0.04 * d.get("weight", 1)
        pull.add_edge(a, b, pull=strength)
    pull.add_nodes_from(g.nodes)
    return pull


def _component_box(pull: nx.Graph, comp: list[str], seed: int) -> tuple[dict, float, float]:
    """A component's positions from (0, 0), scaled to an area proportional to its node count,
    and the width and height of its box."""
    side = math.sqrt(len(comp))
    if len(comp) == 1:
        p = {comp[0]: (0.0, 0.0)}
    elif len(comp) == 2:
        p = {comp[0]: (-0.5, 0.0), comp[1]: (0.5, 0.0)}
    else:
        p = spring(_ordered_subgraph(pull, set(comp)), seed=seed, iterations=100 if len(comp) < 800 else 50)
    xs = [v[0] for v in p.values()]
    ys = [v[1] for v in p.values()]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = side / max(w, h)
    return ({n: ((x - min(xs)) * scale, (y - min(ys)) * scale) for n, (x, y) in p.items()},
            max(w * scale, 1.0), max(h * scale, 1.0))


def _pack_in_rows(boxes: list[tuple[dict, float, float]]) -> dict[str, tuple[float, float]]:
    """The boxes placed left to right in rows about 1.3 times as wide as a square of their area."""
    pos: dict[str, tuple[float, float]] = {}
    total = sum(bw * bh for _, bw, bh in boxes)
    row_width = max(boxes[0][1], math.sqrt(total) * 1.3)
    x = y = row_h = 0.0
    gap = 1.0
    for p, bw, bh in boxes:
        if x > 0 and x + bw > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for n, (px, py) in p.items():
            pos[n] = (x + px, y + py)
        x += bw + gap
        row_h = max(row_h, bh)
    return pos


def spring(g: nx.Graph, *, seed: int = 7, iterations: int = 100, weight: str = "pull") -> dict:
    """Fruchterman–Reingold on a dense NumPy matrix (networkx's own needs SciPy from 500 nodes)."""
    import numpy as np

    nodes = list(g.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    a = np.zeros((n, n), dtype=np.float32)
    for u, v, d in g.edges(data=True):
        a[index[u], index[v]] = a[index[v], index[u]] = d.get(weight, 1.0)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = np.float32(2.0 / math.sqrt(n))
    t = max(float(pos.max() - pos.min()), 1.0) * 0.1
    dt = t / (iterations + 1)
    k2, inv_k = k * k, np.float32(1.0) / k
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]  # (n, n) each: half the memory traffic of an (n, n, 2)
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.hypot(dx, dy)
        np.clip(dist, 0.01, None, out=dist)
        # Repulsion between all pairs, attraction along edges (force / distance, applied to dx, dy).
        force = k2 / (dist * dist)
        force -= a * dist * inv_k
        disp = np.stack(((dx * force).sum(axis=1), (dy * force).sum(axis=1)), axis=1)
        length = np.hypot(disp[:, 0], disp[:, 1])
        np.clip(length, 0.01, None, out=length)
        pos += disp * (t / length)[:, None]
        t -= dt
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


KIND_COLOURS = {"person": "#aa9cfc", "organisation": "#35c4c4", "place": "#f5a742"}
EDGE_COLOURS = {"affiliation": "#7b3fe4", "co-mention": "#9aa4ad", "event": "#2e9e5b"}


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class _Canvas:
    """Layout units to SVG pixels: at least 1,000 px across, more for big graphs, so labels stay
    apart; `scale` and `grow` size strokes, circles and text with the drawing, so the whole graph
    still reads when fitted to a screen."""

    def __init__(self, g: nx.Graph, pos: dict[str, tuple[float, float]]):
        self.pos = pos
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        self.min_x, self.min_y = min(xs), min(ys)
        extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        self.unit = max(1000.0, 110.0 * math.sqrt(g.number_of_nodes())) / extent
        self.pad = 60.0
        self.width = (max(xs) - min(xs)) * self.unit + 2 * self.pad
        self.height = (max(ys) - min(ys)) * self.unit + 2 * self.pad
        self.scale = max(1.0, self.width / 1400.0)
        self.grow = self.scale ** 0.7

    def xy(self, n) -> tuple[float, float]:
        x, y = self.pos[n]
        return (round((x - self.min_x) * self.unit + self.pad, 1),
                round((y - self.min_y) * self.unit + self.pad, 1))


def _edges_svg(g: nx.Graph, canvas: _Canvas) -> list[str]:
    out = []
    for a, b, d in sorted(g.edges(data=True)):
        (x1, y1), (x2, y2) = canvas.xy(a), canvas.xy(b)
        kind = d.get("kind", "")
        main = "affiliation" if "affiliation" in kind else kind.split(";")[0]
        w = (1.0 + 1.5 * math.log2(d.get("weight", 1))) * canvas.grow
        out.append(
            f'<line class="edge {_esc(main)}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
            f'stroke="{EDGE_COLOURS.get(main, "#999")}" stroke-width="{w:.1f}" '
            f'data-source="{_esc(a)}" data-target="{_esc(b)}" data-kind="{_esc(kind)}" '
            f'data-weight="{d.get("weight", 1)}" data-roles="{_esc(d.get("roles"))}" '
            f'data-events="{_esc(d.get("events"))}" data-docs="{_esc(d.get("docs"))}"/>')
    return out


def _nodes_svg(g: nx.Graph, canvas: _Canvas, max_labels: int | None) -> list[str]:
    """Circles with their labels: the most linked nodes are labelled, the others' labels appear
    once zoomed in."""
    if max_labels is None:
        max_labels = 120 if g.number_of_nodes() <= 300 else 60
    degree = dict(g.degree(weight="weight"))
    labelled = set(sorted(g.nodes, key=lambda n: (-degree[n], g.nodes[n].get("label", n)))[:max_labels])
    out = []
    for n, d in sorted(g.nodes(data=True)):
        x, y = canvas.xy(n)
        r = (5 + 3 * math.log2(1 + d.get("documents", 1)) + math.sqrt(g.degree(n))) * canvas.grow
        colour = KIND_COLOURS.get(d.get("kind"), "#ccc")
        label = (f'<text x="{x}" y="{y + r + 12 * canvas.scale:.1f}" class="label{"" if n in labelled else " minor"}">'
                 f'{_esc(d.get("label"))}</text>')
        out.append(
            f'<g class="node {_esc(d.get("kind"))}" data-id="{_esc(n)}" data-name="{_esc(d.get("label"))}" '
            f'data-type="{_esc(d.get("type"))}" data-documents="{d.get("documents", 0)}" '
            f'data-claims="{d.get("claims", 0)}" data-roles="{_esc(d.get("roles"))}" '
            f'data-aliases="{_esc(d.get("aliases"))}" data-docs="{_esc(d.get("docs"))}">'
            f'<circle cx="{x}" cy="{y}" r="{r:.1f}" fill="{colour}"/>{label}</g>')
    return out


def _legend_html(g: nx.Graph) -> str:
    counts = Counter(d.get("kind") for _, d in g.nodes(data=True))
    legend = " ".join(f'<span class="key" style="background:{KIND_COLOURS[k]}">{k} {counts.get(k, 0)}</span>'
                      for k in KIND_COLOURS)
    return legend + " " + " ".join(f'<span class="edge-key" style="border-color:{c}">{k}</span>'
                                   for k, c in EDGE_COLOURS.items())


def to_html(g: nx.Graph, *, title: str = "cooptool graph", max_labels: int | None = None) -> bytes:
    """A self-contained page (inline SVG, CSS and JS; no network): pan by dragging, zoom with the
    wheel or the buttons, hover a node or an edge for its roles and documents, search by name."""
    canvas = _Canvas(g, layout(g))
    width, height, scale = canvas.width, canvas.height, canvas.scale
    edges_svg, nodes_svg = _edges_svg(g, canvas), _nodes_svg(g, canvas, max_labels)
    legend = _legend_html(g)
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cooptool graph">
<title>{_esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>{_esc(title)}</h1>
<p>{g.number_of_nodes()} nodes, {g.number_of_edges()} edges · {legend}</p>
<p class="controls"><input id="find" type="search" placeholder="find a name…" aria-label="find a name">
<button id="zin" type="button">+</button><button id="zout" type="button">−</button>
<button id="fit" type="button">fit</button> <span class="hint">drag to pan · wheel to zoom · hover for roles and documents</span></p>
</header>
<div id="stage"><svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}"
 data-width="{width:.0f}" data-height="{height:.0f}" style="--s:{scale:.2f}" role="img" aria-label="{_esc(title)}">
<g id="viewport"><g id="edges">{"".join(edges_svg)}</g><g id="nodes">{"".join(nodes_svg)}</g></g></svg>
<div id="tip" hidden></div></div>
<script>{_JS}</script>
</body>
</html>
"""
    return page.encode()


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;background:#fbfbfb}
body{display:flex;flex-direction:column}
header{padding:.5rem 1rem;border-bottom:1px solid #ddd;background:#fff}
h1{font-size:1.2rem;margin:0 0 .2rem}
header p{margin:.2rem 0}
.key{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-weight:bold;font-size:.8rem}
.edge-key{display:inline-block;border-bottom:3px solid;margin-left:.4rem;font-size:.8rem}
.hint{color:#777;font-size:.8rem}
#stage{position:relative;flex:1;min-height:300px;overflow:hidden}
svg#graph{width:100%;height:100%;display:block;cursor:grab;user-select:none}
svg#graph.dragging{cursor:grabbing}
.edge{stroke-opacity:.55}
.edge.co-mention{stroke-opacity:.35}
.edge.event{stroke-dasharray:5 4}
.node circle{stroke:#fff;stroke-width:calc(1.5px * var(--s))}
.node text.label{font-size:calc(13px * var(--s));text-anchor:middle;fill:#333;paint-order:stroke;stroke:#fbfbfb;stroke-width:calc(3px * var(--s));pointer-events:none}
.node text.label.minor{display:none}
svg.zoomed .node text.label.minor,svg.focus .node.near text.label.minor{display:inline}
.node:hover circle,.node.found circle{stroke:#222;stroke-width:2.5}
svg.focus .node{opacity:.15} svg.focus .edge{opacity:.06}
svg.focus .node.near{opacity:1} svg.focus .edge.near{opacity:1;stroke-opacity:.9}
#tip{position:absolute;max-width:26rem;background:#fff;border:1px solid #bbb;border-radius:.3rem;padding:.4rem .6rem;
 box-shadow:0 2px 8px rgba(0,0,0,.15);pointer-events:none;font-size:.85rem}
#tip b{font-size:.95rem} #tip .muted{color:#666} #tip ul{margin:.2rem 0;padding-left:1.1rem}
"""

_JS = r"""
(function(){
  "use strict";
  var svg = document.getElementById("graph"), vp = document.getElementById("viewport");
  var tip = document.getElementById("tip"), stage = document.getElementById("stage");
  var W = +svg.dataset.width, H = +svg.dataset.height;
  var view = {x: 0, y: 0, w: W, h: H};
  function apply(){
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    svg.classList.toggle("zoomed", view.w < W / 2.5);
  }
  function fit(){ view = {x: 0, y: 0, w: W, h: H}; apply(); }
  function zoom(f, cx, cy){
    if (cx === undefined){ cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var nw = Math.min(Math.max(view.w * f, W / 200), W * 4), r = nw / view.w;
    view.x = cx - (cx - view.x) * r; view.y = cy - (cy - view.y) * r;
    view.w = nw; view.h = view.h * r; apply();
  }
  function toSvg(ev){
    var rect = svg.getBoundingClientRect(), m = svg.getScreenCTM();
    if (!m) return {x: view.x, y: view.y};
    var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(m.inverse());
  }
  svg.addEventListener("wheel", function(ev){
    ev.preventDefault(); var p = toSvg(ev); zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
  }, {passive: false});
  var drag = null;
  svg.addEventListener("mousedown", function(ev){ drag = toSvg(ev); svg.classList.add("dragging"); });
  window.addEventListener("mouseup", function(){ drag = null; svg.classList.remove("dragging"); });
  svg.addEventListener("mousemove", function(ev){
    if (!drag) return;
    var p = toSvg(ev); view.x -= p.x - drag.x; view.y -= p.y - drag.y; apply();
  });
  document.getElementById("zin").onclick = function(){ zoom(1 / 1.4); };
  document.getElementById("zout").onclick = function(){ zoom(1.4); };
  document.getElementById("fit").onclick = fit;
  var nodes = {}, edgesOf = {};
  svg.querySelectorAll(".node").forEach(function(n){ nodes[n.dataset.id] = n; edgesOf[n.dataset.id] = []; });
  svg.querySelectorAll(".edge").forEach(function(e){
    edgesOf[e.dataset.source].push(e); edgesOf[e.dataset.target].push(e);
  });
  function esc(s){ return String(s || "").replace(/[&<>"]/g, function(c){ return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function list(s, sep){ return (s || "").split(sep).filter(Boolean); }
  function show(ev, html){
    tip.innerHTML = html; tip.hidden = false;
    var r = stage.getBoundingClientRect(), x = ev.clientX - r.left + 14, y = ev.clientY - r.top + 14;
    if (x + tip.offsetWidth > r.width) x = Math.max(0, x - tip.offsetWidth - 28);
    if (y + tip.offsetHeight > r.height) y = Math.max(0, y - tip.offsetHeight - 28);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function docsLine(d, count){
    var ids = list(d, ";");
    return '<div class="muted">' + count + " document" + (count == 1 ? "" : "s") + ": " +
      esc(ids.slice(0, 8).join(", ")) + (ids.length > 8 ? " …" : "") + "</div>";
  }
  function nodeTip(n){
    var d = n.dataset, h = "<b>" + esc(d.name) + '</b> <span class="muted">' + esc(d.type) + "</span>";
    if (d.aliases) h += '<div class="muted">also: ' + esc(d.aliases) + "</div>";
    if (+d.claims) h += "<div>" + d.claims + " claim" + (d.claims == 1 ? "" : "s") + "</div>";
    // Affiliations first (the people of an organisation, the posts of a person), then the rest.
    var held = [], other = [];
    edgesOf[d.id].slice().sort(function(a, b){ return b.dataset.weight - a.dataset.weight; }).forEach(function(e){
      var o = nodes[e.dataset.source === d.id ? e.dataset.target : e.dataset.source];
      if (!o) return;
      if (e.dataset.kind.indexOf("affiliation") >= 0)
        held.push("<li>" + (d.type === "PERSON" ? esc(e.dataset.roles || "—") + " · " + esc(o.dataset.name)
                                                 : esc(o.dataset.name) + ": " + esc(e.dataset.roles || "—")) + "</li>");
      else other.push(o.dataset.name + (e.dataset.events ? " (" + e.dataset.events + ")" : ""));
    });
    if (held.length) h += "<ul>" + held.slice(0, 12).join("") + (held.length > 12 ? "<li>…</li>" : "") + "</ul>";
    if (other.length) h += '<div class="muted">with: ' + esc(other.slice(0, 8).join("; ")) + (other.length > 8 ? " … (" + other.length + ")" : "") + "</div>";
    return h + docsLine(d.docs, d.documents);
  }
  function edgeTip(e){
    var d = e.dataset, a = nodes[d.source], b = nodes[d.target];
    var h = "<b>" + esc(a.dataset.name) + " — " + esc(b.dataset.name) + '</b> <span class="muted">' + esc(d.kind) + "</span>";
    if (d.roles) h += "<div>roles: " + esc(d.roles) + "</div>";
    if (d.events) h += "<div>events: " + esc(d.events) + "</div>";
    return h + docsLine(d.docs, d.weight);
  }
  function focus(id){
    svg.classList.add("focus");
    nodes[id].classList.add("near");
    edgesOf[id].forEach(function(e){
      e.classList.add("near"); nodes[e.dataset.source].classList.add("near"); nodes[e.dataset.target].classList.add("near");
    });
  }
  function unfocus(){
    svg.classList.remove("focus");
    svg.querySelectorAll(".near").forEach(function(el){ el.classList.remove("near"); });
  }
  svg.addEventListener("mouseover", function(ev){
    if (drag) return;
    var n = ev.target.closest(".node"), e = ev.target.closest(".edge");
    unfocus();
    if (n){ focus(n.dataset.id); show(ev, nodeTip(n)); }
    else if (e){ show(ev, edgeTip(e)); }
    else tip.hidden = true;
  });
  svg.addEventListener("mouseleave", function(){ unfocus(); tip.hidden = true; });
  document.getElementById("find").addEventListener("input", function(ev){
    var q = ev.target.value.trim().toLowerCase(), first = null;
    Object.keys(nodes).forEach(function(id){
      var n = nodes[id], hit = q && (n.dataset.name + " " + n.dataset.aliases).toLowerCase().indexOf(q) >= 0;
      n.classList.toggle("found", !!hit);
      if (hit && !first) first = n;
    });
    if (first){
      var c = first.querySelector("circle"), cx = +c.getAttribute("cx"), cy = +c.getAttribute("cy");
      view.w = Math.min(W, 900); view.h = view.w * H / W; view.x = cx - view.w / 2; view.y = cy - view.h / 2; apply();
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
"""

"""Query speed on a large store: cooptool versus jq and DuckDB computing the same selection, in one run.

    python benchmarks/bench_query.py [--corpus ../shared/corpus/news] [--docs 300] [--records 1000000]
                                     [--keep DIR] [--only NAME]

Builds a store of at least --records records by extracting --docs real articles and replicating
the output under new document ids, then times each query as a whole process:

- who --org ORG        : affiliations whose organisation or an alias contains ORG (case-insensitive)
- said --by NAME       : claims whose speaker contains NAME
- entities --type ORG  : ORG entities, counted per name

jq reads the same file with an equivalent filter; DuckDB (Python package, `read_json` with the
columns declared) runs the equivalent SQL with its default threads. Times are medians over
--repeat rounds in which cooptool and DuckDB take turns (start-up: 5 rounds). Also start-up: `cooptool --help`
and `cooptool who` on a tiny store versus `python -c pass`. Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_NEWS, cooptool_exe, link_corpus, machine, need_corpus, news_files, table, timed  # noqa: E402

DUCK = """
import sys, duckdb
path, sql = sys.argv[1], sys.argv[2]
cols = ("{'type':'VARCHAR','doc':'VARCHAR','org':'VARCHAR','org_aliases':'VARCHAR[]','person':'VARCHAR',"
        "'role':'VARCHAR','speaker':'VARCHAR','text':'VARCHAR','name':'VARCHAR','label':'VARCHAR'}")
rel = duckdb.sql(sql.replace("STORE", f"read_json('{path}', format='newline_delimited', columns={cols})"))
n = 0
for row in rel.fetchall():
    n += 1
print(n)
"""


def build_store(exe: str, corpus: Path, docs: int, records: int, tmp: Path) -> tuple[Path, dict]:
    """The replicated store in `tmp` (kept and reused when `tmp/info.json` says it was built with the
    same --docs and --records) and what the queries need to know about it."""
    info_file = tmp / "info.json"
    big = tmp / "big.jsonl"
    if info_file.exists() and big.exists():
        info = orjson.loads(info_file.read_bytes())
        if info.get("docs") == docs and info.get("wanted") == records and info.get("bytes") == big.stat().st_size:
            return big, info
    shutil.rmtree(tmp / "docs", ignore_errors=True)
    folder = link_corpus(news_files(corpus, docs), tmp / "docs")
    base = tmp / "base.jsonl"
    run = timed([exe, "extract", str(folder), "--store", str(base)])
    if run.returncode:
        sys.exit(f"extract failed: {run.stderr.decode()[-400:]}")
    lines = base.read_bytes().splitlines()
    recs = [orjson.loads(x) for x in lines]
    big = tmp / "big.jsonl"
    copies = -(-records // len(recs))
    with open(big, "wb") as out:
        for k in range(copies):
            prefix = f"{k:05x}"
            buf = []
            for r in recs:
                r2 = dict(r)
                r2["doc"] = prefix + r["doc"][5:]
                buf.append(orjson.dumps(r2, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE))
            out.write(b"".join(buf))
    orgs = Counter(r["org"] for r in recs if r["type"] == "affiliation")
    speakers = Counter(r.get("speaker") for r in recs if r["type"] == "claim" and r.get("speaker"))
    info = {"base_records": len(recs), "records": len(recs) * copies, "bytes": big.stat().st_size,
            "org": orgs.most_common(1)[0][0] if orgs else "Bank",
            "speaker": speakers.most_common(1)[0][0] if speakers else None, "docs": docs, "wanted": records}
    info_file.write_bytes(orjson.dumps(info))
    return big, info


def best(cmd: list[str], repeat: int, **kw) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(repeat):
        run = timed(cmd, **kw)
        if run.returncode not in (0, 1):
            return float("nan"), run.stderr
        times.append(run.seconds)
        out = run.stdout
    return min(times), out


def rounds(cmds: list[list[str]], repeat: int) -> tuple[list[float], list[bytes]]:
    """The median wall time of each command over `repeat` rounds, the commands taking turns in
    each round (on a shared machine a load spike then hits both sides of a ratio), and its output."""
    times: list[list[float]] = [[] for _ in cmds]
    outs = [b""] * len(cmds)
    for _ in range(repeat):
        for k, cmd in enumerate(cmds):
            run = timed(cmd)
            times[k].append(run.seconds if run.returncode in (0, 1) else float("nan"))
            outs[k] = run.stdout
    return [statistics.median(t) for t in times], outs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="Build the store in DIR and keep it; a later run with the same --docs/--records reuses it.")
    ap.add_argument("--no-jq", action="store_true", help="Skip jq (the slowest side, timed once).")
    ap.add_argument("--only", action="append", metavar="NAME",
                    help="Only the queries whose name starts with NAME (repeatable), e.g. --only entities.")
    args = ap.parse_args()
    need_corpus(args.corpus)
    exe = cooptool_exe()
    jq = None if args.no_jq else shutil.which("jq")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            tmp = args.keep.resolve()
        store, info = build_store(exe, args.corpus, args.docs, args.records, tmp)
        org = info["org"].lower()
        speaker = (info["speaker"] or "").lower()
        queries = [
            ("who --org", [exe, "who", "--org", org, "--store", str(store), "--format", "jsonl"],
             'select(.type=="affiliation" and (([.org] + (.org_aliases // [])) | map(ascii_downcase | contains($q)) | any))',
             # The aliases joined by newlines (never in a query), not a lambda: DuckDB >= 1.3 rejects
             # `x -> ...` and DuckDB < 1.3 has no `lambda x: ...`.
             "SELECT * FROM STORE WHERE type='affiliation' AND (contains(lower(org), '{q}') OR "
             "contains(lower(array_to_string(org_aliases, chr(10))), '{q}'))", org),
            ("entities --type ORG", [exe, "entities", "--type", "ORG", "--store", str(store), "--format", "jsonl"],
             'select(.type=="entity" and .label=="ORG") | .name',
             "SELECT name, count(*) FROM STORE WHERE type='entity' AND label='ORG' GROUP BY name", ""),
        ]
        if speaker:
            queries.insert(1, ("said --by", [exe, "said", "--by", speaker, "--store", str(store), "--format", "jsonl"],
                               'select(.type=="claim" and ((.speaker // "") | ascii_downcase | contains($q)))',
                               "SELECT * FROM STORE WHERE type='claim' AND contains(lower(speaker), '{q}')", speaker))
        if args.only:
            queries = [x for x in queries if any(x[0].startswith(o) for o in args.only)]
        rows = []
        for name, cmd, jq_filter, sql, q in queries:
            run = timed(cmd)  # a first run brings the index up to date (and the store into the page cache)
            if run.returncode not in (0, 1):
                sys.exit(f"{name} failed: {run.stderr.decode()[-400:]}")
            duck_cmd = [sys.executable, "-c", DUCK, str(store), sql.format(q=q.replace("'", "''"))]
            (ours, t_duck), (out, duck_out) = rounds([cmd, duck_cmd], args.repeat)
            n_ours = len(out.splitlines())
            t_jq = float("nan")
            if jq:
                jq_cmd = ["jq", "-c", "--arg", "q", q, jq_filter, str(store)]
                if name.startswith("entities"):
                    jq_cmd = ["sh", "-c", f"jq -r '{jq_filter}' {store} | sort | uniq -c"]
                t_jq, _ = best(jq_cmd, 1)
            rows.append([name, f"{n_ours:,}", f"{ours:.2f}", f"{t_jq:.2f}", f"{t_duck:.2f}",
                         f"{t_jq / ours:.1f}x", f"{ours / t_duck:.2f}"])
        tiny = tmp / "tiny.jsonl"
        with open(store, "rb") as fh:
            tiny.write_bytes(b"".join(fh.readline() for _ in range(50)))
        (t_pass, t_help, t_who), _ = rounds([[sys.executable, "-c", "pass"], [exe, "--help"],
                                             [exe, "who", "--store", str(tiny), "--format", "jsonl"]], 5)
        print(f"machine: {machine()}")
        print(f"store: {info['records']:,} records ({info['bytes'] / 1e6:,.0f} MB), replicated from "
              f"{info['base_records']:,} records of {args.docs} articles; median of {args.repeat} rounds "
              "(cooptool and DuckDB taking turns; jq once)\n")
        print(table(rows, ["query", "rows", "cooptool s", "jq s", "duckdb s", "jq/cooptool", "cooptool/duckdb"]))
        print(f"\nstart-up: python -c pass {t_pass:.3f}s; cooptool --help {t_help:.3f}s; "
              f"cooptool who (tiny store) {t_who:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

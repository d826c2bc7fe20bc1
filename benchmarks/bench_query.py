"""Query speed on a large store: cooptool versus jq and DuckDB computing the same selection, in one run.

    python benchmarks/bench_query.py [--corpus ../shared/corpus/news] [--docs 300] [--records 1000000]

Builds a store of at least --records records by extracting --docs real articles and replicating
the output under new document ids, then times (best of --repeat) each query as a whole process:

- who --org ORG        : affiliations whose organisation or an alias contains ORG (case-insensitive)
- said --by NAME       : claims whose speaker contains NAME
- entities --type ORG  : ORG entities, counted per name

jq reads the same file with an equivalent filter; DuckDB (Python package, `read_json` with the
columns declared) runs the equivalent SQL with its default threads. Also start-up: `cooptool --help`
and `cooptool who` on a tiny store versus `python -c pass`. Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import shutil
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
            "speaker": speakers.most_common(1)[0][0] if speakers else None}
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    need_corpus(args.corpus)
    exe = cooptool_exe()
    jq = shutil.which("jq")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
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
        rows = []
        for name, cmd, jq_filter, sql, q in queries:
            ours, out = best(cmd, args.repeat)
            n_ours = len(out.splitlines())
            t_jq = float("nan")
            if jq:
                jq_cmd = ["jq", "-c", "--arg", "q", q, jq_filter, str(store)]
                if name.startswith("entities"):
                    jq_cmd = ["sh", "-c", f"jq -r '{jq_filter}' {store} | sort | uniq -c"]
                t_jq, _ = best(jq_cmd, 1)
            t_duck, duck_out = best([sys.executable, "-c", DUCK, str(store), sql.format(q=q.replace("'", "''"))],
                                    args.repeat)
            rows.append([name, f"{n_ours:,}", f"{ours:.2f}", f"{t_jq:.2f}", f"{t_duck:.2f}",
                         f"{t_jq / ours:.1f}x", f"{ours / t_duck:.2f}"])
        tiny = tmp / "tiny.jsonl"
        with open(store, "rb") as fh:
            tiny.write_bytes(b"".join(fh.readline() for _ in range(50)))
        t_pass, _ = best([sys.executable, "-c", "pass"], 5)
        t_help, _ = best([exe, "--help"], 5)
        t_who, _ = best([exe, "who", "--store", str(tiny), "--format", "jsonl"], 5)
        print(f"machine: {machine()}")
        print(f"store: {info['records']:,} records ({info['bytes'] / 1e6:,.0f} MB), replicated from "
              f"{info['base_records']:,} records of {args.docs} articles; best of {args.repeat}\n")
        print(table(rows, ["query", "rows", "cooptool s", "jq s", "duckdb s", "jq/cooptool", "cooptool/duckdb"]))
        print(f"\nstart-up: python -c pass {t_pass:.3f}s; cooptool --help {t_help:.3f}s; "
              f"cooptool who (tiny store) {t_who:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers the benchmark scripts share: corpus discovery, timed subprocesses, tables."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NEWS = ROOT.parent / "shared" / "corpus" / "news"
BIN = Path(sys.executable).parent


def cooptool_exe() -> str:
    exe = BIN / "cooptool"
    return str(exe) if exe.exists() else shutil.which("cooptool") or "cooptool"


def need_corpus(path: Path) -> None:
    if not path.exists():
        print(f"skipped: corpus {path} is absent", file=sys.stderr)
        sys.exit(0)


def news_files(corpus: Path, n: int) -> list[Path]:
    """n articles, taken round-robin across the categories so every size and topic is in."""
    per_cat = [sorted(p.glob("*.txt")) for p in sorted(corpus.iterdir()) if p.is_dir()] or [sorted(corpus.glob("*.txt"))]
    out: list[Path] = []
    i = 0
    while len(out) < n and any(i < len(c) for c in per_cat):
        for cat in per_cat:
            if i < len(cat) and len(out) < n:
                out.append(cat[i])
        i += 1
    return out


def link_corpus(files: list[Path], into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for k, f in enumerate(files):
        (into / f"{k:05d}_{f.parent.name}_{f.name}").symlink_to(f.resolve())
    return into


def words_of(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: bytes
    stderr: bytes
    cpu_seconds: float = 0.0  # user + system CPU of the command and its children (GNU time), 0 if unknown


def timed(cmd: list[str], *, stdin: bytes | None = None, env: dict | None = None, cwd: str | None = None) -> Run:
    """Wall time of one command (output captured)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, env=env, cwd=cwd)
    return Run(time.perf_counter() - start, 0.0, proc.returncode, proc.stdout, proc.stderr)


def timed_rss(cmd: list[str], **kw) -> Run:
    """Like `timed`, plus the command's own peak RSS (GNU time's %M) and its CPU seconds (%U + %S:
    on a shared machine a steadier measure than wall time) when /usr/bin/time exists."""
    gnu_time = "/usr/bin/time"
    if Path(gnu_time).exists():
        run = timed([gnu_time, "-f", "%M %U %S", *cmd], **kw)
        last = run.stderr.strip().splitlines()[-1:] or [b"0 0 0"]
        try:
            rss, user, system = last[0].split()
            run.max_rss_mb = int(rss) / 1024
            run.cpu_seconds = float(user) + float(system)
            run.stderr = b"\n".join(run.stderr.strip().splitlines()[:-1])
        except ValueError:
            pass
        return run
    return timed(cmd, **kw)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {mem}, {cpu}, Python {platform.python_version()}"


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)) + " |" for r in rows]
    return "\n".join([line, sep, *body])

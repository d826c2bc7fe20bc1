"""Headless Chromium for the browser tests: load a local page, return its DOM after the scripts
ran and every console message the page produced (a clean page produces none)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("COOPTOOL_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
_CONSOLE = re.compile(r":CONSOLE(?:\(\d+\))?:?\d*\] (.*)")


def available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def run(page: Path, *extra: str, timeout: int = 120) -> tuple[str, list[str], str]:
    """(stdout, console messages, stderr) of Chromium on a local file, with a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="cooptool-chromium-") as profile:
        proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)
    console = [m.group(1) for m in map(_CONSOLE.search, proc.stderr.splitlines()) if m]
    return proc.stdout, console, proc.stderr


def dump_dom(page: Path) -> tuple[str, list[str]]:
    dom, console, stderr = run(page, "--dump-dom")
    assert dom.strip(), f"Chromium printed no DOM: {stderr[-2000:]}"
    return dom, console


def screenshot(page: Path, out: Path, size: str = "1400,1000") -> list[str]:
    _, console, stderr = run(page, f"--screenshot={out}", f"--window-size={size}", "--hide-scrollbars")
    assert out.exists() and out.stat().st_size > 0, f"no screenshot: {stderr[-2000:]}"
    return console


def with_probe(page: Path, script: str) -> Path:
    """A copy of the page with `script` run after its own: it drives the page (clicks, hovers) and
    writes what it saw into the DOM, which --dump-dom then shows."""
    html = page.read_text(encoding="utf-8")
    probe = page.with_name(page.stem + ".probe.html")
    probe.write_text(html.replace("</body>", f"<script>{script}</script>\n</body>"), encoding="utf-8")
    return probe

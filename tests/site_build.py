"""Build the lessons' website once per test session, with the network blocked.

The build runs in a fresh Python whose sockets refuse to connect and whose name look-ups
fail, and which reports every attempt on stderr: a builder that fetched a theme or a
template from the web would fail or leave a trace here.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NETWORK_ATTEMPT = "NETWORK ATTEMPT"

BLOCKED_BUILD = f"""
import socket, sys
from pathlib import Path

def refuse(*args, **kwargs):
    sys.stderr.write("{NETWORK_ATTEMPT} " + repr(args[1:] or args) + "\\n")
    raise OSError("the network is blocked during the site build")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
sys.path.insert(0, {str(REPO / "book")!r})
from build_book import build_site
build_site(Path(sys.argv[1]))
"""


@dataclass
class BuiltSite:
    root: Path
    seconds: float
    stderr: str


def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built on first use in this session (under pytest's base temp folder)."""
    root = tmp_path_factory.getbasetemp() / "book-site"
    record = root.parent / "book-site.stderr"
    if not (root / "index.html").exists():
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", BLOCKED_BUILD, str(root)], cwd=REPO,
                              capture_output=True, text=True, timeout=600)
        seconds = time.monotonic() - started
        record.write_text(f"{seconds}\n{done.stderr}")
        assert done.returncode == 0, done.stderr[-3000:]
    seconds, _, stderr = record.read_text().partition("\n")
    return BuiltSite(root, float(seconds), stderr)

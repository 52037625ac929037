"""The bounded load test, short: clients and abusers together lose no request and leak no worker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skillgraph.build import BuildReport

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_short_mixed_load_loses_nothing_and_leaks_no_worker(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    command = [
        sys.executable, str(ROOT / "benchmarks" / "stress.py"), "--store", str(built[0]), "--duration", "12",
        "--clients", "3", "--abusers", "1", "--json", str(out), "--log", str(tmp_path / "server.log"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert summary["requests"] > 10 and summary["lost"] == 0  # every request got an HTTP answer
    assert summary["workers_after"] == summary["workers_configured"] == 2 and summary["zombies"] == 0
    assert summary["survivors_after_stop"] == 0
    by_status: dict[str, int] = summary["by_status"]
    # Abusive queries are never answered 200; cheap lookups never fail with a bug.
    assert not [k for k in by_status if k.startswith("abuser/") and k.endswith("/200")]
    assert all(k.split("/")[2] in {"200", "429", "503"} for k in by_status), by_status
    assert by_status.get("client/health/200", 0) == sum(v for k, v in by_status.items() if k.startswith("client/health"))

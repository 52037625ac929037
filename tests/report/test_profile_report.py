"""The HR report of a profile, from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


def test_profile_report_is_written_with_gaps_sources_and_trainings(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    out = tmp_path / "hr.html"
    result = CliRunner().invoke(
        app,
        ["profile", "report", str(EXAMPLES / "pharmacist-regulatory-affairs.csv"), "--family", "regulatory-affairs",
         "-o", str(out), "--store", str(built[0])],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'lang="fr"' in html and "Claire Martin" in html
    assert "8108" in html  # the source lines of the device-regulation requirement
    assert "dispositifs médicaux" in html and "http://" not in html and "https://" not in html


def test_profile_report_refuses_an_unknown_family(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["profile", "report", str(EXAMPLES / "pharmacist-regulatory-affairs.csv"), "--family", "astronaut",
         "-o", str(tmp_path / "x.html"), "--store", str(built[0])],
    )
    assert result.exit_code == 1 and result.stderr.startswith("error:")

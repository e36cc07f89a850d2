"""Packaging: every output from the core install, the published files inside the wheel.

The wheel itself is checked by tools/check_wheel.sh (builds it, installs it alone in a
fresh virtual environment, makes a report and runs the packaged suite); these tests check
the configuration that check relies on and the lookup of the packaged files.
"""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import pytest

from sroi_core import published
from sroi_core.cli import main
from sroi_core.schema_export import generate_schemas

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
Capture = pytest.CaptureFixture[str]


def _names(requirements: list[str]) -> set[str]:
    return {r.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip() for r in requirements}


def test_reports_and_spreadsheets_need_no_extra() -> None:
    core = _names(PYPROJECT["project"]["dependencies"])
    assert {"babel", "openpyxl", "pydantic", "jsonschema"} <= core
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert _names(extras["analysis"]) == {"pandas"}


def test_the_wheel_carries_the_suite_and_the_schemas() -> None:
    included = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["tests/conformance"] == "sroi_core/_published/conformance"
    assert included["schemas"] == "sroi_core/_published/schemas"
    assert published.PACKAGED == ROOT / "sroi_core" / "_published"


def test_the_packaged_suite_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert published.conformance_dir() == ROOT / "tests" / "conformance"
    packaged = tmp_path / "_published"
    (packaged / "conformance").mkdir(parents=True)
    (packaged / "conformance" / "README.md").write_text("suite", encoding="utf-8")
    monkeypatch.setattr(published, "PACKAGED", packaged)
    assert published.conformance_dir() == packaged / "conformance"


def test_no_suite_anywhere_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: Capture) -> None:
    monkeypatch.setattr(published, "PACKAGED", tmp_path / "a")
    monkeypatch.setattr(published, "REPOSITORY", tmp_path / "b")
    assert main(["conformance", "run"]) == 2
    assert "sroi conformance run DIR" in capsys.readouterr()[1]


def test_conformance_run_without_a_folder_runs_the_installed_suite(
    tmp_path: Path, capsys: Capture
) -> None:
    with contextlib.chdir(tmp_path):
        code = main(["conformance", "run"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "conformance" in err
    vectors = (ROOT / "tests" / "conformance").rglob("*.json")
    total = sum(1 for path in vectors if not path.name.endswith(".schema.json"))
    assert out.strip().splitlines()[-1] == f"{total} passed, 0 failed"


def test_published_schemas_are_the_generated_ones() -> None:
    version = "1.0"
    assert published.schema_dir(version) == ROOT / "schemas" / version
    assert published.published_schemas(version) == generate_schemas(version)

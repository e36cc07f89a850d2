"""Fuzz every command over mutated documents (issue 9): no exit 70, traceback or hang.

Hypothesis draws the seed of each round of ``tools/fuzz_cli.py`` (one mutated example
document, every command that reads it, in process, each call with a time limit). The run
is bounded (about a minute on two cores) and derandomised, so CI is reproducible; the
standalone script runs longer campaigns (``python tools/fuzz_cli.py --examples 2000``).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.fuzz


@cache
def fuzz_cli() -> ModuleType:
    """tools/fuzz_cli.py, imported once (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("fuzz_cli", ROOT / "tools" / "fuzz_cli.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_cli"] = module
    spec.loader.exec_module(module)
    return module


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_no_command_fails_on_a_mutated_document(seed: int) -> None:
    outcomes = fuzz_cli().fuzz_document(seed, timeout=60.0)
    assert outcomes, "every round runs at least one command"
    failures = [o for o in outcomes if o.failure is not None]
    assert not failures, [(" ".join(o.argv), o.code, o.failure) for o in failures]
    assert all(o.code in (0, 1, 2) for o in outcomes), [(o.argv, o.code) for o in outcomes]


def test_the_fuzz_detects_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: a command that crashes is reported, not passed."""
    module = fuzz_cli()

    def crash(_argv: list[str]) -> int:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(module, "sroi_main", crash)
    outcome = module.run_one(["validate", "x.json"], timeout=5.0)
    assert outcome.code == "raised"
    assert outcome.failure is not None

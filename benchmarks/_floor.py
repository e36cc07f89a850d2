"""The floor every document benchmark is measured against, in the same run.

The floor is what any validator of the same text must at least do: parse it with the
standard library (``json.loads``) and check it against the JSON Schema with a compiled
validator (jsonschema-rs ``is_valid``, built before timing). Peak memory is measured in
fresh child processes, each reporting its own peak RSS (VmHWM, reset after the imports)
above its RSS after imports.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema_rs

from sroi_core.model.codes import DocumentType
from sroi_core.validation.schema_layer import schema_for

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
mode, path = sys.argv[1], Path(sys.argv[2])
import jsonschema_rs
from sroi_core.documents import validate_file
from sroi_core.model.codes import DocumentType
from sroi_core.validation.schema_layer import schema_for, fast_validator_for
import re
head = path.read_text(encoding="utf-8")[:4096]
version = re.search(r'"standardVersion"\s*:\s*"([^"]+)"', head)[1]
validator = jsonschema_rs.validator_for(schema_for(version, DocumentType.BID))
fast_validator_for(DocumentType.BID, version)
import gc; gc.collect()
try:
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the RSS now
except OSError:
    pass
base = status("VmRSS")
start = time.perf_counter()
if mode == "floor":
    ok = validator.is_valid(json.loads(path.read_text(encoding="utf-8")))
elif mode == "whole":  # the whole document in memory, as before streaming
    ok = validate_file(path, full_schema=False).valid
else:
    ok = validate_file(path).valid
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "valid": ok, "baseMiB": base, "peakMiB": status("VmHWM")}))
"""


def version_of(text: str) -> str:
    """The ``standardVersion`` a document's text states (the benchmarks write it first)."""
    found = re.search(r'"standardVersion"\s*:\s*"([^"]+)"', text[:4096])
    assert found, "the benchmark document states its standardVersion near its start"
    return found.group(1)


def floor_seconds(text: str, doc_type: DocumentType = DocumentType.BID) -> float:
    """Seconds of ``json.loads`` plus jsonschema-rs ``is_valid`` on ``text`` (in process).

    The schema is the one of the document's own ``standardVersion``, as in validation.
    """
    validator = jsonschema_rs.validator_for(schema_for(version_of(text), doc_type))
    start = time.perf_counter()
    valid = validator.is_valid(json.loads(text))
    seconds = time.perf_counter() - start
    assert valid, "the benchmark document must be valid"
    return seconds


def child_peak(mode: str, path: Path) -> dict[str, Any]:
    """Run ``floor``, ``validate`` or ``whole`` on ``path`` in a fresh process; time, memory.

    ``validate`` is ``validate_file`` as users get it (a large bid streams), ``whole`` the
    same file validated whole in memory (``full_schema=False``, as a loader asks).
    """
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["netMiB"] = round(figures["peakMiB"] - figures["baseMiB"], 1)
    return figures

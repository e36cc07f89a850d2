"""Write the conformance vectors of the 2.0 canonical form (``inputSha256``).

Two 2.0 documents (a catalogue and a bid, migrated from a 1.0 document vector) are
written twice: as migrated, and with every decimal in another notation (trailing zeros
added) and every list with ids reversed. Both vectors expect the same ``inputSha256``:
the digest depends on the inputs' meaning, not their notation. The digest is computed
once here by the reference implementation and committed; other implementations must
reproduce it from docs/canonical-form.md.

    python tools/make_canonical_vectors.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sroi_core.catalogue_store import CatalogueStore
from sroi_core.documents import parse_document
from sroi_core.migrate import migrate_document
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "conformance" / "document" / "bid-units-kg-to-tonne.json"
TARGET = ROOT / "tests" / "conformance" / "document"
_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_NOT_DECIMAL = {"standardVersion", "version", "id", "code", "scheme", "indicator"}


def _renotated(node: Any, key: str = "") -> Any:
    """Decimal strings with trailing zeros added; lists of objects with ids reversed."""
    if isinstance(node, dict):
        return {k: _renotated(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_renotated(item, key) for item in node]
        if items and all(isinstance(i, dict) and "id" in i for i in items):
            items.reverse()
        return items
    if isinstance(node, str) and key not in _NOT_DECIMAL and _DECIMAL.fullmatch(node):
        if key == "amount" and "." in node:
            return node  # money has at most two decimals in 2.0: reverse nothing here
        return node + ("0" if "." in node else ".00")
    return node


def _digest(documents: dict[str, Any]) -> str:
    catalogue = parse_document(json.dumps(documents["catalogue"]))
    subject = parse_document(json.dumps(documents["subject"]))
    store = CatalogueStore(builtin=False)
    store.add(catalogue)  # type: ignore[arg-type]
    return value_document(subject, catalogue).input_sha256  # type: ignore[arg-type]


def main() -> None:
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    documents = {
        role: migrate_document(source["documents"][role]).data for role in ("catalogue", "subject")
    }
    variants = {
        "canonical-digest-2-0": (documents, "as written"),
        "canonical-digest-2-0-other-notation": (
            {role: _renotated(doc) for role, doc in documents.items()},
            'with every decimal written with extra trailing zeros ("0.0225" as "0.02250", '
            '"2" as "2.00") and every list of objects with ids in reverse order',
        ),
    }
    digests = {name: _digest(docs) for name, (docs, _) in variants.items()}
    assert len(set(digests.values())) == 1, digests
    for name, (docs, how) in variants.items():
        vector = {
            "id": name,
            "kind": "document",
            "description": "The inputSha256 of a 2.0 valuation is SHA-256 of the canonical form "
            "of its inputs (docs/canonical-form.md): decimals in shortest exact form, lists "
            "with ids sorted by id, RFC 8785 serialisation. The catalogue and bid of vector "
            f"bid-units-kg-to-tonne, migrated to 2.0, {how}; every variant has the same digest.",
            "documents": docs,
            "expected": {"inputSha256": digests[name]},
        }
        path = TARGET / f"{name}.json"
        path.write_text(json.dumps(vector, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path, digests[name])


if __name__ == "__main__":
    main()

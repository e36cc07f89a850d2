"""Two standard versions side by side: frozen 1.0 schemas, version marks, migration."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sroi_core._version import FROZEN_STANDARD_VERSIONS, STANDARD_VERSION
from sroi_core.cli import main
from sroi_core.documents import dump_document, parse_document
from sroi_core.errors import DocumentInvalidError, InputError
from sroi_core.migrate import NoteKind, migrate_document
from sroi_core.model.versions import apply_marks, since, until
from sroi_core.schema_export import generate_schemas

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("version", FROZEN_STANDARD_VERSIONS)
def test_frozen_schemas_are_the_published_files(version: str) -> None:
    """A frozen version's schema files never change: their digests are recorded."""
    folder = ROOT / "schemas" / version
    recorded = dict(
        reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines()
    )
    actual = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.glob("*.schema.json")
    }
    assert actual == recorded
    schemas = generate_schemas(version)
    assert {f"{name}.schema.json" for name in schemas} == set(recorded)
    assert schemas["bid"] == json.loads((folder / "bid.schema.json").read_text())


def test_marks_decide_presence_and_requiredness_per_version() -> None:
    schema = {
        "type": "object",
        "properties": {
            "old": {"type": "string", **until("1.0")},
            "new": {"type": "string", **since("2.0", required=True)},
            "extra": {"type": "string", **since("2.0")},
            "always": {"type": "string"},
        },
        "required": ["old", "always"],
    }
    one = apply_marks(schema, "1.0")
    two = apply_marks(schema, "2.0")
    assert set(one["properties"]) == {"old", "always"}
    assert one["required"] == ["old", "always"]
    assert set(two["properties"]) == {"new", "extra", "always"}
    assert sorted(two["required"]) == ["always", "new"]
    assert "x-sroi-version" not in json.dumps([one, two])


def test_a_1_0_document_is_judged_by_the_1_0_schema() -> None:
    """A field the 1.0 schema does not know is refused in a 1.0 file, as published."""
    data = json.loads((EXAMPLES / "bid.json").read_text())
    data["inventedLater"] = "x"
    with pytest.raises(DocumentInvalidError) as caught:
        parse_document(json.dumps(data), "bid.json")
    assert "inventedLater" in str(caught.value)


@pytest.mark.parametrize(
    "name", ["tender.json", "bid.json", "evidence-report.json", "catalogue.illustrative.json"]
)
def test_migrated_examples_are_the_committed_2_0_examples(name: str, tmp_path: Path) -> None:
    """``sroi migrate`` of each 1.0 example gives a valid 2.0 document.

    The committed 2.0 examples started as these migrations; they differ where 2.0 needs
    what 1.0 lacks, so here only validity and the version are compared.
    """
    out = tmp_path / name
    assert main(["migrate", str(EXAMPLES / name), "-o", str(out)]) == 0
    migrated = parse_document(out.read_text(encoding="utf-8"), str(out))
    assert migrated.standard_version == STANDARD_VERSION
    committed = parse_document((EXAMPLES / "2.0" / name).read_text(encoding="utf-8"))
    assert committed.standard_version == STANDARD_VERSION
    assert dump_document(committed) == (EXAMPLES / "2.0" / name).read_text(encoding="utf-8")


def test_migration_logs_what_it_did_and_leaves_the_input_alone() -> None:
    data = json.loads((EXAMPLES / "bid.json").read_text())
    before = json.dumps(data)
    migration = migrate_document(data)
    assert json.dumps(data) == before
    assert migration.data["standardVersion"] == STANDARD_VERSION
    assert next(iter(migration.data)) == "standardVersion"
    notes = migration.notes
    assert any(n.kind is NoteKind.CHANGED and n.pointer == "/standardVersion" for n in notes)
    assert all(n.message_nl for n in migration.notes)


@pytest.mark.parametrize(
    "data", [[], {"standardVersion": "0.9", "documentType": "bid"}, {"documentType": "bid"}]
)
def test_migration_refuses_what_it_cannot_read(data: object) -> None:
    with pytest.raises(InputError):
        migrate_document(data)  # type: ignore[arg-type]


def test_a_1_0_bid_keeps_its_1_0_valuation(capsys: pytest.CaptureFixture[str]) -> None:
    """Valuing a 1.0 bid gives a 1.0 valuation with the committed figures, byte for byte."""
    code = main([
        "value", str(EXAMPLES / "bid.json"), "--catalogue",
        str(EXAMPLES / "catalogue.illustrative.json"), "--tender", str(EXAMPLES / "tender.json"),
        "--format", "json",
    ])
    assert code == 0
    assert capsys.readouterr().out == (EXAMPLES / "valuation.json").read_text(encoding="utf-8")

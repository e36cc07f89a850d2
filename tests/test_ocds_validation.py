"""``sroi ocds export`` and the OCDS extension against the real OCDS 1.1.5 schemas, offline.

The schemas are copies in ``tests/data/ocds`` (``SOURCE.md`` names version, URL, licence
and digests). A release package is checked against the release-package schema, and each
release against the release schema patched with the standard's extension (JSON Merge
Patch, RFC 7386, as OCDS applies extensions), with the schemas' own draft (Draft 4) and
explicit format checks, so the verdict does not depend on which format packages happen to
be installed. Where the OCDS tools from PyPI are installed (the ``ocds`` extra, part of
``dev``), they check the same packages: ``libcoveocds`` (the library behind the OCDS Data
Review Tool), ``ocdsmerge`` (compiles releases into a record) and ``jscc`` (the checks the
OCDS maintainers run on every extension).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import re
import shutil
import threading
import warnings
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4

from sroi_core.cli import main
from sroi_core.ocds import EXTENSION_URL, LOTS_EXTENSION_URL

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ocds"
OCDS = DATA / "standard-1__1__5" / "schema"
EXTENSION = ROOT / "ocds-extension"
LOTS = DATA / "ocds_lots_extension-v1.1.5"
EXTENSION_FOLDERS = {EXTENSION_URL: EXTENSION, LOTS_EXTENSION_URL: LOTS}
"""The local copy of each extension a package may declare, by its published URL."""
PUBLISHED = "2026-05-01T12:00:00Z"
LINKS = {"awardId": "award-vig", "contractId": "contract-vig", "lot": "lot-1"}


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch: how OCDS applies an extension's release-schema.json."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if RFC3339.fullmatch(value) is None:
        return False
    dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))  # raises if not a real instant
    return True


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    return not isinstance(value, str) or dt.date.fromisoformat(value).isoformat() == value


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    """An absolute URI (RFC 3986): a scheme, a colon and no whitespace."""
    return (
        not isinstance(value, str)
        or re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:\S+", value) is not None
    )


@functools.cache
def patched_release_schema(extensions: tuple[str, ...] = (EXTENSION_URL,)) -> dict[str, Any]:
    """The OCDS 1.1.5 release schema with the declared extensions applied in order."""
    schema = _json(OCDS / "release-schema.json")
    for url in extensions:
        schema = merge_patch(schema, _json(EXTENSION_FOLDERS[url] / "release-schema.json"))
    return schema  # type: ignore[no-any-return]


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every object closed, so a field that neither the core nor a declared
    extension defines fails (what the Data Review Tool reports as an additional field)."""
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def package_errors(package: dict[str, Any]) -> list[str]:
    """Every error of the package against the release-package schema and of each release
    against the patched release schema (and the strict one), as ``where: message``."""
    core_id = _json(OCDS / "release-schema.json")["id"]
    patched = patched_release_schema(tuple(package.get("extensions", [])))
    registry: Registry[Any] = Registry().with_resource(core_id, DRAFT4.create_resource(patched))
    package_schema = _json(OCDS / "release-package-schema.json")
    validators = [(Draft4Validator(package_schema, registry=registry, format_checker=FORMATS), "")]
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for validator, _ in validators
        for error in validator.iter_errors(package)
    ]
    for schema in (patched, strict(patched)):
        release_validator = Draft4Validator(schema, format_checker=FORMATS)
        for release in package.get("releases", []):
            errors += [
                f"{release.get('id')}/{'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in release_validator.iter_errors(release)
            ]
    return errors


def _with(data_path: Path, tmp_path: Path, extra: dict[str, str]) -> Path:
    data = {**_json(data_path), **extra}
    path = tmp_path / f"{data_path.parent.name}-{data_path.name}"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _value(tmp_path: Path, subject: Path, tender: Path, catalogue: Path | None) -> Path:
    out = tmp_path / f"valuation-{subject.name}"
    args = ["value", str(subject), "--tender", str(tender), "--format", "json", "-o", str(out)]
    if catalogue is not None:
        args += ["--catalogue", str(catalogue)]
    assert main(args) == 0
    return out


def export(tmp_path: Path, case: str) -> dict[str, Any]:
    """The release package ``sroi ocds export`` writes for one of the example sets."""
    if case == "pilot-2.0":
        folder = ROOT / "examples" / "2.0" / "pilot"
        tender, catalogue = folder / "tender.json", None
        bid = _with(folder / "bid-honest.json", tmp_path, LINKS)
        files = [bid, _value(tmp_path, bid, tender, catalogue)]
    else:
        folder = ROOT / "examples" / ("2.0" if case == "examples-2.0" else "")
        tender, catalogue = folder / "tender.json", folder / "catalogue.illustrative.json"
        links = LINKS if case == "examples-2.0" else {}
        bid = _with(folder / "bid.json", tmp_path, links)
        report = _with(folder / "evidence-report.json", tmp_path, links)
        files = [
            bid,
            report,
            _value(tmp_path, bid, tender, catalogue),
            _value(tmp_path, report, tender, catalogue),
        ]
    out = tmp_path / "release-package.json"
    args = ["ocds", "export", str(tender), *map(str, files), "--published", PUBLISHED]
    assert main([*args, "-o", str(out)]) == 0
    return _json(out)  # type: ignore[no-any-return]


CASES = ["pilot-2.0", "examples-2.0", "examples-1.0"]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return {case: export(tmp_path_factory.mktemp(case), case) for case in CASES}


def test_the_reference_files_are_the_published_ones() -> None:
    rows = re.findall(
        r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", (DATA / "SOURCE.md").read_text(), re.M
    )
    assert len(rows) >= 20
    for name, digest in rows:
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
    listed = {name for name, _ in rows}
    present = {
        p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.suffix in {".json", ".csv"}
    }
    assert listed == present


@pytest.mark.parametrize("case", CASES)
def test_the_exported_package_validates_against_ocds_1_1(
    case: str, packages: dict[str, dict[str, Any]]
) -> None:
    package = packages[case]
    assert package_errors(package) == []
    tags = [release["tag"] for release in package["releases"]]
    expected = [["tender"], ["award", "contract"]]
    assert tags == (expected if case == "pilot-2.0" else [*expected, ["implementation"]])


def test_the_pilot_package_carries_the_award_and_its_valuation(
    packages: dict[str, dict[str, Any]],
) -> None:
    tender, award_release = packages["pilot-2.0"]["releases"]
    assert tender["tender"]["contractPeriod"] == {
        "startDate": "2027-01-01T00:00:00Z",
        "endDate": "2029-12-31T23:59:59Z",
    }
    award = award_release["awards"][0]
    assert award["id"] == "award-vig"
    assert award_release["contracts"] == [{"id": "contract-vig", "awardID": "award-vig"}]
    honest = _json(ROOT / "examples" / "2.0" / "pilot" / "bid-honest.json")
    assert [c["id"] for c in award["socialValueCommitments"]] == [
        c["id"] for c in honest["commitments"]
    ]
    perspectives = award["socialValueValuation"]["totals"]["byPerspective"]
    assert [p["perspective"] for p in perspectives] == ["public-purse"]


def _broken(package: dict[str, Any], change: str) -> dict[str, Any]:
    package = copy.deepcopy(package)
    tender, award_release, implementation = package["releases"]
    award = award_release["awards"][0]
    report = implementation["contracts"][0]["implementation"]["socialValueReports"][0]
    if change == "no release date":
        del tender["date"]
    elif change == "date without time":
        tender["date"] = "2026-05-01"
    elif change == "unknown tag":
        tender["tag"] = ["awarded"]
    elif change == "version 1.1.0":
        package["version"] = "1.1.0"
    elif change == "no publisher":
        del package["publisher"]
    elif change == "contract without awardID":
        del award_release["contracts"][0]["awardID"]
    elif change == "commitment without id":
        del award["socialValueCommitments"][0]["id"]
    elif change == "unknown fulfilment":
        award["socialValueCommitments"][0]["fulfilment"] = "buy-off"
    elif change == "undeclared extension field":
        report["realised"][0]["verifiedBy"] = "the buyer"
    elif change == "quantity as a number":
        report["realised"][0]["quantity"]["value"] = 4
    elif change == "lots extension not declared":
        package["extensions"].remove(LOTS_EXTENSION_URL)
    return package


@pytest.mark.parametrize(
    "change",
    [
        "no release date",
        "date without time",
        "unknown tag",
        "version 1.1.0",
        "no publisher",
        "contract without awardID",
        "commitment without id",
        "unknown fulfilment",
        "undeclared extension field",
        "quantity as a number",
        "lots extension not declared",
    ],
)
def test_the_check_refuses_a_broken_package(
    change: str, packages: dict[str, dict[str, Any]]
) -> None:
    package = packages["examples-2.0"]
    assert package_errors(package) == []
    assert package_errors(_broken(package, change)) != []


def test_the_patched_release_schema_is_valid_ocds_schema() -> None:
    """The OCDS meta-schema (Draft 4 plus codelist, openCodelist, wholeListMerge, ...)."""
    meta = _json(OCDS / "meta-schema.json")
    validator = Draft4Validator(meta)
    assert [e.message for e in validator.iter_errors(patched_release_schema())] == []
    assert patched_release_schema() != _json(OCDS / "release-schema.json")


def _extension_fields() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(definition, field, field schema, definition schema) of every field the patch adds."""
    patch = _json(EXTENSION / "release-schema.json")
    for name, definition in patch["definitions"].items():
        for field, schema in definition.get("properties", {}).items():
            yield name, field, schema, definition


def test_the_extension_follows_the_ocds_schema_conventions() -> None:
    """What the OCDS maintainers check on an extension's release-schema.json (1.1 rules)."""
    patch = _json(EXTENSION / "release-schema.json")
    core = _json(OCDS / "release-schema.json")["definitions"]
    for name, definition in patch["definitions"].items():
        assert re.fullmatch(r"[A-Z][A-Za-z]+", name), name
        if name not in core:
            assert {"title", "description", "type"} <= set(definition), name
    for name, field, schema, definition in _extension_fields():
        where = f"{name}.{field}"
        assert re.fullmatch(r"[a-z][A-Za-z]+", field), where
        assert schema.get("title"), where
        assert schema.get("description"), where
        if "$ref" in schema:
            continue
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        required = field in definition.get("required", [])
        # OCDS 1.1: optional fields allow null, required ones do not; arrays of objects
        # are never null and merge by `id` (required) unless they are merged whole
        if types[0] == "array" and "$ref" in schema["items"]:
            assert "null" not in types, where
            target = patch["definitions"][schema["items"]["$ref"].rsplit("/", 1)[1]]
            assert schema.get("wholeListMerge") or "id" in target.get("required", []), where
        else:
            assert ("null" in types) is not required, where
        if "codelist" in schema:
            assert schema["openCodelist"] is False
            assert (EXTENSION / "codelists" / schema["codelist"]).is_file(), where
            codes = [row["Code"] for row in _codelist(schema["codelist"])]
            assert schema["enum"] == [*codes, None], where


def _codelist(name: str) -> list[dict[str, str]]:
    text = (EXTENSION / "codelists" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_extension_codelists_have_the_ocds_columns() -> None:
    for path in sorted((EXTENSION / "codelists").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == "Code,Title,Description", path.name
        rows = _codelist(path.name)
        assert rows
        assert all(all(row[column] for column in ("Code", "Title", "Description")) for row in rows)
        assert len({row["Code"] for row in rows}) == len(rows)


def test_the_extension_metadata_is_valid_for_the_registry() -> None:
    """extension.json against the OCDS maintainers' extension schema.

    One gap is known and stated: the registry requires a ``contactPoint`` (a name and an
    email address) and the standard has no published contact address yet, so it is
    taken out of ``required`` here; docs/ocds.md lists it as the step before registering.
    """
    schema = _json(DATA / "standard-maintenance-scripts" / "extension-schema.json")
    schema["required"].remove("contactPoint")
    metadata = _json(EXTENSION / "extension.json")
    errors = Draft4Validator(schema, format_checker=FORMATS).iter_errors(metadata)
    assert [e.message for e in errors] == []
    assert set(metadata["name"]) == set(metadata["description"]) == {"en", "nl"}
    assert metadata["compatibility"] == ["1.1"]
    assert metadata["schemas"] == ["release-schema.json"]
    files = sorted(p.name for p in (EXTENSION / "codelists").glob("*.csv"))
    assert sorted(metadata["codelists"]) == files
    assert (EXTENSION / "README.md").is_file()


# --- the OCDS tools from PyPI, where installed (extra `ocds`) -------------------------


def test_jscc_finds_nothing_in_the_patched_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks of the OCDS maintainers' test_json_merge_patch, with their exemptions
    for the OCDS 1.1 core (Amendment.changes is deprecated and predates the rules)."""
    checks = pytest.importorskip("jscc.testing.checks", reason="jscc not installed (extra ocds)")
    jsonref = pytest.importorskip("jsonref", reason="jsonref not installed (comes with extra ocds)")
    codelists = tmp_path / "codelists"
    codelists.mkdir()
    for path in [*OCDS.glob("codelists/*.csv"), *EXTENSION.glob("codelists/*.csv")]:
        (codelists / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(tmp_path)  # jscc finds codelists under the working directory
    patched = patched_release_schema()
    changes = "/definitions/Amendment/properties/changes/items"
    name = "release-schema.json"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        errors = sum(
            [
                checks.validate_schema(
                    name, patched, Draft4Validator(_json(OCDS / "meta-schema.json"))
                ),
                checks.validate_array_items(
                    name, patched, allow_invalid={f"{changes}/properties/former_value"}
                ),
                checks.validate_items_type(name, patched, allow_invalid={changes}),
                checks.validate_codelist_enum(name, patched),
                checks.validate_letter_case(name, patched, property_exceptions={"former_value"}),
                checks.validate_merge_properties(name, patched),
                checks.validate_metadata_presence(name, patched),
                checks.validate_object_id(
                    name,
                    jsonref.replace_refs(patched),
                    allow_missing=lambda pointer: pointer.endswith("/changes"),
                    allow_optional={
                        "/definitions/Amendment",
                        "/definitions/Organization",
                        "/definitions/OrganizationReference",
                        "/definitions/RelatedProcess",
                    },
                ),
                checks.validate_null_type(
                    name,
                    patched,
                    allow_object_null={
                        f"{changes}/properties/former_value",
                        "/definitions/Organization/properties/details",
                    },
                    allow_no_null={
                        f"{changes}/properties/property",
                        "/definitions/Organization/properties/id",
                        "/definitions/OrganizationReference/properties/id",
                        "/definitions/RelatedProcess/properties/id",
                    },
                ),
                checks.validate_deep_properties(name, _json(EXTENSION / "release-schema.json")),
            ]
        )
    assert [str(w.message) for w in caught] == []
    assert errors == 0


def _zip(folder: Path, prefix: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{prefix}/", "")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{prefix}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture
def extension_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The extensions served on 127.0.0.1, as their publishers serve them at their URLs:
    the loopback URL that stands in for each published URL."""
    served = tmp_path_factory.mktemp("served")
    names = {url: f"extension-{number}" for number, url in enumerate(EXTENSION_FOLDERS)}
    for url, folder in EXTENSION_FOLDERS.items():
        shutil.copytree(folder, served / names[url])
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        yield {url: f"{base}/{name}/extension.json" for url, name in names.items()}
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("case", CASES)
def test_libcoveocds_reports_nothing(
    case: str, packages: dict[str, dict[str, Any]], extension_urls: dict[str, str], tmp_path: Path
) -> None:
    """The Data Review Tool's library, offline: the OCDS 1.1.5 schema from the local copy
    (its ``standard_zip`` setting) and the extension from the loopback server."""
    api = pytest.importorskip("libcoveocds.api", reason="libcoveocds not installed (extra ocds)")
    config_module = pytest.importorskip("libcoveocds.config")
    package = copy.deepcopy(packages[case])
    package["extensions"] = [extension_urls[url] for url in package["extensions"]]
    config = config_module.LibCoveOCDSConfig(
        {"standard_zip": _zip(OCDS.parent, "standard-1__1__5"), "context": "api"}
    )
    result = api.ocds_json_output(
        str(tmp_path), json_data=package, lib_cove_ocds_config=config, schema_version="1.1"
    )
    assert result["version_used"] == "1.1"
    assert result["extensions"]["invalid_extension"] == {}
    assert result["extensions"]["is_extended_schema"] is True
    assert result["validation_errors"] == []
    assert result["additional_fields"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}
    assert result["additional_checks"] == {}


def test_ocdsmerge_compiles_the_releases_into_one_record(
    packages: dict[str, dict[str, Any]],
) -> None:
    """Merged with the patched schema's merge rules, the record keeps what each stage said."""
    ocdsmerge = pytest.importorskip("ocdsmerge", reason="ocdsmerge not installed (extra ocds)")
    package = packages["examples-2.0"]
    merger = ocdsmerge.Merger(schema=patched_release_schema(tuple(package["extensions"])))
    compiled = merger.create_compiled_release(package["releases"])
    assert package_errors({**package, "releases": [compiled]}) == []
    tender = _json(ROOT / "examples" / "2.0" / "tender.json")
    assert compiled["tender"]["socialValue"]["catalogue"] == tender["catalogue"]
    (award,) = compiled["awards"]
    (contract,) = compiled["contracts"]
    assert contract["awardID"] == award["id"] == "award-vig"
    assert len(award["socialValueCommitments"]) == len(
        package["releases"][1]["awards"][0]["socialValueCommitments"]
    )
    (report,) = contract["implementation"]["socialValueReports"]
    assert report["valuation"]["standardVersion"] == "2.0"

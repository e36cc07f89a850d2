"""Which edition of `nl` a document gets: the written rule of docs/versioning.md.

A reference without a version means the newest shipped edition made for the document's own
major standard version (1.0 -> nl 2026.1, 2.0 -> nl 2026.2); an explicit version always
wins; a 1.0 document pinning a 2.0 edition is an error, a 2.0 document pinning a 1.0 edition
works with a warning. Both editions are shipped; 2026.1 stays as published.
"""

from __future__ import annotations

import copy
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sroi_core.catalogue_store import CatalogueStore, newest_edition, version_key
from sroi_core.cli import main
from sroi_core.documents import parse_document, validate_text
from sroi_core.errors import ValuationError
from sroi_core.model.bid import Bid
from sroi_core.model.catalogue import Catalogue
from sroi_core.model.types import DocumentRef
from sroi_core.rules import Severity, get_rule
from sroi_core.valuation.document import value_document

ROOT = Path(__file__).resolve().parents[1]
BID_1_0 = ROOT / "examples" / "pilot" / "bid-a.json"
TENDER_1_0 = ROOT / "examples" / "pilot" / "tender.json"
BID_2_0 = ROOT / "examples" / "2.0" / "pilot" / "bid-honest.json"
TENDER_2_0 = ROOT / "examples" / "2.0" / "pilot" / "tender.json"
PUBLISHED_2026_1_SHA256 = "f76dcb98dc54717669fc19c645d57dfa46eab1dc5b4c0561f4fa74c79c8878c1"
"""SHA-256 of sroi_core/catalogues/nl-2026.1.json as published on main before 2026.2 shipped."""

STORE = CatalogueStore()


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _with_catalogue(path: Path, version: str | None) -> dict[str, Any]:
    data = _data(path)
    data["catalogue"] = {"id": "nl"} if version is None else {"id": "nl", "version": version}
    return data


def _findings(data: dict[str, Any]) -> dict[str, Any]:
    report = validate_text(json.dumps(data), "bid.json", STORE)
    return {f.rule_id: f for f in report.findings}


def _catalogue(version: str, standard: str) -> Catalogue:
    base = STORE.resolve("nl", "2026.1")
    return base.model_copy(update={"version": version, "standard_version": standard})


# --- both editions ship; 2026.1 is unchanged ------------------------------------------------


def test_both_editions_are_built_in_with_their_standard_versions() -> None:
    editions = {c.version: c.standard_version for c in STORE.all() if c.id == "nl"}
    assert editions == {"2026.1": "1.0", "2026.2": "2.0"}


def test_the_published_2026_1_file_is_byte_identical() -> None:
    shipped = ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == PUBLISHED_2026_1_SHA256


# --- the rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "expected"), [("1.0", "2026.1"), ("2.0", "2026.2"), (None, "2026.2")]
)
def test_a_reference_without_version_means_the_newest_edition_of_the_documents_major(
    standard: str | None, expected: str
) -> None:
    found = STORE.find(DocumentRef(id="nl"), standard)
    assert found is not None
    assert found.version == expected


@pytest.mark.parametrize("standard", ["1.0", "2.0"])
@pytest.mark.parametrize("pinned", ["2026.1", "2026.2"])
def test_an_explicit_edition_always_wins(standard: str, pinned: str) -> None:
    found = STORE.find(DocumentRef(id="nl", version=pinned), standard)
    assert found is not None
    assert found.version == pinned
    assert STORE.find(DocumentRef(id="nl", version="2099.1"), standard) is None


def test_a_later_edition_for_the_same_major_is_preferred_and_the_users_copy_first() -> None:
    store = CatalogueStore([_catalogue("2026.3", "1.0")])
    found = store.find(DocumentRef(id="nl"), "1.0")
    assert found is not None
    assert found.version == "2026.3"
    assert store.resolve("nl", standard_version="2.0").version == "2026.2"
    copy_of_first = _catalogue("2026.1", "1.0")
    store = CatalogueStore([copy_of_first])
    assert store.find(DocumentRef(id="nl", version="2026.1"), "1.0") is copy_of_first


_EDITIONS = st.lists(
    st.tuples(
        st.tuples(st.integers(2020, 2030), st.integers(1, 12)), st.sampled_from(["1.0", "2.0"])
    ),
    min_size=1,
    max_size=6,
)


@given(_EDITIONS, st.sampled_from(["1.0", "2.0"]))
def test_newest_edition_property(
    editions: list[tuple[tuple[int, int], str]], standard: str
) -> None:
    catalogues = [_catalogue(f"{year}.{n}", std) for (year, n), std in editions]
    chosen = newest_edition(catalogues, standard)
    assert chosen is not None
    same_major = [c for c in catalogues if c.standard_version == standard]
    pool = same_major or catalogues
    assert chosen.standard_version == pool[0].standard_version
    assert all(version_key(chosen.version) >= version_key(c.version) for c in pool)


# --- mismatched pins are findings of the rule catalogue ----------------------------------------


def test_both_mismatch_rules_have_dutch_and_english_templates() -> None:
    newer = get_rule("ref.catalogue-edition-newer")
    older = get_rule("ref.catalogue-edition-older")
    assert newer.severity is Severity.ERROR
    assert older.severity is Severity.WARNING
    for rule in (newer, older):
        assert rule.template
        assert rule.template_nl
        assert rule.template != rule.template_nl


def test_a_1_0_bid_pinning_the_2_0_edition_is_refused() -> None:
    found = _findings(_with_catalogue(BID_1_0, "2026.2"))
    finding = found["ref.catalogue-edition-newer"]
    assert finding.severity is Severity.ERROR
    assert finding.pointer == "/catalogue"
    assert "nl 2026.2" in finding.message
    assert "nl 2026.2" in finding.message_nl
    assert "standaard 1.0" in finding.message_nl


def test_a_2_0_bid_pinning_the_1_0_edition_works_with_a_warning() -> None:
    found = _findings(_with_catalogue(BID_2_0, "2026.1"))
    assert found["ref.catalogue-edition-older"].severity is Severity.WARNING
    assert not any(f.severity is Severity.ERROR for f in found.values())


@pytest.mark.parametrize(("path", "version"), [(BID_1_0, None), (BID_2_0, None)])
def test_no_finding_when_the_rule_picks_the_edition(path: Path, version: str | None) -> None:
    found = _findings(_with_catalogue(path, version))
    assert not {"ref.catalogue-edition-newer", "ref.catalogue-edition-older"} & found.keys()


def test_valuing_a_1_0_bid_with_the_2_0_edition_is_refused() -> None:
    bid = parse_document(json.dumps(_with_catalogue(BID_1_0, None)), "bid.json")
    assert isinstance(bid, Bid)
    with pytest.raises(ValuationError, match=r"edition for standard 2\.0") as raised:
        value_document(bid, STORE.resolve("nl", "2026.2"))
    assert raised.value.code == "document-mismatch"


# --- as a user runs it --------------------------------------------------------------------------


def _value_total(
    capsys: pytest.CaptureFixture[str], bid: Path, tender: Path, *extra: str
) -> dict[str, Any]:
    code = main(["value", str(bid), "--tender", str(tender), "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_cli_a_bare_id_follows_the_rule_for_each_standard(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pinned = _value_total(capsys, BID_1_0, TENDER_1_0)
    bare = _value_total(capsys, BID_1_0, TENDER_1_0, "--catalogue", "nl")
    assert bare["catalogue"] == pinned["catalogue"] == {"id": "nl", "version": "2026.1"}
    assert bare["totals"] == pinned["totals"]  # a 1.0 bid keeps its 1.0 figures
    unpinned = tmp_path / "bid-2-0-unpinned.json"
    unpinned.write_text(json.dumps(_with_catalogue(BID_2_0, None)), encoding="utf-8")
    tender = tmp_path / "tender-2-0-unpinned.json"
    tender.write_text(json.dumps(_with_catalogue(TENDER_2_0, None)), encoding="utf-8")
    second = _value_total(capsys, unpinned, tender)
    assert second["catalogue"]["version"] == "2026.2"
    honest = _value_total(capsys, BID_2_0, TENDER_2_0)
    assert second["totals"] == honest["totals"]


def test_cli_validate_refuses_a_1_0_bid_pinning_the_2_0_edition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bid.json"
    path.write_text(json.dumps(_with_catalogue(BID_1_0, "2026.2")), encoding="utf-8")
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "ref.catalogue-edition-newer" in out + err


def test_diff_of_the_two_editions_names_what_changes_a_figure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["catalogue", "diff", "nl@2026.1", "nl@2026.2", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0
    diff = json.loads(out)
    assert {"field": "standardVersion", "old": "1.0", "new": "2.0"} in diff["changedMetadata"]
    assert [i["id"] for i in diff["addedIndicators"]] == [
        "sc-community-resilience",
        "sc-mutual-support",
        "ac-facilities-access",
    ]
    proxies = {p["id"]: {c["field"]: c for c in p["changes"]} for p in diff["changedProxyValues"]}
    for assumed, year in (
        ("pv-cpb-scp-wider-benefits", "2020"),
        ("pv-ibo-debt-arrangement", "2024"),
        ("pv-ibo-debt-no-registered", "2024"),
    ):
        assert proxies[assumed]["priceYear"]["new"] == year
        assert proxies[assumed]["priceYearBasis"]["new"] == "assumed"
    assert not any(p.startswith("pv-bb-") for p in proxies)  # the credit table is unchanged
    indicators = {i["id"]: {c["field"]: c for c in i["changes"]} for i in diff["changedIndicators"]}
    assert indicators["hw-life-satisfaction-gain"]["valuationMethod"]["new"] == "mean-change"
    values = {p["id"]: p for p in diff["changedProxyValues"]}
    wellby = {c["field"]: c["new"] for c in values["pv-hmt-wellby"]["changes"]}
    assert Decimal(wellby["wellbeingDerivation.wellbyValue"]) == Decimal(13000)


def test_list_shows_both_editions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "list", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    versions = sorted(e["version"] for e in entries if e["id"] == "nl")
    assert versions == ["2026.1", "2026.2"]


def test_rule_holds_for_a_copy_of_the_store(tmp_path: Path) -> None:
    data = copy.deepcopy(_data(ROOT / "sroi_core" / "catalogues" / "nl-2026.1.json"))
    data["version"] = "2026.9"
    path = tmp_path / "nl-2026.9.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = CatalogueStore()
    added = store.resolve(str(path))
    assert store.resolve(str(path)) is added  # a file is read once per store
    assert store.find(DocumentRef(id="nl"), "1.0") is added
    assert store.find(DocumentRef(id="nl"), "2.0") is not None
    assert store.get(DocumentRef(id="nl"), "2.0").version == "2026.2"


@pytest.mark.parametrize(("standard", "edition"), [("1.0", "2026.1"), ("2.0", "2026.2")])
def test_sroi_new_names_the_edition_for_the_version_it_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standard: str, edition: str
) -> None:
    out = tmp_path / "bid.json"
    assert main(["new", "bid", "--standard-version", standard, "-o", str(out)]) == 0
    capsys.readouterr()
    assert _data(out)["catalogue"] == {"id": "nl", "version": edition}

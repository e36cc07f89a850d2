"""``sroi serve`` as a vendor uses it: a real server on 127.0.0.1, called with urllib.

The server runs in a subprocess (``sroi serve --port 0`` prints the port it bound); every
answer is compared with the command line's ``--format json`` on the same pilot files, byte
for byte, with the request part (``body#/subject``) where the command line names a file.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import select
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sroi_core.cli import main
from sroi_core.documents import validate_text
from sroi_core.serve.openapi import openapi_document, openapi_json

ROOT = Path(__file__).resolve().parents[1]
PILOT = "examples/pilot"
HTTP = ROOT / "examples" / "http"
MAX_BODY = 256 * 1024
Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A live ``sroi serve`` on a free loopback port; its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sroi_core", "serve", "--port", "0", "--max-body", "256KiB"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 30)
    line = process.stdout.readline() if ready else ""
    match = re.search(r"http://([0-9.]+):([0-9]+)", line)
    if match is None:
        process.kill()
        pytest.fail(f"sroi serve did not start: {line!r} {process.communicate()[1]!r}")
    try:
        yield f"http://{match.group(1)}:{match.group(2)}"
    finally:
        process.terminate()
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        assert "Traceback" not in err


def call(
    base: str,
    path: str,
    body: bytes | None = None,
    *,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, dict[str, str]]:
    """One request as a vendor makes it: status, text and headers (errors included)."""
    request = urllib.request.Request(
        base + path,
        data=body,
        method=method or ("POST" if body is not None else "GET"),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


def cli(capsys: Capture, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str]:
    """The command line run from the repository root, as a user runs it."""
    monkeypatch.chdir(ROOT)
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def renamed(text: str, names: dict[str, str]) -> str:
    """The CLI's JSON with each file path replaced by the request part standing for it."""
    for path, part in names.items():
        text = text.replace(json.dumps(path), json.dumps(part))
    return text


def pilot(name: str) -> bytes:
    return (ROOT / PILOT / name).read_bytes()


def envelope(**parts: Any) -> bytes:
    return json.dumps(parts).encode("utf-8")


def doc(name: str) -> Any:
    return json.loads(pilot(name))


# --------------------------------------------------------------- same answers as the CLI


def test_validate_one_document_answers_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, expected = cli(capsys, monkeypatch, "validate", "--format", "json", f"{PILOT}/bid-a.json")
    status, text, headers = call(server, "/validate", pilot("bid-a.json"))
    assert (code, status) == (0, 200)
    assert headers["content-type"] == "application/json"
    assert text == renamed(expected, {f"{PILOT}/bid-a.json": "body"})


def test_validate_several_documents_answers_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the catalogue comes last but is validated first: the bid refers to it
    files = ["examples/invalid/id-duplicate.bid.json", "examples/catalogue.illustrative.json"]
    code, expected = cli(capsys, monkeypatch, "validate", "--format", "json", *files)
    body = envelope(documents=[json.loads((ROOT / f).read_text(encoding="utf-8")) for f in files])
    status, text, _ = call(server, "/validate", body)
    assert (code, status) == (1, 200)
    report = json.loads(text)
    assert [entry["valid"] for entry in report["files"]] == [False, True]
    assert {f["ruleId"] for f in report["files"][0]["findings"]} == {"id.duplicate"}
    names = {f: f"body#/documents/{n}" for n, f in enumerate(files)}
    assert text == renamed(expected, names)


def test_value_answers_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, expected = cli(
        capsys,
        monkeypatch,
        "value",
        "--format",
        "json",
        f"{PILOT}/bid-a.json",
        "--tender",
        f"{PILOT}/tender.json",
    )
    status, text, _ = call(server, "/value", (HTTP / "value-bid-a.json").read_bytes())
    assert (code, status) == (0, 200)
    assert text == expected
    assert validate_text(text, "valuation").valid


def test_value_of_an_evidence_report_and_a_bare_body(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _code, expected = cli(
        capsys,
        monkeypatch,
        "value",
        "--format",
        "json",
        f"{PILOT}/evidence-2027-h1.json",
        "--bid",
        f"{PILOT}/bid-a.json",
        "--tender",
        f"{PILOT}/tender.json",
    )
    body = envelope(
        subject=doc("evidence-2027-h1.json"), bid=doc("bid-a.json"), tender=doc("tender.json")
    )
    assert call(server, "/value", body)[:2] == (200, expected)
    _, bare = cli(capsys, monkeypatch, "value", "--format", "json", f"{PILOT}/bid-b.json")
    assert call(server, "/value", pilot("bid-b.json"))[:2] == (200, bare)


def test_check_answers_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [f"{PILOT}/evidence-2027-h1.json", f"{PILOT}/evidence-2027-h2.json"]
    code, expected = cli(
        capsys,
        monkeypatch,
        "check",
        "--format",
        "json",
        *files,
        "--tender",
        f"{PILOT}/tender.json",
        "--bid",
        f"{PILOT}/bid-a.json",
    )
    status, text, _ = call(server, "/check", (HTTP / "check-evidence.json").read_bytes())
    assert status == 200
    assert json.loads(text)["valid"] is (code == 0)
    assert text == renamed(expected, {f: f"body#/documents/{n}" for n, f in enumerate(files)})


def test_check_finds_the_gaming_in_bid_c_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, expected = cli(
        capsys,
        monkeypatch,
        "check",
        "--format",
        "json",
        f"{PILOT}/bid-c.json",
        "--tender",
        f"{PILOT}/tender.json",
    )
    body = envelope(documents=[doc("bid-c.json")], tender=doc("tender.json"))
    status, text, _ = call(server, "/check", body)
    findings = json.loads(text)["files"][0]["findings"]
    assert status == 200
    assert findings, "bid-c (buy-off, outputs) has quality findings"
    assert text == renamed(expected, {f"{PILOT}/bid-c.json": "body#/documents/0"})
    assert code == (0 if json.loads(text)["valid"] else 1)
    _, alone = cli(capsys, monkeypatch, "check", "--format", "json", f"{PILOT}/bid-c.json")
    status, text, _ = call(server, "/check", pilot("bid-c.json"))
    assert status == 200
    assert text == renamed(alone, {f"{PILOT}/bid-c.json": "body"})


def test_score_answers_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    bids = [f"{PILOT}/bid-{x}.json" for x in "abc"]
    code, expected = cli(
        capsys,
        monkeypatch,
        "score",
        "--format",
        "json",
        f"{PILOT}/tender.json",
        *bids,
        "--evaluation",
        f"{PILOT}/evaluation.csv",
    )
    names = {f"{PILOT}/tender.json": "body#/tender"}
    names |= {b: f"body#/bids/{n}" for n, b in enumerate(bids)}
    status, text, _ = call(server, "/score", (HTTP / "score-pilot.json").read_bytes())
    assert (code, status) == (0, 200)
    assert text == renamed(expected, names)
    assert next(r["bid"] for r in json.loads(text)["ranking"]) == "bid-a"
    as_csv = envelope(
        tender=doc("tender.json"),
        bids=[doc(f"bid-{x}.json") for x in "abc"],
        evaluation=pilot("evaluation.csv").decode("utf-8"),
    )
    assert call(server, "/score", as_csv)[:2] == (200, text)


def test_read_only_views_answer_as_the_cli(
    server: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path, argv in (
        ("/rules", ["rules", "--format", "json"]),
        ("/catalogues", ["catalogue", "list", "--format", "json"]),
        ("/catalogues/nl/2026.1", ["catalogue", "show", "nl@2026.1", "--format", "json"]),
    ):
        _, expected = cli(capsys, monkeypatch, *argv)
        assert call(server, path)[:2] == (200, expected), path
    committed = (ROOT / "schemas/1.0/bid.schema.json").read_text(encoding="utf-8")
    assert call(server, "/schemas/1.0/bid.schema.json")[:2] == (200, committed)
    assert call(server, "/schemas/1.0/bid")[:2] == (200, committed)
    assert call(server, "/schemas/0.9/bid")[0] == 404
    assert call(server, "/catalogues/nl/1999.1")[0] == 404
    health = json.loads(call(server, "/health")[1])
    assert health["status"] == "ok"
    assert health["supportedStandardVersions"]


# ----------------------------------------------------------------------------- errors


def _error(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    assert "Traceback" not in text
    assert set(data) == {"error", "findings"}
    return data


def test_bad_json_is_400_with_a_finding(server: str) -> None:
    status, text, _ = call(server, "/validate", b'{"documentType": "bid",')
    data = _error(text)
    assert status == 400
    assert data["error"]["code"] == "bad-json"
    assert [f["ruleId"] for f in data["findings"]] == ["json.syntax"]
    status, text, _ = call(server, "/value", b'{"a": 1, "a": 2}')
    assert status == 400
    assert "duplicate key" in _error(text)["findings"][0]["message"]


def test_a_request_that_does_not_match_is_400_naming_the_member(server: str) -> None:
    status, text, _ = call(server, "/score", envelope(tender=doc("tender.json"), bid=[]))
    data = _error(text)
    assert status == 400
    assert data["error"]["code"] == "bad-request"
    pointers = {(f["ruleId"], f["pointer"]) for f in data["findings"]}
    assert ("request.invalid", "/bids") in pointers  # missing
    assert ("request.invalid", "/bid") in pointers  # unknown (misspelt)
    status, text, _ = call(server, "/value", envelope(subject=doc("bid-a.json"), tender=None))
    assert status == 400
    assert "null is not a value (tender)" in _error(text)["findings"][0]["message"]


def test_an_invalid_document_is_422_with_findings_named_by_part(server: str) -> None:
    broken = doc("bid-a.json")
    broken["commitments"][0]["quantity"]["value"] = "-5"
    status, text, _ = call(server, "/value", envelope(subject=broken, tender=doc("tender.json")))
    data = _error(text)
    assert status == 422
    assert data["error"]["code"] == "document-invalid"
    assert data["findings"]
    assert {f["file"] for f in data["findings"]} == {"body#/subject"}
    assert all(f["pointer"].startswith("/commitments/0") for f in data["findings"])
    assert {"ruleId", "severity", "file", "pointer", "message"} <= set(data["findings"][0])


def test_another_kind_of_document_is_400(server: str) -> None:
    status, text, _ = call(server, "/value", envelope(subject=doc("tender.json")))
    assert status == 400
    assert _error(text)["error"]["code"] == "wrong-document"
    status, text, _ = call(
        server, "/score", envelope(tender=doc("bid-a.json"), bids=[doc("bid-a.json")])
    )
    assert status == 400
    assert "body#/tender" in _error(text)["error"]["message"]


def test_unknown_paths_and_methods_answer_json(server: str) -> None:
    status, text, _ = call(server, "/nowhere")
    assert status == 404
    assert _error(text)["error"]["code"] == "not-found"
    status, text, _ = call(server, "/validate")
    assert status == 405
    assert _error(text)["error"]["code"] == "method-not-allowed"


def test_dutch_by_accept_language_or_parameter(server: str) -> None:
    invalid = json.loads((ROOT / "examples/invalid/id-duplicate.bid.json").read_text("utf-8"))
    catalogue = json.loads((ROOT / "examples/catalogue.illustrative.json").read_text("utf-8"))
    body = envelope(documents=[invalid, catalogue])
    status, english, headers = call(server, "/validate", body)
    assert status == 200
    assert headers["content-language"] == "en"
    _, dutch, headers = call(
        server, "/validate", body, headers={"Accept-Language": "en;q=0.5, nl-NL"}
    )
    assert headers["content-language"] == "nl"
    by_param = call(server, "/validate?language=nl", body)[1]
    assert dutch == by_param
    assert dutch != english
    for finding in json.loads(dutch)["files"][0]["findings"]:
        assert finding["message"] == finding.get("messageNl", finding["message"])
    status, text, _ = call(server, "/nope?language=nl")
    assert json.loads(text)["error"]["message"].endswith("bestaat niet")


# ------------------------------------------------------------------------ size limit


def test_a_body_over_the_limit_is_413_before_it_is_parsed(server: str) -> None:
    too_big = b"[" + b" " * MAX_BODY + b"]"
    status, text, _ = call(server, "/validate", too_big)
    data = _error(text)
    assert status == 413
    assert data["error"]["code"] == "body-too-large"
    assert str(MAX_BODY) in data["error"]["message"]


def test_a_chunked_body_is_counted_while_it_arrives(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    chunks = (b" " * 65536 for _ in range(8))  # 512 KiB, no Content-Length
    connection.request("POST", "/validate", body=chunks, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"]["code"] == "body-too-large"
    connection.close()


# ---------------------------------------------------------------------- loopback only


def test_the_default_bind_is_loopback(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")


def test_a_non_loopback_host_is_served_only_when_asked_and_warned(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    import uvicorn

    bound: list[tuple[str, int]] = []
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda _server, sockets: bound.append(sockets[0].getsockname()[:2])
    )
    assert main(["serve", "--port", "0"]) == 0
    out, err = capsys.readouterr()
    assert "http://127.0.0.1:" in out
    assert bound[-1][0] == "127.0.0.1"
    assert "warning" not in err
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 0
    _out, err = capsys.readouterr()
    assert bound[-1][0] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0" in err
    assert "no authentication" in err
    assert main(["serve", "--max-body", "lots"]) == 2
    assert "not a size" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", "--port", str(taken.getsockname()[1])]) == 2
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err


# -------------------------------------------------------------------------- OpenAPI


def _component_validator(name: str) -> Draft202012Validator:
    spec = openapi_document()
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    )


def test_the_served_openapi_is_the_committed_one(server: str) -> None:
    committed = (ROOT / "docs/reference/openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_json(), "run `sroi docs generate docs/reference`"
    assert call(server, "/openapi.json")[:2] == (200, committed)


def test_the_openapi_description_is_valid_openapi_3_1_offline() -> None:
    from jsonschema_path import SchemaPath
    from openapi_spec_validator import OpenAPIV31SpecValidator

    from sroi_core._version import SUPPORTED_STANDARD_VERSIONS
    from sroi_core.schema_export import generate_schemas, schema_id

    known = {
        schema_id(name, version): schema
        for version in SUPPORTED_STANDARD_VERSIONS
        for name, schema in generate_schemas(version).items()
    }
    asked: set[str] = set()

    def local(uri: str) -> Any:  # the standard's $ids, never the network
        asked.add(uri.split("#", maxsplit=1)[0])
        return known[uri.split("#", maxsplit=1)[0]]

    spec = openapi_document()
    assert spec["openapi"].startswith("3.1")
    path = SchemaPath.from_dict(spec, handlers={"https": local, "http": local})
    assert list(OpenAPIV31SpecValidator(path).iter_errors()) == []
    assert asked
    assert asked <= set(known)
    spec["paths"]["/health"]["get"]["responses"]["200"]["description"] = 7
    broken = SchemaPath.from_dict(spec, handlers={"https": local, "http": local})
    assert list(OpenAPIV31SpecValidator(broken).iter_errors())


def test_answers_match_their_openapi_response_schemas(server: str) -> None:
    cases = [
        ("ValidationReport", "/validate", pilot("bid-a.json")),
        ("ValidationReport", "/check", (HTTP / "check-evidence.json").read_bytes()),
        ("AwardResult", "/score", (HTTP / "score-pilot.json").read_bytes()),
        ("Error", "/value", b"{"),
        ("Error", "/score", b"{}"),
        ("RuleCatalogue", "/rules", None),
        ("Health", "/health", None),
    ]
    for name, path, body in cases:
        _, text, _ = call(server, path, body)
        errors = list(_component_validator(name).iter_errors(json.loads(text)))
        assert errors == [], (path, errors[:1])
    for item in json.loads(call(server, "/catalogues")[1]):
        assert list(_component_validator("CatalogueSummary").iter_errors(item)) == []


def test_request_examples_are_the_pilot_files() -> None:
    """examples/http/ composes the pilot documents unchanged (they cannot drift apart)."""
    value = json.loads((HTTP / "value-bid-a.json").read_text(encoding="utf-8"))
    assert value == {"subject": doc("bid-a.json"), "tender": doc("tender.json")}
    check = json.loads((HTTP / "check-evidence.json").read_text(encoding="utf-8"))
    assert check["documents"] == [doc("evidence-2027-h1.json"), doc("evidence-2027-h2.json")]
    assert (check["tender"], check["bid"]) == (doc("tender.json"), doc("bid-a.json"))
    score = json.loads((HTTP / "score-pilot.json").read_text(encoding="utf-8"))
    assert score["tender"] == doc("tender.json")
    assert score["bids"] == [doc(f"bid-{x}.json") for x in "abc"]
    sheet = pilot("evaluation.csv").decode("utf-8")
    for row in score["evaluation"]:
        assert f"{row['bidId']};{row['price'].replace('.', ',')};" in sheet


# ------------------------------------------------------------- in process (TestClient)


def test_in_process_client_and_a_bug_is_a_generic_500(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from sroi_core.serve import operations
    from sroi_core.serve.app import create_app

    client = TestClient(create_app(max_body=1024 * 1024), raise_server_exceptions=False)
    answer = client.post("/validate", content=pilot("tender.json"))
    assert answer.status_code == 200
    assert answer.json()["valid"] is True
    by_id = client.post("/value", json={"subject": doc("bid-b.json"), "catalogue": "nl@2026.1"})
    assert by_id.status_code == 200
    assert by_id.text == client.post("/value", content=pilot("bid-b.json")).text
    for name, status in (("nl@1999.9", 422), ("../catalogue.json", 400)):
        answer = client.post("/value", json={"subject": doc("bid-b.json"), "catalogue": name})
        assert answer.status_code == status, name

    def broken() -> operations.Answer:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(operations, "health", broken)
    client = TestClient(create_app(), raise_server_exceptions=False)
    answer = client.get("/health")
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "internal-error"
    assert "ZeroDivisionError" not in answer.text
    assert "Traceback" not in answer.text


# ------------------------------------------------------------- docs/http-api.md examples


def _curl_requests() -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """Each ``curl`` line of docs/http-api.md as (method, path, body, headers)."""
    import shlex

    text = (ROOT / "docs/http-api.md").read_text(encoding="utf-8")
    requests = []
    for line in text.splitlines():
        if not line.startswith("curl "):
            continue
        words = shlex.split(line)[1:]
        method, url, body, headers = "GET", "", None, {}
        while words:
            word = words.pop(0)
            if word == "-s":
                continue
            if word == "-X":
                method = words.pop(0)
            elif word == "-H":
                name, _, value = words.pop(0).partition(":")
                headers[name.strip()] = value.strip()
            elif word in ("--data-binary", "-d"):
                data = words.pop(0)
                body = (ROOT / data[1:]).read_bytes() if data.startswith("@") else data.encode()
            elif word.startswith("http://127.0.0.1:8000/"):
                url = word.removeprefix("http://127.0.0.1:8000")
            else:
                raise AssertionError(f"docs/http-api.md: curl option {word!r} not understood")
        requests.append((method, url, body, headers))
    return requests


def test_every_curl_example_of_the_docs_answers(server: str) -> None:
    requests = _curl_requests()
    assert len(requests) >= 10
    statuses = []
    for method, path, body, headers in requests:
        status, text, answer_headers = call(server, path, body, method=method, headers=headers)
        assert answer_headers["content-type"] == "application/json", path
        assert "Traceback" not in text
        json.loads(text)
        statuses.append(status)
    assert statuses == [200] * (len(requests) - 1) + [422]


# ------------------------------------------------------------------ negotiation, limits


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        (None, None, "en"),
        (None, "nl", "nl"),
        (None, "nl-BE, en;q=0.8", "nl"),
        (None, "en-GB, nl;q=0.9", "en"),
        (None, "de, nl;q=0.2", "nl"),
        (None, "nl;q=0, en;q=0.1", "en"),
        (None, "fr", "en"),
        ("nl", "en", "nl"),
        ("EN", "nl", "en"),
    ],
)
def test_language_choice(query: str | None, header: str | None, expected: str) -> None:
    from sroi_core.serve.limits import choose_language

    assert choose_language(query, header) == expected


def test_sizes_and_loopback_addresses() -> None:
    from sroi_core.errors import SroiError
    from sroi_core.serve.limits import DEFAULT_MAX_BODY, is_loopback, parse_size

    assert parse_size("64MiB") == DEFAULT_MAX_BODY == 64 * 1024 * 1024
    assert (parse_size("1000"), parse_size("512k"), parse_size("2 MB")) == (1000, 512000, 2000000)
    for bad in ("", "0", "-1", "1.5MiB", "12 parsecs"):
        with pytest.raises(SroiError, match="not a size"):
            parse_size(bad)
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.5.0.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org"))

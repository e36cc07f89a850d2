"""Dutch throughout: --language on every command, the locale default, messages in both."""

from __future__ import annotations

import argparse
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sroi_core.cli import build_parser, main
from sroi_core.cli._i18n import MESSAGES, language_from_environment, number
from sroi_core.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "examples" / "pilot"
Capture = pytest.CaptureFixture[str]


def _leaf_parsers(parser: argparse.ArgumentParser, name: str = "sroi") -> list[tuple[str, object]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child_name, child in action.choices.items():
                found += _leaf_parsers(child, f"{name} {child_name}")
    return found


def test_every_command_and_subcommand_takes_language() -> None:
    parsers = _leaf_parsers(build_parser())
    assert len(parsers) >= 20
    for name, parser in parsers:
        assert isinstance(parser, argparse.ArgumentParser)
        action = parser._option_string_actions.get("--language")
        assert action is not None, name
        assert set(action.choices or ()) == {"nl", "en"}, name


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_NL.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_ALL": "nl_NL", "LC_MESSAGES": "en_GB"}, "nl"),
        ({"LANG": ""}, "en"),
    ],
)
def test_language_from_the_locale(environment: dict[str, str], expected: str) -> None:
    assert language_from_environment(environment) == expected


def test_every_message_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, (dutch, english) in MESSAGES.items():
        assert dutch.strip()
        assert english.strip()
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (dutch, english)]
        assert fields[0] == fields[1], key


def test_every_rule_with_its_own_wording_has_a_dutch_message() -> None:
    """Rules that pass a message through (``{problem}``: the JSON Schema validator's or the
    operating system's words) are the only ones without a Dutch template."""
    passthrough = re.compile(r"^\{[a-z_]+\}$")
    missing = [
        r.id for r in all_rules() if not r.template_nl and not passthrough.match(r.template)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("value", "places", "dutch", "english"),
    [
        ("1234.56", 2, "1.234,56", "1,234.56"),
        ("0", 2, "0,00", "0.00"),
        ("3080000", 2, "3.080.000,00", "3,080,000.00"),
        ("0.125", 1, "0,1", "0.1"),
        ("999.5", 0, "1.000", "1,000"),
    ],
)
def test_number_formats(value: str, places: int, dutch: str, english: str) -> None:
    assert number(Decimal(value), places, "nl") == dutch
    assert number(Decimal(value), places, "en") == english


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_dutch_and_english_numbers_say_the_same(value: Decimal) -> None:
    dutch = number(value, 2, "nl")
    english = number(value, 2, "en")
    assert Decimal(dutch.replace(".", "").replace(",", ".")) == value
    assert Decimal(english.replace(",", "")) == value
    assert dutch.translate(str.maketrans(",.", ".,")) == english


def _invalid_tender(tmp_path: Path) -> Path:
    text = (PILOT / "tender.json").read_text(encoding="utf-8")
    broken = text.replace('"end": "2030-02-28"', '"end": "2020-02-28"', 1)
    assert broken != text
    target = tmp_path / "tender.json"
    target.write_text(broken, encoding="utf-8")
    return target


def test_findings_in_dutch_with_the_option(tmp_path: Path, capsys: Capture) -> None:
    tender = _invalid_tender(tmp_path)
    assert main(["validate", str(tender), "--language", "nl"]) == 1
    out = capsys.readouterr()[0]
    assert "ONGELDIG" in out
    assert "fout" in out
    assert "de periode begint op 2027-03-01 maar eindigt op 2020-02-28" in out
    assert "1 bestand(en) gecontroleerd, 1 ongeldig" in out
    assert main(["validate", str(tender), "--language", "en"]) == 1
    out = capsys.readouterr()[0]
    assert "the period starts on 2027-03-01 but ends on 2020-02-28" in out
    assert "1 file(s) checked, 1 invalid" in out


def test_the_locale_chooses_dutch(tmp_path: Path, capsys: Capture,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    tender = _invalid_tender(tmp_path)
    assert main(["value", str(PILOT / "bid-a.json"), "--tender", str(tender)]) == 1
    err = capsys.readouterr()[1]
    assert "fout:" in err
    assert "de periode begint op" in err
    assert "er is niets gewaardeerd" in err


def test_errors_in_dutch(capsys: Capture) -> None:
    assert main(["validate", "no-such-file.json", "--language", "nl"]) == 2
    assert main(["catalogue", "show", "nl", "nope", "--language", "nl"]) == 2
    err = capsys.readouterr()[1]
    assert "sroi: fout:" in err


def test_check_summary_in_dutch(capsys: Capture) -> None:
    code = main(["check", str(PILOT / "bid-c.json"), "--tender", str(PILOT / "tender.json"),
                 "--language", "nl"])
    out = capsys.readouterr()[0]
    assert code == 1
    assert "AFGEKEURD" in out
    assert re.search(r"1 bestand\(en\) gecontroleerd: \d+ fout\(en\), \d+ waarschuwing\(en\)", out)
    assert "wordt afgekocht" in out  # the Dutch message of quality.payment-in-lieu
    assert "toezegging c-06: indicator bb-rijnvicus-pw-gt2 wordt alleen in" in out
    assert "so it would be valued" not in out
    assert "commitment c-02 ligt" not in out


ENGLISH_PHRASES = (
    "double-counting group",
    " of report ",
    " of item ",
    "is also claimed",
    "see docs",
    "docs/",
    ".md",
    "github.com/sroi",
    "tests/",
    "examples/",
)


def test_the_dutch_report_mixes_no_english_and_points_to_no_repository(
    tmp_path: Path, capsys: Capture
) -> None:
    target = tmp_path / "rapport.md"
    code = main([
        "report", str(PILOT / "tender.json"), "--bid", str(PILOT / "bid-a.json"),
        "--evidence", str(PILOT / "evidence-2027-h1.json"), str(PILOT / "evidence-2027-h2.json"),
        "--format", "markdown", "-o", str(target),
    ])
    capsys.readouterr()
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "Kwaliteitsbevindingen" in text
    for phrase in ENGLISH_PHRASES:
        assert phrase not in text, phrase
    assert "bewijsstuk e-h2-03 in rapportage bid-a-2027-h2" in text


def test_value_in_dutch_and_english(capsys: Capture) -> None:
    bid, tender = str(PILOT / "bid-a.json"), str(PILOT / "tender.json")
    assert main(["value", bid, "--tender", tender, "--language", "nl"]) == 0
    dutch = capsys.readouterr()[0]
    assert "Uitkomstwaarde (contante waarde): EUR 387.350,25" in dutch
    assert "SROI-ratio: 0,12 : 1" in dutch
    assert "Totalen per thema" in dutch
    assert "206552,32" in dutch  # an exact line figure, with a decimal comma
    assert "Outcome value" not in dutch
    assert main(["value", bid, "--tender", tender, "--language", "en"]) == 0
    english = capsys.readouterr()[0]
    assert "Outcome value (present value): EUR 387,350.25" in english
    assert "206552.32" in english
    outputs = []
    for language in ("nl", "en"):
        code = main(["value", bid, "--tender", tender, "--format", "csv", "--language", language])
        assert code == 0
        outputs.append(capsys.readouterr()[0])
    assert outputs[0] == outputs[1]  # the CSV is data: the same in both languages
    assert outputs[0].startswith("line,indicator,")


def test_schema_findings_in_dutch(tmp_path: Path, capsys: Capture) -> None:
    text = (PILOT / "bid-a.json").read_text(encoding="utf-8")
    broken = text.replace('"submitted": "2027-01-20"', '"submitted": "2027-13-20", "x": 1', 1)
    assert broken != text
    target = tmp_path / "bid.json"
    target.write_text(broken.replace('"id": "bid-a",', "", 1), encoding="utf-8")
    assert main(["validate", str(target), "--language", "nl"]) == 1
    out = capsys.readouterr()[0]
    assert "'id' is een verplicht veld" in out
    assert "onbekend veld 'x'" in out
    assert "'2027-13-20' is geen geldige datum" in out
    assert "required property" not in out

"""Dutch throughout: every command, its help and its errors speak the language asked for.

Each command runs on copies of the pilots (so an input path never looks like a repository
path) with ``--language nl`` and ``--language en``; the output of a Dutch run may hold no
English text of the message table that differs from its Dutch, the output of an English
run no Dutch one, and nothing a council reads points to a repository path.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import string
from pathlib import Path

import pytest

from sroi_core.cli import build_parser, main
from sroi_core.cli._help_i18n import ARGPARSE_NL, HELP_NL, dutch_help, help_texts
from sroi_core.cli._i18n import MESSAGES, set_language
from sroi_core.input_problems import dutch_problem
from sroi_core.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
Capture = pytest.CaptureFixture[str]

REPOSITORY_PATHS = re.compile(r"(?:examples|tests|docs|schemas|sroi_core)/|\.md\b|github\.com/sroi")


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _fragments(text: str) -> list[str]:
    """The literal parts of a message (between its ``{fields}``) long enough to recognise."""
    parts = [p.strip(" :;,.()") for p in re.split(r"\{[^}]*\}", text)]
    return [p for p in parts if " " in p and len(p) >= 10]


def _headings(text: str) -> set[str]:
    return {text} if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)?", text) else set()


def _foreign(language: str) -> tuple[list[str], set[str]]:
    """Fragments and headings of the other language's texts that differ from this one's."""
    fragments: list[str] = []
    headings: set[str] = set()
    for dutch, english in MESSAGES.values():
        if dutch == english:
            continue
        other, own = (english, dutch) if language == "nl" else (dutch, english)
        fragments += [f for f in _fragments(other) if f not in own]
        headings |= _headings(other)
    return fragments, headings


def _check_language(text: str, other_run: str, language: str, argv: object = None) -> None:
    """No text of the other language in ``text``.

    Lines that are the same in the run in the other language are left out: they hold no
    fixed text of the command line (ids, figures, file names) or are sentences composed
    outside it that are English only so far (the scoring engine's explanations, see
    changes/h11nl-note.md).
    """
    same = set(other_run.splitlines())
    text = "\n".join(line for line in text.splitlines() if line not in same)
    fragments, headings = _foreign(language)
    found = [f for f in fragments if f in text]
    assert found == [], (argv, found, [line for line in text.splitlines() if found[0] in line])
    lines = {line.strip(" #-") for line in text.splitlines()}
    assert sorted(lines & headings) == []


@pytest.fixture(scope="module")
def pilots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    target = tmp_path_factory.mktemp("pilots")
    shutil.copytree(ROOT / "examples" / "pilot", target / "one", ignore=shutil.ignore_patterns(
        "output"))
    shutil.copytree(ROOT / "examples" / "2.0" / "pilot", target / "two")
    return {"one": target / "one", "two": target / "two", "out": target}


def _commands(p: dict[str, Path]) -> list[tuple[list[str], set[int], bool]]:
    """(argv, accepted exit codes, whether a council reads the output)."""
    one, two, out = (str(p["one"]), str(p["two"]), p["out"])
    evidence = [f"{one}/evidence-2027-h1.json", f"{one}/evidence-2027-h2.json"]
    bids_one = [f"{one}/bid-{x}.json" for x in "abc"]
    bids_two = [f"{two}/bid-{x}.json" for x in ("honest", "inflated", "tickbox")]
    return [
        (["validate", f"{one}/tender.json", *bids_one, *evidence], {0}, False),
        (["validate", f"{two}/tender.json", *bids_two, "missing.json", str(out)], {2}, False),
        (["check", f"{one}/bid-c.json", "--tender", f"{one}/tender.json"], {1}, False),
        (["check", *bids_two, "--tender", f"{two}/tender.json"], {0, 1}, False),
        (["value", f"{one}/bid-a.json", "--tender", f"{one}/tender.json"], {0}, True),
        (["value", f"{two}/bid-honest.json", "--tender", f"{two}/tender.json"], {0}, True),
        (["score", f"{one}/tender.json", *bids_one, "--evaluation", f"{one}/evaluation.csv"],
         {0}, True),
        (["score", f"{one}/tender.json", *bids_one, "--evaluation", f"{one}/evaluation.csv",
          "--format", "markdown"], {0}, True),
        (["score", f"{two}/tender.json", *bids_two, "--evaluation", f"{two}/evaluation.csv"],
         {0}, True),
        (["score", f"{two}/tender.json", *bids_two, "--evaluation", f"{two}/evaluation.csv",
          "--format", "markdown"], {0}, True),
        (["monitor", f"{one}/tender.json", f"{one}/bid-a.json", *evidence], {0}, True),
        (["monitor", f"{one}/tender.json", f"{one}/bid-a.json", *evidence, "--format",
          "markdown"], {0}, True),
        (["report", f"{one}/tender.json", "--bid", f"{one}/bid-a.json", "--evidence",
          *evidence, "--format", "markdown"], {0}, True),
        (["verify", evidence[1]], {0, 1}, False),
        (["verify", "--compare", *evidence], {0, 1}, False),
        (["catalogue", "list"], {0}, False),
        (["catalogue", "show", "nl"], {0}, True),
        (["catalogue", "show", "nl", "wp-bijstand-exit-single-12m"], {0}, True),
        (["ledger", *bids_one, *evidence], {0, 1}, False),
        (["migrate", f"{one}/tender.json"], {0, 1}, False),
        (["catalogue", "diff", "nl@2026.1", "nl@2026.2"], {0}, False),
        (["rules"], {0}, False),
        (["new", "bid"], {0}, False),
        (["conformance", "run", str(ROOT / "tests" / "conformance" / "award")], {0}, False),
    ]


def test_every_command_speaks_one_language(pilots: dict[str, Path], capsys: Capture) -> None:
    for argv, codes, council in _commands(pilots):
        outputs = {}
        for language in ("nl", "en"):
            code = main([*argv, "--language", language])
            out, err = capsys.readouterr()
            assert code in codes, (argv, language, code, err)
            assert out or err, argv
            outputs[language] = out + err
            if council:
                assert REPOSITORY_PATHS.search(out) is None, (argv, REPOSITORY_PATHS.search(out))
        _check_language(outputs["nl"], outputs["en"], "nl", argv)
        _check_language(outputs["en"], outputs["nl"], "en", argv)


def test_dutch_tables_use_decimal_commas(pilots: dict[str, Path], capsys: Capture) -> None:
    one = pilots["one"]
    argv = ["score", f"{one}/tender.json", *(f"{one}/bid-{x}.json" for x in "abc"),
            "--evaluation", f"{one}/evaluation.csv"]
    assert main([*argv, "--language", "nl"]) == 0
    dutch = capsys.readouterr().out
    assert main([*argv, "--language", "en"]) == 0
    english = capsys.readouterr().out
    assert "387.350,25" in dutch
    assert "387,350.25" in english
    assert "Rangorde" in dutch
    assert "Ranking" in english
    assert re.search(r"^1\s+bid-a\s.*\sja\s", dutch, re.M)
    assert re.search(r"^1\s+bid-a\s.*\syes\s", english, re.M)


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert len(texts) == 2, key
        dutch, english = texts
        assert dutch.strip(), key
        assert english.strip(), key
        assert _fields(dutch) == _fields(english), key


def test_argparse_translations_keep_their_placeholders() -> None:
    for english, dutch in ARGPARSE_NL.items():
        assert re.findall(r"%\(\w+\)[rs]|%[rs]", english) == re.findall(
            r"%\(\w+\)[rs]|%[rs]", dutch
        ), english
    for english, dutch in HELP_NL.items():
        assert _fields(english) == _fields(dutch), english


def _all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _all_parsers(child)
    return found


def test_every_help_text_has_dutch() -> None:
    set_language("en")
    texts = list(help_texts(build_parser()))
    missing = sorted({t for t in texts if dutch_help(t) is None})
    assert missing == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_help_in_both_languages(language: str, capsys: Capture) -> None:
    set_language(language)
    parsers = _all_parsers(build_parser(["--language", language]))
    english_help = [t for t in HELP_NL if "{" not in t and len(t) > 30]
    dutch_help_texts = [t for t in HELP_NL.values() if "{" not in t and len(t) > 30]
    for parser in parsers:
        text = " ".join(parser.format_help().split())
        if language == "nl":
            assert text.startswith("gebruik: "), parser.prog
            assert "show this help message" not in text
            assert "options:" not in text
            assert "toon deze hulptekst en stop" in text
            assert [t for t in english_help if " ".join(t.split()) in text] == []
        else:
            assert text.startswith("usage: "), parser.prog
            assert "show this help message and exit" in text
            assert [t for t in dutch_help_texts if " ".join(t.split()) in text] == []
    for argv in (["--help"], ["score", "--help"], ["catalogue", "show", "--help"]):
        with pytest.raises(SystemExit) as stop:
            main([*argv, "--language", language])
        assert stop.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("gebruik: " if language == "nl" else "usage: ")
    set_language("en")


@pytest.mark.parametrize(
    ("argv", "dutch", "english"),
    [
        (["score"], "de volgende argumenten zijn verplicht: TENDER, BID",
         "the following arguments are required: TENDER, BID"),
        (["score", "t.json", "b.json", "--format", "pdf"], "ongeldige keuze: 'pdf'",
         "invalid choice: 'pdf'"),
        (["validate", "x.json", "--nope"], "onbekende argumenten: --nope",
         "unrecognized arguments: --nope"),
        (["monitor", "t", "b", "r", "--as-of", "31-12-2027"], "'31-12-2027' is geen datum",
         "'31-12-2027' is not a date"),
    ],
)
def test_usage_errors_in_both_languages(
    argv: list[str], dutch: str, english: str, capsys: Capture
) -> None:
    for language, expected in (("nl", dutch), ("en", english)):
        with pytest.raises(SystemExit) as stop:
            main([*argv, "--language", language])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert expected in err
        assert "sroi" in err
        assert (": fout: " if language == "nl" else ": error: ") in err


def test_file_errors_name_the_kind_in_dutch(tmp_path: Path, capsys: Capture) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"documentType": ', encoding="utf-8")
    doubled = tmp_path / "dubbel.json"
    doubled.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    files = [str(broken), str(doubled), str(tmp_path / "weg.json"), str(tmp_path)]
    assert main(["validate", *files, "--language", "nl"]) == 2
    dutch = capsys.readouterr().out
    assert "geen geldige JSON op regel 1, kolom 18: een waarde verwacht" in dutch
    assert 'sleutel "a" komt twee keer voor in één object (verwacht: strikte JSON)' in dutch
    assert "het bestand bestaat niet" in dutch
    assert "is een map, geen bestand" in dutch
    for english in ("Expecting value", "no such file", "is a directory", "expected"):
        assert english not in dutch
    assert main(["validate", *files, "--language", "en"]) == 2
    english_out = capsys.readouterr().out
    assert "not valid JSON at line 1 column 18: Expecting value" in english_out
    assert "no such file" in english_out
    assert main(["value", str(tmp_path / "weg.json"), "--language", "nl"]) == 2
    err = capsys.readouterr().err
    assert "kan niet worden gelezen" in err
    assert "cannot be read" not in err


def test_an_unwritable_output_is_explained_in_dutch(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    pilot = ROOT / "examples" / "pilot"
    code = main(["value", str(pilot / "bid-a.json"), "--tender", str(pilot / "tender.json"),
                 "--format", "json", "-o", str(target), "--language", "nl"])
    err = capsys.readouterr().err
    assert code == 2
    assert "sroi: fout:" in err
    assert "de uitvoer kan niet geschreven worden: bestand of map bestaat niet" in err
    assert "No such file" not in err
    assert "cannot write" not in err


@pytest.mark.parametrize(
    ("message", "dutch"),
    [
        ("no such file", "het bestand bestaat niet"),
        ("cannot read the file: Permission denied",
         "het bestand kan niet gelezen worden: geen toestemming"),
        ("not valid JSON at line 3 column 7: Expecting ',' delimiter",
         "geen geldige JSON op regel 3, kolom 7: een komma verwacht"),
        ("not valid JSON at line 1 column 2: Some future parser phrase",
         "geen geldige JSON op regel 1, kolom 2"),
        ("not UTF-8 text (byte 12)", "geen UTF-8-tekst (byte 12)"),
        ("something nobody anticipated", "het bestand kan niet als document gelezen worden"),
    ],
)
def test_known_input_problems_in_dutch(message: str, dutch: str) -> None:
    assert dutch_problem(message) == dutch


@pytest.mark.parametrize("language", ["nl", "en"])
def test_rules_list_titles_in_the_language_asked(language: str, capsys: Capture) -> None:
    assert main(["rules", "--language", language]) == 0
    out = capsys.readouterr().out
    rules = all_rules()
    lines = out.splitlines()
    assert len(lines) == len(rules)
    for rule, line in zip(rules, lines, strict=True):
        own, other = rule.title_in(language), rule.title_in("en" if language == "nl" else "nl")
        assert line.endswith(f"  {own}"), (language, line)
        if other != own:
            assert not line.endswith(f"  {other}"), (language, line)
    english_only = [r.title for r in rules if r.title != r.title_nl and r.title in out]
    assert language == "en" or english_only == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ("Wijzigingen in de catalogus van nl 2026.1 naar nl 2026.2",
                "Toegevoegde indicatoren (3):", "(ontbreekt)", "Catalogue changes",
                "  ~ title.en: gewijzigd (Engelse tekst; zie --language en)")),
        ("en", ("Catalogue changes from nl 2026.1 to nl 2026.2",
                "Added indicators (3):", "(absent)", "Wijzigingen in de catalogus",
                "  ~ title.nl: changed (Dutch text; see --language nl)")),
    ],
)
def test_catalogue_diff_in_the_language_asked(
    language: str, expected: tuple[str, str, str, str, str], capsys: Capture
) -> None:
    """Fixed phrases in the run's language; the other language's text of a field is named, not
    quoted; the JSON is the same in both."""
    heading, section, absent, other_heading, other_text = expected
    argv = ["catalogue", "diff", "nl@2026.1", "nl@2026.2"]
    assert main([*argv, "--language", language]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == heading
    assert section in out.splitlines()
    assert f": {absent} -> " in out
    assert other_heading not in out
    assert other_text in out.splitlines()
    dutch_titles, english_titles = zip(
        *(MESSAGES[key] for key in MESSAGES if key.startswith("diff_") and key != "diff_section"),
        strict=True,
    )
    foreign = english_titles if language == "nl" else dutch_titles
    own = dutch_titles if language == "nl" else english_titles
    lines = {line.rsplit(" (", 1)[0] for line in out.splitlines()}
    assert sorted(lines & (set(foreign) - set(own))) == []
    assert main([*argv, "--format", "json", "--language", language]) == 0
    json_text = capsys.readouterr().out
    assert main([*argv, "--format", "json", "--language", "en" if language == "nl" else "nl"]) == 0
    assert capsys.readouterr().out == json_text


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("nl", "  telt niet: c-together: toezegging c-together ligt in gebied GM0363, buiten "
               "aanbesteding lei-2027-031-sv (GM0546, WK054603)"),
        ("en", "  not counted: c-together: commitment c-together is in area GM0363, which lies "
               "outside tender lei-2027-031-sv (GM0546, WK054603)"),
    ],
)
def test_an_out_of_area_line_is_explained_in_the_language_asked(
    language: str, reason: str, tmp_path: Path, capsys: Capture
) -> None:
    pilot = ROOT / "examples" / "2.0" / "pilot"
    bid = json.loads((pilot / "bid-honest.json").read_text(encoding="utf-8"))
    moved = next(c for c in bid["commitments"] if c["id"] == "c-together")
    moved["areas"] = [{"code": "GM0363", "name": "Amsterdam"}]
    (tmp_path / "bid.json").write_text(json.dumps(bid), encoding="utf-8")
    shutil.copy(pilot / "tender.json", tmp_path / "tender.json")
    argv = ["value", str(tmp_path / "bid.json"), "--tender", str(tmp_path / "tender.json")]
    assert main([*argv, "--language", language]) == 0
    assert reason in capsys.readouterr().out.splitlines()[:4]  # the headline, before the table


def test_value_table_statuses_follow_the_language_and_csv_keeps_codes(capsys: Capture) -> None:
    pilot = ROOT / "examples" / "pilot"
    argv = ["value", str(pilot / "evidence-2027-h1.json"), "--bid", str(pilot / "bid-a.json"),
            "--tender", str(pilot / "tender.json")]
    rows = {}
    for language in ("nl", "en"):
        assert main([*argv, "--language", language]) == 0
        out = capsys.readouterr().out
        rows[language] = {line.split()[0]: line.split()[2] for line in out.splitlines()
                          if line.startswith("e-h1-")}
    assert rows["nl"]["e-h1-03"] == "afgewezen"
    assert rows["nl"]["e-h1-04"] == "ingetrokken"
    assert rows["en"]["e-h1-03"] == "rejected"
    assert rows["en"]["e-h1-04"] == "withdrawn"
    assert main([*argv, "--format", "csv", "--language", "nl"]) == 0
    csv_out = capsys.readouterr().out
    assert ",rejected," in csv_out
    assert "afgewezen" not in csv_out

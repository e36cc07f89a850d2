"""Every ``sroi`` command line in the README and the guides runs exactly as written.

Lines come from ```sh blocks (joined at a trailing backslash, split at ``&&``) and from
``$ sroi ...`` lines. A trailing ``# exit N`` states a non-zero exit code; a line marked
``# illustrative`` is skipped (the only way to skip one). Files a command writes (``-o``,
``--out``, ``--output``) go to a temporary folder, and later commands that read them get
that copy. Commands run from the repository root, as the documents say.
"""

from __future__ import annotations

import contextlib
import glob
import re
import shlex
from pathlib import Path

import pytest

from sroi_core.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    [ROOT / "README.md", ROOT / "examples" / "pilot" / "README.md", *(ROOT / "docs").glob("*.md")]
)
WRITES = ("-o", "--out", "--output")
Capture = pytest.CaptureFixture[str]


def _lines(text: str) -> list[str]:
    found = []
    for block in re.findall(r"```sh[^\n]*\n(.*?)```", text, flags=re.S):
        found += block.replace("\\\n", " ").splitlines()
    found += [m.group(1) for m in re.finditer(r"^\s*\$ (sroi .*)$", text, flags=re.M)]
    return found


def _split_comment(line: str) -> tuple[str, str, str]:
    """A line's command and its shell comment (a ``#`` at the start or after a space)."""
    match = re.search(r"(?:^|\s)#(?:\s|$)", line)
    if match is None:
        return line, "", ""
    return line[: match.start()], "#", line[match.end() :]


def documented_commands(path: Path) -> list[tuple[list[str], int]]:
    """The ``sroi`` commands of a Markdown file with their expected exit code."""
    commands = []
    for raw in _lines(path.read_text(encoding="utf-8")):
        line, _, comment = _split_comment(raw.strip())
        if "illustrative" in comment:
            continue
        expected = re.match(r"\s*exit ([0-9]+)", comment)
        for part in line.split("&&"):
            words = shlex.split(part)
            if words[:1] == ["sroi"]:
                commands.append((words[1:], int(expected.group(1)) if expected else 0))
    return commands


def _expand(argv: list[str], tmp: Path, written: dict[str, str]) -> list[str]:
    out: list[str] = []
    writes_next = False
    for arg in argv:
        if writes_next:
            written[arg] = str(tmp / Path(arg).name)
            out.append(written[arg])
            writes_next = False
            continue
        writes_next = arg in WRITES
        if arg in written:
            out.append(written[arg])
        elif "*" in arg:
            matches = sorted(glob.glob(arg, root_dir=ROOT))
            assert matches, f"{arg} matches no file"
            out.extend(matches)
        else:
            out.append(arg)
    return out


def test_the_documents_list_commands() -> None:
    counted = {path.name: len(documented_commands(path)) for path in DOCUMENTS}
    assert counted["README.md"] >= 8
    assert sum(counted.values()) >= 50


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_documented_command_runs_as_written(
    document: Path, tmp_path: Path, capsys: Capture
) -> None:
    written: dict[str, str] = {}
    with contextlib.chdir(ROOT):
        for argv, expected in documented_commands(document):
            code = main(_expand(argv, tmp_path, written))
            out, err = capsys.readouterr()
            shown = " ".join(argv)
            assert "Traceback" not in out + err, shown
            assert code == expected, f"{document.name}: sroi {shown} exited {code}: {err}"


def test_illustrative_marker_is_the_only_skip() -> None:
    text = "```sh\nsroi validate a.json  # illustrative\nsroi rules  # exit 0\n```\n$ sroi rules\n"
    sample = ROOT / "tests" / "_sample.md"
    try:
        sample.write_text(text, encoding="utf-8")
        assert documented_commands(sample) == [(["rules"], 0), (["rules"], 0)]
    finally:
        sample.unlink()

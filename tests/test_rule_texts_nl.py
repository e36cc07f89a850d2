"""Every rule has a Dutch title and description, kept as data in sroi_core/rule_texts_nl.csv.

The table is complete in both directions: a rule without a Dutch row fails here (so a new rule
cannot ship in English only), and a row for an id no module defines is a stale translation.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pytest

from sroi_core.rules import RULE_TEXTS_NL, all_rules, dutch_rule_texts, get_rule


def _rows() -> list[dict[str, str]]:
    text = resources.files("sroi_core").joinpath(RULE_TEXTS_NL).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_table_has_the_documented_columns_and_one_row_per_id() -> None:
    rows = _rows()
    assert list(rows[0]) == ["id", "title_nl", "description_nl"]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert ids == sorted(ids)


def test_every_rule_has_a_dutch_title_and_description() -> None:
    missing = [
        rule.id
        for rule in all_rules()
        if not rule.title_nl.strip() or not rule.description_nl.strip()
    ]
    assert missing == []


def test_no_dutch_row_for_an_unknown_rule() -> None:
    known = {rule.id for rule in all_rules()}
    assert sorted(set(dutch_rule_texts()) - known) == []


CODES = re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\b|--[a-z-]+|\bsroi [a-z]+\b")
"""Field names (camelCase), options and commands: data, the same in both languages."""


def test_dutch_texts_differ_from_the_english_and_keep_field_names() -> None:
    for rule in all_rules():
        assert rule.title_nl != rule.title, rule.id
        assert rule.description_nl != rule.description, rule.id
        dutch = f"{rule.title_nl} {rule.description_nl}"
        kept = CODES.findall(f"{rule.title} {rule.description}")
        assert [code for code in kept if code not in dutch] == [], rule.id


@pytest.mark.parametrize(
    ("rule_id", "dutch_title"),
    [
        ("quality.payment-in-lieu", "Afkoop"),
        ("schema.required", "Ontbrekend veld"),
        ("award.bid-refused", "Inschrijving uitgesloten van de gunning"),
    ],
)
def test_title_in_and_description_in_choose_the_language(rule_id: str, dutch_title: str) -> None:
    rule = get_rule(rule_id)
    assert rule.title_in("nl") == dutch_title
    assert rule.title_in("en") == rule.title
    assert rule.description_in("nl") == rule.description_nl
    assert rule.description_in("en") == rule.description

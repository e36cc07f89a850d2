"""``sroi docs generate DIR`` and ``sroi rules``: reference documentation from the code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sroi_core.cli._i18n import current_language, say
from sroi_core.reference_docs import write_reference_docs
from sroi_core.results_json import rules_json
from sroi_core.rules import Severity, all_rules


def register(subparsers: Any) -> None:
    """Add the ``docs`` command group and the ``rules`` command."""
    docs: argparse.ArgumentParser = subparsers.add_parser(
        "docs", help="generate the reference documentation from the code"
    )
    actions = docs.add_subparsers(dest="action", metavar="ACTION", required=True)
    generate = actions.add_parser(
        "generate",
        help="write rules.md, codelists.md and schema.md",
        description="Write the generated reference pages (rules, codelists, schemas) into DIR.",
    )
    generate.add_argument("directory", metavar="DIR", help="folder to write the pages into")
    generate.set_defaults(handler=handle_generate)

    rules: argparse.ArgumentParser = subparsers.add_parser(
        "rules",
        help="list every validation rule",
        description="List every rule a finding can name: id, severity, category and title "
        "(text) or every field of the rule (json).",
    )
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=handle_rules)


def handle_generate(args: argparse.Namespace) -> int:
    """Write the reference pages and list the files written."""
    for path in write_reference_docs(Path(args.directory)):
        print(path)
    return 0


def handle_rules(args: argparse.Namespace) -> int:
    """Print the rule catalogue as aligned text or as a JSON object."""
    if args.format == "json":
        sys.stdout.write(rules_json())
        return 0
    rules = all_rules()
    language = current_language()
    width = max(len(rule.id) for rule in rules)
    column = max(len(say(f"severity_{severity.value}")) for severity in Severity)
    for rule in rules:
        severity = say(f"severity_{rule.severity.value}")
        print(f"{rule.id:<{width}}  {severity:<{column}}  {rule.category:<8}  "
              f"{rule.title_in(language)}")
    return 0

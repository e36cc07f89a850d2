"""Extensions: namespaced field sets a document declares, checked against their schemas.

In the manner of OCDS, a 2.0 document lists the extensions it uses in ``extensions`` and
puts each extension's fields under ``extensionData.<id>``. Data for an extension the
document does not declare is refused; a declared extension is checked against its JSON
Schema when this package knows it (shipped under :mod:`sroi_core.extensions`, or given
with ``sroi validate --extension PATH``). An extension is never fetched: one this
package does not know draws a warning and its data goes unchecked (docs/extensions.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from sroi_core.errors import InputError
from sroi_core.rules import Finding, Severity, define_rule, json_pointer, make_finding

UNDECLARED = define_rule(
    "extension.undeclared",
    Severity.ERROR,
    "Extension data without a declaration",
    "extensionData has data for {extension}, which the document does not list in extensions",
    "Fields of an extension are only read when the document declares the extension in its "
    "extensions array; otherwise a misspelt or unknown extension would pass unchecked.",
    category="schema",
    template_nl="extensionData bevat gegevens voor {extension}, maar het document noemt die "
    "extensie niet in extensions",
)
INVALID = define_rule(
    "extension.invalid",
    Severity.ERROR,
    "Extension data does not match its schema",
    "{extension}: {problem}",
    "Data of a declared extension must satisfy that extension's JSON Schema.",
    category="schema",
    template_nl="{extension}: {problem}",
)
UNAVAILABLE = define_rule(
    "extension.unavailable",
    Severity.WARNING,
    "Extension not available",
    "extension {extension} is not known here, so its data was not checked",
    "A declared extension whose schema this implementation does not have (extensions are "
    "never downloaded); give it with --extension to check its data.",
    category="schema",
    template_nl="extensie {extension} is hier niet bekend; de gegevens ervan zijn niet "
    "gecontroleerd",
)


@dataclass(frozen=True)
class Extension:
    """An extension: its id, the URL of its extension.json, and the schema of its data."""

    id: str
    url: str
    version: str
    title: str
    document_types: tuple[str, ...]
    schema: dict[str, Any] = field(repr=False)

    def names(self) -> tuple[str, str]:
        """The two names a document may declare it by."""
        return self.id, self.url

    @property
    def validator(self) -> Draft202012Validator:
        """A validator of the extension's data that never fetches a ``$ref``."""
        return _validator(json.dumps(self.schema, sort_keys=True))


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def _validator(schema_text: str) -> Draft202012Validator:
    schema = json.loads(schema_text)
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def _read(text: str, schema_text: str, source: str) -> Extension:
    try:
        meta = json.loads(text)
        schema = json.loads(schema_text)
        Draft202012Validator.check_schema(schema)
        return Extension(
            id=str(meta["id"]),
            url=str(meta["url"]),
            version=str(meta["version"]),
            title=str(meta["title"]["en"]),
            document_types=tuple(meta["documentTypes"]),
            schema=schema,
        )
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(f"{source}: not a valid extension ({error})", source=source) from None
    except Exception as error:  # jsonschema's SchemaError
        raise InputError(f"{source}: the extension schema is invalid ({error})") from None


def read_extension(path: Path) -> Extension:
    """An extension from its ``extension.json`` (the schema file named in it lies beside)."""
    try:
        text = path.read_text(encoding="utf-8")
        schema_name = str(json.loads(text).get("schema", "schema.json"))
        schema_text = (path.parent / schema_name).read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read extension {path}: {error}", source=str(path)) from None
    return _read(text, schema_text, str(path))


@cache
def shipped_extensions() -> tuple[Extension, ...]:
    """The extensions published with the standard (one folder each beside this module)."""
    found = []
    root = resources.files(__package__)
    for folder in sorted(root.iterdir(), key=lambda entry: entry.name):
        meta = folder.joinpath("extension.json")
        if folder.is_dir() and meta.is_file():
            text = meta.read_text(encoding="utf-8")
            schema_name = str(json.loads(text).get("schema", "schema.json"))
            schema_text = folder.joinpath(schema_name).read_text(encoding="utf-8")
            found.append(_read(text, schema_text, f"extension {folder.name}"))
    return tuple(found)


_REGISTERED: dict[str, Extension] = {}


def register_extension(path: Path) -> Extension:
    """Make an extension given as a file known to this process (``--extension PATH``)."""
    extension = read_extension(path)
    for name in extension.names():
        _REGISTERED[name] = extension
    return extension


def find_extension(name: str) -> Extension | None:
    """The extension a document declares as ``name`` (id or URL), if this package has it."""
    if name in _REGISTERED:
        return _REGISTERED[name]
    return next((ext for ext in shipped_extensions() if name in ext.names()), None)


def extension_findings(data: Any, source: str = "<memory>") -> list[Finding]:
    """Undeclared extension data (error), invalid extension data (error), unknown ones (warning)."""
    if not isinstance(data, dict):
        return []
    declared = data.get("extensions") or []
    payload = data.get("extensionData") or {}
    findings: list[Finding] = []
    for name in declared:
        if isinstance(name, str) and find_extension(name) is None:
            pointer = json_pointer("extensions", declared.index(name))
            findings.append(make_finding(UNAVAILABLE, pointer, source=source, extension=name))
    if not isinstance(payload, dict):
        return findings
    for name, value in payload.items():
        pointer = json_pointer("extensionData", name)
        if name not in declared:
            findings.append(make_finding(UNDECLARED, pointer, source=source, extension=name))
            continue
        extension = find_extension(name)
        if extension is None:
            continue
        for error in extension.validator.iter_errors(value):
            findings.append(
                make_finding(
                    INVALID,
                    json_pointer("extensionData", name, *error.absolute_path),
                    source=source,
                    extension=name,
                    problem=error.message,
                )
            )
    return findings

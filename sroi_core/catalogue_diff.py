"""What changed between two catalogue versions: the facts a buyer needs for a running contract.

A tender names one catalogue version; when a new version appears, the buyer has to know
which indicators were added, removed or deprecated, which money values moved (amount,
price year, source, licence), which default adjustments changed and whether the
valuation conventions (discount rate, valuation year, FTE norm, price index) changed.
:func:`diff_catalogues` is a pure function of two :class:`~sroi_core.model.Catalogue`
objects; :class:`CatalogueDiff` renders the result as plain text or as JSON. The fixed
phrases of the text live in the command line's one message table (``diff_*`` keys), so the
text reads Dutch or English; the JSON is the same in every language.

Items are matched by id. Every field is compared through the catalogue's own JSON form, so
a change anywhere in a proxy value (its source note, its scope, a transfer's exchange rate)
is reported under a dotted field name such as ``source.year`` or ``value.central``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sroi_core.model.catalogue import Catalogue
from sroi_core.model.price_index import PriceIndexSeries

__all__ = [
    "CatalogueDiff",
    "Deprecation",
    "FieldChange",
    "ItemChange",
    "ItemRef",
    "diff_catalogues",
]

Say = Callable[..., str]
"""A message lookup: ``say(key, **params)`` gives the text of ``key`` in some language."""


def english(key: str, **params: object) -> str:
    """The English text of message ``key`` (the default of :meth:`CatalogueDiff.to_text`)."""
    from sroi_core.cli._command_texts import COMMAND_TEXTS  # noqa: PLC0415 - the one table

    return COMMAND_TEXTS[key][1].format(**params)


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs; ``None`` means the field is absent on that side."""

    field: str
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, str | None]:
        """Return the change as a JSON object."""
        return {"field": self.field, "old": self.old, "new": self.new}

    def text(self, say: Say = english, language: str | None = None) -> str:
        """``field: old -> new`` with absent values spelled out.

        With a ``language``, the other language's wording of a bilingual text (``title.en``
        in a Dutch run) is named as changed rather than quoted, so the text is in one language.
        """
        other = {"nl": ".en", "en": ".nl"}.get(language or "")
        if other and self.field.endswith(other):
            return f"{self.field}: {say('diff_other_language')}"
        old = say("diff_absent") if self.old is None else self.old
        new = say("diff_absent") if self.new is None else self.new
        return f"{self.field}: {old} -> {new}"


@dataclass(frozen=True)
class ItemChange:
    """The changed fields of one indicator or proxy value (``indicator`` for proxies)."""

    id: str
    changes: tuple[FieldChange, ...]
    indicator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the change as a JSON object."""
        data: dict[str, Any] = {"id": self.id}
        if self.indicator is not None:
            data["indicator"] = self.indicator
        data["changes"] = [change.to_dict() for change in self.changes]
        return data


@dataclass(frozen=True)
class ItemRef:
    """An added or removed item, with the indicator a proxy value belongs to."""

    id: str
    indicator: str | None = None

    def to_dict(self) -> dict[str, str]:
        """Return the reference as a JSON object."""
        data = {"id": self.id}
        if self.indicator is not None:
            data["indicator"] = self.indicator
        return data

    def text(self, say: Say = english) -> str:
        """Return the id, with its indicator where there is one."""
        if self.indicator is None:
            return self.id
        return f"{self.id} {say('diff_of_indicator', indicator=self.indicator)}"


@dataclass(frozen=True)
class Deprecation:
    """An indicator that the new version deprecates, and its successor if named."""

    id: str
    replaced_by: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """Return the deprecation as a JSON object."""
        return {"id": self.id, "replacedBy": self.replaced_by}

    def text(self, say: Say = english) -> str:
        """Return the id and its successor."""
        if not self.replaced_by:
            return self.id
        return f"{self.id} {say('diff_replaced_by', replacement=self.replaced_by)}"


@dataclass(frozen=True)
class CatalogueDiff:
    """Differences from ``old`` to ``new`` (each named ``"<id> <version>"``)."""

    old: str
    new: str
    added_indicators: tuple[ItemRef, ...] = ()
    removed_indicators: tuple[ItemRef, ...] = ()
    deprecated_indicators: tuple[Deprecation, ...] = ()
    changed_indicators: tuple[ItemChange, ...] = ()
    changed_adjustments: tuple[ItemChange, ...] = ()
    added_proxy_values: tuple[ItemRef, ...] = ()
    removed_proxy_values: tuple[ItemRef, ...] = ()
    changed_proxy_values: tuple[ItemChange, ...] = ()
    changed_conventions: tuple[FieldChange, ...] = ()
    changed_price_indices: tuple[FieldChange, ...] = ()
    changed_metadata: tuple[FieldChange, ...] = ()
    """The edition itself: its standard version (which method reads it), date and title."""

    @property
    def has_changes(self) -> bool:
        """Whether the two catalogues differ in anything this diff compares."""
        return any(getattr(self, name) for name in _SECTIONS)

    def to_dict(self) -> dict[str, Any]:
        """Return the diff as a JSON object (camelCase keys, like the standard's documents)."""
        data: dict[str, Any] = {"old": self.old, "new": self.new, "hasChanges": self.has_changes}
        for name in _SECTIONS:
            key = "".join(
                part if i == 0 else part.capitalize() for i, part in enumerate(name.split("_"))
            )
            data[key] = [item.to_dict() for item in getattr(self, name)]
        return data

    def to_json(self) -> str:
        """Return the JSON text of :meth:`to_dict`, indented, with a final newline."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self, say: Say = english, language: str | None = None) -> str:
        """Return a plain-text report, one section per kind of change.

        ``say`` gives the fixed phrases (the CLI passes its own, in the run's ``language``);
        ids, field names and values are data and stay as they are, except that with a
        ``language`` the other language's text of a bilingual field is not quoted.
        """
        lines = [say("diff_heading", old=self.old, new=self.new)]
        if not self.has_changes:
            lines.append(say("diff_none"))
            return "\n".join(lines) + "\n"
        for name in _SECTIONS:
            items = getattr(self, name)
            if not items:
                continue
            lines.append("")
            lines.append(say("diff_section", title=say(f"diff_{name}"), count=len(items)))
            for item in items:
                if isinstance(item, ItemChange):
                    label = ItemRef(item.id, item.indicator).text(say)
                    lines.append(f"  ~ {label}")
                    lines.extend(
                        f"      {change.text(say, language)}" for change in item.changes
                    )
                elif isinstance(item, FieldChange):
                    lines.append(f"  ~ {item.text(say, language)}")
                else:
                    marker = {"added": "+", "removed": "-"}.get(name.split("_")[0], "!")
                    lines.append(f"  {marker} {item.text(say)}")
        return "\n".join(lines) + "\n"


_SECTIONS: tuple[str, ...] = (
    "changed_metadata",
    "added_indicators",
    "removed_indicators",
    "deprecated_indicators",
    "changed_proxy_values",
    "added_proxy_values",
    "removed_proxy_values",
    "changed_adjustments",
    "changed_indicators",
    "changed_conventions",
    "changed_price_indices",
)
"""The sections of the diff in the order shown; each has a ``diff_<name>`` title."""


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Return the leaf values of a JSON value under dotted names; lists stay whole."""
    if isinstance(value, Mapping):
        flat: dict[str, str] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {prefix: _scalar(value)}


def _field_changes(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[FieldChange, ...]:
    names = sorted(set(old) | set(new))
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )


def _by_id(items: Iterable[Any]) -> dict[str, dict[str, Any]]:
    return {item.id: item.to_json_dict() for item in items}


def _metadata(catalogue: Catalogue) -> dict[str, str]:
    """What names the edition: a change of ``standardVersion`` changes the method that reads it."""
    data = catalogue.to_json_dict()
    return _flatten({key: data[key] for key in ("standardVersion", "published", "title")})


def _conventions(catalogue: Catalogue) -> dict[str, str]:
    flat = _flatten(catalogue.conventions.to_json_dict(), "conventions")
    if catalogue.fte_norm is not None:
        flat.update(_flatten(catalogue.fte_norm.to_json_dict(), "fteNorm"))
    if catalogue.default_price_index is not None:
        flat["defaultPriceIndex"] = catalogue.default_price_index
    return flat


def _series_summary(series: PriceIndexSeries) -> str:
    return f"{series.values[0].year}-{series.values[-1].year}, base {series.base}"


def _price_indices(old: Catalogue, new: Catalogue) -> tuple[FieldChange, ...]:
    old_series = {s.id: s for s in old.price_indices}
    new_series = {s.id: s for s in new.price_indices}
    changes: list[FieldChange] = []
    for series_id in sorted(set(old_series) | set(new_series)):
        before, after = old_series.get(series_id), new_series.get(series_id)
        if before is None or after is None:
            changes.append(
                FieldChange(
                    series_id,
                    _series_summary(before) if before else None,
                    _series_summary(after) if after else None,
                )
            )
            continue
        meta_before = _flatten({k: v for k, v in before.to_json_dict().items() if k != "values"})
        meta_after = _flatten({k: v for k, v in after.to_json_dict().items() if k != "values"})
        for change in _field_changes(meta_before, meta_after):
            changes.append(FieldChange(f"{series_id}.{change.field}", change.old, change.new))
        years_before = {p.year: _scalar(p.to_json_dict()["value"]) for p in before.values}
        years_after = {p.year: _scalar(p.to_json_dict()["value"]) for p in after.values}
        for year in sorted(set(years_before) | set(years_after)):
            if years_before.get(year) != years_after.get(year):
                before_value, after_value = years_before.get(year), years_after.get(year)
                changes.append(FieldChange(f"{series_id}[{year}]", before_value, after_value))
    return tuple(changes)


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Return everything that differs from ``old`` to ``new``, item by item and field by field."""
    old_ind, new_ind = _by_id(old.indicators), _by_id(new.indicators)
    deprecated = tuple(
        Deprecation(item.id, item.replaced_by)
        for item in new.indicators
        if item.deprecated and not old_ind.get(item.id, {}).get("deprecated", False)
    )
    newly_deprecated = {d.id for d in deprecated}
    changed_indicators: list[ItemChange] = []
    changed_adjustments: list[ItemChange] = []
    for indicator_id in (i for i in new_ind if i in old_ind):
        before = dict(old_ind[indicator_id])
        after = dict(new_ind[indicator_id])
        adjust = _field_changes(
            _flatten(before.pop("adjustments", {})), _flatten(after.pop("adjustments", {}))
        )
        if adjust:
            changed_adjustments.append(ItemChange(indicator_id, adjust))
        if indicator_id in newly_deprecated:
            for key in ("deprecated", "replacedBy"):
                before.pop(key, None)
                after.pop(key, None)
        other = _field_changes(_flatten(before), _flatten(after))
        if other:
            changed_indicators.append(ItemChange(indicator_id, other))
    old_pv, new_pv = _by_id(old.proxy_values), _by_id(new.proxy_values)
    changed_proxies: list[ItemChange] = []
    for pid in (p for p in new_pv if p in old_pv):
        changes = _field_changes(_flatten(old_pv[pid]), _flatten(new_pv[pid]))
        if changes:
            changed_proxies.append(ItemChange(pid, changes, indicator=new_pv[pid]["indicator"]))
    return CatalogueDiff(
        old=f"{old.id} {old.version}",
        new=f"{new.id} {new.version}",
        added_indicators=tuple(ItemRef(i) for i in new_ind if i not in old_ind),
        removed_indicators=tuple(ItemRef(i) for i in old_ind if i not in new_ind),
        deprecated_indicators=deprecated,
        changed_indicators=tuple(changed_indicators),
        changed_adjustments=tuple(changed_adjustments),
        added_proxy_values=tuple(
            ItemRef(p, new_pv[p]["indicator"]) for p in new_pv if p not in old_pv
        ),
        removed_proxy_values=tuple(
            ItemRef(p, old_pv[p]["indicator"]) for p in old_pv if p not in new_pv
        ),
        changed_proxy_values=tuple(changed_proxies),
        changed_conventions=_field_changes(_conventions(old), _conventions(new)),
        changed_price_indices=_price_indices(old, new),
        changed_metadata=_field_changes(_metadata(old), _metadata(new)),
    )

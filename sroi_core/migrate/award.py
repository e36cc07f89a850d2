"""Tender award rules: 1.0 ``scoring`` becomes 2.0 ``award`` (docs/procurement-profile.md).

The 1.0 methods map onto the 2.0 methods that give the same kind of points: ``absolute``
(quantities against targets) is ``outcome-attainment``; ``relative`` and ``mixed``
(monetised value relative to the best bid) are ``relative-value``. The minimum policy was
a command-line option in 1.0; the 1.0 default (``rank-after``) is written and logged.
"""

from __future__ import annotations

from typing import Any

from sroi_core.migrate import Json, MigrationLog, NoteKind, Step

_METHODS = {
    "absolute": "outcome-attainment",
    "relative": "relative-value",
    "mixed": "relative-value",
}


def _award(scoring: dict[str, Any], data: Json, log: MigrationLog) -> Json:
    old = str(scoring.get("method", ""))
    method = _METHODS.get(old, "outcome-attainment")
    award: Json = {
        "method": method,
        "weights": {
            "socialValue": scoring.get("socialValueWeight", "0"),
            "price": scoring.get("priceWeight", "0"),
            "otherQuality": scoring.get("otherQualityWeight", "0"),
        },
        "maxPoints": scoring.get("maxPoints", 100),
    }
    log.note(
        NoteKind.CHANGED,
        "/award/method",
        f"scoring method {old} -> award method {method}",
        f"scoremethode {old} -> gunningsmethode {method}",
    )
    if "qualitativeShare" in scoring:
        award["qualitativeShare"] = scoring["qualitativeShare"]
    if method == "relative-value":
        award["perspective"] = "society"
        log.note(
            NoteKind.ASSUMED,
            "/award/perspective",
            "value-based method: perspective 'society' assumed (1.0 summed every outcome "
            "value); choose 'public-purse' to count fiscal value only",
            "waardemethode: perspectief 'society' aangenomen (1.0 telde alle "
            "uitkomstwaarde op); kies 'public-purse' om alleen fiscale waarde te tellen",
        )
    minimum: Json = {"policy": "rank-after"}
    if "minimumSocialValueShare" in data and method != "outcome-attainment":
        minimum["valueShare"] = data["minimumSocialValueShare"]
    award["minimum"] = minimum
    log.note(
        NoteKind.ASSUMED,
        "/award/minimum/policy",
        "minimum policy 'rank-after' (the 1.0 default, then a command-line option) is "
        "now published in the tender; confirm it",
        "minimumbeleid 'rank-after' (de 1.0-standaard, toen een opdrachtregeloptie) staat "
        "nu in de aanbesteding; bevestig het",
    )
    return award


def _tender(data: Json, log: MigrationLog) -> None:
    scoring = data.pop("scoring", None)
    if not isinstance(scoring, dict):
        return
    data["award"] = _award(scoring, data, log)
    log.note(
        NoteKind.NEEDS_INPUT,
        "/award",
        "award rules the 1.0 tender did not state (attainment cap, plausibility, finding "
        "consequences, tie-break, price formula, evidence regime, remedies) take the "
        "procurement profile's defaults; publish your own where they differ",
        "gunningsregels die de 1.0-aanbesteding niet noemde (plafond, plausibiliteit, "
        "gevolgen van bevindingen, beslisregel bij gelijke stand, prijsformule, "
        "bewijsregime, herstel) volgen het standaardprofiel; publiceer eigen regels waar "
        "die afwijken",
    )
    if "stakeholderInvolvement" not in data:
        log.note(
            NoteKind.NEEDS_INPUT,
            "/stakeholderInvolvement",
            "1.0 had no place to record how residents and stakeholders chose the outcomes; "
            "add stakeholderInvolvement (methods, period, the outcomes they named, ranked)",
            "1.0 had geen plaats om vast te leggen hoe bewoners en belanghebbenden de "
            "uitkomsten kozen; voeg stakeholderInvolvement toe (methoden, periode, de "
            "genoemde uitkomsten met rangorde)",
        )


steps: dict[str, Step] = {"tender": _tender}

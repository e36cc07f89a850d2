"""Migration steps of the 2.0 valuation method (issue 10): the cost and the price years."""

from __future__ import annotations

from sroi_core.migrate import Json, MigrationLog, NoteKind, Step


def _bid(data: Json, log: MigrationLog) -> None:
    """``investment`` -> ``incrementalCost``, to be confirmed by the supplier."""
    investment = data.pop("investment", None)
    if investment is None:
        log.note(
            NoteKind.NEEDS_INPUT,
            "/incrementalCost",
            "2.0 reports an SROI ratio only over the declared incremental cost of delivering "
            "the social value; this bid declares none, so its valuation reports value per "
            "contract euro. Add incrementalCost (valuation-year prices) to get a ratio.",
            "2.0 toont alleen een SROI-ratio over de opgegeven meerkosten van de sociale "
            "waarde; deze inschrijving geeft die niet, dus de waardering toont waarde per "
            "euro opdrachtwaarde. Vul incrementalCost in (prijzen van het waarderingsjaar).",
        )
        return
    data["incrementalCost"] = investment
    log.note(
        NoteKind.NEEDS_INPUT,
        "/incrementalCost",
        f"investment {investment.get('currency')} {investment.get('amount')} was carried over "
        "as incrementalCost: confirm that it is the incremental cost of delivering the social "
        "value, in valuation-year prices (not the bid price or the contract value).",
        f"investment {investment.get('currency')} {investment.get('amount')} is overgenomen als "
        "incrementalCost: bevestig dat dit de meerkosten van de sociale waarde zijn, in "
        "prijzen van het waarderingsjaar (niet de inschrijfprijs of de opdrachtwaarde).",
    )


def _catalogue(data: Json, log: MigrationLog) -> None:
    """Every non-credit proxy value gets a price year: stated, or assumed by the rule."""
    for number, proxy in enumerate(data.get("proxyValues", ())):
        if not isinstance(proxy, dict) or proxy.get("valuationBasis") == "obligation-credit":
            continue
        pointer = f"/proxyValues/{number}"
        if "priceYear" in proxy:
            proxy["priceYearBasis"] = "stated"
            continue
        year = (proxy.get("source") or {}).get("year")
        if year is None:
            continue
        proxy["priceYear"] = year
        proxy["priceYearBasis"] = "assumed"
        log.note(
            NoteKind.ASSUMED,
            f"{pointer}/priceYear",
            f"proxy value {proxy.get('id')} states no price year: the source's publication "
            f"year {year} is assumed (2.0 rule) and the value is rebased from it; replace it "
            "with the year the source states, if it does.",
            f"kengetal {proxy.get('id')} heeft geen prijsjaar: het publicatiejaar {year} van de "
            "bron wordt aangenomen (regel van 2.0) en de waarde wordt daarvandaan "
            "geïndexeerd; vervang het door het jaar dat de bron noemt, als die dat doet.",
        )


steps: dict[str, Step] = {"bid": _bid, "catalogue": _catalogue}

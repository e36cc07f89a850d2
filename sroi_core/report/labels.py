"""Every fixed text of a report, in Dutch and English (one small dictionary).

Theme, indicator and unit names come from the catalogue and the codelists; everything
else a reader sees comes from here, so a report is wholly in one language. Rule titles and
plain explanations of the quality findings are given in Dutch here; in English the rule
catalogue's own title and description are used.
"""

from __future__ import annotations

from sroi_core.codelists import codelist
from sroi_core.rules import Rule

TEXT: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ header, contents
    "kicker": ("Rapportage maatschappelijke waarde", "Social value report"),
    "subtitle": ("{supplier} — bod {bid}", "{supplier} — bid {bid}"),
    "as_of_line": ("Stand per {date}", "As of {date}"),
    "contents": ("Inhoud", "Contents"),
    "meta_label": ("Over dit contract", "About this contract"),
    "buyer": ("Opdrachtgever", "Buyer"),
    "tender": ("Aanbesteding", "Tender"),
    "ocid": ("OCDS-id", "OCDS id"),
    "contract_value": ("Opdrachtwaarde", "Contract value"),
    "contract_period": ("Looptijd", "Contract period"),
    "areas": ("Gebied", "Area"),
    "supplier": ("Leverancier", "Supplier"),
    "bid": ("Bod", "Bid"),
    "submitted_on": ("ingediend op {date}", "submitted on {date}"),
    "evidence_reports": ("Bewijsrapportages", "Evidence reports"),
    "no_reports": ("geen", "none"),
    "as_of": ("Stand per", "As of"),
    # ------------------------------------------------------------------------- summary
    "s_summary": ("Samenvatting", "Summary"),
    "k_committed": ("Toegezegde maatschappelijke waarde", "Committed social value"),
    "k_committed_note": (
        "contante waarde van de toezeggingen in het bod",
        "present value of the commitments in the bid",
    ),
    "k_verified": ("Geverifieerd opgeleverd", "Verified as delivered"),
    "k_verified_note": ("{percent} van de toezegging", "{percent} of the commitment"),
    "k_forecast": ("Prognose einde contract", "Forecast at contract end"),
    "k_forecast_note": (
        "{percent} van de toezegging (lineaire trend, nooit boven de toezegging)",
        "{percent} of the commitment (linear trend, never above the commitment)",
    ),
    "k_unverified": ("Nog niet geverifieerd", "Not yet verified"),
    "k_unverified_note": (
        "telt pas mee als de gemeente het bewijs goedkeurt",
        "counts only once the buyer accepts the evidence",
    ),
    "k_rejected": ("Afgewezen of ingetrokken", "Rejected or withdrawn"),
    "k_rejected_note": ("telt nooit mee", "never counts"),
    "k_credits": ("Verplichtingscredits (bouwblokken)", "Obligation credits (bouwblokken)"),
    "k_credits_note": (
        "apart getoond, nooit opgeteld bij maatschappelijke waarde",
        "shown apart, never added to social value",
    ),
    "k_findings": ("Kwaliteitsbevindingen", "Quality findings"),
    "k_findings_value": ("{errors} fout(en), {warnings} waarschuwing(en)", "{errors} error(s), "
                         "{warnings} warning(s)"),
    "k_findings_errors": ("{errors} fout(en)", "{errors} error(s)"),
    "k_findings_note": (
        "en {warnings} waarschuwing(en); een bevinding is een vraag aan de leverancier",
        "and {warnings} warning(s); a finding is a question to the supplier",
    ),
    "k_ratio": ("SROI-ratio (toegezegd)", "SROI ratio (committed)"),
    "k_ratio_note": (
        "toegezegde waarde gedeeld door de investering van {amount}",
        "committed value divided by the investment of {amount}",
    ),
    "k_perspective_public-purse": (
        "Waarde voor de overheidsfinanciën (toegezegd)",
        "Value to the public purse (committed)",
    ),
    "k_perspective_society": (
        "Maatschappelijke waarde (toegezegd)",
        "Value to society (committed)",
    ),
    "k_perspective_note": (
        "contante waarde; nooit opgeteld bij het andere perspectief",
        "present value; never added to the other perspective",
    ),
    "k_ratio_2": ("SROI-ratio, {perspective}", "SROI ratio, {perspective}"),
    "k_ratio_2_note": (
        "gedeeld door de contante waarde van de meerkosten ({amount})",
        "divided by the present value of the incremental cost ({amount})",
    ),
    "k_per_euro": (
        "Waarde per euro opdrachtwaarde, {perspective}",
        "Value per contract euro, {perspective}",
    ),
    "k_per_euro_note": (
        "geen SROI-ratio: er zijn geen bruikbare meerkosten opgegeven",
        "not an SROI ratio: no usable incremental cost was declared",
    ),
    "p_public-purse": ("overheidsfinanciën", "public purse"),
    "p_society": ("maatschappij", "society"),
    "k_eligible": (
        "Telt mee voor de gunning ({perspective})",
        "Counts for the award ({perspective})",
    ),
    "k_eligible_1_0": (
        "Telt mee voor de gunning (standaard 1.0: perspectieven opgeteld)",
        "Counts for the award (standard 1.0: perspectives added)",
    ),
    "k_part_1_0": ("waarvan {perspective}", "of which {perspective}"),
    "k_part_1_0_note": (
        "standaard 2.0 telt elk perspectief apart en telt ze nooit op",
        "standard 2.0 counts each perspective apart and never adds them",
    ),
    "summary_1_0_sum": (
        "Deze aanbesteding volgt standaard 1.0: de gunning telde de waarde van alle "
        "perspectieven bij elkaar op, en dit rapport toont de gunning zoals die is gedaan. "
        "Standaard 2.0 telt alleen het perspectief van de gunning en telt perspectieven nooit "
        "op; voor de {perspective} is dat {value} ({note}).",
        "This tender follows standard 1.0: the award added the value of every perspective, "
        "and this report shows the award as it was made. Standard 2.0 counts only the award's "
        "perspective and never adds perspectives; in the {perspective} perspective that is "
        "{value} ({note}).",
    ),
    "k_not_for_award": (
        "Telt niet mee voor de gunning ({perspective})",
        "Does not count for the award ({perspective})",
    ),
    "k_not_for_award_note": (
        "ander perspectief dan dat van de gunning; nooit opgeteld",
        "another perspective than the award's; never added",
    ),
    "k_eligible_note_ok": (
        "voldoet aan het minimum van {amount}",
        "meets the minimum of {amount}",
    ),
    "k_eligible_note_low": (
        "lager dan het minimum van {amount}",
        "below the minimum of {amount}",
    ),
    "k_eligible_note_none": ("de aanbesteding stelt geen minimum", "the tender sets no minimum"),
    "k_eligible_note_attainment": (
        "het minimum van de aanbesteding is een doelbereik, geen bedrag",
        "the tender's minimum is a target attainment, not an amount",
    ),
    "summary_promised": (
        "{supplier} heeft maatschappelijke waarde toegezegd met een contante waarde van "
        "{committed}.",
        "{supplier} committed social value with a present value of {committed}.",
    ),
    "summary_eligible_differs": (
        "Van de waarde voor de {perspective} ({committed}) telt {eligible} mee voor de "
        "gunning: de rest is afkoop, inspanning (output), niet gevraagd of heeft een "
        "kwaliteitsfout.",
        "Of the value in the {perspective} perspective ({committed}), {eligible} counts for "
        "the award: the rest is buy-off, effort (output), not asked for or has a quality error.",
    ),
    "summary_award_perspective": (
        "De gunning telt alleen waarde voor de {perspective}. Waarde vanuit een ander "
        "perspectief staat ernaast en wordt er nooit bij opgeteld.",
        "The award counts value in the {perspective} perspective only. Value from another "
        "perspective is shown beside it and never added to it.",
    ),
    "summary_delivered": (
        "Tot en met {date} is {verified} geverifieerd ({percent} van de toezegging). Bij het "
        "huidige tempo komt de prognose voor het einde van het contract op {forecast} "
        "({forecast_percent}).",
        "Up to {date}, {verified} has been verified ({percent} of the commitment). At the "
        "current pace the forecast for the end of the contract is {forecast} "
        "({forecast_percent}).",
    ),
    "summary_not_counted": (
        "Nog niet geverifieerd: {unverified}; afgewezen of ingetrokken: {rejected}. Deze "
        "bedragen tellen niet mee.",
        "Not yet verified: {unverified}; rejected or withdrawn: {rejected}. These amounts do not "
        "count.",
    ),
    "summary_no_evidence": (
        "Er zijn nog geen bewijsrapportages meegegeven: dit rapport toont alleen wat is "
        "toegezegd.",
        "No evidence reports were given: this report shows only what was committed.",
    ),
    "summary_credits": (
        "Het bod bevat ook {credits} aan verplichtingscredits (bouwblokken). Dat is een "
        "inspanningsmaat, geen maatschappelijke waarde, en staat daarom apart.",
        "The bid also holds {credits} in obligation credits (bouwblokken). That measures "
        "effort, not social value, so it is kept apart.",
    ),
    # ------------------------------------------------------------------------ promised
    "s_promised": ("Wat is beloofd", "What was promised"),
    "promised_intro": (
        "Elke toezegging is gewaardeerd met de methode van de standaard: hoeveelheid maal "
        "kengetal, min de standaardcorrecties van de catalogus (deadweight, attributie, "
        "verplaatsing, uitval), over de toegezegde effectduur (begrensd door de catalogus) en "
        "verdisconteerd tegen {rate}. Afkoop krijgt nooit waarde.",
        "Each commitment is valued with the standard's method: quantity times proxy value, "
        "less the catalogue's default adjustments (deadweight, attribution, displacement, "
        "drop-off), over the committed duration (capped by the catalogue) and discounted at "
        "{rate}. Buy-off is never given value.",
    ),
    "t_commitments": ("Toezeggingen in het bod", "Commitments in the bid"),
    "col_commitment": ("Toezegging", "Commitment"),
    "col_indicator": ("Indicator", "Indicator"),
    "col_theme": ("Thema", "Theme"),
    "col_quantity": ("Hoeveelheid", "Quantity"),
    "col_years": ("Jaren", "Years"),
    "col_fulfilment": ("Uitvoering", "Fulfilment"),
    "col_value": ("Waarde", "Value"),
    "col_award": ("Telt voor gunning", "Counts for award"),
    "col_remarks": ("Opmerkingen", "Remarks"),
    "total": ("Totaal", "Total"),
    "t_themes_table": (
        "Toegezegde waarde per thema: prioriteit en aandeel",
        "Committed value by theme: priority and share",
    ),
    "col_priority": ("Prioriteit", "Priority"),
    "col_share": ("Aandeel", "Share"),
    "no_priority": ("geen", "none"),
    "chart_promised_title": ("Toegezegde waarde per thema", "Committed value by theme"),
    "chart_promised_desc": (
        "Horizontale staafgrafiek van de toegezegde maatschappelijke waarde (contante waarde) "
        "per thema; dezelfde cijfers staan in de tabel, ook van thema's zonder geldwaarde.",
        "Horizontal bar chart of the committed social value (present value) by theme; the "
        "table holds the same figures, also for themes without a money value.",
    ),
    "series_committed": ("Toegezegd", "Committed"),
    "series_verified": ("Geverifieerd", "Verified"),
    "series_forecast": ("Prognose einde contract", "Forecast at contract end"),
    "t_credits": (
        "Verplichtingscredits (bouwblokken): apart, nooit opgeteld",
        "Obligation credits (bouwblokken): apart, never summed",
    ),
    "col_credit": ("Credit (nominaal)", "Credit (nominal)"),
    "credits_none": (
        "Dit bod bevat geen verplichtingscredits (bouwblokken).",
        "This bid holds no obligation credits (bouwblokken).",
    ),
    "credits_intro": (
        "Bouwblokken drukken inspanning uit voor een social-returnverplichting. Ze worden "
        "nominaal getoond (hoeveelheid maal creditwaarde), niet verdisconteerd, en nooit bij "
        "maatschappelijke waarde opgeteld.",
        "Building blocks express effort toward a social-return obligation. They are shown "
        "nominally (quantity times credit value), not discounted, and never added to social "
        "value.",
    ),
    "minimum_line": (
        "Minimum maatschappelijke waarde volgens de aanbesteding: {amount}. Waarde die meetelt "
        "voor de gunning (perspectief {perspective}): {eligible} — {verdict}.",
        "Minimum social value set by the tender: {amount}. Value that counts for the award "
        "(perspective {perspective}): {eligible} — {verdict}.",
    ),
    "minimum_line_1_0": (
        "Minimum maatschappelijke waarde volgens de aanbesteding: {amount}. Waarde die meetelt "
        "voor de gunning volgens standaard 1.0 (perspectieven opgeteld): {eligible} — "
        "{verdict}.",
        "Minimum social value set by the tender: {amount}. Value that counts for the award "
        "under standard 1.0 (perspectives added): {eligible} — {verdict}.",
    ),
    "minimum_met": ("voldoet", "meets it"),
    "minimum_not_met": ("voldoet niet", "does not meet it"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "not_monetised": ("niet gemonetariseerd", "not monetised"),
    # fulfilment
    "fulfilment_direct": ("zelf", "direct"),
    "fulfilment_partner": ("partner: {partner}", "partner: {partner}"),
    "fulfilment_partner_plain": ("met een partner", "with a partner"),
    "fulfilment_payment-in-lieu": ("afkoop", "buy-off"),
    "payment_in_lieu_amount": ("afkoopsom {amount}", "buy-off amount {amount}"),
    # line flags (valuation engine)
    "flag_duration-capped": (
        "effectduur begrensd op {years} jaar (catalogusmaximum; geclaimd: {claimed})",
        "duration capped at {years} years (catalogue maximum; claimed: {claimed})",
    ),
    "flag_adjustment-claim-below-default-ignored": (
        "geclaimde correctie lager dan de catalogus: genegeerd",
        "claimed adjustment below the catalogue default: ignored",
    ),
    "flag_first-year-only": ("telt alleen het eerste jaar (geclaimd: {claimed})",
                             "counts the first year only (claimed: {claimed})"),
    "credit_remark": (
        "verplichtingscredit {amount}: apart getoond, niet opgeteld",
        "obligation credit {amount}: shown apart, not added",
    ),
    "flag_payment-in-lieu-not-valued": ("afkoop: nooit gewaardeerd",
                                        "buy-off: never valued"),
    "flag_not-rebased-no-price-year": ("kengetal zonder prijsjaar: niet geïndexeerd",
                                       "proxy without a price year: not rebased"),
    "flag_currency-transfer": ("kengetal omgerekend uit een andere valuta",
                               "proxy converted from another currency"),
    # award reasons (scoring codes)
    "reason_payment-in-lieu": ("afkoop telt nooit mee", "buy-off never counts"),
    "reason_not-a-tender-indicator": ("niet gevraagd in de aanbesteding",
                                      "not asked for in the tender"),
    "reason_output-indicator": ("inspanning (output) waar uitkomsten gevraagd zijn",
                                "effort (output) where outcomes were asked"),
    "reason_quality-error": ("kwaliteitsfout: {rule} ({id})", "quality error: {rule} ({id})"),
    # ------------------------------------------------------------------------ delivered
    "s_delivered": ("Wat is opgeleverd", "What was delivered"),
    "delivered_intro": (
        "De leverancier rapporteert per halfjaar wat is bereikt, met bewijs; de gemeente "
        "verifieert of wijst af. Alleen geverifieerde bewijsstukken tellen als gerealiseerde "
        "waarde. Wat nog niet geverifieerd, afgewezen of ingetrokken is, staat hieronder apart "
        "en telt niet mee.",
        "The supplier reports what was achieved, with evidence; the buyer verifies or "
        "rejects. Only verified evidence counts as realised value. What is not yet verified, "
        "rejected or withdrawn is shown apart below and does not count.",
    ),
    "t_reports": ("Bewijsrapportages", "Evidence reports"),
    "col_report": ("Rapportage", "Report"),
    "col_period": ("Periode", "Period"),
    "col_items": ("Bewijsstukken", "Items"),
    "col_items_used": ("Gebruikt", "Used"),
    "chart_status_title": ("Gerapporteerde waarde naar status", "Reported value by status"),
    "chart_status_desc": (
        "Staafgrafiek van de gerapporteerde maatschappelijke waarde naar status: alleen "
        "geverifieerde waarde telt mee.",
        "Bar chart of the reported social value by status: only verified value counts.",
    ),
    "t_items": ("Bewijsstukken (laatste versie)", "Evidence items (latest version)"),
    "col_item": ("Bewijsstuk", "Item"),
    "col_status": ("Status", "Status"),
    "col_explanation": ("Toelichting", "Explanation"),
    "bucket_verified": ("geverifieerd", "verified"),
    "bucket_unverified": ("nog niet geverifieerd", "not yet verified"),
    "bucket_rejected": ("afgewezen", "rejected"),
    "bucket_withdrawn": ("ingetrokken", "withdrawn"),
    "bucket_not-counted": ("niet geteld", "not counted"),
    "why_verified": ("geverifieerd door de gemeente: telt mee", "verified by the buyer: counts"),
    "why_unverified": ("wacht op de gemeente: telt nog niet mee",
                       "awaiting the buyer: does not count yet"),
    "why_rejected": ("afgewezen door de gemeente: telt nooit mee",
                     "rejected by the buyer: never counts"),
    "why_withdrawn": ("ingetrokken door de leverancier: telt nooit mee",
                      "withdrawn by the supplier: never counts"),
    "why_not-counted": (
        "hoort bij afkoop of bij een toezegging die niet in het bod staat: telt nooit mee",
        "belongs to a buy-off or to a commitment the bid does not hold: never counts",
    ),
    "why_reason": ("reden: {reason}", "reason: {reason}"),
    "why_replaces": ("vervangt {item}", "replaces {item}"),
    "t_quantities": ("Hoeveelheden per indicator", "Quantities by indicator"),
    "col_unit": ("Eenheid", "Unit"),
    "col_committed": ("Toegezegd", "Committed"),
    "col_verified": ("Geverifieerd", "Verified"),
    "col_unverified": ("Nog niet geverifieerd", "Not yet verified"),
    "col_rejected": ("Afgewezen of ingetrokken", "Rejected or withdrawn"),
    "col_realisation": ("Realisatie", "Realisation"),
    "quantities_intro": (
        "Hoeveelheden tellen ook voor indicatoren zonder geldwaarde: die worden gemeten en "
        "gerapporteerd, niet gemonetariseerd.",
        "Quantities count for indicators without a money value too: those are measured and "
        "reported, not monetised.",
    ),
    # ---------------------------------------------------------------------- realisation
    "s_realisation": ("Realisatie per thema en prognose", "Realisation by theme and forecast"),
    "t_realisation": ("Realisatie per thema", "Realisation by theme"),
    "col_forecast": ("Prognose einde contract", "Forecast at contract end"),
    "col_forecast_share": ("Prognose", "Forecast"),
    "chart_realisation_title": (
        "Toegezegd, geverifieerd en prognose per thema",
        "Committed, verified and forecast by theme",
    ),
    "chart_realisation_desc": (
        "Gegroepeerde staafgrafiek per thema: toegezegde waarde, geverifieerde waarde en de "
        "prognose voor het einde van het contract (gearceerd); dezelfde cijfers staan in de "
        "tabel, ook van thema's zonder geldwaarde.",
        "Grouped bar chart by theme: committed value, verified value and the forecast for the "
        "end of the contract (hatched); the table holds the same figures, also for themes "
        "without a money value.",
    ),
    "realisation_chart_above": (
        "De grafiek van deze cijfers staat in de samenvatting.",
        "The chart of these figures is in the summary.",
    ),
    "forecast_method": (
        "Prognose: per indicator de geverifieerde waarde maal {total} contractdagen gedeeld "
        "door {elapsed} verstreken dagen (contract {period}, stand per {date}), nooit hoger "
        "dan de toezegging tenzij er al meer is geverifieerd. Thema's en het totaal zijn sommen "
        "van de indicatoren.",
        "Forecast: per indicator the verified value times {total} contract days divided by "
        "{elapsed} elapsed days (contract {period}, as of {date}), never above the commitment "
        "unless more is already verified. Themes and the total are sums of the indicators.",
    ),
    "forecast_caveat": (
        "Een lineaire trend is geen belofte. Uitkomsten die pas laat in een contract kunnen "
        "worden vastgesteld (zoals werk dat na twaalf maanden nog loopt) worden in het begin "
        "onderschat.",
        "A linear trend is not a promise. Outcomes that can only be established late in a "
        "contract (such as work still held after twelve months) are under-forecast early on.",
    ),
    "t_realisation_credits": (
        "Verplichtingscredits (apart, nooit opgeteld)",
        "Obligation credits (apart, never summed)",
    ),
    "realisation_none": (
        "Zonder bewijsrapportages is er nog geen realisatie of prognose.",
        "Without evidence reports there is no realisation or forecast yet.",
    ),
    # ------------------------------------------------------------------------- findings
    "s_findings": ("Kwaliteitsbevindingen", "Quality findings"),
    "findings_intro": (
        "De kwaliteitscontroles zoeken naar de bekende manieren om social return te bespelen: "
        "afkoop als waarde, inspanning waar uitkomsten gevraagd zijn, dubbeltellingen, "
        "onwaarschijnlijke aantallen, claims buiten gebied of periode en zwak bewijs. Een "
        "bevinding is een vraag aan de leverancier, geen automatische uitsluiting. Elke regel "
        "heeft een vaste code; de regelcatalogus van de SROI Outcome Standard beschrijft wat "
        "elke code betekent.",
        "The quality checks look for the known ways to game social return: buy-off counted "
        "as value, effort where outcomes were asked, double counting, implausible quantities, "
        "claims outside the area or period, and weak evidence. A finding is a question to the "
        "supplier, not an automatic exclusion. Every rule has a stable id; the rule catalogue "
        "of the SROI Outcome Standard describes what each id means.",
    ),
    "findings_none": ("Er zijn geen bevindingen.", "There are no findings."),
    "severity_error": ("fout", "error"),
    "severity_warning": ("waarschuwing", "warning"),
    "severity_info": ("info", "info"),
    # ---------------------------------------------------------------------- conventions
    "s_conventions": ("Conventies en bronnen", "Conventions and sources"),
    "conventions_intro": (
        "Met deze gegevens kan iedereen de cijfers tot op de cent narekenen: dezelfde invoer "
        "geeft hetzelfde resultaat.",
        "With these details anyone can recompute the figures to the cent: the same inputs "
        "give the same result.",
    ),
    "t_conventions": ("Conventies", "Conventions"),
    "c_standard": ("Standaard", "Standard"),
    "c_catalogue": ("Catalogus", "Catalogue"),
    "c_engine": ("Rekenkern", "Engine"),
    "c_input_hash": ("Invoerhash waardering bod (SHA-256)", "Input hash of the bid valuation "
                     "(SHA-256)"),
    "c_report_hash": ("Invoerhash rapport (SHA-256)", "Input hash of the report (SHA-256)"),
    "c_discount": ("Discontovoet", "Discount rate"),
    "c_discount_rate": ("{rate} per jaar, constant ({timing})", "{rate} a year, constant "
                        "({timing})"),
    "c_discount_schedule": ("{entries} ({timing})", "{entries} ({timing})"),
    "c_schedule_entry": ("{rate} vanaf jaar {period}", "{rate} from year {period}"),
    "timing_end-of-year": ("jaar t wordt t jaar verdisconteerd",
                           "year t is discounted t years"),
    "timing_start-of-year": ("jaar 1 niet verdisconteerd", "year 1 undiscounted"),
    "c_valuation_year": ("Waarderingsjaar (prijspeil)", "Valuation year (price level)"),
    "c_none": ("geen", "none"),
    "c_currency": ("Valuta", "Currency"),
    "c_price_index": ("Prijsindex", "Price index"),
    "c_fte_norm": ("Fte-norm", "FTE norm"),
    "c_fte_hours": ("{hours} uur per fte-jaar", "{hours} hours per FTE-year"),
    "c_investment": ("Investering (voor de SROI-ratio)", "Investment (for the SROI ratio)"),
    "t_proxies": ("Gebruikte kengetallen en hun bronnen", "Proxy values used and their sources"),
    "col_proxy": ("Kengetal", "Proxy value"),
    "col_per_unit": ("Waarde per eenheid", "Value per unit"),
    "col_basis": ("Grondslag", "Basis"),
    "col_price_year": ("Prijsjaar", "Price year"),
    "col_source": ("Bron", "Source"),
    "col_licence": ("Licentie", "Licence"),
    "col_caveats": ("Kanttekeningen", "Caveats"),
    "range": ("bandbreedte {low} tot {high}", "range {low} to {high}"),
    "caveat_uk": (
        "Britse waarde (Verenigd Koninkrijk): {original} omgerekend tegen {rate} {currency} "
        "per euro",
        "UK value: {original} converted at {rate} {currency} per euro",
    ),
    "caveat_transfer": (
        "buitenlandse waarde: {original} omgerekend tegen {rate} {currency} per euro",
        "foreign value: {original} converted at {rate} {currency} per euro",
    ),
    "caveat_illustrative": ("ILLUSTRATIEF: geen onderbouwde bronwaarde",
                            "ILLUSTRATIVE: not a sourced value"),
    "caveat_no_price_year": ("geen prijsjaar: gebruikt zoals gepubliceerd",
                             "no price year: used as published"),
    "caveat_rebased": ("geïndexeerd naar {year} met de prijsindex",
                       "rebased to {year} with the price index"),
    "caveat_secondary": ("waarde gelezen uit een secundaire bron",
                         "value read from a secondary source"),
    "caveat_derived": ("afgeleid uit gepubliceerde cijfers", "derived from published figures"),
    "caveat_credit": ("verplichtingscredit: geen maatschappelijke waarde",
                      "obligation credit: not a social value"),
    "proxies_none": ("Er is geen kengetal gebruikt.", "No proxy value was used."),
    "note_rounding": (
        "Bedragen worden exact berekend en pas bij het rapporteren afgerond op de cent (half "
        "naar even); totalen zijn sommen van afgeronde regels.",
        "Amounts are computed exactly and rounded to the cent only when reported (half to "
        "even); totals are sums of rounded lines.",
    ),
    "note_verified_only": (
        "Alleen geverifieerde bewijsstukken tellen als gerealiseerde waarde; afkoop is nooit "
        "maatschappelijke waarde.",
        "Only verified evidence counts as realised value; buy-off is never social value.",
    ),
    "note_families": (
        "Maatschappelijke waarde en verplichtingscredits (bouwblokken) worden apart getotaliseerd "
        "en nooit opgeteld.",
        "Social value and obligation credits (bouwblokken) are totalled apart and never summed.",
    ),
    "note_adjustments": (
        "Correcties zijn de standaardwaarden van de catalogus; een eigen claim van de "
        "leverancier geldt alleen als die strenger is.",
        "Adjustments are the catalogue's defaults; a supplier's own claim applies only when "
        "it is stricter.",
    ),
    "footer": (
        "Gemaakt met {engine} {version} volgens de SROI Outcome Standard {standard}, catalogus "
        "{catalogue}. Stand per {date}. Dezelfde invoer geeft byte voor byte hetzelfde rapport.",
        "Made with {engine} {version} under the SROI Outcome Standard {standard}, catalogue "
        "{catalogue}. As of {date}. The same inputs give the same report, byte for byte.",
    ),
    "md_figure": ("Kerncijfer", "Key figure"),
    "md_amount": ("Waarde", "Value"),
    "md_note": ("Toelichting", "Note"),
    "markdown_charts": (
        "De grafieken staan in de HTML-versie van dit rapport; de tabellen bevatten dezelfde "
        "cijfers.",
        "The charts are in the HTML version of this report; the tables hold the same figures.",
    ),
}
"""Key -> (Dutch, English)."""


def text(key: str, language: str, **params: object) -> str:
    """The text ``key`` in ``language`` with ``params`` filled in."""
    dutch, english = TEXT[key]
    template = dutch if language == "nl" else english
    return template.format(**params) if params else template


UNIT_PLURALS: dict[str, tuple[str, str, str, str]] = {
    "person": ("persoon", "personen", "person", "people"),
    "participant": ("deelnemer", "deelnemers", "participant", "participants"),
    "household": ("huishouden", "huishoudens", "household", "households"),
    "organisation": ("organisatie", "organisaties", "organisation", "organisations"),
    "person-year": ("persoonsjaar", "persoonsjaren", "person-year", "person-years"),
    "fte-year": ("fte-jaar", "fte-jaren", "FTE-year", "FTE-years"),
    "hour": ("uur", "uur", "hour", "hours"),
    "placement": ("plaats", "plaatsen", "placement", "placements"),
    "placement-year": ("stageplaatsjaar", "stageplaatsjaren", "placement-year", "placement-years"),
    "tonne-co2e": ("ton CO2e", "ton CO2e", "tonne CO2e", "tonnes CO2e"),
    "kg-co2e": ("kg CO2e", "kg CO2e", "kg CO2e", "kg CO2e"),
    "tonne": ("ton", "ton", "tonne", "tonnes"),
    "euro": ("euro", "euro", "euro", "euros"),
    "event": ("activiteit", "activiteiten", "event", "events"),
}
"""Unit code -> (Dutch singular, Dutch plural, English singular, English plural)."""


def unit_label(code: str, language: str, *, plural: bool = True) -> str:
    """The unit's name for a reader; unknown codes fall back to the unit codelist."""
    forms = UNIT_PLURALS.get(code)
    if forms is not None:
        offset = 0 if language == "nl" else 2
        return forms[offset + (1 if plural else 0)]
    return code_title("unit", code, language)


LICENCES_NL: dict[str, str] = {
    "public-information": "openbare overheidsinformatie (hergebruik met bronvermelding)",
    "OGL-UK-3.0": "Open Government Licence v3.0 (Verenigd Koninkrijk)",
    "CC-BY-4.0": "Creative Commons Naamsvermelding 4.0",
    "CC0-1.0": "Creative Commons Zero 1.0 (geen rechten voorbehouden)",
    "CC-BY-NC-ND-4.0": "Creative Commons Naamsvermelding-NietCommercieel-GeenAfgeleideWerken 4.0",
    "proprietary": "eigendomsrechtelijk (alleen onder de licentie van de rechthebbende)",
    "unknown": "onbekend",
}
"""Dutch names of the licence codes (the licence codelist has English titles only)."""


def licence_title(code: str, language: str) -> str:
    """The name of a licence code in ``language``."""
    if language == "nl" and code in LICENCES_NL:
        return LICENCES_NL[code]
    return code_title("licence", code, language)


def code_title(listing: str, code: str, language: str) -> str:
    """A codelist code's title in the language (``title_nl``/``title_en``), else the code."""
    values = codelist(listing)
    if code not in values:
        return code
    entry = values.get(code)
    title = entry.title_nl if language == "nl" else ""
    return title or entry.title_en or code


RULES_NL: dict[str, tuple[str, str]] = {
    "quality.adjustment-below-default": (
        "Correctie lager dan de catalogus",
        "De leverancier rekent met minder deadweight, attributie, verplaatsing of uitval dan "
        "de catalogus. Dat verhoogt de waarde; de rekenkern gebruikt altijd de strengere "
        "catalogus-waarde.",
    ),
    "quality.context-missing": (
        "Niet alle controles konden draaien",
        "Er ontbrak een document (aanbesteding, bod of catalogus), dus een deel van de "
        "controles is overgeslagen.",
    ),
    "quality.credits-mixed": (
        "Verplichtingscredits als maatschappelijke waarde behandeld",
        "Bouwblokken zijn inspanningscredits, geen maatschappelijke waarde. Ze mogen niet "
        "meetellen voor een uitkomstdoel en niet bij uitkomstwaarde worden opgeteld.",
    ),
    "quality.document-mismatch": (
        "Documenten horen niet bij elkaar",
        "Een document verwijst naar een andere aanbesteding, een ander bod of een andere "
        "catalogus dan is meegegeven.",
    ),
    "quality.double-counted-subject": (
        "Zelfde persoon of huishouden twee keer geteld",
        "Hetzelfde pseudoniem wordt in overlappende perioden twee keer opgevoerd voor dezelfde "
        "uitkomst. Eén persoon of huishouden telt één keer.",
    ),
    "quality.duration-over-cap": (
        "Effectduur langer dan de catalogus toestaat",
        "Een langere effectduur vermenigvuldigt de waarde. De rekenkern begrenst de duur op "
        "het maximum van de catalogus.",
    ),
    "quality.evidence-exceeds-commitment": (
        "Meer bewijs dan toegezegd",
        "De ingediende en geverifieerde hoeveelheid is groter dan de toezegging. Dat kan echt "
        "zijn, maar het was geen onderdeel van de gunning.",
    ),
    "quality.evidence-indicator-mismatch": (
        "Bewijs voor een andere indicator dan de toezegging",
        "Het bewijsstuk hoort bij een andere indicator dan de toezegging waarnaar het verwijst.",
    ),
    "quality.evidence-missing": (
        "Bewijsstuk zonder documenten",
        "Er is niets te controleren: het bewijsstuk noemt geen enkel document.",
    ),
    "quality.evidence-type-mismatch": (
        "Soort bewijs past niet bij de indicator",
        "Geen van de documenten is van een soort die de indicator vraagt; het bewijs toont "
        "mogelijk iets anders aan.",
    ),
    "quality.evidence-unknown-commitment": (
        "Bewijs voor een onbekende toezegging",
        "Het bewijsstuk verwijst naar een toezegging die niet in het bod staat.",
    ),
    "quality.first-year-only-duration": (
        "Eerstejaarsindicator over meer jaren geclaimd",
        "Deze indicator telt alleen het eerste jaar; een langere duur telt hetzelfde resultaat "
        "opnieuw.",
    ),
    "quality.first-year-only-repeat": (
        "Eerstejaarsresultaat later opnieuw geteld",
        "Dezelfde persoon wordt in een latere periode opnieuw opgevoerd voor een indicator die "
        "alleen het eerste jaar telt.",
    ),
    "quality.output-only": (
        "Inspanning aangeboden waar uitkomsten gevraagd zijn",
        "De aanbesteding vraagt alleen uitkomsten (veranderingen voor inwoners); deze "
        "toezegging telt inspanning, zoals uren of plaatsingen, en telt niet mee.",
    ),
    "quality.outside-area": (
        "Claim buiten het afgesproken gebied",
        "Maatschappelijke waarde telt in het gebied dat de gemeente heeft aangewezen; deze "
        "claim ligt daarbuiten.",
    ),
    "quality.outside-period": (
        "Claim buiten de contractperiode",
        "De claim ligt (deels) buiten de looptijd van het contract, bijvoorbeeld resultaten "
        "van eerder werk.",
    ),
    "quality.overlapping-commitments": (
        "Overlappende indicatoren tegelijk toegezegd",
        "Twee indicatoren uit dezelfde dubbeltelgroep in overlappende perioden: hetzelfde "
        "resultaat kan twee keer worden geteld. Het bewijs moet verschillende personen tonen.",
    ),
    "quality.payment-in-lieu": (
        "Afkoop",
        "Geld in plaats van levering. Het blijft zichtbaar, maar het is nooit maatschappelijke "
        "waarde.",
    ),
    "quality.payment-in-lieu-valued": (
        "Afkoop als levering gepresenteerd",
        "Er is een afkoopsom vastgelegd, maar de toezegging zou als geleverd worden "
        "gewaardeerd. Afkoop mag nooit als maatschappelijke waarde tellen.",
    ),
    "quality.quantity-above-target": (
        "Hoeveelheid ver boven het doel van de aanbesteding",
        "De toezegging is een veelvoud van het doel dat de gemeente zelf haalbaar achtte.",
    ),
    "quality.quantity-per-contract-value": (
        "Hoeveelheid onwaarschijnlijk voor de omvang van het contract",
        "Meer mensen of arbeidsjaren dan de opdrachtwaarde kan dragen.",
    ),
    "quality.self-declared-only": (
        "Alleen een eigen verklaring",
        "Het bewijs bestaat alleen uit eigen verklaringen: het zwakste bewijs, nooit genoeg om "
        "te verifiëren.",
    ),
    "quality.tender-output-indicator": (
        "Aanbesteding vraagt uitkomsten maar noemt een outputindicator",
        "De aanbesteding spreekt zichzelf tegen en nodigt uit om inspanning af te vinken.",
    ),
    "quality.unverified-counted": (
        "Niet-geverifieerd bewijs als geleverd geteld",
        "Alleen geverifieerde bewijsstukken tellen als gerealiseerde waarde.",
    ),
    "quality.value-exceeds-contract": (
        "Toegezegde waarde veel hoger dan de opdrachtwaarde",
        "De toegezegde maatschappelijke waarde is een veelvoud van de opdrachtwaarde.",
    ),
    "quality.verification-below-minimum": (
        "Bewijs onder het vereiste verificatieniveau",
        "Het sterkste document haalt het niveau niet dat de indicator of de aanbesteding vraagt "
        "(eigen verklaring, document, derde partij, register).",
    ),
    "verification.bad-resubmission": (
        "Onjuiste herindiening",
        "Een correctie mag alleen een afgewezen of ingetrokken bewijsstuk van dezelfde "
        "rapportage vervangen.",
    ),
    "verification.history-out-of-order": (
        "Geschiedenis niet in tijdsvolgorde",
        "Een besluit is eerder gedateerd dan de stap ervoor.",
    ),
    "verification.history-rewritten": (
        "Geschiedenis herschreven",
        "De eerdere geschiedenis van een bewijsstuk is gewijzigd; die mag alleen worden "
        "aangevuld.",
    ),
    "verification.illegal-transition": (
        "Niet toegestane statuswijziging",
        "Alleen de gemeente verifieert of wijst af, alleen de leverancier trekt in, en een "
        "definitieve status blijft definitief.",
    ),
    "verification.item-changed": (
        "Ingediend bewijsstuk aangepast",
        "Een ingediend bewijsstuk mag niet worden aangepast; corrigeer door in te trekken en "
        "opnieuw in te dienen.",
    ),
    "verification.item-dropped": (
        "Bewijsstuk verdwenen",
        "Een eerder gerapporteerd bewijsstuk ontbreekt in de nieuwe versie.",
    ),
    "verification.reason-missing": (
        "Afwijzing zonder reden",
        "Een afwijzing heeft altijd een reden nodig.",
    ),
    "verification.report-mismatch": (
        "Geen twee versies van één rapportage",
        "De bestanden verschillen in rapportage, bod, aanbesteding of leverancier.",
    ),
    "verification.status-unrecorded": (
        "Status niet onderbouwd door de geschiedenis",
        "De status komt niet overeen met de laatste stap in de geschiedenis, bijvoorbeeld "
        "'geverifieerd' zonder besluit van de gemeente.",
    ),
    "verification.verified-item-changed": (
        "Geverifieerd bewijsstuk gewijzigd",
        "Na verificatie mag een bewijsstuk niet meer veranderen.",
    ),
    "monitoring.item-versions-differ": (
        "Bewijsstuk verschilt tussen rapportages",
        "Twee versies van hetzelfde bewijsstuk claimen iets anders; de laatste versie is "
        "gebruikt.",
    ),
}
"""Rule id -> (Dutch title, plain Dutch explanation) for the rules a report can show."""


def rule_text(rule: Rule, language: str) -> tuple[str, str]:
    """A rule's title and plain explanation in ``language`` (English from the catalogue)."""
    if language == "nl" and rule.id in RULES_NL:
        return RULES_NL[rule.id]
    return rule.title, rule.description

"""The fixed texts of the command outputs (tables, headings, summaries, errors): Dutch and English.

Part of the one message table (:data:`sroi_core.cli._i18n.MESSAGES` includes them); kept in
its own module, grouped by command, so that adding a command's texts touches one block.
"""

from __future__ import annotations

COMMAND_TEXTS: dict[str, tuple[str, str]] = {
    # key: (Dutch, English)
    # shared
    "progress_reading": ("sroi value: lezen", "sroi value: reading"),
    "progress_valuing": ("sroi value: waarderen", "sroi value: valuing"),
    "progress_writing": ("sroi value: schrijven", "sroi value: writing"),
    "progress_validate": ("sroi validate", "sroi validate"),
    "portfolio_written": (
        "{rows} document(en), {invalid} ongeldig: tabel geschreven naar {out}",
        "{rows} document(s), {invalid} invalid: table written to {out}",
    ),
    "jobs_at_least_one": ("--jobs moet minstens 1 zijn", "--jobs must be at least 1"),
    "no_such_path": ("bestand of map bestaat niet", "no such file or folder"),
    "progress_portfolio": ("sroi portfolio {action}", "sroi portfolio {action}"),
    "n_a": ("n.v.t.", "n/a"),
    "none": ("geen", "none"),
    "no_caps": ("NEE", "NO"),
    "findings": ("Bevindingen", "Findings"),
    "notes": ("Toelichting", "Notes"),
    "tender_findings": ("Bevindingen bij de aanbesteding", "Tender findings"),
    "not_a_date": (
        "{text!r} is geen datum; geef JJJJ-MM-DD, bv. 2027-12-31",
        "{text!r} is not a date; give YYYY-MM-DD, e.g. 2027-12-31",
    ),
    "or": (" of ", " or "),
    "a_tender": ("een aanbesteding", "a tender"),
    "a_bid": ("een inschrijving", "a bid"),
    "a_evidencereport": ("een bewijsrapportage", "an evidence report"),
    "a_catalogue": ("een catalogus", "a catalogue"),
    "a_valuation": ("een waardering", "a valuation"),
    "a_award": ("een gunning", "an award"),
    "a_monitoring": ("een monitoringresultaat", "a monitoring result"),
    "is_a_document": ("is een document van het type {kind}", "is a {kind} document"),
    "expected": ("verwacht: {expected}", "expected {expected}"),
    "cannot_be_read": ("kan niet worden gelezen", "cannot be read"),
    "run_validate": (
        "{message}; voer 'sroi validate {path}' uit voor elke bevinding",
        "{message}; run 'sroi validate {path}' for every finding",
    ),
    # operating-system errors, by kind (the system's own words only in English)
    "os_not_found": ("bestand of map bestaat niet", "no such file or directory"),
    "os_permission": ("geen toestemming", "permission denied"),
    "os_is_directory": ("is een map, geen bestand", "is a directory"),
    "os_not_directory": ("een deel van het pad is geen map", "not a directory"),
    "os_exists": ("bestaat al", "file exists"),
    "os_no_space": ("de schijf is vol", "no space left on device"),
    "os_read_only": ("het bestandssysteem is alleen-lezen", "read-only file system"),
    "os_name_too_long": ("de bestandsnaam is te lang", "file name too long"),
    "os_address_in_use": ("het adres is al in gebruik", "address already in use"),
    "os_other": ("systeemfout {errno}", "system error {errno}"),
    # codes shown in tables (a code not listed is shown as it is)
    "code_ranked": ("gerangschikt", "ranked"),
    "code_excluded": ("uitgesloten", "excluded"),
    "code_counted": ("geteld", "counted"),
    "code_reduced": ("verlaagd", "reduced"),
    "code_exclude-line": ("regel uitgesloten", "exclude-line"),
    "code_cap-at-bound": ("begrensd op de plausibiliteitsgrens", "cap-at-bound"),
    "code_cap-at-target": ("begrensd op het doel", "cap-at-target"),
    "code_reduce": ("verlaagd", "reduce"),
    "code_exclude-bid": ("inschrijving uitgesloten", "exclude-bid"),
    "code_committed": ("toegezegd", "committed"),
    "code_verified": ("geverifieerd", "verified"),
    "code_submitted": ("ingediend", "submitted"),
    "code_rejected": ("afgewezen", "rejected"),
    "code_withdrawn": ("ingetrokken", "withdrawn"),
    "code_payment-in-lieu": ("afkoop", "payment-in-lieu"),
    "code_outcome": ("uitkomst", "outcome"),
    "code_output": ("output", "output"),
    "code_obligation-credit": ("bouwblok", "obligation-credit"),
    "code_not-counted": ("telt niet", "not-counted"),
    "code_unverified": ("niet geverifieerd", "unverified"),
    # score (1.0 tenders)
    "score_not_scored_invalid": (
        "sroi: {error}: ongeldig; er is niets beoordeeld (zie de bevindingen hierboven)",
        "sroi: {error}: invalid; nothing was scored (see the findings above)",
    ),
    "score_not_together": (
        "sroi: de documenten kunnen niet samen beoordeeld worden; er is niets beoordeeld",
        "sroi: the documents cannot be scored together; nothing was scored",
    ),
    "score_sheet_wrong": (
        "sroi: het beoordelingsblad klopt niet; er is niets beoordeeld",
        "sroi: the evaluation sheet is wrong; nothing was scored",
    ),
    "score_title": (
        "Gunningsbeoordeling (beste prijs-kwaliteitverhouding)",
        "Award scoring (beste prijs-kwaliteitverhouding)",
    ),
    "score_md_title": (
        "Gunningsbeoordeling: aanbesteding {tender}", "Award scoring: tender {tender}"
    ),
    "score_tender": ("Aanbesteding: {tender}", "Tender: {tender}"),
    "score_method": (
        "Methode: {method} (max. {points} punten{share})",
        "Method: {method} (max {points} points{share})",
    ),
    "score_share": (", kwalitatief aandeel {share}", ", qualitative share {share}"),
    "score_weights": (
        "Wegingen: maatschappelijke waarde {social}, prijs {price}, overige kwaliteit {other}",
        "Weights: social value {social}, price {price}, other quality {other}",
    ),
    "score_minimum": (
        "Minimale maatschappelijke waarde: {minimum}",
        "Minimum social value: {minimum}",
    ),
    "score_minimum_policy": (
        "{amount} ({basis}); beleid als het niet gehaald wordt: {policy}",
        "{amount} ({basis}); policy when not met: {policy}",
    ),
    "score_priorities": ("Themaprioriteiten: {priorities}", "Theme priorities: {priorities}"),
    "score_best": (
        "Hoogste gewogen waarde: {best}; laagste prijs: {lowest}",
        "Best scored value: {best}; lowest price: {lowest}",
    ),
    "score_ranking": ("Rangorde", "Ranking"),
    "score_ties": ("Gelijke stand (geen beslisregel toegepast)", "Ties (no tie-break applied)"),
    "score_tie": ("gelijk op plaats {rank}: {bids}", "tie at rank {rank}: {bids}"),
    "score_formulas": ("Formules", "Formulas"),
    "score_not_ranked": ("niet gerangschikt", "not ranked"),
    "score_rank": ("plaats {rank}", "rank {rank}"),
    "score_bid": ("Inschrijving {bid} ({supplier}): {rank}", "Bid {bid} ({supplier}): {rank}"),
    "score_lines": ("Regels", "Lines"),
    "score_themes": ("Thema's", "Themes"),
    "score_indicators": ("Indicatoren", "Indicators"),
    "col_rank": ("plaats", "rank"),
    "col_bid": ("inschrijving", "bid"),
    "col_supplier": ("leverancier", "supplier"),
    "col_compliant": ("voldoet", "compliant"),
    "col_eligible_value": ("telbare waarde", "eligible value"),
    "col_scored_value": ("gescoorde waarde", "scored value"),
    "col_sv_points": ("MW-punten", "SV points"),
    "col_price_points": ("prijspunten", "price points"),
    "col_other_points": ("overige punten", "other points"),
    "col_total": ("totaal", "total"),
    "col_commitment": ("toezegging", "commitment"),
    "col_indicator": ("indicator", "indicator"),
    "col_theme": ("thema", "theme"),
    "col_status": ("status", "status"),
    "col_outcome_value": ("uitkomstwaarde", "outcome value"),
    "col_credits_never_scored": ("bouwblokken (nooit gescoord)", "credits (never scored)"),
    "col_scores": ("telt mee", "scores"),
    "col_multiplier": ("vermenigvuldiger", "multiplier"),
    "col_weighted_value": ("gewogen waarde", "weighted value"),
    "col_why_notes": ("waarom / toelichting", "why / notes"),
    "col_priority": ("prioriteit", "priority"),
    "col_value": ("waarde", "value"),
    "col_quantity": ("aantal", "quantity"),
    "col_unit": ("eenheid", "unit"),
    "col_target": ("doel", "target"),
    "col_attainment": ("realisatiegraad", "attainment"),
    "col_weight": ("gewicht", "weight"),
    # score (2.0 tenders: the award under the published rules)
    "award_title": ("Gunning (standaard {standard}): aanbesteding {tender}",
                    "Award (standard {standard}): tender {tender}"),
    "award_md_title": ("Gunning: aanbesteding {tender} (standaard {standard})",
                       "Award: tender {tender} (standard {standard})"),
    "award_method": (
        "Methode: {method}; wegingen maatschappelijke waarde {social}, prijs {price}, overige "
        "kwaliteit {other}; kwalitatief aandeel {share}; plafond realisatiegraad {cap}",
        "Method: {method}; weights social value {social}, price {price}, other quality "
        "{other}; qualitative share {share}; attainment cap {cap}",
    ),
    "award_md_method": (
        "Methode: {method}; wegingen: maatschappelijke waarde {social}, prijs {price}, "
        "overige kwaliteit {other}",
        "Method: {method}; weights: social value {social}, price {price}, other quality "
        "{other}",
    ),
    "award_md_share": (
        "Kwalitatief aandeel {share}; plafond realisatiegraad {cap}",
        "Qualitative share {share}; attainment cap {cap}",
    ),
    "award_defaults": ("Toegepaste standaardwaarden van het profiel: {defaults}",
                       "Profile defaults applied: {defaults}"),
    "award_rank_total": ("  {rank}. {bid}  totaal {total}", "  {rank}. {bid}  total {total}"),
    "award_bid": ("Inschrijving {bid}: {status}", "Bid {bid}: {status}"),
    "award_bid_rank": (", plaats {rank}", ", rank {rank}"),
    "award_excluded": ("uitgesloten", "excluded"),
    "award_no_minimum": ("geen minimum", "no minimum"),
    "award_minimum_not_met": ("NEE (beleid {policy})", "NO (policy {policy})"),
    "award_minimum": (
        "  minimum gehaald: {met}; verlagingen bij de gunning: {reductions}",
        "  minimum met: {met}; award reductions: {reductions}",
    ),
    "award_points": (
        "punten: kwantitatief {quantitative}, kwalitatief {qualitative}, maatschappelijke "
        "waarde {social}, prijs {price}, overig {other}, totaal {total}",
        "points: quantitative {quantitative}, qualitative {qualitative}, social value "
        "{social}, price {price}, other {other}, total {total}",
    ),
    "award_line": (
        "  regel {commitment} ({indicator}): geclaimd {claimed} {claimed_unit}, geteld "
        "{counted} {unit} [{status}]",
        "  line {commitment} ({indicator}): claimed {claimed} {claimed_unit}, counted "
        "{counted} {unit} [{status}]",
    ),
    "col_claimed": ("geclaimd", "claimed"),
    "col_counted": ("geteld", "counted"),
    "col_reductions": ("verlagingen", "reductions"),
    # monitor
    "monitor_not_monitored_invalid": (
        "sroi: {error}: ongeldig; er is niets gemonitord (zie de bevindingen hierboven)",
        "sroi: {error}: invalid; nothing was monitored (see the findings above)",
    ),
    "monitor_not_one_contract": (
        "sroi: de documenten horen niet bij één contract; er is niets gemonitord",
        "sroi: the documents do not belong to one contract; nothing was monitored",
    ),
    "monitor_title": ("Realisatiemonitoring", "Realisation monitoring"),
    "monitor_md_title": ("Realisatiemonitoring: inschrijving {bid}",
                         "Realisation monitoring: bid {bid}"),
    "monitor_contract": ("Contract: aanbesteding {tender}, inschrijving {bid}",
                         "Contract: tender {tender}, bid {bid}"),
    "monitor_supplier": ("Leverancier: {supplier} ({id})", "Supplier: {supplier} ({id})"),
    "monitor_period": (
        "Contractperiode: {start} tot {end} ({days} dagen); per {as_of}: {elapsed} dagen "
        "verstreken",
        "Contract period: {start} to {end} ({days} days); as of {as_of}: {elapsed} days "
        "elapsed",
    ),
    "monitor_currency": ("Valuta: {currency}", "Currency: {currency}"),
    "monitor_reports": ("Rapportages: {reports}", "Reports: {reports}"),
    "monitor_report": (
        "{report} ({start} tot {end}: {used} van {items} bewijsstukken gebruikt)",
        "{report} ({start} to {end}: {used} of {items} items used)",
    ),
    "monitor_forecast": ("Prognose: {method}", "Forecast: {method}"),
    "monitor_totals": ("Contracttotalen", "Contract totals"),
    "monitor_by_theme": ("Per thema", "By theme"),
    "monitor_by_indicator": ("Per indicator", "By indicator"),
    "monitor_by_commitment": ("Per toezegging", "By commitment"),
    "monitor_by_period": ("Per rapportageperiode", "By reporting period"),
    "monitor_items": ("Bewijsstukken (laatste versies)", "Evidence items (latest versions)"),
    "monitor_outcome_value": ("uitkomstwaarde", "outcome value"),
    "monitor_credits_row": ("bouwblokken (nooit opgeteld)", "obligation credits (never summed)"),
    "col_family": ("soort", "family"),
    "col_committed": ("toegezegd", "committed"),
    "col_verified": ("geverifieerd", "verified"),
    "col_unverified": ("niet geverifieerd (telt niet)", "unverified (not counted)"),
    "col_rejected": ("afgewezen", "rejected"),
    "col_withdrawn": ("ingetrokken", "withdrawn"),
    "col_not_counted": ("telt niet", "not counted"),
    "col_realisation": ("realisatie %", "realisation %"),
    "col_forecast": ("prognose", "forecast"),
    "col_forecast_pct": ("prognose %", "forecast %"),
    "col_item": ("bewijsstuk", "item"),
    "col_report": ("rapportage", "report"),
    "col_period": ("periode", "period"),
    "col_credits": ("bouwblokken", "credits"),
    "col_counted_as": ("geteld als", "counted as"),
    "col_why": ("waarom", "why"),
    "col_also_in": ("ook in", "also in"),
    # verify
    "verify_at_invalid": (
        "--at {text!r} is geen ISO 8601-datum-tijd (bv. 2026-03-01T10:00:00+01:00)",
        "--at {text!r} is not an ISO 8601 date-time (e.g. 2026-03-01T10:00:00+01:00)",
    ),
    "verify_at_no_zone": (
        "--at {text!r} heeft geen tijdzone; voeg er een toe, bv. +01:00 of Z",
        "--at {text!r} has no time zone; add one, e.g. +01:00 or Z",
    ),
    "verify_epoch_invalid": (
        "SOURCE_DATE_EPOCH {epoch!r} is geen Unix-tijd in seconden",
        "SOURCE_DATE_EPOCH {epoch!r} is not a Unix time in seconds",
    ),
    "verify_now": (
        "sroi: let op: besluit vastgelegd op {at} (de huidige tijd); geef --at voor een "
        "reproduceerbaar verslag",
        "sroi: note: decision recorded at {at} (the current time); pass --at for a "
        "reproducible record",
    ),
    "verify_summary": (
        "{source}: {errors} fout(en), {others} andere bevinding(en)",
        "{source}: {errors} error(s), {others} other finding(s)",
    ),
    "verify_compare_alone": (
        "--compare OLD NEW neemt geen REPORT, --item of besluit",
        "--compare OLD NEW takes no REPORT, --item or decision",
    ),
    "verify_give_decision": (
        "geef een besluit (--accept, --reject of --withdraw) met --item",
        "give a decision (--accept, --reject or --withdraw) with --item",
    ),
    "verify_by": ("  {at} door {by}", "  {at} by {by}"),
    "verify_needs_item": ("--{action} vraagt --item ID", "--{action} needs --item ID"),
    "verify_needs_reason": (
        "--reject vraagt --reason TEKST met de reden van de afwijzing",
        "--reject needs --reason TEXT saying why the item is rejected",
    ),
    "verify_decided": (
        "bewijsstuk {item}: {status} door de {actor} op {at}; geschreven naar {out}",
        "item {item}: {status} by the {actor} at {at}; written to {out}",
    ),
    "verify_give_report": (
        "geef een bewijsrapportage REPORT (of --compare OLD NEW); zie sroi verify --help",
        "give an evidence REPORT (or --compare OLD NEW); see sroi verify --help",
    ),
    "code_actor-buyer": ("opdrachtgever", "buyer"),
    "code_actor-supplier": ("leverancier", "supplier"),
    "an_evidence_report": ("een bewijsrapportage", "an evidence report"),
    # catalogue diff (sroi_core.catalogue_diff; ids, field names and values stay as they are)
    "diff_heading": (
        "Wijzigingen in de catalogus van {old} naar {new}",
        "Catalogue changes from {old} to {new}",
    ),
    "diff_none": ("Geen verschillen.", "No differences."),
    "diff_section": ("{title} ({count}):", "{title} ({count}):"),
    "diff_absent": ("(ontbreekt)", "(absent)"),
    "diff_of_indicator": ("(indicator {indicator})", "(indicator {indicator})"),
    "diff_replaced_by": ("(opvolger: {replacement})", "(replaced by {replacement})"),
    "diff_other_language": (
        "gewijzigd (Engelse tekst; zie --language en)",
        "changed (Dutch text; see --language nl)",
    ),
    "diff_changed_metadata": ("Gewijzigde uitgave", "Changed edition"),
    "diff_added_indicators": ("Toegevoegde indicatoren", "Added indicators"),
    "diff_removed_indicators": ("Verwijderde indicatoren", "Removed indicators"),
    "diff_deprecated_indicators": ("Vervallen indicatoren", "Deprecated indicators"),
    "diff_changed_proxy_values": ("Gewijzigde proxywaarden", "Changed proxy values"),
    "diff_added_proxy_values": ("Toegevoegde proxywaarden", "Added proxy values"),
    "diff_removed_proxy_values": ("Verwijderde proxywaarden", "Removed proxy values"),
    "diff_changed_adjustments": ("Gewijzigde standaardcorrecties", "Changed default adjustments"),
    "diff_changed_indicators": ("Overige wijzigingen van indicatoren", "Other indicator changes"),
    "diff_changed_conventions": ("Gewijzigde conventies", "Changed conventions"),
    "diff_changed_price_indices": ("Gewijzigde prijsindexen", "Changed price indices"),
    # catalogue list / show
    "cat_col_id": ("ID", "ID"),
    "cat_col_version": ("VERSIE", "VERSION"),
    "cat_col_published": ("GEPUBLICEERD", "PUBLISHED"),
    "cat_col_indicators": ("INDICATOREN", "INDICATORS"),
    "cat_col_source": ("BRON", "SOURCE"),
    "cat_col_title": ("TITEL", "TITLE"),
    "cat_col_theme": ("THEMA", "THEME"),
    "cat_col_kind": ("SOORT", "KIND"),
    "cat_col_unit": ("EENHEID", "UNIT"),
    "cat_col_label": ("NAAM", "LABEL"),
    "cat_col_value": ("WAARDE PER EENHEID", "VALUE PER UNIT"),
    "cat_not_monetised": ("niet gemonetariseerd", "not monetised"),
    "cat_transfer": (", overgenomen", ", transfer"),
    "cat_discount_rate": ("discontovoet {rate}", "discount rate {rate}"),
    "cat_discount_schedule": ("discontoschema van {steps} stap(pen)",
                              "discount schedule of {steps} step(s)"),
    "cat_title": ("Catalogus {id} {version}: {title}", "Catalogue {id} {version}: {title}"),
    "cat_publisher": ("Uitgever: {publisher}; gepubliceerd {published}",
                      "Publisher: {publisher}; published {published}"),
    "cat_conventions": (
        "Conventies: {rate} ({timing}), waarderingsjaar {year}, valuta {currency}",
        "Conventions: {rate} ({timing}), valuation year {year}, currency {currency}",
    ),
    "cat_fte": ("Fte-norm: {hours} uur per fte-jaar", "FTE norm: {hours} hours per FTE-year"),
    "cat_price_index": ("Standaard prijsindex: {id} ({first}-{last})",
                        "Default price index: {id} ({first}-{last})"),
    "cat_counts": (
        "Indicatoren: {total} ({outcomes} uitkomst, {outputs} output); proxywaarden: {proxies}",
        "Indicators: {total} ({outcomes} outcome, {outputs} output); proxy values: {proxies}",
    ),
    "cat_no_indicator": (
        "catalogus {id} {version} heeft geen indicator {indicator!r}; zie sroi catalogue "
        "show {name}",
        "catalogue {id} {version} has no indicator {indicator!r}; see sroi catalogue show "
        "{name}",
    ),
    # conformance, ledger, migrate, report, value, serve
    "conformance_status_passed": ("GESLAAGD", "PASSED"),
    "conformance_status_failed": ("MISLUKT", "FAILED"),
    "conformance_status_skipped": ("OVERGESLAGEN", "SKIPPED"),
    "conformance_summary": (
        "{passed} geslaagd, {failed} mislukt", "{passed} passed, {failed} failed"
    ),
    "ledger_summary": (
        "{entries} regels in het register; {found} twee keer gevonden",
        "{entries} ledger entries; {found} found twice",
    ),
    "migrate_not_valid": (
        "sroi: het omgezette document is nog niet geldig: {error}",
        "sroi: the migrated document is not yet valid: {error}",
    ),
    "code_migration-changed": ("gewijzigd", "changed"),
    "code_migration-assumed": ("aangenomen", "assumed"),
    "code_migration-needs-input": ("invoer nodig", "needs-input"),
    "code_migration-dropped": ("verwijderd", "dropped"),
    "report_not_one_contract": (
        "sroi: de documenten horen niet bij één contract; er is geen rapport geschreven",
        "sroi: the documents do not belong to one contract; no report was written",
    ),
    "report_not_written": ("sroi: {error}; er is geen rapport geschreven",
                           "sroi: {error}; no report was written"),
    "value_counted": (
        "Geteld voor aanbesteding {tender} ({perspective}): {countable} (geclaimd in de "
        "inschrijving: {claimed})",
        "Counted for tender {tender} ({perspective}): {countable} (claimed in the bid: "
        "{claimed})",
    ),
    "value_not_counted": ("  telt niet: {line}: {reason}", "  not counted: {line}: {reason}"),
    "serve_cannot_listen": ("kan niet luisteren op {host}:{port}: {error}",
                            "cannot listen on {host}:{port}: {error}"),
    "serve_needs_extra": (
        "sroi serve vraagt de optionele extra ({name} ontbreekt): pip install "
        "'sroi-core[serve]'",
        "sroi serve needs the optional extra ({name} is missing): pip install "
        "'sroi-core[serve]'",
    ),
    "serve_open_warning": (
        "sroi: waarschuwing: luistert op {host}, niet alleen op deze machine: iedereen die "
        "het adres bereikt kan deze dienst gebruiken, die geen authenticatie heeft",
        "sroi: warning: listening on {host}, not only on this machine: anyone who can reach "
        "it can use this service, which has no authentication",
    ),
    "serve_serving": (
        "sroi: de HTTP-API draait op http://{host}:{port} (grootste aanvraag {max_body} "
        "bytes); Ctrl-C stopt",
        "sroi: serving the HTTP API on http://{host}:{port} (max body {max_body} bytes); "
        "Ctrl-C stops",
    ),
    "check_threshold_form": (
        "--threshold vraagt NAAM=WAARDE, niet {pair!r}",
        "--threshold takes NAME=VALUE, not {pair!r}",
    ),
    "ocds_published_invalid": (
        "--published {text!r} is geen datum-tijd met tijdzone",
        "--published {text!r} is not a date-time with a time zone",
    ),
    "ocds_example_time": ("bv. 2026-05-01T12:00:00Z", "e.g. 2026-05-01T12:00:00Z"),
    "ocds_first_tender": ("het eerste bestand moet een aanbesteding zijn",
                          "the first file must be a tender"),
    "ocds_no_place": (
        "een {kind} hoort niet in een OCDS-releasepakket",
        "a {kind} has no place in an OCDS release package",
    ),
    "not_bid_or_report": ("is geen inschrijving of bewijsrapportage",
                          "is not a bid or evidence report"),
    "no_such_file": ("bestand bestaat niet", "no such file"),
    "not_json_object": ("is geen JSON-object", "is not a JSON object"),
    "a_result_or_document": ("een resultaat of document", "a result or document"),
    "table_csv_only": ("--table geldt alleen voor CSV-uitvoer",
                       "--table applies to CSV output only"),
    "unknown_output_type": ("onbekende uitvoersoort", "unknown output type"),
    "xlsx_or_csv": (".xlsx of .csv", ".xlsx or .csv"),
    "serve_bad_port": ("--port {port} is geen poort (0 tot 65535)",
                       "--port {port} is not a port (0 to 65535)"),
}
"""Texts of the command outputs: ``key -> (Dutch, English)``."""

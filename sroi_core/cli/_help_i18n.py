"""The command line's help and usage errors in Dutch: argparse's own texts and ours.

argparse translates its fixed texts (``usage:``, ``options``, its error messages) through
:mod:`gettext`; :func:`install` gives it a translation of our own (:data:`ARGPARSE_NL`)
that answers in the run's language, so no ``.mo`` file and no new dependency is needed.
The help texts the commands declare stay English in their modules (one place a command
author edits) and :func:`translate_parser` puts the Dutch of :data:`HELP_NL` in their
place when the run speaks Dutch. A text with ``{name}`` fields in the table matches any
value there (a version number, a port), which the Dutch then repeats.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

from sroi_core.cli._i18n import current_language

ARGPARSE_NL: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "positionele argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "de volgende argumenten zijn verplicht: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één argument",
    "expected at most one argument": "verwacht hooguit één argument",
    "expected at least one argument": "verwacht minstens één argument",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "ambiguous option: %(option)s could match %(matches)s":
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "ignored explicit argument %r": "expliciet argument %r genegeerd",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "onbekende opdracht %(parser_name)r (keuzes: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "expected %s argument": "verwacht %s argument",
    "expected %s arguments": "verwacht %s argumenten",
}
"""argparse's own texts (its gettext message ids) and their Dutch."""

HELP_NL: dict[str, str] = {
    # argparse's own help texts (``--version`` does not pass its text through gettext)
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    # sroi portfolio and the progress option
    "validate or value many documents (files or folders) across processes":
        "controleer of waardeer veel documenten (bestanden of mappen) in parallelle processen",
    "Validate or value every document in the files and folders given (a folder stands for "
    "every *.json below it), in parallel worker processes, and write one row per document: "
    "verdict, first error and, when valued, the totals. Exit 0 when every document is valid, "
    "1 when any is invalid, 2 for usage or file errors.":
        "Controleer of waardeer elk document in de gegeven bestanden en mappen (een map staat "
        "voor elk *.json-bestand eronder), in parallelle werkprocessen, en schrijf één rij per "
        "document: oordeel, eerste fout en, na waardering, de totalen. Afsluitcode 0 als elk "
        "document geldig is, 1 als er een ongeldig is, 2 bij gebruiks- of bestandsfouten.",
    "both validation layers in full, as sroi validate does":
        "beide controlelagen volledig, zoals sroi validate",
    "value every bid and evidence report (other documents are validated)":
        "waardeer elke inschrijving en bewijsrapportage (andere documenten worden gecontroleerd)",
    "a document or a folder": "een document of een map",
    "a catalogue file to resolve references (repeatable); the built-in catalogues are always "
    "available":
        "een catalogusbestand om verwijzingen op te lossen (herhaalbaar); de ingebouwde "
        "catalogi zijn altijd beschikbaar",
    "the tender whose conventions apply to bids":
        "de aanbesteding waarvan de conventies voor inschrijvingen gelden",
    "worker processes (default: one per CPU)": "werkprocessen (standaard: één per processor)",
    "write the table to FILE: .parquet (needs the parquet extra), .csv or .json":
        "schrijf de tabel naar FILE: .parquet (vraagt de extra parquet), .csv of .json",
    "table format on standard output when --out is not given":
        "tabelformaat op standaarduitvoer als --out ontbreekt",
    "show no progress bar on long runs": "toon geen voortgangsbalk bij lange runs",
    # the program and its commands
    "SROI Outcome Standard {standard} tools (sroi_core {version}).":
        "Hulpmiddelen voor de SROI Outcome Standard {standard} (sroi_core {version}).",
    "validate exchange files against the schema and the standard's rules":
        "controleer uitwisselbestanden tegen het schema en de regels van de standaard",
    "work with the JSON Schemas": "werk met de JSON-schema's",
    "value a bid or an evidence report (per-line breakdown, totals, ratio, sensitivity)":
        "waardeer een inschrijving of een bewijsrapportage (per regel, totalen, ratio, "
        "gevoeligheid)",
    "run conformance vectors (tests/conformance/README.md)":
        "voer conformancevectoren uit (tests/conformance/README.md)",
    "list, show and compare indicator catalogues":
        "toon, bekijk en vergelijk indicatorcatalogi",
    "generate the reference documentation from the code":
        "genereer de referentiedocumentatie uit de code",
    "list every validation rule": "toon elke validatieregel",
    "run the quality checks (gaming, double counting, weak evidence) on exchange files":
        "voer de kwaliteitscontroles uit (manipulatie, dubbeltelling, zwak bewijs) op "
        "uitwisselbestanden",
    "record a decision on an evidence item, or compare two versions of a report":
        "leg een besluit over een bewijsstuk vast, of vergelijk twee versies van een "
        "rapportage",
    "score and rank bids on social value and best price-quality ratio":
        "beoordeel en rangschik inschrijvingen op maatschappelijke waarde en beste "
        "prijs-kwaliteitverhouding",
    "committed versus verified value of a contract, with a forecast to its end":
        "toegezegde tegenover geverifieerde waarde van een contract, met een prognose tot "
        "het einde",
    "write a report for a council or a supplier (HTML or Markdown)":
        "schrijf een rapport voor een raad of een leverancier (HTML of Markdown)",
    "migrate a document to standard {standard}":
        "zet een document om naar standaard {standard}",
    "serve validate, value, check and score as an HTTP JSON API":
        "bied validate, value, check en score aan als HTTP-JSON-API",
    "write an XLSX template for a bid or an evidence report":
        "schrijf een XLSX-sjabloon voor een inschrijving of een bewijsrapportage",
    "read a filled XLSX template (or a field,value CSV) into a document":
        "lees een ingevuld XLSX-sjabloon (of een CSV met veld,waarde) in als document",
    "write a valuation, award or monitoring result (or a document) as XLSX or CSV":
        "schrijf een waardering, gunning of monitoringresultaat (of een document) als XLSX "
        "of CSV",
    "write a minimal tender, bid or evidence report to start from":
        "schrijf een minimale aanbesteding, inschrijving of bewijsrapportage om mee te "
        "beginnen",
    "exchange with the Open Contracting Data Standard (OCDS)":
        "uitwisselen met de Open Contracting Data Standard (OCDS)",
    "find results promised or claimed twice across a buyer's contracts":
        "vind resultaten die over de contracten van een opdrachtgever heen twee keer zijn "
        "toegezegd of geclaimd",
    # validate
    "Validate exchange files. Exit 0 when all are valid, 1 when any is invalid, 2 when a "
    "file cannot be read.":
        "Controleer uitwisselbestanden. Afsluitcode 0 als alle geldig zijn, 1 als er een "
        "ongeldig is, 2 als een bestand niet gelezen kan worden.",
    "an extension.json (schema beside it) to check declared extension data against; "
    "repeatable":
        "een extension.json (met het schema ernaast) om gedeclareerde extensiegegevens "
        "tegen te controleren; herhaalbaar",
    "a catalogue to resolve references (repeatable): a path (it contains / or ends in "
    ".json) or a built-in id[@version]; the built-in catalogues are always available":
        "een catalogus om verwijzingen op te lossen (herhaalbaar): een pad (met / of "
        "eindigend op .json) of een ingebouwd id[@versie]; de ingebouwde catalogi zijn "
        "altijd beschikbaar",
    "language of the output: nl or en (default: from the locale, LC_ALL/LC_MESSAGES/LANG)":
        "taal van de uitvoer: nl of en (standaard: uit de locale, LC_ALL/LC_MESSAGES/LANG)",
    # schema
    "write one Draft 2020-12 schema per document type":
        "schrijf één Draft 2020-12-schema per documentsoort",
    "folder to write <version>/*.schema.json into":
        "map waarin <versie>/*.schema.json geschreven wordt",
    # value
    "Value a bid (committed) or an evidence report (verified) against its catalogue. Exit "
    "0 on success, 1 when an input is invalid, 2 for usage or file errors.":
        "Waardeer een inschrijving (toegezegd) of een bewijsrapportage (geverifieerd) met "
        "haar catalogus. Afsluitcode 0 bij succes, 1 als invoer ongeldig is, 2 bij "
        "gebruiks- of bestandsfouten.",
    "a bid or evidenceReport document": "een inschrijving of bewijsrapportage (evidenceReport)",
    "catalogue to use: a path (it contains / or ends in .json) or a built-in id[@version]; "
    "default: the one the document names":
        "te gebruiken catalogus: een pad (met / of eindigend op .json) of een ingebouwd "
        "id[@versie]; standaard: de catalogus die het document noemt",
    "the tender (conventions, contract value)":
        "de aanbesteding (conventies, contractwaarde)",
    "for an evidence report: the bid it reports on":
        "bij een bewijsrapportage: de inschrijving waarover zij rapporteert",
    "write to a file instead of stdout": "schrijf naar een bestand in plaats van stdout",
    # conformance
    "run every vector in a folder (default: the suite shipped with the package); prints "
    "'N passed, M failed'":
        "voer elke vector in een map uit (standaard: de suite die met het pakket meekomt); "
        "meldt 'N geslaagd, M mislukt'",
    "Exit 0 only when no vector fails.": "Afsluitcode 0 alleen als geen vector mislukt.",
    "folder of vectors (default: the conformance suite installed with sroi_core)":
        "map met vectoren (standaard: de conformancesuite die met sroi_core is "
        "geïnstalleerd)",
    "list passed vectors too": "toon ook de geslaagde vectoren",
    # catalogue
    "List the available catalogues, show one, or compare two versions. A catalogue is "
    "named ID, ID@VERSION or a path to a catalogue file.":
        "Toon de beschikbare catalogi, bekijk er één, of vergelijk twee versies. Een "
        "catalogus heet ID, ID@VERSIE of is een pad naar een catalogusbestand.",
    "list the built-in catalogues (and any given with --catalogue)":
        "toon de ingebouwde catalogi (en die met --catalogue gegeven)",
    "show one catalogue as a table or as its JSON document, or one indicator in full":
        "toon één catalogus als tabel of als JSON-document, of één indicator volledig",
    "what changed from OLD to NEW (indicators, values, adjustments, conventions)":
        "wat er veranderde van OLD naar NEW (indicatoren, waarden, correcties, conventies)",
    "catalogue id, ID@VERSION or a file path": "catalogus-id, ID@VERSIE of een bestandspad",
    "an indicator id: show its definition, measurement instrument, evidence, minimum "
    "verification, default adjustments and proxy values with their sources":
        "een indicator-id: toon de definitie, het meetinstrument, het bewijs, de minimale "
        "verificatie, de standaardcorrecties en de proxywaarden met hun bronnen",
    "the version to show": "de te tonen versie",
    "ID[@VERSION] or a catalogue file": "ID[@VERSIE] of een catalogusbestand",
    # docs, rules
    "write rules.md, codelists.md and schema.md":
        "schrijf rules.md, codelists.md en schema.md",
    "Write the generated reference pages (rules, codelists, schemas) into DIR.":
        "Schrijf de gegenereerde referentiepagina's (regels, codelijsten, schema's) in DIR.",
    "folder to write the pages into": "map waarin de pagina's geschreven worden",
    "List every rule a finding can name: id, severity, category and title (text) or every "
    "field of the rule (json).":
        "Toon elke regel die een bevinding kan noemen: id, ernst, categorie en titel "
        "(text) of elk veld van de regel (json).",
    # check
    "Run the quality checks on tenders, bids, evidence reports and valuations. Give the "
    "tender and bid the files belong to with --tender/--bid so they can be compared. Exit "
    "0 when there is no error-severity finding, 1 when there is, 2 on usage or file "
    "errors.":
        "Voer de kwaliteitscontroles uit op aanbestedingen, inschrijvingen, "
        "bewijsrapportages en waarderingen. Geef met --tender/--bid de aanbesteding en "
        "inschrijving waar de bestanden bij horen, zodat ze vergeleken kunnen worden. "
        "Afsluitcode 0 zonder bevinding met ernst fout, 1 met zo'n bevinding, 2 bij "
        "gebruiks- of bestandsfouten.",
    "the tender the files belong to": "de aanbesteding waar de bestanden bij horen",
    "the bid the evidence reports belong to":
        "de inschrijving waar de bewijsrapportages bij horen",
    "change a plausibility threshold (repeatable); names: {names}":
        "wijzig een plausibiliteitsdrempel (herhaalbaar); namen: {names}",
    # verify
    "Record the buyer's decision on one evidence item (--accept/--reject) or the "
    "supplier's withdrawal (--withdraw); compare two versions of a report with --compare "
    "OLD NEW; or, with only REPORT, list its items and check their histories. Exit 0 on "
    "success, 1 when a comparison or history check finds an error, 2 on usage or file "
    "errors.":
        "Leg het besluit van de opdrachtgever over één bewijsstuk vast (--accept/--reject) "
        "of de intrekking door de leverancier (--withdraw); vergelijk twee versies van een "
        "rapportage met --compare OLD NEW; of toon, met alleen REPORT, de bewijsstukken en "
        "controleer hun geschiedenis. Afsluitcode 0 bij succes, 1 als een vergelijking of "
        "geschiedeniscontrole een fout vindt, 2 bij gebruiks- of bestandsfouten.",
    "an evidence report file": "een bestand met een bewijsrapportage",
    "the evidence item to decide on": "het bewijsstuk waarover besloten wordt",
    "the buyer verifies the item": "de opdrachtgever verifieert het bewijsstuk",
    "the buyer rejects the item (needs --reason)":
        "de opdrachtgever wijst het bewijsstuk af (vraagt --reason)",
    "the supplier withdraws the item": "de leverancier trekt het bewijsstuk in",
    "why (required for --reject)": "waarom (verplicht bij --reject)",
    "when the decision was taken, with a time zone (default: SOURCE_DATE_EPOCH, else now "
    "in UTC)":
        "wanneer het besluit genomen is, met tijdzone (standaard: SOURCE_DATE_EPOCH, anders "
        "nu in UTC)",
    "write the updated report here (default: standard output)":
        "schrijf de bijgewerkte rapportage hierheen (standaard: standaarduitvoer)",
    "check the move from version OLD of a report to version NEW":
        "controleer de overgang van versie OLD van een rapportage naar versie NEW",
    "report format for --compare and for listing":
        "uitvoervorm voor --compare en voor het overzicht",
    # score
    "Score bids on the tender's social-value award criterion (relative, absolute or mixed, "
    "see docs/scoring.md), combine it with price and other quality and rank the bids, "
    "explaining every figure. Exit 0 on success, 1 when an input is invalid or the "
    "documents cannot be scored together, 2 for usage or file errors (including a wrong "
    "evaluation sheet).":
        "Beoordeel inschrijvingen op het gunningscriterium maatschappelijke waarde van de "
        "aanbesteding (relatief, absoluut of gemengd), combineer dat met prijs en overige "
        "kwaliteit en rangschik de inschrijvingen, met een toelichting bij elk getal. "
        "Afsluitcode 0 bij succes, 1 als invoer ongeldig is of de documenten niet samen "
        "beoordeeld kunnen worden, 2 bij gebruiks- of bestandsfouten (ook een onjuist "
        "beoordelingsblad).",
    "the tender document": "de aanbesteding",
    "the bid documents to compare": "de te vergelijken inschrijvingen",
    "catalogue: a path (it contains / or ends in .json) or a built-in id[@version]; "
    "default: the built-in catalogue the tender names":
        "catalogus: een pad (met / of eindigend op .json) of een ingebouwd id[@versie]; "
        "standaard: de ingebouwde catalogus die de aanbesteding noemt",
    "the evaluators' sheet: columns bid_id, price, qualitative_score, other_quality_score "
    "(and a free-text note)":
        "het blad van de beoordelaars: kolommen bid_id, price, qualitative_score, "
        "other_quality_score (en een vrije toelichting)",
    "what happens to a bid below the minimum social value (default: rank-after)":
        "wat er gebeurt met een inschrijving onder de minimale maatschappelijke waarde "
        "(standaard: rank-after)",
    "write the result to FILE instead of printing it":
        "schrijf het resultaat naar FILE in plaats van het te tonen",
    # monitor
    "Combine a contract's evidence reports and set verified value against the bid's "
    "commitments per theme, indicator, commitment and reporting period, with a linear "
    "forecast to contract end (docs/monitoring.md). Exit 0 on success, 1 when an input is "
    "invalid or the documents do not belong together, 2 for usage or file errors.":
        "Combineer de bewijsrapportages van een contract en zet de geverifieerde waarde "
        "af tegen de toezeggingen van de inschrijving per thema, indicator, toezegging en "
        "rapportageperiode, met een lineaire prognose tot het einde van het contract. "
        "Afsluitcode 0 bij succes, 1 als invoer ongeldig is of de documenten niet bij "
        "elkaar horen, 2 bij gebruiks- of bestandsfouten.",
    "the winning bid (the contract's commitments)":
        "de winnende inschrijving (de toezeggingen van het contract)",
    "evidence reports": "bewijsrapportages",
    "the date the monitoring speaks for (default: the latest report period end)":
        "de peildatum van de monitoring (standaard: het einde van de laatste "
        "rapportageperiode)",
    # report
    "Write a self-contained report on a bid under its tender: what was promised, what was "
    "delivered (verified evidence), realisation and forecast per theme, quality findings, "
    "and the conventions and sources used. Dutch by default. Exit 0 on success, 1 when an "
    "input is invalid or the documents do not belong together, 2 for usage or file errors "
    "(including a missing babel package).":
        "Schrijf een zelfstandig rapport over een inschrijving onder haar aanbesteding: "
        "wat is toegezegd, wat is geleverd (geverifieerd bewijs), realisatie en prognose "
        "per thema, kwaliteitsbevindingen, en de gebruikte conventies en bronnen. "
        "Standaard in het Nederlands. Afsluitcode 0 bij succes, 1 als invoer ongeldig is "
        "of de documenten niet bij elkaar horen, 2 bij gebruiks- of bestandsfouten (ook "
        "een ontbrekend babel-pakket).",
    "the bid (the contract)": "de inschrijving (het contract)",
    "evidence reports of the contract (one or more; repeatable)":
        "bewijsrapportages van het contract (één of meer; herhaalbaar)",
    "report language (default: nl, the language of the council the report is for)":
        "taal van het rapport (standaard: nl, de taal van de raad voor wie het is)",
    "the date the report speaks for (default: the latest evidence period end, or the bid's "
    "submission date without evidence)":
        "de peildatum van het rapport (standaard: het einde van de laatste bewijsperiode, "
        "of zonder bewijs de indieningsdatum van de inschrijving)",
    # migrate
    "Write the document in the current standard version and list every choice made on the "
    "author's behalf (on standard error). Exit 0 when the result is valid, 1 when it needs "
    "the author's input to become valid, 2 for file errors.":
        "Schrijf het document in de huidige versie van de standaard en noem elke keuze die "
        "namens de auteur is gemaakt (op de standaardfoutuitvoer). Afsluitcode 0 als het "
        "resultaat geldig is, 1 als de auteur nog iets moet invullen, 2 bij "
        "bestandsfouten.",
    "a document of any supported version": "een document van een ondersteunde versie",
    "write to a file, not stdout": "schrijf naar een bestand, niet naar stdout",
    # serve
    "Serve the HTTP JSON API (POST /validate, /value, /check, /score; GET /catalogues, "
    "/schemas, /rules, /health, /openapi.json) with the answers of the command line. "
    "Listens on 127.0.0.1 unless --host is given. Needs the extra sroi-core[serve].":
        "Bied de HTTP-JSON-API aan (POST /validate, /value, /check, /score; GET "
        "/catalogues, /schemas, /rules, /health, /openapi.json) met de antwoorden van de "
        "opdrachtregel. Luistert op 127.0.0.1 tenzij --host gegeven is. Vraagt de extra "
        "sroi-core[serve].",
    "address to listen on (default {host}, this machine only); another address makes the "
    "unauthenticated service reachable from elsewhere":
        "adres om op te luisteren (standaard {host}, alleen deze machine); een ander adres "
        "maakt de dienst zonder authenticatie van buitenaf bereikbaar",
    "port to listen on (default {port}; 0 picks a free one, printed)":
        "poort om op te luisteren (standaard {port}; 0 kiest een vrije en meldt die)",
    "largest request body accepted, e.g. 64MiB (default) or 1000000; larger bodies are "
    "refused with 413 while they are read":
        "grootste aanvraag die wordt aangenomen, bv. 64MiB (standaard) of 1000000; grotere "
        "worden tijdens het lezen met 413 geweigerd",
    # template, import, export, new
    "Write an XLSX template generated from the schema: a Document sheet, one sheet per "
    "list (Commitments, Items), drop-downs for codes and indicators and a readme in Dutch "
    "and English.":
        "Schrijf een XLSX-sjabloon dat uit het schema is gegenereerd: een blad Document, "
        "één blad per lijst (Commitments, Items), keuzelijsten voor codes en indicatoren "
        "en een toelichting in het Nederlands en Engels.",
    "bid or evidence-report": "bid of evidence-report",
    "catalogue: a built-in id[@version] (such as nl) or a catalogue file":
        "catalogus: een ingebouwd id[@versie] (zoals nl) of een catalogusbestand",
    "the tender: its id, catalogue and indicators fill the template":
        "de aanbesteding: haar id, catalogus en indicatoren vullen het sjabloon",
    "standard version of the document (default: {standard}; for import, the version the "
    "file names)":
        "versie van de standaard voor het document (standaard: {standard}; bij inlezen de "
        "versie die het bestand noemt)",
    "Read a workbook or CSV into a JSON document and validate it; every finding names the "
    "cell and the JSON pointer. Exit 0 valid, 1 invalid or unread cells, 2 usage or file "
    "errors.":
        "Lees een werkmap of CSV in als JSON-document en controleer het; elke bevinding "
        "noemt de cel en de JSON-pointer. Afsluitcode 0 geldig, 1 ongeldig of onleesbare "
        "cellen, 2 gebruiks- of bestandsfouten.",
    "an .xlsx workbook or a .csv file": "een .xlsx-werkmap of een .csv-bestand",
    "write the document here instead of standard output":
        "schrijf het document hierheen in plaats van naar de standaarduitvoer",
    "a catalogue file to resolve references (repeatable)":
        "een catalogusbestand om verwijzingen op te lossen (herhaalbaar)",
    "Write a JSON result (sroi value/score/monitor --format json) or document as a "
    "workbook (.xlsx: a Document sheet and one sheet per list) or CSV (field,value rows, "
    "or one table with --table).":
        "Schrijf een JSON-resultaat (sroi value/score/monitor --format json) of document "
        "als werkmap (.xlsx: een blad Document en één blad per lijst) of CSV (rijen "
        "veld,waarde, of één tabel met --table).",
    "a JSON result or document": "een JSON-resultaat of document",
    "for CSV: write this table only (such as lines or totals.byTheme)":
        "bij CSV: schrijf alleen deze tabel (zoals lines of totals.byTheme)",
    "Write a minimal document, valid against the schema; every placeholder starts with "
    "TODO.":
        "Schrijf een minimaal document dat aan het schema voldoet; elke invulplek begint "
        "met TODO.",
    "tender, bid or evidence-report": "tender, bid of evidence-report",
    "write here instead of standard output":
        "schrijf hierheen in plaats van naar de standaarduitvoer",
    # ocds
    "write an OCDS 1.1 release package of a tender and its awarded bids, evidence reports "
    "and valuations":
        "schrijf een OCDS 1.1-releasepakket van een aanbesteding met haar gegunde "
        "inschrijvingen, bewijsrapportages en waarderingen",
    "Write an OCDS 1.1 release package (docs/ocds.md). Give the tender and any awarded "
    "bids, evidence reports and valuations, in any order.":
        "Schrijf een OCDS 1.1-releasepakket. Geef de aanbesteding en de gegunde "
        "inschrijvingen, bewijsrapportages en waarderingen, in willekeurige volgorde.",
    "publication time of the package (RFC 3339; default: now)":
        "publicatietijd van het pakket (RFC 3339; standaard: nu)",
    # ledger
    "Read the bids and evidence reports of several contracts of one buyer and list "
    "commitments a supplier promised to two contracts and beneficiaries (pseudonyms) "
    "claimed for one indicator family under two contracts. Exit 0 when nothing is found, "
    "1 when something is, 2 for file errors.":
        "Lees de inschrijvingen en bewijsrapportages van meerdere contracten van één "
        "opdrachtgever en toon toezeggingen die een leverancier aan twee contracten deed "
        "en deelnemers (pseudoniemen) die onder twee contracten voor één "
        "indicatorfamilie zijn geclaimd. Afsluitcode 0 als niets gevonden is, 1 als wel, "
        "2 bij bestandsfouten.",
    "bids and evidence reports": "inschrijvingen en bewijsrapportages",
}
"""The commands' help texts (English, as declared) and their Dutch; ``{name}`` matches any
value."""


def _gettext(message: str) -> str:
    return ARGPARSE_NL.get(message, message) if current_language() == "nl" else message


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def install() -> None:
    """Let argparse speak the run's language (its ``_`` and ``ngettext`` are module globals)."""
    setattr(argparse, "_", _gettext)  # noqa: B010 - argparse's gettext hook is a module global
    setattr(argparse, "ngettext", _ngettext)  # noqa: B010


def _pattern(english: str) -> re.Pattern[str]:
    parts = re.split(r"\{([a-z_]+)\}", english)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(regex + r"\Z", re.S)


_TEMPLATES = [(_pattern(english), dutch) for english, dutch in HELP_NL.items() if "{" in english]


def dutch_help(english: str) -> str | None:
    """The Dutch of a help text, or None when the table has none."""
    if english in HELP_NL:
        return HELP_NL[english]
    for pattern, dutch in _TEMPLATES:
        match = pattern.match(english)
        if match:
            return dutch.format(**match.groupdict())
    return None


def _help_holders(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            yield from action._choices_actions


def help_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Every help text and description of ``parser`` and its subcommands (for tests)."""
    if parser.description:
        yield parser.description
    for action in _help_holders(parser):
        if action.help and action.help != argparse.SUPPRESS:
            yield action.help
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from help_texts(child)


def translate_parser(parser: argparse.ArgumentParser) -> None:
    """Put the Dutch help texts in place when the run speaks Dutch (English stays as is)."""
    if current_language() != "nl":
        return
    if parser.description:
        parser.description = dutch_help(parser.description) or parser.description
    for action in _help_holders(parser):
        if action.help and action.help != argparse.SUPPRESS:
            action.help = dutch_help(action.help) or action.help
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                translate_parser(child)

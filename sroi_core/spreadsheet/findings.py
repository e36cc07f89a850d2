"""Rules of the spreadsheet import: every cell that cannot be placed is a finding.

A finding's source names the cell (``bid.xlsx#Commitments!C7``) and its pointer the JSON
pointer the cell maps to, so a supplier can fix the sheet and an integrator the document.
"""

from __future__ import annotations

from sroi_core.rules import Severity, define_rule

UNKNOWN_SHEET = define_rule(
    "import.unknown-sheet",
    Severity.ERROR,
    "Sheet is not part of the document",
    "sheet {sheet} is not part of a {document_type}; its {count} filled cell(s) were not read",
    "A workbook sheet has filled cells but its name is neither Document nor a list of the "
    "document type (such as Commitments or Items). Nothing in it is imported; rename or "
    "remove it.",
    category="import",
    template_nl="tabblad {sheet} hoort niet bij een {document_type}; de {count} gevulde "
    "cel(len) zijn niet gelezen",
)
UNKNOWN_FIELD = define_rule(
    "import.unknown-field",
    Severity.ERROR,
    "Field name unknown",
    "{field} is not a field of a {document_type} ({count} filled cell(s) not read)",
    "A column header (or a field name in the Document sheet) names no field of the "
    "document type's schema. Its values are not imported; correct the name.",
    category="import",
    template_nl="{field} is geen veld van een {document_type} ({count} gevulde cel(len) niet "
    "gelezen)",
)
UNPLACED_CELL = define_rule(
    "import.unplaced-cell",
    Severity.ERROR,
    "Cell outside the layout",
    "this cell holds {value!s} but has no field name, so it was not read",
    "A filled cell lies in a column without a header (or a Document row without a field "
    "name). Cells are never dropped silently: give the column a field name or clear it.",
    category="import",
    template_nl="deze cel bevat {value!s} maar heeft geen veldnaam en is dus niet gelezen",
)
BAD_VALUE = define_rule(
    "import.bad-value",
    Severity.ERROR,
    "Cell value has the wrong type",
    "{value!s} cannot be read as a value of JSON type {kind}, the type of this field",
    "A cell's value cannot be read as the type its field takes (for example text in a "
    "whole-number field, or a decimal number in a date field).",
    category="import",
    template_nl="{value!s} is niet te lezen als waarde van JSON-type {kind}, het type van dit "
    "veld",
)
FORMULA = define_rule(
    "import.formula-without-value",
    Severity.ERROR,
    "Formula without a computed value",
    "the formula {formula!s} has no stored result; open and save the file in a spreadsheet "
    "program, or type the value",
    "The importer reads the value a spreadsheet program stored for a formula; a file "
    "written without one (for example by a script) leaves the cell empty, which would lose "
    "data.",
    category="import",
    template_nl="de formule {formula!s} heeft geen opgeslagen uitkomst; open en bewaar het "
    "bestand in een spreadsheetprogramma, of typ de waarde",
)
NOT_A_DOCUMENT = define_rule(
    "import.not-a-document",
    Severity.ERROR,
    "Workbook names no document type",
    "the workbook has no Document sheet with a documentType row ({problem})",
    "A workbook to import has a sheet called Document with the rows standardVersion and "
    "documentType, as the templates of sroi template have.",
    category="import",
    template_nl="de werkmap heeft geen tabblad Document met een regel documentType "
    "({problem})",
)

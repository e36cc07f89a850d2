"""The 1.0 scoring's sentences (line reasons, formulas) in Dutch, for ``sroi score``.

:mod:`sroi_core.scoring` writes its reasons and formulas in English only (they are part
of the JSON result). The command line shows them in the run's language: each known
sentence has a Dutch pattern here; a quality finding quoted in a reason takes the
finding's own Dutch message. A sentence not listed is shown as the engine wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sroi_core.rules import Finding

_SENTENCES_NL: tuple[tuple[str, str], ...] = (
    (r"payment in lieu \(afkoop\) is never social value: it does not score",
     "afkoop is nooit maatschappelijke waarde: telt niet mee"),
    (r"a payment in lieu \((.*)\) is recorded on this commitment, so its delivered part "
     r"cannot be told from the bought-off part: it does not score",
     r"bij deze toezegging is afkoop (\1) vastgelegd, dus het geleverde deel is niet te "
     r"onderscheiden van het afgekochte deel: telt niet mee"),
    (r"indicator (\S+) is not one of the tender's indicators: commitments the buyer did not "
     r"ask for do not score",
     r"indicator \1 is geen indicator van de aanbesteding: toezeggingen waar de "
     r"opdrachtgever niet om vroeg tellen niet mee"),
    (r"(\S+) is an output indicator and the tender asks for outcomes only: effort does not "
     r"score",
     r"\1 is een outputindicator en de aanbesteding vraagt alleen om uitkomsten: inzet telt "
     r"niet mee"),
    (r"not monetised: no value; its quantity counts toward the indicator's target",
     "niet gemonetariseerd: geen waarde; de hoeveelheid telt mee voor het doel van de "
     "indicator"),
    (r"not monetised: no value", "niet gemonetariseerd: geen waarde"),
    (r"obligation credits (\S+) are shown but never scored",
     r"bouwblokken \1 worden getoond maar nooit gescoord"),
    (r"theme (\S+) has no priority in the tender: weight 0",
     r"thema \1 heeft geen prioriteit in de aanbesteding: gewicht 0"),
    (r"eligible value = outcome value \(present value\) of the lines that score; obligation "
     r"credits never score",
     "telbare waarde = uitkomstwaarde (contante waarde) van de regels die meetellen; "
     "bouwblokken tellen nooit mee"),
    (r"scored value = sum over scoring lines of round_cent\(outcome value x K x w\(theme\)\), "
     r"K = number of prioritised themes \(multiplier 1 without theme priorities\)",
     "gescoorde waarde = som over de meetellende regels van round_cent(uitkomstwaarde x K x "
     "w(thema)), K = aantal thema's met prioriteit (vermenigvuldiger 1 zonder "
     "themaprioriteiten)"),
    (r"scored value = eligible value \(the tender sets no theme priorities\)",
     "gescoorde waarde = telbare waarde (de aanbesteding stelt geen themaprioriteiten)"),
    (r"SV points = round2\((\S+) x scored value / best scored value\) \(0 when best is 0\)",
     r"MW-punten = round2(\1 x gescoorde waarde / hoogste gescoorde waarde) (0 als de "
     r"hoogste 0 is)"),
    (r"quantitative = round2\((\S+) x scored value / best scored value\)",
     r"kwantitatief = round2(\1 x gescoorde waarde / hoogste gescoorde waarde)"),
    (r"SV points = round2\(quantitative x \(1 - (\S+)\) \+ qualitative score x (\S+)\)",
     r"MW-punten = round2(kwantitatief x (1 - \1) + kwalitatieve score x \2)"),
    (r"SV points = round2\((\S+) x sum\(weight_i x attainment_i\) / sum\(weight_i\)\), "
     r"attainment_i = round4\(min\(1, eligible quantity_i / target_i\)\) over the tender "
     r"indicators with a target",
     r"MW-punten = round2(\1 x som(gewicht_i x realisatiegraad_i) / som(gewicht_i)), "
     r"realisatiegraad_i = round4(min(1, telbare hoeveelheid_i / doel_i)) over de "
     r"indicatoren van de aanbesteding met een doel"),
    (r"SV points = round2\((\S+) x min\(1, scored value / minimum social value\)\)",
     r"MW-punten = round2(\1 x min(1, gescoorde waarde / minimale maatschappelijke waarde))"),
    (r"price points = round2\((\S+) x lowest price / price\)",
     r"prijspunten = round2(\1 x laagste prijs / prijs)"),
    (r"other quality points = round2\(evaluators' other-quality score\)",
     "punten overige kwaliteit = round2(score overige kwaliteit van de beoordelaars)"),
    (r"total = round2\((\S+) x SV points \+ (\S+) x price points \+ (\S+) x other quality "
     r"points\)",
     r"totaal = round2(\1 x MW-punten + \2 x prijspunten + \3 x punten overige kwaliteit)"),
)
"""The scoring engine's fixed sentences (English pattern) and their Dutch."""

_CORRECTED = {
    " (valued with the corrected duration)": " (gewaardeerd met de gecorrigeerde looptijd)"
}

_COMPILED = [(re.compile(pattern + r"\Z"), dutch) for pattern, dutch in _SENTENCES_NL]


def dutch_sentence(text: str, findings: Iterable[Finding] = ()) -> str:
    """The Dutch of one scoring sentence; ``text`` itself when it is not a known one."""
    for finding in findings:
        quoted = f"{finding.rule_id}: {finding.message}"
        if finding.message_nl and text.startswith(quoted):
            rest = text[len(quoted):]
            return f"{finding.rule_id}: {finding.message_nl}{_CORRECTED.get(rest, rest)}"
    for pattern, dutch in _COMPILED:
        match = pattern.match(text)
        if match:
            return match.expand(dutch)
    return text

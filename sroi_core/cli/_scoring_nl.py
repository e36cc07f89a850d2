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
_EXPLANATIONS_NL: tuple[tuple[str, str], ...] = (
    (r"eligible value (\S+); scored value (\S+); not scoring (\S+); obligation credits "
     r"\(never scored\) (\S+)",
     r"telbare waarde \1; gescoorde waarde \2; telt niet \3; bouwblokken (nooit gescoord) \4"),
    (r"minimum: no minimum social value is set",
     "minimum: er is geen minimale maatschappelijke waarde"),
    (r"minimum: eligible outcome value (\S+) >= minimum (\S+): compliant",
     r"minimum: telbare uitkomstwaarde \1 >= minimum \2: voldoet"),
    (r"minimum: eligible outcome value (\S+) < minimum (\S+): non-compliant on social value; "
     r"ranked after every compliant bid",
     r"minimum: telbare uitkomstwaarde \1 < minimum \2: voldoet niet op maatschappelijke "
     r"waarde; gerangschikt na elke inschrijving die voldoet"),
    (r"minimum: eligible outcome value (\S+) < minimum (\S+): non-compliant on social value; "
     r"excluded from the award \(not scored, not ranked\)",
     r"minimum: telbare uitkomstwaarde \1 < minimum \2: voldoet niet op maatschappelijke "
     r"waarde; uitgesloten van de gunning (niet gescoord, niet gerangschikt)"),
    (r"minimum: eligible outcome value (\S+) < minimum (\S+): non-compliant on social value; "
     r"0 social-value points, ranked with the others",
     r"minimum: telbare uitkomstwaarde \1 < minimum \2: voldoet niet op maatschappelijke "
     r"waarde; 0 punten voor maatschappelijke waarde, gerangschikt met de andere"),
    (r"not scored: excluded by the minimum policy",
     "niet gescoord: uitgesloten door het minimumbeleid"),
    (r"social value \(absolute, against the minimum\): (.*)",
     r"maatschappelijke waarde (absoluut, tegen het minimum): \1"),
    (r"social value \(absolute, against targets\): (.*)",
     r"maatschappelijke waarde (absoluut, tegen de doelen): \1"),
    (r"quantitative \(relative\): best scored value is 0, so 0 points",
     "kwantitatief (relatief): de hoogste gescoorde waarde is 0, dus 0 punten"),
    (r"quantitative \(relative\): (.*)", r"kwantitatief (relatief): \1"),
    (r"social value \(mixed\): (.*)", r"maatschappelijke waarde (gemengd): \1"),
    (r"social value \(relative\): (.*)", r"maatschappelijke waarde (relatief): \1"),
    (r"minimum not met, policy zero-points: social-value points (\S+) -> (\S+)",
     r"minimum niet gehaald, beleid zero-points: punten maatschappelijke waarde \1 -> \2"),
    (r"price \(evaluation\): (.*)", r"prijs (beoordelingsblad): \1"),
    (r"price \(bid\): (.*)", r"prijs (inschrijving): \1"),
    (r"other quality: (.*)", r"overige kwaliteit: \1"),
    (r"total: (.*)", r"totaal: \1"),
    (r"rank (\d+), tied with (.*)", r"plaats \1, gelijk met \2"),
    (r"rank (\d+)", r"plaats \1"),
    (r"(\S+): counted (\S+) / target (\S+) (\S+) -> attainment (\S+) \(cap (\S+)\), "
     r"weight (\S+)",
     r"\1: geteld \2 / doel \3 \4 -> realisatiegraad \5 (plafond \6), gewicht \7"),
)
"""The explanation lines of the 1.0 scoring and the 2.0 award, and their Dutch."""

_COUNTABLE_NL: tuple[tuple[str, str], ...] = (
    (r"payment in lieu \(buy-off\)", "afkoop"),
    (r"indicator (\S+) is not asked for", r"indicator \1 wordt niet gevraagd"),
    (r"(\S+) is an output", r"\1 is een output"),
)
"""Why a 2.0 line does not count for a tender (``sroi value``'s headline), in Dutch."""

_SENTENCES_NL = _SENTENCES_NL + _EXPLANATIONS_NL + _COUNTABLE_NL
"""The scoring engine's fixed sentences (English pattern) and their Dutch."""

_CORRECTED = {
    " (valued with the corrected duration)": " (gewaardeerd met de gecorrigeerde looptijd)"
}

_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")
"""A figure's decimal point, written as a comma in the Dutch sentence."""

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
            return _DECIMAL_POINT.sub(r"\1,\2", match.expand(dutch))
    return text

"""The monitoring's sentences (item reasons, notes, forecast method) in Dutch, for ``sroi monitor``.

:mod:`sroi_core.monitoring` writes them in English only (they are part of the JSON
result); the command line shows them in the run's language. A sentence not listed here is
shown as the engine wrote it.
"""

from __future__ import annotations

import re

_SENTENCES_NL: tuple[tuple[str, str], ...] = (
    (r"commitment (\S+) is not in bid (\S+): not counted against this contract",
     r"toezegging \1 staat niet in inschrijving \2: telt niet mee voor dit contract"),
    (r"commitment (\S+) is bought off \(payment in lieu\): evidence for it is never counted",
     r"toezegging \1 is afgekocht: bewijs ervoor telt nooit mee"),
    (r"verified by the buyer: counted", "geverifieerd door de opdrachtgever: telt mee"),
    (r"submitted, not yet verified: shown, not counted",
     "ingediend, nog niet geverifieerd: getoond, telt niet mee"),
    (r"rejected by the buyer: never counted", "afgewezen door de opdrachtgever: telt nooit mee"),
    (r"withdrawn by the supplier: never counted",
     "ingetrokken door de leverancier: telt nooit mee"),
    (r"Only verified value counts as realised; submitted \(unverified\), rejected and "
     r"withdrawn value is shown apart and never counted\.",
     "Alleen geverifieerde waarde telt als gerealiseerd; ingediende (niet geverifieerde), "
     "afgewezen en ingetrokken waarde wordt apart getoond en telt nooit mee."),
    (r"An item in several reports counts once: its status and content are those of its "
     r"latest version \(latest history entry, then latest report period\); its reporting "
     r"period is that of the first report it appears in\.",
     "Een bewijsstuk in meerdere rapportages telt één keer: status en inhoud zijn die van "
     "de laatste versie (laatste geschiedenisregel, dan laatste rapportageperiode); de "
     "rapportageperiode is die van de eerste rapportage waarin het staat."),
    (r"Outcome values and obligation credits are reported apart and never summed\.",
     "Uitkomstwaarden en bouwblokken worden apart gerapporteerd en nooit opgeteld."),
    (r"The forecast is a linear trend, not a promise: outcomes that arrive late in a "
     r"contract \(sustained employment, qualifications\) are under-forecast early on, and "
     r"a one-off early delivery is over-forecast\.",
     "De prognose is een lineaire trend, geen belofte: uitkomsten die laat in een "
     "contract komen (duurzaam werk, diploma's) worden in het begin te laag geschat, en "
     "een eenmalige vroege levering te hoog."),
    (r"Nothing is verified yet: the forecast is 0\.",
     "Er is nog niets geverifieerd: de prognose is 0."),
    (r"The contract starts on (\S+), after the as-of date: no contract day has elapsed, so "
     r"the forecast is what is verified\.",
     r"Het contract begint op \1, na de peildatum: er is nog geen contractdag verstreken, "
     r"dus de prognose is wat geverifieerd is."),
    (r"The contract period has ended: the forecast is what is verified\.",
     "De contractperiode is voorbij: de prognose is wat geverifieerd is."),
    (r"linear per indicator: verified value x (\d+) contract days / (\d+) elapsed days "
     r"\(contract (\S+) to (\S+), as of (\S+)\), capped at the committed value unless more "
     r"is already verified; contract and theme forecasts are sums of the indicator "
     r"forecasts",
     r"lineair per indicator: geverifieerde waarde x \1 contractdagen / \2 verstreken dagen "
     r"(contract \3 tot \4, per \5), begrensd op de toegezegde waarde tenzij er al meer "
     r"geverifieerd is; prognoses per contract en thema zijn sommen van die per indicator"),
)
"""The monitoring engine's fixed sentences (English pattern) and their Dutch."""

_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")
"""A figure's decimal point, written as a comma in the Dutch sentence."""

_COMPILED = [(re.compile(pattern + r"\Z"), dutch) for pattern, dutch in _SENTENCES_NL]


def dutch_sentence(text: str) -> str:
    """The Dutch of one monitoring sentence; ``text`` itself when it is not a known one."""
    for pattern, dutch in _COMPILED:
        match = pattern.match(text)
        if match:
            return _DECIMAL_POINT.sub(r"\1,\2", match.expand(dutch))
    return text

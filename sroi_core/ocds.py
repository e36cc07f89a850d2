"""An OCDS 1.1 release package from a tender and its bids, evidence reports and valuations.

The mapping (docs/ocds.md): the tender becomes a ``tender`` release with the social-value
requirement; each awarded bid an ``award`` release whose award carries the committed
social value and whose contract names it; each evidence report an ``implementation``
release whose contract's implementation carries the report (merged by its id, so a record
keeps every report) with the realised (delivered and verified) values; valuations attach
to the award (of a bid) or to the report. Fields the OCDS core lacks come from the
standard's OCDS extension (``ocds-extension/``) and, for a bid's lot, the OCDS lots
extension. The package validates against the OCDS 1.1.5 schemas (tests/test_ocds_validation.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from sroi_core.codelists import codelist
from sroi_core.documents import document_dict
from sroi_core.errors import InputError
from sroi_core.model.bid import Bid
from sroi_core.model.commitment import Commitment
from sroi_core.model.evidence import Evidence
from sroi_core.model.evidence_report import EvidenceReport
from sroi_core.model.tender import Tender
from sroi_core.model.types import Money, Organisation
from sroi_core.model.valuation import Valuation
from sroi_core.verification import effective_status

OCDS_VERSION = "1.1"
EXTENSION_URL = "https://sroi-os.org/ocds/extension/v1/extension.json"
"""Where the standard's OCDS extension (the ``ocds-extension/`` folder) is published."""

LOTS_EXTENSION_URL = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/"
    "v1.1.5/extension.json"
)
"""The OCDS lots extension (registry URL, version 1.1.5): ``awards[].relatedLots`` is its
field, not the core's, so a package that names a bid's lot declares it."""


EXTENSION_CODELISTS = {
    "socialValueFulfilment.csv": "fulfilmentMode",
    "socialValueVerificationStatus.csv": "verificationStatus",
    "socialValuePerspective.csv": "perspective",
}
"""The OCDS extension's codelists and the codelist of the standard each is made from."""


def extension_codelist_text(file_name: str) -> str:
    """An OCDS extension codelist (columns Code, Title, Description) from the standard's."""
    listing = codelist(EXTENSION_CODELISTS[file_name])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Code", "Title", "Description"])
    for code in listing.codes:
        writer.writerow([code.code, code.title_en, code.description])
    return out.getvalue()


def _number(value: Decimal) -> int | float:
    """An OCDS amount is a JSON number: integral amounts as integers, cents as floats."""
    return int(value) if value == value.to_integral_value() else float(value)


def _value(money: Money) -> dict[str, Any]:
    return {"amount": _number(money.amount), "currency": money.currency}


def _date_time(day: dt.date) -> str:
    """The start of a day as an OCDS date-time (OCDS needs a time and an offset)."""
    return f"{day.isoformat()}T00:00:00Z"


def _end_date_time(day: dt.date) -> str:
    """The end of a period's last day: OCDS end dates are instants, and the day is included."""
    return f"{day.isoformat()}T23:59:59Z"


def _party_id(organisation: Organisation) -> str:
    return f"{organisation.identifier.scheme}-{organisation.identifier.id}"


def _party(organisation: Organisation, role: str) -> dict[str, Any]:
    return {
        "id": _party_id(organisation),
        "name": organisation.name,
        "identifier": {
            "scheme": organisation.identifier.scheme,
            "id": organisation.identifier.id,
            "legalName": organisation.name,
        },
        "roles": [role],
    }


def _reference(organisation: Organisation) -> dict[str, str]:
    return {"id": _party_id(organisation), "name": organisation.name}


def _commitment(commitment: Commitment) -> dict[str, Any]:
    data = document_dict_of(commitment)
    return {
        "id": commitment.id,
        "indicator": commitment.indicator,
        "quantity": data["quantity"],
        "period": data["period"],
        "durationYears": commitment.duration_years,
        "fulfilment": str(commitment.fulfilment),
    }


def _report(report: EvidenceReport, valuation: Valuation | None) -> dict[str, Any]:
    """One evidence report in ``implementation.socialValueReports`` (merged by report id)."""
    data = document_dict(report)
    entry: dict[str, Any] = {
        "id": report.id,
        "period": data["period"],
        "realised": [_realised(item) for item in report.items],
    }
    if valuation is not None:
        entry["valuation"] = _valuation_summary(valuation)
    return entry


def _realised(item: Evidence) -> dict[str, Any]:
    data = document_dict_of(item)
    return {
        "id": item.id,
        "commitment": item.commitment,
        "indicator": item.indicator,
        "quantity": data["quantity"],
        "period": data["period"],
        "verificationStatus": str(effective_status(item)),  # the history decides
    }


def document_dict_of(model: Any) -> dict[str, Any]:
    """The standard's JSON form of a part of a document."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)  # type: ignore[no-any-return]


def _valuation_summary(valuation: Valuation) -> dict[str, Any]:
    data = document_dict(valuation)
    return {
        "id": valuation.id,
        "standardVersion": valuation.standard_version,
        "inputHash": valuation.input_sha256,
        "currency": valuation.currency,
        "totals": data["totals"],
    }


def _award_id(bid: Bid) -> str:
    return bid.award_id or bid.id


def _contract_id(bid_id: str, given: str | None) -> str:
    return given or f"{bid_id}-contract"


def release_package(
    tender: Tender,
    bids: list[Bid],
    reports: list[EvidenceReport],
    valuations: list[Valuation],
    published: dt.datetime,
) -> dict[str, Any]:
    """The OCDS release package of one procurement (see module docs)."""
    if tender.ocid is None:
        raise InputError(
            "the tender has no ocid, so its releases cannot be identified",
            pointer="/ocid",
            expected="an Open Contracting ID such as ocds-a1b2c3-2026-0042",
        )
    ocid = tender.ocid
    by_subject = {valuation.subject.id: valuation for valuation in valuations}
    for document in (*bids, *reports, *valuations):
        if document.ocid is not None and document.ocid != ocid:
            raise InputError(
                f"{document.document_type} {document.id} belongs to {document.ocid}, "
                f"not to the tender's {ocid}",
                pointer="/ocid",
            )
    published_text = published.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tender_data = document_dict(tender)
    social_value: dict[str, Any] = {
        "standardVersion": tender.standard_version,
        "documentId": tender.id,
        "catalogue": tender_data["catalogue"],
        "indicators": [item.indicator for item in tender.indicators],
    }
    if tender.minimum_social_value is not None:
        social_value["minimumValue"] = _value(tender.minimum_social_value)
    releases: list[dict[str, Any]] = [
        {
            "ocid": ocid,
            "id": f"{ocid}-tender",
            "date": published_text,
            "tag": ["tender"],
            "initiationType": "tender",
            "parties": [_party(tender.buyer, "buyer")],
            "buyer": _reference(tender.buyer),
            "tender": {
                "id": tender.procurement_reference or tender.id,
                "title": tender.title.text("nl"),
                "value": _value(tender.contract_value),
                "contractPeriod": {
                    "startDate": _date_time(tender.period.start),
                    "endDate": _end_date_time(tender.period.end),
                },
                "socialValue": social_value,
            },
        }
    ]
    for bid in bids:
        award: dict[str, Any] = {
            "id": _award_id(bid),
            "suppliers": [_reference(bid.supplier)],
            "socialValueCommitments": [_commitment(c) for c in bid.commitments],
        }
        if bid.bid_price is not None:
            award["value"] = _value(bid.bid_price)
        if bid.lot is not None:
            award["relatedLots"] = [bid.lot]
        if bid.id in by_subject:
            award["socialValueValuation"] = _valuation_summary(by_subject[bid.id])
        releases.append(
            {
                "ocid": ocid,
                "id": f"{ocid}-award-{_award_id(bid)}",
                "date": _date_time(bid.submitted),
                "tag": ["award", "contract"],
                "initiationType": "tender",
                "parties": [_party(bid.supplier, "supplier")],
                "awards": [award],
                "contracts": [
                    {"id": _contract_id(bid.id, bid.contract_id), "awardID": _award_id(bid)}
                ],
            }
        )
    award_of = {bid.id: _award_id(bid) for bid in bids}
    contract_of = {bid.id: _contract_id(bid.id, bid.contract_id) for bid in bids}
    for report in reports:
        bid_id = report.bid.id
        implementation = {"socialValueReports": [_report(report, by_subject.get(report.id))]}
        releases.append(
            {
                "ocid": ocid,
                "id": f"{ocid}-implementation-{report.id}",
                "date": _end_date_time(report.period.end),
                "tag": ["implementation"],
                "initiationType": "tender",
                "contracts": [
                    {
                        "id": report.contract_id or contract_of.get(bid_id, f"{bid_id}-contract"),
                        "awardID": report.award_id or award_of.get(bid_id, bid_id),
                        "implementation": implementation,
                    }
                ],
            }
        )
    return {
        "uri": f"urn:sroi-os:ocds:{ocid}",
        "version": OCDS_VERSION,
        "publishedDate": published_text,
        "publisher": {"name": tender.buyer.name},
        "extensions": [
            EXTENSION_URL,
            *([LOTS_EXTENSION_URL] if any(bid.lot is not None for bid in bids) else []),
        ],
        "releases": releases,
    }

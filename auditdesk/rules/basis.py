"""Where a computed date or figure comes from (STYLE habit 7).

Every result of :mod:`auditdesk.rules` carries a :class:`Basis`: the rule text (``rule_id``),
the clause in it and a short machine ``code`` naming the rule applied. The UI and the exports
turn these into words ("latest 2027-03-15 — CNCA-QMS-01:2025 §5.4.1.4"); the rules layer
never writes sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Rule ids of sources that are not certification rule sets.
# Current edition labels (DOMAIN §3): the values AuditDesk uses are unchanged from the earlier
# editions (MD1:2018, MD5:2019, MD11:2019); MD2 is still cited by its 2017 edition.
IAF_MD1 = "IAF MD1:2023"
IAF_MD2 = "IAF MD2:2017"
IAF_MD5 = "IAF MD5:2023"
IAF_MD11 = "IAF MD11:2023"
ISO_17021 = "ISO17021-1:2015"
CNCA_2025 = "CNCA-QMS-01:2025"
CNCA_FAQ = "CNCA FAQ"
CB_SETTING = "CB setting"
CIVIL_CODE = "PRC Civil Code"


@dataclass(frozen=True, slots=True)
class Basis:
    """The rule behind a value: rule text id, clause in it, and the rule's code.

    ``in_force_from``/``issued_under`` are set where the rule set in force on the activity's
    date is not the one the certificate was issued under (DOMAIN §3: "CNCA-QMS-01:2025
    §5.4.1.4, in force from 2026-01-01; issued under CNCA-QMS-2016"); ``override`` where an
    admin set the certificate's rule set by hand."""

    rule_id: str
    clause: str
    code: str
    in_force_from: dt.date | None = None
    issued_under: str | None = None
    override: bool = False


@dataclass(frozen=True, slots=True)
class Dated:
    """A date together with the rule that fixes it."""

    date: dt.date
    basis: Basis

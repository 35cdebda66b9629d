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
IAF_MD1 = "IAF MD1:2018"
IAF_MD2 = "IAF MD2:2017"
IAF_MD5 = "IAF MD5:2019"
IAF_MD11 = "IAF MD11:2019"
ISO_17021 = "ISO17021-1:2015"
CNCA_2025 = "CNCA-QMS-01:2025"
CNCA_FAQ = "CNCA FAQ"
CB_SETTING = "CB setting"
CIVIL_CODE = "PRC Civil Code"


@dataclass(frozen=True, slots=True)
class Basis:
    """The rule behind a value: rule text id, clause in it, and the rule's code."""

    rule_id: str
    clause: str
    code: str


@dataclass(frozen=True, slots=True)
class Dated:
    """A date together with the rule that fixes it."""

    date: dt.date
    basis: Basis

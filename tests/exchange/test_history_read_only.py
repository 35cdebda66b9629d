"""Issue 14 point 4: the client's history (earlier audits of the cycle and their NCs) travels
to the laptop to re-verify on site, and is read-only there — the office would refuse an edit
when it merges — while the laptop's own audit and the re-verification stay editable."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import (
    Audit,
    Judgement,
)
from auditdesk.services.evidence import EvidenceData, add_evidence, set_judgement
from auditdesk.services.nonconformities import (
    HistoryReadOnly,
    NCResponse,
    is_history,
    previous_ncs,
    record_response,
    record_reverification,
)
from tests.exchange.package_helpers import _clause, laptop_with_history

pytestmark = pytest.mark.slow  # a real package round trip


@pytest.fixture
def laptop(database, tmp_path):
    made = laptop_with_history(database, tmp_path)
    yield made
    made[1].close()


def test_the_history_is_read_only_on_the_laptop(laptop):
    office, lap, audit_id, earlier_id, nc_id = laptop
    with lap.session() as s:
        assert is_history(s, s.get(Audit, earlier_id))
        assert not is_history(s, s.get(Audit, audit_id))
        assert [n.id for n in previous_ncs(s, audit_id)] == [nc_id]
        clause = _clause(s, "8.5.4").id
        with pytest.raises(HistoryReadOnly) as info:
            set_judgement(s, earlier_id, clause, Judgement.NONCONFORMITY)
        assert info.value.code == "history_read_only"
        with pytest.raises(HistoryReadOnly):
            add_evidence(s, earlier_id, EvidenceData(description="改历史"))
        with pytest.raises(HistoryReadOnly):
            record_response(
                s,
                nc_id,
                NCResponse("校准", "无计划", "建立计划", "张三", dt.date(2026, 4, 1)),
            )
    # The laptop's own audit, and re-verifying the previous NC at it, stay editable.
    with lap.session() as s:
        set_judgement(s, audit_id, _clause(s, "8.5.4").id, Judgement.CONFORM)
        add_evidence(s, audit_id, EvidenceData(description="现场新证据"))
        record_reverification(s, nc_id, audit_id, True, "复核：校准计划已执行")


def test_the_office_still_edits_its_earlier_audits(laptop):
    office, _lap, _audit_id, earlier_id, _nc_id = laptop
    with office.session() as s:
        assert not is_history(s, s.get(Audit, earlier_id))
        set_judgement(s, earlier_id, _clause(s, "8.5.4").id, Judgement.CONFORM)


def test_the_refusal_is_worded_in_chinese():
    from auditdesk.ui.errors import SERVICE_TEXT

    text = SERVICE_TEXT["history_read_only"]
    root = Path(__file__).resolve().parents[2] / "resources" / "translations"
    words = json.loads((root / "zh_CN.s6_synccore.json").read_text(encoding="utf-8"))
    assert "只读" in words[text]


def test_a_reverification_on_the_laptop_reaches_the_office(laptop, tmp_path):
    office, lap, audit_id, earlier_id, nc_id = laptop
    from auditdesk.model import Nonconformity

    with office.session() as s:
        s.get(Audit, earlier_id).locked = True  # the earlier audit's report was issued
    with lap.session() as s:
        record_reverification(s, nc_id, audit_id, True, "复核：校准计划已执行")
    path = tmp_path / "back.adpkg"
    with lap.session() as s:
        export_package(s, [audit_id], path)
    with office.session() as s:
        result = import_package(s, path)
        nc = s.get(Nonconformity, nc_id)
        assert result.refused == []
        assert nc.reverified_in_audit_id == audit_id
        assert nc.reverification_note == "复核：校准计划已执行"

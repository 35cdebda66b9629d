"""The lead's review queue on screen (issue 6 points 5 and 8): act without leaving the queue."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import Auditor, NCGrade, NCState, Role, VerificationMethod
from auditdesk.services import nonconformities as ncs
from auditdesk.ui import palette
from auditdesk.ui.nc import ReviewQueuePage, review_queue_page
from auditdesk.ui.nc.queue_model import ReviewQueueModel
from tests.services.nc_world import CLIENT_RESPONSE, act_as, add_user, build, draft

D = dt.date
RESPONSE = CLIENT_RESPONSE


@pytest.fixture
def shown(monkeypatch):
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(review_queue_page, "shown", messages)
    return messages


@pytest.fixture
def seeded(database):
    """Two NCs with client responses waiting for lead 'lena', one major and one minor."""
    with database.session() as session:
        world = build(session)
        act_as(session, "alice")
        ids = []
        for grade in (NCGrade.MAJOR, NCGrade.MINOR):
            nc = ncs.raise_nc(session, draft(world, grade))
            ncs.issue_nc(session, nc.id, on=D(2027, 3, 10))
            ncs.record_response(session, nc.id, RESPONSE)
            ids.append(nc.id)
    return world, ids


def state_of(database, nc_id):
    with database.session() as session:
        return ncs.get_nc(session, nc_id).state


def test_accept_a_response_from_the_queue_and_see_it_move_on(qtbot, database, seeded, shown):
    _world, (major, minor) = seeded
    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    assert page.select_nc(major)
    assert "NC-2027-0012-01" in page.detail.title.text()
    assert page.accept_button.isEnabled() and not page.verify_button.isEnabled()
    page.accept_button.click()
    assert shown == []
    assert state_of(database, major) is NCState.RESPONSE_ACCEPTED
    # It left the responses to review; the only response left to review is the minor.
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("response_to_review"))
    assert [page.model.item(r).nc_id for r in range(page.model.rowCount())] == [minor]


def test_reject_then_verify_and_close_clears_the_queue(qtbot, database, seeded, shown):
    _world, (major, minor) = seeded
    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    page.ask_reason = lambda title, prompt: "Root cause analysis missing"
    page.select_nc(minor)
    page.reject_button.click()
    assert state_of(database, minor) is NCState.RESPONSE_REJECTED
    assert page.model.row_of(minor) == -1  # back with the client: not the lead's to do

    page.select_nc(major)
    page.accept_button.click()
    page.select_nc(major)
    page.ask_verification = lambda n: ncs.Verification(
        VerificationMethod.FOLLOW_UP_VISIT, "Seen on site", D(2027, 4, 20)
    )
    page.verify_button.click()
    assert state_of(database, major) is NCState.VERIFIED
    page.select_nc(major)
    assert page.close_button.isEnabled()
    page.close_button.click()
    assert state_of(database, major) is NCState.CLOSED
    assert page.model.rowCount() == 0
    assert shown == []
    with database.session() as session:
        actions = [s.action for s in ncs.history(session, major)]
    assert actions == ["raise", "issue", "record_response", "accept", "verify", "close"]


def test_bulk_verify_selected_rows(qtbot, database, seeded, shown):
    _world, ids = seeded
    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    page.table.selectAll()
    page.accept_button.click()
    page.table.selectAll()
    assert page.bulk_button.isEnabled()
    page.ask_verification = lambda n: ncs.Verification(
        VerificationMethod.DOCUMENT_REVIEW, f"{n} reviewed", D(2027, 4, 20)
    )
    page.bulk_button.click()
    assert [state_of(database, i) for i in ids] == [NCState.VERIFIED, NCState.VERIFIED]


def test_an_auditor_is_told_why_they_cannot_accept(qtbot, database, seeded, shown):
    _world, (major, _minor) = seeded
    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    page.select_nc(major)
    page.user = "alice"  # e.g. another user signed in on this laptop meanwhile
    assert not page.accept_selected()
    assert shown and "lead auditor" in shown[-1][1]
    assert state_of(database, major) is NCState.RESPONSE_RECEIVED


def test_overdue_rows_are_highlighted_and_counted(qtbot, database, seeded):
    page = ReviewQueuePage(database, user="lena", today=D(2027, 6, 9))
    qtbot.addWidget(page)
    major_row = page.model.row_of(seeded[1][0])
    background = page.model.data(
        page.model.index(major_row, 0), review_queue_page.Qt.ItemDataRole.BackgroundRole
    )
    assert background is not None and background.color() == palette.color("overdue_bg")
    assert (
        page.model.data(page.model.index(major_row, 8)) == "Verification overdue → Follow-up audit"
    )
    minor_row = page.model.row_of(seeded[1][1])
    assert (
        page.model.data(
            page.model.index(minor_row, 0), review_queue_page.Qt.ItemDataRole.BackgroundRole
        )
        is None
    )
    assert "1" in page.summary.text()


def test_filters_narrow_the_queue(qtbot, database, seeded):
    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    page.grade_filter.setCurrentIndex(page.grade_filter.findData("major"))
    assert page.model.rowCount() == 1
    page.grade_filter.setCurrentIndex(0)
    page.due_date.setDate(review_queue_page.QDate(2027, 6, 30))
    page.due_check.setChecked(True)
    assert (
        page.model.rowCount() == 1
    )  # the major, verification due 2027-06-08; the minor has no date


def test_queue_model_passes_the_model_tester(qtmodeltester, database, seeded):
    from auditdesk.services import review_queue as rq

    model = ReviewQueueModel()
    with database.session("lena") as session:
        model.set_items(rq.review_queue(session, on=D(2027, 6, 9)))
    qtmodeltester.check(model)


def test_a_lead_is_told_about_ncs_of_audits_led_by_others(qtbot, database, seeded):
    with database.session() as session:
        other = Auditor(name_zh="李组长")
        session.add(other)
        session.flush()
        add_user(session, "lars", Role.LEAD, auditor_id=other.id)  # led none of these audits
    page = ReviewQueuePage(database, user="lars", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert "2 more in audits led by others" in page.summary.text()
    page.everyone.setChecked(True)
    assert page.model.rowCount() == 2


def test_switching_language_retranslates_the_queue(qtbot, database, seeded):
    from auditdesk.ui.i18n import install_language

    page = ReviewQueuePage(database, user="lena", today=D(2027, 4, 5))
    qtbot.addWidget(page)
    page.select_nc(seeded[1][0])
    try:
        assert install_language("zh_CN")
        qtbot.waitUntil(lambda: page.accept_button.text() == "接受回复")
        assert page.model.headerData(7, review_queue_page.Qt.Orientation.Horizontal) == "期限"
        assert page.model.data(page.model.index(0, 1)) == "待评审回复"
        assert page.summary.text().startswith("2 项待处理")
    finally:
        install_language("en")
    qtbot.waitUntil(lambda: page.accept_button.text() == "Accept response")

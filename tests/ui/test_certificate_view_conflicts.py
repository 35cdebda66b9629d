"""The certificate view's status and scope dialog never overwrites a colleague's change of the
certificate silently (issue 14 point 7). On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6

from auditdesk.model import Certificate, CertificateEventKind, CertificateStatus, Role
from auditdesk.services import certificate_events
from auditdesk.ui.conflict_reload import CANCEL, MERGE, RELOAD, headline
from tests.services.nc_world import add_user

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def view(ctx, sample, qtbot):
    from auditdesk.ui.certificate_view import CertificateView

    with ctx.db.session() as s:
        add_user(s, "wang", Role.ADMIN).display_name = "王建国"
    widget = CertificateView(ctx)
    qtbot.addWidget(widget)
    widget.load(sample["certs"][0])
    yield widget
    # Gone with its database: the language reset at teardown must not reload from a dropped one.
    shiboken6.delete(widget)


def wang_reduces_scope(database, cert_id, scope):
    """王建国 reduces the scope from his desk (his own fresh read)."""
    with database.session("wang") as s:
        certificate_events.record_event(
            s, cert_id, CertificateEventKind.REDUCE_SCOPE, dt.date.today(), "客户申请", scope
        )


def stored(database, cert_id):
    with database.session() as s:
        cert = s.get(Certificate, cert_id)
        return cert.scope_zh, cert.status, len(cert.events)


def dialog(view, kind, choice):
    d = view.event_dialog(kind)
    asked: list = []
    d.ask_conflict = lambda exc, parent: (asked.append(exc), choice)[1]
    return d, asked


@BOTH
def test_a_scope_typed_over_an_old_scope_is_asked_and_never_overwrites(view, sample, database):
    cert_id = sample["certs"][0]
    d, asked = dialog(view, CertificateEventKind.EXTEND_SCOPE, CANCEL)
    wang_reduces_scope(database, cert_id, "电子元器件的生产（不含焊接）")
    d.reason.setPlainText("增加产品线")
    d.scope.setPlainText("电子元器件和线缆的生产")
    assert not d.record()
    assert len(asked) == 1
    sentence = headline(asked[0])
    assert "王建国" in sentence and "CN-Q-0001" in sentence and "meanwhile" in sentence, sentence
    # keep mine: typed values stay in the dialog, nothing of mine was saved
    assert (
        d.scope.toPlainText() == "电子元器件和线缆的生产" and d.reason.toPlainText() == "增加产品线"
    )
    assert d.conflict_note.text() == sentence
    assert stored(database, cert_id)[0] == "电子元器件的生产（不含焊接）"
    # reload: their scope is shown, my reason stays; saving again now records my event
    d.ask_conflict = lambda exc, parent: RELOAD
    assert not d.record()
    assert (
        d.scope.toPlainText() == "电子元器件的生产（不含焊接）"
        and d.reason.toPlainText() == "增加产品线"
    )
    d.scope.setPlainText("电子元器件（不含焊接）和线缆的生产")
    assert d.record()
    assert stored(database, cert_id)[0] == "电子元器件（不含焊接）和线缆的生产"


@BOTH
def test_merge_keeps_their_scope_when_mine_did_not_touch_it(view, sample, database):
    cert_id = sample["certs"][0]
    d, asked = dialog(view, CertificateEventKind.SUSPEND, MERGE)
    wang_reduces_scope(database, cert_id, "电子元器件的生产（不含焊接）")
    d.reason.setPlainText("监督审核逾期")
    assert d.record()  # merged: their scope stands, my suspension is recorded on top
    assert len(asked) == 1
    scope, status, events = stored(database, cert_id)
    assert scope == "电子元器件的生产（不含焊接）" and status == CertificateStatus.SUSPENDED
    assert events == 3  # issue, their reduction, my suspension


@BOTH
def test_merge_where_both_changed_the_scope_shows_mine_and_saves_nothing(view, sample, database):
    cert_id = sample["certs"][0]
    d, asked = dialog(view, CertificateEventKind.EXTEND_SCOPE, MERGE)
    wang_reduces_scope(database, cert_id, "电子元器件的生产（不含焊接）")
    d.reason.setPlainText("增加产品线")
    d.scope.setPlainText("电子元器件和线缆的生产")
    assert not d.record()
    assert d.scope.toPlainText() == "电子元器件和线缆的生产"
    assert "both changed the scope" in d.conflict_note.text()
    assert stored(database, cert_id)[0] == "电子元器件的生产（不含焊接）"
    assert d.record()  # against the reloaded version: a second OK saves without a question
    assert len(asked) == 1 and stored(database, cert_id)[0] == "电子元器件和线缆的生产"

"""One change signal (issue 18 point 2): every committed write reaches every screen as one
``OpChanges`` on ``context.changed`` (ui/context.py), from the GUI thread, a job's thread or a
worker process; screens refresh from that alone, when it touches what they show."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from auditdesk.model import Role
from auditdesk.services import changes
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.users import create_user
from auditdesk.ui import jobs
from tests.ui.conftest import show_main_window

TARGETS = "tests.ui.test_change_signal"


# -- a target the worker process imports (called as fn(session, *args)) -----------------------------
def make_client_in_worker(session, name):
    return str(create_organisation(session, OrganisationData(name, city="苏州")).id)


@pytest.fixture
def spy(ctx):
    got: list[changes.OpChanges] = []
    ctx.changed.connect(got.append)
    return got


@pytest.fixture
def pool(ctx):
    jobs.set_executor(jobs.ThreadPoolExecutor())
    yield
    jobs.set_executor(jobs.SynchronousExecutor())


def _overdue(dashboard) -> int:
    return next(f.value for f in dashboard.data.figures if f.code == "overdue_ncs")


def test_archiving_in_the_nc_register_updates_the_dashboard_through_the_one_signal(
    qtbot, ctx, sample, spy
):
    window = show_main_window(ctx, qtbot)
    window.show_page("dashboard")
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=20000)
    assert _overdue(dashboard) == 1
    with ctx.session() as s:
        from sqlalchemy import select

        from auditdesk.model import Nonconformity

        overdue = s.scalar(select(Nonconformity.id).where(Nonconformity.number.endswith("-01")))
    ncs = window.registers["ncs"]
    assert ncs.select_id(overdue)
    ncs.archive_selected()  # the NC register writes; nothing connects it to the dashboard
    qtbot.waitUntil(lambda: bool(spy), timeout=5000)
    assert changes.NONCONFORMITIES in spy[-1].kinds and overdue in spy[-1].ids_of("nonconformities")
    qtbot.waitUntil(lambda: _overdue(dashboard) == 0, timeout=20000)


def test_renaming_a_client_in_its_register_shows_in_the_certificates_register(
    qtbot, ctx, sample, spy
):
    window = show_main_window(ctx, qtbot)
    clients, certs = window.registers["clients"], window.registers["certificates"]
    window.show_page("clients")
    assert clients.select_id(sample["clients"][0])
    name = clients.findChild(QLineEdit, "field_name_zh")
    name.setText("深圳华强新名有限公司")
    name.editingFinished.emit()  # saved by the clients register's own editor

    def shown_names():
        col = certs.model.columns.index("client")
        return {certs.model.data(certs.model.index(r, col)) for r in range(certs.model.rowCount())}

    qtbot.waitUntil(lambda: "深圳华强新名有限公司" in shown_names(), timeout=10000)
    assert spy and spy[-1].kinds == {changes.CLIENTS}
    # and in the clients register itself: the edited row is reloaded in place
    col = clients.model.columns.index("name_zh")
    row = clients.model.row_of(sample["clients"][0])
    assert clients.model.data(clients.model.index(row, col)) == "深圳华强新名有限公司"


def test_a_rolled_back_write_reports_nothing_and_a_committed_one_once(qtbot, ctx, spy):
    class Refused(Exception):
        pass

    with pytest.raises(Refused), ctx.session() as s:
        create_organisation(s, OrganisationData("撤销的客户"))
        s.flush()
        raise Refused
    ctx.hub.deliver_now()
    assert spy == []
    with ctx.session() as s:  # one action, two commits: one OpChanges on the next turn
        a = create_organisation(s, OrganisationData("客户甲"))
    with ctx.session() as s:
        b = create_organisation(s, OrganisationData("客户乙"))
    assert spy == []  # queued: never in the middle of the action that wrote
    ctx.hub.deliver_now()
    assert len(spy) == 1 and spy[0].ids_of(changes.CLIENTS) >= {a.id, b.id}


def test_a_write_in_a_job_thread_arrives_on_the_gui_thread(qtbot, ctx, pool, spy):
    import threading

    from PySide6.QtCore import QCoreApplication, QThread

    gui = QCoreApplication.instance().thread()
    seen: list[bool] = []
    ctx.changed.connect(lambda _op: seen.append(QThread.currentThread() is gui))
    workers: list[int] = []

    def work(job):
        workers.append(threading.get_ident())
        with job.session() as s:
            return create_organisation(s, OrganisationData("线程里的客户")).id

    made: list[uuid.UUID] = []
    jobs.run_job(work, made.append, write=True)
    qtbot.waitUntil(lambda: bool(made and spy), timeout=10000)
    assert workers[0] != threading.get_ident()  # it really ran on another thread
    assert made[0] in spy[-1].ids_of(changes.CLIENTS)
    assert seen and all(seen)


def test_the_changes_of_a_worker_process_arrive_with_its_answer(qtbot, ctx, pool, spy):
    window = show_main_window(ctx, qtbot)
    clients = window.registers["clients"]
    window.show_page("clients")
    before = clients.model.total
    got: list[object] = []
    failed: list[BaseException] = []
    jobs.run_in_process(
        f"{TARGETS}:make_client_in_worker",
        ("进程里的客户",),
        got.append,
        failed.append,
        url=ctx.db.url,
        user="system",
    )
    qtbot.waitUntil(lambda: bool(got or failed), timeout=60000)
    assert failed == []
    made = uuid.UUID(str(got[0]))
    qtbot.waitUntil(lambda: bool(spy), timeout=5000)
    assert made in spy[-1].ids_of(changes.CLIENTS)
    qtbot.waitUntil(lambda: clients.model.total == before + 1, timeout=10000)


def test_subscribe_calls_back_for_its_kinds_until_its_owner_is_gone(qtbot, ctx):
    """The hook the audit workspace's widgets use (ctx.subscribe)."""
    owner = QWidget()
    calls: list[changes.OpChanges] = []
    ctx.subscribe([changes.EVIDENCE, changes.CLIENTS], calls.append, owner)
    with ctx.session() as s:
        create_user(s, "lead9", "a-long-password-9", Role.LEAD)
    ctx.hub.deliver_now()
    assert calls == []  # users: not a kind it asked for
    with ctx.session() as s:
        create_organisation(s, OrganisationData("订阅的客户"))
    ctx.hub.deliver_now()
    assert len(calls) == 1 and changes.CLIENTS in calls[0].kinds
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    with ctx.session() as s:
        create_organisation(s, OrganisationData("没人听的客户"))
    ctx.hub.deliver_now()
    assert len(calls) == 1


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)

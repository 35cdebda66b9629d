"""The register model: qtmodeltester, lazy fetching at 100 000 rows, never raising."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import insert

from auditdesk.model import Organisation
from auditdesk.ui.registers.model import Query, RegisterModel, RegisterSource


def test_model_passes_qtmodeltester(qtmodeltester, ctx, sample):
    model = RegisterModel(
        RegisterSource(ctx.session, "certificates"),
        "certificates",
        ("number", "client", "standard", "issue_date", "expiry_date", "status"),
    )
    qtmodeltester.check(model, force_py=True)
    model.sort(0)
    qtmodeltester.check(model, force_py=True)


def test_model_with_several_pages_passes_qtmodeltester(qtmodeltester, ctx, database):
    with database.session() as s:
        s.execute(
            insert(Organisation),
            [{"id": uuid.uuid4(), "name_zh": f"公司{i:03d}"} for i in range(450)],
        )
    model = RegisterModel(RegisterSource(ctx.session, "clients"), "clients", ("name_zh", "city"))
    qtmodeltester.check(model, force_py=True)


class CountingSource(RegisterSource):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.pages: list[tuple[int, int]] = []
        self.counts = 0

    def count(self, q: Query) -> int:
        self.counts += 1
        return super().count(q)

    def page(self, q: Query, offset: int, limit: int, after=None):
        self.pages.append((offset, limit))
        return super().page(q, offset, limit, after)


@pytest.mark.slow
def test_lazy_fetch_with_100k_rows(ctx, database):
    with database.session() as s:
        s.execute(
            insert(Organisation),
            [
                {"id": uuid.uuid4(), "name_zh": f"企业{i:06d}", "city": "深圳"}
                for i in range(100_000)
            ],
        )
    source = CountingSource(ctx.session, "clients")
    model = RegisterModel(source, "clients", ("name_zh", "city"))
    assert model.total == 100_000
    assert model.rowCount() == RegisterModel.PAGE  # only the first page is in memory
    assert source.pages == [(0, RegisterModel.PAGE)]
    assert source.counts == 1
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * RegisterModel.PAGE
    assert source.pages[-1] == (RegisterModel.PAGE, RegisterModel.PAGE)
    assert model.data(model.index(RegisterModel.PAGE, 0)) == f"企业{RegisterModel.PAGE:06d}"
    # Sorting and searching go to SQL and start again from one page.
    model.sort(0, order=model.sort.__defaults__[0].__class__.DescendingOrder)
    assert model.rowCount() == RegisterModel.PAGE
    assert model.data(model.index(0, 0)) == "企业099999"
    counts = source.counts
    model.set_query(search="09999")
    assert model.total == 11 and model.rowCount() == 11
    assert source.counts == counts  # a short first page needs no COUNT


def test_data_never_raises(ctx, sample):
    model = RegisterModel(RegisterSource(ctx.session, "clients"), "clients", ("name_zh",))
    assert model.data(model.index(99, 0)) is None
    assert model.data(model.createIndex(0, 5)) is None


def test_storage_error_leaves_an_empty_model(ctx):
    class Broken(RegisterSource):
        def page(self, q, offset, limit, after=None):
            from sqlalchemy.exc import OperationalError

            raise OperationalError("SELECT", {}, Exception("database is locked"))

    model = RegisterModel(Broken(ctx.session, "clients"), "clients", ("name_zh",))
    assert model.rowCount() == 0 and model.error is not None


def test_queries_run_off_the_gui_thread(qtbot, ctx, database):
    """With the real thread pool the first page and later pages arrive by signal."""
    from auditdesk.ui import jobs

    with database.session() as s:
        s.execute(
            insert(Organisation),
            [{"id": uuid.uuid4(), "name_zh": f"公司{i:04d}"} for i in range(450)],
        )
    jobs.set_executor(jobs.ThreadPoolExecutor())
    source = RegisterSource(ctx.session, "clients")
    model = RegisterModel(source, "clients", ("name_zh",))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.total == 450 and model.rowCount() == RegisterModel.PAGE
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    qtbot.waitUntil(lambda: model.rowCount() == 2 * RegisterModel.PAGE, timeout=5000)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(search="公司0449")
    assert model.total == 1 and model.data(model.index(0, 0)) == "公司0449"


def test_results_of_a_superseded_query_are_dropped(qtbot, ctx, sample):
    """The answer to an older query arrives LAST (held back until the newer one is shown) and
    must not replace the rows: ordered by an event, not by a fixed wait."""
    import threading

    from auditdesk.ui import jobs

    release = threading.Event()

    class SlowFirst(RegisterSource):
        def page(self, q, offset, limit, after=None):
            if q.search == "啤酒":
                release.wait(5)  # the superseded query answers only after the newer one
            return super().page(q, offset, limit, after)

    jobs.set_executor(jobs.ThreadPoolExecutor())
    model = RegisterModel(SlowFirst(ctx.session, "clients"), "clients", ("name_zh",))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    model.set_query(search="啤酒")
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(search="华强")  # typed on before the first answer came back
    release.set()
    # Every job has delivered its answer, the superseded one included.
    qtbot.waitUntil(lambda: not jobs._running, timeout=5000)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "深圳华强电子有限公司"
    ]


def test_columns_may_be_a_reordered_subset(ctx, sample):
    model = RegisterModel(
        RegisterSource(ctx.session, "certificates"), "certificates", ("status", "number")
    )
    model.sort(1)
    assert [model.data(model.index(0, c)) for c in range(2)] == ["Valid", "CN-Q-0001"]


def test_a_row_that_cannot_be_reloaded_says_so(ctx, sample):
    """After an edit the row is reloaded; when that fails the old values stay and ``error``
    says why, and ``loaded`` fires so the widget shows it (it used to give up silently)."""
    from sqlalchemy.exc import OperationalError

    class FailsOnReload(RegisterSource):
        def page(self, q, offset, limit, after=None):
            if "ids" in q.filters:
                raise OperationalError("SELECT", {}, Exception("database is locked"))
            return super().page(q, offset, limit, after)

    model = RegisterModel(FailsOnReload(ctx.session, "clients"), "clients", ("name_zh",))
    before = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert before and model.error is None
    told = []
    model.loaded.connect(lambda: told.append(model.error))
    model.reload_row(model.id_at(0))
    assert len(told) == 1 and isinstance(told[0], OperationalError)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == before


def test_a_row_reload_shows_the_saved_values(ctx, sample):
    from auditdesk.model import Organisation as Org

    model = RegisterModel(RegisterSource(ctx.session, "clients"), "clients", ("name_zh",))
    record_id = model.id_at(0)
    with ctx.session() as s:
        s.get(Org, record_id).name_zh = "改过的名字有限公司"
    model.reload_row(record_id)
    assert model.data(model.index(0, 0)) == "改过的名字有限公司" and model.error is None


def test_a_value_that_cannot_be_shown_is_marked_not_blank(ctx, sample, caplog):
    """``data()`` never raises, but a value it cannot format shows ⚠ with the reason in the
    tooltip and is logged once per column and kind of error (it used to be a blank cell)."""
    from PySide6.QtCore import Qt

    from auditdesk.ui.registers.model import UNSHOWABLE

    class BadFormat(RegisterModel):
        def format(self, key, value):
            raise ValueError(f"no words for {value!r}")

    model = BadFormat(RegisterSource(ctx.session, "clients"), "clients", ("name_zh",))
    with caplog.at_level("WARNING", logger="auditdesk.ui.registers.model"):
        assert model.data(model.index(0, 0)) == UNSHOWABLE
        assert model.data(model.index(1, 0)) == UNSHOWABLE
        tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "ValueError" in tip and "no words for" in tip
    assert len([r for r in caplog.records if "cannot show" in r.getMessage()]) == 1

"""The desktop app's Excel import (File ▸ Import from Excel…) does not block other writers:
while the dialog imports a 10 000-row workbook, a second process saves at typing rate and
none of its saves is refused or lost; a bad row 9 000 leaves the database as it was."""

from __future__ import annotations

import pytest

from auditdesk.model import Role
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database
from tests.storage.import_helpers import (
    assert_none_refused_none_lost,
    clients_workbook,
    dump,
    writers_during,
)

ROWS = 10_000


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'ui.sqlite3'}", create=True)
    with database.session() as s:
        for name in ("importer", "wang"):
            create_user(s, name, f"{name}-password-1", Role.ADMIN)
    yield database
    database.close()


@pytest.fixture
def sync_jobs():
    from auditdesk.ui import jobs

    jobs.set_executor(jobs.SynchronousExecutor())
    yield
    jobs.set_executor(None)


@pytest.mark.slow
def test_a_second_process_keeps_saving_while_the_dialog_imports(qtbot, db, tmp_path, sync_jobs):
    from auditdesk.ui.import_dialog import ImportDialog

    book = clients_workbook(tmp_path / "clients.xlsx", ROWS)
    dialog = ImportDialog(db, "importer", kind="clients")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(book))
    report, results = writers_during(
        db, db.url, tmp_path, ("wang",), lambda: dialog.run(dry_run=False)
    )
    assert report is not None and report.created == {"organisation": ROWS}
    assert dialog.imported and "10000" in dialog.summary.text()
    assert_none_refused_none_lost(db, results)
    print(
        f"dialog import of {ROWS} rows: longest write transaction {report.write_s:.2f} s;",
        f"writer: {results['wang']['saved']} saves, longest {results['wang']['longest_save_s']} s,",
        "0 refused",
    )
    assert check_database(db.url).ok


@pytest.mark.slow
def test_a_bad_row_9000_in_the_dialog_writes_nothing(qtbot, db, tmp_path, sync_jobs):
    from auditdesk.ui import i18n
    from auditdesk.ui.import_dialog import ImportDialog

    book = clients_workbook(tmp_path / "bad.xlsx", ROWS, bad_row=9000)
    before = dump(db.engine)
    i18n.install_language("zh_CN")
    try:
        dialog = ImportDialog(db, "importer", kind="clients")
        qtbot.addWidget(dialog)
        dialog.path_edit.setText(str(book))
        assert dialog.run(dry_run=False) is None
        cells = [dialog.errors_table.item(0, c).text() for c in range(4)]
        assert cells == ["9000", "邮箱", "no-at-sign", "不是有效的电子邮箱"]
        assert "未导入任何数据" in dialog.summary.text()
    finally:
        i18n.install_language("en")
    assert dump(db.engine) == before and not dialog.imported

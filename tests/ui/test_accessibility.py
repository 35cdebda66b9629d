"""Every interactive widget on every page and in the workspace has an accessible name
(issue 20, point 9), in zh_CN and en.

Before: 19 fields of the Clients page, 12 of the Auditors page, every CB setting and each
register's search box and table were announced without a name (a form label beside a field
is not its accessible name in Qt).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QHeaderView, QWidget

from auditdesk.ui.accessibility import INTERACTIVE
from tests.services.workspace_data import make_audit
from tests.ui.conftest import problems_on_every_page, show_main_window, show_workspace


def unnamed(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or isinstance(w, QHeaderView):
            continue
        if not w.isVisibleTo(root) or isinstance(w.parent(), QAbstractSpinBox):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            out.append(f"{type(w).__name__} {w.objectName()!r}")
    return out


def test_every_page_names_its_widgets(ctx, language, sample, qtbot):
    window = show_main_window(ctx, qtbot)
    assert not problems_on_every_page(window, qtbot, unnamed)


def test_the_workspace_names_its_widgets(ctx, database, language, qtbot):
    with database.session() as s:
        facts = make_audit(s)
        s.commit()
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("7.1.5")
    ws.new_item()
    assert not unnamed(ws)

"""Issue 14 point 4 on screen: on a laptop, the client's earlier audit (brought as history to
re-verify on site) opens read-only and says why; the laptop's own audit stays editable."""

from __future__ import annotations

import pytest

from auditdesk.ui import i18n
from auditdesk.ui.context import AppContext
from auditdesk.ui.workspace import AuditWorkspace
from tests.exchange.package_helpers import laptop_with_history

pytestmark = pytest.mark.slow  # a real package round trip


def _workspace(lap, audit_id, ui_settings, qtbot):
    ws = AuditWorkspace(AppContext(lap, "system", ui_settings), audit_id)
    qtbot.addWidget(ws)
    ws.show()
    qtbot.waitExposed(ws)
    return ws


def test_the_history_opens_read_only_and_says_why(database, tmp_path, ui_settings, qtbot):
    _office, lap, audit_id, earlier_id, _nc = laptop_with_history(database, tmp_path)
    try:
        i18n.install_language("zh_CN")
        history = _workspace(lap, earlier_id, ui_settings, qtbot)
        assert history.locked
        assert "客户历史资料：在本笔记本上只读" in history.title.text()
        assert not history.editor.isEnabled()
        assert history.new_item("改历史") is None  # nothing written
        own = _workspace(lap, audit_id, ui_settings, qtbot)
        assert not own.locked and "只读" not in own.title.text()
    finally:
        i18n.install_language("en")
        lap.close()

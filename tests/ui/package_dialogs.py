"""Shared by the GUI package tests: the file and password dialogs patched to give answers,
a laptop database beside the office, the Audits register with an audit selected, and the
last message that would have been shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog


class Answers(list):
    """Answers the patched dialogs give, first to last; what they were asked is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []


@pytest.fixture
def dialogs(monkeypatch):
    files, texts = Answers(), Answers()

    def save(parent, caption="", directory="", filter=""):
        files.asked.append(directory)
        return (files.pop(0) if files else ""), filter

    def open_(parent, caption="", directory="", filter=""):
        files.asked.append(caption)
        return (files.pop(0) if files else ""), filter

    def get_text(parent, title, label, echo=None, text=""):
        texts.asked.append(label)
        if not texts:
            return "", False  # cancelled
        return texts.pop(0), True

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return files, texts


@pytest.fixture
def laptop(tmp_path, ui_settings, ctx):
    from auditdesk.services.setup import open_database
    from auditdesk.ui.context import AppContext

    db = open_database(f"sqlite:///{tmp_path / 'laptop' / 'laptop.sqlite3'}", create=True)
    context = AppContext(db, "system", ui_settings)
    context.shown = ctx.shown  # type: ignore[attr-defined]  # one list: what would have been shown
    yield context
    db.close()


def audits_register(qtbot, ctx, audit_id):
    from auditdesk.ui.registers.configs import build_configs
    from auditdesk.ui.registers.widget import RegisterWidget

    w = RegisterWidget(ctx, build_configs(ctx)["audits"])
    qtbot.addWidget(w)
    w.refresh()
    assert w.select_id(audit_id)
    return w


def last_text(context) -> tuple[str, str]:
    return context.shown[-1]

"""Every error the app can show is one translated message (issue 15 point 5, issue 20 point 7):
for every error class of the services, storage and importers, and every refusal reason, the
message the app shows in zh_CN holds no English word, and in English it holds no raw code."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import auditdesk
from tests.ui.words_helpers import ALLOWED, MORE_ALLOWED, WORD


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def error_classes():
    """Every ServiceError and StorageError class of the packages below the UI."""
    for info in pkgutil.walk_packages(auditdesk.__path__, "auditdesk."):
        if info.name.startswith(("auditdesk.ui", "auditdesk.commands", "auditdesk.cli")):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 — optional parts (a PostgreSQL driver...) need not import here
            continue
    from auditdesk.services.errors import ServiceError
    from auditdesk.storage.errors import StorageError

    return sorted(
        {*_all_subclasses(ServiceError), *_all_subclasses(StorageError), ServiceError},
        key=lambda c: (c.__module__, c.__name__),
    )


def instance(cls):
    from auditdesk.exchange.errors import ImportRejected
    from auditdesk.exchange.package import PackageMissing
    from auditdesk.exports.cnca_monthly import ExportRefused
    from auditdesk.exports.docx_render import TemplateError
    from auditdesk.services.errors import ValidationFailed
    from auditdesk.services.report_issue import IssueBlocked
    from auditdesk.storage.attachments import AttachmentRefused
    from auditdesk.storage.migrate_db import MigrationRefused

    if issubclass(cls, PackageMissing):
        return cls("王工的笔记本", 3, {"王工的笔记本": 3})  # the sender's machine name
    if issubclass(cls, TemplateError):
        return cls(Path("报告模板.docx"), "broken", "zh", "文件头不对")
    if issubclass(cls, IssueBlocked):
        return cls("2027-0001", [])
    if issubclass(cls, ExportRefused):
        return cls([])
    if issubclass(cls, AttachmentRefused):
        return cls("empty file", "attachment.empty", "现场照片.jpg")
    if issubclass(cls, MigrationRefused):
        return cls("target holds data", "target_not_empty")
    if issubclass(cls, ImportRejected):
        return cls("2 error(s) in 1 row(s); nothing was imported", [])
    if issubclass(cls, ValidationFailed):
        return cls("organisation 'x': {...}", {"name_zh": "required"})
    try:
        return cls("an English message from the service", reason="")
    except TypeError:
        try:
            return cls("an English message from the service", "")
        except TypeError:
            return cls("an English message from the service")


def english_words(text: str) -> list[str]:
    text = re.sub(r"auditdesk [a-z-]+", " ", text)  # a command to type stays as it is typed
    return [m for m in WORD.findall(text) if m not in ALLOWED and m not in MORE_ALLOWED]


@pytest.fixture
def zh(qapp):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    yield
    i18n.install_language("en")


@pytest.mark.parametrize("cls", error_classes(), ids=lambda c: c.__name__)
def test_every_error_reads_chinese_in_zh_cn(zh, cls):
    from auditdesk.ui.errors import message_for

    shown = message_for(instance(cls))
    assert shown is not None, f"{cls.__name__} would open the crash dialog"
    title, text = shown
    assert english_words(title + "\n" + text) == [], (title, text)
    assert re.search(r"[\u4e00-\u9fff]", text)


def test_no_error_shows_a_raw_code_in_english(qapp):
    from auditdesk.ui import i18n
    from auditdesk.ui.errors import message_for

    i18n.install_language("en")
    raw = []
    for cls in error_classes():
        title, text = message_for(instance(cls))
        if re.search(r"\b[a-z]+[_.][a-z_]+\b", text.replace("e.g.", "")):
            raw.append(f"{cls.__name__}: {text!r}")
    assert raw == []


def test_every_refusal_reason_reads_chinese_in_zh_cn(zh):
    """The ``reason`` codes the importers and services give (package refusals, workbook
    problems) each have words."""
    from auditdesk.exchange.errors import PackageRefused, WorkbookUnreadable
    from auditdesk.ui.errors import message_for

    reasons = {
        PackageRefused: re.findall(r"\b[a-z_]+\b", PackageRefused.__doc__.split("``reason``:")[1]),
        WorkbookUnreadable: re.findall(
            r"\b[a-z_]+\b", WorkbookUnreadable.__doc__.split("``reason``:")[1]
        ),
    }
    bad = []
    for cls, codes in reasons.items():
        assert len(codes) >= 7
        for code in codes:
            title, text = message_for(cls("English words", code))
            if english_words(text):
                bad.append(f"{cls.__name__}.{code}: {text!r}")
    assert bad == []


def test_counts_read_as_english_plurals_and_chinese_counts(qtbot, qapp, tmp_path):
    """Not "1 row(s)": 1 row, 2 rows in English; one form (1 行, 2 行) in Chinese."""
    from auditdesk.exchange.excel_import import ImportReport
    from auditdesk.services.setup import open_database
    from auditdesk.ui import i18n
    from auditdesk.ui.import_dialog import ImportDialog

    db = open_database(f"sqlite:///{tmp_path / 'p.sqlite3'}", create=True)
    try:
        dialog = ImportDialog(db, "system")
        qtbot.addWidget(dialog)
        one = ImportReport("certificates", rows_read=1, created={"certificate": 1})
        two = ImportReport("certificates", rows_read=2, created={"certificate": 2, "audit": 1})
        assert "1 row;" in dialog.describe(one) and "1 certificate;" in dialog.describe(one)
        assert "2 rows;" in dialog.describe(two) and "1 audit, 2 certificates" in dialog.describe(
            two
        )
        assert "(s)" not in dialog.describe(one) + dialog.describe(two)
        i18n.install_language("zh_CN")
        try:
            assert "1 行" in dialog.describe(one) and "2 张证书" in dialog.describe(two)
        finally:
            i18n.install_language("en")
    finally:
        db.close()


def test_the_message_box_carries_no_english_details(zh, monkeypatch):
    """The box used to add the exception's English text as "details"."""
    from PySide6.QtWidgets import QMessageBox

    from auditdesk.services.errors import PermissionDenied
    from auditdesk.ui import errors

    seen = []
    monkeypatch.setattr(errors, "shown", None)
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: seen.append((box.text(), box.detailedText())) or 0
    )
    errors.show_error(PermissionDenied("user li (auditor) may not edit registers"))
    assert len(seen) == 1
    text, details = seen[0]
    assert re.search(r"[\u4e00-\u9fff]", text) and english_words(text) == []
    assert details == ""

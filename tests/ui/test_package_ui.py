"""Offline audit packages through the GUI: the office exports an audit from the Audits register,
a laptop imports it from the File menu handler, the auditor works offline, exports it back
encrypted, and the office merges it and reads the result in words — counts, the renumbered NC,
the conflicts. Refused packages (wrong password, altered file, a deactivated user) say why and
write nothing.

Jobs run synchronously (tests/ui/conftest.py); QFileDialog and QInputDialog are patched;
what would be shown is collected in ``ctx.shown``."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auditdesk.model import EvidenceItem, Nonconformity, Role, User
from tests.exchange.package_helpers import everything, rewrite, store_files
from tests.ui import package_dialogs
from tests.ui.package_dialogs import audits_register, last_text

# Fixtures shared with the other package tests: patched file/password dialogs, a laptop.
dialogs, laptop = package_dialogs.dialogs, package_dialogs.laptop


@pytest.fixture
def office(database):
    from tests.exchange.package_helpers import build_office

    return build_office(database)


def package_button(register):
    from PySide6.QtWidgets import QPushButton

    return register.findChild(QPushButton, "exportPackageButton")


def raise_nc(context, audit_id, ev_id, clause, text, issue=False):
    import datetime as dt

    from auditdesk.model import NCGrade
    from auditdesk.services.nonconformities import NCDraft, issue_nc
    from auditdesk.services.nonconformities import raise_nc as raise_
    from tests.exchange.package_helpers import _clause

    with context.session() as s:
        nc = raise_(
            s,
            NCDraft(
                audit_id=audit_id,
                clause_id=_clause(s, clause).id,
                grade=NCGrade.MINOR,
                requirement=f"GB/T 19001-2016 {clause}",
                evidence_text=text,
                reason="未满足要求",
                evidence_ids=[ev_id],
            ),
            on=dt.date(2027, 1, 19),
        )
        if issue:
            issue_nc(s, nc.id, on=dt.date(2027, 1, 19))
        return nc.id, nc.number


def test_round_trip_office_to_laptop_and_back_through_the_gui(
    qtbot, ctx, office, laptop, tmp_path, dialogs
):
    from auditdesk.ui.main_window import MainWindow
    from auditdesk.ui.package_actions import import_audit_package

    db, audit_id, ev_id = office
    files, texts = dialogs
    with db.session() as s:
        from auditdesk.model import Audit

        number = s.get(Audit, audit_id).number

    # The office: Audits register, the selected audit, "Export audit package…", no password.
    register = audits_register(qtbot, ctx, audit_id)
    files.append(str(tmp_path / "to-laptop"))  # the suffix is added
    texts.append("")  # empty password: not encrypted
    package_button(register).click()
    out = tmp_path / "to-laptop.adpkg"
    assert out.is_file()
    assert files.asked[0].endswith(f"{number}.adpkg")  # the default name carries the audit number
    title, text = last_text(ctx)
    assert title == "Export audit package" and str(out) in text and "Not encrypted." in text
    (sent,) = [int(line.split()[0]) for line in text.splitlines() if line.endswith(" records.")]
    assert sent > 5

    # The laptop imports it: every record is new there.
    files.append(str(out))
    import_audit_package(laptop, None)
    title, text = last_text(laptop)
    assert title == "Audit package imported"
    assert f"Created: {sent}" in text and "Updated: 0" in text and "Conflicts: 0" in text
    assert "Attachments: 1" in text
    with laptop.session() as s:
        assert s.get(EvidenceItem, ev_id) is not None

    # Offline: the auditor edits the evidence and raises an NC; meanwhile the office raised one
    # with the same number and issued it to the client.
    with laptop.session() as s:
        s.get(EvidenceItem, ev_id).description = "抽查了2026年12月及2027年1月的仓库温湿度记录。"
    laptop_nc, laptop_number = raise_nc(
        laptop, audit_id, ev_id, "8.5.4", "成品仓库温湿度超标未处理"
    )
    office_nc, office_number = raise_nc(
        ctx, audit_id, ev_id, "7.1.5", "2把游标卡尺未校准", issue=True
    )
    assert laptop_number == office_number

    # Back, encrypted: the password is entered twice.
    files.append(str(tmp_path / "back.adpkg"))
    texts.extend(["geheim-2027", "geheim-2027"])
    from auditdesk.ui.package_actions import export_audit_package

    export_audit_package(laptop, audits_register(qtbot, laptop, audit_id), [audit_id])
    assert "Encrypted with a password" in last_text(laptop)[1]

    # The office merges it from the File menu; it asks for the password.
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.package_import_action.text() == "Import audit package…"
    assert window.package_import_action in window.file_menu.actions()
    files.append(str(tmp_path / "back.adpkg"))
    texts.append("geheim-2027")
    window.package_import_action.trigger()
    assert "back.adpkg is encrypted" in texts.asked[-1]
    title, text = last_text(ctx)
    assert title == "Audit package imported"
    lines = text.splitlines()
    # New here: the laptop's NC and its "raised" step; updated: the evidence; the one conflict is
    # the renumbering. The package carries only what the office has not acknowledged: no
    # unchanged record and not the photo the office sent.
    assert lines[1:6] == [
        "Created: 2",
        "Updated: 1",
        "Unchanged: 0",
        "Conflicts: 1",
        "Attachments: 0",
    ]
    new_number = f"{laptop_number[:-2]}02"
    assert (
        f"NC {laptop_number} was renumbered to {new_number}: another NC already had its number."
        in lines
    )
    assert (
        "the client's NC form" not in text
    )  # the moved NC was a draft; the issued one kept its number
    assert "Merge conflicts" in lines[-1]
    with db.session() as s:
        assert s.get(Nonconformity, laptop_nc).number == new_number
        assert s.get(Nonconformity, office_nc).number == office_number
        assert s.get(EvidenceItem, ev_id).description.startswith("抽查了2026年12月及2027年1月")


def test_the_result_says_when_a_renumbered_nc_had_been_issued_and_offers_the_conflicts(qapp, ctx):
    from auditdesk.exchange.nc_numbers import Renumbered
    from auditdesk.exchange.package import MergeResult
    from auditdesk.ui.package_actions import result_box, result_lines

    result = MergeResult(
        by="wang",
        created=2,
        updated=1,
        unchanged=5,
        conflicts=1,
        attachments=1,
        renumbered=[Renumbered("x", "NC-A-01", "NC-A-02", "y", issued=True)],
    )
    lines = result_lines(result)
    moved = lines.index("NC NC-A-01 was renumbered to NC-A-02: another NC already had its number.")
    assert lines[moved + 1] == (
        "It had been issued: the client's NC form shows the old number NC-A-01; tell the client."
    )
    box, conflicts = result_box(None, result)
    assert conflicts is not None and conflicts.text() == "Open merge conflicts…"
    box, conflicts = result_box(None, MergeResult(created=1))
    assert conflicts is None


def _office_package(ctx, register_parent, audit_id, tmp_path, dialogs, password):
    from auditdesk.ui.package_actions import export_audit_package

    files, texts = dialogs
    files.append(str(tmp_path / "pkg.adpkg"))
    export_audit_package(ctx, register_parent, [audit_id], password=password)
    return tmp_path / "pkg.adpkg"


def test_a_wrong_password_is_refused_writes_nothing_and_asks_again(
    qtbot, ctx, office, laptop, tmp_path, dialogs
):
    from auditdesk.ui.package_actions import import_audit_package

    db, audit_id, _ev = office
    files, texts = dialogs
    pkg = _office_package(
        ctx, audits_register(qtbot, ctx, audit_id), audit_id, tmp_path, dialogs, "richtig-1"
    )
    before, before_files = everything(laptop.db), store_files(laptop.db)

    files.append(str(pkg))
    texts.append("falsch")  # then the second prompt is cancelled
    import_audit_package(laptop, None)
    title, text = last_text(laptop)
    assert title == "Audit package refused"
    assert "pkg.adpkg was not imported." in text and "The password is wrong" in text
    assert "Nothing was written: this database is unchanged." in text
    assert everything(laptop.db) == before and store_files(laptop.db) == before_files
    assert texts.asked[-1].startswith("The password is wrong.")  # asked again, then cancelled

    texts.extend(["falsch", "richtig-1"])  # wrong, then right: merged on the second try
    import_audit_package(laptop, None, str(pkg))
    assert [t for t, _ in laptop.shown][-2:] == ["Audit package refused", "Audit package imported"]
    with laptop.session() as s:
        assert s.scalar(select(EvidenceItem.id)) is not None


def test_a_cancelled_password_prompt_imports_nothing(qtbot, ctx, office, laptop, tmp_path, dialogs):
    from auditdesk.ui.package_actions import import_audit_package

    db, audit_id, _ev = office
    pkg = _office_package(
        ctx, audits_register(qtbot, ctx, audit_id), audit_id, tmp_path, dialogs, "richtig-1"
    )
    before, shown = everything(laptop.db), len(laptop.shown)
    assert import_audit_package(laptop, None, str(pkg)) is None  # the prompt is cancelled
    assert "pkg.adpkg is encrypted. Password:" in dialogs[1].asked[-1]
    assert everything(laptop.db) == before and len(laptop.shown) == shown


def test_an_altered_package_is_refused_with_the_reason_and_nothing_is_written(
    qtbot, ctx, office, laptop, tmp_path, dialogs
):
    from auditdesk.ui.package_actions import import_audit_package

    db, audit_id, _ev = office
    pkg = _office_package(
        ctx, audits_register(qtbot, ctx, audit_id), audit_id, tmp_path, dialogs, ""
    )
    import zipfile

    with zipfile.ZipFile(pkg) as zf:
        (photo,) = [n for n in zf.namelist() if n.startswith("attachments/")]
        size = zf.getinfo(photo).file_size
    altered = rewrite(pkg, tmp_path / "altered.adpkg", files={photo: b"X" * size})
    before, before_files = everything(laptop.db), store_files(laptop.db)

    import_audit_package(laptop, None, str(altered))
    title, text = last_text(laptop)
    assert title == "Audit package refused"
    assert "does not match its fingerprint; the package was altered or damaged." in text
    assert "Nothing was written: this database is unchanged." in text
    assert everything(laptop.db) == before and store_files(laptop.db) == before_files

    cut = tmp_path / "cut.adpkg"
    cut.write_bytes(pkg.read_bytes()[: pkg.stat().st_size // 2])
    import_audit_package(laptop, None, str(cut))
    assert "cut short or damaged" in last_text(laptop)[1]
    assert everything(laptop.db) == before


def test_a_deactivated_user_is_told_in_words_and_nothing_is_written(
    qtbot, ctx, office, laptop, tmp_path, dialogs
):
    from auditdesk.services.users import create_user
    from auditdesk.ui.context import AppContext
    from auditdesk.ui.package_actions import import_audit_package

    db, audit_id, _ev = office
    pkg = _office_package(
        ctx, audits_register(qtbot, ctx, audit_id), audit_id, tmp_path, dialogs, ""
    )
    with laptop.session() as s:
        create_user(s, "gone", "gone-password-1", Role.AUDITOR)
        s.scalar(select(User).where(User.username == "gone")).active = False
    before = everything(laptop.db)
    gone = AppContext(laptop.db, "gone", laptop.settings)
    import_audit_package(gone, None, str(pkg))
    assert last_text(laptop) == ("Not possible", "Your role does not allow this action.")
    assert everything(laptop.db) == before


def test_export_without_a_selected_audit_says_so(qtbot, ctx, office, dialogs):
    from auditdesk.ui.package_actions import export_audit_package

    assert export_audit_package(ctx, None, []) is None
    assert last_text(ctx) == ("Export audit package", "Select an audit first.")


def test_mismatched_passwords_are_asked_again(qtbot, ctx, office, tmp_path, dialogs):
    from auditdesk.exchange import crypto
    from auditdesk.ui.package_actions import export_audit_package

    db, audit_id, _ev = office
    files, texts = dialogs
    files.append(str(tmp_path / "p.adpkg"))
    texts.extend(["eins-2027", "zwei-2027", "drei-2027", "drei-2027"])
    export_audit_package(ctx, None, [audit_id])
    assert texts.asked[2].startswith("The two passwords differ.")
    assert crypto.is_encrypted(tmp_path / "p.adpkg")


def test_the_package_texts_are_chinese_in_zh_cn(qapp, ctx):
    from auditdesk.exchange.package import MergeResult
    from auditdesk.ui import i18n
    from auditdesk.ui.package_actions import refusal_text, result_lines

    i18n.install_language("zh_CN")
    text = "\n".join(result_lines(MergeResult(by="wang", created=2, conflicts=1)))
    assert "新建：2" in text and "冲突：1" in text and "审核资料包" in text
    assert "审核资料包" in refusal_text("not_a_package")

"""Screen and paper say the same: every code both show reads identically on screen (in the
language the app runs in) and in the exported documents, in Chinese and in English."""

from __future__ import annotations

import pytest

from auditdesk import catalogue
from auditdesk.exports import labels as paper

LANGS = [("zh_CN", "zh"), ("en", "en")]


def _screens():
    """Every way a screen turns a code into words: (paper kind, screen lookup) pairs."""
    from auditdesk.ui import labels
    from auditdesk.ui.nc.texts import NCTexts
    from auditdesk.ui.workspace import words

    nc = NCTexts()
    return [
        ("audit_type", lambda c: labels.label("audit_type", c)),
        ("audit_type", lambda c: labels.label("entry", c)),  # programme entries
        ("audit_status", lambda c: labels.label("audit_status", c)),
        ("audit_mode", lambda c: labels.label("audit_mode", c)),
        ("team_role", lambda c: labels.label("team_role", c)),
        ("auditor_grade", lambda c: labels.label("auditor_grade", c)),
        ("cert_status", lambda c: labels.label("cert_status", c)),
        ("status_code", lambda c: labels.label("status_code", c)),
        ("nc_grade", lambda c: labels.label("nc_grade", c)),
        ("nc_grade", nc.grade),
        ("nc_state", lambda c: labels.label("nc_state", c)),
        ("nc_state", nc.state),
        ("verification_method", nc.method),
        ("schedule_state", lambda c: labels.label("entry_state", c)),
        ("evidence_type", lambda c: words.word("evidence_type", c)),
        ("judgement", lambda c: words.word("judgement", c)),
        ("check_in", lambda c: words.word("check_in", c)),
        ("termination_reason", lambda c: words.word("reason", c)),
        ("agreement_role", lambda c: words.word("agreement", c)),
    ]


@pytest.mark.parametrize(("qt_lang", "doc_lang"), LANGS)
def test_every_shared_code_reads_the_same_on_screen_and_on_paper(qapp, qt_lang, doc_lang):
    from auditdesk.ui import i18n

    i18n.install_language(qt_lang)
    try:
        differ = []
        checked = 0
        for kind, on_screen in _screens():
            for code in paper.CODES[kind]:
                checked += 1
                screen, printed = on_screen(code), paper.code(kind, code, doc_lang)
                if screen != printed:
                    differ.append(f"{kind}.{code}: screen {screen!r}, paper {printed!r}")
                if code and screen == code:
                    differ.append(f"{kind}.{code}: shown as the bare code")
        assert differ == []
        assert checked > 60
    finally:
        i18n.install_language("en")


def test_the_nc_response_state_reads_as_the_form_prints_it(qapp):
    """The case that started it: 已收到整改 on screen, 已回复 on paper."""
    from auditdesk.ui import i18n, labels

    i18n.install_language("zh_CN")
    try:
        assert labels.label("nc_state", "response_received") == "已收到回复"
        assert paper.code("nc_state", "response_received", "zh") == "已收到回复"
    finally:
        i18n.install_language("en")


def test_switching_language_switches_the_catalogue_words(qapp):
    from auditdesk.ui import i18n, labels

    i18n.install_language("zh_CN")
    try:
        assert labels.label("team_role", "team_leader") == "审核组长"
    finally:
        i18n.install_language("en")
    assert labels.label("team_role", "team_leader") == "Team leader"


def test_screen_groups_that_are_catalogue_groups_have_no_qt_copy():
    """No second table: a code group the catalogue holds is not also a Qt Linguist table."""
    from auditdesk.ui import labels
    from auditdesk.ui.workspace import words

    assert not {g for g, _c in labels._TEXT} & set(catalogue.groups())
    assert not {g for g, _c in labels._TEXT} & set(labels.CATALOGUE_ALIASES)
    assert not {g for g, _c in words._TEXT} & set(words.CATALOGUE_GROUPS)

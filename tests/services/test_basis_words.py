"""Issue 16 point 2: every rule code and basis the rules give is printed in words, in Chinese
and in English, through the catalogue (group ``basis``); never the English code on a Chinese
page. Source of the words: the rule each code names (DOMAIN §3, CNCA-QMS-01:2025, ISO/IEC
17021-1, IAF MD2/MD5), as the code's docstring in auditdesk.rules states it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from auditdesk import catalogue
from auditdesk.rules import cb_rules, eligibility, events, programme
from auditdesk.rules.basis import Basis
from auditdesk.services.basis_words import basis_words
from auditdesk.services.programme import builtin_rule_data


def _rule_bases() -> list[Basis]:
    out = []
    for rs in builtin_rule_data().rule_book.rule_sets.values():
        b = programme.RuleBases(rs, dt.date(2026, 1, 1), "CNCA-QMS-2016")
        out += [getattr(b, name) for name in programme.RuleBases.__slots__ if name != "rule_set"]
    return out


def _module_bases() -> list[Basis]:
    out = [
        programme._SURVEILLANCE_WINDOW,
        programme._RECERTIFICATION_WINDOW,
        programme._APPLICATION,
        programme._DEFAULT_EXPIRY,
    ]
    for state in events.CertificateState:
        for event in events.CertificateEvent:
            out.append(events.check_event(state, event).basis)
    d = dt.date(2026, 6, 1)
    out += [f.basis for f in eligibility.client_eligibility(d, None, [], [], d)]
    out.append(eligibility.short_notice_audit_due(d).basis)
    out.append(cb_rules.counted_audit_days([("auditor", 1.0)]).basis)
    out.append(cb_rules.remote_share(1, 1).basis)
    out += [
        f.basis
        for f in cb_rules.application_conditions(
            d,
            on_serious_dishonesty_list=True,
            production_stop_ordered=True,
            last_failed_national_sampling=d,
        )
    ]
    out += [
        f.basis for f in cb_rules.transfer_review(d, state="suspended", expiry=d, open_major_ncs=1)
    ]
    return out


BASES = sorted(
    {(b.rule_id, b.clause, b.code) for b in _rule_bases() + _module_bases()},
)


def test_there_are_many_codes_to_check():
    assert len({code for _r, _c, code in BASES}) >= 40


@pytest.mark.parametrize(("rule_id", "clause", "code"), BASES)
def test_every_basis_reads_in_chinese_and_english(rule_id, clause, code):
    basis = Basis(rule_id, clause, code)
    zh, en = basis_words(basis, "zh"), basis_words(basis, "en")
    assert catalogue.has_word("basis", code) or code.startswith("remote_share_limit"), code
    assert code not in zh and ("_" not in code or code not in en)  # never the code itself
    # Chinese: after the rule id and a clause number, no Latin words (ids stay as printed)
    words = zh.replace(rule_id, "")
    if clause.lstrip("§")[:1].isdigit():
        words = words.replace(clause, "")
    assert not re.search(r"[A-Za-z]{3,}", words), zh
    assert zh != en


def test_transition_and_override_are_said_in_both_languages():
    """DOMAIN §3: "CNCA-QMS-01:2025 §5.4.1.4, in force from 2026-01-01; issued under
    CNCA-QMS-2016"; an admin's manual rule set is shown as such."""
    b = Basis(
        "CNCA-QMS-01:2025", "§5.4.1.4", "surveillance_overdue", dt.date(2026, 1, 1), "CNCA-QMS-2016"
    )
    assert basis_words(b, "en") == (
        "CNCA-QMS-01:2025 §5.4.1.4 surveillance overdue: suspend the certificate and report"
        " (in force from 2026-01-01; issued under CNCA-QMS-2016)"
    )
    assert basis_words(b, "zh_CN") == (
        "CNCA-QMS-01:2025 §5.4.1.4 监督超期：应暂停证书并上报（2026-01-01起施行；发证依据 CNCA-QMS-2016）"
    )
    manual = Basis("CNCA-QMS-2016", "5.2", "issue_date", override=True)
    assert basis_words(manual, "zh").endswith("（规则集由管理员指定）")
    assert basis_words(manual, "en").endswith(" (rule set set by hand)")
    assert basis_words(None, "zh") == ""


def test_cb_settings_and_other_sources_are_translated():
    b = Basis("CB setting", "surveillance_window_months", "window_before_latest")
    assert basis_words(b, "zh") == "认证机构设置 监督窗口月数 最迟日期前开放的计划窗口"
    assert basis_words(b, "en") == (
        "CB setting surveillance window (months) planning window before the latest date"
    )

"""A rule's basis in words, in Chinese or English (issue 16 point 2).

The rules give every date and figure a :class:`~auditdesk.rules.basis.Basis` (rule id, clause,
code); screens and documents print it through here, so no English code reaches a Chinese
page. The code's words come from the catalogue (group ``basis``), sources that are not rule
texts (``CB setting``, ``PRC Civil Code``) from group ``rule_source``, a CB setting's name
from the settings words below; rule-set ids (``CNCA-QMS-01:2025``) and clause numbers stay as
printed in the rule text. A code without words is printed as itself (never hidden).

    CNCA-QMS-01:2025 §5.4.1.4 监督超期：应暂停证书并上报（2026-01-01起施行；发证依据 CNCA-QMS-2016）
    CNCA-QMS-01:2025 §5.4.1.4 surveillance overdue: suspend the certificate and report
        (in force from 2026-01-01; issued under CNCA-QMS-2016)
"""

from __future__ import annotations

from typing import Any

from auditdesk import catalogue

CB_SETTING = "CB setting"

# CB setting names as a basis clause (the settings screen has its own, longer labels).
_SETTING_WORDS = {
    "surveillance_window_months": ("监督窗口月数", "surveillance window (months)"),
    "recertification_window_months": ("再认证窗口月数", "recertification window (months)"),
    "recertification_apply_months": ("再认证申请提前月数", "recertification application (months)"),
    "validity_years": ("证书有效年限", "validity (years)"),
    "eligibility": ("申请条件", "eligibility"),
    "eligibility_min_operation_months": ("体系最短运行月数", "minimum months in operation"),
    "eligibility_bar_months": ("暂停或撤销后不得申请的月数", "months barred after a sanction"),
    "remote_audit_max_percent": ("远程审核比例上限", "remote audit share limit"),
    "transfer_recertification_months": ("转换按再认证处理的月数", "transfer as recertification"),
}


def _lang(lang: str) -> str:
    return catalogue.language(lang)


def source_words(rule_id: str, lang: str) -> str:
    """A rule id in words: a rule text's id as printed, other sources translated."""
    return catalogue.word("rule_source", rule_id, lang)


def code_words(code: str, lang: str) -> str:
    # "remote_share_limit_IAF MD4:2023" carries its source in the code
    if code.startswith("remote_share_limit"):
        code = "remote_share_limit"
    return catalogue.word("basis", code, lang)


def clause_words(basis: Any, lang: str) -> str:
    clause = basis.clause or ""
    if basis.rule_id == CB_SETTING and clause in _SETTING_WORDS:
        zh, en = _SETTING_WORDS[clause]
        return zh if _lang(lang) == "zh" else en
    if catalogue.has_word("rule_source", clause):
        return catalogue.word("rule_source", clause, lang)
    if clause and clause[0].isdigit():
        return "§" + clause
    return clause


def basis_words(basis: Any, lang: str, *, transition: bool = True) -> str:
    """``basis`` in words in ``lang`` ("zh"/"zh_CN" or "en"); "" for None. With ``transition``,
    the rule-set transition and an admin's override are said too (DOMAIN §3)."""
    if basis is None:
        return ""
    zh = _lang(lang) == "zh"
    head = " ".join(p for p in (source_words(basis.rule_id, lang), clause_words(basis, lang)) if p)
    text = f"{head} {code_words(basis.code, lang)}" if basis.code else head
    notes = []
    if transition and getattr(basis, "in_force_from", None) is not None:
        day = basis.in_force_from.isoformat()
        under = basis.issued_under or ""
        notes.append(
            f"{day}起施行；发证依据 {under}" if zh else f"in force from {day}; issued under {under}"
        )
    if transition and getattr(basis, "override", False):
        notes.append("规则集由管理员指定" if zh else "rule set set by hand")
    if notes:
        text += f"（{'；'.join(notes)}）" if zh else f" ({'; '.join(notes)})"
    return text

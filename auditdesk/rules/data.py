"""The built-in rule tables, loaded from a folder the caller names.

The rules package never finds files by itself; services and the CLI call
``load_rule_data(auditdesk.paths.resource("rules"))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditdesk.rules.audit_time import AuditTimeBook, load_audit_time_book
from auditdesk.rules.rulesets import RuleBook, load_rule_book

RULE_SETS_FILE = "rule_sets.json"
AUDIT_TIME_FILE = "audit_time.json"


@dataclass(frozen=True, slots=True)
class RuleData:
    rule_book: RuleBook
    audit_time: AuditTimeBook


def load_rule_data(rules_dir: str | Path) -> RuleData:
    """``rules_dir`` holds ``rule_sets.json`` and ``audit_time.json``."""
    folder = Path(rules_dir)
    return RuleData(
        load_rule_book(folder / RULE_SETS_FILE), load_audit_time_book(folder / AUDIT_TIME_FILE)
    )

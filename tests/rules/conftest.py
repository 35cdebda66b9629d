"""Shared fixtures: the shipped rule tables, loaded the way the services load them."""

from __future__ import annotations

import pytest

from auditdesk.paths import resource
from auditdesk.rules.audit_time import AuditTimeBook
from auditdesk.rules.data import RuleData, load_rule_data
from auditdesk.rules.rulesets import RuleBook, RuleSet

_DATA = load_rule_data(resource("rules"))


@pytest.fixture(scope="session")
def rule_data() -> RuleData:
    return _DATA


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return _DATA.rule_book


@pytest.fixture(scope="session")
def time_book() -> AuditTimeBook:
    return _DATA.audit_time


@pytest.fixture(scope="session")
def cnca2025() -> RuleSet:
    return _DATA.rule_book.get("CNCA-QMS-01:2025")


@pytest.fixture(scope="session")
def cnca2016() -> RuleSet:
    return _DATA.rule_book.get("CNCA-QMS-2016")


@pytest.fixture(scope="session")
def iso17021() -> RuleSet:
    return _DATA.rule_book.get("ISO17021-1:2015")


def rule_set(rule_id: str) -> RuleSet:
    return _DATA.rule_book.get(rule_id)

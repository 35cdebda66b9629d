"""Pure certification rules of AuditDesk: standard library only, no database, no Qt.

Modules (import them directly; this package imports nothing eagerly):
``dates`` (Civil-Code month arithmetic), ``basis`` (Basis: rule id + clause + code),
``settings`` (CBSettings), ``rulesets`` (RuleSet, RuleBook), ``data`` (load the JSON tables),
``programme`` (audit programme of a cycle), ``status`` (certificate status on a date),
``events`` (suspend/restore/... state machine), ``nc_deadlines``, ``audit_time`` (IAF MD5),
``sampling`` (IAF MD1), ``team`` (team checks), ``eligibility`` (client eligibility, auditor
load, short-notice audits), ``credit_code`` (GB 32100 check digit).
"""

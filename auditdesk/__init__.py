"""AuditDesk: a desktop audit-evidence manager for auditors of Chinese certification bodies.

Layers (arrows point one way, enforced by import-linter contracts in pyproject.toml):
``ui -> services -> model/storage -> rules``; ``exports`` and ``exchange`` sit beside
``services``. Only ``auditdesk.ui`` imports PySide6; ``auditdesk.rules`` is pure Python.
"""

__version__ = "0.1.0"

"""The audit workspace (issue 5): clause tree, evidence capture, attachments, coverage,
check-in photos, termination, completeness and search for one audit."""

from auditdesk.ui.workspace.workspace import AuditWorkspace, open_workspace

__all__ = ["AuditWorkspace", "open_workspace"]

"""exports layer of AuditDesk (see STYLE.md)."""

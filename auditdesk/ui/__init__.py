"""ui layer of AuditDesk (see STYLE.md)."""

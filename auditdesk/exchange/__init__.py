"""exchange layer of AuditDesk (see STYLE.md)."""

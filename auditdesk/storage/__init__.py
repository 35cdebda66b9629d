"""storage layer of AuditDesk (see STYLE.md)."""

"""bench layer of AuditDesk (see STYLE.md)."""

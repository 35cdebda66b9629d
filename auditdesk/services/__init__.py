"""services layer of AuditDesk (see STYLE.md)."""

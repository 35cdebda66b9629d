"""rules layer of AuditDesk (see STYLE.md)."""

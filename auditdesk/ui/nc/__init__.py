"""Nonconformity screens: raise dialog, NC detail with history, the lead's review queue."""

from auditdesk.ui.nc.detail import NCDetailWidget
from auditdesk.ui.nc.nc_dialog import NCDialog
from auditdesk.ui.nc.review_queue_page import ReviewQueuePage

__all__ = ["NCDetailWidget", "NCDialog", "ReviewQueuePage"]

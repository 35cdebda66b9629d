"""Nonconformity screens: raise dialog, NC detail with history and actions, the lead's review
queue, previous NCs for the next audit's workspace, certificates at risk."""

from auditdesk.ui.nc.at_risk import CertificatesAtRiskWidget
from auditdesk.ui.nc.detail import NCDetailWidget
from auditdesk.ui.nc.detail_dialog import NCDetailDialog
from auditdesk.ui.nc.nc_dialog import NCDialog
from auditdesk.ui.nc.previous import PreviousNCsWidget
from auditdesk.ui.nc.review_queue_page import ReviewQueuePage

__all__ = [
    "CertificatesAtRiskWidget",
    "NCDetailDialog",
    "NCDetailWidget",
    "NCDialog",
    "PreviousNCsWidget",
    "ReviewQueuePage",
]

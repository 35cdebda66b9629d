<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>Plan an audit</source>
        <translation>Plan an audit</translation>
    </message>
    <message>
        <source>Certificate number:</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>No certificate with this number.</source>
        <translation>No certificate with this number.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>AuditDesk will ask who you are when it starts next time.</source>
        <translation>AuditDesk will ask who you are when it starts next time.</translation>
    </message>
    <message>
        <source>About AuditDesk</source>
        <translation>About AuditDesk</translation>
    </message>
    <message>
        <source>AuditDesk %1
Audit evidence manager for certification-body auditors.</source>
        <translation>AuditDesk %1
Audit evidence manager for certification-body auditors.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This database is empty.

Load demonstration data (clients, certificates, audits, nonconformities) to explore AuditDesk?</source>
        <translation>This database is empty.

Load demonstration data (clients, certificates, audits, nonconformities) to explore AuditDesk?</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>Building demo data…</source>
        <translation>Building demo data…</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Drop files here, or paste with Ctrl+V. Double-click to view.</source>
        <translation>Drop files here, or paste with Ctrl+V. Double-click to view.</translation>
    </message>
    <message>
        <source>Printed in the report</source>
        <translation>Printed in the report</translation>
    </message>
    <message>
        <source>Not in the report</source>
        <translation>Not in the report</translation>
    </message>
    <message>
        <source>Drop photos or files here · Ctrl+Shift+V pastes · Ctrl+Shift+A opens a file</source>
        <translation>Drop photos or files here · Ctrl+Shift+V pastes · Ctrl+Shift+A opens a file</translation>
    </message>
    <message>
        <source>View</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Mark as opening-meeting check-in photo</source>
        <translation>Mark as opening-meeting check-in photo</translation>
    </message>
    <message>
        <source>Mark as closing-meeting check-in photo</source>
        <translation>Mark as closing-meeting check-in photo</translation>
    </message>
    <message>
        <source>Not a check-in photo</source>
        <translation>Not a check-in photo</translation>
    </message>
    <message>
        <source>Print in the report</source>
        <translation>Print in the report</translation>
    </message>
    <message>
        <source>Remove from this item</source>
        <translation>Remove from this item</translation>
    </message>
</context>
<context>
    <name>AuditWorkspace</name>
    <message>
        <source>Sites axis: show counts and items of one site</source>
        <translation>Sites axis: show counts and items of one site</translation>
    </message>
    <message>
        <source>Search evidence and NCs (Ctrl+F)</source>
        <translation>Search evidence and NCs (Ctrl+F)</translation>
    </message>
    <message>
        <source>All audits</source>
        <translation>All audits</translation>
    </message>
    <message>
        <source>Check-in photos</source>
        <translation>Check-in photos</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>Terminate (撤组)…</source>
        <translation>Terminate (撤组)…</translation>
    </message>
    <message>
        <source>Documents…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <source>Audit report, plan and case draft; issue the report (lead)</source>
        <translation>Audit report, plan and case draft; issue the report (lead)</translation>
    </message>
    <message>
        <source>New item (Ctrl+Enter)</source>
        <translation>New item (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Attach file… (Ctrl+Shift+A)</source>
        <translation>Attach file… (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Paste (Ctrl+Shift+V)</source>
        <translation>Paste (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Archive item</source>
        <translation>Archive item</translation>
    </message>
    <message>
        <source>Raise NC… (Ctrl+Shift+N)</source>
        <translation>Raise NC… (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Raise a nonconformity on this clause, linked to its evidence</source>
        <translation>Raise a nonconformity on this clause, linked to its evidence</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>Evidence items</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Use of marks and certificate references: what you found</source>
        <translation>Use of marks and certificate references: what you found</translation>
    </message>
    <message>
        <source>Marks and certificate references</source>
        <translation>Marks and certificate references</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <source>Nonconformity raised.</source>
        <translation>Nonconformity raised.</translation>
    </message>
    <message>
        <source>Not attached</source>
        <translation>Not attached</translation>
    </message>
    <message>
        <source>The database server cannot be reached: your text is kept here and saved as soon as the connection is back.</source>
        <translation>The database server cannot be reached: your text is kept here and saved as soon as the connection is back.</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <source>No clause %1 in this audit's standards.</source>
        <translation>No clause %1 in this audit's standards.</translation>
    </message>
    <message>
        <source>Archive evidence</source>
        <translation>Archive evidence</translation>
    </message>
    <message>
        <source>Archive this evidence item?

%1

It leaves the lists, the coverage and the report; it is not deleted, and Undo brings it back.</source>
        <translation>Archive this evidence item?

%1

It leaves the lists, the coverage and the report; it is not deleted, and Undo brings it back.</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(no description)</translation>
    </message>
    <message>
        <source>Evidence archived: %1</source>
        <translation>Evidence archived: %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
</context>
<context>
    <name>AuditorIdDialog</name>
    <message>
        <source>ID document (证件号码)</source>
        <translation>ID document (证件号码)</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>Resident ID card (居民身份证)</source>
        <translation>Resident ID card (居民身份证)</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Stored (masked)</source>
        <translation>Stored (masked)</translation>
    </message>
    <message>
        <source>type the full number to replace it</source>
        <translation>type the full number to replace it</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>New number</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>AuditorWeekDialog</name>
    <message>
        <source>No user is linked to an auditor: link one on the Auditors register.</source>
        <translation>No user is linked to an auditor: link one on the Auditors register.</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>The last day is before the first day.</translation>
    </message>
    <message>
        <source>%1 open audit(s) in the package: %2</source>
        <translation>%1 open audit(s) in the package: %2</translation>
    </message>
    <message>
        <source>No open audit of this auditor in these days.</source>
        <translation>No open audit of this auditor in these days.</translation>
    </message>
    <message>
        <source>Package of an auditor's audits</source>
        <translation>Package of an auditor's audits</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>In these days</source>
        <translation>In these days</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>Both of you changed: %1. Yours was kept; check it.</translation>
    </message>
</context>
<context>
    <name>BottomTabs</name>
    <message>
        <source>Completeness</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Ready for the report: nothing is missing.</source>
        <translation>Ready for the report: nothing is missing.</translation>
    </message>
    <message>
        <source>Completeness (%1)</source>
        <translation>Completeness (%1)</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>NC</translation>
    </message>
    <message>
        <source>Search results (%1)</source>
        <translation>Search results (%1)</translation>
    </message>
    <message>
        <source>Previous NCs (%1)</source>
        <translation>Previous NCs (%1)</translation>
    </message>
    <message>
        <source>Previous NCs</source>
        <translation>Previous NCs</translation>
    </message>
</context>
<context>
    <name>CertificateView</name>
    <message>
        <source>Audit programme</source>
        <translation>Audit programme</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Window opens</source>
        <translation>Window opens</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>Latest date</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Planned audit</source>
        <translation>Planned audit</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>Status and scope</source>
        <translation>Status and scope</translation>
    </message>
    <message>
        <source>Plan an audit…</source>
        <translation>Plan an audit…</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>Export certificate…</translation>
    </message>
    <message>
        <source>The certificate document in Word or PDF (ISO/IEC 17021-1 8.2.2)</source>
        <translation>The certificate document in Word or PDF (ISO/IEC 17021-1 8.2.2)</translation>
    </message>
    <message>
        <source>Record report to the regulator…</source>
        <translation>Record report to the regulator…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Select a certificate.</source>
        <translation>Select a certificate.</translation>
    </message>
    <message>
        <source>Issued %1, expires %2</source>
        <translation>Issued %1, expires %2</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>next date %1</source>
        <translation>next date %1</translation>
    </message>
    <message>
        <source>done late (%1 days)</source>
        <translation>done late (%1 days)</translation>
    </message>
    <message>
        <source>Latest: %1
Window: %2</source>
        <translation>Latest: %1
Window: %2</translation>
    </message>
    <message>
        <source>Planned after the latest date %1.</source>
        <translation>Planned after the latest date %1.</translation>
    </message>
    <message>
        <source>Recertification application due: %1</source>
        <translation>Recertification application due: %1</translation>
    </message>
    <message>
        <source>No breach of this cycle is waiting for its report to the regulator.</source>
        <translation>No breach of this cycle is waiting for its report to the regulator.</translation>
    </message>
    <message>
        <source>%1 done late (%2 days): suspension and report required</source>
        <translation>%1 done late (%2 days): suspension and report required</translation>
    </message>
    <message>
        <source>%1 missed (%2 days so far): suspension and report required</source>
        <translation>%1 missed (%2 days so far): suspension and report required</translation>
    </message>
    <message>
        <source>suspension recorded %1</source>
        <translation>suspension recorded %1</translation>
    </message>
    <message>
        <source>suspension not recorded</source>
        <translation>suspension not recorded</translation>
    </message>
    <message>
        <source>report to the regulator not recorded</source>
        <translation>report to the regulator not recorded</translation>
    </message>
    <message>
        <source>reported %1 in the CNCA monthly file %2</source>
        <translation>reported %1 in the CNCA monthly file %2</translation>
    </message>
    <message>
        <source>reported %1 (%2)</source>
        <translation>reported %1 (%2)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>Application conditions: %1</source>
        <translation>Application conditions: %1</translation>
    </message>
    <message>
        <source>Transferred from %1 (%2): review %3, decision %4</source>
        <translation>Transferred from %1 (%2): review %3, decision %4</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>not done</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>not taken</translation>
    </message>
    <message>
        <source>Transfer to be completed by %1 — %2</source>
        <translation>Transfer to be completed by %1 — %2</translation>
    </message>
    <message>
        <source>Pre-transfer review (IAF MD2)</source>
        <translation>Pre-transfer review (IAF MD2)</translation>
    </message>
    <message>
        <source>Transfer decision</source>
        <translation>Transfer decision</translation>
    </message>
    <message>
        <source>At risk: %1 proposed (%2).</source>
        <translation>At risk: %1 proposed (%2).</translation>
    </message>
    <message>
        <source>Overdue nonconformities: %1</source>
        <translation>Overdue nonconformities: %1</translation>
    </message>
    <message>
        <source>Withdrawal after %1.</source>
        <translation>Withdrawal after %1.</translation>
    </message>
</context>
<context>
    <name>CertificatesAtRiskWidget</name>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Overdue NCs</source>
        <translation>Overdue NCs</translation>
    </message>
    <message>
        <source>Proposed action</source>
        <translation>Proposed action</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>withdrawal after %1</source>
        <translation>withdrawal after %1</translation>
    </message>
    <message numerus="yes">
        <source>Certificates at risk: %n</source>
        <translation><numerusform>Certificates at risk: %n</numerusform><numerusform>Certificates at risk: %n</numerusform></translation>
    </message>
    <message>
        <source>No certificate at risk from overdue nonconformities</source>
        <translation>No certificate at risk from overdue nonconformities</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Check-in photos (认证到)</source>
        <translation>Check-in photos (认证到)</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Team on the photos (tick each member, incl. experts, trainees, remote):</source>
        <translation>Team on the photos (tick each member, incl. experts, trainees, remote):</translation>
    </message>
    <message>
        <source>latitude, longitude (e.g. 31.2304, 121.4737)</source>
        <translation>latitude, longitude (e.g. 31.2304, 121.4737)</translation>
    </message>
    <message>
        <source>Site coordinates</source>
        <translation>Site coordinates</translation>
    </message>
    <message>
        <source>Opening meeting starts</source>
        <translation>Opening meeting starts</translation>
    </message>
    <message>
        <source>Closing meeting starts</source>
        <translation>Closing meeting starts</translation>
    </message>
    <message>
        <source>Closing meeting ends</source>
        <translation>Closing meeting ends</translation>
    </message>
    <message>
        <source>Use first geotagged photo</source>
        <translation>Use first geotagged photo</translation>
    </message>
    <message>
        <source>Add opening-meeting photo…</source>
        <translation>Add opening-meeting photo…</translation>
    </message>
    <message>
        <source>Add closing-meeting photo…</source>
        <translation>Add closing-meeting photo…</translation>
    </message>
</context>
<context>
    <name>ClauseNCs</name>
    <message>
        <source>Nonconformities on this clause</source>
        <translation>Nonconformities on this clause</translation>
    </message>
    <message>
        <source>Nonconformities raised on this clause. Enter or double-click opens one.</source>
        <translation>Nonconformities raised on this clause. Enter or double-click opens one.</translation>
    </message>
    <message>
        <source>Nonconformities on this clause (%1)</source>
        <translation>Nonconformities on this clause (%1)</translation>
    </message>
</context>
<context>
    <name>ClausePanel</name>
    <message>
        <source>Evidence prompts of the clause</source>
        <translation>Evidence prompts of the clause</translation>
    </message>
    <message>
        <source>Typical evidence. Enter on a prompt starts an item with it.</source>
        <translation>Typical evidence. Enter on a prompt starts an item with it.</translation>
    </message>
    <message>
        <source>Judgement note</source>
        <translation>Judgement note</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>Judgement</translation>
    </message>
</context>
<context>
    <name>ClauseTree</name>
    <message>
        <source>Clauses</source>
        <translation>Clauses</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>Judgement</translation>
    </message>
    <message>
        <source>Every surveillance must cover this clause</source>
        <translation>Every surveillance must cover this clause</translation>
    </message>
</context>
<context>
    <name>ClientConditionsPanel</name>
    <message>
        <source>Application conditions (CNCA-QMS-01:2025 §5.1.2)</source>
        <translation>Application conditions (CNCA-QMS-01:2025 §5.1.2)</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Add condition…</source>
        <translation>Add condition…</translation>
    </message>
    <message>
        <source>No condition bars the client today.</source>
        <translation>No condition bars the client today.</translation>
    </message>
</context>
<context>
    <name>CncaExportDialog</name>
    <message>
        <source>CNCA monthly file…</source>
        <translation>CNCA monthly file…</translation>
    </message>
    <message>
        <source>The monthly upload workbook for CNCA's reporting platform (due by the 10th)</source>
        <translation>The monthly upload workbook for CNCA's reporting platform (due by the 10th)</translation>
    </message>
    <message>
        <source>CNCA monthly upload</source>
        <translation>CNCA monthly upload</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Write file…</source>
        <translation>Write file…</translation>
    </message>
    <message>
        <source>Write anyway…</source>
        <translation>Write anyway…</translation>
    </message>
    <message>
        <source>Write the file although the data has problems; fix them in AuditDesk, not in Excel, and send corrected rows next month</source>
        <translation>Write the file although the data has problems; fix them in AuditDesk, not in Excel, and send corrected rows next month</translation>
    </message>
    <message>
        <source>Checking the month…</source>
        <translation>Checking the month…</translation>
    </message>
    <message>
        <source>%1: %2 plan rows, %3 certificates, %4 results, %5 energy rows.</source>
        <translation>%1: %2 plan rows, %3 certificates, %4 results, %5 energy rows.</translation>
    </message>
    <message>
        <source>{n} problem: fix it in AuditDesk before uploading.</source>
        <translation>{n} problem: fix it in AuditDesk before uploading.</translation>
    </message>
    <message>
        <source>{n} problems: fix them in AuditDesk before uploading.</source>
        <translation>{n} problems: fix them in AuditDesk before uploading.</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>Save CNCA monthly file</source>
        <translation>Save CNCA monthly file</translation>
    </message>
    <message>
        <source>Writing the CNCA file…</source>
        <translation>Writing the CNCA file…</translation>
    </message>
    <message>
        <source>Written: %1 (%2 rows recorded as reported).</source>
        <translation>Written: %1 (%2 rows recorded as reported).</translation>
    </message>
    <message>
        <source>ID document…</source>
        <translation>ID document…</translation>
    </message>
    <message>
        <source>The auditor's 证件号码 for the CNCA audit-plan upload (shown masked)</source>
        <translation>The auditor's 证件号码 for the CNCA audit-plan upload (shown masked)</translation>
    </message>
    <message>
        <source>Accreditation marks…</source>
        <translation>Accreditation marks…</translation>
    </message>
    <message>
        <source>The accreditation marks the CNCA certificate sheet reports</source>
        <translation>The accreditation marks the CNCA certificate sheet reports</translation>
    </message>
</context>
<context>
    <name>ConditionDialog</name>
    <message>
        <source>Application condition (CNCA §5.1.2)</source>
        <translation>Application condition (CNCA §5.1.2)</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Until (if ended)</source>
        <translation>Until (if ended)</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>The reference is required.</source>
        <translation>The reference is required.</translation>
    </message>
    <message>
        <source>Until is before since.</source>
        <translation>Until is before since.</translation>
    </message>
    <message>
        <source>Until: a date YYYY-MM-DD.</source>
        <translation>Until: a date YYYY-MM-DD.</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>Concurrent values</source>
        <translation>Concurrent values</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Written by</translation>
    </message>
    <message>
        <source>Merged at</source>
        <translation>Merged at</translation>
    </message>
</context>
<context>
    <name>ConflictReload</name>
    <message>
        <source>Evidence item</source>
        <translation>Evidence item</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>Nonconformity</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>someone else</translation>
    </message>
    <message>
        <source>{what} was deleted by {who} meanwhile.</source>
        <translation>{what} was deleted by {who} meanwhile.</translation>
    </message>
    <message>
        <source>{who} deleted this record while you were editing it.</source>
        <translation>{who} deleted this record while you were editing it.</translation>
    </message>
    <message>
        <source>{what} was changed by {who} at {when} meanwhile.</source>
        <translation>{what} was changed by {who} at {when} meanwhile.</translation>
    </message>
    <message>
        <source>{what} was changed by {who} meanwhile.</source>
        <translation>{what} was changed by {who} meanwhile.</translation>
    </message>
    <message>
        <source>{who} changed this record while you were editing it.</source>
        <translation>{who} changed this record while you were editing it.</translation>
    </message>
    <message>
        <source>(saved {when})</source>
        <translation>(saved {when})</translation>
    </message>
    <message>
        <source>Reload shows their version; Merge puts your edits back on top of it; Keep mine leaves your edits here, unsaved.</source>
        <translation>Reload shows their version; Merge puts your edits back on top of it; Keep mine leaves your edits here, unsaved.</translation>
    </message>
    <message>
        <source>Keep mine, unsaved</source>
        <translation>Keep mine, unsaved</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>Changed meanwhile</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Merge my edits</source>
        <translation>Merge my edits</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>this database</source>
        <translation>this database</translation>
    </message>
    <message>
        <source>replica %1</source>
        <translation>replica %1</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>package %1</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>Nonconformity</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Clause judgement</source>
        <translation>Clause judgement</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>References</source>
        <translation>References</translation>
    </message>
    <message>
        <source>Interviewee</source>
        <translation>Interviewee</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Observed at</source>
        <translation>Observed at</translation>
    </message>
    <message>
        <source>Evidence type</source>
        <translation>Evidence type</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>Judgement</translation>
    </message>
    <message>
        <source>Judgement note</source>
        <translation>Judgement note</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>Objective evidence</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>Name (Chinese)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Name (English)</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Expiry date</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>clause %1</source>
        <translation>clause %1</translation>
    </message>
    <message>
        <source>audit %1</source>
        <translation>audit %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Merge conflicts</source>
        <translation>Merge conflicts</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>Keep the value here</source>
        <translation>Keep the value here</translation>
    </message>
    <message>
        <source>These fields were changed here and on laptops at the same time. The value here is kept until you decide; every other value is kept beside it, with who wrote it, when and where.</source>
        <translation>These fields were changed here and on laptops at the same time. The value here is kept until you decide; every other value is kept beside it, with who wrote it, when and where.</translation>
    </message>
    <message>
        <source>Every concurrent value</source>
        <translation>Every concurrent value</translation>
    </message>
    <message>
        <source>The chosen value</source>
        <translation>The chosen value</translation>
    </message>
    <message>
        <source>Keep the chosen value</source>
        <translation>Keep the chosen value</translation>
    </message>
    <message>
        <source>Write a combined value…</source>
        <translation>Write a combined value…</translation>
    </message>
    <message>
        <source>Refused changes: a package brought them, but their author's role, an issued report or the NC lifecycle does not allow them. They are not applied and not lost: accept or drop each one.</source>
        <translation>Refused changes: a package brought them, but their author's role, an issued report or the NC lifecycle does not allow them. They are not applied and not lost: accept or drop each one.</translation>
    </message>
    <message>
        <source>Accept the change</source>
        <translation>Accept the change</translation>
    </message>
    <message>
        <source>Drop the change</source>
        <translation>Drop the change</translation>
    </message>
    <message>
        <source>in the record now</source>
        <translation>in the record now</translation>
    </message>
    <message>
        <source>Combined value</source>
        <translation>Combined value</translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Click a cell, or move with the arrow keys and press Enter, to open that clause in the workspace.</source>
        <translation>Click a cell, or move with the arrow keys and press Enter, to open that clause in the workspace.</translation>
    </message>
    <message>
        <source>1 evidence item</source>
        <translation>1 evidence item</translation>
    </message>
    <message>
        <source>%1 evidence items</source>
        <translation>%1 evidence items</translation>
    </message>
    <message>
        <source>No evidence yet</source>
        <translation>No evidence yet</translation>
    </message>
    <message>
        <source>Clause %1 %2</source>
        <translation>Clause %1 %2</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>Site: %1</translation>
    </message>
    <message>
        <source>Site: none given</source>
        <translation>Site: none given</translation>
    </message>
    <message>
        <source>Every surveillance must cover this clause</source>
        <translation>Every surveillance must cover this clause</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause at this site.</source>
        <translation>Click or press Enter to open this clause at this site.</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause (all sites).</source>
        <translation>Click or press Enter to open this clause (all sites).</translation>
    </message>
    <message>
        <source>Audit: %1 (%2)</source>
        <translation>Audit: %1 (%2)</translation>
    </message>
    <message>
        <source>This audit: %1 (%2)</source>
        <translation>This audit: %1 (%2)</translation>
    </message>
    <message>
        <source>Not sampled in any audit of this cycle</source>
        <translation>Not sampled in any audit of this cycle</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause in this audit (all sites).</source>
        <translation>Click or press Enter to open this clause in this audit (all sites).</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>AuditDesk: unexpected error</source>
        <translation>AuditDesk: unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong that AuditDesk did not expect. Your saved work is safe.
Copy the details below and send them to your administrator.</source>
        <translation>Something went wrong that AuditDesk did not expect. Your saved work is safe.
Copy the details below and send them to your administrator.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>CrashReportDialog</name>
    <message>
        <source>AuditDesk closed unexpectedly</source>
        <translation>AuditDesk closed unexpectedly</translation>
    </message>
    <message>
        <source>AuditDesk stopped unexpectedly the last time it ran. Your saved work is in the database. Please send these details to your administrator or to AuditDesk's support. They are also kept in {path}.</source>
        <translation>AuditDesk stopped unexpectedly the last time it ran. Your saved work is in the database. Please send these details to your administrator or to AuditDesk's support. They are also kept in {path}.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <source>Click to open the list</source>
        <translation>Click to open the list</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <source>Unhandled breaches: suspension and report required</source>
        <translation>Unhandled breaches: suspension and report required</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>Latest date</translation>
    </message>
    <message>
        <source>Days in breach</source>
        <translation>Days in breach</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>Report to the regulator</source>
        <translation>Report to the regulator</translation>
    </message>
    <message>
        <source>done late %1</source>
        <translation>done late %1</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>January</source>
        <translation>January</translation>
    </message>
    <message>
        <source>February</source>
        <translation>February</translation>
    </message>
    <message>
        <source>March</source>
        <translation>March</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>June</source>
        <translation>June</translation>
    </message>
    <message>
        <source>July</source>
        <translation>July</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>October</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>December</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 data due %2: everything reported</source>
        <translation>%1 data due %2: everything reported</translation>
    </message>
    <message>
        <source>%1 data due %2: %3 plans, %4 certificates, %5 results not yet reported</source>
        <translation>%1 data due %2: %3 plans, %4 certificates, %5 results not yet reported</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>Audits per month, %1</source>
        <translation>Audits per month, %1</translation>
    </message>
    <message>
        <source>NC closure time (days from issue to closure)</source>
        <translation>NC closure time (days from issue to closure)</translation>
    </message>
    <message>
        <source>Auditor on-site days this year (limit %1)</source>
        <translation>Auditor on-site days this year (limit %1)</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>January</source>
        <translation>January</translation>
    </message>
    <message>
        <source>February</source>
        <translation>February</translation>
    </message>
    <message>
        <source>March</source>
        <translation>March</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <source>June</source>
        <translation>June</translation>
    </message>
    <message>
        <source>July</source>
        <translation>July</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>October</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>December</translation>
    </message>
    <message>
        <source>%1 %2 %3 does not exist: %2 %3 has %4 days.</source>
        <translation>%1 %2 %3 does not exist: %2 %3 has %4 days.</translation>
    </message>
    <message>
        <source>There is no month %1: months go from 1 to 12.</source>
        <translation>There is no month %1: months go from 1 to 12.</translation>
    </message>
    <message>
        <source>The year %1 is not plausible (%2–%3).</source>
        <translation>The year %1 is not plausible (%2–%3).</translation>
    </message>
    <message>
        <source>Enter a date as 2026-03-15 (or 2026/3/15, 2026年3月15日).</source>
        <translation>Enter a date as 2026-03-15 (or 2026/3/15, 2026年3月15日).</translation>
    </message>
</context>
<context>
    <name>DetailEditor</name>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>Fill in the fields marked * and press Create.</source>
        <translation>Fill in the fields marked * and press Create.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Changes are saved when you leave a field (Ctrl+Z undoes).</source>
        <translation>Changes are saved when you leave a field (Ctrl+Z undoes).</translation>
    </message>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>Both of you changed: %1. Yours was kept; check it.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Audit report</source>
        <translation>Audit report</translation>
    </message>
    <message>
        <source>Audit plan</source>
        <translation>Audit plan</translation>
    </message>
    <message>
        <source>Good-audit-case draft</source>
        <translation>Good-audit-case draft</translation>
    </message>
    <message>
        <source>NC form</source>
        <translation>NC form</translation>
    </message>
    <message>
        <source>Certificate document</source>
        <translation>Certificate document</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Bilingual (Chinese and English)</source>
        <translation>Bilingual (Chinese and English)</translation>
    </message>
    <message>
        <source>Export certificate document</source>
        <translation>Export certificate document</translation>
    </message>
    <message>
        <source>Use of the certificate and marks</source>
        <translation>Use of the certificate and marks</translation>
    </message>
    <message>
        <source>Significant changes since the last audit</source>
        <translation>Significant changes since the last audit</translation>
    </message>
    <message>
        <source>Complaints and their handling</source>
        <translation>Complaints and their handling</translation>
    </message>
    <message>
        <source>Corrective actions on previous nonconformities</source>
        <translation>Corrective actions on previous nonconformities</translation>
    </message>
    <message>
        <source>Internal audit and management review</source>
        <translation>Internal audit and management review</translation>
    </message>
    <message>
        <source>Progress towards the objectives</source>
        <translation>Progress towards the objectives</translation>
    </message>
    <message>
        <source>Continual improvement</source>
        <translation>Continual improvement</translation>
    </message>
    <message>
        <source>Clause %1 is not judged</source>
        <translation>Clause %1 is not judged</translation>
    </message>
    <message>
        <source>%1 cites no evidence</source>
        <translation>%1 cites no evidence</translation>
    </message>
    <message>
        <source>%1 is still a draft</source>
        <translation>%1 is still a draft</translation>
    </message>
    <message>
        <source>No opening-meeting check-in photo</source>
        <translation>No opening-meeting check-in photo</translation>
    </message>
    <message>
        <source>No closing-meeting check-in photo</source>
        <translation>No closing-meeting check-in photo</translation>
    </message>
    <message>
        <source>Previous nonconformity %1 is not re-verified at this audit</source>
        <translation>Previous nonconformity %1 is not re-verified at this audit</translation>
    </message>
    <message>
        <source>Must-cover item %1 has no evidence</source>
        <translation>Must-cover item %1 has no evidence</translation>
    </message>
    <message>
        <source>The team has not judged whether the scope is appropriate</source>
        <translation>The team has not judged whether the scope is appropriate</translation>
    </message>
    <message>
        <source>The team has not judged whether the audit objectives were met</source>
        <translation>The team has not judged whether the audit objectives were met</translation>
    </message>
    <message>
        <source>No team statement on: %1</source>
        <translation>No team statement on: %1</translation>
    </message>
    <message>
        <source>The report draft is not reviewed</source>
        <translation>The report draft is not reviewed</translation>
    </message>
    <message>
        <source>The team's conclusion claims conformity, but %1 stands</source>
        <translation>The team's conclusion claims conformity, but %1 stands</translation>
    </message>
    <message>
        <source>The team's conclusion claims effectiveness, but the major %1 is not verified</source>
        <translation>The team's conclusion claims effectiveness, but the major %1 is not verified</translation>
    </message>
    <message>
        <source>The conclusion recommends without condition, but the major %1 is not verified</source>
        <translation>The conclusion recommends without condition, but the major %1 is not verified</translation>
    </message>
    <message>
        <source>The recommendation '%1' does not fit the audit type</source>
        <translation>The recommendation '%1' does not fit the audit type</translation>
    </message>
    <message>
        <source>The findings do not support a recommendation (major NC overdue), yet it reads '%1'</source>
        <translation>The findings do not support a recommendation (major NC overdue), yet it reads '%1'</translation>
    </message>
    <message>
        <source>The audit was terminated, yet its objectives are judged met</source>
        <translation>The audit was terminated, yet its objectives are judged met</translation>
    </message>
    <message>
        <source>The scope is judged appropriate, but %1 is against clause 4.3</source>
        <translation>The scope is judged appropriate, but %1 is against clause 4.3</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Export %1</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Exporting %1…</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Export a document</source>
        <translation>Export a document</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Report issue</source>
        <translation>Report issue</translation>
    </message>
    <message>
        <source>Issue report…</source>
        <translation>Issue report…</translation>
    </message>
    <message>
        <source>Open correction…</source>
        <translation>Open correction…</translation>
    </message>
    <message>
        <source>Needs the lead auditor role</source>
        <translation>Needs the lead auditor role</translation>
    </message>
    <message>
        <source>Team judgements…</source>
        <translation>Team judgements…</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Mark reviewed</translation>
    </message>
    <message>
        <source>Not issued yet. Issuing locks the audit: its records become read-only.</source>
        <translation>Not issued yet. Issuing locks the audit: its records become read-only.</translation>
    </message>
    <message>
        <source>Issued: revision %1, %2 by %3. The audit is locked (read-only).</source>
        <translation>Issued: revision %1, %2 by %3. The audit is locked (read-only).</translation>
    </message>
    <message>
        <source>Open for correction after revision %1. Issuing again makes revision %2 and needs a change note.</source>
        <translation>Open for correction after revision %1. Issuing again makes revision %2 and needs a change note.</translation>
    </message>
    <message>
        <source>The pre-issue check finds {n} item that blocks the issue:</source>
        <translation>The pre-issue check finds {n} item that blocks the issue:</translation>
    </message>
    <message>
        <source>The pre-issue check finds {n} items that block the issue:</source>
        <translation>The pre-issue check finds {n} items that block the issue:</translation>
    </message>
    <message>
        <source>The pre-issue check finds nothing.</source>
        <translation>The pre-issue check finds nothing.</translation>
    </message>
    <message>
        <source>Word (.docx)</source>
        <translation>Word (.docx)</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF (.pdf)</translation>
    </message>
    <message>
        <source>Corrected report</source>
        <translation>Corrected report</translation>
    </message>
    <message>
        <source>What does revision %1 correct? The note is kept with the revision.</source>
        <translation>What does revision %1 correct? The note is kept with the revision.</translation>
    </message>
    <message>
        <source>Issue despite the pre-issue check</source>
        <translation>Issue despite the pre-issue check</translation>
    </message>
    <message>
        <source>These items block the issue:
%1

Only a lead may issue anyway, with a written reason. The reason is kept and printed in the report's revision history.</source>
        <translation>These items block the issue:
%1

Only a lead may issue anyway, with a written reason. The reason is kept and printed in the report's revision history.</translation>
    </message>
    <message>
        <source>The team's judgements for audit %1 are saved.</source>
        <translation>The team's judgements for audit %1 are saved.</translation>
    </message>
    <message>
        <source>The report draft is marked reviewed by %1.</source>
        <translation>The report draft is marked reviewed by %1.</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Issue report</translation>
    </message>
    <message>
        <source>Issue the report of audit %1? The audit is then locked: its records become read-only.</source>
        <translation>Issue the report of audit %1? The audit is then locked: its records become read-only.</translation>
    </message>
    <message>
        <source>Report of audit %1 issued as revision %2; the audit is locked.</source>
        <translation>Report of audit %1 issued as revision %2; the audit is locked.</translation>
    </message>
    <message>
        <source>Audit %1 is open for correction. Issue the report again with a change note when done.</source>
        <translation>Audit %1 is open for correction. Issue the report again with a change note when done.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>AuditDesk is still using this database, in this window, another window, a command or a background backup.

Close it first, then restore the backup. Nothing was changed.</source>
        <translation>AuditDesk is still using this database, in this window, another window, a command or a background backup.

Close it first, then restore the backup. Nothing was changed.</translation>
    </message>
    <message>
        <source>The backup was cancelled; its partial copy was removed.</source>
        <translation>The backup was cancelled; its partial copy was removed.</translation>
    </message>
    <message>
        <source>The backup could not be written. The database itself is unchanged.</source>
        <translation>The backup could not be written. The database itself is unchanged.</translation>
    </message>
    <message>
        <source>This is not a complete AuditDesk backup: it fails its check.</source>
        <translation>This is not a complete AuditDesk backup: it fails its check.</translation>
    </message>
    <message>
        <source>There is not enough free space for the backup on that disk. Nothing was written.</source>
        <translation>There is not enough free space for the backup on that disk. Nothing was written.</translation>
    </message>
    <message>
        <source>The backup folder cannot be written to (it is read-only).</source>
        <translation>The backup folder cannot be written to (it is read-only).</translation>
    </message>
    <message>
        <source>The text is too large to save. Shorten it or attach it as a file.</source>
        <translation>The text is too large to save. Shorten it or attach it as a file.</translation>
    </message>
    <message>
        <source>The witness file is not a valid AuditDesk witness (or it was changed).</source>
        <translation>The witness file is not a valid AuditDesk witness (or it was changed).</translation>
    </message>
    <message>
        <source>The database could not be copied to the server. Nothing was changed.</source>
        <translation>The database could not be copied to the server. Nothing was changed.</translation>
    </message>
    <message>
        <source>The file was not attached.</source>
        <translation>The file was not attached.</translation>
    </message>
    <message>
        <source>The issued file is missing from the attachment store or was altered there; it is not handed out. Restore the attachment store from a backup.</source>
        <translation>The issued file is missing from the attachment store or was altered there; it is not handed out. Restore the attachment store from a backup.</translation>
    </message>
    <message>
        <source>The file could not be imported or exported.</source>
        <translation>The file could not be imported or exported.</translation>
    </message>
    <message>
        <source>Some rows of the workbook are wrong; nothing was imported.</source>
        <translation>Some rows of the workbook are wrong; nothing was imported.</translation>
    </message>
    <message>
        <source>The audit package was refused; nothing was changed.</source>
        <translation>The audit package was refused; nothing was changed.</translation>
    </message>
    <message>
        <source>The workbook cannot be imported.</source>
        <translation>The workbook cannot be imported.</translation>
    </message>
    <message>
        <source>This is an earlier audit of the client, brought to this laptop as history to re-verify on site: it is read-only here. Change it at the office.</source>
        <translation>This is an earlier audit of the client, brought to this laptop as history to re-verify on site: it is read-only here. Change it at the office.</translation>
    </message>
    <message>
        <source>The report cannot be issued yet: the pre-issue check found what blocks it.</source>
        <translation>The report cannot be issued yet: the pre-issue check found what blocks it.</translation>
    </message>
    <message>
        <source>Database problem</source>
        <translation>Database problem</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>(reason: %1)</source>
        <translation>(reason: %1)</translation>
    </message>
</context>
<context>
    <name>EvidenceEditor</name>
    <message>
        <source>Remote</source>
        <translation>Remote</translation>
    </message>
    <message>
        <source>What you saw, read or heard: objective, verifiable</source>
        <translation>What you saw, read or heard: objective, verifiable</translation>
    </message>
    <message>
        <source>Record ids, document numbers</source>
        <translation>Record ids, document numbers</translation>
    </message>
    <message>
        <source>Clause numbers, e.g. 9.2, 10.2</source>
        <translation>Clause numbers, e.g. 9.2, 10.2</translation>
    </message>
    <message>
        <source>The clauses this evidence supports; separate with commas</source>
        <translation>The clauses this evidence supports; separate with commas</translation>
    </message>
    <message>
        <source>Role of the person interviewed</source>
        <translation>Role of the person interviewed</translation>
    </message>
    <message>
        <source>Significant change since the last audit</source>
        <translation>Significant change since the last audit</translation>
    </message>
    <message>
        <source>The report lists this evidence under the changes since the last audit</source>
        <translation>The report lists this evidence under the changes since the last audit</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Evidence type</source>
        <translation>Evidence type</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Observed at</source>
        <translation>Observed at</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>References</source>
        <translation>References</translation>
    </message>
    <message>
        <source>Interviewee</source>
        <translation>Interviewee</translation>
    </message>
    <message>
        <source>Clauses</source>
        <translation>Clauses</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>(no site)</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>Evidence items</source>
        <translation>Evidence items</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>(%1 files)</source>
        <translation>(%1 files)</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Cannot open</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>This computer has no program to open %1.</source>
        <translation>This computer has no program to open %1.</translation>
    </message>
    <message>
        <source>Export surveillance schedule</source>
        <translation>Export surveillance schedule</translation>
    </message>
    <message>
        <source>Exporting the schedule…</source>
        <translation>Exporting the schedule…</translation>
    </message>
    <message>
        <source>Not enough free space on the backup disk: nothing was written.</source>
        <translation>Not enough free space on the backup disk: nothing was written.</translation>
    </message>
    <message>
        <source>The backup folder cannot be written (read-only, unplugged or no access).</source>
        <translation>The backup folder cannot be written (read-only, unplugged or no access).</translation>
    </message>
    <message>
        <source>This backup is incomplete or was altered: it cannot be restored.</source>
        <translation>This backup is incomplete or was altered: it cannot be restored.</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>The backup was cancelled.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Back up to a folder (a USB disk or a network share)</source>
        <translation>Back up to a folder (a USB disk or a network share)</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Copying…</translation>
    </message>
    <message>
        <source>Backup finished</source>
        <translation>Backup finished</translation>
    </message>
    <message>
        <source>Saved and verified: %1</source>
        <translation>Saved and verified: %1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Restore from a backup folder</source>
        <translation>Restore from a backup folder</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>The backup is intact. Replace the current data by it?

The current file is kept aside; AuditDesk closes and has to be started again.</source>
        <translation>The backup is intact. Replace the current data by it?

The current file is kept aside; AuditDesk closes and has to be started again.</translation>
    </message>
    <message>
        <source>Restored. AuditDesk closes now; start it again.</source>
        <translation>Restored. AuditDesk closes now; start it again.</translation>
    </message>
    <message>
        <source>The previous file is kept at %1</source>
        <translation>The previous file is kept at %1</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Checking the backup…</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>First sync: choose the audits</source>
        <translation>First sync: choose the audits</translation>
    </message>
    <message>
        <source>This laptop holds no audit yet. Tick the audits to bring from the office, or choose your own audits in a date window.</source>
        <translation>This laptop holds no audit yet. Tick the audits to bring from the office, or choose your own audits in a date window.</translation>
    </message>
    <message>
        <source>no dates yet</source>
        <translation>no dates yet</translation>
    </message>
    <message>
        <source>Tick my audits in these days</source>
        <translation>Tick my audits in these days</translation>
    </message>
    <message>
        <source>Your office account is not linked to an auditor.</source>
        <translation>Your office account is not linked to an auditor.</translation>
    </message>
    <message>
        <source>The office has no open audit to bring.</source>
        <translation>The office has no open audit to bring.</translation>
    </message>
    <message>
        <source>None of the open audits is yours in these days.</source>
        <translation>None of the open audits is yours in these days.</translation>
    </message>
    <message>
        <source>%1 audit(s) will be brought to this laptop.</source>
        <translation>%1 audit(s) will be brought to this laptop.</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>it is not an .xlsx workbook, or it is damaged</source>
        <translation>it is not an .xlsx workbook, or it is damaged</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>the file cannot be read</translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation>it is too large</translation>
    </message>
    <message>
        <source>no header row found in the first 10 rows</source>
        <translation>no header row found in the first 10 rows</translation>
    </message>
    <message>
        <source>required columns are missing: {0}</source>
        <translation>required columns are missing: {0}</translation>
    </message>
    <message>
        <source>two columns mean the same field ({0})</source>
        <translation>two columns mean the same field ({0})</translation>
    </message>
    <message>
        <source>it has more than 100 000 rows</source>
        <translation>it has more than 100 000 rows</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>a value is required</translation>
    </message>
    <message>
        <source>not a date (use 2026-03-15, 2026/3/15 or 2026年3月15日)</source>
        <translation>not a date (use 2026-03-15, 2026/3/15 or 2026年3月15日)</translation>
    </message>
    <message>
        <source>the year is implausible</source>
        <translation>the year is implausible</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>not a number</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>not a whole number</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>cannot be negative</translation>
    </message>
    <message>
        <source>implausibly large</source>
        <translation>implausibly large</translation>
    </message>
    <message>
        <source>technical codes look like 19.05.01</source>
        <translation>technical codes look like 19.05.01</translation>
    </message>
    <message>
        <source>unknown status (有效/暂停/撤销/过期/注销)</source>
        <translation>unknown status (有效/暂停/撤销/过期/注销)</translation>
    </message>
    <message>
        <source>unknown standard</source>
        <translation>unknown standard</translation>
    </message>
    <message>
        <source>unknown rule set</source>
        <translation>unknown rule set</translation>
    </message>
    <message>
        <source>duplicate of row {0}</source>
        <translation>duplicate of row {0}</translation>
    </message>
    <message>
        <source>expiry is not after the issue date</source>
        <translation>expiry is not after the issue date</translation>
    </message>
    <message>
        <source>before the issue date</source>
        <translation>before the issue date</translation>
    </message>
    <message>
        <source>not after the first surveillance</source>
        <translation>not after the first surveillance</translation>
    </message>
    <message>
        <source>a second surveillance needs the first</source>
        <translation>a second surveillance needs the first</translation>
    </message>
    <message>
        <source>this certificate number belongs to another organisation</source>
        <translation>this certificate number belongs to another organisation</translation>
    </message>
    <message>
        <source>credit code check character is wrong</source>
        <translation>credit code check character is wrong</translation>
    </message>
    <message>
        <source>credit code must have 18 characters</source>
        <translation>credit code must have 18 characters</translation>
    </message>
    <message>
        <source>credit code has a character that is not allowed</source>
        <translation>credit code has a character that is not allowed</translation>
    </message>
    <message>
        <source>not an e-mail address</source>
        <translation>not an e-mail address</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>already exists</translation>
    </message>
    <message>
        <source>someone saved this record while it was being imported; import again</source>
        <translation>someone saved this record while it was being imported; import again</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>not a date</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>not found</translation>
    </message>
    <message>
        <source>the end is before the start</source>
        <translation>the end is before the start</translation>
    </message>
    <message>
        <source>certificates of different organisations</source>
        <translation>certificates of different organisations</translation>
    </message>
    <message>
        <source>this value is refused ({0})</source>
        <translation>this value is refused ({0})</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Workbook (.xlsx)</source>
        <translation>Workbook (.xlsx)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Workbook to import</source>
        <translation>Workbook to import</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>{n} organisation</source>
        <translation>{n} organisation</translation>
    </message>
    <message>
        <source>{n} organisations</source>
        <translation>{n} organisations</translation>
    </message>
    <message>
        <source>{n} certificate</source>
        <translation>{n} certificate</translation>
    </message>
    <message>
        <source>{n} certificates</source>
        <translation>{n} certificates</translation>
    </message>
    <message>
        <source>{n} audit</source>
        <translation>{n} audit</translation>
    </message>
    <message>
        <source>{n} audits</source>
        <translation>{n} audits</translation>
    </message>
    <message>
        <source>Check passed: nothing written yet.</source>
        <translation>Check passed: nothing written yet.</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Imported.</translation>
    </message>
    <message>
        <source>{n} row</source>
        <translation>{n} row</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <source>{0}; new: {1}; changed: {2}; unchanged: {3}</source>
        <translation>{0}; new: {1}; changed: {2}; unchanged: {3}</translation>
    </message>
    <message>
        <source>{n} problem</source>
        <translation>{n} problem</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} problems</translation>
    </message>
    <message>
        <source>in {n} row</source>
        <translation>in {n} row</translation>
    </message>
    <message>
        <source>in {n} rows</source>
        <translation>in {n} rows</translation>
    </message>
    <message>
        <source>The first {n} row was imported before the import stopped; import the workbook again to complete it.</source>
        <translation>The first {n} row was imported before the import stopped; import the workbook again to complete it.</translation>
    </message>
    <message>
        <source>The first {n} rows were imported before the import stopped; import the workbook again to complete it.</source>
        <translation>The first {n} rows were imported before the import stopped; import the workbook again to complete it.</translation>
    </message>
    <message>
        <source>Nothing was imported; correct the workbook and check again.</source>
        <translation>Nothing was imported; correct the workbook and check again.</translation>
    </message>
    <message>
        <source>{0} {1}. {2}</source>
        <translation>{0} {1}. {2}</translation>
    </message>
    <message>
        <source>Choose a workbook first.</source>
        <translation>Choose a workbook first.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>The workbook cannot be imported: {0}</source>
        <translation>The workbook cannot be imported: {0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Planned</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>Name (Chinese)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Name (English)</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Effective personnel</source>
        <translation>Effective personnel</translation>
    </message>
    <message>
        <source>Technical areas</source>
        <translation>Technical areas</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>Consultant</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Scope (Chinese)</source>
        <translation>Scope (Chinese)</translation>
    </message>
    <message>
        <source>Scope (English)</source>
        <translation>Scope (English)</translation>
    </message>
    <message>
        <source>Complexity / risk</source>
        <translation>Complexity / risk</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>Audit type</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>Latest date</translation>
    </message>
    <message>
        <source>Audit days</source>
        <translation>Audit days</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>Response due</translation>
    </message>
    <message>
        <source>Verification due</source>
        <translation>Verification due</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>CCAA registration no.</source>
        <translation>CCAA registration no.</translation>
    </message>
    <message>
        <source>ID document (masked)</source>
        <translation>ID document (masked)</translation>
    </message>
    <message>
        <source>Registration expires</source>
        <translation>Registration expires</translation>
    </message>
    <message>
        <source>Schemes</source>
        <translation>Schemes</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>National standard</source>
        <translation>National standard</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>Title (Chinese)</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>Title (English)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>New scope</source>
        <translation>New scope</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>This file is not a photo.</source>
        <translation>This file is not a photo.</translation>
    </message>
    <message>
        <source>A check-in photo is always printed in the report.</source>
        <translation>A check-in photo is always printed in the report.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Already used by another record.</source>
        <translation>Already used by another record.</translation>
    </message>
    <message>
        <source>A credit code has 18 characters.</source>
        <translation>A credit code has 18 characters.</translation>
    </message>
    <message>
        <source>Not a credit code character (I, O, Z, S, V are never used).</source>
        <translation>Not a credit code character (I, O, Z, S, V are never used).</translation>
    </message>
    <message>
        <source>Characters 3-8 must be the 6-digit administrative-division code.</source>
        <translation>Characters 3-8 must be the 6-digit administrative-division code.</translation>
    </message>
    <message>
        <source>Check character does not match: a character is mistyped.</source>
        <translation>Check character does not match: a character is mistyped.</translation>
    </message>
    <message>
        <source>Enter the 18-character credit code.</source>
        <translation>Enter the 18-character credit code.</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>Must not be negative.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Enter a whole number.</translation>
    </message>
    <message>
        <source>Not an e-mail address.</source>
        <translation>Not an e-mail address.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Enter a date as YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Not found.</translation>
    </message>
    <message>
        <source>Unknown standard.</source>
        <translation>Unknown standard.</translation>
    </message>
    <message>
        <source>Expiry must be after the issue date.</source>
        <translation>Expiry must be after the issue date.</translation>
    </message>
    <message>
        <source>Before the certificate's issue date.</source>
        <translation>Before the certificate's issue date.</translation>
    </message>
    <message>
        <source>Ends before it starts.</source>
        <translation>Ends before it starts.</translation>
    </message>
    <message>
        <source>Must be more than zero.</source>
        <translation>Must be more than zero.</translation>
    </message>
    <message>
        <source>The certificates belong to different clients.</source>
        <translation>The certificates belong to different clients.</translation>
    </message>
    <message>
        <source>This field cannot be changed.</source>
        <translation>This field cannot be changed.</translation>
    </message>
    <message>
        <source>The certificate is not suspended.</source>
        <translation>The certificate is not suspended.</translation>
    </message>
    <message>
        <source>The certificate is already suspended.</source>
        <translation>The certificate is already suspended.</translation>
    </message>
    <message>
        <source>A suspended certificate cannot be transferred.</source>
        <translation>A suspended certificate cannot be transferred.</translation>
    </message>
    <message>
        <source>The certificate is suspended: restore it first.</source>
        <translation>The certificate is suspended: restore it first.</translation>
    </message>
    <message>
        <source>The certificate has been withdrawn.</source>
        <translation>The certificate has been withdrawn.</translation>
    </message>
    <message>
        <source>The certificate has been cancelled.</source>
        <translation>The certificate has been cancelled.</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>The certificate has expired.</translation>
    </message>
    <message>
        <source>The certificate has expired: restart as an initial certification.</source>
        <translation>The certificate has expired: restart as an initial certification.</translation>
    </message>
    <message>
        <source>The restore window has closed.</source>
        <translation>The restore window has closed.</translation>
    </message>
    <message>
        <source>Technical area {subject} is not covered.</source>
        <translation>Technical area {subject} is not covered.</translation>
    </message>
    <message>
        <source>No registered auditor for {subject}.</source>
        <translation>No registered auditor for {subject}.</translation>
    </message>
    <message>
        <source>{person} is not registered for the audit's standards.</source>
        <translation>{person} is not registered for the audit's standards.</translation>
    </message>
    <message>
        <source>{person}: registration for {subject} is not valid on the audit dates.</source>
        <translation>{person}: registration for {subject} is not valid on the audit dates.</translation>
    </message>
    <message>
        <source>{person} has declared a conflict with the client.</source>
        <translation>{person} has declared a conflict with the client.</translation>
    </message>
    <message>
        <source>{person} has declared a conflict with the client's consultant.</source>
        <translation>{person} has declared a conflict with the client's consultant.</translation>
    </message>
    <message>
        <source>{person} was on the last {count} audits: rotation due.</source>
        <translation>{person} was on the last {count} audits: rotation due.</translation>
    </message>
    <message>
        <source>No team leader.</source>
        <translation>No team leader.</translation>
    </message>
    <message>
        <source>{count} team leaders: appoint one.</source>
        <translation>{count} team leaders: appoint one.</translation>
    </message>
    <message>
        <source>{person} is not a registered lead auditor for this standard.</source>
        <translation>{person} is not a registered lead auditor for this standard.</translation>
    </message>
    <message>
        <source>No MD5 table time for this audit type.</source>
        <translation>No MD5 table time for this audit type.</translation>
    </message>
    <message>
        <source>The client has no effective personnel.</source>
        <translation>The client has no effective personnel.</translation>
    </message>
    <message>
        <source>No MD5 table for this scheme.</source>
        <translation>No MD5 table for this scheme.</translation>
    </message>
    <message>
        <source>Audit time cannot be computed.</source>
        <translation>Audit time cannot be computed.</translation>
    </message>
    <message>
        <source>Overdue nonconformities</source>
        <translation>Overdue nonconformities</translation>
    </message>
    <message>
        <source>Certificates at risk (overdue NCs)</source>
        <translation>Certificates at risk (overdue NCs)</translation>
    </message>
    <message>
        <source>Audits in the next 30 days</source>
        <translation>Audits in the next 30 days</translation>
    </message>
    <message>
        <source>Audits in the next 60 days</source>
        <translation>Audits in the next 60 days</translation>
    </message>
    <message>
        <source>Audits in the next 90 days</source>
        <translation>Audits in the next 90 days</translation>
    </message>
    <message>
        <source>Certificates to suspend</source>
        <translation>Certificates to suspend</translation>
    </message>
    <message>
        <source>Certificates to withdraw</source>
        <translation>Certificates to withdraw</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Due in 30 days</source>
        <translation>Due in 30 days</translation>
    </message>
    <message>
        <source>Due in 60 days</source>
        <translation>Due in 60 days</translation>
    </message>
    <message>
        <source>Due in 90 days</source>
        <translation>Due in 90 days</translation>
    </message>
    <message>
        <source>Selected records</source>
        <translation>Selected records</translation>
    </message>
    <message>
        <source>Surveillance window (months before latest)</source>
        <translation>Surveillance window (months before latest)</translation>
    </message>
    <message>
        <source>Recertification window (months)</source>
        <translation>Recertification window (months)</translation>
    </message>
    <message>
        <source>Recertification application (months before expiry)</source>
        <translation>Recertification application (months before expiry)</translation>
    </message>
    <message>
        <source>Certificate validity (years)</source>
        <translation>Certificate validity (years)</translation>
    </message>
    <message>
        <source>NC response time (days)</source>
        <translation>NC response time (days)</translation>
    </message>
    <message>
        <source>Major NC verification (days)</source>
        <translation>Major NC verification (days)</translation>
    </message>
    <message>
        <source>Stage 2 major NC limit (months)</source>
        <translation>Stage 2 major NC limit (months)</translation>
    </message>
    <message>
        <source>Initial audit NC: certify within (months)</source>
        <translation>Initial audit NC: certify within (months)</translation>
    </message>
    <message>
        <source>Initial audit NC: follow-up (months)</source>
        <translation>Initial audit NC: follow-up (months)</translation>
    </message>
    <message>
        <source>Surveillance NC: suspend after (months)</source>
        <translation>Surveillance NC: suspend after (months)</translation>
    </message>
    <message>
        <source>Rotation after consecutive audits</source>
        <translation>Rotation after consecutive audits</translation>
    </message>
    <message>
        <source>Auditor on-site days per year</source>
        <translation>Auditor on-site days per year</translation>
    </message>
    <message>
        <source>Short-notice audit within (days)</source>
        <translation>Short-notice audit within (days)</translation>
    </message>
    <message>
        <source>System in operation at least (months)</source>
        <translation>System in operation at least (months)</translation>
    </message>
    <message>
        <source>Bar after suspension/withdrawal (months)</source>
        <translation>Bar after suspension/withdrawal (months)</translation>
    </message>
    <message>
        <source>Monthly report due on day</source>
        <translation>Monthly report due on day</translation>
    </message>
    <message>
        <source>Remote share of audit time at most (%)</source>
        <translation>Remote share of audit time at most (%)</translation>
    </message>
    <message>
        <source>Transfer near expiry handled as recertification (months)</source>
        <translation>Transfer near expiry handled as recertification (months)</translation>
    </message>
    <message>
        <source>CNCA approval number</source>
        <translation>CNCA approval number</translation>
    </message>
    <message>
        <source>Branch code (2 characters)</source>
        <translation>Branch code (2 characters)</translation>
    </message>
    <message>
        <source>Foreign-invested CB (plan no. RF…)</source>
        <translation>Foreign-invested CB (plan no. RF…)</translation>
    </message>
    <message>
        <source>The database is locked by another program.

Close other AuditDesk windows or programs using the file (sync tools, backups) and try again.</source>
        <translation>The database is locked by another program.

Close other AuditDesk windows or programs using the file (sync tools, backups) and try again.</translation>
    </message>
    <message>
        <source>The database file is read-only.

Copy it to a folder you can write to, or ask your administrator for write permission, then open it again.</source>
        <translation>The database file is read-only.

Copy it to a folder you can write to, or ask your administrator for write permission, then open it again.</translation>
    </message>
    <message>
        <source>The disk is full. Your last change was not saved.

Free some disk space and repeat the action.</source>
        <translation>The disk is full. Your last change was not saved.

Free some disk space and repeat the action.</translation>
    </message>
    <message>
        <source>The database file is damaged.

Restore the latest backup (auditdesk restore) or ask your administrator. Do not keep working on this file.</source>
        <translation>The database file is damaged.

Restore the latest backup (auditdesk restore) or ask your administrator. Do not keep working on this file.</translation>
    </message>
    <message>
        <source>This file is not an AuditDesk database.

Choose another file.</source>
        <translation>This file is not an AuditDesk database.

Choose another file.</translation>
    </message>
    <message>
        <source>This database was written by a newer AuditDesk.

Update AuditDesk to open it.</source>
        <translation>This database was written by a newer AuditDesk.

Update AuditDesk to open it.</translation>
    </message>
    <message>
        <source>The database file cannot be found or opened.

Check the path and that the drive is connected.</source>
        <translation>The database file cannot be found or opened.

Check the path and that the drive is connected.</translation>
    </message>
    <message>
        <source>The database server does not answer.

Check the network connection and the server address; if it persists, ask your administrator whether the server is running.</source>
        <translation>The database server does not answer.

Check the network connection and the server address; if it persists, ask your administrator whether the server is running.</translation>
    </message>
    <message>
        <source>The database server refused the user name or password.

Check them, or ask your administrator for access.</source>
        <translation>The database server refused the user name or password.

Check them, or ask your administrator for access.</translation>
    </message>
    <message>
        <source>The database cannot be used.

See the details.</source>
        <translation>The database cannot be used.

See the details.</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Your role does not allow this action.</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>The record no longer exists.</translation>
    </message>
    <message>
        <source>The audit's report is issued: the audit is read-only.</source>
        <translation>The audit's report is issued: the audit is read-only.</translation>
    </message>
    <message>
        <source>Someone else changed this record meanwhile. Reload it and repeat your change.</source>
        <translation>Someone else changed this record meanwhile. Reload it and repeat your change.</translation>
    </message>
    <message>
        <source>Your database account may not set up or change this database.

Ask your administrator to open it once as the database's owner role, or to grant your account the rights the README lists.</source>
        <translation>Your database account may not set up or change this database.

Ask your administrator to open it once as the database's owner role, or to grant your account the rights the README lists.</translation>
    </message>
    <message>
        <source>This change is not allowed now.</source>
        <translation>This change is not allowed now.</translation>
    </message>
    <message>
        <source>Some fields need correcting.</source>
        <translation>Some fields need correcting.</translation>
    </message>
    <message>
        <source>The action could not be done.</source>
        <translation>The action could not be done.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Audits</source>
        <translation>Audits</translation>
    </message>
    <message>
        <source>Nonconformities</source>
        <translation>Nonconformities</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>Auditors</source>
        <translation>Auditors</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>AuditDesk</source>
        <translation>AuditDesk</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Export surveillance schedule…</source>
        <translation>Export surveillance schedule…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>Import audit package…</source>
        <translation>Import audit package…</translation>
    </message>
    <message>
        <source>Merge conflicts…</source>
        <translation>Merge conflicts…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Users and sign-ins…</source>
        <translation>Users and sign-ins…</translation>
    </message>
    <message>
        <source>Back up the database…</source>
        <translation>Back up the database…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>Undo %1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>Redo %1</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>About AuditDesk</source>
        <translation>About AuditDesk</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Review queue</translation>
    </message>
</context>
<context>
    <name>MarksDialog</name>
    <message>
        <source>Accreditation marks</source>
        <translation>Accreditation marks</translation>
    </message>
</context>
<context>
    <name>NCDetailDialog</name>
    <message>
        <source>Nonconformity</source>
        <translation>Nonconformity</translation>
    </message>
    <message>
        <source>Edit draft…</source>
        <translation>Edit draft…</translation>
    </message>
    <message>
        <source>Issue to client</source>
        <translation>Issue to client</translation>
    </message>
    <message>
        <source>Enter client response…</source>
        <translation>Enter client response…</translation>
    </message>
    <message>
        <source>Accept response</source>
        <translation>Accept response</translation>
    </message>
    <message>
        <source>Reject response…</source>
        <translation>Reject response…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verify…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Needs the %1 role</source>
        <translation>Needs the %1 role</translation>
    </message>
    <message>
        <source>Export NC form…</source>
        <translation>Export NC form…</translation>
    </message>
    <message>
        <source>The NC form for the client to answer, as Word or PDF</source>
        <translation>The NC form for the client to answer, as Word or PDF</translation>
    </message>
    <message>
        <source>Reject response</source>
        <translation>Reject response</translation>
    </message>
    <message>
        <source>Why is the response not acceptable? The client will be told.</source>
        <translation>Why is the response not acceptable? The client will be told.</translation>
    </message>
    <message>
        <source>Reopen nonconformity</source>
        <translation>Reopen nonconformity</translation>
    </message>
    <message>
        <source>Why must this NC be reopened? The reason is kept in its history.</source>
        <translation>Why must this NC be reopened? The reason is kept in its history.</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>Attachment not stored</source>
        <translation>Attachment not stored</translation>
    </message>
</context>
<context>
    <name>NCDetailWidget</name>
    <message>
        <source>Select a nonconformity</source>
        <translation>Select a nonconformity</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>Objective evidence</translation>
    </message>
    <message>
        <source>Why it does not conform</source>
        <translation>Why it does not conform</translation>
    </message>
    <message>
        <source>Linked evidence</source>
        <translation>Linked evidence</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>Response due</translation>
    </message>
    <message>
        <source>Verification due</source>
        <translation>Verification due</translation>
    </message>
    <message>
        <source>effectiveness checked at the next audit</source>
        <translation>effectiveness checked at the next audit</translation>
    </message>
    <message>
        <source>Stage 2 repeated if not verified by</source>
        <translation>Stage 2 repeated if not verified by</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Response received on</source>
        <translation>Response received on</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Root cause</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>Planned / done</source>
        <translation>Planned / done</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>Review note</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>effective</translation>
    </message>
    <message>
        <source>not effective</source>
        <translation>not effective</translation>
    </message>
    <message>
        <source>Re-verified at audit</source>
        <translation>Re-verified at audit</translation>
    </message>
</context>
<context>
    <name>NCDialog</name>
    <message>
        <source>Edit draft nonconformity</source>
        <translation>Edit draft nonconformity</translation>
    </message>
    <message>
        <source>Raise nonconformity</source>
        <translation>Raise nonconformity</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Evidence that shows the nonconformity (at least one)</source>
        <translation>Evidence that shows the nonconformity (at least one)</translation>
    </message>
    <message>
        <source>Standard and clause, and what it requires</source>
        <translation>Standard and clause, and what it requires</translation>
    </message>
    <message>
        <source>What was seen, where, record numbers</source>
        <translation>What was seen, where, record numbers</translation>
    </message>
    <message>
        <source>Why this does not conform to the requirement</source>
        <translation>Why this does not conform to the requirement</translation>
    </message>
    <message>
        <source>1. Requirement</source>
        <translation>1. Requirement</translation>
    </message>
    <message>
        <source>2. Objective evidence</source>
        <translation>2. Objective evidence</translation>
    </message>
    <message>
        <source>3. Why it does not conform</source>
        <translation>3. Why it does not conform</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>Save and issue</source>
        <translation>Save and issue</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>Both of you changed: %1. Yours was kept; check it.</translation>
    </message>
</context>
<context>
    <name>NCFormDialog</name>
    <message>
        <source>Export NC form</source>
        <translation>Export NC form</translation>
    </message>
    <message>
        <source>Word (.docx)</source>
        <translation>Word (.docx)</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF (.pdf)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
</context>
<context>
    <name>NCTexts</name>
    <message>
        <source>Major (严重不符合): affects the capability of the management system to achieve its intended results — e.g. significant doubt that process control is effective, or several minors on the same requirement showing a systemic failure (ISO/IEC 17021-1 3.12).</source>
        <translation>Major (严重不符合): affects the capability of the management system to achieve its intended results — e.g. significant doubt that process control is effective, or several minors on the same requirement showing a systemic failure (ISO/IEC 17021-1 3.12).</translation>
    </message>
    <message>
        <source>Minor (一般不符合): does not affect the capability of the management system to achieve its intended results (ISO/IEC 17021-1 3.13).</source>
        <translation>Minor (一般不符合): does not affect the capability of the management system to achieve its intended results (ISO/IEC 17021-1 3.13).</translation>
    </message>
    <message>
        <source>Only a draft NC can be edited; this one has been issued.</source>
        <translation>Only a draft NC can be edited; this one has been issued.</translation>
    </message>
    <message>
        <source>This NC has already been issued.</source>
        <translation>This NC has already been issued.</translation>
    </message>
    <message>
        <source>This NC is not waiting for a client response.</source>
        <translation>This NC is not waiting for a client response.</translation>
    </message>
    <message>
        <source>There is no client response waiting for review.</source>
        <translation>There is no client response waiting for review.</translation>
    </message>
    <message>
        <source>Only an NC whose response was accepted can be verified.</source>
        <translation>Only an NC whose response was accepted can be verified.</translation>
    </message>
    <message>
        <source>An NC must be verified before it is closed.</source>
        <translation>An NC must be verified before it is closed.</translation>
    </message>
    <message>
        <source>Only a verified or closed NC can be reopened.</source>
        <translation>Only a verified or closed NC can be reopened.</translation>
    </message>
    <message>
        <source>This NC is closed; only an administrator can reopen it.</source>
        <translation>This NC is closed; only an administrator can reopen it.</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>Objective evidence</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Linked evidence</source>
        <translation>Linked evidence</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Root cause</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>Planned date</translation>
    </message>
    <message>
        <source>Response received on</source>
        <translation>Response received on</translation>
    </message>
    <message>
        <source>Verification method</source>
        <translation>Verification method</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>Effectiveness</source>
        <translation>Effectiveness</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selection</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <source>link at least one evidence item</source>
        <translation>link at least one evidence item</translation>
    </message>
    <message>
        <source>evidence of another audit</source>
        <translation>evidence of another audit</translation>
    </message>
    <message>
        <source>clause of a standard this audit does not cover</source>
        <translation>clause of a standard this audit does not cover</translation>
    </message>
    <message>
        <source>before the response was received</source>
        <translation>before the response was received</translation>
    </message>
    <message>
        <source>only document review can be done in bulk</source>
        <translation>only document review can be done in bulk</translation>
    </message>
    <message>
        <source>nothing selected</source>
        <translation>nothing selected</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>auditor</translation>
    </message>
    <message>
        <source>lead auditor</source>
        <translation>lead auditor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>You are signed in as %1 (%2). This action needs the %3 role.</source>
        <translation>You are signed in as %1 (%2). This action needs the %3 role.</translation>
    </message>
    <message>
        <source>The dialog shows the current state; repeat the action if it is still needed.</source>
        <translation>The dialog shows the current state; repeat the action if it is still needed.</translation>
    </message>
    <message>
        <source>Someone else changed this nonconformity meanwhile. The list shows the current state; please look again and repeat the action if it is still needed.</source>
        <translation>Someone else changed this nonconformity meanwhile. The list shows the current state; please look again and repeat the action if it is still needed.</translation>
    </message>
    <message>
        <source>The audit's report has been issued: its findings can no longer be changed.</source>
        <translation>The audit's report has been issued: its findings can no longer be changed.</translation>
    </message>
    <message>
        <source>CB setting</source>
        <translation>CB setting</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>The package file is cut short or damaged (perhaps an incomplete copy). Copy it again from the sender.</source>
        <translation>The package file is cut short or damaged (perhaps an incomplete copy). Copy it again from the sender.</translation>
    </message>
    <message>
        <source>This file is not an AuditDesk audit package.</source>
        <translation>This file is not an AuditDesk audit package.</translation>
    </message>
    <message>
        <source>The package is encrypted: its password is needed.</source>
        <translation>The package is encrypted: its password is needed.</translation>
    </message>
    <message>
        <source>The password is wrong (or the encrypted package was altered).</source>
        <translation>The password is wrong (or the encrypted package was altered).</translation>
    </message>
    <message>
        <source>The package holds a file path outside the package; it may be hostile and was not opened.</source>
        <translation>The package holds a file path outside the package; it may be hostile and was not opened.</translation>
    </message>
    <message>
        <source>The package holds a link; it may be hostile and was not opened.</source>
        <translation>The package holds a link; it may be hostile and was not opened.</translation>
    </message>
    <message>
        <source>The package holds the same entry twice; it was altered.</source>
        <translation>The package holds the same entry twice; it was altered.</translation>
    </message>
    <message>
        <source>The package holds an entry larger than AuditDesk accepts.</source>
        <translation>The package holds an entry larger than AuditDesk accepts.</translation>
    </message>
    <message>
        <source>The package unpacks to far more than its size (a compression bomb); it was not opened.</source>
        <translation>The package unpacks to far more than its size (a compression bomb); it was not opened.</translation>
    </message>
    <message>
        <source>A file in the package does not have the size its list says; the package was altered or damaged.</source>
        <translation>A file in the package does not have the size its list says; the package was altered or damaged.</translation>
    </message>
    <message>
        <source>An attachment in the package does not match its fingerprint; the package was altered or damaged.</source>
        <translation>An attachment in the package does not match its fingerprint; the package was altered or damaged.</translation>
    </message>
    <message>
        <source>The package was made by a newer AuditDesk. Update AuditDesk, then import it again.</source>
        <translation>The package was made by a newer AuditDesk. Update AuditDesk, then import it again.</translation>
    </message>
    <message>
        <source>The package's contents list is not valid; the package was altered or damaged.</source>
        <translation>The package's contents list is not valid; the package was altered or damaged.</translation>
    </message>
    <message>
        <source>A file the package lists is missing from it.</source>
        <translation>A file the package lists is missing from it.</translation>
    </message>
    <message>
        <source>The package refers to records that are neither in it nor in this database (for example a standard not loaded here).</source>
        <translation>The package refers to records that are neither in it nor in this database (for example a standard not loaded here).</translation>
    </message>
    <message>
        <source>The package was made by an older AuditDesk that merged by snapshot. Update AuditDesk on that computer, then export the package again.</source>
        <translation>The package was made by an older AuditDesk that merged by snapshot. Update AuditDesk on that computer, then export the package again.</translation>
    </message>
    <message>
        <source>This package was made by this database itself; import it on the other one.</source>
        <translation>This package was made by this database itself; import it on the other one.</translation>
    </message>
    <message>
        <source>The package clashes with records in this database (the same number used by a different record).</source>
        <translation>The package clashes with records in this database (the same number used by a different record).</translation>
    </message>
    <message>
        <source>Package %1 from %2 is missing — import it first.</source>
        <translation>Package %1 from %2 is missing — import it first.</translation>
    </message>
    <message>
        <source>This database lacks changes the package from %1 builds on (restored from an older backup?) — import that computer's earlier packages first.</source>
        <translation>This database lacks changes the package from %1 builds on (restored from an older backup?) — import that computer's earlier packages first.</translation>
    </message>
    <message>
        <source>The package was refused (%1).</source>
        <translation>The package was refused (%1).</translation>
    </message>
    <message>
        <source>Password for the package (leave empty for no encryption):</source>
        <translation>Password for the package (leave empty for no encryption):</translation>
    </message>
    <message>
        <source>Package password</source>
        <translation>Package password</translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation>The same password again:</translation>
    </message>
    <message>
        <source>The two passwords differ. Enter the password again:</source>
        <translation>The two passwords differ. Enter the password again:</translation>
    </message>
    <message>
        <source>Export audit package</source>
        <translation>Export audit package</translation>
    </message>
    <message>
        <source>Select an audit first.</source>
        <translation>Select an audit first.</translation>
    </message>
    <message>
        <source>AuditDesk audit package (*.adpkg)</source>
        <translation>AuditDesk audit package (*.adpkg)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <source>The audit package of %1 was written to:</source>
        <translation>The audit package of %1 was written to:</translation>
    </message>
    <message>
        <source>%1 records.</source>
        <translation>%1 records.</translation>
    </message>
    <message>
        <source>Encrypted with a password: give the password to the auditor separately, not with the file.</source>
        <translation>Encrypted with a password: give the password to the auditor separately, not with the file.</translation>
    </message>
    <message>
        <source>Not encrypted.</source>
        <translation>Not encrypted.</translation>
    </message>
    <message>
        <source>Audit package not written</source>
        <translation>Audit package not written</translation>
    </message>
    <message>
        <source>An attachment of the audit is missing or damaged in the attachment store. Run the database check first. No package was written.</source>
        <translation>An attachment of the audit is missing or damaged in the attachment store. Run the database check first. No package was written.</translation>
    </message>
    <message>
        <source>Exporting the audit package…</source>
        <translation>Exporting the audit package…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Export audit package…</source>
        <translation>Export audit package…</translation>
    </message>
    <message>
        <source>The selected audit as a package file for an auditor's laptop (work offline, then import it back)</source>
        <translation>The selected audit as a package file for an auditor's laptop (work offline, then import it back)</translation>
    </message>
    <message>
        <source>Export an auditor's audits…</source>
        <translation>Export an auditor's audits…</translation>
    </message>
    <message>
        <source>Every open audit of one auditor in a date window (their week) in one package file for their laptop</source>
        <translation>Every open audit of one auditor in a date window (their week) in one package file for their laptop</translation>
    </message>
    <message>
        <source>%1 is encrypted. Password:</source>
        <translation>%1 is encrypted. Password:</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>The password is wrong.</translation>
    </message>
    <message>
        <source>Merged the audit package exported by %1.</source>
        <translation>Merged the audit package exported by %1.</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Created: %1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>Updated: %1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>Unchanged: %1</translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>Conflicts: %1</translation>
    </message>
    <message>
        <source>Attachments: %1</source>
        <translation>Attachments: %1</translation>
    </message>
    <message>
        <source>NC %1 was renumbered to %2: another NC already had its number.</source>
        <translation>NC %1 was renumbered to %2: another NC already had its number.</translation>
    </message>
    <message>
        <source>It had been issued: the client's NC form shows the old number %1; tell the client.</source>
        <translation>It had been issued: the client's NC form shows the old number %1; tell the client.</translation>
    </message>
    <message>
        <source>%1 change(s) were refused (role, issued report or NC lifecycle) and are kept, not applied, in Merge conflicts → Refused changes for a lead or admin to accept or drop.</source>
        <translation>%1 change(s) were refused (role, issued report or NC lifecycle) and are kept, not applied, in Merge conflicts → Refused changes for a lead or admin to accept or drop.</translation>
    </message>
    <message>
        <source>Warning: the change log of the computer that made this package was rewritten since its last package (restored from a backup or altered). Run a check there.</source>
        <translation>Warning: the change log of the computer that made this package was rewritten since its last package (restored from a backup or altered). Run a check there.</translation>
    </message>
    <message>
        <source>Where a field was changed both here and on the laptop, the value here is kept and both values wait in Merge conflicts for a lead to decide.</source>
        <translation>Where a field was changed both here and on the laptop, the value here is kept and both values wait in Merge conflicts for a lead to decide.</translation>
    </message>
    <message>
        <source>Audit package imported</source>
        <translation>Audit package imported</translation>
    </message>
    <message>
        <source>Open merge conflicts…</source>
        <translation>Open merge conflicts…</translation>
    </message>
    <message>
        <source>Import audit package</source>
        <translation>Import audit package</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>Merging %1…</translation>
    </message>
    <message>
        <source>Audit package refused</source>
        <translation>Audit package refused</translation>
    </message>
    <message>
        <source>%1 was not imported.</source>
        <translation>%1 was not imported.</translation>
    </message>
    <message>
        <source>Nothing was written: this database is unchanged.</source>
        <translation>Nothing was written: this database is unchanged.</translation>
    </message>
    <message>
        <source>Importing the audit package…</source>
        <translation>Importing the audit package…</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Fit to window</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>Show the whole photo in the window (0 or Ctrl+0)</source>
        <translation>Show the whole photo in the window (0 or Ctrl+0)</translation>
    </message>
    <message>
        <source>Actual size 100 %</source>
        <translation>Actual size 100 %</translation>
    </message>
    <message>
        <source>One photo pixel per screen pixel (1)</source>
        <translation>One photo pixel per screen pixel (1)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+= or the mouse wheel)</source>
        <translation>Zoom in (+, Ctrl+= or the mouse wheel)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+- or the mouse wheel)</source>
        <translation>Zoom out (-, Ctrl+- or the mouse wheel)</translation>
    </message>
    <message>
        <source>%1 % (fit to window)</source>
        <translation>%1 % (fit to window)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <source>Check-in photo</source>
        <translation>Check-in photo</translation>
    </message>
    <message>
        <source>e.g. 2nd floor meeting room, main plant</source>
        <translation>e.g. 2nd floor meeting room, main plant</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>PlanActions</name>
    <message>
        <source>Evidence against the plan: %1</source>
        <translation>Evidence against the plan: %1</translation>
    </message>
    <message>
        <source>The evidence is consistent with the audit plan.</source>
        <translation>The evidence is consistent with the audit plan.</translation>
    </message>
    <message>
        <source>Change plan…</source>
        <translation>Change plan…</translation>
    </message>
    <message>
        <source>Check against plan</source>
        <translation>Check against plan</translation>
    </message>
    <message>
        <source>Evidence times and sites, photo times and NC sites against the audit plan</source>
        <translation>Evidence times and sites, photo times and NC sites against the audit plan</translation>
    </message>
</context>
<context>
    <name>PlanningDialog</name>
    <message>
        <source>Change audit plan %1</source>
        <translation>Change audit plan %1</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Plan an audit</source>
        <translation>Plan an audit</translation>
    </message>
    <message>
        <source>Cancel this audit…</source>
        <translation>Cancel this audit…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Plan document (ISO/IEC 17021-1 9.2.3)</source>
        <translation>Plan document (ISO/IEC 17021-1 9.2.3)</translation>
    </message>
    <message>
        <source>Plan number</source>
        <translation>Plan number</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Audit language</source>
        <translation>Audit language</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <source>Accompanying persons</source>
        <translation>Accompanying persons</translation>
    </message>
    <message>
        <source>Confirmed by (client)</source>
        <translation>Confirmed by (client)</translation>
    </message>
    <message>
        <source>Confirmed on</source>
        <translation>Confirmed on</translation>
    </message>
    <message>
        <source>Standard confidentiality statement</source>
        <translation>Standard confidentiality statement</translation>
    </message>
    <message>
        <source>Guides, interpreters, observers</source>
        <translation>Guides, interpreters, observers</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Chinese and English</source>
        <translation>Chinese and English</translation>
    </message>
    <message>
        <source>Proposal from the rules</source>
        <translation>Proposal from the rules</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>专业代码 covered</source>
        <translation>专业代码 covered</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>The audit ends after the latest date.</source>
        <translation>The audit ends after the latest date.</translation>
    </message>
    <message>
        <source>The audit starts before the window opens.</source>
        <translation>The audit starts before the window opens.</translation>
    </message>
    <message>
        <source>Give a reason for the change.</source>
        <translation>Give a reason for the change.</translation>
    </message>
    <message>
        <source>%1: not a date that exists (use yyyy-mm-dd)</source>
        <translation>%1: not a date that exists (use yyyy-mm-dd)</translation>
    </message>
    <message>
        <source>You both changed: %1. Yours is shown; check it and save again.</source>
        <translation>You both changed: %1. Yours is shown; check it and save again.</translation>
    </message>
    <message>
        <source>Give a reason for cancelling the audit.</source>
        <translation>Give a reason for cancelling the audit.</translation>
    </message>
    <message>
        <source>Cancel this audit</source>
        <translation>Cancel this audit</translation>
    </message>
    <message>
        <source>Cancel audit %1? It stays in the register as cancelled, with your reason.</source>
        <translation>Cancel audit %1? It stays in the register as cancelled, with your reason.</translation>
    </message>
    <message>
        <source>Plan audit</source>
        <translation>Plan audit</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <source>Team and plan checks</source>
        <translation>Team and plan checks</translation>
    </message>
    <message>
        <source>History of this plan</source>
        <translation>History of this plan</translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation>Reason for the change:</translation>
    </message>
    <message>
        <source>Required for any change</source>
        <translation>Required for any change</translation>
    </message>
    <message>
        <source>Member's codes: %1</source>
        <translation>Member's codes: %1</translation>
    </message>
    <message>
        <source>Choose at least one certificate.</source>
        <translation>Choose at least one certificate.</translation>
    </message>
    <message>
        <source>%1: %2 audit days (MD5 table %3 days for %4 persons)</source>
        <translation>%1: %2 audit days (MD5 table %3 days for %4 persons)</translation>
    </message>
    <message>
        <source>Sites: visit %1 of %2 (IAF MD1)</source>
        <translation>Sites: visit %1 of %2 (IAF MD1)</translation>
    </message>
    <message>
        <source>Programme window: %1 to %2</source>
        <translation>Programme window: %1 to %2</translation>
    </message>
    <message>
        <source>No problems found with this team.</source>
        <translation>No problems found with this team.</translation>
    </message>
</context>
<context>
    <name>PreviousNCsWidget</name>
    <message>
        <source>Previous nonconformities to re-verify at this audit</source>
        <translation>Previous nonconformities to re-verify at this audit</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>NC</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Re-verified here</source>
        <translation>Re-verified here</translation>
    </message>
    <message>
        <source>Record re-verification…</source>
        <translation>Record re-verification…</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>effective</translation>
    </message>
    <message>
        <source>not effective</source>
        <translation>not effective</translation>
    </message>
    <message numerus="yes">
        <source>%n not yet re-verified</source>
        <translation><numerusform>%n not yet re-verified</numerusform><numerusform>%n not yet re-verified</numerusform></translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Not possible</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Open audit workspace</source>
        <translation>Open audit workspace</translation>
    </message>
    <message>
        <source>Open in NC review</source>
        <translation>Open in NC review</translation>
    </message>
</context>
<context>
    <name>RefusedModel</name>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Refused value</source>
        <translation>Refused value</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Written by</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Written at</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Select an audit first.</source>
        <translation>Select an audit first.</translation>
    </message>
    <message>
        <source>Documents…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <source>Audit report, plan and case draft of the selected audit; issue the report</source>
        <translation>Audit report, plan and case draft of the selected audit; issue the report</translation>
    </message>
    <message>
        <source>Year </source>
        <translation>Year </translation>
    </message>
    <message>
        <source>Export schedule…</source>
        <translation>Export schedule…</translation>
    </message>
    <message>
        <source>The annual surveillance schedule as an Excel workbook</source>
        <translation>The annual surveillance schedule as an Excel workbook</translation>
    </message>
    <message>
        <source>Add or update standard from file…</source>
        <translation>Add or update standard from file…</translation>
    </message>
    <message>
        <source>Add or update standard from file</source>
        <translation>Add or update standard from file</translation>
    </message>
    <message>
        <source>Standard files (*.json)</source>
        <translation>Standard files (*.json)</translation>
    </message>
    <message>
        <source>Standard loaded</source>
        <translation>Standard loaded</translation>
    </message>
    <message>
        <source>%1 loaded from %2 (%3 clauses).</source>
        <translation>%1 loaded from %2 (%3 clauses).</translation>
    </message>
    <message>
        <source>Not a usable standard file</source>
        <translation>Not a usable standard file</translation>
    </message>
    <message>
        <source>%1 was not loaded; nothing was changed.

%2</source>
        <translation>%1 was not loaded; nothing was changed.

%2</translation>
    </message>
    <message>
        <source>Loading the standard…</source>
        <translation>Loading the standard…</translation>
    </message>
</context>
<context>
    <name>RegisterExport</name>
    <message>
        <source>Export to Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Every record of this view, with its search and filters, as Excel</source>
        <translation>Every record of this view, with its search and filters, as Excel</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Archived records</source>
        <translation>Archived records</translation>
    </message>
    <message>
        <source>included</source>
        <translation>included</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>left out</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>%1 records written to %2.</source>
        <translation>%1 records written to %2.</translation>
    </message>
    <message>
        <source>Exporting the register…</source>
        <translation>Exporting the register…</translation>
    </message>
</context>
<context>
    <name>RegisterWidget</name>
    <message>
        <source>Search (Chinese or English)…  Ctrl+F</source>
        <translation>Search (Chinese or English)…  Ctrl+F</translation>
    </message>
    <message>
        <source>All: %1</source>
        <translation>All: %1</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Show all records</source>
        <translation>Show all records</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} record</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source>Filtered: %1</source>
        <translation>Filtered: %1</translation>
    </message>
    <message>
        <source>Filter “%1”…</source>
        <translation>Filter “%1”…</translation>
    </message>
    <message>
        <source>Clear column filters</source>
        <translation>Clear column filters</translation>
    </message>
    <message>
        <source>Show rows containing:</source>
        <translation>Show rows containing:</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>New record</translation>
    </message>
</context>
<context>
    <name>RegulatorReportDialog</name>
    <message>
        <source>Report to the regulator</source>
        <translation>Report to the regulator</translation>
    </message>
    <message>
        <source>%1: latest %2, %3 days in breach</source>
        <translation>%1: latest %2, %3 days in breach</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>Breach</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Before the breach began (the day after the latest date).</source>
        <translation>Before the breach began (the day after the latest date).</translation>
    </message>
    <message>
        <source>A report cannot be dated after today.</source>
        <translation>A report cannot be dated after today.</translation>
    </message>
    <message>
        <source>A report is already recorded for this breach.</source>
        <translation>A report is already recorded for this breach.</translation>
    </message>
    <message>
        <source>This surveillance is not in breach.</source>
        <translation>This surveillance is not in breach.</translation>
    </message>
    <message>
        <source>Not a surveillance.</source>
        <translation>Not a surveillance.</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>Client response</source>
        <translation>Client response</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Root cause</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>Planned date</translation>
    </message>
    <message>
        <source>Done date</source>
        <translation>Done date</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Add attachment…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Attach files of the client's response</source>
        <translation>Attach files of the client's response</translation>
    </message>
</context>
<context>
    <name>ReverificationDialog</name>
    <message>
        <source>Re-verify %1</source>
        <translation>Re-verify %1</translation>
    </message>
    <message>
        <source>What was checked at this audit, and is the corrective action effective?</source>
        <translation>What was checked at this audit, and is the corrective action effective?</translation>
    </message>
    <message>
        <source>Corrective action effective</source>
        <translation>Corrective action effective</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>NC</source>
        <translation>NC</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Waiting for</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Certificate at risk: %1 (%2)</source>
        <translation>Certificate at risk: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <source>Review queue</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>All audits</source>
        <translation>All audits</translation>
    </message>
    <message>
        <source>Show NCs of audits led by others too</source>
        <translation>Show NCs of audits led by others too</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Waiting for</translation>
    </message>
    <message>
        <source>Accept response</source>
        <translation>Accept response</translation>
    </message>
    <message>
        <source>Reject response…</source>
        <translation>Reject response…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verify…</translation>
    </message>
    <message>
        <source>Bulk verify (document review)…</source>
        <translation>Bulk verify (document review)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>{n} NC waiting</source>
        <translation>{n} NC waiting</translation>
    </message>
    <message>
        <source>{n} NCs waiting</source>
        <translation>{n} NCs waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation><numerusform>%n overdue</numerusform><numerusform>%n overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n more in audits led by others (tick "All audits")</source>
        <translation><numerusform>%n more in audits led by others (tick "All audits")</numerusform><numerusform>%n more in audits led by others (tick "All audits")</numerusform></translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>Reject response</source>
        <translation>Reject response</translation>
    </message>
    <message>
        <source>Why is the response not acceptable? The client will be told.</source>
        <translation>Why is the response not acceptable? The client will be told.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Certification body settings</source>
        <translation>Certification body settings</translation>
    </message>
    <message>
        <source>These values change deadlines and audit programmes for every user. Only administrators can change them.</source>
        <translation>These values change deadlines and audit programmes for every user. Only administrators can change them.</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Planning: travel between sites</source>
        <translation>Planning: travel between sites</translation>
    </message>
    <message>
        <source>The plan check warns when a member has less time than this between sessions at two different sites. Travel is not audit time.</source>
        <translation>The plan check warns when a member has less time than this between sessions at two different sites. Travel is not audit time.</translation>
    </message>
    <message>
        <source>Travel time between two sites</source>
        <translation>Travel time between two sites</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Other site</source>
        <translation>Other site</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Travel times for particular pairs of sites</source>
        <translation>Travel times for particular pairs of sites</translation>
    </message>
    <message>
        <source>Pairs of sites that need another time:</source>
        <translation>Pairs of sites that need another time:</translation>
    </message>
    <message>
        <source>Add pair</source>
        <translation>Add pair</translation>
    </message>
    <message>
        <source>Remove pair</source>
        <translation>Remove pair</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>between 0 and %1 minutes.</source>
        <translation>between 0 and %1 minutes.</translation>
    </message>
    <message>
        <source>give both sites.</source>
        <translation>give both sites.</translation>
    </message>
    <message>
        <source>a site's name has at most 200 characters.</source>
        <translation>a site's name has at most 200 characters.</translation>
    </message>
    <message>
        <source>the two sites must differ.</source>
        <translation>the two sites must differ.</translation>
    </message>
    <message>
        <source>this pair of sites is listed twice.</source>
        <translation>this pair of sites is listed twice.</translation>
    </message>
    <message>
        <source>a day between 1 and 28.</source>
        <translation>a day between 1 and 28.</translation>
    </message>
    <message>
        <source>2 letters or digits.</source>
        <translation>2 letters or digits.</translation>
    </message>
    <message>
        <source>at least 3 digits.</source>
        <translation>at least 3 digits.</translation>
    </message>
    <message>
        <source>not less than the months to certify after an initial audit's NCs.</source>
        <translation>not less than the months to certify after an initial audit's NCs.</translation>
    </message>
    <message>
        <source>Travel times, row %1</source>
        <translation>Travel times, row %1</translation>
    </message>
    <message>
        <source>not a valid value.</source>
        <translation>not a valid value.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to AuditDesk</source>
        <translation>Sign in to AuditDesk</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first account: it will be the administrator. (Demonstration data can be loaded next.)</source>
        <translation>This database has no users yet. Create the first account: it will be the administrator. (Demonstration data can be loaded next.)</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Who is working?</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Remember me on this computer (a laptop only I use)</source>
        <translation>Remember me on this computer (a laptop only I use)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>That name is taken.</source>
        <translation>That name is taken.</translation>
    </message>
    <message>
        <source>That name is reserved.</source>
        <translation>That name is reserved.</translation>
    </message>
    <message>
        <source>The user name is too long.</source>
        <translation>The user name is too long.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again after %1.</source>
        <translation>Too many failed sign-ins. Try again after %1.</translation>
    </message>
</context>
<context>
    <name>StatusEventDialog</name>
    <message>
        <source>You both changed the scope; yours is shown: check it and press OK.</source>
        <translation>You both changed the scope; yours is shown: check it and press OK.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Connecting to the office database…</source>
        <translation>Connecting to the office database…</translation>
    </message>
    <message>
        <source>Collecting this laptop's changes…</source>
        <translation>Collecting this laptop's changes…</translation>
    </message>
    <message>
        <source>Merging into the office database…</source>
        <translation>Merging into the office database…</translation>
    </message>
    <message>
        <source>Merging the office's changes here…</source>
        <translation>Merging the office's changes here…</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synced.</translation>
    </message>
    <message>
        <source>The office address names this laptop's own database.</source>
        <translation>The office address names this laptop's own database.</translation>
    </message>
    <message>
        <source>This laptop was filled from another office database: sync with that one.</source>
        <translation>This laptop was filled from another office database: sync with that one.</translation>
    </message>
    <message>
        <source>This laptop holds no audit yet: fill it from the office with an audit package first, or sync from the command line with --audit.</source>
        <translation>This laptop holds no audit yet: fill it from the office with an audit package first, or sync from the command line with --audit.</translation>
    </message>
    <message>
        <source>The office refused the sign-in: wrong password, or no such user there.</source>
        <translation>The office refused the sign-in: wrong password, or no such user there.</translation>
    </message>
    <message>
        <source>Sync now…</source>
        <translation>Sync now…</translation>
    </message>
    <message>
        <source>Exchange this laptop's changes with the office database (online)</source>
        <translation>Exchange this laptop's changes with the office database (online)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Address of the office database (postgresql+psycopg://server/database):</source>
        <translation>Address of the office database (postgresql+psycopg://server/database):</translation>
    </message>
    <message>
        <source>Your password at the office (%1):</source>
        <translation>Your password at the office (%1):</translation>
    </message>
    <message>
        <source>This laptop → office</source>
        <translation>This laptop → office</translation>
    </message>
    <message>
        <source>Office → this laptop</source>
        <translation>Office → this laptop</translation>
    </message>
    <message>
        <source>%1: %2 new, %3 updated, %4 conflicts, %5 refused, %6 files</source>
        <translation>%1: %2 new, %3 updated, %4 conflicts, %5 refused, %6 files</translation>
    </message>
    <message>
        <source>Already in sync: nothing changed.</source>
        <translation>Already in sync: nothing changed.</translation>
    </message>
    <message>
        <source>The office holds refused changes for a lead or admin to accept or drop.</source>
        <translation>The office holds refused changes for a lead or admin to accept or drop.</translation>
    </message>
    <message>
        <source>Show conflicts</source>
        <translation>Show conflicts</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Sync refused</translation>
    </message>
    <message>
        <source>Nothing was merged: the records of both databases are unchanged.</source>
        <translation>Nothing was merged: the records of both databases are unchanged.</translation>
    </message>
    <message>
        <source>Syncing with the office…</source>
        <translation>Syncing with the office…</translation>
    </message>
</context>
<context>
    <name>TeamJudgementsDialog</name>
    <message>
        <source>Team judgements and statements</source>
        <translation>Team judgements and statements</translation>
    </message>
    <message>
        <source>Not yet judged</source>
        <translation>Not yet judged</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Is the certification scope appropriate?</source>
        <translation>Is the certification scope appropriate?</translation>
    </message>
    <message>
        <source>Were the audit objectives met?</source>
        <translation>Were the audit objectives met?</translation>
    </message>
    <message>
        <source>Conclusion of the team</source>
        <translation>Conclusion of the team</translation>
    </message>
    <message>
        <source>What the team checked and found ("none" is not a statement)</source>
        <translation>What the team checked and found ("none" is not a statement)</translation>
    </message>
</context>
<context>
    <name>TerminationDialog</name>
    <message>
        <source>Terminate audit (撤组) — %1</source>
        <translation>Terminate audit (撤组) — %1</translation>
    </message>
    <message>
        <source>Reasons (the team leader proposes, the CB decides):</source>
        <translation>Reasons (the team leader proposes, the CB decides):</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Terminated on</source>
        <translation>Terminated on</translation>
    </message>
    <message>
        <source>CB sets the re-audit date</source>
        <translation>CB sets the re-audit date</translation>
    </message>
    <message>
        <source>Agreed by:</source>
        <translation>Agreed by:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users and sign-ins</source>
        <translation>Users and sign-ins</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Only an administrator can manage users.</source>
        <translation>Only an administrator can manage users.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deactivated</translation>
    </message>
    <message>
        <source>desktop</source>
        <translation>desktop</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>command line</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API token</translation>
    </message>
    <message>
        <source>remembered</source>
        <translation>remembered</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>signed in</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>password reset</translation>
    </message>
    <message>
        <source>Sign-ins of %1</source>
        <translation>Sign-ins of %1</translation>
    </message>
    <message>
        <source>All sign-ins</source>
        <translation>All sign-ins</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>The built-in users cannot be changed.</source>
        <translation>The built-in users cannot be changed.</translation>
    </message>
    <message>
        <source>That user no longer exists.</source>
        <translation>That user no longer exists.</translation>
    </message>
    <message>
        <source>You both changed it; theirs is shown. Choose again to save yours.</source>
        <translation>You both changed it; theirs is shown. Choose again to save yours.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>That name is taken.</source>
        <translation>That name is taken.</translation>
    </message>
    <message>
        <source>That name is reserved.</source>
        <translation>That name is reserved.</translation>
    </message>
    <message>
        <source>The user name is too long.</source>
        <translation>The user name is too long.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
    <message>
        <source>The last active administrator must stay an administrator.</source>
        <translation>The last active administrator must stay an administrator.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>You cannot deactivate yourself.</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>Unknown role.</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>User %1 added.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <source>The password of %1 was reset; their remembered sign-ins are revoked.</source>
        <translation>The password of %1 was reset; their remembered sign-ins are revoked.</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 can sign in again.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1 can no longer sign in.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>Sign-ins</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>Set role</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Their sign-ins</source>
        <translation>Their sign-ins</translation>
    </message>
</context>
<context>
    <name>VerifyCopy</name>
    <message>
        <source>Verify a report copy…</source>
        <translation>Verify a report copy…</translation>
    </message>
    <message>
        <source>Check that a PDF or Word file is the issued report and its records are unchanged</source>
        <translation>Check that a PDF or Word file is the issued report and its records are unchanged</translation>
    </message>
    <message>
        <source>Verify a report copy</source>
        <translation>Verify a report copy</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx)</source>
        <translation>Reports (*.pdf *.docx)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Report verified</source>
        <translation>Report verified</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <source>%1 is the issued file of audit %2, revision %3 (%4), issued %5 by %6.</source>
        <translation>%1 is the issued file of audit %2, revision %3 (%4), issued %5 by %6.</translation>
    </message>
    <message>
        <source>It has been superseded by revision %1.</source>
        <translation>It has been superseded by revision %1.</translation>
    </message>
    <message>
        <source>The copy is the issued revision and its records are unchanged.</source>
        <translation>The copy is the issued revision and its records are unchanged.</translation>
    </message>
    <message>
        <source>This copy cannot be trusted as the issued report.</source>
        <translation>This copy cannot be trusted as the issued report.</translation>
    </message>
    <message>
        <source>Photo or file</source>
        <translation>Photo or file</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Evidence–clause link</source>
        <translation>Evidence–clause link</translation>
    </message>
    <message>
        <source>Clause judgement</source>
        <translation>Clause judgement</translation>
    </message>
    <message>
        <source>NC–evidence link</source>
        <translation>NC–evidence link</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>Nonconformity</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Audit team</source>
        <translation>Audit team</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>%1 claims to be report %2, but it is not the file that was issued: it was modified or made again.</source>
        <translation>%1 claims to be report %2, but it is not the file that was issued: it was modified or made again.</translation>
    </message>
    <message>
        <source>%1 is not a report issued from this database.</source>
        <translation>%1 is not a report issued from this database.</translation>
    </message>
    <message>
        <source>The record of revision %1 was changed after it was issued.</source>
        <translation>The record of revision %1 was changed after it was issued.</translation>
    </message>
    <message>
        <source>The change history that revision %1 printed is no longer in the database: it was rewritten or cut off.</source>
        <translation>The change history that revision %1 printed is no longer in the database: it was rewritten or cut off.</translation>
    </message>
    <message>
        <source>The records of audit %1 changed since the issue:</source>
        <translation>The records of audit %1 changed since the issue:</translation>
    </message>
    <message>
        <source>A file of the report is missing from the attachment store (%1…).</source>
        <translation>A file of the report is missing from the attachment store (%1…).</translation>
    </message>
    <message>
        <source>A file of the report in the attachment store was altered (%1…).</source>
        <translation>A file of the report in the attachment store was altered (%1…).</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify nonconformities</source>
        <translation>Verify nonconformities</translation>
    </message>
    <message>
        <source>Verify nonconformity</source>
        <translation>Verify nonconformity</translation>
    </message>
    <message numerus="yes">
        <source>%n selected NC(s) will be verified by document review.</source>
        <translation><numerusform>%n selected NC(s) will be verified by document review.</numerusform><numerusform>%n selected NC(s) will be verified by document review.</numerusform></translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Verified by</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>What was checked and whether the corrective action is effective</source>
        <translation>What was checked and whether the corrective action is effective</translation>
    </message>
    <message>
        <source>Effectiveness</source>
        <translation>Effectiveness</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Clause %1 is not judged</source>
        <translation>Clause %1 is not judged</translation>
    </message>
    <message>
        <source>Nonconformity %1 is not linked to evidence</source>
        <translation>Nonconformity %1 is not linked to evidence</translation>
    </message>
    <message>
        <source>No check-in photo of the opening meeting</source>
        <translation>No check-in photo of the opening meeting</translation>
    </message>
    <message>
        <source>No check-in photo of the closing meeting</source>
        <translation>No check-in photo of the closing meeting</translation>
    </message>
    <message>
        <source>%1: no check-in photo yet</source>
        <translation>%1: no check-in photo yet</translation>
    </message>
    <message>
        <source>%1: more than 3 check-in photos of this meeting</source>
        <translation>%1: more than 3 check-in photos of this meeting</translation>
    </message>
    <message>
        <source>%1 has no EXIF capture time: its check-in time cannot be verified</source>
        <translation>%1 has no EXIF capture time: its check-in time cannot be verified</translation>
    </message>
    <message>
        <source>%1 was taken more than 2 h after the opening meeting started</source>
        <translation>%1 was taken more than 2 h after the opening meeting started</translation>
    </message>
    <message>
        <source>%1 was not taken on the day of the opening meeting</source>
        <translation>%1 was not taken on the day of the opening meeting</translation>
    </message>
    <message>
        <source>%1 was taken before the closing meeting started</source>
        <translation>%1 was taken before the closing meeting started</translation>
    </message>
    <message>
        <source>%1 was taken more than 2 h after the closing meeting ended</source>
        <translation>%1 was taken more than 2 h after the closing meeting ended</translation>
    </message>
    <message>
        <source>%1 was taken more than 5 km from the audit site</source>
        <translation>%1 was taken more than 5 km from the audit site</translation>
    </message>
    <message>
        <source>%1 is not ticked as being on the check-in photos</source>
        <translation>%1 is not ticked as being on the check-in photos</translation>
    </message>
    <message>
        <source>%1 has no GPS position: its distance from the site cannot be checked</source>
        <translation>%1 has no GPS position: its distance from the site cannot be checked</translation>
    </message>
    <message>
        <source>The audit site has no coordinates yet: enter them or use the first geotagged photo</source>
        <translation>The audit site has no coordinates yet: enter them or use the first geotagged photo</translation>
    </message>
    <message>
        <source>The audit has no dates: the check-in times cannot be checked</source>
        <translation>The audit has no dates: the check-in times cannot be checked</translation>
    </message>
    <message>
        <source>Previous nonconformity %1 is not verified</source>
        <translation>Previous nonconformity %1 is not verified</translation>
    </message>
    <message>
        <source>Surveillance must cover %1: no evidence yet</source>
        <translation>Surveillance must cover %1: no evidence yet</translation>
    </message>
    <message>
        <source>%1 is not what its extension says (its content is %2). It was not attached.</source>
        <translation>%1 is not what its extension says (its content is %2). It was not attached.</translation>
    </message>
    <message>
        <source>%1 is a program, not evidence. It was not attached.</source>
        <translation>%1 is a program, not evidence. It was not attached.</translation>
    </message>
    <message>
        <source>%1 is empty. It was not attached.</source>
        <translation>%1 is empty. It was not attached.</translation>
    </message>
    <message>
        <source>%1 cannot be read. It was not attached.</source>
        <translation>%1 cannot be read. It was not attached.</translation>
    </message>
    <message>
        <source>This audit: clause × site</source>
        <translation>This audit: clause × site</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>(no site)</translation>
    </message>
    <message>
        <source>Cycle %1 (%2): clause × audit</source>
        <translation>Cycle %1 (%2): clause × audit</translation>
    </message>
    <message>
        <source>%1 evidence items. Surveillance must cover, still missing: %2</source>
        <translation>%1 evidence items. Surveillance must cover, still missing: %2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>Check-in photo</source>
        <translation>Check-in photo</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.heic *.webp)</translation>
    </message>
    <message>
        <source>Client history: read-only on this laptop, change it at the office</source>
        <translation>Client history: read-only on this laptop, change it at the office</translation>
    </message>
    <message>
        <source>The audit is terminated. Re-audit due by %1.</source>
        <translation>The audit is terminated. Re-audit due by %1.</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>Audit %1 — AuditDesk</source>
        <translation>Audit %1 — AuditDesk</translation>
    </message>
</context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>Plan an audit</source>
        <translation>策划审核</translation>
    </message>
    <message>
        <source>Certificate number:</source>
        <translation>证书编号：</translation>
    </message>
    <message>
        <source>No certificate with this number.</source>
        <translation>没有该编号的证书。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>AuditDesk will ask who you are when it starts next time.</source>
        <translation>下次启动时 AuditDesk 将要求重新登录。</translation>
    </message>
    <message>
        <source>About AuditDesk</source>
        <translation>关于 AuditDesk</translation>
    </message>
    <message>
        <source>AuditDesk %1
Audit evidence manager for certification-body auditors.</source>
        <translation>AuditDesk %1
面向认证机构审核员的审核证据管理工具。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This database is empty.

Load demonstration data (clients, certificates, audits, nonconformities) to explore AuditDesk?</source>
        <translation>数据库为空。

是否载入演示数据（受审核方、证书、审核、不符合项）以体验 AuditDesk？</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Building demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Drop files here, or paste with Ctrl+V. Double-click to view.</source>
        <translation>将文件拖到此处，或按 Ctrl+V 粘贴；双击查看。</translation>
    </message>
    <message>
        <source>Printed in the report</source>
        <translation>打印在审核报告中</translation>
    </message>
    <message>
        <source>Not in the report</source>
        <translation>不在审核报告中</translation>
    </message>
    <message>
        <source>Drop photos or files here · Ctrl+Shift+V pastes · Ctrl+Shift+A opens a file</source>
        <translation>将照片或文件拖到此处 · Ctrl+Shift+V 粘贴 · Ctrl+Shift+A 选择文件</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Mark as opening-meeting check-in photo</source>
        <translation>标记为首次会议签到照片</translation>
    </message>
    <message>
        <source>Mark as closing-meeting check-in photo</source>
        <translation>标记为末次会议签到照片</translation>
    </message>
    <message>
        <source>Not a check-in photo</source>
        <translation>不是签到照片</translation>
    </message>
    <message>
        <source>Print in the report</source>
        <translation>打印在审核报告中</translation>
    </message>
    <message>
        <source>Remove from this item</source>
        <translation>从此条证据中移除</translation>
    </message>
</context>
<context>
    <name>AuditWorkspace</name>
    <message>
        <source>Sites axis: show counts and items of one site</source>
        <translation>按场所查看：只显示该场所的证据及计数</translation>
    </message>
    <message>
        <source>Search evidence and NCs (Ctrl+F)</source>
        <translation>搜索审核证据和不符合项（Ctrl+F）</translation>
    </message>
    <message>
        <source>All audits</source>
        <translation>全部审核</translation>
    </message>
    <message>
        <source>Check-in photos</source>
        <translation>认证到照片</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Terminate (撤组)…</source>
        <translation>撤组…</translation>
    </message>
    <message>
        <source>Documents…</source>
        <translation>文档…</translation>
    </message>
    <message>
        <source>Audit report, plan and case draft; issue the report (lead)</source>
        <translation>审核报告、审核计划和案例初稿；签发报告（审核组长）</translation>
    </message>
    <message>
        <source>New item (Ctrl+Enter)</source>
        <translation>新增一条（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Attach file… (Ctrl+Shift+A)</source>
        <translation>添加附件…（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Paste (Ctrl+Shift+V)</source>
        <translation>粘贴（Ctrl+Shift+V）</translation>
    </message>
    <message>
        <source>Archive item</source>
        <translation>归档此条</translation>
    </message>
    <message>
        <source>Raise NC… (Ctrl+Shift+N)</source>
        <translation>开具不符合项…（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Raise a nonconformity on this clause, linked to its evidence</source>
        <translation>在本条款开具不符合项，并关联其审核证据</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Use of marks and certificate references: what you found</source>
        <translation>认证标志和证书的使用：审核发现</translation>
    </message>
    <message>
        <source>Marks and certificate references</source>
        <translation>认证标志和证书的使用</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>全部场所</translation>
    </message>
    <message>
        <source>Nonconformity raised.</source>
        <translation>已开具不符合项。</translation>
    </message>
    <message>
        <source>Not attached</source>
        <translation>未添加附件</translation>
    </message>
    <message>
        <source>The database server cannot be reached: your text is kept here and saved as soon as the connection is back.</source>
        <translation>无法连接数据库服务器：您输入的内容保留在这里，连接恢复后立即保存。</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>No clause %1 in this audit's standards.</source>
        <translation>本次审核的标准中没有条款 %1。</translation>
    </message>
    <message>
        <source>Archive evidence</source>
        <translation>归档审核证据</translation>
    </message>
    <message>
        <source>Archive this evidence item?

%1

It leaves the lists, the coverage and the report; it is not deleted, and Undo brings it back.</source>
        <translation>归档这条审核证据？

%1

归档后它不再出现在列表、覆盖情况和审核报告中；它不会被删除，点击“撤销”可以恢复。</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>（无描述）</translation>
    </message>
    <message>
        <source>Evidence archived: %1</source>
        <translation>已归档审核证据：%1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>AuditorIdDialog</name>
    <message>
        <source>ID document (证件号码)</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Resident ID card (居民身份证)</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Stored (masked)</source>
        <translation>已存（隐去中间部分）</translation>
    </message>
    <message>
        <source>type the full number to replace it</source>
        <translation>输入完整号码以替换</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>新号码</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>AuditorWeekDialog</name>
    <message>
        <source>No user is linked to an auditor: link one on the Auditors register.</source>
        <translation>没有用户关联到审核员：请在审核员登记册中关联。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>%1 open audit(s) in the package: %2</source>
        <translation>资料包中有 %1 个未完成的审核：%2</translation>
    </message>
    <message>
        <source>No open audit of this auditor in these days.</source>
        <translation>该审核员在这些日期内没有未完成的审核。</translation>
    </message>
    <message>
        <source>Package of an auditor's audits</source>
        <translation>审核员的审核资料包</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>In these days</source>
        <translation>日期范围</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>双方都修改了：%1。已保留您的修改，请核对。</translation>
    </message>
</context>
<context>
    <name>BottomTabs</name>
    <message>
        <source>Completeness</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Ready for the report: nothing is missing.</source>
        <translation>可以编写报告：没有缺项。</translation>
    </message>
    <message>
        <source>Completeness (%1)</source>
        <translation>完整性检查（%1）</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Search results (%1)</source>
        <translation>搜索结果（%1）</translation>
    </message>
    <message>
        <source>Previous NCs (%1)</source>
        <translation>以往不符合项（%1）</translation>
    </message>
    <message>
        <source>Previous NCs</source>
        <translation>以往不符合项</translation>
    </message>
</context>
<context>
    <name>CertificateView</name>
    <message>
        <source>Audit programme</source>
        <translation>审核方案</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Window opens</source>
        <translation>窗口开始</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>最迟日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned audit</source>
        <translation>已策划审核</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Status and scope</source>
        <translation>状态与范围</translation>
    </message>
    <message>
        <source>Plan an audit…</source>
        <translation>策划审核…</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>导出证书…</translation>
    </message>
    <message>
        <source>The certificate document in Word or PDF (ISO/IEC 17021-1 8.2.2)</source>
        <translation>以 Word 或 PDF 导出证书文件（ISO/IEC 17021-1 8.2.2）</translation>
    </message>
    <message>
        <source>Record report to the regulator…</source>
        <translation>登记向监管部门上报…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Select a certificate.</source>
        <translation>请选择一张证书。</translation>
    </message>
    <message>
        <source>Issued %1, expires %2</source>
        <translation>发证日期 %1，有效期至 %2</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>next date %1</source>
        <translation>下一关键日期 %1</translation>
    </message>
    <message>
        <source>done late (%1 days)</source>
        <translation>逾期完成（%1 天）</translation>
    </message>
    <message>
        <source>Latest: %1
Window: %2</source>
        <translation>最迟日期依据：%1
窗口依据：%2</translation>
    </message>
    <message>
        <source>Planned after the latest date %1.</source>
        <translation>策划日期晚于最迟日期 %1。</translation>
    </message>
    <message>
        <source>Recertification application due: %1</source>
        <translation>再认证申请截止：%1</translation>
    </message>
    <message>
        <source>No breach of this cycle is waiting for its report to the regulator.</source>
        <translation>本周期没有待上报的违规事项。</translation>
    </message>
    <message>
        <source>%1 done late (%2 days): suspension and report required</source>
        <translation>%1 逾期完成（%2 天）：应暂停证书并上报</translation>
    </message>
    <message>
        <source>%1 missed (%2 days so far): suspension and report required</source>
        <translation>%1 未按期实施（已逾期 %2 天）：应暂停证书并上报</translation>
    </message>
    <message>
        <source>suspension recorded %1</source>
        <translation>已于 %1 登记暂停</translation>
    </message>
    <message>
        <source>suspension not recorded</source>
        <translation>未登记暂停</translation>
    </message>
    <message>
        <source>report to the regulator not recorded</source>
        <translation>未登记向监管部门上报</translation>
    </message>
    <message>
        <source>reported %1 in the CNCA monthly file %2</source>
        <translation>已于 %1 随认监委月度上报文件（%2）报送</translation>
    </message>
    <message>
        <source>reported %1 (%2)</source>
        <translation>已于 %1 上报（%2）</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>Application conditions: %1</source>
        <translation>认证申请条件：%1</translation>
    </message>
    <message>
        <source>Transferred from %1 (%2): review %3, decision %4</source>
        <translation>由 %1 转入（原证书 %2）：转换前评审 %3，认证决定 %4</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>未作出</translation>
    </message>
    <message>
        <source>Transfer to be completed by %1 — %2</source>
        <translation>须于 %1 前完成转换 — %2</translation>
    </message>
    <message>
        <source>Pre-transfer review (IAF MD2)</source>
        <translation>转换前评审（IAF MD2）</translation>
    </message>
    <message>
        <source>Transfer decision</source>
        <translation>转换认证决定</translation>
    </message>
    <message>
        <source>At risk: %1 proposed (%2).</source>
        <translation>证书存在风险：建议%1（%2）。</translation>
    </message>
    <message>
        <source>Overdue nonconformities: %1</source>
        <translation>超期不符合项：%1</translation>
    </message>
    <message>
        <source>Withdrawal after %1.</source>
        <translation>%1 后撤销证书。</translation>
    </message>
</context>
<context>
    <name>CertificatesAtRiskWidget</name>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Overdue NCs</source>
        <translation>逾期不符合项</translation>
    </message>
    <message>
        <source>Proposed action</source>
        <translation>建议措施</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>withdrawal after %1</source>
        <translation>%1 后撤销</translation>
    </message>
    <message numerus="yes">
        <source>Certificates at risk: %n</source>
        <translation><numerusform>有风险的证书：%n</numerusform></translation>
    </message>
    <message>
        <source>No certificate at risk from overdue nonconformities</source>
        <translation>没有因不符合项逾期而有风险的证书</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Check-in photos (认证到)</source>
        <translation>认证到（现场签到）照片</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>时点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Team on the photos (tick each member, incl. experts, trainees, remote):</source>
        <translation>照片中的审核组成员（逐一勾选，包括技术专家、实习审核员和远程成员）：</translation>
    </message>
    <message>
        <source>latitude, longitude (e.g. 31.2304, 121.4737)</source>
        <translation>纬度, 经度（例如 31.2304, 121.4737）</translation>
    </message>
    <message>
        <source>Site coordinates</source>
        <translation>审核地点坐标</translation>
    </message>
    <message>
        <source>Opening meeting starts</source>
        <translation>首次会议开始时间</translation>
    </message>
    <message>
        <source>Closing meeting starts</source>
        <translation>末次会议开始时间</translation>
    </message>
    <message>
        <source>Closing meeting ends</source>
        <translation>末次会议结束时间</translation>
    </message>
    <message>
        <source>Use first geotagged photo</source>
        <translation>采用第一张带定位的照片</translation>
    </message>
    <message>
        <source>Add opening-meeting photo…</source>
        <translation>添加首次会议照片…</translation>
    </message>
    <message>
        <source>Add closing-meeting photo…</source>
        <translation>添加末次会议照片…</translation>
    </message>
</context>
<context>
    <name>ClauseNCs</name>
    <message>
        <source>Nonconformities on this clause</source>
        <translation>本条款的不符合项</translation>
    </message>
    <message>
        <source>Nonconformities raised on this clause. Enter or double-click opens one.</source>
        <translation>本条款已开具的不符合项。按回车或双击打开。</translation>
    </message>
    <message>
        <source>Nonconformities on this clause (%1)</source>
        <translation>本条款的不符合项（%1）</translation>
    </message>
</context>
<context>
    <name>ClausePanel</name>
    <message>
        <source>Evidence prompts of the clause</source>
        <translation>本条款的审核要点</translation>
    </message>
    <message>
        <source>Typical evidence. Enter on a prompt starts an item with it.</source>
        <translation>典型审核证据。在提示上按回车即以其开始一条证据。</translation>
    </message>
    <message>
        <source>Judgement note</source>
        <translation>评价说明</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>评价</translation>
    </message>
</context>
<context>
    <name>ClauseTree</name>
    <message>
        <source>Clauses</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>认证标准</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Every surveillance must cover this clause</source>
        <translation>每次监督审核都必须覆盖此条款</translation>
    </message>
</context>
<context>
    <name>ClientConditionsPanel</name>
    <message>
        <source>Application conditions (CNCA-QMS-01:2025 §5.1.2)</source>
        <translation>认证申请条件（CNCA-QMS-01:2025 §5.1.2）</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>终止日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Add condition…</source>
        <translation>登记情形…</translation>
    </message>
    <message>
        <source>No condition bars the client today.</source>
        <translation>今日无妨碍该客户认证的情形。</translation>
    </message>
</context>
<context>
    <name>CncaExportDialog</name>
    <message>
        <source>CNCA monthly file…</source>
        <translation>认监委月度上报文件…</translation>
    </message>
    <message>
        <source>The monthly upload workbook for CNCA's reporting platform (due by the 10th)</source>
        <translation>认证认可业务信息统一上报平台的月度上报工作簿（次月 10 日前上报）</translation>
    </message>
    <message>
        <source>CNCA monthly upload</source>
        <translation>认监委月度信息上报</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Write file…</source>
        <translation>写入文件…</translation>
    </message>
    <message>
        <source>Write anyway…</source>
        <translation>仍然写入…</translation>
    </message>
    <message>
        <source>Write the file although the data has problems; fix them in AuditDesk, not in Excel, and send corrected rows next month</source>
        <translation>数据有问题也写入文件；请在 AuditDesk 中而不是在 Excel 中改正，下月再上报改正后的记录</translation>
    </message>
    <message>
        <source>Checking the month…</source>
        <translation>正在检查该月数据…</translation>
    </message>
    <message>
        <source>%1: %2 plan rows, %3 certificates, %4 results, %5 energy rows.</source>
        <translation>%1：审核计划 %2 行，证书 %3 张，审核结果 %4 条，能源绩效 %5 行。</translation>
    </message>
    <message>
        <source>{n} problem: fix it in AuditDesk before uploading.</source>
        <translation>{n} 个问题：上报前请在 AuditDesk 中改正。</translation>
    </message>
    <message>
        <source>{n} problems: fix them in AuditDesk before uploading.</source>
        <translation>{n} 个问题：上报前请在 AuditDesk 中改正。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Save CNCA monthly file</source>
        <translation>保存认监委月度上报文件</translation>
    </message>
    <message>
        <source>Writing the CNCA file…</source>
        <translation>正在写入上报文件…</translation>
    </message>
    <message>
        <source>Written: %1 (%2 rows recorded as reported).</source>
        <translation>已写入：%1（%2 行已记录为已上报）。</translation>
    </message>
    <message>
        <source>ID document…</source>
        <translation>证件号码…</translation>
    </message>
    <message>
        <source>The auditor's 证件号码 for the CNCA audit-plan upload (shown masked)</source>
        <translation>审核员证件号码，用于上报审核计划（显示时隐去中间部分）</translation>
    </message>
    <message>
        <source>Accreditation marks…</source>
        <translation>认可标志…</translation>
    </message>
    <message>
        <source>The accreditation marks the CNCA certificate sheet reports</source>
        <translation>证书信息表中上报的认可标志</translation>
    </message>
</context>
<context>
    <name>ConditionDialog</name>
    <message>
        <source>Application condition (CNCA §5.1.2)</source>
        <translation>认证申请条件（CNCA §5.1.2）</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until (if ended)</source>
        <translation>终止日期（如已终止）</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>The reference is required.</source>
        <translation>文号为必填项。</translation>
    </message>
    <message>
        <source>Until is before since.</source>
        <translation>终止日期早于起始日期。</translation>
    </message>
    <message>
        <source>Until: a date YYYY-MM-DD.</source>
        <translation>终止日期：请填写 YYYY-MM-DD 格式的日期。</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>Concurrent values</source>
        <translation>同时写入的值</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Merged at</source>
        <translation>合并时间</translation>
    </message>
</context>
<context>
    <name>ConflictReload</name>
    <message>
        <source>Evidence item</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>{what} was deleted by {who} meanwhile.</source>
        <translation>{what} 已被 {who} 删除。</translation>
    </message>
    <message>
        <source>{who} deleted this record while you were editing it.</source>
        <translation>{who} 在您编辑时删除了此记录。</translation>
    </message>
    <message>
        <source>{what} was changed by {who} at {when} meanwhile.</source>
        <translation>{what} 已被 {who} 于 {when} 修改。</translation>
    </message>
    <message>
        <source>{what} was changed by {who} meanwhile.</source>
        <translation>{what} 已被 {who} 修改。</translation>
    </message>
    <message>
        <source>{who} changed this record while you were editing it.</source>
        <translation>{who} 在您编辑时修改了此记录。</translation>
    </message>
    <message>
        <source>(saved {when})</source>
        <translation>（保存于 {when}）</translation>
    </message>
    <message>
        <source>Reload shows their version; Merge puts your edits back on top of it; Keep mine leaves your edits here, unsaved.</source>
        <translation>“重新加载”显示对方的版本；“合并”把您的修改放回到该版本之上；“保留我的”让您的修改留在这里，暂不保存。</translation>
    </message>
    <message>
        <source>Keep mine, unsaved</source>
        <translation>保留我的（暂不保存）</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Merge my edits</source>
        <translation>合并我的修改</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>this database</source>
        <translation>本数据库</translation>
    </message>
    <message>
        <source>replica %1</source>
        <translation>副本 %1</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>资料包 %1</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Clause judgement</source>
        <translation>条款评价</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>References</source>
        <translation>引用记录</translation>
    </message>
    <message>
        <source>Interviewee</source>
        <translation>面谈对象</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Observed at</source>
        <translation>观察时间</translation>
    </message>
    <message>
        <source>Evidence type</source>
        <translation>证据类型</translation>
    </message>
    <message>
        <source>Judgement</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Judgement note</source>
        <translation>评价说明</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>不符合事实描述</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>客观证据</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明文字</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <source>clause %1</source>
        <translation>条款 %1</translation>
    </message>
    <message>
        <source>audit %1</source>
        <translation>审核 %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Merge conflicts</source>
        <translation>合并冲突</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>Keep the value here</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <source>These fields were changed here and on laptops at the same time. The value here is kept until you decide; every other value is kept beside it, with who wrote it, when and where.</source>
        <translation>这些字段在本机和笔记本电脑上被同时修改。在你决定之前保留本机的值；其他每个值都保存在旁边，并注明由谁、何时、在何处写入。</translation>
    </message>
    <message>
        <source>Every concurrent value</source>
        <translation>全部同时写入的值</translation>
    </message>
    <message>
        <source>The chosen value</source>
        <translation>选中的值</translation>
    </message>
    <message>
        <source>Keep the chosen value</source>
        <translation>保留选中的值</translation>
    </message>
    <message>
        <source>Write a combined value…</source>
        <translation>填写合并后的值…</translation>
    </message>
    <message>
        <source>Refused changes: a package brought them, but their author's role, an issued report or the NC lifecycle does not allow them. They are not applied and not lost: accept or drop each one.</source>
        <translation>被拒绝的更改：资料包带来了这些更改，但作者的角色、已签发的报告或不符合项流程不允许。它们未被应用，也没有丢失：请逐条接受或放弃。</translation>
    </message>
    <message>
        <source>Accept the change</source>
        <translation>接受该更改</translation>
    </message>
    <message>
        <source>Drop the change</source>
        <translation>放弃该更改</translation>
    </message>
    <message>
        <source>in the record now</source>
        <translation>当前记录中的值</translation>
    </message>
    <message>
        <source>Combined value</source>
        <translation>合并后的值</translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>Click a cell, or move with the arrow keys and press Enter, to open that clause in the workspace.</source>
        <translation>单击单元格，或用方向键移动后按回车，即可在工作区打开该条款。</translation>
    </message>
    <message>
        <source>1 evidence item</source>
        <translation>1 条审核证据</translation>
    </message>
    <message>
        <source>%1 evidence items</source>
        <translation>%1 条审核证据</translation>
    </message>
    <message>
        <source>No evidence yet</source>
        <translation>尚无审核证据</translation>
    </message>
    <message>
        <source>Clause %1 %2</source>
        <translation>条款 %1 %2</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>场所：%1</translation>
    </message>
    <message>
        <source>Site: none given</source>
        <translation>场所：未指定</translation>
    </message>
    <message>
        <source>Every surveillance must cover this clause</source>
        <translation>每次监督审核都必须覆盖此条款</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause at this site.</source>
        <translation>单击或按回车：打开此条款，并筛选到此场所。</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause (all sites).</source>
        <translation>单击或按回车：打开此条款（全部场所）。</translation>
    </message>
    <message>
        <source>Audit: %1 (%2)</source>
        <translation>审核：%1（%2）</translation>
    </message>
    <message>
        <source>This audit: %1 (%2)</source>
        <translation>本次审核：%1（%2）</translation>
    </message>
    <message>
        <source>Not sampled in any audit of this cycle</source>
        <translation>本认证周期内的审核均未抽样此条款</translation>
    </message>
    <message>
        <source>Click or press Enter to open this clause in this audit (all sites).</source>
        <translation>单击或按回车：在本次审核中打开此条款（全部场所）。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>AuditDesk: unexpected error</source>
        <translation>AuditDesk：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that AuditDesk did not expect. Your saved work is safe.
Copy the details below and send them to your administrator.</source>
        <translation>AuditDesk 遇到了意外错误。已保存的工作不受影响。
请复制下面的详细信息并发送给管理员。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>CrashReportDialog</name>
    <message>
        <source>AuditDesk closed unexpectedly</source>
        <translation>AuditDesk 意外关闭</translation>
    </message>
    <message>
        <source>AuditDesk stopped unexpectedly the last time it ran. Your saved work is in the database. Please send these details to your administrator or to AuditDesk's support. They are also kept in {path}.</source>
        <translation>AuditDesk 上次运行时意外停止。已保存的工作都在数据库中。请将以下详细信息发送给管理员或 AuditDesk 技术支持。这些信息也保存在 {path}。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Click to open the list</source>
        <translation>点击打开列表</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Unhandled breaches: suspension and report required</source>
        <translation>未处理的违规：应暂停证书并上报</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>最迟日期</translation>
    </message>
    <message>
        <source>Days in breach</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Report to the regulator</source>
        <translation>向监管部门报告</translation>
    </message>
    <message>
        <source>done late %1</source>
        <translation>于 %1 逾期完成</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%2%1日</translation>
    </message>
    <message>
        <source>%1 data due %2: everything reported</source>
        <translation>%1数据应于%2前上报：已全部上报</translation>
    </message>
    <message>
        <source>%1 data due %2: %3 plans, %4 certificates, %5 results not yet reported</source>
        <translation>%1数据应于%2前上报：尚有 %3 条审核计划、%4 张证书、%5 条审核结果未上报</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Audits per month, %1</source>
        <translation>%1 年每月审核数</translation>
    </message>
    <message>
        <source>NC closure time (days from issue to closure)</source>
        <translation>不符合项关闭用时（开具至关闭天数）</translation>
    </message>
    <message>
        <source>Auditor on-site days this year (limit %1)</source>
        <translation>本年审核员现场审核人日（上限 %1）</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>%1 %2 %3 does not exist: %2 %3 has %4 days.</source>
        <translation>%3年%2%1日不存在：%3年%2只有 %4 天。</translation>
    </message>
    <message>
        <source>There is no month %1: months go from 1 to 12.</source>
        <translation>没有 %1 月：月份为 1 至 12。</translation>
    </message>
    <message>
        <source>The year %1 is not plausible (%2–%3).</source>
        <translation>年份 %1 不合理（应在 %2–%3 之间）。</translation>
    </message>
    <message>
        <source>Enter a date as 2026-03-15 (or 2026/3/15, 2026年3月15日).</source>
        <translation>请按 2026-03-15 的格式输入日期（也可写作 2026/3/15 或 2026年3月15日）。</translation>
    </message>
</context>
<context>
    <name>DetailEditor</name>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Fill in the fields marked * and press Create.</source>
        <translation>填写带 * 的字段，然后点击“创建”。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Changes are saved when you leave a field (Ctrl+Z undoes).</source>
        <translation>离开字段时自动保存（Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>双方都修改了：%1。已保留您的修改，请核对。</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Audit report</source>
        <translation>审核报告</translation>
    </message>
    <message>
        <source>Audit plan</source>
        <translation>审核计划</translation>
    </message>
    <message>
        <source>Good-audit-case draft</source>
        <translation>优秀审核案例初稿</translation>
    </message>
    <message>
        <source>NC form</source>
        <translation>不符合报告</translation>
    </message>
    <message>
        <source>Certificate document</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Bilingual (Chinese and English)</source>
        <translation>中英双语</translation>
    </message>
    <message>
        <source>Export certificate document</source>
        <translation>导出证书文件</translation>
    </message>
    <message>
        <source>Use of the certificate and marks</source>
        <translation>认证证书和认证标志的使用</translation>
    </message>
    <message>
        <source>Significant changes since the last audit</source>
        <translation>自上次审核以来的重大变更</translation>
    </message>
    <message>
        <source>Complaints and their handling</source>
        <translation>投诉的处理</translation>
    </message>
    <message>
        <source>Corrective actions on previous nonconformities</source>
        <translation>以往不符合的纠正措施及其有效性</translation>
    </message>
    <message>
        <source>Internal audit and management review</source>
        <translation>内部审核和管理评审</translation>
    </message>
    <message>
        <source>Progress towards the objectives</source>
        <translation>目标的实现进展</translation>
    </message>
    <message>
        <source>Continual improvement</source>
        <translation>持续改进</translation>
    </message>
    <message>
        <source>Clause %1 is not judged</source>
        <translation>条款 %1 尚未评价</translation>
    </message>
    <message>
        <source>%1 cites no evidence</source>
        <translation>不符合 %1 未关联审核证据</translation>
    </message>
    <message>
        <source>%1 is still a draft</source>
        <translation>不符合 %1 仍为草稿，未开具</translation>
    </message>
    <message>
        <source>No opening-meeting check-in photo</source>
        <translation>缺少首次会议签到照片（认证到）</translation>
    </message>
    <message>
        <source>No closing-meeting check-in photo</source>
        <translation>缺少末次会议签到照片（认证到）</translation>
    </message>
    <message>
        <source>Previous nonconformity %1 is not re-verified at this audit</source>
        <translation>以往不符合 %1 未在本次审核验证</translation>
    </message>
    <message>
        <source>Must-cover item %1 has no evidence</source>
        <translation>必查项目 %1 无审核证据</translation>
    </message>
    <message>
        <source>The team has not judged whether the scope is appropriate</source>
        <translation>审核组未判定认证范围是否适宜</translation>
    </message>
    <message>
        <source>The team has not judged whether the audit objectives were met</source>
        <translation>审核组未判定审核目的是否实现</translation>
    </message>
    <message>
        <source>No team statement on: %1</source>
        <translation>缺少审核组对“%1”的说明</translation>
    </message>
    <message>
        <source>The report draft is not reviewed</source>
        <translation>报告草稿尚未经审核（复核）</translation>
    </message>
    <message>
        <source>The team's conclusion claims conformity, but %1 stands</source>
        <translation>审核组结论称符合要求，但存在不符合 %1</translation>
    </message>
    <message>
        <source>The team's conclusion claims effectiveness, but the major %1 is not verified</source>
        <translation>审核组结论称运行有效，但严重不符合 %1 尚未验证</translation>
    </message>
    <message>
        <source>The conclusion recommends without condition, but the major %1 is not verified</source>
        <translation>结论无条件推荐，但严重不符合 %1 尚未验证</translation>
    </message>
    <message>
        <source>The recommendation '%1' does not fit the audit type</source>
        <translation>推荐意见“%1”与审核类型不符</translation>
    </message>
    <message>
        <source>The findings do not support a recommendation (major NC overdue), yet it reads '%1'</source>
        <translation>审核发现不支持推荐（严重不符合逾期未验证），推荐意见却为“%1”</translation>
    </message>
    <message>
        <source>The audit was terminated, yet its objectives are judged met</source>
        <translation>审核已终止（撤组），却判定审核目的已实现</translation>
    </message>
    <message>
        <source>The scope is judged appropriate, but %1 is against clause 4.3</source>
        <translation>判定认证范围适宜，但条款 4.3 有不符合 %1</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出%1…</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Export a document</source>
        <translation>导出文档</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Report issue</source>
        <translation>报告签发</translation>
    </message>
    <message>
        <source>Issue report…</source>
        <translation>签发报告…</translation>
    </message>
    <message>
        <source>Open correction…</source>
        <translation>开启更正…</translation>
    </message>
    <message>
        <source>Needs the lead auditor role</source>
        <translation>需要审核组长角色</translation>
    </message>
    <message>
        <source>Team judgements…</source>
        <translation>审核组判定…</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已审核</translation>
    </message>
    <message>
        <source>Not issued yet. Issuing locks the audit: its records become read-only.</source>
        <translation>尚未签发。签发后审核将被锁定，其记录变为只读。</translation>
    </message>
    <message>
        <source>Issued: revision %1, %2 by %3. The audit is locked (read-only).</source>
        <translation>已签发：第 %1 版，%2，签发人 %3。审核已锁定（只读）。</translation>
    </message>
    <message>
        <source>Open for correction after revision %1. Issuing again makes revision %2 and needs a change note.</source>
        <translation>第 %1 版签发后已开启更正。再次签发将生成第 %2 版，须填写更改说明。</translation>
    </message>
    <message>
        <source>The pre-issue check finds {n} item that blocks the issue:</source>
        <translation>出具前检查发现 {n} 项阻止出具：</translation>
    </message>
    <message>
        <source>The pre-issue check finds {n} items that block the issue:</source>
        <translation>出具前检查发现 {n} 项阻止出具：</translation>
    </message>
    <message>
        <source>The pre-issue check finds nothing.</source>
        <translation>出具前检查未发现问题。</translation>
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
        <translation>更正报告</translation>
    </message>
    <message>
        <source>What does revision %1 correct? The note is kept with the revision.</source>
        <translation>第 %1 版更正了什么？该说明随该版本保存。</translation>
    </message>
    <message>
        <source>Issue despite the pre-issue check</source>
        <translation>越过出具前检查出具</translation>
    </message>
    <message>
        <source>These items block the issue:
%1

Only a lead may issue anyway, with a written reason. The reason is kept and printed in the report's revision history.</source>
        <translation>以下各项阻止出具：
%1

只有组长/主管可书面说明理由后仍然出具。理由将被保存并打印在报告修订记录中。</translation>
    </message>
    <message>
        <source>The team's judgements for audit %1 are saved.</source>
        <translation>审核 %1 的审核组判定已保存。</translation>
    </message>
    <message>
        <source>The report draft is marked reviewed by %1.</source>
        <translation>报告草稿已由 %1 标记为已审核。</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>签发报告</translation>
    </message>
    <message>
        <source>Issue the report of audit %1? The audit is then locked: its records become read-only.</source>
        <translation>签发审核 %1 的报告？签发后审核将被锁定，其记录变为只读。</translation>
    </message>
    <message>
        <source>Report of audit %1 issued as revision %2; the audit is locked.</source>
        <translation>审核 %1 的报告已签发为第 %2 版；审核已锁定。</translation>
    </message>
    <message>
        <source>Audit %1 is open for correction. Issue the report again with a change note when done.</source>
        <translation>审核 %1 已开启更正。更正完成后请填写更改说明并再次签发报告。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>AuditDesk is still using this database, in this window, another window, a command or a background backup.

Close it first, then restore the backup. Nothing was changed.</source>
        <translation>AuditDesk 仍在使用此数据库（本窗口、其他窗口、命令或后台备份）。

请先关闭它，再恢复备份。数据库未作任何更改。</translation>
    </message>
    <message>
        <source>The backup was cancelled; its partial copy was removed.</source>
        <translation>备份已取消；未完成的副本已删除。</translation>
    </message>
    <message>
        <source>The backup could not be written. The database itself is unchanged.</source>
        <translation>无法写入备份。数据库本身没有改变。</translation>
    </message>
    <message>
        <source>This is not a complete AuditDesk backup: it fails its check.</source>
        <translation>这不是完整的 AuditDesk 备份：它未通过检查。</translation>
    </message>
    <message>
        <source>There is not enough free space for the backup on that disk. Nothing was written.</source>
        <translation>该磁盘上没有足够的空间存放备份。未写入任何内容。</translation>
    </message>
    <message>
        <source>The backup folder cannot be written to (it is read-only).</source>
        <translation>无法写入备份文件夹（它是只读的）。</translation>
    </message>
    <message>
        <source>The text is too large to save. Shorten it or attach it as a file.</source>
        <translation>文本太大，无法保存。请缩短文本，或将其作为文件附加。</translation>
    </message>
    <message>
        <source>The witness file is not a valid AuditDesk witness (or it was changed).</source>
        <translation>该见证文件不是有效的 AuditDesk 见证文件（或已被改动）。</translation>
    </message>
    <message>
        <source>The database could not be copied to the server. Nothing was changed.</source>
        <translation>无法将数据库复制到服务器。未做任何更改。</translation>
    </message>
    <message>
        <source>The file was not attached.</source>
        <translation>文件未附加。</translation>
    </message>
    <message>
        <source>The issued file is missing from the attachment store or was altered there; it is not handed out. Restore the attachment store from a backup.</source>
        <translation>出具的文件在附件库中缺失或已被篡改，因此不予提供。请从备份恢复附件库。</translation>
    </message>
    <message>
        <source>The file could not be imported or exported.</source>
        <translation>无法导入或导出该文件。</translation>
    </message>
    <message>
        <source>Some rows of the workbook are wrong; nothing was imported.</source>
        <translation>工作簿中有些行有错误；未导入任何数据。</translation>
    </message>
    <message>
        <source>The audit package was refused; nothing was changed.</source>
        <translation>审核数据包被拒绝；未做任何更改。</translation>
    </message>
    <message>
        <source>The workbook cannot be imported.</source>
        <translation>无法导入该工作簿。</translation>
    </message>
    <message>
        <source>This is an earlier audit of the client, brought to this laptop as history to re-verify on site: it is read-only here. Change it at the office.</source>
        <translation>这是该客户的以往审核，作为历史资料带到本笔记本以便现场复核：在此只读。请在办公室修改。</translation>
    </message>
    <message>
        <source>The report cannot be issued yet: the pre-issue check found what blocks it.</source>
        <translation>报告尚不能出具：出具前检查发现了阻止出具的问题。</translation>
    </message>
    <message>
        <source>Database problem</source>
        <translation>数据库问题</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>(reason: %1)</source>
        <translation>（原因：%1）</translation>
    </message>
</context>
<context>
    <name>EvidenceEditor</name>
    <message>
        <source>Remote</source>
        <translation>远程</translation>
    </message>
    <message>
        <source>What you saw, read or heard: objective, verifiable</source>
        <translation>看到、查阅或听到的内容：客观、可验证</translation>
    </message>
    <message>
        <source>Record ids, document numbers</source>
        <translation>记录编号、文件编号</translation>
    </message>
    <message>
        <source>Clause numbers, e.g. 9.2, 10.2</source>
        <translation>条款号，例如 9.2, 10.2</translation>
    </message>
    <message>
        <source>The clauses this evidence supports; separate with commas</source>
        <translation>此证据支持的条款，用逗号分隔</translation>
    </message>
    <message>
        <source>Role of the person interviewed</source>
        <translation>面谈对象的岗位</translation>
    </message>
    <message>
        <source>Significant change since the last audit</source>
        <translation>自上次审核以来的重大变更</translation>
    </message>
    <message>
        <source>The report lists this evidence under the changes since the last audit</source>
        <translation>审核报告将此证据列入“自上次审核以来的重大变更”</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>Evidence type</source>
        <translation>证据类型</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Observed at</source>
        <translation>观察时间</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>References</source>
        <translation>引用记录</translation>
    </message>
    <message>
        <source>Interviewee</source>
        <translation>面谈对象</translation>
    </message>
    <message>
        <source>Clauses</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>（未指定场所）</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>Evidence items</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>(%1 files)</source>
        <translation>（%1 个附件）</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>This computer has no program to open %1.</source>
        <translation>本机没有可打开 %1 的程序。</translation>
    </message>
    <message>
        <source>Export surveillance schedule</source>
        <translation>导出年度监督审核计划</translation>
    </message>
    <message>
        <source>Exporting the schedule…</source>
        <translation>正在导出计划…</translation>
    </message>
    <message>
        <source>Not enough free space on the backup disk: nothing was written.</source>
        <translation>备份磁盘空间不足：未写入任何内容。</translation>
    </message>
    <message>
        <source>The backup folder cannot be written (read-only, unplugged or no access).</source>
        <translation>无法写入备份文件夹（只读、未连接或无权限）。</translation>
    </message>
    <message>
        <source>This backup is incomplete or was altered: it cannot be restored.</source>
        <translation>此备份不完整或已被改动，无法恢复。</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>备份已取消。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Back up to a folder (a USB disk or a network share)</source>
        <translation>备份到文件夹（U 盘或网络共享）</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <source>Backup finished</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>Saved and verified: %1</source>
        <translation>已保存并校验：%1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Restore from a backup folder</source>
        <translation>从备份文件夹恢复</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The backup is intact. Replace the current data by it?

The current file is kept aside; AuditDesk closes and has to be started again.</source>
        <translation>备份完好。要用它替换当前数据吗？

当前文件会另行保留；AuditDesk 将关闭，需要重新启动。</translation>
    </message>
    <message>
        <source>Restored. AuditDesk closes now; start it again.</source>
        <translation>已恢复。AuditDesk 现在关闭，请重新启动。</translation>
    </message>
    <message>
        <source>The previous file is kept at %1</source>
        <translation>原文件保留在 %1</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>First sync: choose the audits</source>
        <translation>首次同步：选择审核</translation>
    </message>
    <message>
        <source>This laptop holds no audit yet. Tick the audits to bring from the office, or choose your own audits in a date window.</source>
        <translation>这台笔记本电脑上还没有审核。请勾选要从办公室取来的审核，或选择你在某一时间段内的审核。</translation>
    </message>
    <message>
        <source>no dates yet</source>
        <translation>尚无日期</translation>
    </message>
    <message>
        <source>Tick my audits in these days</source>
        <translation>勾选我在这些日期内的审核</translation>
    </message>
    <message>
        <source>Your office account is not linked to an auditor.</source>
        <translation>你在办公室的账户未关联到审核员。</translation>
    </message>
    <message>
        <source>The office has no open audit to bring.</source>
        <translation>办公室没有可取来的未完成审核。</translation>
    </message>
    <message>
        <source>None of the open audits is yours in these days.</source>
        <translation>这些日期内没有属于你的未完成审核。</translation>
    </message>
    <message>
        <source>%1 audit(s) will be brought to this laptop.</source>
        <translation>将把 %1 个审核取到这台笔记本电脑上。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>it is not an .xlsx workbook, or it is damaged</source>
        <translation>它不是 .xlsx 工作簿，或者文件已损坏</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation>文件太大</translation>
    </message>
    <message>
        <source>no header row found in the first 10 rows</source>
        <translation>前 10 行中没有找到表头行</translation>
    </message>
    <message>
        <source>required columns are missing: {0}</source>
        <translation>缺少必填列：{0}</translation>
    </message>
    <message>
        <source>two columns mean the same field ({0})</source>
        <translation>有两列表示同一字段（{0}）</translation>
    </message>
    <message>
        <source>it has more than 100 000 rows</source>
        <translation>超过 100 000 行</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <source>not a date (use 2026-03-15, 2026/3/15 or 2026年3月15日)</source>
        <translation>不是日期（请用 2026-03-15、2026/3/15 或 2026年3月15日）</translation>
    </message>
    <message>
        <source>the year is implausible</source>
        <translation>年份不合理</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>implausibly large</source>
        <translation>数值过大</translation>
    </message>
    <message>
        <source>technical codes look like 19.05.01</source>
        <translation>专业代码格式应为 19.05.01</translation>
    </message>
    <message>
        <source>unknown status (有效/暂停/撤销/过期/注销)</source>
        <translation>无法识别的状态（有效/暂停/撤销/过期/注销）</translation>
    </message>
    <message>
        <source>unknown standard</source>
        <translation>无法识别的认证标准</translation>
    </message>
    <message>
        <source>unknown rule set</source>
        <translation>无法识别的认证规则</translation>
    </message>
    <message>
        <source>duplicate of row {0}</source>
        <translation>与第 {0} 行重复</translation>
    </message>
    <message>
        <source>expiry is not after the issue date</source>
        <translation>有效期不晚于颁证日期</translation>
    </message>
    <message>
        <source>before the issue date</source>
        <translation>早于颁证日期</translation>
    </message>
    <message>
        <source>not after the first surveillance</source>
        <translation>不晚于第一次监督</translation>
    </message>
    <message>
        <source>a second surveillance needs the first</source>
        <translation>有监督二必须先有监督一</translation>
    </message>
    <message>
        <source>this certificate number belongs to another organisation</source>
        <translation>该证书编号属于另一个组织</translation>
    </message>
    <message>
        <source>credit code check character is wrong</source>
        <translation>统一社会信用代码校验位错误</translation>
    </message>
    <message>
        <source>credit code must have 18 characters</source>
        <translation>统一社会信用代码应为 18 位</translation>
    </message>
    <message>
        <source>credit code has a character that is not allowed</source>
        <translation>统一社会信用代码含有不允许的字符</translation>
    </message>
    <message>
        <source>not an e-mail address</source>
        <translation>不是有效的电子邮箱</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>someone saved this record while it was being imported; import again</source>
        <translation>导入期间有人保存了这条记录；请重新导入</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>the end is before the start</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>certificates of different organisations</source>
        <translation>证书属于不同的组织</translation>
    </message>
    <message>
        <source>this value is refused ({0})</source>
        <translation>该值不被接受（{0}）</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Workbook (.xlsx)</source>
        <translation>工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Workbook to import</source>
        <translation>要导入的工作簿</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel（*.xlsx）</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>{n} organisation</source>
        <translation>{n} 个组织</translation>
    </message>
    <message>
        <source>{n} organisations</source>
        <translation>{n} 个组织</translation>
    </message>
    <message>
        <source>{n} certificate</source>
        <translation>{n} 张证书</translation>
    </message>
    <message>
        <source>{n} certificates</source>
        <translation>{n} 张证书</translation>
    </message>
    <message>
        <source>{n} audit</source>
        <translation>{n} 次审核</translation>
    </message>
    <message>
        <source>{n} audits</source>
        <translation>{n} 次审核</translation>
    </message>
    <message>
        <source>Check passed: nothing written yet.</source>
        <translation>检查通过：尚未写入任何数据。</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>{n} row</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{0}; new: {1}; changed: {2}; unchanged: {3}</source>
        <translation>{0}；新增：{1}；修改：{2}；未变：{3}</translation>
    </message>
    <message>
        <source>{n} problem</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>in {n} row</source>
        <translation>，涉及 {n} 行</translation>
    </message>
    <message>
        <source>in {n} rows</source>
        <translation>，涉及 {n} 行</translation>
    </message>
    <message>
        <source>The first {n} row was imported before the import stopped; import the workbook again to complete it.</source>
        <translation>导入中止前已导入前 {n} 行；请再次导入该工作簿以完成导入。</translation>
    </message>
    <message>
        <source>The first {n} rows were imported before the import stopped; import the workbook again to complete it.</source>
        <translation>导入中止前已导入前 {n} 行；请再次导入该工作簿以完成导入。</translation>
    </message>
    <message>
        <source>Nothing was imported; correct the workbook and check again.</source>
        <translation>未导入任何数据；请修改工作簿后重新检查。</translation>
    </message>
    <message>
        <source>{0} {1}. {2}</source>
        <translation>{0}{1}。{2}</translation>
    </message>
    <message>
        <source>Choose a workbook first.</source>
        <translation>请先选择工作簿。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The workbook cannot be imported: {0}</source>
        <translation>无法导入该工作簿：{0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Planned</source>
        <translation>已策划</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Effective personnel</source>
        <translation>有效人数</translation>
    </message>
    <message>
        <source>Technical areas</source>
        <translation>专业代码</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>咨询机构</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>认证标准</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scope (Chinese)</source>
        <translation>认证范围（中文）</translation>
    </message>
    <message>
        <source>Scope (English)</source>
        <translation>认证范围（英文）</translation>
    </message>
    <message>
        <source>Complexity / risk</source>
        <translation>复杂程度 / 风险</translation>
    </message>
    <message>
        <source>Audit type</source>
        <translation>审核类型</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>审核方式</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Latest date</source>
        <translation>最迟日期</translation>
    </message>
    <message>
        <source>Audit days</source>
        <translation>审核人日</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Verification due</source>
        <translation>验证期限</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>CCAA registration no.</source>
        <translation>CCAA 注册号</translation>
    </message>
    <message>
        <source>ID document (masked)</source>
        <translation>证件号码（隐去中间部分）</translation>
    </message>
    <message>
        <source>Registration expires</source>
        <translation>注册有效期至</translation>
    </message>
    <message>
        <source>Schemes</source>
        <translation>认证领域</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>National standard</source>
        <translation>国家标准</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>标题（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>标题（英文）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>New scope</source>
        <translation>新的认证范围</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>This file is not a photo.</source>
        <translation>该文件不是照片。</translation>
    </message>
    <message>
        <source>A check-in photo is always printed in the report.</source>
        <translation>签到照片总是打印在审核报告中。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Already used by another record.</source>
        <translation>已被其他记录使用。</translation>
    </message>
    <message>
        <source>A credit code has 18 characters.</source>
        <translation>统一社会信用代码应为 18 位。</translation>
    </message>
    <message>
        <source>Not a credit code character (I, O, Z, S, V are never used).</source>
        <translation>含有无效字符（不使用 I、O、Z、S、V）。</translation>
    </message>
    <message>
        <source>Characters 3-8 must be the 6-digit administrative-division code.</source>
        <translation>第 3-8 位必须是 6 位数字的行政区划码。</translation>
    </message>
    <message>
        <source>Check character does not match: a character is mistyped.</source>
        <translation>校验码不符：有字符输入错误。</translation>
    </message>
    <message>
        <source>Enter the 18-character credit code.</source>
        <translation>请输入 18 位统一社会信用代码。</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>Not an e-mail address.</source>
        <translation>不是有效的电子邮件地址。</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>请按 YYYY-MM-DD 格式输入日期。</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <source>Unknown standard.</source>
        <translation>未知的认证标准。</translation>
    </message>
    <message>
        <source>Expiry must be after the issue date.</source>
        <translation>有效期必须晚于发证日期。</translation>
    </message>
    <message>
        <source>Before the certificate's issue date.</source>
        <translation>早于证书发证日期。</translation>
    </message>
    <message>
        <source>Ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Must be more than zero.</source>
        <translation>必须大于零。</translation>
    </message>
    <message>
        <source>The certificates belong to different clients.</source>
        <translation>这些证书属于不同的受审核方。</translation>
    </message>
    <message>
        <source>This field cannot be changed.</source>
        <translation>此字段不能修改。</translation>
    </message>
    <message>
        <source>The certificate is not suspended.</source>
        <translation>证书未处于暂停状态。</translation>
    </message>
    <message>
        <source>The certificate is already suspended.</source>
        <translation>证书已处于暂停状态。</translation>
    </message>
    <message>
        <source>A suspended certificate cannot be transferred.</source>
        <translation>暂停状态的证书不能转换。</translation>
    </message>
    <message>
        <source>The certificate is suspended: restore it first.</source>
        <translation>证书已暂停：请先恢复。</translation>
    </message>
    <message>
        <source>The certificate has been withdrawn.</source>
        <translation>证书已撤销。</translation>
    </message>
    <message>
        <source>The certificate has been cancelled.</source>
        <translation>证书已注销。</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>证书已过期。</translation>
    </message>
    <message>
        <source>The certificate has expired: restart as an initial certification.</source>
        <translation>证书已过期：须按初次认证重新进行。</translation>
    </message>
    <message>
        <source>The restore window has closed.</source>
        <translation>恢复期限已过。</translation>
    </message>
    <message>
        <source>Technical area {subject} is not covered.</source>
        <translation>专业代码 {subject} 未被覆盖。</translation>
    </message>
    <message>
        <source>No registered auditor for {subject}.</source>
        <translation>没有 {subject} 领域的注册审核员。</translation>
    </message>
    <message>
        <source>{person} is not registered for the audit's standards.</source>
        <translation>{person} 未注册本次审核的认证领域。</translation>
    </message>
    <message>
        <source>{person}: registration for {subject} is not valid on the audit dates.</source>
        <translation>{person}：{subject} 注册资格在审核日期内无效。</translation>
    </message>
    <message>
        <source>{person} has declared a conflict with the client.</source>
        <translation>{person} 声明与受审核方存在利益冲突。</translation>
    </message>
    <message>
        <source>{person} has declared a conflict with the client's consultant.</source>
        <translation>{person} 声明与受审核方的咨询机构存在利益冲突。</translation>
    </message>
    <message>
        <source>{person} was on the last {count} audits: rotation due.</source>
        <translation>{person} 已连续参加 {count} 次审核：应轮换。</translation>
    </message>
    <message>
        <source>No team leader.</source>
        <translation>未指定审核组长。</translation>
    </message>
    <message>
        <source>{count} team leaders: appoint one.</source>
        <translation>有 {count} 名组长：只能指定一名。</translation>
    </message>
    <message>
        <source>{person} is not a registered lead auditor for this standard.</source>
        <translation>{person} 不是该领域的注册高级审核员。</translation>
    </message>
    <message>
        <source>No MD5 table time for this audit type.</source>
        <translation>该审核类型在 MD5 中没有表列时间。</translation>
    </message>
    <message>
        <source>The client has no effective personnel.</source>
        <translation>受审核方未填写有效人数。</translation>
    </message>
    <message>
        <source>No MD5 table for this scheme.</source>
        <translation>该领域没有 MD5 审核时间表。</translation>
    </message>
    <message>
        <source>Audit time cannot be computed.</source>
        <translation>无法计算审核时间。</translation>
    </message>
    <message>
        <source>Overdue nonconformities</source>
        <translation>逾期不符合项</translation>
    </message>
    <message>
        <source>Certificates at risk (overdue NCs)</source>
        <translation>有风险的证书（不符合项超期）</translation>
    </message>
    <message>
        <source>Audits in the next 30 days</source>
        <translation>30 天内的审核</translation>
    </message>
    <message>
        <source>Audits in the next 60 days</source>
        <translation>60 天内的审核</translation>
    </message>
    <message>
        <source>Audits in the next 90 days</source>
        <translation>90 天内的审核</translation>
    </message>
    <message>
        <source>Certificates to suspend</source>
        <translation>应暂停的证书</translation>
    </message>
    <message>
        <source>Certificates to withdraw</source>
        <translation>应撤销的证书</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>Due in 30 days</source>
        <translation>30 天内</translation>
    </message>
    <message>
        <source>Due in 60 days</source>
        <translation>60 天内</translation>
    </message>
    <message>
        <source>Due in 90 days</source>
        <translation>90 天内</translation>
    </message>
    <message>
        <source>Selected records</source>
        <translation>选定的记录</translation>
    </message>
    <message>
        <source>Surveillance window (months before latest)</source>
        <translation>监督审核窗口（最迟日期前月数）</translation>
    </message>
    <message>
        <source>Recertification window (months)</source>
        <translation>再认证审核窗口（月）</translation>
    </message>
    <message>
        <source>Recertification application (months before expiry)</source>
        <translation>再认证申请（到期前月数）</translation>
    </message>
    <message>
        <source>Certificate validity (years)</source>
        <translation>证书有效期（年）</translation>
    </message>
    <message>
        <source>NC response time (days)</source>
        <translation>不符合项整改期限（天）</translation>
    </message>
    <message>
        <source>Major NC verification (days)</source>
        <translation>严重不符合项验证期限（天）</translation>
    </message>
    <message>
        <source>Stage 2 major NC limit (months)</source>
        <translation>第二阶段严重不符合项期限（月）</translation>
    </message>
    <message>
        <source>Initial audit NC: certify within (months)</source>
        <translation>初次审核不符合项：认证决定期限（月）</translation>
    </message>
    <message>
        <source>Initial audit NC: follow-up (months)</source>
        <translation>初次审核不符合项：跟踪期限（月）</translation>
    </message>
    <message>
        <source>Surveillance NC: suspend after (months)</source>
        <translation>监督审核不符合项：逾期暂停（月）</translation>
    </message>
    <message>
        <source>Rotation after consecutive audits</source>
        <translation>连续审核次数达到后轮换</translation>
    </message>
    <message>
        <source>Auditor on-site days per year</source>
        <translation>审核员每年现场审核人日上限</translation>
    </message>
    <message>
        <source>Short-notice audit within (days)</source>
        <translation>提前较短时间通知的审核期限（天）</translation>
    </message>
    <message>
        <source>System in operation at least (months)</source>
        <translation>体系运行至少（月）</translation>
    </message>
    <message>
        <source>Bar after suspension/withdrawal (months)</source>
        <translation>暂停/撤销后不受理期限（月）</translation>
    </message>
    <message>
        <source>Monthly report due on day</source>
        <translation>每月上报截止日</translation>
    </message>
    <message>
        <source>Remote share of audit time at most (%)</source>
        <translation>远程审核时间占比上限（%）</translation>
    </message>
    <message>
        <source>Transfer near expiry handled as recertification (months)</source>
        <translation>临近到期的认证转换按再认证处理（月）</translation>
    </message>
    <message>
        <source>CNCA approval number</source>
        <translation>认监委批准号</translation>
    </message>
    <message>
        <source>Branch code (2 characters)</source>
        <translation>分支机构代码（2 位）</translation>
    </message>
    <message>
        <source>Foreign-invested CB (plan no. RF…)</source>
        <translation>外资认证机构（计划编号 RF…）</translation>
    </message>
    <message>
        <source>The database is locked by another program.

Close other AuditDesk windows or programs using the file (sync tools, backups) and try again.</source>
        <translation>数据库被其他程序锁定。

请关闭其他 AuditDesk 窗口或正在使用该文件的程序（同步工具、备份），然后重试。</translation>
    </message>
    <message>
        <source>The database file is read-only.

Copy it to a folder you can write to, or ask your administrator for write permission, then open it again.</source>
        <translation>数据库文件为只读。

请将其复制到有写入权限的文件夹，或请管理员授予写入权限，然后重新打开。</translation>
    </message>
    <message>
        <source>The disk is full. Your last change was not saved.

Free some disk space and repeat the action.</source>
        <translation>磁盘已满，最后的修改未能保存。

请释放磁盘空间后重复操作。</translation>
    </message>
    <message>
        <source>The database file is damaged.

Restore the latest backup (auditdesk restore) or ask your administrator. Do not keep working on this file.</source>
        <translation>数据库文件已损坏。

请恢复最近的备份（auditdesk restore）或联系管理员。不要继续使用此文件。</translation>
    </message>
    <message>
        <source>This file is not an AuditDesk database.

Choose another file.</source>
        <translation>此文件不是 AuditDesk 数据库。

请选择其他文件。</translation>
    </message>
    <message>
        <source>This database was written by a newer AuditDesk.

Update AuditDesk to open it.</source>
        <translation>此数据库由更新版本的 AuditDesk 写入。

请升级 AuditDesk 后再打开。</translation>
    </message>
    <message>
        <source>The database file cannot be found or opened.

Check the path and that the drive is connected.</source>
        <translation>找不到或无法打开数据库文件。

请检查路径以及磁盘是否已连接。</translation>
    </message>
    <message>
        <source>The database server does not answer.

Check the network connection and the server address; if it persists, ask your administrator whether the server is running.</source>
        <translation>数据库服务器没有响应。

请检查网络连接和服务器地址；如果问题持续，请联系管理员确认服务器是否在运行。</translation>
    </message>
    <message>
        <source>The database server refused the user name or password.

Check them, or ask your administrator for access.</source>
        <translation>数据库服务器拒绝了用户名或密码。

请检查，或向管理员申请访问权限。</translation>
    </message>
    <message>
        <source>The database cannot be used.

See the details.</source>
        <translation>数据库无法使用。

请查看详细信息。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>The audit's report is issued: the audit is read-only.</source>
        <translation>审核报告已签发：该审核为只读。</translation>
    </message>
    <message>
        <source>Someone else changed this record meanwhile. Reload it and repeat your change.</source>
        <translation>其他人已修改了此记录。请重新加载后再修改。</translation>
    </message>
    <message>
        <source>Your database account may not set up or change this database.

Ask your administrator to open it once as the database's owner role, or to grant your account the rights the README lists.</source>
        <translation>您的数据库账户无权建立或修改此数据库。

请管理员用数据库所有者角色打开一次，或按说明文档为您的账户授予所需权限。</translation>
    </message>
    <message>
        <source>This change is not allowed now.</source>
        <translation>当前不允许此项变更。</translation>
    </message>
    <message>
        <source>Some fields need correcting.</source>
        <translation>部分字段需要更正。</translation>
    </message>
    <message>
        <source>The action could not be done.</source>
        <translation>操作未能完成。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Audits</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Nonconformities</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>审核日程</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>认证标准</translation>
    </message>
    <message>
        <source>Auditors</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>AuditDesk</source>
        <translation>AuditDesk 审核助手</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Export surveillance schedule…</source>
        <translation>导出年度监督审核计划…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Import audit package…</source>
        <translation>导入审核资料包…</translation>
    </message>
    <message>
        <source>Merge conflicts…</source>
        <translation>合并冲突…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Users and sign-ins…</source>
        <translation>用户与登录记录…</translation>
    </message>
    <message>
        <source>Back up the database…</source>
        <translation>备份数据库…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做 %1</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About AuditDesk</source>
        <translation>关于 AuditDesk</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记表</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>待审核队列</translation>
    </message>
</context>
<context>
    <name>MarksDialog</name>
    <message>
        <source>Accreditation marks</source>
        <translation>认可标志</translation>
    </message>
</context>
<context>
    <name>NCDetailDialog</name>
    <message>
        <source>Nonconformity</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Edit draft…</source>
        <translation>编辑草稿…</translation>
    </message>
    <message>
        <source>Issue to client</source>
        <translation>发给受审核方</translation>
    </message>
    <message>
        <source>Enter client response…</source>
        <translation>录入受审核方回复…</translation>
    </message>
    <message>
        <source>Accept response</source>
        <translation>接受回复</translation>
    </message>
    <message>
        <source>Reject response…</source>
        <translation>退回回复…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Needs the %1 role</source>
        <translation>需要%1角色</translation>
    </message>
    <message>
        <source>Export NC form…</source>
        <translation>导出不符合报告…</translation>
    </message>
    <message>
        <source>The NC form for the client to answer, as Word or PDF</source>
        <translation>供受审核方填写回复的不符合报告（Word 或 PDF）</translation>
    </message>
    <message>
        <source>Reject response</source>
        <translation>退回回复</translation>
    </message>
    <message>
        <source>Why is the response not acceptable? The client will be told.</source>
        <translation>回复为什么不能接受？该理由将告知受审核方。</translation>
    </message>
    <message>
        <source>Reopen nonconformity</source>
        <translation>重新打开不符合项</translation>
    </message>
    <message>
        <source>Why must this NC be reopened? The reason is kept in its history.</source>
        <translation>为什么要重新打开此不符合项？理由将记入其历史。</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Attachment not stored</source>
        <translation>附件未保存</translation>
    </message>
</context>
<context>
    <name>NCDetailWidget</name>
    <message>
        <source>Select a nonconformity</source>
        <translation>请选择一项不符合</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>客观证据</translation>
    </message>
    <message>
        <source>Why it does not conform</source>
        <translation>不符合的理由</translation>
    </message>
    <message>
        <source>Linked evidence</source>
        <translation>关联的审核证据</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Verification due</source>
        <translation>验证期限</translation>
    </message>
    <message>
        <source>effectiveness checked at the next audit</source>
        <translation>有效性在下次审核时验证</translation>
    </message>
    <message>
        <source>Stage 2 repeated if not verified by</source>
        <translation>逾期未验证则重新进行第二阶段审核，期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Response received on</source>
        <translation>收到回复日期</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>纠正</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Planned / done</source>
        <translation>计划 / 完成</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>not effective</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Re-verified at audit</source>
        <translation>在以下审核中复查</translation>
    </message>
</context>
<context>
    <name>NCDialog</name>
    <message>
        <source>Edit draft nonconformity</source>
        <translation>编辑不符合项草稿</translation>
    </message>
    <message>
        <source>Raise nonconformity</source>
        <translation>开具不符合项</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Evidence that shows the nonconformity (at least one)</source>
        <translation>证明该不符合的审核证据（至少一条）</translation>
    </message>
    <message>
        <source>Standard and clause, and what it requires</source>
        <translation>标准及条款，以及其要求</translation>
    </message>
    <message>
        <source>What was seen, where, record numbers</source>
        <translation>看到了什么、在哪里、记录编号</translation>
    </message>
    <message>
        <source>Why this does not conform to the requirement</source>
        <translation>为什么不符合该要求</translation>
    </message>
    <message>
        <source>1. Requirement</source>
        <translation>1. 要求</translation>
    </message>
    <message>
        <source>2. Objective evidence</source>
        <translation>2. 客观证据</translation>
    </message>
    <message>
        <source>3. Why it does not conform</source>
        <translation>3. 不符合的理由</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Save and issue</source>
        <translation>保存并发出</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Both of you changed: %1. Yours was kept; check it.</source>
        <translation>双方都修改了：%1。已保留您的修改，请核对。</translation>
    </message>
</context>
<context>
    <name>NCFormDialog</name>
    <message>
        <source>Export NC form</source>
        <translation>导出不符合报告</translation>
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
        <translation>格式</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>NCTexts</name>
    <message>
        <source>Major (严重不符合): affects the capability of the management system to achieve its intended results — e.g. significant doubt that process control is effective, or several minors on the same requirement showing a systemic failure (ISO/IEC 17021-1 3.12).</source>
        <translation>严重不符合：影响管理体系实现预期结果的能力——例如对过程控制是否有效存在重大疑问，或针对同一要求的多项一般不符合显示出系统性失效（ISO/IEC 17021-1 3.12）。</translation>
    </message>
    <message>
        <source>Minor (一般不符合): does not affect the capability of the management system to achieve its intended results (ISO/IEC 17021-1 3.13).</source>
        <translation>一般不符合：不影响管理体系实现预期结果的能力（ISO/IEC 17021-1 3.13）。</translation>
    </message>
    <message>
        <source>Only a draft NC can be edited; this one has been issued.</source>
        <translation>只能编辑草稿状态的不符合项；此项已发出。</translation>
    </message>
    <message>
        <source>This NC has already been issued.</source>
        <translation>此不符合项已发出。</translation>
    </message>
    <message>
        <source>This NC is not waiting for a client response.</source>
        <translation>此不符合项不在等待受审核方回复。</translation>
    </message>
    <message>
        <source>There is no client response waiting for review.</source>
        <translation>没有待评审的受审核方回复。</translation>
    </message>
    <message>
        <source>Only an NC whose response was accepted can be verified.</source>
        <translation>只有回复已被接受的不符合项才能验证。</translation>
    </message>
    <message>
        <source>An NC must be verified before it is closed.</source>
        <translation>不符合项须先验证才能关闭。</translation>
    </message>
    <message>
        <source>Only a verified or closed NC can be reopened.</source>
        <translation>只有已验证或已关闭的不符合项才能重新打开。</translation>
    </message>
    <message>
        <source>This NC is closed; only an administrator can reopen it.</source>
        <translation>此不符合项已关闭，只有管理员可以重新打开。</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Objective evidence</source>
        <translation>客观证据</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Linked evidence</source>
        <translation>关联的审核证据</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>纠正</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Response received on</source>
        <translation>收到回复日期</translation>
    </message>
    <message>
        <source>Verification method</source>
        <translation>验证方式</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>Effectiveness</source>
        <translation>有效性</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>link at least one evidence item</source>
        <translation>至少关联一条审核证据</translation>
    </message>
    <message>
        <source>evidence of another audit</source>
        <translation>属于其他审核的证据</translation>
    </message>
    <message>
        <source>clause of a standard this audit does not cover</source>
        <translation>本次审核未覆盖该标准的条款</translation>
    </message>
    <message>
        <source>before the response was received</source>
        <translation>早于收到回复的日期</translation>
    </message>
    <message>
        <source>only document review can be done in bulk</source>
        <translation>只有文件审查可以批量进行</translation>
    </message>
    <message>
        <source>nothing selected</source>
        <translation>未选择任何项</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>lead auditor</source>
        <translation>审核组长</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>You are signed in as %1 (%2). This action needs the %3 role.</source>
        <translation>您当前以 %1（%2）身份登录，此操作需要%3角色。</translation>
    </message>
    <message>
        <source>The dialog shows the current state; repeat the action if it is still needed.</source>
        <translation>对话框显示的是当前状态；如仍需要，请重新操作。</translation>
    </message>
    <message>
        <source>Someone else changed this nonconformity meanwhile. The list shows the current state; please look again and repeat the action if it is still needed.</source>
        <translation>其他人刚刚修改了此不符合项。列表已显示其当前状态，请重新查看，如仍需要请再次操作。</translation>
    </message>
    <message>
        <source>The audit's report has been issued: its findings can no longer be changed.</source>
        <translation>该审核报告已发布，其审核发现不能再修改。</translation>
    </message>
    <message>
        <source>CB setting</source>
        <translation>认证机构设置</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>The package file is cut short or damaged (perhaps an incomplete copy). Copy it again from the sender.</source>
        <translation>资料包文件不完整或已损坏（可能未复制完整）。请向发送方重新获取。</translation>
    </message>
    <message>
        <source>This file is not an AuditDesk audit package.</source>
        <translation>该文件不是 AuditDesk 审核资料包。</translation>
    </message>
    <message>
        <source>The package is encrypted: its password is needed.</source>
        <translation>该资料包已加密：需要输入密码。</translation>
    </message>
    <message>
        <source>The password is wrong (or the encrypted package was altered).</source>
        <translation>密码错误（或加密的资料包已被改动）。</translation>
    </message>
    <message>
        <source>The package holds a file path outside the package; it may be hostile and was not opened.</source>
        <translation>资料包中含有指向包外的文件路径，可能是恶意文件，未予打开。</translation>
    </message>
    <message>
        <source>The package holds a link; it may be hostile and was not opened.</source>
        <translation>资料包中含有链接，可能是恶意文件，未予打开。</translation>
    </message>
    <message>
        <source>The package holds the same entry twice; it was altered.</source>
        <translation>资料包中同一条目出现两次：资料包已被改动。</translation>
    </message>
    <message>
        <source>The package holds an entry larger than AuditDesk accepts.</source>
        <translation>资料包中有条目超过 AuditDesk 允许的大小。</translation>
    </message>
    <message>
        <source>The package unpacks to far more than its size (a compression bomb); it was not opened.</source>
        <translation>资料包解压后远大于其自身大小（压缩炸弹），未予打开。</translation>
    </message>
    <message>
        <source>A file in the package does not have the size its list says; the package was altered or damaged.</source>
        <translation>资料包中有文件的大小与清单不符：资料包已被改动或已损坏。</translation>
    </message>
    <message>
        <source>An attachment in the package does not match its fingerprint; the package was altered or damaged.</source>
        <translation>资料包中有附件与其校验值不符：资料包已被改动或已损坏。</translation>
    </message>
    <message>
        <source>The package was made by a newer AuditDesk. Update AuditDesk, then import it again.</source>
        <translation>该资料包由更新版本的 AuditDesk 生成。请先升级 AuditDesk，再重新导入。</translation>
    </message>
    <message>
        <source>The package's contents list is not valid; the package was altered or damaged.</source>
        <translation>资料包的内容清单无效：资料包已被改动或已损坏。</translation>
    </message>
    <message>
        <source>A file the package lists is missing from it.</source>
        <translation>资料包清单中列出的文件在包内缺失。</translation>
    </message>
    <message>
        <source>The package refers to records that are neither in it nor in this database (for example a standard not loaded here).</source>
        <translation>资料包引用了既不在包内、也不在本数据库中的记录（例如本机未加载的标准）。</translation>
    </message>
    <message>
        <source>The package was made by an older AuditDesk that merged by snapshot. Update AuditDesk on that computer, then export the package again.</source>
        <translation>该资料包由按快照合并的旧版 AuditDesk 制作。请先在那台电脑上更新 AuditDesk，再重新导出资料包。</translation>
    </message>
    <message>
        <source>This package was made by this database itself; import it on the other one.</source>
        <translation>该资料包就是本数据库自己导出的；请在另一台电脑上导入。</translation>
    </message>
    <message>
        <source>The package clashes with records in this database (the same number used by a different record).</source>
        <translation>资料包与本数据库中的记录冲突（同一编号被另一条记录使用）。</translation>
    </message>
    <message>
        <source>Package %1 from %2 is missing — import it first.</source>
        <translation>来自 %2 的第 %1 号资料包缺失——请先导入它。</translation>
    </message>
    <message>
        <source>This database lacks changes the package from %1 builds on (restored from an older backup?) — import that computer's earlier packages first.</source>
        <translation>本数据库缺少来自 %1 的资料包所依据的更改（是否从较旧的备份恢复过？）——请先导入该电脑之前的资料包。</translation>
    </message>
    <message>
        <source>The package was refused (%1).</source>
        <translation>资料包被拒绝（%1）。</translation>
    </message>
    <message>
        <source>Password for the package (leave empty for no encryption):</source>
        <translation>资料包密码（留空则不加密）：</translation>
    </message>
    <message>
        <source>Package password</source>
        <translation>资料包密码</translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation>再次输入同一密码：</translation>
    </message>
    <message>
        <source>The two passwords differ. Enter the password again:</source>
        <translation>两次输入的密码不一致。请重新输入密码：</translation>
    </message>
    <message>
        <source>Export audit package</source>
        <translation>导出审核资料包</translation>
    </message>
    <message>
        <source>Select an audit first.</source>
        <translation>请先选择一个审核。</translation>
    </message>
    <message>
        <source>AuditDesk audit package (*.adpkg)</source>
        <translation>AuditDesk 审核资料包（*.adpkg）</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>The audit package of %1 was written to:</source>
        <translation>审核 %1 的审核资料包已导出至：</translation>
    </message>
    <message>
        <source>%1 records.</source>
        <translation>共 %1 条记录。</translation>
    </message>
    <message>
        <source>Encrypted with a password: give the password to the auditor separately, not with the file.</source>
        <translation>已用密码加密：请把密码另行告知审核员，不要与文件一起发送。</translation>
    </message>
    <message>
        <source>Not encrypted.</source>
        <translation>未加密。</translation>
    </message>
    <message>
        <source>Audit package not written</source>
        <translation>审核资料包未导出</translation>
    </message>
    <message>
        <source>An attachment of the audit is missing or damaged in the attachment store. Run the database check first. No package was written.</source>
        <translation>附件库中缺少该审核的附件或附件已损坏。请先运行数据库检查。未写出任何资料包。</translation>
    </message>
    <message>
        <source>Exporting the audit package…</source>
        <translation>正在导出审核资料包…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Export audit package…</source>
        <translation>导出审核资料包…</translation>
    </message>
    <message>
        <source>The selected audit as a package file for an auditor's laptop (work offline, then import it back)</source>
        <translation>把所选审核导出为审核资料包，供审核员在笔记本上离线工作，完成后再导入合并</translation>
    </message>
    <message>
        <source>Export an auditor's audits…</source>
        <translation>导出某审核员的审核…</translation>
    </message>
    <message>
        <source>Every open audit of one auditor in a date window (their week) in one package file for their laptop</source>
        <translation>把一名审核员在某一时间段（如本周）内的全部未完成审核放进一个资料包，供其笔记本电脑使用</translation>
    </message>
    <message>
        <source>%1 is encrypted. Password:</source>
        <translation>%1 已加密。密码：</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Merged the audit package exported by %1.</source>
        <translation>已合并由 %1 导出的审核资料包。</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>新建：%1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>更新：%1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>未变：%1</translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <source>Attachments: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>NC %1 was renumbered to %2: another NC already had its number.</source>
        <translation>不符合项 %1 已重新编号为 %2：原编号已被另一不符合项占用。</translation>
    </message>
    <message>
        <source>It had been issued: the client's NC form shows the old number %1; tell the client.</source>
        <translation>该不符合项此前已发给客户：客户手中的不符合项报告上仍是原编号 %1，请告知客户。</translation>
    </message>
    <message>
        <source>%1 change(s) were refused (role, issued report or NC lifecycle) and are kept, not applied, in Merge conflicts → Refused changes for a lead or admin to accept or drop.</source>
        <translation>%1 项更改被拒绝（角色、已签发报告或不符合项流程），已保留但未应用，见“合并冲突 → 被拒绝的更改”，由审核组长或管理员接受或放弃。</translation>
    </message>
    <message>
        <source>Warning: the change log of the computer that made this package was rewritten since its last package (restored from a backup or altered). Run a check there.</source>
        <translation>警告：制作该资料包的电脑的变更日志自其上一个资料包以来被改写过（从备份恢复或被篡改）。请在那台电脑上运行检查。</translation>
    </message>
    <message>
        <source>Where a field was changed both here and on the laptop, the value here is kept and both values wait in Merge conflicts for a lead to decide.</source>
        <translation>本机和笔记本上都修改过的字段保留本机的值，双方的值都保存在“合并冲突”中，由审核组长决定。</translation>
    </message>
    <message>
        <source>Audit package imported</source>
        <translation>审核资料包已导入</translation>
    </message>
    <message>
        <source>Open merge conflicts…</source>
        <translation>打开合并冲突…</translation>
    </message>
    <message>
        <source>Import audit package</source>
        <translation>导入审核资料包</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>正在合并 %1…</translation>
    </message>
    <message>
        <source>Audit package refused</source>
        <translation>审核资料包被拒绝</translation>
    </message>
    <message>
        <source>%1 was not imported.</source>
        <translation>%1 未导入。</translation>
    </message>
    <message>
        <source>Nothing was written: this database is unchanged.</source>
        <translation>未写入任何数据：本数据库保持不变。</translation>
    </message>
    <message>
        <source>Importing the audit package…</source>
        <translation>正在导入审核资料包…</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole photo in the window (0 or Ctrl+0)</source>
        <translation>在窗口中显示整张照片（0 或 Ctrl+0）</translation>
    </message>
    <message>
        <source>Actual size 100 %</source>
        <translation>实际大小 100%</translation>
    </message>
    <message>
        <source>One photo pixel per screen pixel (1)</source>
        <translation>按实际像素显示：照片的一个像素对应屏幕的一个像素（1）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+= or the mouse wheel)</source>
        <translation>放大（+、Ctrl+= 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+- or the mouse wheel)</source>
        <translation>缩小（-、Ctrl+- 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>%1 % (fit to window)</source>
        <translation>%1%（适应窗口）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <source>Check-in photo</source>
        <translation>认证到照片</translation>
    </message>
    <message>
        <source>e.g. 2nd floor meeting room, main plant</source>
        <translation>例如：总部工厂二楼会议室</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>PlanActions</name>
    <message>
        <source>Evidence against the plan: %1</source>
        <translation>证据与审核计划核查：%1</translation>
    </message>
    <message>
        <source>The evidence is consistent with the audit plan.</source>
        <translation>证据与审核计划一致。</translation>
    </message>
    <message>
        <source>Change plan…</source>
        <translation>修改计划…</translation>
    </message>
    <message>
        <source>Check against plan</source>
        <translation>对照计划核查</translation>
    </message>
    <message>
        <source>Evidence times and sites, photo times and NC sites against the audit plan</source>
        <translation>对照审核计划核查证据的时间和场所、照片拍摄时间及不符合引用的场所</translation>
    </message>
</context>
<context>
    <name>PlanningDialog</name>
    <message>
        <source>Change audit plan %1</source>
        <translation>修改审核计划 %1</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Plan an audit</source>
        <translation>策划审核</translation>
    </message>
    <message>
        <source>Cancel this audit…</source>
        <translation>取消本次审核…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>审核日期</translation>
    </message>
    <message>
        <source>Plan document (ISO/IEC 17021-1 9.2.3)</source>
        <translation>审核计划文件（GB/T 27021.1 9.2.3）</translation>
    </message>
    <message>
        <source>Plan number</source>
        <translation>计划编号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Audit language</source>
        <translation>审核语言</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>保密要求</translation>
    </message>
    <message>
        <source>Accompanying persons</source>
        <translation>陪同人员</translation>
    </message>
    <message>
        <source>Confirmed by (client)</source>
        <translation>受审核方确认人</translation>
    </message>
    <message>
        <source>Confirmed on</source>
        <translation>确认日期</translation>
    </message>
    <message>
        <source>Standard confidentiality statement</source>
        <translation>标准保密声明</translation>
    </message>
    <message>
        <source>Guides, interpreters, observers</source>
        <translation>向导、翻译、观察员</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese and English</source>
        <translation>中文和英文</translation>
    </message>
    <message>
        <source>Proposal from the rules</source>
        <translation>规则建议</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>审核组</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>人日</translation>
    </message>
    <message>
        <source>专业代码 covered</source>
        <translation>覆盖的专业代码</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The audit ends after the latest date.</source>
        <translation>审核结束日期晚于最迟日期。</translation>
    </message>
    <message>
        <source>The audit starts before the window opens.</source>
        <translation>审核开始日期早于计划窗口。</translation>
    </message>
    <message>
        <source>Give a reason for the change.</source>
        <translation>请填写修改理由。</translation>
    </message>
    <message>
        <source>%1: not a date that exists (use yyyy-mm-dd)</source>
        <translation>%1：不是存在的日期（请用 yyyy-mm-dd）</translation>
    </message>
    <message>
        <source>You both changed: %1. Yours is shown; check it and save again.</source>
        <translation>你们都修改了：%1。显示的是你的值；请核对后再保存。</translation>
    </message>
    <message>
        <source>Give a reason for cancelling the audit.</source>
        <translation>请填写取消审核的理由。</translation>
    </message>
    <message>
        <source>Cancel this audit</source>
        <translation>取消本次审核</translation>
    </message>
    <message>
        <source>Cancel audit %1? It stays in the register as cancelled, with your reason.</source>
        <translation>取消审核 %1？它将以“已取消”状态连同您的理由保留在登记册中。</translation>
    </message>
    <message>
        <source>Plan audit</source>
        <translation>创建审核计划</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Team and plan checks</source>
        <translation>审核组及计划核查</translation>
    </message>
    <message>
        <source>History of this plan</source>
        <translation>计划变更记录</translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation>修改理由：</translation>
    </message>
    <message>
        <source>Required for any change</source>
        <translation>任何修改都须填写</translation>
    </message>
    <message>
        <source>Member's codes: %1</source>
        <translation>该成员的专业代码：%1</translation>
    </message>
    <message>
        <source>Choose at least one certificate.</source>
        <translation>请至少选择一张证书。</translation>
    </message>
    <message>
        <source>%1: %2 audit days (MD5 table %3 days for %4 persons)</source>
        <translation>%1：%2 人日（MD5 表：%4 人对应 %3 人日）</translation>
    </message>
    <message>
        <source>Sites: visit %1 of %2 (IAF MD1)</source>
        <translation>场所：抽样 %1 / 共 %2 个（IAF MD1）</translation>
    </message>
    <message>
        <source>Programme window: %1 to %2</source>
        <translation>方案窗口：%1 至 %2</translation>
    </message>
    <message>
        <source>No problems found with this team.</source>
        <translation>审核组未发现问题。</translation>
    </message>
</context>
<context>
    <name>PreviousNCsWidget</name>
    <message>
        <source>Previous nonconformities to re-verify at this audit</source>
        <translation>本次审核需复查的以往不符合项</translation>
    </message>
    <message>
        <source>NC</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Re-verified here</source>
        <translation>本次复查</translation>
    </message>
    <message>
        <source>Record re-verification…</source>
        <translation>记录复查结果…</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>not effective</source>
        <translation>无效</translation>
    </message>
    <message numerus="yes">
        <source>%n not yet re-verified</source>
        <translation><numerusform>%n 项尚未复查</numerusform></translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Open audit workspace</source>
        <translation>打开审核工作区</translation>
    </message>
    <message>
        <source>Open in NC review</source>
        <translation>在不符合项审核中打开</translation>
    </message>
</context>
<context>
    <name>RefusedModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Refused value</source>
        <translation>被拒绝的值</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Select an audit first.</source>
        <translation>请先选择一个审核。</translation>
    </message>
    <message>
        <source>Documents…</source>
        <translation>文档…</translation>
    </message>
    <message>
        <source>Audit report, plan and case draft of the selected audit; issue the report</source>
        <translation>所选审核的审核报告、审核计划和案例初稿；签发报告</translation>
    </message>
    <message>
        <source>Year </source>
        <translation>年度 </translation>
    </message>
    <message>
        <source>Export schedule…</source>
        <translation>导出监督审核计划表…</translation>
    </message>
    <message>
        <source>The annual surveillance schedule as an Excel workbook</source>
        <translation>年度监督审核计划表（Excel 工作簿）</translation>
    </message>
    <message>
        <source>Add or update standard from file…</source>
        <translation>从文件添加或更新标准…</translation>
    </message>
    <message>
        <source>Add or update standard from file</source>
        <translation>从文件添加或更新标准</translation>
    </message>
    <message>
        <source>Standard files (*.json)</source>
        <translation>标准文件 (*.json)</translation>
    </message>
    <message>
        <source>Standard loaded</source>
        <translation>标准已载入</translation>
    </message>
    <message>
        <source>%1 loaded from %2 (%3 clauses).</source>
        <translation>已从 %2 载入 %1（%3 个条款）。</translation>
    </message>
    <message>
        <source>Not a usable standard file</source>
        <translation>不是可用的标准文件</translation>
    </message>
    <message>
        <source>%1 was not loaded; nothing was changed.

%2</source>
        <translation>%1 未载入，未做任何更改。

%2</translation>
    </message>
    <message>
        <source>Loading the standard…</source>
        <translation>正在载入标准…</translation>
    </message>
</context>
<context>
    <name>RegisterExport</name>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Every record of this view, with its search and filters, as Excel</source>
        <translation>将此视图（按当前搜索和筛选）的全部记录导出为 Excel</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿（*.xlsx）</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记表</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Archived records</source>
        <translation>已归档记录</translation>
    </message>
    <message>
        <source>included</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>%1 records written to %2.</source>
        <translation>已将 %1 条记录写入 %2。</translation>
    </message>
    <message>
        <source>Exporting the register…</source>
        <translation>正在导出台账…</translation>
    </message>
</context>
<context>
    <name>RegisterWidget</name>
    <message>
        <source>Search (Chinese or English)…  Ctrl+F</source>
        <translation>搜索（中文或英文）…  Ctrl+F</translation>
    </message>
    <message>
        <source>All: %1</source>
        <translation>全部：%1</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Show all records</source>
        <translation>显示全部记录</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>Filtered: %1</source>
        <translation>已筛选：%1</translation>
    </message>
    <message>
        <source>Filter “%1”…</source>
        <translation>筛选“%1”…</translation>
    </message>
    <message>
        <source>Clear column filters</source>
        <translation>清除列筛选</translation>
    </message>
    <message>
        <source>Show rows containing:</source>
        <translation>显示包含以下内容的行：</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
</context>
<context>
    <name>RegulatorReportDialog</name>
    <message>
        <source>Report to the regulator</source>
        <translation>向监管部门报告</translation>
    </message>
    <message>
        <source>%1: latest %2, %3 days in breach</source>
        <translation>%1：最迟 %2，违规 %3 天</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>违规事项</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>上报日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Before the breach began (the day after the latest date).</source>
        <translation>早于违规开始日期（最迟日期的次日）。</translation>
    </message>
    <message>
        <source>A report cannot be dated after today.</source>
        <translation>上报日期不能晚于今天。</translation>
    </message>
    <message>
        <source>A report is already recorded for this breach.</source>
        <translation>该违规事项已登记上报。</translation>
    </message>
    <message>
        <source>This surveillance is not in breach.</source>
        <translation>该次监督没有违规。</translation>
    </message>
    <message>
        <source>Not a surveillance.</source>
        <translation>不是监督审核。</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>Client response</source>
        <translation>受审核方回复</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>纠正</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Done date</source>
        <translation>实际完成日期</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Add attachment…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach files of the client's response</source>
        <translation>添加受审核方回复的附件</translation>
    </message>
</context>
<context>
    <name>ReverificationDialog</name>
    <message>
        <source>Re-verify %1</source>
        <translation>复查 %1</translation>
    </message>
    <message>
        <source>What was checked at this audit, and is the corrective action effective?</source>
        <translation>本次审核验证了什么？纠正措施是否有效？</translation>
    </message>
    <message>
        <source>Corrective action effective</source>
        <translation>纠正措施有效</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>NC</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>认证标准</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Certificate at risk: %1 (%2)</source>
        <translation>证书有风险：%1（%2）</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <source>Review queue</source>
        <translation>待审核队列</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>截止不晚于</translation>
    </message>
    <message>
        <source>All audits</source>
        <translation>全部审核</translation>
    </message>
    <message>
        <source>Show NCs of audits led by others too</source>
        <translation>同时显示其他审核组长所负责审核的不符合项</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>受审核方</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>认证标准</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Accept response</source>
        <translation>接受回复</translation>
    </message>
    <message>
        <source>Reject response…</source>
        <translation>退回回复…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证…</translation>
    </message>
    <message>
        <source>Bulk verify (document review)…</source>
        <translation>批量验证（文件审查）…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{n} NC waiting</source>
        <translation>{n} 项待处理</translation>
    </message>
    <message>
        <source>{n} NCs waiting</source>
        <translation>{n} 项待处理</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation><numerusform>%n 项逾期</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n more in audits led by others (tick "All audits")</source>
        <translation><numerusform>其他组长负责的审核中另有 %n 项（勾选“全部审核”）</numerusform></translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Reject response</source>
        <translation>退回回复</translation>
    </message>
    <message>
        <source>Why is the response not acceptable? The client will be told.</source>
        <translation>回复为什么不能接受？该理由将告知受审核方。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Certification body settings</source>
        <translation>认证机构设置</translation>
    </message>
    <message>
        <source>These values change deadlines and audit programmes for every user. Only administrators can change them.</source>
        <translation>这些设置会改变所有用户的期限和审核方案，仅管理员可以修改。</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Planning: travel between sites</source>
        <translation>计划：场所之间的路程时间</translation>
    </message>
    <message>
        <source>The plan check warns when a member has less time than this between sessions at two different sites. Travel is not audit time.</source>
        <translation>组员在两个不同场所的审核安排之间的间隔少于此时间时，计划检查会给出提示。路程时间不计入审核时间。</translation>
    </message>
    <message>
        <source>Travel time between two sites</source>
        <translation>两个场所之间的路程时间</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Other site</source>
        <translation>另一场所</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Travel times for particular pairs of sites</source>
        <translation>特定场所之间的路程时间</translation>
    </message>
    <message>
        <source>Pairs of sites that need another time:</source>
        <translation>需另行设定时间的场所组合：</translation>
    </message>
    <message>
        <source>Add pair</source>
        <translation>添加场所组合</translation>
    </message>
    <message>
        <source>Remove pair</source>
        <translation>删除场所组合</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>between 0 and %1 minutes.</source>
        <translation>应在 0 至 %1 分钟之间。</translation>
    </message>
    <message>
        <source>give both sites.</source>
        <translation>请填写两个场所。</translation>
    </message>
    <message>
        <source>a site's name has at most 200 characters.</source>
        <translation>场所名称最多 200 个字符。</translation>
    </message>
    <message>
        <source>the two sites must differ.</source>
        <translation>两个场所不能相同。</translation>
    </message>
    <message>
        <source>this pair of sites is listed twice.</source>
        <translation>该场所组合重复列出。</translation>
    </message>
    <message>
        <source>a day between 1 and 28.</source>
        <translation>应为 1 至 28 日之间的某一天。</translation>
    </message>
    <message>
        <source>2 letters or digits.</source>
        <translation>应为 2 位字母或数字。</translation>
    </message>
    <message>
        <source>at least 3 digits.</source>
        <translation>至少包含 3 位数字。</translation>
    </message>
    <message>
        <source>not less than the months to certify after an initial audit's NCs.</source>
        <translation>不得少于初次审核不符合项的认证决定期限（月）。</translation>
    </message>
    <message>
        <source>Travel times, row %1</source>
        <translation>路程时间第 %1 行</translation>
    </message>
    <message>
        <source>not a valid value.</source>
        <translation>数值无效。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to AuditDesk</source>
        <translation>登录 AuditDesk</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first account: it will be the administrator. (Demonstration data can be loaded next.)</source>
        <translation>此数据库还没有用户。请创建第一个账户：它将是管理员。（随后可以加载演示数据。）</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>请登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Remember me on this computer (a laptop only I use)</source>
        <translation>在此电脑上记住我（仅限本人专用的笔记本）</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>That name is taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>That name is reserved.</source>
        <translation>该用户名为系统保留。</translation>
    </message>
    <message>
        <source>The user name is too long.</source>
        <translation>用户名过长。</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>密码至少需要 8 个字符。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again after %1.</source>
        <translation>登录失败次数过多。请在 %1 之后再试。</translation>
    </message>
</context>
<context>
    <name>StatusEventDialog</name>
    <message>
        <source>You both changed the scope; yours is shown: check it and press OK.</source>
        <translation>你们都修改了范围；显示的是你的范围：请核对后再按“确定”。</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Connecting to the office database…</source>
        <translation>正在连接办公室数据库…</translation>
    </message>
    <message>
        <source>Collecting this laptop's changes…</source>
        <translation>正在收集本笔记本的更改…</translation>
    </message>
    <message>
        <source>Merging into the office database…</source>
        <translation>正在合并到办公室数据库…</translation>
    </message>
    <message>
        <source>Merging the office's changes here…</source>
        <translation>正在合并办公室的更改…</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>The office address names this laptop's own database.</source>
        <translation>办公室地址指向的是本笔记本自己的数据库。</translation>
    </message>
    <message>
        <source>This laptop was filled from another office database: sync with that one.</source>
        <translation>本笔记本的数据来自另一个办公室数据库：请与该数据库同步。</translation>
    </message>
    <message>
        <source>This laptop holds no audit yet: fill it from the office with an audit package first, or sync from the command line with --audit.</source>
        <translation>本笔记本还没有任何审核：请先用办公室导出的审核资料包填充，或在命令行中使用 --audit 同步。</translation>
    </message>
    <message>
        <source>The office refused the sign-in: wrong password, or no such user there.</source>
        <translation>办公室拒绝登录：密码错误，或办公室没有该用户。</translation>
    </message>
    <message>
        <source>Sync now…</source>
        <translation>立即同步…</translation>
    </message>
    <message>
        <source>Exchange this laptop's changes with the office database (online)</source>
        <translation>与办公室数据库在线交换本笔记本的更改</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Address of the office database (postgresql+psycopg://server/database):</source>
        <translation>办公室数据库地址（postgresql+psycopg://服务器/数据库）：</translation>
    </message>
    <message>
        <source>Your password at the office (%1):</source>
        <translation>您在办公室数据库的密码（%1）：</translation>
    </message>
    <message>
        <source>This laptop → office</source>
        <translation>本笔记本 → 办公室</translation>
    </message>
    <message>
        <source>Office → this laptop</source>
        <translation>办公室 → 本笔记本</translation>
    </message>
    <message>
        <source>%1: %2 new, %3 updated, %4 conflicts, %5 refused, %6 files</source>
        <translation>%1：新增 %2，更新 %3，冲突 %4，被拒绝 %5，文件 %6</translation>
    </message>
    <message>
        <source>Already in sync: nothing changed.</source>
        <translation>已是同步状态：没有任何更改。</translation>
    </message>
    <message>
        <source>The office holds refused changes for a lead or admin to accept or drop.</source>
        <translation>办公室保留了被拒绝的更改，需由组长或管理员接受或放弃。</translation>
    </message>
    <message>
        <source>Show conflicts</source>
        <translation>查看冲突</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>同步被拒绝</translation>
    </message>
    <message>
        <source>Nothing was merged: the records of both databases are unchanged.</source>
        <translation>未合并任何内容：两个数据库的记录均未改变。</translation>
    </message>
    <message>
        <source>Syncing with the office…</source>
        <translation>正在与办公室同步…</translation>
    </message>
</context>
<context>
    <name>TeamJudgementsDialog</name>
    <message>
        <source>Team judgements and statements</source>
        <translation>审核组判定和说明</translation>
    </message>
    <message>
        <source>Not yet judged</source>
        <translation>未判定</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Is the certification scope appropriate?</source>
        <translation>认证范围是否适宜？</translation>
    </message>
    <message>
        <source>Were the audit objectives met?</source>
        <translation>审核目的是否实现？</translation>
    </message>
    <message>
        <source>Conclusion of the team</source>
        <translation>审核组结论</translation>
    </message>
    <message>
        <source>What the team checked and found ("none" is not a statement)</source>
        <translation>审核组查了什么、发现了什么（“无”不算说明）</translation>
    </message>
</context>
<context>
    <name>TerminationDialog</name>
    <message>
        <source>Terminate audit (撤组) — %1</source>
        <translation>撤组（终止审核）— %1</translation>
    </message>
    <message>
        <source>Reasons (the team leader proposes, the CB decides):</source>
        <translation>撤组原因（审核组长提出，认证机构决定）：</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Terminated on</source>
        <translation>撤组日期</translation>
    </message>
    <message>
        <source>CB sets the re-audit date</source>
        <translation>由认证机构指定再审核日期</translation>
    </message>
    <message>
        <source>Agreed by:</source>
        <translation>同意人：</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users and sign-ins</source>
        <translation>用户与登录记录</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>审核组长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Only an administrator can manage users.</source>
        <translation>只有管理员可以管理用户。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>desktop</source>
        <translation>桌面程序</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>remembered</source>
        <translation>记住的登录</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>Sign-ins of %1</source>
        <translation>%1 的登录记录</translation>
    </message>
    <message>
        <source>All sign-ins</source>
        <translation>全部登录记录</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>The built-in users cannot be changed.</source>
        <translation>内置用户不能修改。</translation>
    </message>
    <message>
        <source>That user no longer exists.</source>
        <translation>该用户已不存在。</translation>
    </message>
    <message>
        <source>You both changed it; theirs is shown. Choose again to save yours.</source>
        <translation>你们都修改了此项；显示的是对方的值。若要保存你的值，请重新选择。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>That name is taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>That name is reserved.</source>
        <translation>该用户名为系统保留。</translation>
    </message>
    <message>
        <source>The user name is too long.</source>
        <translation>用户名过长。</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>密码至少需要 8 个字符。</translation>
    </message>
    <message>
        <source>The last active administrator must stay an administrator.</source>
        <translation>最后一个在用的管理员必须保留管理员角色。</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>不能停用自己。</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>未知角色。</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在是%2。</translation>
    </message>
    <message>
        <source>The password of %1 was reset; their remembered sign-ins are revoked.</source>
        <translation>%1 的密码已重置；其记住的登录已被撤销。</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 可以重新登录。</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1 已不能再登录。</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>登录记录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>连续失败次数</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>设置角色</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Their sign-ins</source>
        <translation>其登录记录</translation>
    </message>
</context>
<context>
    <name>VerifyCopy</name>
    <message>
        <source>Verify a report copy…</source>
        <translation>核验报告副本…</translation>
    </message>
    <message>
        <source>Check that a PDF or Word file is the issued report and its records are unchanged</source>
        <translation>核验 PDF 或 Word 文件是否为已出具的报告，以及其记录是否未被更改</translation>
    </message>
    <message>
        <source>Verify a report copy</source>
        <translation>核验报告副本</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx)</source>
        <translation>报告（*.pdf *.docx）</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Report verified</source>
        <translation>报告核验通过</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>核验未通过</translation>
    </message>
    <message>
        <source>%1 is the issued file of audit %2, revision %3 (%4), issued %5 by %6.</source>
        <translation>%1 是审核 %2 第 %3 版（%4）的出具文件，由 %6 于 %5 出具。</translation>
    </message>
    <message>
        <source>It has been superseded by revision %1.</source>
        <translation>该版本已被第 %1 版取代。</translation>
    </message>
    <message>
        <source>The copy is the issued revision and its records are unchanged.</source>
        <translation>该副本即为出具的版本，其记录未被更改。</translation>
    </message>
    <message>
        <source>This copy cannot be trusted as the issued report.</source>
        <translation>该副本不能作为已出具的报告采信。</translation>
    </message>
    <message>
        <source>Photo or file</source>
        <translation>照片或文件</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>审核证据</translation>
    </message>
    <message>
        <source>Evidence–clause link</source>
        <translation>证据与条款的关联</translation>
    </message>
    <message>
        <source>Clause judgement</source>
        <translation>条款评价</translation>
    </message>
    <message>
        <source>NC–evidence link</source>
        <translation>不符合项与证据的关联</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Audit team</source>
        <translation>审核组</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>%1 claims to be report %2, but it is not the file that was issued: it was modified or made again.</source>
        <translation>%1 声称是报告 %2，但并非出具的文件：它已被修改或重新生成。</translation>
    </message>
    <message>
        <source>%1 is not a report issued from this database.</source>
        <translation>%1 不是从本数据库出具的报告。</translation>
    </message>
    <message>
        <source>The record of revision %1 was changed after it was issued.</source>
        <translation>第 %1 版的出具记录在出具后被更改。</translation>
    </message>
    <message>
        <source>The change history that revision %1 printed is no longer in the database: it was rewritten or cut off.</source>
        <translation>第 %1 版所印的变更记录链头已不在数据库中：变更历史被改写或截断。</translation>
    </message>
    <message>
        <source>The records of audit %1 changed since the issue:</source>
        <translation>审核 %1 的记录自出具后已被更改：</translation>
    </message>
    <message>
        <source>A file of the report is missing from the attachment store (%1…).</source>
        <translation>报告的一个文件在附件库中缺失（%1…）。</translation>
    </message>
    <message>
        <source>A file of the report in the attachment store was altered (%1…).</source>
        <translation>附件库中报告的一个文件已被篡改（%1…）。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify nonconformities</source>
        <translation>验证不符合项</translation>
    </message>
    <message>
        <source>Verify nonconformity</source>
        <translation>验证不符合项</translation>
    </message>
    <message numerus="yes">
        <source>%n selected NC(s) will be verified by document review.</source>
        <translation><numerusform>所选 %n 项不符合将以文件审查方式验证。</numerusform></translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>What was checked and whether the corrective action is effective</source>
        <translation>验证了什么，纠正措施是否有效</translation>
    </message>
    <message>
        <source>Effectiveness</source>
        <translation>有效性</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Clause %1 is not judged</source>
        <translation>条款 %1 尚未评价</translation>
    </message>
    <message>
        <source>Nonconformity %1 is not linked to evidence</source>
        <translation>不符合项 %1 未关联审核证据</translation>
    </message>
    <message>
        <source>No check-in photo of the opening meeting</source>
        <translation>缺少首次会议签到照片</translation>
    </message>
    <message>
        <source>No check-in photo of the closing meeting</source>
        <translation>缺少末次会议签到照片</translation>
    </message>
    <message>
        <source>%1: no check-in photo yet</source>
        <translation>%1：尚无认证到照片</translation>
    </message>
    <message>
        <source>%1: more than 3 check-in photos of this meeting</source>
        <translation>%1：该会议的签到照片超过 3 张</translation>
    </message>
    <message>
        <source>%1 has no EXIF capture time: its check-in time cannot be verified</source>
        <translation>%1 没有 EXIF 拍摄时间：无法核对签到时间</translation>
    </message>
    <message>
        <source>%1 was taken more than 2 h after the opening meeting started</source>
        <translation>%1 拍摄于首次会议开始 2 小时之后</translation>
    </message>
    <message>
        <source>%1 was not taken on the day of the opening meeting</source>
        <translation>%1 不是在首次会议当天拍摄的</translation>
    </message>
    <message>
        <source>%1 was taken before the closing meeting started</source>
        <translation>%1 拍摄于末次会议开始之前</translation>
    </message>
    <message>
        <source>%1 was taken more than 2 h after the closing meeting ended</source>
        <translation>%1 拍摄于末次会议结束 2 小时之后</translation>
    </message>
    <message>
        <source>%1 was taken more than 5 km from the audit site</source>
        <translation>%1 的拍摄地点距审核地址超过 5 公里</translation>
    </message>
    <message>
        <source>%1 is not ticked as being on the check-in photos</source>
        <translation>%1 尚未勾选为已在签到照片中</translation>
    </message>
    <message>
        <source>%1 has no GPS position: its distance from the site cannot be checked</source>
        <translation>%1 没有 GPS 定位：无法核对与审核地址的距离</translation>
    </message>
    <message>
        <source>The audit site has no coordinates yet: enter them or use the first geotagged photo</source>
        <translation>审核地点尚无坐标：请输入，或采用第一张带定位的照片</translation>
    </message>
    <message>
        <source>The audit has no dates: the check-in times cannot be checked</source>
        <translation>该审核没有日期：无法核对签到时间</translation>
    </message>
    <message>
        <source>Previous nonconformity %1 is not verified</source>
        <translation>上次审核的不符合项 %1 尚未验证</translation>
    </message>
    <message>
        <source>Surveillance must cover %1: no evidence yet</source>
        <translation>监督审核必审项目 %1：尚无审核证据</translation>
    </message>
    <message>
        <source>%1 is not what its extension says (its content is %2). It was not attached.</source>
        <translation>%1 的内容与扩展名不符（实际为 %2），未添加为附件。</translation>
    </message>
    <message>
        <source>%1 is a program, not evidence. It was not attached.</source>
        <translation>%1 是可执行程序，不是审核证据，未添加为附件。</translation>
    </message>
    <message>
        <source>%1 is empty. It was not attached.</source>
        <translation>%1 是空文件，未添加为附件。</translation>
    </message>
    <message>
        <source>%1 cannot be read. It was not attached.</source>
        <translation>无法读取 %1，未添加为附件。</translation>
    </message>
    <message>
        <source>This audit: clause × site</source>
        <translation>本次审核：条款 × 场所</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>（未指定场所）</translation>
    </message>
    <message>
        <source>Cycle %1 (%2): clause × audit</source>
        <translation>认证周期 %1（%2）：条款 × 审核</translation>
    </message>
    <message>
        <source>%1 evidence items. Surveillance must cover, still missing: %2</source>
        <translation>共 %1 条审核证据。监督审核必审项目中尚缺：%2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Check-in photo</source>
        <translation>认证到照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.heic *.webp)</translation>
    </message>
    <message>
        <source>Client history: read-only on this laptop, change it at the office</source>
        <translation>客户历史资料：在本笔记本上只读，请在办公室修改</translation>
    </message>
    <message>
        <source>The audit is terminated. Re-audit due by %1.</source>
        <translation>审核已终止（撤组）。须在 %1 前再次审核。</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>Audit %1 — AuditDesk</source>
        <translation>审核 %1 — AuditDesk</translation>
    </message>
</context>
</TS>
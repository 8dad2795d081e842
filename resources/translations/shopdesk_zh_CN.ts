<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentEditor</name>
    <message>
        <source>Edit agent</source>
        <translation>编辑客服</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>添加客服</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>PIN (4–8 digits):</source>
        <translation>PIN 码（4–8 位数字）：</translation>
    </message>
    <message>
        <source>Refund limit:</source>
        <translation>退款审批上限：</translation>
    </message>
    <message>
        <source>Works in stores:</source>
        <translation>负责的店铺：</translation>
    </message>
    <message>
        <source>Remove PIN</source>
        <translation>删除 PIN 码</translation>
    </message>
</context>
<context>
    <name>AgentsPanel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Refund limit</source>
        <translation>退款审批上限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add agent…</source>
        <translation>添加客服…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>any amount</source>
        <translation>不限金额</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Only the owner can change agents.</source>
        <translation>只有店主可以修改客服。</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaint tickets by category and severity, with their response times.</source>
        <translation>按类别和严重程度管理投诉工单，并记录响应时间。</translation>
    </message>
</context>
<context>
    <name>CreateOwnerDialog</name>
    <message>
        <source>Welcome to ShopDesk</source>
        <translation>欢迎使用 ShopDesk</translation>
    </message>
    <message>
        <source>This shop is new. Who owns it? The owner can do everything, add agents and set the shop's rules. A PIN is optional; without one, anyone at this computer can sign in as the owner.</source>
        <translation>这是一个新店铺。店主是谁？店主拥有全部权限，可以添加客服并设置店铺规则。PIN 码可选；不设置的话，这台电脑前的任何人都能以店主身份登录。</translation>
    </message>
    <message>
        <source>4 to 8 digits, or empty</source>
        <translation>4 到 8 位数字，或留空</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <source>PIN again:</source>
        <translation>再次输入 PIN 码：</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>A note about this customer</source>
        <translation>关于这位客户的备注</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Note deleted.</source>
        <translation>备注已删除。</translation>
    </message>
    <message>
        <source>Note restored.</source>
        <translation>备注已恢复。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer cards with tags, notes, orders and history across stores.</source>
        <translation>客户卡片：跨店铺的标签、备注、订单和历史记录。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk 客服台</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>ShopDesk ran into an unexpected problem. Your data is safe; the last action may not have finished.</source>
        <translation>ShopDesk 遇到了意外问题。您的数据是安全的，但上一个操作可能没有完成。</translation>
    </message>
    <message>
        <source>The details were written to the log file:</source>
        <translation>详细信息已写入日志文件：</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>End shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Reassign ticked items</source>
        <translation>转交勾选的事项</translation>
    </message>
    <message>
        <source>Anything the next person should know</source>
        <translation>下一班需要知道的事情</translation>
    </message>
    <message>
        <source>Hand over and sign out</source>
        <translation>交班并退出登录</translation>
    </message>
    <message>
        <source>Give to:</source>
        <translation>转交给：</translation>
    </message>
    <message>
        <source>Handover note for:</source>
        <translation>交班记录发给：</translation>
    </message>
    <message>
        <source>Still open at the end of your shift:</source>
        <translation>本班结束时仍未完成的事项：</translation>
    </message>
    <message>
        <source>Waiting for a reply (oldest first)</source>
        <translation>等待回复（最早的在前）</translation>
    </message>
    <message>
        <source>Returns assigned to me</source>
        <translation>分配给我的退货退款</translation>
    </message>
    <message>
        <source>Complaints assigned to me</source>
        <translation>分配给我的投诉</translation>
    </message>
    <message>
        <source>Snoozed until the next shift</source>
        <translation>推迟到下一班的会话</translation>
    </message>
    <message>
        <source>Tick the items to give away first.</source>
        <translation>请先勾选要转交的事项。</translation>
    </message>
    <message>
        <source>%1 items given to %2.</source>
        <translation>已将 %1 个事项转交给 %2。</translation>
    </message>
</context>
<context>
    <name>HandoverExportDialog</name>
    <message>
        <source>Export handovers</source>
        <translation>导出交班记录</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Dates are calendar days in this computer's time zone.</source>
        <translation>日期按这台电脑所在时区的日历日计算。</translation>
    </message>
    <message>
        <source>Save workbook</source>
        <translation>保存工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 handovers written to %2</source>
        <translation>已将 %1 条交班记录写入 %2</translation>
    </message>
</context>
<context>
    <name>HandoverNotesDialog</name>
    <message>
        <source>Handover notes</source>
        <translation>交班记录</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标记为已读</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Needs reply</source>
        <translation>待回复</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>没有找到“%1”</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Load earlier messages</source>
        <translation>加载更早的消息</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Someone else changed this conversation just now; it has been reloaded.</source>
        <translation>其他人刚刚修改了这个会话，已重新加载。</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>For 3 hours</source>
        <translation>3 小时</translation>
    </message>
    <message>
        <source>Until tomorrow 9:00</source>
        <translation>到明天 9:00</translation>
    </message>
    <message>
        <source>Your role cannot answer customers.</source>
        <translation>您的角色不能回复客户。</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>%1 image(s): %2</source>
        <translation>%1 张图片：%2</translation>
    </message>
    <message>
        <source>Search messages and customers (Ctrl+K)</source>
        <translation>搜索消息和客户（Ctrl+K）</translation>
    </message>
    <message>
        <source>Write a reply. Enter sends, Shift+Enter starts a new line, / or Ctrl+/ for quick replies.</source>
        <translation>输入回复。Enter 发送，Shift+Enter 换行，/ 或 Ctrl+/ 打开快捷回复。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>稍后处理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>分配给我</translation>
    </message>
    <message>
        <source>Choose a conversation on the left.</source>
        <translation>请在左侧选择一个会话。</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分配…</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>稍后处理</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>低优先级</translation>
    </message>
    <message>
        <source>Normal priority</source>
        <translation>普通优先级</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>高优先级</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Show only this store (Alt+%1)</source>
        <translation>只看这个店铺（Alt+%1）</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Bookkeeper</source>
        <translation>会计</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Refund only</source>
        <translation>仅退款</translation>
    </message>
    <message>
        <source>Return and refund</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Awaiting return</source>
        <translation>等待买家退货</translation>
    </message>
    <message>
        <source>Return shipped</source>
        <translation>买家已寄回</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Exchange shipped</source>
        <translation>换货已发出</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk 客服台</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Switch agent…</source>
        <translation>切换客服(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;End shift…</source>
        <translation>交班(&amp;E)…</translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation>桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends (Enter starts a new line)</source>
        <translation>Ctrl+Enter 发送（Enter 换行）</translation>
    </message>
    <message>
        <source>&amp;About ShopDesk</source>
        <translation>关于 ShopDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>A bookkeeper has no shift to hand over.</source>
        <translation>会计没有需要交接的班次。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>离线：%1</translation>
    </message>
    <message>
        <source>Stores: %1</source>
        <translation>店铺：%1</translation>
    </message>
    <message>
        <source>Need a reply: %1</source>
        <translation>待回复：%1</translation>
    </message>
    <message>
        <source>Conversations: %1</source>
        <translation>会话：%1</translation>
    </message>
    <message>
        <source>Customers: %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <source>Open return cases: %1</source>
        <translation>未完结的退货退款：%1</translation>
    </message>
    <message>
        <source>Open complaints: %1</source>
        <translation>未解决的投诉：%1</translation>
    </message>
    <message>
        <source>ShopDesk %1</source>
        <translation>ShopDesk %1</translation>
    </message>
    <message>
        <source>Customer service for a small online shop: one inbox for every store.</source>
        <translation>小型网店的客服工具：所有店铺共用一个收件箱。</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>数据：%1</translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>日志：%1</translation>
    </message>
    <message>
        <source>About ShopDesk</source>
        <translation>关于 ShopDesk</translation>
    </message>
</context>
<context>
    <name>QuickRepliesPanel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Import .xlsx…</source>
        <translation>导入 .xlsx…</translation>
    </message>
    <message>
        <source>Export .xlsx…</source>
        <translation>导出 .xlsx…</translation>
    </message>
    <message>
        <source>Only the owner changes quick replies.</source>
        <translation>只有店主可以修改快捷回复。</translation>
    </message>
    <message>
        <source>Deleted /%1.</source>
        <translation>已删除 /%1。</translation>
    </message>
    <message>
        <source>Import quick replies</source>
        <translation>导入快捷回复</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 added, %2 updated.</source>
        <translation>新增 %1 条，更新 %2 条。</translation>
    </message>
    <message>
        <source>Export quick replies</source>
        <translation>导出快捷回复</translation>
    </message>
    <message>
        <source>%1 quick replies written to %2</source>
        <translation>已将 %1 条快捷回复写入 %2</translation>
    </message>
</context>
<context>
    <name>QuickReplyEditor</name>
    <message>
        <source>Edit quick reply</source>
        <translation>编辑快捷回复</translation>
    </message>
    <message>
        <source>Add quick reply</source>
        <translation>添加快捷回复</translation>
    </message>
    <message>
        <source>Variables: {customer} {order_no} {store} {agent} {tracking_no}</source>
        <translation>变量：{customer} {order_no} {store} {agent} {tracking_no}</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>分类：</translation>
    </message>
    <message>
        <source>Code (typed after /):</source>
        <translation>编码（在 / 后输入）：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
</context>
<context>
    <name>QuickReplyPicker</name>
    <message>
        <source>Quick replies</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>Code, title or text</source>
        <translation>编码、标题或内容</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Satisfaction, complaints and refunds over time, and the Excel exports.</source>
        <translation>满意度、投诉和退款的趋势，以及 Excel 导出。</translation>
    </message>
    <message>
        <source>Past shift handovers</source>
        <translation>历史交班记录</translation>
    </message>
    <message>
        <source>Export handovers…</source>
        <translation>导出交班记录…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>交班人</translation>
    </message>
    <message>
        <source>For</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Only the owner and the bookkeeper export data.</source>
        <translation>只有店主和会计可以导出数据。</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Returns</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Return and refund cases from request to closed, with their deadlines.</source>
        <translation>从申请到完结的退货退款工单及其截止时间。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Stores, agents, quick replies, tags and the rules of the shop.</source>
        <translation>店铺、客服、快捷回复、标签和店铺规则。</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends a reply and Enter starts a new line (otherwise the reverse)</source>
        <translation>Ctrl+Enter 发送回复，Enter 换行（否则相反）</translation>
    </message>
    <message>
        <source>Desktop notifications for new customer messages</source>
        <translation>新客户消息时显示桌面通知</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>ShopDesk cannot start</source>
        <translation>ShopDesk 无法启动</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to ShopDesk</source>
        <translation>登录 ShopDesk</translation>
    </message>
    <message>
        <source>Sign me in automatically on this computer</source>
        <translation>在这台电脑上自动登录</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>谁在值班？</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>PIN 码错误次数过多，请 %1 秒后再试。</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left.</source>
        <translation>PIN 码错误，还可以尝试 %1 次。</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk 客服台</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>From %1, %2</source>
        <translation>%1 交班，%2</translation>
    </message>
    <message>
        <source>Waiting for a reply (oldest first)</source>
        <translation>等待回复（最早的在前）</translation>
    </message>
    <message>
        <source>Returns assigned to me</source>
        <translation>分配给我的退货退款</translation>
    </message>
    <message>
        <source>Complaints assigned to me</source>
        <translation>分配给我的投诉</translation>
    </message>
    <message>
        <source>Snoozed until the next shift</source>
        <translation>推迟到下一班的会话</translation>
    </message>
    <message>
        <source>now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Reply within %1</source>
        <translation>%1 内回复</translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
</context>
</TS>
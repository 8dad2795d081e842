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
        <source>Refund limit (%1):</source>
        <translation>退款审批上限（%1）：</translation>
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
    <name>AmountPage</name>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>What the customer gets back. Partial amounts are fine.</source>
        <translation>退给顾客的金额，可以部分退款。</translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation>金额(&amp;M)：</translation>
    </message>
    <message>
        <source>Suggested from the items: %1.</source>
        <translation>按商品建议：%1。</translation>
    </message>
    <message>
        <source>For an exchange this is the value of the goods; nothing is refunded.</source>
        <translation>换货时这是商品的价值，不会退款。</translation>
    </message>
    <message>
        <source>At most %1 can be refunded (paid %2, refunded %3).</source>
        <translation>最多可退 %1（实付 %2，已退 %3）。</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>Case</source>
        <translation>售后单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已过</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>下一截止时间</translation>
    </message>
    <message>
        <source>%1 d</source>
        <comment>age in days</comment>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（已超时）</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>负责人：%1</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>The timeline of the chosen case shows here: who did what and when, with the amounts, tracking numbers and photos.</source>
        <translation>这里显示所选售后单的进度：谁在何时做了什么，以及金额、物流单号和照片。</translation>
    </message>
    <message>
        <source>Ask the owner</source>
        <translation>请店主审批</translation>
    </message>
    <message>
        <source>Assign the case to the owner, who can approve above your refund limit.</source>
        <translation>把售后单转给店主，店主可以审批超出你退款额度的金额。</translation>
    </message>
    <message>
        <source>Choose a case in the list.</source>
        <translation>请在列表中选择一个售后单。</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>该售后单已不存在。</translation>
    </message>
    <message>
        <source>The amount is above your refund limit; the owner must approve it.</source>
        <translation>金额超出你的退款额度，需要店主审批。</translation>
    </message>
    <message>
        <source>A bookkeeper sees returns but does not change them.</source>
        <translation>会计可以查看售后单，但不能修改。</translation>
    </message>
    <message>
        <source>requested %1</source>
        <translation>申请 %1</translation>
    </message>
    <message>
        <source>approved %1</source>
        <translation>同意 %1</translation>
    </message>
    <message>
        <source>refunded %1</source>
        <translation>已退 %1</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Replacement: %1</source>
        <translation>换货商品：%1</translation>
    </message>
    <message>
        <source>Return shipping paid by the shop</source>
        <translation>退货运费由店铺承担</translation>
    </message>
    <message>
        <source>Return shipping paid by the customer</source>
        <translation>退货运费由顾客承担</translation>
    </message>
    <message>
        <source>Next deadline: %1</source>
        <translation>下一截止时间：%1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Open the conversation</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>The case is now with the owner.</source>
        <translation>售后单已转给店主。</translation>
    </message>
</context>
<context>
    <name>ChannelText</name>
    <message>
        <source>%1: the server “%2” was not found. Check the server name.</source>
        <translation>%1：找不到服务器“%2”。请检查服务器名称。</translation>
    </message>
    <message>
        <source>%1: %2 refused the connection. Check the port.</source>
        <translation>%1：%2 拒绝了连接。请检查端口。</translation>
    </message>
    <message>
        <source>%1: %2 did not answer within %3 seconds.</source>
        <translation>%1：%2 在 %3 秒内没有响应。</translation>
    </message>
    <message>
        <source>%1: the certificate of %2 is not trusted (%3).</source>
        <translation>%1：%2 的证书不受信任（%3）。</translation>
    </message>
    <message>
        <source>%1: the secure connection (TLS) to %2 failed (%3). Check the port and whether the server wants TLS or STARTTLS.</source>
        <translation>%1：与 %2 的安全连接（TLS）失败（%3）。请检查端口，以及服务器要求的是 TLS 还是 STARTTLS。</translation>
    </message>
    <message>
        <source>%1: the server refused the user name or password.</source>
        <translation>%1：服务器拒绝了用户名或密码。</translation>
    </message>
    <message>
        <source>%1: %2 does not offer STARTTLS. Choose TLS, or another port.</source>
        <translation>%1：%2 不支持 STARTTLS。请选择 TLS 或其他端口。</translation>
    </message>
    <message>
        <source>%1: the connection to %2 was lost.</source>
        <translation>%1：与 %2 的连接中断了。</translation>
    </message>
    <message>
        <source>IMAP: signed in to %1 as %2; the mailbox %3 holds %4 messages.</source>
        <translation>IMAP：已以 %2 登录 %1；文件夹 %3 中有 %4 封邮件。</translation>
    </message>
    <message>
        <source>SMTP: signed in to %1 as %2.</source>
        <translation>SMTP：已以 %2 登录 %1。</translation>
    </message>
    <message>
        <source>IMAP: the mailbox “%1” does not exist on the server.</source>
        <translation>IMAP：服务器上没有文件夹“%1”。</translation>
    </message>
    <message>
        <source>There is no password for this store's mailbox on this computer. Enter it in Settings → Stores.</source>
        <translation>这台电脑上没有此店铺邮箱的密码。请在“设置 → 店铺”中输入。</translation>
    </message>
    <message>
        <source>This customer has no e-mail address in this store.</source>
        <translation>该客户在此店铺没有邮箱地址。</translation>
    </message>
    <message>
        <source>The demo channel needs no connection.</source>
        <translation>演示渠道无需连接。</translation>
    </message>
    <message>
        <source>This store has no channel to test.</source>
        <translation>此店铺没有可测试的渠道。</translation>
    </message>
    <message>
        <source>The store's e-mail address is missing or not an address.</source>
        <translation>店铺邮箱地址缺失或格式不对。</translation>
    </message>
    <message>
        <source>The %1 server is missing.</source>
        <translation>缺少 %1 服务器。</translation>
    </message>
    <message>
        <source>The %1 port must be between 1 and 65535.</source>
        <translation>%1 端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>The start date must be a date like 2026-11-01.</source>
        <translation>起始日期须为 2026-11-01 这样的日期。</translation>
    </message>
    <message>
        <source>The store needs a name.</source>
        <translation>店铺需要名称。</translation>
    </message>
    <message>
        <source>The colour must look like #FF5000.</source>
        <translation>颜色须为 #FF5000 这样的格式。</translation>
    </message>
    <message>
        <source>The currency must be a three-letter code such as CNY or USD.</source>
        <translation>币种须为三个字母的代码，如 CNY 或 USD。</translation>
    </message>
    <message>
        <source>“%1” is not a time zone (for example Asia/Shanghai).</source>
        <translation>“%1”不是时区（例如 Asia/Shanghai）。</translation>
    </message>
    <message>
        <source>The reply target must be between 1 minute and 7 days.</source>
        <translation>回复时限须在 1 分钟到 7 天之间。</translation>
    </message>
    <message>
        <source>Working hours must end after they start.</source>
        <translation>工作时间的结束须晚于开始。</translation>
    </message>
    <message>
        <source>Choose at least one working day.</source>
        <translation>请至少选择一个工作日。</translation>
    </message>
    <message>
        <source>This store has orders in %1; its currency cannot change.</source>
        <translation>此店铺已有 %1 订单，币种不能更改。</translation>
    </message>
    <message>
        <source>The mailbox is missing (usually INBOX).</source>
        <translation>缺少邮箱文件夹（通常是 INBOX）。</translation>
    </message>
    <message>
        <source>The %1 security must be TLS or STARTTLS.</source>
        <translation>%1 的加密方式必须是 TLS 或 STARTTLS。</translation>
    </message>
    <message>
        <source>Choose the store's platform.</source>
        <translation>请选择店铺的平台。</translation>
    </message>
    <message>
        <source>Working hours must be times like 09:00 and 18:00.</source>
        <translation>工作时间必须是 09:00、18:00 这样的时间。</translation>
    </message>
    <message>
        <source>Unknown channel “%1”.</source>
        <translation>未知的消息渠道“%1”。</translation>
    </message>
    <message>
        <source>%1: the server answered %2 %3.</source>
        <translation>%1：服务器回复 %2 %3。</translation>
    </message>
    <message>
        <source>IMAP: the server could not search the mailbox (%1).</source>
        <translation>IMAP：服务器无法搜索邮箱文件夹（%1）。</translation>
    </message>
    <message>
        <source>IMAP: the server could not send the messages (%1).</source>
        <translation>IMAP：服务器未能传回邮件（%1）。</translation>
    </message>
    <message>
        <source>SMTP: the server refused the address %1.</source>
        <translation>SMTP：服务器拒绝了地址 %1。</translation>
    </message>
    <message>
        <source>IMAP: could not look for the reply in %1 (%2).</source>
        <translation>IMAP：无法在 %1 中查找这条回复（%2）。</translation>
    </message>
    <message>
        <source>IMAP: could not look for the reply in %1.</source>
        <translation>IMAP：无法在 %1 中查找这条回复。</translation>
    </message>
    <message>
        <source>IMAP: the copy to %1 failed (%2).</source>
        <translation>IMAP：复制到 %1 失败（%2）。</translation>
    </message>
    <message>
        <source>IMAP: the copy to %1 was refused (%2).</source>
        <translation>IMAP：服务器拒绝复制到 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>ComplaintActions</name>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Start working</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Change severity</source>
        <translation>修改严重程度</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Close complaint</source>
        <translation>关闭投诉</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Complaint %1</source>
        <translation>投诉 %1</translation>
    </message>
</context>
<context>
    <name>ComplaintsModel</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Resolve by</source>
        <translation>解决期限</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>未分配</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <source>Open a complaint ticket (Ctrl+N)</source>
        <translation>新建投诉工单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>%1 tickets</source>
        <translation>%1 个工单</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 个超时</translation>
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
        <source>The card of the customer shows here: who they are in every store, their orders, tags and notes.</source>
        <translation>这里显示客户名片：客户在各店铺的身份、订单、标签和备注。</translation>
    </message>
    <message>
        <source>A note about this customer</source>
        <translation>关于这位客户的备注</translation>
    </message>
    <message>
        <source>Search this customer's notes</source>
        <translation>搜索该客户的备注</translation>
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
        <source>Note added.</source>
        <translation>已添加备注。</translation>
    </message>
    <message>
        <source>Note changed.</source>
        <translation>备注已修改。</translation>
    </message>
    <message>
        <source>Note pinned.</source>
        <translation>备注已置顶。</translation>
    </message>
    <message>
        <source>Note unpinned.</source>
        <translation>已取消置顶。</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Merge undone.</source>
        <translation>已撤销合并。</translation>
    </message>
    <message>
        <source>1 order, %2 in %3 days</source>
        <translation>%3 天内 1 单，%2</translation>
    </message>
    <message>
        <source>%1 orders, %2 in %3 days</source>
        <translation>%3 天内 %1 单，%2</translation>
    </message>
    <message>
        <source>No orders in %3 days</source>
        <translation>%3 天内没有订单</translation>
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
    <message>
        <source>%1 of %2 notes match</source>
        <translation>%2 条备注中有 %1 条匹配</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Merged into this customer</source>
        <translation>已合并到此客户</translation>
    </message>
    <message>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <source>Start return</source>
        <translation>发起售后</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户分层</translation>
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
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name, handle, phone, e-mail or order no. (Ctrl+F)</source>
        <translation>姓名、店铺账号、电话、邮箱或订单号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>任意分层</translation>
    </message>
    <message>
        <source>Last order first</source>
        <translation>最近下单优先</translation>
    </message>
    <message>
        <source>Most spent first</source>
        <translation>消费最多优先</translation>
    </message>
    <message>
        <source>Last contact first</source>
        <translation>最近联系优先</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>按姓名</translation>
    </message>
    <message>
        <source>Merge selected…</source>
        <translation>合并所选…</translation>
    </message>
    <message>
        <source>Possible duplicates…</source>
        <translation>疑似重复客户…</translation>
    </message>
    <message>
        <source>Customers that are probably one person across stores; select two rows to merge them directly</source>
        <translation>跨店铺疑似同一人的客户；选中两行可直接合并</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <source>Counting customers…</source>
        <translation>正在统计客户数…</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>%1 What you were doing was not saved; what you typed is still there. Try again in a moment.</source>
        <translation>%1刚才的操作没有保存；输入的内容都还在。请稍后再试。</translation>
    </message>
    <message>
        <source>The shop's database is busy: another program is writing to it.</source>
        <translation>店铺数据库正忙：另一个程序正在写入。</translation>
    </message>
    <message>
        <source>The shop's database file cannot be read or written (is the disk full, or the file moved?).</source>
        <translation>无法读写店铺的数据库文件（磁盘是否已满，或文件被移动了？）。</translation>
    </message>
    <message>
        <source>ShopDesk cannot reach the database server. Check the network and that the server is running; ShopDesk connects again by itself.</source>
        <translation>ShopDesk 连不上数据库服务器。请检查网络以及服务器是否在运行；ShopDesk 会自动重新连接。</translation>
    </message>
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
    <name>ExportDialog</name>
    <message>
        <source>Export handovers</source>
        <translation>导出交班记录</translation>
    </message>
    <message>
        <source>Export refunds</source>
        <translation>导出退款台账</translation>
    </message>
    <message>
        <source>Export complaints</source>
        <translation>导出投诉</translation>
    </message>
    <message>
        <source>Export satisfaction</source>
        <translation>导出满意度</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
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
        <source>Refunds</source>
        <translation>退款台账</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>交班记录</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation>客服：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Workbook:</source>
        <translation>工作簿：</translation>
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
        <source>Stores:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Dates are calendar days in this computer's time zone.</source>
        <translation>日期按本机时区的日历日计算。</translation>
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
        <source>Choose at least one store.</source>
        <translation>请至少选择一个店铺。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 rows written to %2</source>
        <translation>已写入 %1 行到 %2</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>FirstStartGuide</name>
    <message>
        <source>Welcome to ShopDesk</source>
        <translation>欢迎使用 ShopDesk</translation>
    </message>
    <message>
        <source>ShopDesk brings the customer messages of all your stores into one inbox. There are no stores yet. How would you like to start?</source>
        <translation>ShopDesk 把您所有店铺的顾客消息汇集到一个收件箱。现在还没有店铺。您想从哪里开始？</translation>
    </message>
    <message>
        <source>Open the demo shop</source>
        <translation>打开演示店铺</translation>
    </message>
    <message>
        <source>Try ShopDesk with three stores, customers and conversations that are made up. Your own data stays untouched.</source>
        <translation>用三家虚构的店铺、客户和会话试用 ShopDesk，不会动到您自己的数据。</translation>
    </message>
    <message>
        <source>Add a store</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <source>Connect a store's mailbox (IMAP and SMTP) or add a store for its orders.</source>
        <translation>连接店铺邮箱（IMAP 和 SMTP），或只为订单添加店铺。</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Add the store, then read its Taobao, Tmall or Shopify order export.</source>
        <translation>先添加店铺，再读取它的淘宝、天猫或 Shopify 订单导出文件。</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Look around first.</source>
        <translation>先随便看看。</translation>
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
    <name>Images</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Original e-mail</source>
        <translation>邮件原文</translation>
    </message>
    <message>
        <source>Choose images</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Taobao / Tmall order report (CSV)</source>
        <translation>淘宝 / 天猫订单报表（CSV）</translation>
    </message>
    <message>
        <source>Shopify orders export (CSV)</source>
        <translation>Shopify 订单导出（CSV）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the export</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled; nothing was imported.</source>
        <translation>已取消，未导入任何数据。</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <source>%1 new orders, %2 already known (they will be updated); %3 new customers, %4 matched to existing ones.</source>
        <translation>%1 个新订单，%2 个已有订单（将被更新）；%3 个新客户，%4 个匹配到已有客户。</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 rows cannot be read. Fix them in the file and preview again: nothing is imported until every row can be read.</source>
        <translation>%1 行无法读取。请在文件中修正后重新预览：所有行都能读取之前不会导入任何数据。</translation>
    </message>
    <message>
        <source>Imported: %1 new orders, %2 updated; %3 new customers.</source>
        <translation>已导入：%1 个新订单，%2 个已更新；%3 个新客户。</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
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
        <source>5 · very satisfied</source>
        <translation>5 · 非常满意</translation>
    </message>
    <message>
        <source>4 · satisfied</source>
        <translation>4 · 满意</translation>
    </message>
    <message>
        <source>3 · neutral</source>
        <translation>3 · 一般</translation>
    </message>
    <message>
        <source>2 · dissatisfied</source>
        <translation>2 · 不满意</translation>
    </message>
    <message>
        <source>1 · very dissatisfied</source>
        <translation>1 · 非常不满意</translation>
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
        <source>Start a return or refund for this customer's order</source>
        <translation>为该顾客的订单发起退货或退款</translation>
    </message>
    <message>
        <source>Enter the customer's satisfaction score by hand (for example after a phone call)</source>
        <translation>手动录入顾客的满意度评分（例如电话回访后）</translation>
    </message>
    <message>
        <source>Open a complaint ticket with this conversation's customer, order and message</source>
        <translation>用此会话的顾客、订单和消息新建投诉工单</translation>
    </message>
    <message>
        <source>Start return…</source>
        <translation>发起售后…</translation>
    </message>
    <message>
        <source>Create complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>分配给我</translation>
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
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Priority changed</source>
        <translation>已改优先级</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>已稍后处理</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重新打开</translation>
    </message>
    <message>
        <source>Tags changed</source>
        <translation>已改标签</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
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
        <source>Search messages and customers (Ctrl+K)</source>
        <translation>搜索消息和客户（Ctrl+K）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Show only this store (Alt+%1)</source>
        <translation>只看这个店铺（Alt+%1）</translation>
    </message>
    <message>
        <source>%1 new — Show</source>
        <translation>%1 条新动态 — 显示</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>This e-mail could not be read cleanly; the text may be incomplete.</source>
        <translation>这封邮件未能完整读取，正文可能不全。</translation>
    </message>
    <message>
        <source>Show original</source>
        <translation>查看原文</translation>
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
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>文件无法保存：%1</translation>
    </message>
    <message>
        <source>Choose a conversation on the left.</source>
        <translation>请在左侧选择一个会话。</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>may have been sent</source>
        <translation>可能已发出</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic · %1</source>
        <translation>自动回复 · %1</translation>
    </message>
</context>
<context>
    <name>ComposerPanel</name>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>%1 image(s): %2</source>
        <translation>%1 张图片：%2</translation>
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
        <source>Internal note: only your colleagues see it. Enter adds it.</source>
        <translation>内部备注：只有同事能看到，顾客看不到。按 Enter 添加。</translation>
    </message>
    <message>
        <source>Add internal note</source>
        <translation>添加内部备注</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>How many of each item does the customer return or want money back for?</source>
        <translation>每件商品顾客要退回或退款多少件？</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>购买</translation>
    </message>
    <message>
        <source>Already returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>KindPage</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What does the customer want?</source>
        <translation>顾客想要什么？</translation>
    </message>
    <message>
        <source>Money back, the goods stay with the customer</source>
        <translation>退款，商品留在顾客处</translation>
    </message>
    <message>
        <source>The goods come back, then the money</source>
        <translation>先退回商品，再退款</translation>
    </message>
    <message>
        <source>The goods come back, a replacement goes out</source>
        <translation>退回商品，再寄出换货</translation>
    </message>
    <message>
        <source>&amp;Replacement (item, size, colour):</source>
        <translation>换货商品（款式、尺码、颜色）(&amp;R)：</translation>
    </message>
    <message>
        <source>Say what the customer gets in exchange.</source>
        <translation>请填写顾客换到的商品。</translation>
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
    <message>
        <source>No reason (within the return window)</source>
        <translation>七天无理由</translation>
    </message>
    <message>
        <source>Quality issue</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Wrong item sent</source>
        <translation>发错货</translation>
    </message>
    <message>
        <source>Item missing</source>
        <translation>少件/漏发</translation>
    </message>
    <message>
        <source>Damaged in transit</source>
        <translation>运输破损</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <source>Size or fit</source>
        <translation>尺码不合适</translation>
    </message>
    <message>
        <source>Changed mind</source>
        <translation>不想要了</translation>
    </message>
    <message>
        <source>Late delivery</source>
        <translation>发货/配送太慢</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>发错货</translation>
    </message>
    <message>
        <source>Missing item</source>
        <translation>少件/漏发</translation>
    </message>
    <message>
        <source>Logistics delay</source>
        <translation>物流延误</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Price dispute</source>
        <translation>价格争议</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后问题</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>已暂缓</translation>
    </message>
    <message>
        <source>Tier 1 · agent</source>
        <translation>第 1 层 · 客服</translation>
    </message>
    <message>
        <source>Tier 2 · specialist</source>
        <translation>第 2 层 · 专员</translation>
    </message>
    <message>
        <source>Tier 3 · supplier or platform</source>
        <translation>第 3 层 · 供应商或平台</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿金额</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Other change</source>
        <translation>其他修改</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <source>a removed agent</source>
        <translation>已删除的客服</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Assigned agent</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Owner's confirmation</source>
        <translation>店主确认</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>欢迎语</translation>
    </message>
    <message>
        <source>Away message</source>
        <translation>休息时间自动回复</translation>
    </message>
    <message>
        <source>Keyword: invoice</source>
        <translation>关键词：发票</translation>
    </message>
    <message>
        <source>Keyword: shipping</source>
        <translation>关键词：发货/物流</translation>
    </message>
    <message>
        <source>Keyword: size</source>
        <translation>关键词：尺码</translation>
    </message>
    <message>
        <source>Auto-assignment</source>
        <translation>自动分配</translation>
    </message>
    <message>
        <source>After-sales follow-up</source>
        <translation>售后跟踪</translation>
    </message>
    <message>
        <source>After-sales: a bad answer opens a complaint</source>
        <translation>售后跟踪：不满意时建投诉</translation>
    </message>
    <message>
        <source>Complaint moves up a tier</source>
        <translation>投诉超时升级</translation>
    </message>
    <message>
        <source>Care message</source>
        <translation>节日问候</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
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
        <source>Stores: %1</source>
        <translation>店铺：%1</translation>
    </message>
    <message>
        <source>Need a reply: %1</source>
        <translation>待回复：%1</translation>
    </message>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk 客服台</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>离线：%1</translation>
    </message>
    <message>
        <source>this PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Syncing: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
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
        <source>&amp;Returns</source>
        <translation>售后(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New return…</source>
        <translation>新建售后单(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Export refunds…</source>
        <translation>导出退款台账(&amp;E)…</translation>
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
        <source>&amp;Import orders…</source>
        <translation>导入订单(&amp;I)…</translation>
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
    <message>
        <source>The shop as it was is kept in %1.</source>
        <translation>恢复前的店铺数据保存在 %1。</translation>
    </message>
    <message>
        <source>The backup %1 was restored.</source>
        <translation>已恢复备份 %1。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Probably also</source>
        <translation>疑似同一人</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Keep this record</source>
        <translation>保留此记录</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>邮箱相同</translation>
    </message>
    <message>
        <source>same name and address</source>
        <translation>姓名和地址相同</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>由您选择</translation>
    </message>
    <message>
        <source>%1 pairs of customers look like one person. Choose a pair, check what combines, then merge; a merge can be undone.</source>
        <translation>有 %1 对客户疑似同一人。选择一对，核对将合并的内容后再合并；合并可以撤销。</translation>
    </message>
    <message>
        <source>Check what combines, then merge; a merge can be undone.</source>
        <translation>核对将合并的内容后再合并；合并可以撤销。</translation>
    </message>
    <message>
        <source>Store accounts</source>
        <translation>店铺账号</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
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
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>No customers to merge.</source>
        <translation>没有可合并的客户。</translation>
    </message>
    <message>
        <source>After the merge, %1 holds %3 in all, its own and those of %2; %2 is left empty and leaves the lists.</source>
        <translation>合并后，%1 共有 %3（含原属 %2 的全部资料）；%2 将成为空记录，不再出现在列表中。</translation>
    </message>
    <message>
        <source>The record of %1 was merged into %2, which now holds %3.</source>
        <translation>已将 %1 的记录并入 %2，现共有 %3。</translation>
    </message>
    <message>
        <source>Looking for customers who are probably one person…</source>
        <translation>正在查找可能是同一人的客户…</translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>已取消查找。</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>These two will not be suggested again.</source>
        <translation>这两位客户不会再被提示为重复。</translation>
    </message>
    <message>
        <source>The merge was undone.</source>
        <translation>合并已撤销。</translation>
    </message>
    <message>
        <source>The pair is suggested again.</source>
        <translation>这对客户会再次被提示。</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>Name, handle, phone or e-mail</source>
        <translation>姓名、账号、电话或邮箱</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>订单：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>摘要：</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation>（无订单）</translation>
    </message>
    <message>
        <source>Choose the customer.</source>
        <translation>请选择客户。</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Search by order number, customer or product.</source>
        <translation>按订单号、客户或商品搜索。</translation>
    </message>
    <message>
        <source>Order number, customer or product</source>
        <translation>订单号、客户或商品</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Paid %1, of which shipping %2; refunded so far %3.</source>
        <translation>实付 %1，其中运费 %2；已退款 %3。</translation>
    </message>
    <message>
        <source>%1 × %2 bought, %3 already returned</source>
        <translation>%1 × %2 件，已退 %3 件</translation>
    </message>
    <message>
        <source>Choose an order.</source>
        <translation>请选择一个订单。</translation>
    </message>
    <message>
        <source>Everything in this order is already in a return.</source>
        <translation>该订单的所有商品都已在售后中。</translation>
    </message>
    <message>
        <source>This order has been refunded in full.</source>
        <translation>该订单已全额退款。</translation>
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
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
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
    <message>
        <source>Images sent with it:</source>
        <translation>随回复发送的图片：</translation>
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
    <name>ReasonPage</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why, in the customer's words, with photos if there are any.</source>
        <translation>用顾客的话说明原因，有照片请附上。</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>&amp;Add photos…</source>
        <translation>添加照片(&amp;A)…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Not delivered yet (or the delivery date is unknown): the %1-day no-reason window has not started.</source>
        <translation>尚未签收（或签收日期未知）：%1 天无理由退货期尚未开始。</translation>
    </message>
    <message>
        <source>Delivered %1: inside the %2-day no-reason return window (until %3).</source>
        <translation>%1 签收：在 %2 天无理由退货期内（至 %3）。</translation>
    </message>
    <message>
        <source>Delivered %1: outside the %2-day no-reason return window (it ended %3).</source>
        <translation>%1 签收：已超过 %2 天无理由退货期（%3 截止）。</translation>
    </message>
    <message>
        <source>Refund only: nothing is sent back.</source>
        <translation>仅退款：无需寄回商品。</translation>
    </message>
    <message>
        <source>Return shipping for this reason: paid by the shop.</source>
        <translation>此原因的退货运费：由店铺承担。</translation>
    </message>
    <message>
        <source>Return shipping for this reason: paid by the customer.</source>
        <translation>此原因的退货运费：由顾客承担。</translation>
    </message>
    <message>
        <source>The order is outside the no-reason window; choose the real reason.</source>
        <translation>订单已超过无理由退货期，请选择实际原因。</translation>
    </message>
    <message>
        <source>Describe the reason when it is “Other”.</source>
        <translation>原因为“其他”时请填写说明。</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Score distribution</source>
        <translation>评分分布</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Complaints by category per month</source>
        <translation>每月各类别投诉</translation>
    </message>
    <message>
        <source>0–15 min</source>
        <translation>0–15 分钟</translation>
    </message>
    <message>
        <source>15–60 min</source>
        <translation>15–60 分钟</translation>
    </message>
    <message>
        <source>CSAT by week number (%)</source>
        <translation>每周满意度（按周数，%）</translation>
    </message>
    <message>
        <source>1–4 h</source>
        <translation>1–4 小时</translation>
    </message>
    <message>
        <source>4–24 h</source>
        <translation>4–24 小时</translation>
    </message>
    <message>
        <source>24 h +</source>
        <translation>24 小时以上</translation>
    </message>
    <message>
        <source>First response time</source>
        <translation>首次响应时间</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话数</translation>
    </message>
    <message>
        <source>Refunds by month</source>
        <translation>每月退款</translation>
    </message>
    <message>
        <source>no data in these dates</source>
        <translation>所选日期内没有数据</translation>
    </message>
    <message>
        <source>First reply by a person</source>
        <translation>人工首次回复</translation>
    </message>
    <message>
        <source>First automatic reply</source>
        <translation>自动首次回复</translation>
    </message>
    <message>
        <source>Customer's wait for the first reply</source>
        <translation>顾客等待首次回复的时间</translation>
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
        <source>No handover yet. When an agent ends a shift (File → End shift…), what they left open and their note for the next person appear here.</source>
        <translation>还没有交班记录。客服交班时（文件 → 交班…），其未完成的事项和留给下一班的备注会显示在这里。</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>交班记录</translation>
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
    <message>
        <source>Frequent questions</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>自动化</translation>
    </message>
</context>
<context>
    <name>ReturnWizard</name>
    <message>
        <source>Start a return</source>
        <translation>发起售后</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Returns</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <source>Show finished</source>
        <translation>显示已完结</translation>
    </message>
    <message>
        <source>Include closed and cancelled cases</source>
        <translation>包括已完结和已取消的售后单</translation>
    </message>
    <message>
        <source>New return…</source>
        <translation>新建售后单…</translation>
    </message>
    <message>
        <source>Start a return case (Ctrl+N)</source>
        <translation>发起售后单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Export refunds…</source>
        <translation>导出退款台账…</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 个售后单</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 个超时</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Finish creates the case and notes it in the conversation.</source>
        <translation>点击“完成”创建售后单，并在会话中记录。</translation>
    </message>
    <message>
        <source>&amp;Send this message to the customer</source>
        <translation>把这条消息发给顾客(&amp;S)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Replacement</source>
        <translation>换货商品</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>This customer has no conversation in this store; nothing will be sent.</source>
        <translation>该顾客在此店铺没有会话，不会发送消息。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细说明</translation>
    </message>
    <message>
        <source>Nothing is sent back</source>
        <translation>无需寄回</translation>
    </message>
    <message>
        <source>Paid by the customer</source>
        <translation>由顾客承担</translation>
    </message>
    <message>
        <source>Paid by the shop</source>
        <translation>由店铺承担</translation>
    </message>
    <message>
        <source>Return shipping</source>
        <translation>退货运费</translation>
    </message>
    <message>
        <source>Fill in from the template</source>
        <translation>用模板填写</translation>
    </message>
    <message>
        <source>Replaces the message with the template's text; Ctrl+Z in the message brings back what was there.</source>
        <translation>用模板的文字替换这条消息；在消息框里按 Ctrl+Z 可恢复原来的内容。</translation>
    </message>
    <message>
        <source>The message names %1, but the amount of the return is %2. Check the message, or fill it in from the template.</source>
        <translation>消息里写的是 %1，但售后金额是 %2。请核对消息，或用模板重新填写。</translation>
    </message>
    <message>
        <source>The return changed after the message was edited by hand; check that the message still says the right thing.</source>
        <translation>手动修改消息后，售后信息又有变动；请核对消息内容是否仍然正确。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Only the owner changes the shop's settings: you see them as they are. Your own options are on the Inbox tab.</source>
        <translation>只有店主可以修改店铺设置，这里只供查看。您自己的选项在“收件箱”标签页。</translation>
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
        <source>Stores</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Store rules</source>
        <translation>店铺规则</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends a reply and Enter starts a new line (otherwise the reverse)</source>
        <translation>Ctrl+Enter 发送回复，Enter 换行（否则相反）</translation>
    </message>
    <message>
        <source>Desktop notifications for new customer messages</source>
        <translation>新客户消息时显示桌面通知</translation>
    </message>
    <message>
        <source>Automation</source>
        <translation>自动化</translation>
    </message>
    <message>
        <source>Sending rules</source>
        <translation>发送检查</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>ShopDesk cannot start</source>
        <translation>ShopDesk 无法启动</translation>
    </message>
    <message>
        <source>The shop as it was is kept in %1.</source>
        <translation>恢复前的店铺数据保存在 %1。</translation>
    </message>
    <message>
        <source>The backup %1 was restored.</source>
        <translation>已恢复备份 %1。</translation>
    </message>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk</translation>
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
    <name>StepDialog</name>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Amount (%1):</source>
        <translation>金额（%1）：</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>快递公司：</translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation>快递单号：</translation>
    </message>
    <message>
        <source>Reason (the customer sees it):</source>
        <translation>原因（顾客可见）：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Send a message to the customer</source>
        <translation>给顾客发消息</translation>
    </message>
    <message>
        <source>Fill in from the template</source>
        <translation>用模板填写</translation>
    </message>
    <message>
        <source>This case has no conversation to write to.</source>
        <translation>该售后单没有可写入的会话。</translation>
    </message>
    <message>
        <source>Refund %1 to %2 for %3 (order %4)?</source>
        <translation>确定为 %3（订单 %4）向 %2 退款 %1 吗？</translation>
    </message>
    <message>
        <source>Check the message</source>
        <translation>核对消息</translation>
    </message>
    <message>
        <source>The message to the customer names %1, but the amount of this step is %2. Send the message as written?</source>
        <translation>给顾客的消息里写的是 %1，但这一步的金额是 %2。仍按原文发送消息吗？</translation>
    </message>
    <message>
        <source>Send as written</source>
        <translation>按原文发送</translation>
    </message>
    <message>
        <source>Correct the message</source>
        <translation>修改消息</translation>
    </message>
    <message>
        <source>Replaces the message with the template's text; Ctrl+Z in the message brings back what was there.</source>
        <translation>用模板的文字替换这条消息；在消息框里按 Ctrl+Z 可恢复原来的内容。</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Cancel case</source>
        <translation>取消售后</translation>
    </message>
    <message>
        <source>Ask to send back</source>
        <translation>通知寄回</translation>
    </message>
    <message>
        <source>Record buyer's tracking</source>
        <translation>登记买家退货单号</translation>
    </message>
    <message>
        <source>Mark received and inspected</source>
        <translation>已收货并验货</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Ship the exchange</source>
        <translation>寄出换货</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>完结</translation>
    </message>
    <message>
        <source>Reopen (appeal)</source>
        <translation>重新处理（申诉）</translation>
    </message>
</context>
<context>
    <name>StoreRulesPanel</name>
    <message>
        <source>&amp;Store:</source>
        <translation>店铺(&amp;S)：</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Complaints: resolve within (hours)</source>
        <translation>投诉：解决时限（小时）</translation>
    </message>
    <message>
        <source>Satisfaction survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Customer segments (RFM)</source>
        <translation>客户分层（RFM）</translation>
    </message>
    <message>
        <source>&amp;No-reason returns within (days after delivery):</source>
        <translation>无理由退货期（签收后天数）(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Answer a request within (hours):</source>
        <translation>处理售后申请时限（小时）(&amp;A)：</translation>
    </message>
    <message>
        <source>Buyer &amp;ships back within (days after approval):</source>
        <translation>买家寄回时限（同意后天数）(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Refund within (hours after approval or receipt):</source>
        <translation>退款时限（同意或收货后小时）(&amp;R)：</translation>
    </message>
    <message>
        <source>Critical:</source>
        <translation>紧急：</translation>
    </message>
    <message>
        <source>High:</source>
        <translation>高：</translation>
    </message>
    <message>
        <source>Normal:</source>
        <translation>普通：</translation>
    </message>
    <message>
        <source>Low:</source>
        <translation>低：</translation>
    </message>
    <message>
        <source>Look back (days):</source>
        <translation>统计周期（天）：</translation>
    </message>
    <message>
        <source>VIP from (orders in that time):</source>
        <translation>VIP 门槛（周期内订单数）：</translation>
    </message>
    <message>
        <source>or VIP from (spent, %1):</source>
        <translation>或 VIP 门槛（消费金额，%1）：</translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>New customer for (days after the first order):</source>
        <translation>新客户期（首单后天数）：</translation>
    </message>
    <message>
        <source>Lost after (days without an order):</source>
        <translation>流失判定（无订单天数）：</translation>
    </message>
    <message>
        <source>Ask for a score when a conversation is closed</source>
        <translation>关闭会话时请顾客评分</translation>
    </message>
    <message>
        <source>Survey text (empty: ShopDesk's own, in the customer's language). {customer} and {store} are filled in.</source>
        <translation>调查文字（留空则用 ShopDesk 的默认文字，按顾客语言）。{customer} 和 {store} 会自动填入。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StoresPanel</name>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <source>Reply within:</source>
        <translation>回复时限：</translation>
    </message>
    <message>
        <source>Working hours:</source>
        <translation>工作时间：</translation>
    </message>
    <message>
        <source>Messages come from:</source>
        <translation>消息来源：</translation>
    </message>
    <message>
        <source>Store address:</source>
        <translation>店铺邮箱：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>IMAP server (incoming):</source>
        <translation>IMAP 服务器（收信）：</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>邮箱文件夹：</translation>
    </message>
    <message>
        <source>Read mail:</source>
        <translation>读取邮件：</translation>
    </message>
    <message>
        <source>SMTP server (outgoing):</source>
        <translation>SMTP 服务器（发信）：</translation>
    </message>
    <message>
        <source>Own certificate authority:</source>
        <translation>自有证书颁发机构：</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>No channel (orders and records only)</source>
        <translation>无渠道（仅订单和记录）</translation>
    </message>
    <message>
        <source>E-mail (IMAP and SMTP)</source>
        <translation>电子邮件（IMAP 和 SMTP）</translation>
    </message>
    <message>
        <source>Demo customers</source>
        <translation>演示顾客</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>The address, if the server wants nothing else</source>
        <translation>留空则使用店铺邮箱地址</translation>
    </message>
    <message>
        <source>only since</source>
        <translation>仅限此日期之后</translation>
    </message>
    <message>
        <source>Mark fetched mail as read on the server (otherwise it is left untouched)</source>
        <translation>在服务器上把已读取的邮件标为已读（否则保持原样）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate</source>
        <translation>仅用于使用自签证书的服务器</translation>
    </message>
    <message>
        <source>Add store</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <source>Show archived stores</source>
        <translation>显示已归档店铺</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>There is no password store (keyring) on this computer: the password is kept only until ShopDesk closes, and ShopDesk asks for it again next time.</source>
        <translation>这台电脑没有密码库（keyring）：密码只保留到 ShopDesk 关闭，下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>(archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>(offline)</source>
        <translation>（离线）</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>已连接。</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>离线：%1</translation>
    </message>
    <message>
        <source>A new store</source>
        <translation>新店铺</translation>
    </message>
    <message>
        <source>Saved in the keyring; type to change it</source>
        <translation>已保存在密码库中；输入新密码即可更改</translation>
    </message>
    <message>
        <source>Kept in the keyring, never in the database</source>
        <translation>保存在系统密码库中，绝不写入数据库</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Store colour</source>
        <translation>店铺颜色</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>证书颁发机构</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Add a tag (Enter)</source>
        <translation>添加标签（回车）</translation>
    </message>
    <message>
        <source>Remove this tag</source>
        <translation>移除此标签</translation>
    </message>
</context>
<context>
    <name>TagsPanel</name>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Renamed.</source>
        <translation>已重命名。</translation>
    </message>
    <message>
        <source>Colour changed.</source>
        <translation>颜色已修改。</translation>
    </message>
    <message>
        <source>Merge tag</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Give the customers of “%1” this tag instead:</source>
        <translation>把“%1”的客户改为使用此标签：</translation>
    </message>
    <message>
        <source>Merged into %1.</source>
        <translation>已合并到 %1。</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Delete “%1”? %2 customers lose it.</source>
        <translation>删除“%1”？%2 位客户将失去此标签。</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so ShopDesk does not keep passwords between sessions.
Password of the mailbox of %1:</source>
        <translation>这台电脑没有密码库（keyring），ShopDesk 不会在两次使用之间保存密码。
%1 的邮箱密码：</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>The file is larger than 200 MB; split it into smaller exports.</source>
        <translation>文件超过 200 MB，请拆分成较小的导出文件。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GBK/GB18030 text; export it again as CSV from the platform.</source>
        <translation>文件既不是 UTF-8 也不是 GBK/GB18030 文本，请从平台重新导出为 CSV。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>line 1: the header line is not CSV.</source>
        <translation>第 1 行：表头不是 CSV 格式。</translation>
    </message>
    <message>
        <source>This is not the expected export: the columns %1 are missing.</source>
        <translation>这不是所选格式的导出文件：缺少列 %1。</translation>
    </message>
    <message>
        <source>The file holds no orders: it has the header line and nothing else.</source>
        <translation>文件里没有订单：只有表头，没有其他内容。</translation>
    </message>
    <message>
        <source>%1 “%2” is not an amount</source>
        <translation>%1“%2”不是金额</translation>
    </message>
    <message>
        <source>the quantity (%1) “%2” is not a number</source>
        <translation>数量（%1）“%2”不是数字</translation>
    </message>
    <message>
        <source>the quantity (%1) “%2” must be at most %3</source>
        <translation>数量（%1）“%2”不能超过 %3</translation>
    </message>
    <message>
        <source>%1 “%2” must be at most %3</source>
        <translation>%1“%2”不能超过 %3</translation>
    </message>
    <message>
        <source>the quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <source>%1 rows cannot be read; nothing was imported. First: line %2: %3</source>
        <translation>%1 行无法读取，没有导入任何内容。第一处：第 %2 行：%3</translation>
    </message>
    <message>
        <source>line %1: order %2 is in %3, the store %4 sells in %5</source>
        <translation>第 %1 行：订单 %2 的币种是 %3，而店铺 %4 使用 %5</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>a quote (") in this row does not close where the field ends; the rest of the file was not read</source>
        <translation>这一行的引号（"）没有在字段结尾处闭合；文件的其余部分没有读取</translation>
    </message>
    <message>
        <source>the field %1 runs from line %2 to line %3: a quote (") in it closes only in a later row, which it swallows</source>
        <translation>字段 %1 从第 %2 行延续到第 %3 行：其中的引号（"）直到后面的行才闭合，把中间的行并了进去</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2 (a comma or quote in a field that is not enclosed in quotes?)</source>
        <translation>这一行有 %1 个字段，而表头有 %2 个（是否有字段中的逗号或引号没有用引号括起来？）</translation>
    </message>
    <message>
        <source>the row contains a NUL character</source>
        <translation>这一行包含 NUL 字符</translation>
    </message>
    <message>
        <source>the order number is longer than %1 characters</source>
        <translation>订单编号超过 %1 个字符</translation>
    </message>
    <message>
        <source>the buyer is longer than %1 characters</source>
        <translation>买家超过 %1 个字符</translation>
    </message>
    <message>
        <source>the name is longer than %1 characters</source>
        <translation>姓名超过 %1 个字符</translation>
    </message>
    <message>
        <source>the phone is longer than %1 characters</source>
        <translation>电话超过 %1 个字符</translation>
    </message>
    <message>
        <source>the e-mail is longer than %1 characters</source>
        <translation>电子邮件超过 %1 个字符</translation>
    </message>
    <message>
        <source>the carrier is longer than %1 characters</source>
        <translation>物流公司超过 %1 个字符</translation>
    </message>
    <message>
        <source>the tracking number is longer than %1 characters</source>
        <translation>物流单号超过 %1 个字符</translation>
    </message>
    <message>
        <source>the item title is longer than %1 characters</source>
        <translation>商品标题超过 %1 个字符</translation>
    </message>
    <message>
        <source>the SKU is longer than %1 characters</source>
        <translation>SKU 超过 %1 个字符</translation>
    </message>
    <message>
        <source>order %1 is already on line %2</source>
        <translation>订单 %1 已在第 %2 行出现</translation>
    </message>
    <message>
        <source>%1 “%2” is not a time like 2026-11-02 14:21:07 -0500</source>
        <translation>%1“%2”不是 2026-11-02 14:21:07 -0500 这样的时间</translation>
    </message>
    <message>
        <source>the order name (Name) is empty</source>
        <translation>订单名（Name）为空</translation>
    </message>
    <message>
        <source>the order name (Name) “%1” is not a Shopify order name like #1001</source>
        <translation>订单名（Name）“%1”不是 #1001 这样的 Shopify 订单名</translation>
    </message>
    <message>
        <source>the currency “%1” is not a three-letter code (is this the first row of the order?)</source>
        <translation>币种“%1”不是三个字母的代码（这是订单的第一行吗？）</translation>
    </message>
    <message>
        <source>the order time (Created at) is empty</source>
        <translation>下单时间（Created at）为空</translation>
    </message>
    <message>
        <source>the order has no e-mail, phone or name</source>
        <translation>订单没有电子邮件、电话或姓名</translation>
    </message>
    <message>
        <source>the item name (Lineitem name) is empty</source>
        <translation>商品名称（Lineitem name）为空</translation>
    </message>
    <message>
        <source>%1 “%2” is not a time like 2026-11-11 00:03:12</source>
        <translation>%1“%2”不是 2026-11-11 00:03:12 这样的时间</translation>
    </message>
    <message>
        <source>the order number (订单编号) is empty</source>
        <translation>订单编号为空</translation>
    </message>
    <message>
        <source>the order number (订单编号) “%1” is not a Taobao order number (digits only)</source>
        <translation>订单编号“%1”不是淘宝订单号（只能是数字）</translation>
    </message>
    <message>
        <source>the buyer (买家会员名) is empty</source>
        <translation>买家会员名为空</translation>
    </message>
    <message>
        <source>unknown order status “%1”</source>
        <translation>未知的订单状态“%1”</translation>
    </message>
    <message>
        <source>the postage %1 is more than the amount paid</source>
        <translation>邮费 %1 超过了实付金额</translation>
    </message>
    <message>
        <source>the order time (订单创建时间) is empty</source>
        <translation>订单创建时间为空</translation>
    </message>
    <message>
        <source>%1 is larger than 10 MB.</source>
        <translation>%1 超过 10 MB。</translation>
    </message>
    <message>
        <source>%1 is not an image ShopDesk can send (PNG, JPEG, GIF, WebP or BMP).</source>
        <translation>%1 不是 ShopDesk 能发送的图片（PNG、JPEG、GIF、WebP 或 BMP）。</translation>
    </message>
    <message>
        <source>%1 was already merged into another customer.</source>
        <translation>%1 已经合并到另一位客户。</translation>
    </message>
    <message>
        <source>%1 was merged again later; undo that merge first.</source>
        <translation>%1 之后又被合并过；请先撤销那次合并。</translation>
    </message>
    <message>
        <source>A customer cannot be merged with itself.</source>
        <translation>客户不能与自己合并。</translation>
    </message>
    <message>
        <source>A customer cannot be told apart from itself.</source>
        <translation>客户不能与自己标记为不同的人。</translation>
    </message>
    <message>
        <source>A score is a whole number from 1 to 5.</source>
        <translation>评分是 1 到 5 的整数。</translation>
    </message>
    <message>
        <source>A tag name is at most %1 characters.</source>
        <translation>标签名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>A tag needs a name.</source>
        <translation>标签需要名称。</translation>
    </message>
    <message>
        <source>At most %1 images.</source>
        <translation>最多 %1 张图片。</translation>
    </message>
    <message>
        <source>Choose a severity.</source>
        <translation>请选择严重程度。</translation>
    </message>
    <message>
        <source>Choose another tag to merge into.</source>
        <translation>请选择要合并到的另一个标签。</translation>
    </message>
    <message>
        <source>Compensation cannot be negative.</source>
        <translation>补偿金额不能为负数。</translation>
    </message>
    <message>
        <source>Order %1 belongs to another customer.</source>
        <translation>订单 %1 属于另一位客户。</translation>
    </message>
    <message>
        <source>Say why the complaint goes up a tier; the next tier reads it.</source>
        <translation>请说明升级原因，上一级处理人会看到。</translation>
    </message>
    <message>
        <source>Snooze until a time in the future.</source>
        <translation>稍后处理的时间必须在将来。</translation>
    </message>
    <message>
        <source>That agent cannot take complaints (deactivated).</source>
        <translation>该客服不能接手投诉（已停用）。</translation>
    </message>
    <message>
        <source>That agent cannot take conversations (deactivated or removed).</source>
        <translation>该客服不能接手会话（已停用或已移除）。</translation>
    </message>
    <message>
        <source>That agent cannot take over work (deactivated or removed).</source>
        <translation>该客服不能接手工作（已停用或已移除）。</translation>
    </message>
    <message>
        <source>That agent no longer exists.</source>
        <translation>该客服已不存在。</translation>
    </message>
    <message>
        <source>That complaint no longer exists.</source>
        <translation>该投诉已不存在。</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>该会话已不存在。</translation>
    </message>
    <message>
        <source>That customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <source>That merge is not in the audit trail.</source>
        <translation>操作记录中没有这次合并。</translation>
    </message>
    <message>
        <source>That note no longer exists.</source>
        <translation>该备注已不存在。</translation>
    </message>
    <message>
        <source>That order no longer exists.</source>
        <translation>该订单已不存在。</translation>
    </message>
    <message>
        <source>That photo no longer exists.</source>
        <translation>该照片已不存在。</translation>
    </message>
    <message>
        <source>That quick reply no longer exists.</source>
        <translation>该快捷回复已不存在。</translation>
    </message>
    <message>
        <source>That return case no longer exists.</source>
        <translation>该售后单已不存在。</translation>
    </message>
    <message>
        <source>That store no longer exists.</source>
        <translation>该店铺已不存在。</translation>
    </message>
    <message>
        <source>That tag no longer exists.</source>
        <translation>该标签已不存在。</translation>
    </message>
    <message>
        <source>The conversation belongs to another customer.</source>
        <translation>该会话属于另一位客户。</translation>
    </message>
    <message>
        <source>The merge of %1 into %2 was already undone.</source>
        <translation>%1 合并到 %2 的操作已经撤销过了。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息是空的。</translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation>备注是空的。</translation>
    </message>
    <message>
        <source>The summary is longer than %1 characters; put the rest in the details.</source>
        <translation>摘要超过 %1 个字符；其余内容请写在详情里。</translation>
    </message>
    <message>
        <source>There is already a tag “%1”; merge them instead.</source>
        <translation>已有标签“%1”；请改为合并。</translation>
    </message>
    <message>
        <source>This complaint no longer exists.</source>
        <translation>此投诉已不存在。</translation>
    </message>
    <message>
        <source>Write a short summary of the complaint.</source>
        <translation>请写一句投诉摘要。</translation>
    </message>
    <message>
        <source>Write how the complaint was resolved.</source>
        <translation>请填写投诉的解决方式。</translation>
    </message>
    <message>
        <source>You can change only your own notes.</source>
        <translation>只能修改自己的备注。</translation>
    </message>
    <message>
        <source>You can only hand over your own work.</source>
        <translation>只能交接自己的工作。</translation>
    </message>
    <message>
        <source>“%1” is not a colour like #2563EB.</source>
        <translation>“%1”不是 #2563EB 这样的颜色。</translation>
    </message>
    <message>
        <source>%1 cannot %2.</source>
        <translation>%1不能%2。</translation>
    </message>
    <message>
        <source>%1 has more than %2 decimal places for %3.</source>
        <translation>%1 的小数位超过了 %3 允许的 %2 位。</translation>
    </message>
    <message>
        <source>%1 is above your refund limit of %2; the case waits for the owner. Hand it to the owner with “Ask the owner”.</source>
        <translation>%1 超过了你的退款审批上限 %2；此售后单需要店主审批。请用“请店主审批”转给店主。</translation>
    </message>
    <message>
        <source>%1 is not in order %2.</source>
        <translation>%1 不在订单 %2 中。</translation>
    </message>
    <message>
        <source>%1: %2 is more than can still be returned (%3 bought, %4 already in other returns).</source>
        <translation>%1：%2 件超过了还能退的数量（购买 %3 件，其他售后单已退 %4 件）。</translation>
    </message>
    <message>
        <source>A bookkeeper</source>
        <translation>会计</translation>
    </message>
    <message>
        <source>A case must be approved before it is refunded.</source>
        <translation>售后单需先审批同意才能退款。</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>At most %1 can be refunded: %2 was paid for order %3 and %4 has already been refunded.</source>
        <translation>最多可退 %1：订单 %3 实付 %2，已退款 %4。</translation>
    </message>
    <message>
        <source>Choose at least one item and how many.</source>
        <translation>请至少选择一件商品及数量。</translation>
    </message>
    <message>
        <source>Enter an amount more than zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>Enter the tracking number.</source>
        <translation>请输入物流单号。</translation>
    </message>
    <message>
        <source>Give the reason; the customer will see it.</source>
        <translation>请填写原因，顾客会看到。</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>当前没有人登录。</translation>
    </message>
    <message>
        <source>Order %1 belongs to %2, not to the customer of this conversation.</source>
        <translation>订单 %1 属于 %2，不是这个会话的顾客。</translation>
    </message>
    <message>
        <source>Order %1 is outside the %2-day no-reason window; choose the real reason or another kind of settlement.</source>
        <translation>订单 %1 已超过 %2 天无理由退货期；请选择真实原因或其他处理方式。</translation>
    </message>
    <message>
        <source>Refunds of %1 %2 would exceed the %3 %4 paid for the order.</source>
        <translation>退款合计 %1 %2 将超过该订单实付的 %3 %4。</translation>
    </message>
    <message>
        <source>Say what the customer gets in exchange (the replacement item).</source>
        <translation>请填写换货给顾客的商品。</translation>
    </message>
    <message>
        <source>The approved %1 is more than the requested %2 %3.</source>
        <translation>同意的金额 %1 超过了申请的 %2 %3。</translation>
    </message>
    <message>
        <source>The owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>The quantity of %1 cannot be negative.</source>
        <translation>%1 的数量不能为负数。</translation>
    </message>
    <message>
        <source>The refund of %1 is more than the approved %2 %3.</source>
        <translation>退款 %1 超过了同意的 %2 %3。</translation>
    </message>
    <message>
        <source>There is no active owner to approve this case.</source>
        <translation>没有在职的店主可以审批此售后单。</translation>
    </message>
    <message>
        <source>This agent has been deactivated.</source>
        <translation>此客服已被停用。</translation>
    </message>
    <message>
        <source>This case has already been refunded.</source>
        <translation>此售后单已经退过款。</translation>
    </message>
    <message>
        <source>This return case no longer exists.</source>
        <translation>此售后单已不存在。</translation>
    </message>
    <message>
        <source>answer customers or change conversations</source>
        <translation>回复顾客或修改会话</translation>
    </message>
    <message>
        <source>approve refunds</source>
        <translation>审批退款</translation>
    </message>
    <message>
        <source>change agents</source>
        <translation>管理客服</translation>
    </message>
    <message>
        <source>change returns or complaints</source>
        <translation>处理售后或投诉</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>change stores</source>
        <translation>修改店铺</translation>
    </message>
    <message>
        <source>export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>hand over a shift</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>see unmasked phone numbers and addresses</source>
        <translation>查看完整的电话号码和地址</translation>
    </message>
    <message>
        <source>view the shop</source>
        <translation>查看店铺</translation>
    </message>
    <message>
        <source>“%1” is not an amount.</source>
        <translation>“%1”不是有效的金额。</translation>
    </message>
    <message>
        <source>The backup folder %1 cannot be created: %2.</source>
        <translation>无法创建备份文件夹 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not installed on this computer.</source>
        <translation>这台电脑没有安装 %1。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是一个文件。</translation>
    </message>
    <message>
        <source>An SQLite backup restores into an SQLite file.</source>
        <translation>SQLite 备份只能恢复到 SQLite 文件。</translation>
    </message>
    <message>
        <source>To move a shop to PostgreSQL, load a dump of it there.</source>
        <translation>要把店铺迁移到 PostgreSQL，请在那里载入店铺的导出文件。</translation>
    </message>
    <message>
        <source>A PostgreSQL backup (.pgdump) restores into a PostgreSQL database.</source>
        <translation>PostgreSQL 备份（.pgdump）只能恢复到 PostgreSQL 数据库。</translation>
    </message>
    <message>
        <source>%1 already holds a shop (%2 stores, %3 customers, %4 conversations).</source>
        <translation>%1 中已有店铺数据（%2 个店铺、%3 位客户、%4 个会话）。</translation>
    </message>
    <message>
        <source>Restore into an empty database, or replace it on purpose.</source>
        <translation>请恢复到空数据库，或明确选择替换。</translation>
    </message>
    <message>
        <source>Restore into a new file, or replace it on purpose.</source>
        <translation>请恢复到新文件，或明确选择替换。</translation>
    </message>
    <message>
        <source>%1 is not a ShopDesk backup (%2).</source>
        <translation>%1 不是 ShopDesk 备份（%2）。</translation>
    </message>
    <message>
        <source>%1 is damaged (%2).</source>
        <translation>%1 已损坏（%2）。</translation>
    </message>
    <message>
        <source>Choose another backup.</source>
        <translation>请选择其他备份。</translation>
    </message>
    <message>
        <source>%1 was made by a newer ShopDesk (schema %2).</source>
        <translation>%1 由更新版本的 ShopDesk 创建（结构版本 %2）。</translation>
    </message>
    <message>
        <source>Update ShopDesk first.</source>
        <translation>请先更新 ShopDesk。</translation>
    </message>
    <message>
        <source>The backup did not check out (%1).</source>
        <translation>备份校验未通过（%1）。</translation>
    </message>
    <message>
        <source>The database may be damaged.</source>
        <translation>数据库可能已损坏。</translation>
    </message>
    <message>
        <source>The backup cannot be written to %1: %2.</source>
        <translation>无法把备份写入 %1：%2。</translation>
    </message>
    <message>
        <source>%1 did not run: %2.</source>
        <translation>%1 无法运行：%2。</translation>
    </message>
    <message>
        <source>%1 failed: %2.</source>
        <translation>%1 失败：%2。</translation>
    </message>
    <message>
        <source>restore backups</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>The amount is above your refund limit; the owner must approve it.</source>
        <translation>金额超出你的退款额度，需要店主审批。</translation>
    </message>
    <message>
        <source>A bookkeeper sees returns but does not change them.</source>
        <translation>会计可以查看售后单，但不能修改。</translation>
    </message>
    <message>
        <source>Describe the reason when it is “Other”.</source>
        <translation>原因为“其他”时请填写说明。</translation>
    </message>
    <message>
        <source>That reply no longer exists.</source>
        <translation>这条回复已不存在。</translation>
    </message>
    <message>
        <source>This reply is not waiting to be sent again.</source>
        <translation>这条回复不在等待重新发送。</translation>
    </message>
    <message>
        <source>This message is not waiting to be sent again.</source>
        <translation>这条消息不在等待重新发送。</translation>
    </message>
    <message>
        <source>Only a reply that may have been sent can be marked as sent.</source>
        <translation>只有“可能已发送”的回复才能标记为已发送。</translation>
    </message>
    <message>
        <source>ShopDesk stopped while sending this reply; it may have been sent.</source>
        <translation>ShopDesk 在发送这条回复时中断了；它可能已经发出。</translation>
    </message>
    <message>
        <source>%1 is above your refund limit of %2; the complaint waits for the owner. Hand it to the owner with “Ask the owner”.</source>
        <translation>%1 超过了你的退款审批上限 %2；此投诉需要店主审批。请用“请店主审批”转给店主。</translation>
    </message>
    <message>
        <source>%1 of compensation and %2 already refunded or compensated come to more than the %3 paid for order %4; only the owner can allow that. Hand it to the owner with “Ask the owner”.</source>
        <translation>补偿 %1 加上已退款或已补偿的 %2，超过了订单 %4 实付的 %3；只有店主可以批准。请用“请店主审批”转给店主。</translation>
    </message>
    <message>
        <source>%1 of compensation and %2 already refunded or compensated come to more than the %3 paid for order %4. To pay it all the same, write why in the confirmation.</source>
        <translation>补偿 %1 加上已退款或已补偿的 %2，超过了订单 %4 实付的 %3。如仍要支付，请在确认栏写明原因。</translation>
    </message>
    <message>
        <source>%1 of compensation has already been granted for this complaint; it can grow but not shrink.</source>
        <translation>此投诉已给予补偿 %1；补偿只能增加，不能减少。</translation>
    </message>
    <message>
        <source>%1 is more than ShopDesk takes as one amount (at most %2).</source>
        <translation>%1 超过了 ShopDesk 能接受的单笔金额（最多 %2）。</translation>
    </message>
    <message>
        <source>There is no active owner to approve this complaint.</source>
        <translation>没有可审批此投诉的店主。</translation>
    </message>
    <message>
        <source>The reply may have been sent.</source>
        <translation>这条回复可能已经发出。</translation>
    </message>
    <message>
        <source>%1 “%2” is negative</source>
        <translation>%1“%2”是负数</translation>
    </message>
    <message>
        <source>The work stopped because of an unexpected error (%1); the details are in shopdesk.log.</source>
        <translation>出现意外错误（%1），操作已停止；详细信息见 shopdesk.log。</translation>
    </message>
    <message>
        <source>The rule needs a name of at most %1 characters.</source>
        <translation>规则需要一个名称，最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Choose a trigger (not “%1”).</source>
        <translation>请选择触发条件（不是“%1”）。</translation>
    </message>
    <message>
        <source>Choose a trigger.</source>
        <translation>请选择触发条件。</translation>
    </message>
    <message>
        <source>The trigger has no setting “%1”.</source>
        <translation>触发条件没有“%1”这项设置。</translation>
    </message>
    <message>
        <source>A condition has no setting “%1”.</source>
        <translation>条件没有“%1”这项设置。</translation>
    </message>
    <message>
        <source>An action has no setting “%1”.</source>
        <translation>动作没有“%1”这项设置。</translation>
    </message>
    <message>
        <source>Give between 1 and %1 words or phrases.</source>
        <translation>请填写 1 到 %1 个关键词或短语。</translation>
    </message>
    <message>
        <source>The minutes must be a whole number from %1 to %2.</source>
        <translation>分钟数必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>The days must be a whole number from %1 to %2.</source>
        <translation>天数必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>The hours must be a whole number from %1 to %2.</source>
        <translation>小时数必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>The number of agents must be a whole number from %1 to %2.</source>
        <translation>客服人数必须是 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>Choose the return case state.</source>
        <translation>请选择售后单状态。</translation>
    </message>
    <message>
        <source>The care message needs a day like %1.</source>
        <translation>关怀消息需要一个日期，例如 %1。</translation>
    </message>
    <message>
        <source>Choose the customer segments for the care message.</source>
        <translation>请选择关怀消息的客户分群。</translation>
    </message>
    <message>
        <source>The opt-out tag must be a tag name.</source>
        <translation>退订标签必须是一个标签名称。</translation>
    </message>
    <message>
        <source>Unknown condition “%1”.</source>
        <translation>未知条件“%1”。</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>未知动作“%1”。</translation>
    </message>
    <message>
        <source>Choose at least one store.</source>
        <translation>请至少选择一个店铺。</translation>
    </message>
    <message>
        <source>Choose customer segments (new, active, VIP, at-risk, lost).</source>
        <translation>请选择客户分群（新客户、活跃、VIP、流失风险、已流失）。</translation>
    </message>
    <message>
        <source>Choose a tag.</source>
        <translation>请选择标签。</translation>
    </message>
    <message>
        <source>The language must be Chinese (zh) or English (en).</source>
        <translation>语言必须是中文（zh）或英文（en）。</translation>
    </message>
    <message>
        <source>Choose conversation statuses.</source>
        <translation>请选择会话状态。</translation>
    </message>
    <message>
        <source>Say whether the conversation is assigned.</source>
        <translation>请说明会话是否已分配。</translation>
    </message>
    <message>
        <source>Say within or outside working hours.</source>
        <translation>请说明是工作时间内还是工作时间外。</translation>
    </message>
    <message>
        <source>Choose the rule whose message is answered.</source>
        <translation>请选择被回复消息所属的规则。</translation>
    </message>
    <message>
        <source>Write the message (at most %1 characters) or pick a quick reply.</source>
        <translation>请填写消息（最多 %1 个字符）或选择一条快捷回复。</translation>
    </message>
    <message>
        <source>The fallback message is empty or too long.</source>
        <translation>备用消息为空或太长。</translation>
    </message>
    <message>
        <source>Assign to an agent, round-robin or to whoever has fewest open.</source>
        <translation>请选择分配方式：指定客服、轮流分配或分给未结会话最少的客服。</translation>
    </message>
    <message>
        <source>Choose the agent.</source>
        <translation>请选择客服。</translation>
    </message>
    <message>
        <source>Choose the tag to add.</source>
        <translation>请选择要添加的标签。</translation>
    </message>
    <message>
        <source>Choose a priority.</source>
        <translation>请选择优先级。</translation>
    </message>
    <message>
        <source>The notification text is too long.</source>
        <translation>通知内容太长。</translation>
    </message>
    <message>
        <source>Choose the complaint's category.</source>
        <translation>请选择投诉类别。</translation>
    </message>
    <message>
        <source>Choose the complaint's severity.</source>
        <translation>请选择投诉严重程度。</translation>
    </message>
    <message>
        <source>Add at least one action.</source>
        <translation>请至少添加一个动作。</translation>
    </message>
    <message>
        <source>A care message rule only sends messages.</source>
        <translation>关怀消息规则只能发送消息。</translation>
    </message>
    <message>
        <source>Conditions and actions must be lists.</source>
        <translation>条件和动作必须是列表。</translation>
    </message>
    <message>
        <source>A built-in rule cannot be deleted; switch it off instead.</source>
        <translation>内置规则不能删除，可以将其停用。</translation>
    </message>
    <message>
        <source>Only care messages wait for approval.</source>
        <translation>只有关怀消息需要审批。</translation>
    </message>
    <message>
        <source>The time needs a time zone.</source>
        <translation>时间需要带时区。</translation>
    </message>
    <message>
        <source>That store does not exist.</source>
        <translation>该店铺不存在。</translation>
    </message>
    <message>
        <source>The conversation belongs to another store.</source>
        <translation>该会话属于另一个店铺。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>PIN 码须为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>This shop already has an owner.</source>
        <translation>这个店铺已经有店主了。</translation>
    </message>
    <message>
        <source>Enter the owner's name.</source>
        <translation>请填写店主的名字。</translation>
    </message>
    <message>
        <source>Enter the agent's name.</source>
        <translation>请填写客服的名字。</translation>
    </message>
    <message>
        <source>The shop needs an owner: make someone else owner first.</source>
        <translation>店铺必须有一位店主：请先把另一位设为店主。</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>你不能停用自己。</translation>
    </message>
    <message>
        <source>The shop needs an active owner.</source>
        <translation>店铺必须有一位未停用的店主。</translation>
    </message>
    <message>
        <source>“%1” is not a currency code such as CNY or USD.</source>
        <translation>“%1”不是货币代码（例如 CNY 或 USD）。</translation>
    </message>
    <message>
        <source>A refund limit cannot be negative.</source>
        <translation>退款审批上限不能为负数。</translation>
    </message>
    <message>
        <source>This agent cannot sign in (deactivated or removed).</source>
        <translation>该客服无法登录（已停用或已移除）。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>PIN 码错误次数过多，请 %1 秒后再试。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>There is no agent “%1”.</source>
        <translation>没有客服“%1”。</translation>
    </message>
    <message>
        <source>Agent “%1” has a PIN: sign in from the window.</source>
        <translation>客服“%1”设有 PIN 码：请在窗口中登录。</translation>
    </message>
    <message>
        <source>A quick reply needs a category, a code, a title and a text.</source>
        <translation>快捷回复需要分类、编码、标题和内容。</translation>
    </message>
    <message>
        <source>The code “%1” must be one word (it is typed after /).</source>
        <translation>编码“%1”必须是一个词，不能有空格（在 / 后输入）。</translation>
    </message>
    <message>
        <source>The code “%1” is already used by “%2”.</source>
        <translation>编码“%1”已被“%2”使用。</translation>
    </message>
    <message>
        <source>%1, row %2: a quick reply needs a category, a code, a title and a text.</source>
        <translation>%1 第 %2 行：快捷回复需要分类、编码、标题和内容。</translation>
    </message>
    <message>
        <source>%1, row %2: the code “%3” must be one word (it is typed after /).</source>
        <translation>%1 第 %2 行：编码“%3”必须是一个词，不能有空格（在 / 后输入）。</translation>
    </message>
    <message>
        <source>%1 is not an Excel workbook (.xlsx): %2</source>
        <translation>%1 不是 Excel 工作簿（.xlsx）：%2</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 是空的。</translation>
    </message>
    <message>
        <source>%1: the first row needs the columns %2; missing: %3.</source>
        <translation>%1：第一行必须有这些列：%2；缺少：%3。</translation>
    </message>
    <message>
        <source>%1: the code “%2” appears twice.</source>
        <translation>%1：编码“%2”出现了两次。</translation>
    </message>
    <message>
        <source>The survey text is longer than %1 characters.</source>
        <translation>调查文字超过了 %1 个字符。</translation>
    </message>
    <message>
        <source>The VIP amount is too large.</source>
        <translation>VIP 门槛的消费金额太大。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>no such file: %1</source>
        <translation>没有这个文件：%1</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (%1)</source>
        <translation>文件不是 UTF-8 文本（%1）</translation>
    </message>
    <message>
        <source>the file cannot be read: %1</source>
        <translation>文件无法读取：%1</translation>
    </message>
    <message>
        <source>the file is empty: it has no dataset header line</source>
        <translation>文件是空的：没有数据集的首行</translation>
    </message>
    <message>
        <source>line %1: not valid JSON (a number of more than 4,300 digits)</source>
        <translation>第 %1 行：不是有效的 JSON（数字超过 4,300 位）</translation>
    </message>
    <message>
        <source>line %1: not valid JSON (nested too deeply)</source>
        <translation>第 %1 行：不是有效的 JSON（嵌套太深）</translation>
    </message>
    <message>
        <source>line %1: not valid JSON (%2, column %3)</source>
        <translation>第 %1 行：不是有效的 JSON（%2，第 %3 列）</translation>
    </message>
    <message>
        <source>line %1: a record must be a JSON object</source>
        <translation>第 %1 行：每条记录必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>line %1: the first line must be %2</source>
        <translation>第 %1 行：第一行必须是 %2</translation>
    </message>
    <message>
        <source>line %1: version %2 is not supported (this ShopDesk reads version %3)</source>
        <translation>第 %1 行：不支持版本 %2（这个 ShopDesk 读取的是版本 %3）</translation>
    </message>
    <message>
        <source>line %1: unknown field “%2”</source>
        <translation>第 %1 行：未知字段“%2”</translation>
    </message>
    <message>
        <source>%1 is not a ShopDesk backup (it has no schema version).</source>
        <translation>%1 不是 ShopDesk 备份（没有结构版本）。</translation>
    </message>
    <message>
        <source>That person does not answer customers and cannot take over work.</source>
        <translation>此人不接待顾客，不能接手工作。</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Backup &amp;folder…</source>
        <translation>备份文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Backing up… %1%</source>
        <translation>正在备份… %1%</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>The shop was backed up to
%1</source>
        <translation>店铺数据已备份到
%1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backup folder (a USB drive or a synced folder)</source>
        <translation>备份文件夹（U 盘或同步文件夹）</translation>
    </message>
    <message>
        <source>Backups go to %1</source>
        <translation>备份将保存到 %1</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>ShopDesk backups (*.sqlite *.pgdump *.jsonl.gz)</source>
        <translation>ShopDesk 备份 (*.sqlite *.pgdump *.jsonl.gz)</translation>
    </message>
    <message>
        <source>Replace the shop in %1 with the backup %2?

The shop as it is now is kept aside next to it. ShopDesk reopens on the restored shop; on a shared server, every other PC should close ShopDesk first.</source>
        <translation>用备份 %2 替换 %1 中的店铺数据吗？

当前的店铺数据会另存在旁边。ShopDesk 将在恢复后的店铺上重新打开；如果使用共享服务器，请先关闭其他电脑上的 ShopDesk。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>HandoverText</name>
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
</context>
<context>
    <name>RelativeTime</name>
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
<context>
    <name>ComplaintPanel</name>
    <message>
        <source>(nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <source>Compensation:</source>
        <translation>补偿金额：</translation>
    </message>
    <message>
        <source>Agent · severity:</source>
        <translation>负责人 · 严重程度：</translation>
    </message>
    <message>
        <source>Complaint %1</source>
        <translation>投诉 %1</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>resolve by %1</source>
        <translation>解决期限 %1</translation>
    </message>
    <message>
        <source>Opened %1 · first response %2 · resolved %3</source>
        <translation>创建 %1 · 首次响应 %2 · 解决 %3</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Resolution: %1</source>
        <translation>处理结果：%1</translation>
    </message>
    <message>
        <source>Open the conversation</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Choose a ticket in the list to see it here; double-click opens it in a window of its own.</source>
        <translation>在列表中选择一个工单即可在此查看；双击可在单独的窗口中打开。</translation>
    </message>
    <message>
        <source>The timeline of the chosen ticket shows here: who did what and when.</source>
        <translation>所选工单的时间线显示在这里：谁在什么时候做了什么。</translation>
    </message>
    <message>
        <source>This ticket no longer exists.</source>
        <translation>该工单已不存在。</translation>
    </message>
    <message>
        <source>Pay %1 to %2 as compensation for %3?</source>
        <translation>确定向 %2 支付 %1 作为 %3 的补偿吗？</translation>
    </message>
    <message>
        <source>Note (for escalation and the timeline)</source>
        <translation>备注（升级原因，记入时间线）</translation>
    </message>
    <message>
        <source>Resolution: how it was put right</source>
        <translation>处理结果：如何解决的</translation>
    </message>
    <message>
        <source>Confirmation: why the shop pays more than the order paid</source>
        <translation>确认：为什么店铺支付的金额超过订单实付</translation>
    </message>
    <message>
        <source>Ask the owner</source>
        <translation>请店主审批</translation>
    </message>
    <message>
        <source>Assign the ticket to the owner, who can approve above your refund limit.</source>
        <translation>把投诉转给店主，店主可以审批超出你退款额度的金额。</translation>
    </message>
    <message>
        <source>Proposed compensation: %1</source>
        <translation>建议补偿：%1</translation>
    </message>
    <message>
        <source>The ticket is now with the owner.</source>
        <translation>投诉已转给店主。</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>Confirm the payment</source>
        <translation>确认付款</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>确认支付</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>ActionRunner</name>
    <message>
        <source>Someone else changed this conversation just now; it has been reloaded.</source>
        <translation>其他人刚刚修改了这个会话，已重新加载。</translation>
    </message>
    <message>
        <source>%1. Ctrl+Z undoes it.</source>
        <translation>%1。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Inbox: search messages, customers and numbers (C-29, R-12, T-45)</source>
        <translation>收件箱：搜索消息、客户和编号（C-29、R-12、T-45）</translation>
    </message>
    <message>
        <source>Inbox: show or hide a store's conversations</source>
        <translation>收件箱：显示或隐藏某个店铺的会话</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Composer: send the reply (Shift+Enter: a new line; see View)</source>
        <translation>回复框：发送回复（Shift+Enter 换行；可在“视图”中调换）</translation>
    </message>
    <message>
        <source>Composer: choose a quick reply</source>
        <translation>回复框：选择快捷回复</translation>
    </message>
    <message>
        <source>Inbox and Customers: undo the last change to a conversation or a note</source>
        <translation>收件箱和客户：撤销对会话或备注的上一次修改</translation>
    </message>
    <message>
        <source>Inbox: redo it</source>
        <translation>收件箱：重做</translation>
    </message>
    <message>
        <source>Customers: search</source>
        <translation>客户：搜索</translation>
    </message>
    <message>
        <source>Returns: new return; Complaints: new complaint</source>
        <translation>退货退款：新建售后单；投诉：新建投诉</translation>
    </message>
    <message>
        <source>Knowledge: search articles</source>
        <translation>知识库：搜索文章</translation>
    </message>
    <message>
        <source>Knowledge: new article (the owner)</source>
        <translation>知识库：新建文章（店主）</translation>
    </message>
    <message>
        <source>Composer (in the reply box): insert suggested reply 1, 2 or 3</source>
        <translation>回复框中：插入第 1、2 或 3 条推荐回复</translation>
    </message>
</context>
<context>
    <name>PresenceLine</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 正在查看</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Other agents who have this conversation open now</source>
        <translation>此刻也打开了这个会话的其他客服</translation>
    </message>
</context>
<context>
    <name>ReplyGuard</name>
    <message>
        <source>%1 replied to this customer %2 seconds ago (%3):</source>
        <translation>%1 在 %2 秒前（%3）已回复了这位客户：</translation>
    </message>
    <message>
        <source>Send your reply as well?</source>
        <translation>仍要发送你的回复吗？</translation>
    </message>
    <message>
        <source>Another agent just replied</source>
        <translation>另一位客服刚刚回复过</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Don't send</source>
        <translation>不发送</translation>
    </message>
</context>
<context>
    <name>LiveText</name>
    <message>
        <source>This %1 was changed by %2 at %3; reload it and try again.</source>
        <translation>这个%1已被%2在 %3 修改；请刷新后重试。</translation>
    </message>
    <message>
        <source>This %1 was changed by someone else at %2; reload it and try again.</source>
        <translation>这个%1已被其他人在 %2 修改；请刷新后重试。</translation>
    </message>
    <message>
        <source>This %1 was changed by someone else; reload it and try again.</source>
        <translation>这个%1已被其他人修改；请刷新后重试。</translation>
    </message>
    <message>
        <source>case</source>
        <translation>售后单</translation>
    </message>
    <message>
        <source>complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>customer's tags</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>This case was changed by someone else a moment ago; reload it.</source>
        <translation>这个售后单刚被其他人修改，请刷新后再试。</translation>
    </message>
</context>
<context>
    <name>KnowledgeLabels</name>
    <message>
        <source>Product facts</source>
        <translation>产品信息</translation>
    </message>
    <message>
        <source>Size chart</source>
        <translation>尺码表</translation>
    </message>
    <message>
        <source>Care instructions</source>
        <translation>保养说明</translation>
    </message>
    <message>
        <source>Shipping policy</source>
        <translation>发货政策</translation>
    </message>
    <message>
        <source>Return policy</source>
        <translation>退换货政策</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
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
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Every store</source>
        <translation>所有店铺</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <source>created the article</source>
        <translation>创建了文章</translation>
    </message>
    <message>
        <source>deleted the article</source>
        <translation>删除了文章</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>修改了%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>Matches: %1</source>
        <translation>匹配：%1</translation>
    </message>
    <message>
        <source>Open a conversation to see the articles that fit it.</source>
        <translation>打开一个会话，即可看到适用的知识库文章。</translation>
    </message>
    <message>
        <source>No valid article matches this search.</source>
        <translation>没有符合搜索的有效文章。</translation>
    </message>
    <message>
        <source>No article fits this conversation yet. Search above, or write one on the Knowledge page.</source>
        <translation>暂无适用于此会话的文章。可在上方搜索，或在“知识库”页面新建。</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Look up an article…</source>
        <translation>查找文章…</translation>
    </message>
    <message>
        <source>Insert into reply</source>
        <translation>插入回复</translation>
    </message>
    <message>
        <source>Put the article's text into the reply</source>
        <translation>把文章正文插入到回复中</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>No article chosen</source>
        <translation>未选择文章</translation>
    </message>
    <message>
        <source>Keywords: %1</source>
        <translation>关键词：%1</translation>
    </message>
    <message>
        <source>Last changed %1</source>
        <translation>最后修改于 %1</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>Change article</source>
        <translation>修改文章</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Words customers use, separated by spaces</source>
        <translation>顾客常用的说法，用空格分隔</translation>
    </message>
    <message>
        <source>What agents should know and may tell the customer</source>
        <translation>客服需要知道、可以告诉顾客的内容</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ArticlesModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Write a new article (Ctrl+N)</source>
        <translation>新建文章（Ctrl+N）</translation>
    </message>
    <message>
        <source>Only the owner writes articles.</source>
        <translation>只有店主可以编写文章。</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>%1 篇文章</translation>
    </message>
    <message>
        <source>%1 expired</source>
        <translation>%1 篇已过期</translation>
    </message>
    <message>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <source>Delete “%1”? Its history stays in the audit trail.</source>
        <translation>删除“%1”？修改记录仍保留在审计日志中。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Product facts, size charts, care, shipping and return policies and promotions, for one store or every store. The inbox shows those that fit the open conversation; expired promotions are never offered.</source>
        <translation>产品信息、尺码表、保养说明、发货与退换货政策和促销活动，可用于单个店铺或所有店铺。收件箱会显示适用于当前会话的文章；已过期的促销绝不会推荐。</translation>
    </message>
    <message>
        <source>Search articles (Ctrl+F)</source>
        <translation>搜索文章（Ctrl+F）</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>For every store</source>
        <translation>通用（所有店铺）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>任意语言</translation>
    </message>
    <message>
        <source>Show expired</source>
        <translation>显示已过期</translation>
    </message>
    <message>
        <source>New article…</source>
        <translation>新建文章…</translation>
    </message>
</context>
<context>
    <name>KnowledgeText</name>
    <message>
        <source>That article no longer exists.</source>
        <translation>该文章已不存在。</translation>
    </message>
    <message>
        <source>That image no longer exists.</source>
        <translation>该图片已不存在。</translation>
    </message>
    <message>
        <source>An article needs a title and a text.</source>
        <translation>文章需要标题和正文。</translation>
    </message>
    <message>
        <source>The title is longer than %1 characters.</source>
        <translation>标题超过了 %1 个字符。</translation>
    </message>
    <message>
        <source>The keywords are longer than %1 characters.</source>
        <translation>关键词超过了 %1 个字符。</translation>
    </message>
    <message>
        <source>The article contains a character that cannot be stored (NUL or a lone surrogate).</source>
        <translation>文章包含无法保存的字符（NUL 或孤立的代理字符）。</translation>
    </message>
    <message>
        <source>Choose the article's language: Chinese or English.</source>
        <translation>请选择文章的语言：中文或英文。</translation>
    </message>
    <message>
        <source>“%1” is not a kind of article.</source>
        <translation>“%1”不是文章类型。</translation>
    </message>
    <message>
        <source>The end of the validity must come after its start.</source>
        <translation>有效期的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>This article was changed by someone else; reload it and try again.</source>
        <translation>这篇文章已被其他人修改，请重新加载后再试。</translation>
    </message>
    <message>
        <source>This article was changed by %1 at %2; reload it and try again.</source>
        <translation>这篇文章已被 %1 于 %2 修改，请重新加载后再试。</translation>
    </message>
</context>
<context>
    <name>ReplySuggestions</name>
    <message>
        <source>Quick reply</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>%1 /%2 (Alt+%3 in the reply box)

%4</source>
        <translation>%1 /%2（在回复框中按 Alt+%3）

%4</translation>
    </message>
    <message>
        <source>Suggested:</source>
        <translation>推荐回复：</translation>
    </message>
    <message>
        <source>No quick reply fits the customer's last message.</source>
        <translation>没有适合客户最新消息的快捷回复。</translation>
    </message>
</context>
<context>
    <name>FrequentQuestions</name>
    <message>
        <source>%1 times, %2 conversations</source>
        <translation>%1 次，%2 个会话</translation>
    </message>
    <message>
        <source>Quick reply</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation>尚无答案</translation>
    </message>
    <message>
        <source>(no agent reply)</source>
        <translation>（客服未回复）</translation>
    </message>
    <message>
        <source>Given %1 times</source>
        <translation>回复过 %1 次</translation>
    </message>
    <message>
        <source>Draft quick reply…</source>
        <translation>生成快捷回复…</translation>
    </message>
    <message>
        <source>Only the owner manages quick replies.</source>
        <translation>只有店主可以管理快捷回复。</translation>
    </message>
    <message>
        <source>%1 kinds of question; %2 without a quick reply or article.</source>
        <translation>共 %1 类问题，其中 %2 类还没有快捷回复或知识库文章。</translation>
    </message>
    <message>
        <source>No customer questions in these dates.</source>
        <translation>这段时间没有客户提问。</translation>
    </message>
    <message>
        <source>Draft a quick reply</source>
        <translation>生成快捷回复</translation>
    </message>
    <message>
        <source>Counting the questions…</source>
        <translation>正在统计问题…</translation>
    </message>
    <message>
        <source>Quick reply /%1 saved.</source>
        <translation>快捷回复 /%1 已保存。</translation>
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
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>提问次数</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>现有答案</translation>
    </message>
    <message>
        <source>Agents' usual answer</source>
        <translation>客服常用回答</translation>
    </message>
</context>
<context>
    <name>CareReview</name>
    <message>
        <source>Care messages to approve</source>
        <translation>待审批的关怀消息</translation>
    </message>
    <message>
        <source>On its day, a care rule prepares one message per customer of its segments (not for customers with its opt-out tag, nor anyone who had one in the last 30 days). Nothing is sent until you approve; unticked messages are removed.</source>
        <translation>到了设定日期，关怀规则会为所选客户分群中的每位客户准备一条消息（带退订标签的客户、30 天内已收到过关怀消息的客户除外）。您审批之前不会发送任何消息；未勾选的消息将被移除。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Approve the ticked, remove the rest</source>
        <translation>批准已勾选的，移除其余</translation>
    </message>
    <message>
        <source>Remove all</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>No care messages prepared for this rule yet.</source>
        <translation>这条规则还没有准备好的关怀消息。</translation>
    </message>
    <message>
        <source>%1 approved, %2 removed. They are sent with the next automation round.</source>
        <translation>已批准 %1 条，移除 %2 条。将在下一轮自动化时发送。</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>已移除 %1 条。</translation>
    </message>
</context>
<context>
    <name>AutomationEditor</name>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Add a condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add an action</source>
        <translation>添加动作</translation>
    </message>
    <message>
        <source>Switched on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>触发：</translation>
    </message>
    <message>
        <source>Only if:</source>
        <translation>条件：</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>动作：</translation>
    </message>
    <message>
        <source>Automation rule</source>
        <translation>自动化规则</translation>
    </message>
</context>
<context>
    <name>AutomationFields</name>
    <message>
        <source>— write the message below —</source>
        <translation>— 在下方填写消息 —</translation>
    </message>
    <message>
        <source>Chinese text</source>
        <translation>中文内容</translation>
    </message>
    <message>
        <source>English text (optional)</source>
        <translation>英文内容（可选）</translation>
    </message>
    <message>
        <source>Insert:</source>
        <translation>插入：</translation>
    </message>
    <message>
        <source>The customer's name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>The order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>The tracking number</source>
        <translation>物流单号</translation>
    </message>
    <message>
        <source>The store's name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>The agent's name</source>
        <translation>客服姓名</translation>
    </message>
    <message>
        <source>Words or phrases (comma between):</source>
        <translation>关键词或短语（用逗号分隔）：</translation>
    </message>
    <message>
        <source>发票, invoice, 开票</source>
        <translation>发票, invoice, 开票</translation>
    </message>
    <message>
        <source>Minutes without a reply:</source>
        <translation>未回复分钟数：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Days after delivery:</source>
        <translation>签收后天数：</translation>
    </message>
    <message>
        <source>Days after completion:</source>
        <translation>完成后天数：</translation>
    </message>
    <message>
        <source>Hours without progress:</source>
        <translation>未处理小时数：</translation>
    </message>
    <message>
        <source>the tier's own limit</source>
        <translation>按该级别的时限</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Segments:</source>
        <translation>客户分群：</translation>
    </message>
    <message>
        <source>Opt-out tag:</source>
        <translation>退订标签：</translation>
    </message>
    <message>
        <source>Stores:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>The customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>has the tag</source>
        <translation>有该标签</translation>
    </message>
    <message>
        <source>has not the tag</source>
        <translation>没有该标签</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
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
        <source>Statuses:</source>
        <translation>会话状态：</translation>
    </message>
    <message>
        <source>The conversation is:</source>
        <translation>会话：</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>The store is:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>open (within working hours)</source>
        <translation>营业中（工作时间内）</translation>
    </message>
    <message>
        <source>closed (outside working hours)</source>
        <translation>休息中（工作时间外）</translation>
    </message>
    <message>
        <source>At least (agents):</source>
        <translation>至少（客服人数）：</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>规则：</translation>
    </message>
    <message>
        <source>Within (days):</source>
        <translation>天数以内：</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <source>Agent (to an agent):</source>
        <translation>客服（指定客服时）：</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Why (on the complaint):</source>
        <translation>原因（写在投诉上）：</translation>
    </message>
    <message>
        <source>What the owner reads:</source>
        <translation>通知店主的内容：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
</context>
<context>
    <name>ExcludeBox</name>
    <message>
        <source>No automation</source>
        <translation>不自动处理</translation>
    </message>
    <message>
        <source>No automation rule answers or changes this conversation.</source>
        <translation>任何自动化规则都不会回复或修改此会话。</translation>
    </message>
    <message>
        <source>Automation off</source>
        <translation>已关闭自动处理</translation>
    </message>
    <message>
        <source>Automation on</source>
        <translation>已开启自动处理</translation>
    </message>
</context>
<context>
    <name>AutomationPanel</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>When</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>新建规则…</translation>
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
        <source>Care messages to approve…</source>
        <translation>审批关怀消息…</translation>
    </message>
    <message>
        <source>Tick a rule to switch it on. Automatic messages go through the store's channel and show in the conversation with the rule's name.</source>
        <translation>勾选规则即可启用。自动消息通过店铺的渠道发送，并在会话中显示规则名称。</translation>
    </message>
    <message>
        <source>On</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Own rule</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>“%1” is on.</source>
        <translation>“%1”已启用。</translation>
    </message>
    <message>
        <source>“%1” is off.</source>
        <translation>“%1”已停用。</translation>
    </message>
    <message>
        <source>Rule saved.</source>
        <translation>规则已保存。</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete “%1”? Its messages stay, with its name.</source>
        <translation>删除“%1”？它发过的消息会保留，并保留规则名称。</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>A built-in rule cannot be deleted; switch it off instead.</source>
        <translation>内置规则不能删除，可以将其停用。</translation>
    </message>
</context>
<context>
    <name>AutomationReport</name>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>First reply to the customer</source>
        <translation>首次回复客户</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话数</translation>
    </message>
    <message>
        <source>Average wait (min)</source>
        <translation>平均等待（分钟）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <source>By a person</source>
        <translation>人工回复</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>发送消息数</translation>
    </message>
    <message>
        <source>Still needed a person</source>
        <translation>仍需人工</translation>
    </message>
    <message>
        <source>Latest answer</source>
        <translation>最近一次回复</translation>
    </message>
</context>
<context>
    <name>TryBox</name>
    <message>
        <source>Try it (changes nothing)</source>
        <translation>试运行（不做任何更改）</translation>
    </message>
    <message>
        <source>A customer's message, e.g. 请问可以开发票吗</source>
        <translation>客户的消息，例如：请问可以开发票吗</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>At:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Try</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>No rule would fire.</source>
        <translation>没有规则会触发。</translation>
    </message>
    <message>
        <source>switched off now</source>
        <translation>当前已停用</translation>
    </message>
    <message>
        <source>Would wait: %1</source>
        <translation>将等待：%1</translation>
    </message>
    <message>
        <source>Would not fire:</source>
        <translation>不会触发：</translation>
    </message>
</context>
<context>
    <name>AutomationWords</name>
    <message>
        <source>First customer message</source>
        <translation>客户首条消息</translation>
    </message>
    <message>
        <source>Message contains words</source>
        <translation>消息包含关键词</translation>
    </message>
    <message>
        <source>Message outside working hours</source>
        <translation>工作时间外的消息</translation>
    </message>
    <message>
        <source>No reply for some minutes</source>
        <translation>若干分钟未回复</translation>
    </message>
    <message>
        <source>Return case reaches a state</source>
        <translation>售后单到达某状态</translation>
    </message>
    <message>
        <source>Days after delivery</source>
        <translation>签收后若干天</translation>
    </message>
    <message>
        <source>Days after a refund or exchange</source>
        <translation>退款或换货完成后若干天</translation>
    </message>
    <message>
        <source>Complaint not progressed</source>
        <translation>投诉未推进</translation>
    </message>
    <message>
        <source>Care message on a date</source>
        <translation>指定日期的关怀消息</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Customer segment</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <source>Customer tag</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>消息语言</translation>
    </message>
    <message>
        <source>Conversation status</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <source>Assigned or not</source>
        <translation>是否已分配</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Agents signed in</source>
        <translation>在线客服</translation>
    </message>
    <message>
        <source>Answers another rule</source>
        <translation>回复了另一条规则</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Set priority</source>
        <translation>设置优先级</translation>
    </message>
    <message>
        <source>Escalate the complaint</source>
        <translation>投诉升级</translation>
    </message>
    <message>
        <source>Notify the owner</source>
        <translation>通知店主</translation>
    </message>
    <message>
        <source>Open a complaint</source>
        <translation>创建投诉</translation>
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
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>To an agent</source>
        <translation>指定客服</translation>
    </message>
    <message>
        <source>Round-robin</source>
        <translation>轮流分配</translation>
    </message>
    <message>
        <source>Fewest open conversations</source>
        <translation>分给未结会话最少的客服</translation>
    </message>
    <message>
        <source>Message contains: %1</source>
        <translation>消息包含：%1</translation>
    </message>
    <message>
        <source>No reply for %1 min</source>
        <translation>%1 分钟未回复</translation>
    </message>
    <message>
        <source>Return case becomes “%1”</source>
        <translation>售后单变为“%1”</translation>
    </message>
    <message>
        <source>%1 days after delivery</source>
        <translation>签收后 %1 天</translation>
    </message>
    <message>
        <source>%1 days after a refund or exchange</source>
        <translation>退款或换货完成后 %1 天</translation>
    </message>
    <message>
        <source>Complaint without progress for %1 h</source>
        <translation>投诉 %1 小时未推进</translation>
    </message>
    <message>
        <source>Complaint past its tier's time limit</source>
        <translation>投诉超过所在级别的时限</translation>
    </message>
    <message>
        <source>Care message on %1 to %2</source>
        <translation>%1 向 %2 发送关怀消息</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Its trigger is not a customer message</source>
        <translation>触发条件不是客户消息</translation>
    </message>
    <message>
        <source>The trigger does not match</source>
        <translation>触发条件不匹配</translation>
    </message>
    <message>
        <source>The conversation is excluded from automation</source>
        <translation>该会话已关闭自动处理</translation>
    </message>
    <message>
        <source>A condition does not hold</source>
        <translation>有条件不满足</translation>
    </message>
    <message>
        <source>An agent is typing</source>
        <translation>客服正在输入</translation>
    </message>
    <message>
        <source>The store has no channel</source>
        <translation>店铺没有接入渠道</translation>
    </message>
    <message>
        <source>The store's channel is offline</source>
        <translation>店铺渠道离线</translation>
    </message>
    <message>
        <source>the quick reply does not exist</source>
        <translation>快捷回复不存在</translation>
    </message>
    <message>
        <source>no conversation</source>
        <translation>没有会话</translation>
    </message>
    <message>
        <source>already assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>the agent cannot take it</source>
        <translation>该客服不能接待</translation>
    </message>
    <message>
        <source>nobody is signed in</source>
        <translation>没有客服在线</translation>
    </message>
    <message>
        <source>no open complaint</source>
        <translation>没有未结投诉</translation>
    </message>
    <message>
        <source>already at the top tier</source>
        <translation>已是最高级别</translation>
    </message>
    <message>
        <source>no customer</source>
        <translation>没有客户</translation>
    </message>
    <message>
        <source>unknown action</source>
        <translation>未知动作</translation>
    </message>
    <message>
        <source>no value for %1</source>
        <translation>%1 没有值</translation>
    </message>
    <message>
        <source>already %1 automatic messages in the last hour</source>
        <translation>过去一小时已发送 %1 条自动消息</translation>
    </message>
    <message>
        <source>Send: %1</source>
        <translation>发送：%1</translation>
    </message>
    <message>
        <source>Assign to %1</source>
        <translation>分配给 %1</translation>
    </message>
    <message>
        <source>Tag the customer “%1”</source>
        <translation>给客户打上标签“%1”</translation>
    </message>
    <message>
        <source>Set priority: %1</source>
        <translation>设置优先级：%1</translation>
    </message>
    <message>
        <source>Move complaint %1 up to tier %2 and notify the owner</source>
        <translation>将投诉 %1 升至第 %2 级并通知店主</translation>
    </message>
    <message>
        <source>Notify the owner: %1</source>
        <translation>通知店主：%1</translation>
    </message>
    <message>
        <source>Open a complaint (%1, %2): %3</source>
        <translation>创建投诉（%1，%2）：%3</translation>
    </message>
    <message>
        <source>Not done (%1): %2</source>
        <translation>未执行（%1）：%2</translation>
    </message>
</context>
<context>
    <name>PresendText</name>
    <message>
        <source>“%1”: an absolute claim the advertising law forbids (极限词); %2 can remove the listing or fine the store.</source>
        <translation>“%1”：广告法禁止的绝对化用语（极限词），%2 可能下架商品或处罚店铺。</translation>
    </message>
    <message>
        <source>“%1”: a phone number. %2 penalises contact details that lead buyers off the platform.</source>
        <translation>“%1”：电话号码。%2 会处罚把买家引到站外的联系方式。</translation>
    </message>
    <message>
        <source>“%1”: a WeChat contact. %2 penalises contact details that lead buyers off the platform.</source>
        <translation>“%1”：微信联系方式。%2 会处罚把买家引到站外的联系方式。</translation>
    </message>
    <message>
        <source>“%1”: a QQ contact. %2 penalises contact details that lead buyers off the platform.</source>
        <translation>“%1”：QQ 联系方式。%2 会处罚把买家引到站外的联系方式。</translation>
    </message>
    <message>
        <source>“%1”: an e-mail address. %2 penalises contact details that lead buyers off the platform.</source>
        <translation>“%1”：电子邮箱地址。%2 会处罚把买家引到站外的联系方式。</translation>
    </message>
    <message>
        <source>“%1”: a link to another site (%3). %2 penalises links that lead buyers off the platform.</source>
        <translation>“%1”：指向其他网站（%3）的链接。%2 会处罚把买家引到站外的链接。</translation>
    </message>
    <message>
        <source>“%1”: a variable without a value; the customer would see it as written.</source>
        <translation>“%1”：变量没有填入内容，客户会原样看到它。</translation>
    </message>
</context>
<context>
    <name>PresendWarning</name>
    <message>
        <source>Check before sending</source>
        <translation>发送前检查</translation>
    </message>
    <message>
        <source>This reply may break the rules of %1. Send it anyway, or go back and edit it?</source>
        <translation>这条回复可能违反 %1 的规则。仍然发送，还是返回修改？</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
</context>
<context>
    <name>PresendRulesPanel</name>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Before a reply leaves, it is checked against these rules and the agent is warned (and may send anyway). Leftover {variables} are always checked.</source>
        <translation>回复发出前会按这些规则检查，发现问题时提醒客服（客服仍可发送）。未填写的 {变量} 总会检查。</translation>
    </message>
    <message>
        <source>Forbidden words (one a line)</source>
        <translation>禁用词（每行一个）</translation>
    </message>
    <message>
        <source>Ordinary words that contain one (最近 holds 最)</source>
        <translation>包含禁用词的普通词语（如“最近”含“最”）</translation>
    </message>
    <message>
        <source>The platform's own sites (links to them are fine)</source>
        <translation>平台自己的网站（链接到这些网站没有问题）</translation>
    </message>
    <message>
        <source>Check for contact details: phone numbers, WeChat, QQ, e-mail, links to other sites</source>
        <translation>检查联系方式：电话号码、微信、QQ、邮箱、其他网站的链接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Defaults shown; Save keeps them.</source>
        <translation>已显示默认规则；点击“保存”后生效。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StartFrame</name>
    <message>
        <source>Loading conversations…</source>
        <translation>正在加载会话…</translation>
    </message>
    <message>
        <source>Opening the shop…</source>
        <translation>正在打开店铺…</translation>
    </message>
</context>
<context>
    <name>List</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
</TS>

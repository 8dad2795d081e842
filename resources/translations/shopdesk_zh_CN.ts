<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
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
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Every customer message from every store, in one list.</source>
        <translation>所有店铺的客户消息，汇总在一个列表中。</translation>
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
        <source>&amp;About ShopDesk</source>
        <translation>关于 ShopDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
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
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Satisfaction, complaints and refunds over time, and the Excel exports.</source>
        <translation>满意度、投诉和退款的趋势，以及 Excel 导出。</translation>
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
</context>
<context>
    <name>Shell</name>
    <message>
        <source>ShopDesk cannot start</source>
        <translation>ShopDesk 无法启动</translation>
    </message>
</context>
</TS>
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CartTableModel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <source>O2O POS — Cashier</source>
        <translation>O2O 收银台</translation>
    </message>
    <message>
        <source>Scan a barcode or type a code, then Enter</source>
        <translation>扫描条码或输入编码，按回车</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>演示码</translation>
    </message>
    <message>
        <source>Coupon added: {name}</source>
        <translation>已使用优惠券：{name}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Thank you, see you again!</source>
        <translation>谢谢惠顾，欢迎再来！</translation>
    </message>
    <message>
        <source>You earned {earned} points · balance {balance}</source>
        <translation>本单获得 {earned} 积分 · 积分余额 {balance}</translation>
    </message>
    <message>
        <source>Welcome, member {name}</source>
        <translation>欢迎您，会员 {name}</translation>
    </message>
    <message>
        <source>Your items</source>
        <translation>您的商品</translation>
    </message>
    <message>
        <source>Items: {count}</source>
        <translation>件数：{count}</translation>
    </message>
</context>
<context>
    <name>DemoCodesDialog</name>
    <message>
        <source>Demo codes</source>
        <translation>演示码</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Demo codes are signed with the public demo key and work only on a demo till. Member codes expire after 60 s and are renewed every 30 s here.</source>
        <translation>演示码用公开的演示密钥签名，只能在演示收银机上使用。会员码 60 秒后过期，本窗口每 30 秒自动刷新。</translation>
    </message>
    <message>
        <source>Show to camera</source>
        <translation>对准摄像头</translation>
    </message>
    <message>
        <source>Type it</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <source>No simulated camera (start with --sim).</source>
        <translation>没有模拟摄像头（请用 --sim 启动）。</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>立减券</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <source>Off above a minimum spend</source>
        <translation>满减券</translation>
    </message>
    <message>
        <source>Off a category</source>
        <translation>品类券</translation>
    </message>
    <message>
        <source>A free item</source>
        <translation>免费商品券</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Discount for: {what}</source>
        <translation>折扣：{what}</translation>
    </message>
    <message>
        <source>Percent off (%)</source>
        <translation>按百分比 (%)</translation>
    </message>
    <message>
        <source>Amount off (¥)</source>
        <translation>按金额 (¥)</translation>
    </message>
    <message>
        <source>Type 10 for 10 % or switch with / to an amount. Empty entry removes it.</source>
        <translation>输入 10 表示打九折（减 10%），按 / 切换为金额。留空则取消折扣。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import products (CSV)</source>
        <translation>导入商品 (CSV)</translation>
    </message>
    <message>
        <source>CSV file: sku,name,price,barcodes,…</source>
        <translation>CSV 文件：sku,name,price,barcodes,…</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>UTF-8 or GB18030. Every row is checked first; if any row is bad, nothing is imported.</source>
        <translation>支持 UTF-8 或 GB18030 编码。先检查每一行；只要有一行有误，就不导入任何商品。</translation>
    </message>
    <message>
        <source>The last import of {source} stopped after {done} of {total} products. Import the file again to complete the catalog.</source>
        <translation>上次导入 {source} 时，{total} 个商品只写入了 {done} 个就中断了。请再次导入该文件以补全商品目录。</translation>
    </message>
    <message>
        <source>Choose a products CSV</source>
        <translation>选择商品 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>{count} problems found. Nothing was imported; fix the file and try again.</source>
        <translation>发现 {count} 个问题，未导入任何商品。请修改文件后重试。</translation>
    </message>
    <message>
        <source>{count} products imported.</source>
        <translation>已导入 {count} 个商品。</translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <source>Shelf and markdown labels</source>
        <translation>价签与打折标签</translation>
    </message>
    <message>
        <source>Scan or type a barcode or SKU, Enter</source>
        <translation>扫描或输入条码/货号，回车</translation>
    </message>
    <message>
        <source>&amp;Percent off</source>
        <translation>折扣百分比(&amp;P)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>变价商品</translation>
    </message>
    <message>
        <source>Markdown mode</source>
        <translation>打折模式</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>No price changed since the last labels were printed.</source>
        <translation>自上次打印价签以来没有商品变价。</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>未找到商品。</translation>
    </message>
    <message>
        <source>Labels in the list: {n}</source>
        <translation>列表中标签：{n} 张</translation>
    </message>
    <message>
        <source>Markdown  {name}  {price} (was {was})</source>
        <translation>打折  {name}  {price}（原价 {was}）</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Labels printed: {n}</source>
        <translation>已打印标签：{n} 张</translation>
    </message>
    <message>
        <source>Markdown: on (F6)</source>
        <translation>打折：开 (F6)</translation>
    </message>
    <message>
        <source>Markdown: off (F6)</source>
        <translation>打折：关 (F6)</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Mobile number, e.g. 138 0013 8000</source>
        <translation>手机号，例如 138 0013 8000</translation>
    </message>
    <message>
        <source>Find (Enter)</source>
        <translation>查找（回车）</translation>
    </message>
    <message>
        <source>Use this member (Enter)</source>
        <translation>使用此会员（回车）</translation>
    </message>
    <message>
        <source>New member: sign up with the number above</source>
        <translation>新会员：用上面的手机号注册</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>The customer agrees to the membership terms and the privacy policy</source>
        <translation>顾客已同意会员条款和隐私政策</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Remove member from the sale</source>
        <translation>从本单移除会员</translation>
    </message>
    <message>
        <source>Esc closes</source>
        <translation>Esc 关闭</translation>
    </message>
    <message>
        <source>On this sale: {who}</source>
        <translation>本单会员：{who}</translation>
    </message>
    <message>
        <source>{count} members have this number until head office merges them: choose one</source>
        <translation>此号码有 {count} 位会员（总部合并前）：请选择一位</translation>
    </message>
    <message>
        <source>{who} · {tier} · points {points} · no. {id}</source>
        <translation>{who} · {tier} · 积分 {points} · 编号 {id}</translation>
    </message>
    <message>
        <source>{who} · points {points}</source>
        <translation>{who} · 积分 {points}</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Total due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>还需支付</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Cash (F5)</source>
        <translation>现金 (F5)</translation>
    </message>
    <message>
        <source>Card (F6)</source>
        <translation>银行卡 (F6)</translation>
    </message>
    <message>
        <source>Mobile (F7)</source>
        <translation>移动支付 (F7)</translation>
    </message>
    <message>
        <source>Points (F8)</source>
        <translation>积分 (F8)</translation>
    </message>
    <message>
        <source>Payments (Del removes the selected one)</source>
        <translation>已收款项（Del 删除选中项）</translation>
    </message>
    <message>
        <source>Enter adds the payment · F5–F8 switch · Tab goes to the payments, Del removes one · Esc closes</source>
        <translation>Enter 添加付款 · F5–F8 切换方式 · Tab 到付款列表，Del 删除一笔 · Esc 关闭</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <source>Exact ({key})</source>
        <translation>足额 ({key})</translation>
    </message>
    <message>
        <source>Empty entry + Enter = exact amount</source>
        <translation>不输入直接回车 = 按应收金额收款</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Terminal reference no.</source>
        <translation>刷卡终端参考号</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code</source>
        <translation>扫描顾客的付款码</translation>
    </message>
    <message>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <source>Points to use</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>No member on this sale: scan the member code first (F11 on the sale screen).</source>
        <translation>本单没有会员：请先扫描会员码（收银界面按 F11）。</translation>
    </message>
    <message>
        <source>{points} points already pay {amount} of this sale (Del removes them).</source>
        <translation>本单已用 {points} 积分抵扣 {amount}（按 Del 删除）。</translation>
    </message>
    <message>
        <source>Balance {balance} points · {rate} points = {unit} · up to {most} points now</source>
        <translation>积分余额 {balance} · {rate} 积分 = {unit} · 本单最多可用 {most} 积分</translation>
    </message>
    <message>
        <source>Waiting for the payment service…</source>
        <translation>正在等待支付结果…</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>支付成功</translation>
    </message>
    <message>
        <source>({points} points)</source>
        <translation>（{points} 积分）</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
</context>
<context>
    <name>ProductSearchDialog</name>
    <message>
        <source>Search product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Barcode, SKU, name or pinyin initials (e.g. kkkl)</source>
        <translation>条码、货号、名称或拼音首字母（如 kkkl）</translation>
    </message>
    <message>
        <source>Type to search. ↑/↓ select, Enter adds, Esc closes.</source>
        <translation>输入即搜索。↑/↓ 选择，回车添加，Esc 关闭。</translation>
    </message>
    <message>
        <source>{count} found. Enter adds the selected product.</source>
        <translation>找到 {count} 个。回车添加选中的商品。</translation>
    </message>
    <message>
        <source>Nothing found. Check the spelling or try the SKU.</source>
        <translation>没有找到。请检查输入或改用货号。</translation>
    </message>
</context>
<context>
    <name>QuarantineList</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Repair and resend</source>
        <translation>修复并重发</translation>
    </message>
    <message>
        <source>Replace the characters the cloud cannot store and send the record again</source>
        <translation>替换云端无法保存的字符，然后重新发送这条记录</translation>
    </message>
    <message>
        <source>{count} records the cloud did not accept. They are kept on this till.</source>
        <translation>云端未接受 {count} 条记录。这些记录仍保存在本机。</translation>
    </message>
    <message>
        <source>Repaired, waiting to be sent again</source>
        <translation>已修复，等待重新发送</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>Sales reports</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Chart: hour/day</source>
        <translation>图表：时段/日</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Sales count</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Members&apos; share</source>
        <translation>会员占比</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Voided sales</source>
        <translation>作废单</translation>
    </message>
    <message>
        <source>Adding up the sales…</source>
        <translation>正在汇总销售数据…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Nothing in this period.</source>
        <translation>该时间段内没有数据。</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume a suspended sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Sale {n}</source>
        <translation>挂单 {n}</translation>
    </message>
    <message>
        <source>{label} · {time} · {lines} lines · {total}</source>
        <translation>{label} · {time} · {lines} 行 · {total}</translation>
    </message>
    <message>
        <source>↑/↓ select · Enter resumes · Esc closes</source>
        <translation>↑/↓ 选择 · 回车取单 · Esc 关闭</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync with the cloud</source>
        <translation>与云端同步</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cloud address</source>
        <translation>云端地址</translation>
    </message>
    <message>
        <source>Store and terminal</source>
        <translation>门店和收银机</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次同步成功</translation>
    </message>
    <message>
        <source>Records the cloud has</source>
        <translation>云端已收记录</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>最近问题</translation>
    </message>
    <message>
        <source>Data from head office</source>
        <translation>总部数据</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>同步位置</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not enrolled</source>
        <translation>未接入</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>{count} 条记录</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>in step with the cloud</source>
        <translation>与云端一致</translation>
    </message>
    <message>
        <source>this till&apos;s clock is {seconds} s behind the cloud&apos;s</source>
        <translation>本收银机时钟比云端慢 {seconds} 秒</translation>
    </message>
    <message>
        <source>this till&apos;s clock is {seconds} s ahead of the cloud&apos;s</source>
        <translation>本收银机时钟比云端快 {seconds} 秒</translation>
    </message>
    <message>
        <source>more than {limit} min: sales are still taken; set the till&apos;s clock</source>
        <translation>超过 {limit} 分钟：仍可正常收银，请校准收银机时钟</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Sync details</source>
        <translation>同步详情</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>登录被拒</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Locked when idle</source>
        <translation>空闲自动锁屏</translation>
    </message>
    <message>
        <source>Cashier switched</source>
        <translation>换收银员</translation>
    </message>
    <message>
        <source>Locked after wrong PINs</source>
        <translation>密码错误被锁定</translation>
    </message>
    <message>
        <source>Staff created</source>
        <translation>创建员工</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Approval refused</source>
        <translation>授权被拒</translation>
    </message>
    <message>
        <source>Line voided</source>
        <translation>删除商品行</translation>
    </message>
    <message>
        <source>Sale voided</source>
        <translation>作废整单</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Drawer opened (no sale)</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>Receipt reprinted</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>存入</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Drop to the safe</source>
        <translation>解款入保险柜</translation>
    </message>
    <message>
        <source>Shift opened</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Z report (shift closed)</source>
        <translation>Z 报表（结班）</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Device settings changed</source>
        <translation>更改设备设置</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <source>Concerning</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source> (the newest {n}; narrow the filters for older ones)</source>
        <translation>（最新 {n} 条；缩小筛选范围可查看更早的记录）</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} 条记录</translation>
    </message>
</context>
<context>
    <name>cashier</name>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>{name}: weight in kg</source>
        <translation>{name}：重量（千克）</translation>
    </message>
    <message>
        <source>For example 0.350 for 350 g. Enter adds, Esc cancels.</source>
        <translation>例如 0.350 表示 350 克。回车添加，Esc 取消。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>{name}: pieces</source>
        <translation>{name}：件数</translation>
    </message>
    <message>
        <source>Enter sets it, Esc cancels.</source>
        <translation>回车确认，Esc 取消。</translation>
    </message>
    <message>
        <source>{name}: {qty} × {price} = {amount}. That is far more than usual: press F3 again to set it, Esc keeps {old}.</source>
        <translation>{name}：{qty} × {price} = {amount}，远超平常：再按 F3 确认修改，Esc 保留原数量 {old}。</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>Line voided: {name}</source>
        <translation>已删除：{name}</translation>
    </message>
    <message>
        <source>Whole sale</source>
        <translation>整单</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>{name}: new unit price (¥)</source>
        <translation>{name}：新单价（元）</translation>
    </message>
    <message>
        <source>{name}: new price {price} (list price {list}), line {amount}. That is far more than usual: press F7 again to set it, Esc keeps {old}.</source>
        <translation>{name}：新价格 {price}（原价 {list}），本行 {amount}，远超平常：再按 F7 确认改价，Esc 保留原价 {old}。</translation>
    </message>
    <message>
        <source>Sale suspended. F9 resumes it.</source>
        <translation>已挂单。按 F9 取单。</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Void the whole sale? Press F10 again to void it; Esc keeps it.</source>
        <translation>确定作废整单吗？再按一次 F10 作废；按 Esc 保留。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>A sale is open and will not be kept (F8 suspends it). Press Ctrl+Q again to quit; Esc keeps selling.</source>
        <translation>当前有未完成的交易，退出后不会保留（F8 可挂单）。再按 Ctrl+Q 退出；按 Esc 继续收银。</translation>
    </message>
    <message>
        <source>Sale voided.</source>
        <translation>整单已作废。</translation>
    </message>
    <message>
        <source>Member removed; the sale is priced without it.</source>
        <translation>已移除会员，本单按非会员价格计算。</translation>
    </message>
    <message>
        <source>Member: {name} · {tier} · points {points}</source>
        <translation>会员：{name} · {tier} · 积分 {points}</translation>
    </message>
    <message>
        <source>Paid {paid}, {remaining} remaining. F12 continues.</source>
        <translation>已收 {paid}，还需 {remaining}。按 F12 继续收款。</translation>
    </message>
    <message>
        <source>Sale complete · receipt {no} · change {change}. Scan the next item.</source>
        <translation>交易完成 · 小票 {no} · 找零 {change}。请扫描下一件商品。</translation>
    </message>
</context>
<context>
    <name>device_settings</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Host (IP address)</source>
        <translation>主机（IP 地址）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>USB vendor ID</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <source>USB product ID</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>Paper width (mm)</source>
        <translation>纸宽（毫米）</translation>
    </message>
    <message>
        <source>Characters per line (empty: automatic)</source>
        <translation>每行字符数（留空：自动）</translation>
    </message>
    <message>
        <source>Character encoding</source>
        <translation>字符编码</translation>
    </message>
    <message>
        <source>Print as image</source>
        <translation>以图片方式打印</translation>
    </message>
    <message>
        <source>Chinese mode commands</source>
        <translation>发送汉字模式指令</translation>
    </message>
    <message>
        <source>Receipt language</source>
        <translation>小票语言</translation>
    </message>
    <message>
        <source>Product names in both languages</source>
        <translation>商品名称中英双语</translation>
    </message>
    <message>
        <source>Cut the paper</source>
        <translation>切纸</translation>
    </message>
    <message>
        <source>Drawer pin</source>
        <translation>钱箱引脚</translation>
    </message>
    <message>
        <source>Drawer pulse (ms)</source>
        <translation>钱箱脉冲（毫秒）</translation>
    </message>
    <message>
        <source>Open the drawer on cash</source>
        <translation>现金收款时打开钱箱</translation>
    </message>
    <message>
        <source>Max gap between keys (ms)</source>
        <translation>按键最大间隔（毫秒）</translation>
    </message>
    <message>
        <source>Shortest code</source>
        <translation>最短条码长度</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Suffix key</source>
        <translation>后缀键</translation>
    </message>
    <message>
        <source>Suffix required</source>
        <translation>必须有后缀</translation>
    </message>
    <message>
        <source>USB vendor ID (empty: any)</source>
        <translation>USB 厂商 ID（留空：任意）</translation>
    </message>
    <message>
        <source>USB product ID (empty: any)</source>
        <translation>USB 产品 ID（留空：任意）</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>USB 序列号</translation>
    </message>
    <message>
        <source>Code ends with</source>
        <translation>条码结束符</translation>
    </message>
    <message>
        <source>Code ends after silence (ms)</source>
        <translation>静默多久算条码结束（毫秒）</translation>
    </message>
    <message>
        <source>Data bits</source>
        <translation>数据位</translation>
    </message>
    <message>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <source>Weight unit</source>
        <translation>重量单位</translation>
    </message>
    <message>
        <source>Camera (number or path)</source>
        <translation>摄像头（编号或路径）</translation>
    </message>
    <message>
        <source>Width (pixels)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>Height (pixels)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>Code decoder</source>
        <translation>识码引擎</translation>
    </message>
    <message>
        <source>Same code again after (s)</source>
        <translation>同一码再次识别间隔（秒）</translation>
    </message>
    <message>
        <source>Screen (-1: automatic)</source>
        <translation>屏幕（-1：自动）</translation>
    </message>
    <message>
        <source>Promotion message</source>
        <translation>促销信息</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <source>Idle text</source>
        <translation>空闲时显示的文字</translation>
    </message>
    <message>
        <source>Same as the screen</source>
        <translation>与界面相同</translation>
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
        <source>must be at most {limit}</source>
        <translation>不能大于 {limit}</translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation>必须小于 {limit}</translation>
    </message>
    <message>
        <source>must be at least {limit}</source>
        <translation>不能小于 {limit}</translation>
    </message>
    <message>
        <source>must be more than {limit}</source>
        <translation>必须大于 {limit}</translation>
    </message>
    <message>
        <source>must be at most {limit} characters</source>
        <translation>最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>must be one of {limit}</source>
        <translation>只能是 {limit} 之一</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>does not fit: {detail}</source>
        <translation>不匹配：{detail}</translation>
    </message>
    <message>
        <source>These settings</source>
        <translation>这些设置</translation>
    </message>
    <message>
        <source>Choose the {device}</source>
        <translation>选择/设置{device}</translation>
    </message>
    <message>
        <source>Environment variables ({names}) override these settings when the till starts.</source>
        <translation>环境变量（{names}）会在收银机启动时覆盖这些设置。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Network (Ethernet/Wi-Fi)</source>
        <translation>网络（以太网/Wi-Fi）</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Keyboard (wedge)</source>
        <translation>键盘模式（键盘楔）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Second window</source>
        <translation>第二个窗口（客显屏）</translation>
    </message>
    <message>
        <source>Cannot save the settings ({reason}). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>无法保存设置（{reason}）。请检查磁盘空间和文件夹权限，然后重试。</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>Display</source>
        <translation>客显</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Weighing {name}…</source>
        <translation>正在称重：{name}…</translation>
    </message>
    <message>
        <source>{name}: {weight} from the scale</source>
        <translation>{name}：电子秤称得 {weight}</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>重印小票</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Enter reprints the last receipt shown; type another number to reprint an earlier one. Esc cancels.</source>
        <translation>按回车重印所示的上一张小票；输入其他小票号可重印更早的小票。Esc 取消。</translation>
    </message>
    <message>
        <source>Reprinting receipt {no}.</source>
        <translation>正在重印小票 {no}。</translation>
    </message>
    <message>
        <source>Copy of receipt {no} ({time}) · printing. Scan the next item.</source>
        <translation>小票 {no}（{time}）的副本 · 正在打印。请扫描下一件商品。</translation>
    </message>
    <message>
        <source>Drawer opened.</source>
        <translation>钱箱已打开。</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>测试扫码</translation>
    </message>
    <message>
        <source>Read scale</source>
        <translation>读取重量</translation>
    </message>
    <message>
        <source>Show a code</source>
        <translation>出示条码</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>选择/设置…</translation>
    </message>
    <message>
        <source>Waiting for the camera…</source>
        <translation>正在等待摄像头…</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Camera not available — type the code instead.</source>
        <translation>摄像头不可用——请手动输入条码。</translation>
    </message>
    <message>
        <source>Last scanned code: {code}</source>
        <translation>最近扫到的码：{code}</translation>
    </message>
    <message>
        <source>Scale shows {weight}</source>
        <translation>电子秤读数 {weight}</translation>
    </message>
    <message>
        <source>(moving)</source>
        <translation>（不稳定）</translation>
    </message>
    <message>
        <source>Test page sent to the printer.</source>
        <translation>测试页已发送到打印机。</translation>
    </message>
    <message>
        <source>Scanning a demo code…</source>
        <translation>正在扫描演示条码…</translation>
    </message>
    <message>
        <source>A demo code is held up to the simulated camera…</source>
        <translation>已将演示条码对准模拟摄像头…</translation>
    </message>
    <message>
        <source>Asking the scale…</source>
        <translation>正在读取电子秤…</translation>
    </message>
    <message>
        <source>{device} settings saved; restarting it…</source>
        <translation>{device}设置已保存，正在重新启动…</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>Help: keys</source>
        <translation>帮助：按键</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Qty / weight</source>
        <translation>数量 / 重量</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>删除商品</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>Line disc.</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <source>Sale disc.</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重印小票</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Shift, cash</source>
        <translation>班次现金</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Select a line in the sale</source>
        <translation>选择购物清单中的一行</translation>
    </message>
    <message>
        <source>Add the scanned or typed code</source>
        <translation>添加扫描或输入的条码</translation>
    </message>
    <message>
        <source>Add 3 pieces of a code</source>
        <translation>一次添加 3 件</translation>
    </message>
    <message>
        <source>Close a dialog / clear the entry</source>
        <translation>关闭对话框 / 清空输入</translation>
    </message>
    <message>
        <source>Demo member and coupon codes (demo store only)</source>
        <translation>演示会员码和优惠券码（仅演示门店）</translation>
    </message>
    <message>
        <source>Payment: quick cash amounts and the exact amount</source>
        <translation>收款：快捷现金金额和刚好金额</translation>
    </message>
    <message>
        <source>Payment: switch the way of paying</source>
        <translation>收款：切换支付方式</translation>
    </message>
    <message>
        <source>Payment: move to the list of payments</source>
        <translation>收款：移到付款列表</translation>
    </message>
    <message>
        <source>Payment: remove the selected (or the last) payment</source>
        <translation>收款：删除选中的（或最后一笔）付款</translation>
    </message>
</context>
<context>
    <name>loyalty</name>
    <message>
        <source>Put one of the member&apos;s coupons on the sale</source>
        <translation>把会员的一张优惠券用于本单</translation>
    </message>
    <message>
        <source>No member</source>
        <translation>非会员</translation>
    </message>
    <message>
        <source>Scan the member code or card, or press F11 to look up a phone</source>
        <translation>扫描会员码或会员卡，或按 F11 用手机号查找</translation>
    </message>
    <message>
        <source>Member (F11)</source>
        <translation>会员 (F11)</translation>
    </message>
    <message>
        <source>Points {points}</source>
        <translation>积分 {points}</translation>
    </message>
    <message>
        <source>({pending:+,} not yet confirmed)</source>
        <translation>（{pending:+,} 待确认）</translation>
    </message>
    <message>
        <source>Change (F11)</source>
        <translation>更换 (F11)</translation>
    </message>
    <message>
        <source>Member coupons: {count}</source>
        <translation>会员优惠券：{count} 张</translation>
    </message>
    <message>
        <source>Coupon: {name}</source>
        <translation>优惠券：{name}</translation>
    </message>
    <message>
        <source>Take this coupon off the sale</source>
        <translation>从本单移除此优惠券</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销优惠</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>The customer must agree to the membership terms before signing up. Ask them, then tick the box.</source>
        <translation>顾客须先同意会员条款才能注册。请询问顾客，然后勾选同意。</translation>
    </message>
    <message>
        <source>This coupon is already on this sale.</source>
        <translation>此优惠券已在本单中。</translation>
    </message>
    <message>
        <source>Points are already used on this sale. Remove that payment first to change the points.</source>
        <translation>本单已使用积分。如需修改积分，请先删除该笔积分支付。</translation>
    </message>
    <message>
        <source>{name}: {off} ({units} pcs), −{discount_fen}</source>
        <translation>{name}：{off}（{units} 件），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: every {n}th item {off}, −{discount_fen}</source>
        <translation>{name}：每第{n}件{off}，优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>A promotion ({promo_id}) sent by head office cannot be read by this till and is not applied. Call a supervisor.</source>
        <translation>总部下发的促销（{promo_id}）本收银机无法读取，未生效。请联系主管。</translation>
    </message>
    <message>
        <source>This code cannot be read as a member or coupon code. Ask the customer to refresh it in the app and show it again.</source>
        <translation>无法识别此会员码或优惠券码。请顾客在App中刷新后重新出示。</translation>
    </message>
    <message>
        <source>This code was not issued by our chain (signature check failed). Do not accept it; call a supervisor if the customer disagrees.</source>
        <translation>此码不是本公司签发的（签名校验失败）。请勿接受；如顾客有异议，请联系主管。</translation>
    </message>
    <message>
        <source>This till has no key to check member and coupon codes yet. Continue without the code and call a supervisor to sync the till settings.</source>
        <translation>本收银机尚未配置会员码和优惠券的校验密钥。请先不使用此码继续结账，并联系主管同步收银机设置。</translation>
    </message>
    <message>
        <source>The code-checking key in the settings is not valid. Paste the chain&apos;s key again (44 characters of base64) or call a supervisor.</source>
        <translation>设置中的验码密钥无效。请重新粘贴总部提供的密钥（44位Base64字符），或联系主管。</translation>
    </message>
    <message>
        <source>This is not a mainland mobile number. Enter the 11 digits starting with 1, e.g. 138 1234 5678.</source>
        <translation>这不是有效的大陆手机号。请输入以1开头的11位号码，例如 138 1234 5678。</translation>
    </message>
    <message>
        <source>This member code expired {seconds_ago} s ago. Ask the customer to refresh the code in the app.</source>
        <translation>此会员码已于{seconds_ago}秒前过期。请顾客在App中刷新会员码。</translation>
    </message>
    <message>
        <source>This member code is dated {seconds_ahead} s ahead of this till&apos;s clock. Check the till&apos;s clock, or ask the customer to refresh the code.</source>
        <translation>此会员码的生成时间比本机时间晚{seconds_ahead}秒。请检查收银机时间，或请顾客刷新会员码。</translation>
    </message>
    <message>
        <source>At least {minimum} points must be redeemed at a time. Enter more, or pay without points.</source>
        <translation>每次至少使用{minimum}积分。请输入更多积分，或不使用积分支付。</translation>
    </message>
    <message>
        <source>Points are redeemed in steps of {step}. Enter a multiple of {step}.</source>
        <translation>积分须按{step}的倍数使用。请输入{step}的倍数。</translation>
    </message>
    <message>
        <source>The member has only {available} points, but {points} were entered. Enter fewer points.</source>
        <translation>该会员仅有{available}积分，您输入了{points}积分。请减少积分数量。</translation>
    </message>
    <message>
        <source>The till is offline: a member may redeem at most {cap} points a day until it reconnects, and {left_today} are left today. Enter at most {left_today} points.</source>
        <translation>收银机离线：联网前每位会员每天最多使用{cap}积分，今天还可使用{left_today}积分。请最多输入{left_today}积分。</translation>
    </message>
    <message>
        <source>Points may pay at most {limit_amount} of this sale ({limit_points} points). Enter fewer points.</source>
        <translation>本单积分最多抵扣{limit_amount}（{limit_points}积分）。请减少积分数量。</translation>
    </message>
    <message>
        <source>This coupon has already been used. Continue without it.</source>
        <translation>此优惠券已使用过。请不使用此券继续结账。</translation>
    </message>
    <message>
        <source>This coupon expired on {valid_to}. Continue without it.</source>
        <translation>此优惠券已于{valid_to}过期。请不使用此券继续结账。</translation>
    </message>
    <message>
        <source>This coupon can be used from {valid_from}. Ask the customer to keep it until then, and continue without it.</source>
        <translation>此优惠券自{valid_from}起可用。请顾客届时再用，本单不使用此券。</translation>
    </message>
    <message>
        <source>This coupon is for members only. Scan the customer&apos;s member code first, then scan the coupon again.</source>
        <translation>此优惠券仅限会员使用。请先扫描顾客的会员码，再扫描优惠券。</translation>
    </message>
    <message>
        <source>This coupon belongs to another member and only its owner can use it. Continue without it.</source>
        <translation>此优惠券属于其他会员，仅限本人使用。请不使用此券继续结账。</translation>
    </message>
    <message>
        <source>This coupon is for {tier_en} ({tier_zh}) members and above. Continue without it.</source>
        <translation>此优惠券仅限{tier_zh}（{tier_en}）及以上会员使用。请不使用此券继续结账。</translation>
    </message>
    <message>
        <source>This coupon is for a member level this till does not know ({tier}). Sync the till, or call a supervisor.</source>
        <translation>本收银机无法识别此优惠券适用的会员等级（{tier}）。请同步收银机数据，或联系主管。</translation>
    </message>
    <message>
        <source>This coupon needs a spend of {min_spend} on qualifying items; {missing} more is needed. Add items, or continue without it.</source>
        <translation>此优惠券需在适用商品上消费满{min_spend}，还差{missing}。可加购商品，或不使用此券继续结账。</translation>
    </message>
    <message>
        <source>No item in this sale qualifies for this coupon. Add a qualifying item, or continue without it.</source>
        <translation>本单没有适用此优惠券的商品。请加入适用商品，或不使用此券继续结账。</translation>
    </message>
    <message>
        <source>This till cannot look members up by phone or card until it has synced with head office once. Scan the member&apos;s QR code, or sync first.</source>
        <translation>本收银机与总部同步一次之后才能按手机号或会员卡查找会员。请扫描会员二维码，或先同步。</translation>
    </message>
    <message>
        <source>{count} members hold this card until head office merges them. Look the member up by phone (F11) and choose.</source>
        <translation>此会员卡属于 {count} 位会员（总部合并前）。请按手机号查找会员（F11）并选择。</translation>
    </message>
    <message>
        <source>This member code is valid but the member is not on this till yet. Look the member up by phone (F11), or continue without the member.</source>
        <translation>此会员码有效，但本收银机上还没有该会员的资料。请按手机号查找会员（F11），或不使用会员继续结账。</translation>
    </message>
    <message>
        <source>No member has the phone number {phone}. Check the number, or sign the customer up (F11, then Sign up).</source>
        <translation>没有手机号为{phone}的会员。请核对号码，或为顾客注册会员（F11，然后选择注册）。</translation>
    </message>
    <message>
        <source>The name holds a control character ({char}, character {position}). Clear it and type the name again.</source>
        <translation>姓名中含有控制字符（{char}，第 {position} 个字符）。请清除后重新输入姓名。</translation>
    </message>
    <message>
        <source>Points can only be used with a member. Scan the member&apos;s code first (or press F11).</source>
        <translation>只有会员才能使用积分。请先扫描会员码（或按F11）。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a number of points. Type whole points, e.g. 500.</source>
        <translation>“{text}”不是积分数。请输入整数积分，例如 500。</translation>
    </message>
    <message>
        <source>{name}: {amount_fen} off each ({units} pcs), −{discount_fen}</source>
        <translation>{name}：每件减 {amount_fen}（{units} 件），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: member price {price_fen} ({units} pcs), −{discount_fen}</source>
        <translation>{name}：会员价 {price_fen}（{units} 件），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: flash price {price_fen} ({units} pcs), −{discount_fen}</source>
        <translation>{name}：限时价 {price_fen}（{units} 件），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: buy {buy} get {get} ({units} pcs), −{discount_fen}</source>
        <translation>{name}：买{buy}送{get}（{units} 件），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: {n} for {price_fen} (× {bundles}), −{discount_fen}</source>
        <translation>{name}：{n}件 {price_fen}（{bundles} 组），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: spend {threshold_fen} get {amount_fen} off (× {steps}), −{discount_fen}</source>
        <translation>{name}：满 {threshold_fen} 减 {amount_fen}（×{steps}），优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: {gift_name} free, −{discount_fen}</source>
        <translation>{name}：赠送{gift_name}，优惠 {discount_fen}</translation>
    </message>
    <message>
        <source>{name}: {multiplier}× points on this sale</source>
        <translation>{name}：本单 {multiplier} 倍积分</translation>
    </message>
    <message>
        <source>Spend {missing_fen} more for {name}</source>
        <translation>再买 {missing_fen} 即可享受「{name}」</translation>
    </message>
    <message>
        <source>Spend {missing_fen} more for the gift: {name}</source>
        <translation>再买 {missing_fen} 即可获赠品：{name}</translation>
    </message>
    <message>
        <source>{name}: the customer has earned {gift_name}. Scan one to add it free.</source>
        <translation>{name}：顾客可获赠{gift_name}，扫描一件即免费加入。</translation>
    </message>
    <message>
        <source>This phone number already belongs to a member. Look the member up by phone (F11) instead of signing up again.</source>
        <translation>此手机号已是会员。请按手机号查找会员（F11），无需重复注册。</translation>
    </message>
    <message>
        <source>Barcode {code} has a wrong check digit. Scan it again or type it carefully.</source>
        <translation>条码 {code} 校验位错误。请重新扫描或仔细输入。</translation>
    </message>
    <message>
        <source>Unknown barcode {code}. Press F2 to search the product by name or SKU.</source>
        <translation>未知条码 {code}。按 F2 按名称或货号查找商品。</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is too short for a barcode. Scan again or press F2 to search.</source>
        <translation>“{code}”太短，不是条码。请重新扫描或按 F2 查找。</translation>
    </message>
    <message>
        <source>{name} is not for sale (inactive). Put it aside and call a supervisor.</source>
        <translation>{name} 已停售。请放到一边并联系主管。</translation>
    </message>
    <message>
        <source>{name} is sold by weight. Enter the weight in kg (F3) or scan its scale label.</source>
        <translation>{name} 按重量销售。请输入重量（千克）或扫描秤签。</translation>
    </message>
    <message>
        <source>The scanner sent something that is not a code. Scan again or type the code.</source>
        <translation>扫码枪发送的内容不是条码。请重新扫描或手动输入。</translation>
    </message>
    <message>
        <source>This is the customer&apos;s payment code. Press F12 (Pay), then scan it in the payment window.</source>
        <translation>这是顾客的付款码。请按 F12（结账），在付款窗口中扫描。</translation>
    </message>
    <message>
        <source>Online-order pickup is not available on this till yet. Call a supervisor.</source>
        <translation>本收银机暂不支持线上订单提货。请联系主管。</translation>
    </message>
    <message>
        <source>Receipt {code}: the return screen opens for it.</source>
        <translation>小票 {code}：正在打开退货界面。</translation>
    </message>
    <message>
        <source>Staff badges cannot be used on this till yet. Continue the sale.</source>
        <translation>本收银机暂不支持员工卡。请继续当前交易。</translation>
    </message>
    <message>
        <source>Quantity &apos;{qty}&apos; is not valid. Enter pieces, or kg with 3 decimals at most.</source>
        <translation>数量“{qty}”无效。请输入件数，或最多 3 位小数的千克数。</translation>
    </message>
    <message>
        <source>Quantity {qty} is too large (at most {max}). Check it and enter it again.</source>
        <translation>数量 {qty} 太大（最多 {max}）。请核对后重新输入。</translation>
    </message>
    <message>
        <source>That line is no longer in the sale. Select a line with the arrow keys.</source>
        <translation>该行已不在本单中。请用方向键选择一行。</translation>
    </message>
    <message>
        <source>No line selected. Scan an item or select a line with the arrow keys first.</source>
        <translation>未选中任何行。请先扫描商品或用方向键选择一行。</translation>
    </message>
    <message>
        <source>Discount is not valid. Enter a percent from 0.01 to 100, or an amount above 0.</source>
        <translation>折扣无效。请输入 0.01 到 100 之间的百分比，或大于 0 的金额。</translation>
    </message>
    <message>
        <source>Discount {amount} is more than the line amount {max}. Enter less.</source>
        <translation>折扣 {amount} 超过该行金额 {max}。请输入更小的折扣。</translation>
    </message>
    <message>
        <source>Discount {amount} is more than the sale amount {max}. Enter less.</source>
        <translation>折扣 {amount} 超过整单金额 {max}。请输入更小的折扣。</translation>
    </message>
    <message>
        <source>Price {price} is not valid. Enter an amount of zero or more.</source>
        <translation>价格 {price} 无效。请输入不小于零的金额。</translation>
    </message>
    <message>
        <source>The price of this line comes from its scale label and cannot be changed.</source>
        <translation>该行价格来自秤签，不能修改。</translation>
    </message>
    <message>
        <source>The weight of this line comes from its scale label and cannot be changed.</source>
        <translation>该行重量来自秤签，不能修改。</translation>
    </message>
    <message>
        <source>{name} is not sold by weight; this scale label is wrong. Call a supervisor.</source>
        <translation>{name} 不是称重商品，秤签有误。请联系主管。</translation>
    </message>
    <message>
        <source>This suspended sale cannot be read. Ring the items up again.</source>
        <translation>无法读取该挂单。请重新扫描商品。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount. Type yuan like 12 or 12.50.</source>
        <translation>“{text}”不是金额。请按元输入，如 12 或 12.50。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number of ¥{yuan} pieces. Type whole pieces, like 12.</source>
        <translation>“{text}”不是 ¥{yuan} 的张（枚）数。请输入整数，例如 12。</translation>
    </message>
    <message>
        <source>The number of ¥{yuan} pieces cannot be negative. Type how many you counted.</source>
        <translation>¥{yuan} 的张（枚）数不能为负数。请输入实际清点的数量。</translation>
    </message>
    <message>
        <source>{count} pieces of ¥{yuan} is more than a drawer holds (at most {max}). Count them again.</source>
        <translation>¥{yuan} 共 {count} 张（枚），超出钱箱容量（最多 {max}）。请重新清点。</translation>
    </message>
    <message>
        <source>This till does not know the cash kind &apos;{code}&apos;. Call a supervisor.</source>
        <translation>本收银机不认识现金面额“{code}”。请联系主管。</translation>
    </message>
    <message>
        <source>Only cash may exceed the amount due ({remaining}). Enter a smaller amount.</source>
        <translation>只有现金可以超过应收金额（{remaining}）。请输入更小的金额。</translation>
    </message>
    <message>
        <source>The sale is already fully paid. Finish the sale.</source>
        <translation>本单已全部付清。请完成交易。</translation>
    </message>
    <message>
        <source>The payment amount must be more than zero.</source>
        <translation>收款金额必须大于零。</translation>
    </message>
    <message>
        <source>Enter the reference number printed by the card terminal.</source>
        <translation>请输入刷卡终端打印的参考号。</translation>
    </message>
    <message>
        <source>A mobile payment cannot be removed here. Finish the sale, then refund it.</source>
        <translation>移动支付不能在此删除。请完成交易后再退款。</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a payment code. Ask the customer to show it again.</source>
        <translation>“{code}”不是付款码。请顾客重新出示付款码。</translation>
    </message>
    <message>
        <source>The mobile payment was declined. Ask for another payment method.</source>
        <translation>移动支付被拒绝。请顾客换一种支付方式。</translation>
    </message>
    <message>
        <source>No answer from the payment service; the payment was cancelled. Try again.</source>
        <translation>支付服务无响应，已撤销该笔支付。请重试。</translation>
    </message>
    <message>
        <source>The payment result is unknown. Do not hand over goods; call a supervisor.</source>
        <translation>支付结果未知。请勿交付商品，并联系主管。</translation>
    </message>
    <message>
        <source>This sale is closed. Start a new sale by scanning an item.</source>
        <translation>本单已结束。扫描商品开始新的一单。</translation>
    </message>
    <message>
        <source>The sale is not fully paid yet. Add a payment (F12).</source>
        <translation>本单尚未付清。请继续收款（F12）。</translation>
    </message>
    <message>
        <source>The sale has no items. Scan an item first.</source>
        <translation>本单没有商品。请先扫描商品。</translation>
    </message>
    <message>
        <source>Still saving the last action. Try again in a moment.</source>
        <translation>上一步操作仍在保存。请稍后再试。</translation>
    </message>
    <message>
        <source>Finish or suspend (F8) the current sale before resuming another one.</source>
        <translation>请先完成或挂起（F8）当前交易，再取单。</translation>
    </message>
    <message>
        <source>There are no suspended sales.</source>
        <translation>没有挂单。</translation>
    </message>
    <message>
        <source>That suspended sale was already resumed on this till.</source>
        <translation>该挂单已在本机取出。</translation>
    </message>
    <message>
        <source>You may not do this ({action}). Call a supervisor.</source>
        <translation>您没有权限执行此操作（{action}）。请联系主管。</translation>
    </message>
    <message>
        <source>The printer is out of paper. Put in a new roll; the receipt prints then.</source>
        <translation>打印机缺纸。请装入新纸卷，小票随后会打印。</translation>
    </message>
    <message>
        <source>The receipt paper is running low. Have a new roll ready.</source>
        <translation>小票纸即将用完。请准备好新纸卷。</translation>
    </message>
    <message>
        <source>The printer does not answer status questions. Check the receipt printed.</source>
        <translation>打印机没有回应状态查询。请确认小票已打印。</translation>
    </message>
    <message>
        <source>The printer is off or unplugged. The receipt waits and prints when it is back.</source>
        <translation>打印机已关机或未连接。小票会等待，恢复后自动打印。</translation>
    </message>
    <message>
        <source>The drawer was not opened because the printer was away too long. Press Ctrl+O.</source>
        <translation>打印机离线时间过长，钱箱未打开。请按 Ctrl+O。</translation>
    </message>
    <message>
        <source>There is no completed sale with receipt number {receipt_no}. Check the number.</source>
        <translation>没有小票号为 {receipt_no} 的已完成交易。请核对号码。</translation>
    </message>
    <message>
        <source>No receipt to reprint yet. Complete a sale first.</source>
        <translation>还没有可重印的小票。请先完成一笔交易。</translation>
    </message>
    <message>
        <source>No receipt printer is set up on this till. Call a supervisor.</source>
        <translation>本收银机未设置小票打印机。请联系主管。</translation>
    </message>
    <message>
        <source>Not connected ({reason}). It reconnects by itself when plugged in.</source>
        <translation>未连接（{reason}）。插好后会自动重新连接。</translation>
    </message>
    <message>
        <source>The device reports a fault. Switch it off and on again, or call a supervisor.</source>
        <translation>设备报告故障。请关机再开机，或联系主管。</translation>
    </message>
    <message>
        <source>Test scan needs the simulated scanner or camera. Scan a product instead.</source>
        <translation>测试扫码需要模拟扫码枪或模拟摄像头。请直接扫描一件商品。</translation>
    </message>
    <message>
        <source>No camera found. Plug it in, or type the code instead.</source>
        <translation>未找到摄像头。请插好摄像头，或手动输入条码。</translation>
    </message>
    <message>
        <source>The camera sends no picture. Replug it, or type the code instead.</source>
        <translation>摄像头没有画面。请重新插拔，或手动输入条码。</translation>
    </message>
    <message>
        <source>The camera stopped. It reconnects by itself; type the code meanwhile.</source>
        <translation>摄像头已停止，会自动重新连接；请先手动输入条码。</translation>
    </message>
    <message>
        <source>Codes cannot be read from the camera. Type the code; call a supervisor.</source>
        <translation>无法从摄像头识别条码。请手动输入并联系主管。</translation>
    </message>
    <message>
        <source>No scale is set up. Enter the weight of {name} in kg.</source>
        <translation>未设置电子秤。请输入 {name} 的重量（千克）。</translation>
    </message>
    <message>
        <source>{name} is not sold by weight.</source>
        <translation>{name} 不是称重商品。</translation>
    </message>
    <message>
        <source>The scale is off or unplugged. Enter the weight of {name} by hand.</source>
        <translation>电子秤已关机或未连接。请手动输入 {name} 的重量。</translation>
    </message>
    <message>
        <source>The scale did not answer. Enter the weight of {name} by hand.</source>
        <translation>电子秤没有应答。请手动输入 {name} 的重量。</translation>
    </message>
    <message>
        <source>The scale&apos;s answer could not be read. Enter the weight of {name} by hand.</source>
        <translation>无法读取电子秤的数据。请手动输入 {name} 的重量。</translation>
    </message>
    <message>
        <source>The scale failed. Enter the weight of {name} by hand.</source>
        <translation>电子秤出错。请手动输入 {name} 的重量。</translation>
    </message>
    <message>
        <source>The weight of {name} is still moving. Let it settle, or enter it by hand.</source>
        <translation>{name} 的重量还不稳定。请等待稳定，或手动输入。</translation>
    </message>
    <message>
        <source>Nothing on the scale. Put {name} on it, or enter the weight by hand.</source>
        <translation>秤上没有商品。请放上 {name}，或手动输入重量。</translation>
    </message>
    <message>
        <source>The scale shows less than zero. Zero it, then weigh {name} again.</source>
        <translation>电子秤读数小于零。请归零后重新称 {name}。</translation>
    </message>
    <message>
        <source>{name} is too heavy for the scale. Weigh it in parts or enter the weight.</source>
        <translation>{name} 超过电子秤量程。请分开称重或手动输入重量。</translation>
    </message>
    <message>
        <source>The scale reports a fault. Enter the weight of {name} by hand.</source>
        <translation>电子秤报告故障。请手动输入 {name} 的重量。</translation>
    </message>
    <message>
        <source>The cloud at {url} cannot be reached. Sales are kept on this till and sent when the network is back; check the network cable or Wi-Fi if this lasts.</source>
        <translation>无法连接云端（{url}）。销售记录保存在本收银机上，网络恢复后自动上传；如持续无法连接，请检查网线或 Wi-Fi。</translation>
    </message>
    <message>
        <source>The cloud is not answering properly right now (HTTP {status}). Sales are kept on this till; it tries again by itself.</source>
        <translation>云端暂时无法正常响应（HTTP {status}）。销售记录保存在本收银机上，系统会自动重试。</translation>
    </message>
    <message>
        <source>The cloud sent an answer this till cannot read ({what}). It tries again later; call head office if this lasts.</source>
        <translation>云端返回了本收银机无法识别的应答（{what}）。稍后会自动重试；如持续出现，请联系总部。</translation>
    </message>
    <message>
        <source>The cloud does not take this till&apos;s sales from number {seq} on. Sales are kept here; call head office.</source>
        <translation>云端不接收本收银机第 {seq} 条起的记录。销售记录保存在本机，请联系总部。</translation>
    </message>
    <message>
        <source>The cloud is missing this till&apos;s records {first} to {last}, which this till no longer keeps. Call head office: they must be entered there.</source>
        <translation>云端缺少本收银机第 {first} 至 {last} 条记录，而本机已不再保存这些记录。请联系总部在云端补录。</translation>
    </message>
    <message>
        <source>The cloud&apos;s totals for {dates} still differ from this till&apos;s after sending them again. Sales are kept here; call head office.</source>
        <translation>重新上传后，云端 {dates} 的汇总仍与本收银机不一致。销售记录保存在本机，请联系总部。</translation>
    </message>
    <message>
        <source>This till cannot use head office&apos;s {stream} record {record} ({reason}). Its {stream} stay as they were and are asked for again at every sync; head office has been told. Call head office.</source>
        <translation>本收银机无法使用总部的{stream}记录 {record}（{reason}）。{stream}保持原样，每次同步都会重新获取；已通知总部。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud refused this till&apos;s request ({problem}: {message}). Call head office.</source>
        <translation>云端拒绝了本收银机的请求（{problem}：{message}）。请联系总部。</translation>
    </message>
    <message>
        <source>Sync stopped on an unexpected error ({detail}). Sales are kept; it tries again by itself. Call a supervisor if this lasts.</source>
        <translation>同步因意外错误中断（{detail}）。销售记录已保存，系统会自动重试；如持续出现，请联系主管。</translation>
    </message>
    <message>
        <source>This till is not connected to the cloud yet. A supervisor enrolls it with the code from head office: pos enroll URL CODE.</source>
        <translation>本收银机尚未接入云端。请主管使用总部提供的接入码执行：pos enroll 地址 接入码。</translation>
    </message>
    <message>
        <source>The till&apos;s cloud credential file cannot be used ({problem}). Enroll the till again with a new code from head office.</source>
        <translation>本收银机的云端凭证文件无法使用（{problem}）。请用总部提供的新接入码重新接入。</translation>
    </message>
    <message>
        <source>This till&apos;s software is too old for the cloud. Sales are kept here; update the till software.</source>
        <translation>本收银机软件版本过旧，云端不再支持。销售记录保存在本机，请升级收银软件。</translation>
    </message>
    <message>
        <source>The cloud runs an older version than this till. Sales are kept here; head office must update the cloud.</source>
        <translation>云端版本比本收银机旧。销售记录保存在本机，请总部升级云端。</translation>
    </message>
    <message>
        <source>The cloud does not recognise this till. Enroll it again with a new code from head office.</source>
        <translation>云端无法识别本收银机。请用总部提供的新接入码重新接入。</translation>
    </message>
    <message>
        <source>Head office has disconnected this till from the cloud. Sales are kept here; ask head office for a new enrollment code.</source>
        <translation>总部已断开本收银机与云端的连接。销售记录保存在本机，请向总部申请新的接入码。</translation>
    </message>
    <message>
        <source>This till&apos;s store or terminal code differs from the one it was enrolled as. Enroll it again, or call head office.</source>
        <translation>本收银机的门店或收银机编号与接入时不一致。请重新接入，或联系总部。</translation>
    </message>
    <message>
        <source>The record holds text the cloud cannot store (e.g. a control character in a product name). Use Repair and resend.</source>
        <translation>记录中含有云端无法保存的文字（例如商品名称中的控制字符）。请使用“修复并重发”。</translation>
    </message>
    <message>
        <source>The cloud does not know this kind of record. Head office must update the cloud.</source>
        <translation>云端不认识这类记录。需要总部升级云端。</translation>
    </message>
    <message>
        <source>The cloud cannot read this record&apos;s old format. Call head office.</source>
        <translation>云端无法读取这条记录的旧格式。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud already has a sale with this number from another record. Call head office.</source>
        <translation>云端已有另一条记录使用了这个销售单号。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud already has this points entry from another record. Call head office.</source>
        <translation>云端已有另一条记录使用了这笔积分流水。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud could not accept this record ({reason}). Call head office.</source>
        <translation>云端无法接受这条记录（{reason}）。请联系总部。</translation>
    </message>
    <message>
        <source>This record has nothing a repair can fix. Call head office.</source>
        <translation>这条记录没有可修复的内容。请联系总部。</translation>
    </message>
    <message>
        <source>This till writes records newer than the cloud knows. Sales are kept here; head office must update the cloud.</source>
        <translation>本收银机的记录格式比云端新。销售记录保存在本机，请总部升级云端。</translation>
    </message>
    <message>
        <source>The cloud could not read this till&apos;s request. Call head office.</source>
        <translation>云端无法读取本收银机的请求。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud refused a request as too large. Call head office.</source>
        <translation>云端因请求过大而拒绝。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud address is wrong or the cloud does not offer sync. Check the sync address with head office.</source>
        <translation>云端地址有误，或该地址不提供同步服务。请向总部核对同步地址。</translation>
    </message>
    <message>
        <source>This enrollment code is not known to the cloud. Check it, or ask head office for a new one.</source>
        <translation>云端没有这个接入码。请核对，或向总部申请新的接入码。</translation>
    </message>
    <message>
        <source>This enrollment code has been used already. Ask head office for a new one.</source>
        <translation>这个接入码已被使用。请向总部申请新的接入码。</translation>
    </message>
    <message>
        <source>This enrollment code has expired. Ask head office for a new one.</source>
        <translation>这个接入码已过期。请向总部申请新的接入码。</translation>
    </message>
    <message>
        <source>Another till is enrolled with terminal code {terminal_code}. Choose another code, or ask head office to revoke the old till.</source>
        <translation>已有收银机以编号 {terminal_code} 接入。请换一个编号，或请总部先注销原收银机。</translation>
    </message>
    <message>
        <source>Head office has withdrawn this coupon. Continue without it.</source>
        <translation>总部已作废此优惠券。请不使用该券继续结账。</translation>
    </message>
    <message>
        <source>The database was made by a newer version of O2O POS ({found}). Update the software.</source>
        <translation>数据库由更新版本的 O2O POS 创建（{found}）。请升级软件。</translation>
    </message>
    <message>
        <source>This till has no store or terminal set up yet. Call a supervisor.</source>
        <translation>本收银机尚未设置门店或终端。请联系主管。</translation>
    </message>
    <message>
        <source>The demo data is damaged (line {line}). Reinstall the application.</source>
        <translation>演示数据已损坏（第 {line} 行）。请重新安装程序。</translation>
    </message>
    <message>
        <source>Payments were already taken. Remove them in the payment window (F12) first.</source>
        <translation>已有收款。请先在收款窗口（F12）中删除。</translation>
    </message>
    <message>
        <source>This sale is not suspended, so it cannot be resumed.</source>
        <translation>该交易未挂起，不能取单。</translation>
    </message>
    <message>
        <source>This sale is already suspended. Resume it with F9.</source>
        <translation>该交易已挂起。按 F9 取单。</translation>
    </message>
    <message>
        <source>That payment is no longer in the list. Select another one.</source>
        <translation>该笔收款已不在列表中。请选择其他收款。</translation>
    </message>
    <message>
        <source>The mobile payment was cancelled. Ask for another payment method.</source>
        <translation>移动支付已撤销。请顾客换一种支付方式。</translation>
    </message>
    <message>
        <source>Payment neither confirmed nor cancelled. Keep the goods; call a supervisor.</source>
        <translation>支付既未确认也未撤销。请暂不交付商品，并联系主管。</translation>
    </message>
    <message>
        <source>Some device settings in {path} could not be used ({reason}); those devices start with their defaults. Choose them again on the Devices page (Ctrl+D).</source>
        <translation>{path} 中的部分设备设置无法使用（{reason}），这些设备已按默认设置启动。请在设备页面（Ctrl+D）重新选择。</translation>
    </message>
    <message>
        <source>There is no time zone called &apos;{zone}&apos; ({name}). Set the store&apos;s time zone by its name, e.g. Asia/Shanghai, then start the till again.</source>
        <translation>没有名为“{zone}”的时区（{name}）。请按名称设置门店时区，例如 Asia/Shanghai，然后重新启动收银机。</translation>
    </message>
    <message>
        <source>The setting {name} is not valid ({reason}). Correct it, then start the till again.</source>
        <translation>设置 {name} 无效（{reason}）。请改正后重新启动收银机。</translation>
    </message>
    <message>
        <source>Cannot read the file {path} ({reason}). Check it exists and try again.</source>
        <translation>无法读取文件 {path}（{reason}）。请确认文件存在后重试。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GB18030. Save it as UTF-8 CSV.</source>
        <translation>文件编码既不是 UTF-8 也不是 GB18030。请另存为 UTF-8 CSV。</translation>
    </message>
    <message>
        <source>The file is empty. The first line must name the columns.</source>
        <translation>文件为空。第一行必须是列名。</translation>
    </message>
    <message>
        <source>The file has a header but no products.</source>
        <translation>文件只有表头，没有商品。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; is missing from the header line. Add it.</source>
        <translation>表头缺少“{column}”列。请添加。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; is unknown. Rename or remove it.</source>
        <translation>未知列“{column}”。请改名或删除。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; appears twice. Keep one.</source>
        <translation>“{column}”列重复出现。请只保留一列。</translation>
    </message>
    <message>
        <source>This row has {found} values but the header has {expected}. Check commas.</source>
        <translation>该行有 {found} 个值，但表头有 {expected} 列。请检查逗号。</translation>
    </message>
    <message>
        <source>The SKU is empty. Every product needs one.</source>
        <translation>货号为空。每个商品都需要货号。</translation>
    </message>
    <message>
        <source>SKU &apos;{sku}&apos; is not valid: no spaces, at most 64 characters.</source>
        <translation>货号“{sku}”无效：不能含空格，最多 64 个字符。</translation>
    </message>
    <message>
        <source>Product {sku} has no name. Add the name.</source>
        <translation>商品 {sku} 没有名称。请填写名称。</translation>
    </message>
    <message>
        <source>Price &apos;{text}&apos; is not valid. Write yuan like 12.50.</source>
        <translation>价格“{text}”无效。请按元填写，如 12.50。</translation>
    </message>
    <message>
        <source>Cost &apos;{text}&apos; is not valid. Write yuan like 8.20, or leave it empty when unknown.</source>
        <translation>进价“{text}”无效。请按元填写，如 8.20；未知时留空。</translation>
    </message>
    <message>
        <source>Tax rate &apos;{text}&apos; is not valid. Write a percent like 13 or 9.</source>
        <translation>税率“{text}”无效。请填写百分数，如 13 或 9。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; in column {column} is not yes/no. Write 1 or 0.</source>
        <translation>{column} 列中的“{text}”不是是/否。请填写 1 或 0。</translation>
    </message>
    <message>
        <source>Barcode {code} is not a valid EAN/UPC (check digit). Correct it.</source>
        <translation>条码 {code} 不是有效的 EAN/UPC（校验位错误）。请更正。</translation>
    </message>
    <message>
        <source>SKU {sku} appears again (first on line {first_line}). Keep one row.</source>
        <translation>货号 {sku} 重复（首次出现在第 {first_line} 行）。请只保留一行。</translation>
    </message>
    <message>
        <source>Barcode {code} is used again (first on line {first_line}). Keep one.</source>
        <translation>条码 {code} 重复（首次出现在第 {first_line} 行）。请只保留一个。</translation>
    </message>
    <message>
        <source>Barcode {code} already belongs to product {sku}. Correct the file.</source>
        <translation>条码 {code} 已属于商品 {sku}。请更正文件。</translation>
    </message>
    <message>
        <source>Column {column} holds a control character ({char}, character {position}). Remove it from the file.</source>
        <translation>{column} 列含有控制字符（{char}，第 {position} 个字符）。请从文件中删除。</translation>
    </message>
    <message>
        <source>A value in this row is longer than {max} characters. Shorten it.</source>
        <translation>这一行有内容超过 {max} 个字符。请缩短。</translation>
    </message>
    <message>
        <source>This row is not valid CSV ({reason}). Check its quotes and commas.</source>
        <translation>这一行不是有效的 CSV（{reason}）。请检查引号和逗号。</translation>
    </message>
    <message>
        <source>The search text holds a control character ({char}). Clear it and type again.</source>
        <translation>搜索内容含有控制字符（{char}）。请清除后重新输入。</translation>
    </message>
    <message>
        <source>The reference holds a control character ({char}, character {position}). Clear it and type it again.</source>
        <translation>参考号含有控制字符（{char}，第 {position} 个字符）。请清除后重新输入。</translation>
    </message>
    <message>
        <source>The label holds a control character ({char}, character {position}). Clear it and type it again.</source>
        <translation>备注含有控制字符（{char}，第 {position} 个字符）。请清除后重新输入。</translation>
    </message>
    <message>
        <source>The period ends ({last}) before it starts ({first}). Set the dates again.</source>
        <translation>结束日期（{last}）早于开始日期（{first}）。请重新设置日期。</translation>
    </message>
    <message>
        <source>{days} days is too long for the till: choose at most {max} days.</source>
        <translation>{days} 天对收银机来说太长：最多选择 {max} 天。</translation>
    </message>
    <message>
        <source>Something went wrong. The sale is kept; try again or call a supervisor.</source>
        <translation>出现问题。当前交易已保留；请重试或联系主管。</translation>
    </message>
    <message>
        <source>Nothing is marked to return. Enter a quantity on the lines that come back.</source>
        <translation>没有选择要退的商品。请在要退的行上输入数量。</translation>
    </message>
    <message>
        <source>The sale has no line {line}. Scan the receipt again and pick its lines.</source>
        <translation>该销售没有第 {line} 行。请重新扫描小票并选择其中的行。</translation>
    </message>
    <message>
        <source>Line {line}: &apos;{qty}&apos; is not a quantity to return. Enter a whole number above zero (grams for goods sold by weight).</source>
        <translation>第 {line} 行：“{qty}”不是有效的退货数量。请输入大于零的整数（称重商品按克计）。</translation>
    </message>
    <message>
        <source>Line {line}: {asked} cannot come back, only {left} of the {sold} sold are left ({returned} already returned; grams for goods sold by weight). Lower the quantity.</source>
        <translation>第 {line} 行：不能退 {asked}，售出 {sold}，还可退 {left}（已退 {returned}；称重商品按克计）。请减少数量。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a receipt number. Scan the barcode or QR code on the receipt, or type its number (like S001-T01-000042).</source>
        <translation>“{text}”不是小票号。请扫描小票上的条码或二维码，或输入小票号（如 S001-T01-000042）。</translation>
    </message>
    <message>
        <source>No sale has receipt number {receipt_no}. Check the number on the receipt, or find the sale by date, amount or member.</source>
        <translation>没有小票号为 {receipt_no} 的销售。请核对小票上的号码，或按日期、金额或会员查找。</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} is from another store. Its goods are returned at that store.</source>
        <translation>小票 {receipt_no} 属于其他门店，请到该门店办理退货。</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} is from till {terminal} and the cloud cannot be reached. A supervisor may approve the return; it is priced like a return without a receipt and checked by head office.</source>
        <translation>小票 {receipt_no} 来自收银机 {terminal}，目前无法连接云端。可由主管批准退货：按无小票退货计价，并由总部核查。</translation>
    </message>
    <message>
        <source>The cloud could not be asked about receipt {receipt_no}. Check the network and try again, or call a supervisor.</source>
        <translation>无法向云端查询小票 {receipt_no}。请检查网络后重试，或呼叫主管。</translation>
    </message>
    <message>
        <source>This sale&apos;s records do not add up, so it cannot be returned here. Call a manager.</source>
        <translation>这笔销售的记录金额不一致，无法在此退货。请呼叫店长。</translation>
    </message>
    <message>
        <source>Another return of receipt {receipt_no} was made meanwhile. Open the receipt again and choose what comes back.</source>
        <translation>小票 {receipt_no} 刚刚已有另一笔退货。请重新打开小票，再选择退回的商品。</translation>
    </message>
    <message>
        <source>&apos;{reason}&apos; is not a return reason. Pick one from the list.</source>
        <translation>“{reason}”不是退货原因。请从列表中选择。</translation>
    </message>
    <message>
        <source>&apos;{disposition}&apos; is neither back to stock nor damaged. Choose one for each line.</source>
        <translation>“{disposition}”既不是退回库存也不是损坏。请为每一行选择其一。</translation>
    </message>
    <message>
        <source>The exchange can use at most {credit_fen} of the returned goods, not {used_fen}. Take the rest as another payment.</source>
        <translation>换货最多可抵扣退回商品的 {credit_fen}，而不是 {used_fen}。其余部分请用其他方式支付。</translation>
    </message>
    <message>
        <source>The exchange credit on this sale does not belong to the return being made. Remove the exchange payment and start the exchange again from the return screen.</source>
        <translation>本单的换货抵扣不属于正在办理的退货。请删除换货抵扣，并从退货界面重新开始换货。</translation>
    </message>
    <message>
        <source>This sale is an exchange: finish it (F12) or void it (F10); it cannot be suspended.</source>
        <translation>这是一笔换货：请完成（F12）或作废（F10），不能挂单。</translation>
    </message>
    <message>
        <source>This till has taken {count} returns without a receipt today ({amount_fen}); the limit is {max_count} returns or {max_fen} a day. Call the store manager.</source>
        <translation>本收银机今天已办理 {count} 笔无小票退货（{amount_fen}）；每日上限为 {max_count} 笔或 {max_fen}。请呼叫店长。</translation>
    </message>
    <message>
        <source>Search at most {max_days} days at a time, with the end after the start.</source>
        <translation>每次最多查询 {max_days} 天，且结束时间须晚于开始时间。</translation>
    </message>
    <message>
        <source>The payment provider refused to refund {amount_fen}. Nothing was returned; refund it in cash with a supervisor&apos;s approval or call a manager.</source>
        <translation>支付机构拒绝退款 {amount_fen}。本次未退货；可经主管批准改为现金退款，或呼叫店长。</translation>
    </message>
    <message>
        <source>The payment provider did not answer the refund of {amount_fen}. Nothing was recorded; try again (the customer is never refunded twice).</source>
        <translation>支付机构未响应 {amount_fen} 的退款。本次未记录；请重试（顾客不会被重复退款）。</translation>
    </message>
    <message>
        <source>No staff member has the number or badge &apos;{code}&apos;. Check it and try again.</source>
        <translation>没有工号或工牌为“{code}”的员工。请核对后重试。</translation>
    </message>
    <message>
        <source>{name} may no longer sign in at this store. Ask the store manager.</source>
        <translation>{name} 已不能在本店登录。请联系店长。</translation>
    </message>
    <message>
        <source>{name} is locked after five wrong PINs. Try again in {minutes} min, or ask the store manager.</source>
        <translation>{name} 连续五次输错密码已被锁定。请 {minutes} 分钟后再试，或联系店长。</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} more tries before this staff member is locked.</source>
        <translation>密码错误。再错 {left} 次该员工将被锁定。</translation>
    </message>
    <message>
        <source>A PIN is {min} to {max} digits. Type digits only.</source>
        <translation>密码为 {min} 到 {max} 位数字，请只输入数字。</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>Type a name of 1 to 64 letters, without control characters.</source>
        <translation>请输入 1 到 64 个字的姓名，不含控制字符。</translation>
    </message>
    <message>
        <source>This till has staff already: sign in with your number and PIN.</source>
        <translation>本收银机已有员工：请用工号和密码登录。</translation>
    </message>
    <message>
        <source>Nobody is signed in. Sign in with your number and PIN first.</source>
        <translation>尚无人登录。请先用工号和密码登录。</translation>
    </message>
    <message>
        <source>You cannot approve your own action. Ask another supervisor.</source>
        <translation>不能授权自己的操作。请找另一位主管。</translation>
    </message>
    <message>
        <source>{name} may not approve this either. Ask a manager.</source>
        <translation>{name} 也无权授权此操作。请找店长。</translation>
    </message>
    <message>
        <source>No shift is open on this till. Open one (Ctrl+H) and count the float first.</source>
        <translation>本收银机没有开班。请先开班（Ctrl+H）并清点备用金。</translation>
    </message>
    <message>
        <source>A shift is open on this till already. Close it with a Z report first.</source>
        <translation>本收银机已有班次未结。请先用 Z 报表结班。</translation>
    </message>
    <message>
        <source>This shift is not closed yet: it has no Z report.</source>
        <translation>该班次尚未结班，没有 Z 报表。</translation>
    </message>
    <message>
        <source>No shift has been closed on this till yet.</source>
        <translation>本收银机还没有结过班。</translation>
    </message>
    <message>
        <source>Type an amount above zero and at most {max_fen}.</source>
        <translation>请输入大于零且不超过 {max_fen} 的金额。</translation>
    </message>
    <message>
        <source>The drawer should hold only {cash_fen}: {amount_fen} cannot come out. Check the amount.</source>
        <translation>钱箱应有现金仅 {cash_fen}，不能取出 {amount_fen}。请核对金额。</translation>
    </message>
    <message>
        <source>Say why the cash is paid in or out (a few words).</source>
        <translation>请简要说明存入或支出现金的原因。</translation>
    </message>
    <message>
        <source>The reason is too long or holds characters that cannot be kept. Use up to 64 letters.</source>
        <translation>原因过长或含有无法保存的字符，最多 64 个字。</translation>
    </message>
    <message>
        <source>A count of a category or zone needs its name, and a count of products needs at least one product. Choose what to count again.</source>
        <translation>按品类或区域盘点需要填写名称，按商品盘点至少要选一个商品。请重新选择盘点范围。</translation>
    </message>
    <message>
        <source>&apos;{qty}&apos; is not a counted quantity. Enter a whole number of pieces, 0 or more (kilograms for goods sold by weight).</source>
        <translation>“{qty}”不是有效的盘点数量。请输入 0 或以上的整数件数（称重商品输入公斤数）。</translation>
    </message>
    <message>
        <source>{qty} is more than a count line can hold ({max}). Check the quantity.</source>
        <translation>{qty} 超过单条盘点记录的上限（{max}）。请检查数量。</translation>
    </message>
    <message>
        <source>This count no longer exists. Open the list of counts and choose again.</source>
        <translation>该盘点单已不存在。请打开盘点单列表重新选择。</translation>
    </message>
    <message>
        <source>This count was posted at {posted_at} and cannot change any more. Start a new count for what is left.</source>
        <translation>该盘点单已于 {posted_at} 过账，不能再修改。剩余商品请新建盘点单。</translation>
    </message>
    <message>
        <source>A manager must approve the count before it is posted.</source>
        <translation>盘点单须经店长审核后才能过账。</translation>
    </message>
    <message>
        <source>The count is approved and waits to be posted. Reopen it to count more.</source>
        <translation>盘点单已审核，等待过账。如需继续盘点，请重新打开。</translation>
    </message>
    <message>
        <source>{code} is not among the products to recount. Count only the products on the recount list.</source>
        <translation>{code} 不在复盘商品中。请只盘点复盘清单上的商品。</translation>
    </message>
    <message>
        <source>No variance is big enough to recount. Approve the count or pick products.</source>
        <translation>没有差异大到需要复盘的商品。请审核盘点单或自行选择商品。</translation>
    </message>
    <message>
        <source>The count file has {count} bad rows (the first on line {line}); nothing was imported. Correct the rows and upload the file again.</source>
        <translation>盘点文件有 {count} 行有误（第一处在第 {line} 行），未导入任何数据。请改正后重新上传。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; is not known. Use code, qty, counter, location and time.</source>
        <translation>无法识别列“{column}”。请使用 code、qty、counter、location 和 time。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; appears twice. Keep one of them.</source>
        <translation>列“{column}”出现了两次。请只保留一列。</translation>
    </message>
    <message>
        <source>The file has no &apos;{column}&apos; column. Add it to the first row.</source>
        <translation>文件缺少“{column}”列。请在第一行添加。</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; holds a control character or more than 64 characters. Fix it.</source>
        <translation>列“{column}”含有控制字符或超过 64 个字符。请修改。</translation>
    </message>
    <message>
        <source>The row has no barcode or SKU. Fill in the code or delete the row.</source>
        <translation>该行没有条码或货号。请填写编码或删除该行。</translation>
    </message>
    <message>
        <source>&apos;{qty}&apos; is not a counted quantity. Use a whole number 0 or more (kilograms with up to 3 decimals for goods sold by weight).</source>
        <translation>“{qty}”不是有效的盘点数量。请填写 0 或以上的整数（称重商品填写公斤数，最多 3 位小数）。</translation>
    </message>
    <message>
        <source>&apos;{time}&apos; is not a time. Write it like 2026-12-05T09:30:00+08:00 or leave it empty.</source>
        <translation>“{time}”不是有效时间。请写成 2026-12-05T09:30:00+08:00 的格式，或留空。</translation>
    </message>
    <message>
        <source>&apos;{time}&apos; is later than now. Check the handheld&apos;s clock or leave the time empty.</source>
        <translation>“{time}”晚于当前时间。请检查手持终端的时钟，或将时间留空。</translation>
    </message>
    <message>
        <source>This row cannot be read as CSV. Save the file as CSV again.</source>
        <translation>该行无法按 CSV 读取。请重新另存为 CSV 文件。</translation>
    </message>
    <message>
        <source>The file has no count lines. Export the handheld&apos;s lines again.</source>
        <translation>文件中没有盘点记录。请重新从手持终端导出。</translation>
    </message>
    <message>
        <source>The row has {found} values where the header has {expected}. Check for a missing or extra comma.</source>
        <translation>该行有 {found} 个值，而表头有 {expected} 列。请检查是否缺少或多了逗号。</translation>
    </message>
    <message>
        <source>The file has more than {max} rows. Split it into smaller files.</source>
        <translation>文件超过 {max} 行。请拆分成较小的文件。</translation>
    </message>
    <message>
        <source>No product has the code &apos;{code}&apos;. Scan the item again or type its SKU; a product new to the store must be added to the catalog at head office first.</source>
        <translation>没有编码为“{code}”的商品。请重新扫描或输入商品编码；门店新品须先由总部加入商品目录。</translation>
    </message>
    <message>
        <source>Line {line}: {qty} is not a quantity here. Enter a whole number from 1 to {limit} (grams for goods sold by weight).</source>
        <translation>第 {line} 行：{qty} 不是有效数量。请输入 1 到 {limit} 之间的整数（称重商品按克）。</translation>
    </message>
    <message>
        <source>&apos;{reason}&apos; is not a reason for an adjustment. Choose damaged, expired, own use, theft or found.</source>
        <translation>“{reason}”不是调整原因。请选择损坏、过期、自用、被盗或盘盈。</translation>
    </message>
    <message>
        <source>There is nothing to post: enter at least one line with a quantity.</source>
        <translation>没有可过账的内容：请至少输入一行数量。</translation>
    </message>
    <message>
        <source>This was posted already as {doc_no}; posting it again would count the goods twice. Start a new one for other goods.</source>
        <translation>此单已过账（{doc_no}）；再次过账会重复计算货品。其他货品请新建单据。</translation>
    </message>
    <message>
        <source>{qty} cannot be a minimum stock. Enter a whole number from 0 to {limit}.</source>
        <translation>{qty} 不能作为最低库存。请输入 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <source>This till has no order or transfer {order}. Sync the till and try again, or receive the goods as a free receipt.</source>
        <translation>本机没有订单或调拨单 {order}。请同步后重试，或按无单收货处理。</translation>
    </message>
    <message>
        <source>{order} is for store {store}, not this store ({here}). Do not receive it here: call head office.</source>
        <translation>{order} 属于门店 {store}，不是本店（{here}）。请勿在此收货，请联系总部。</translation>
    </message>
    <message>
        <source>{order} was received already ({doc_no}). Receive more goods as a free receipt.</source>
        <translation>{order} 已收货（{doc_no}）。更多货品请按无单收货处理。</translation>
    </message>
    <message>
        <source>Enter the supplier&apos;s name (up to 128 characters) for a free receipt.</source>
        <translation>无单收货请输入供应商名称（最多 128 个字符）。</translation>
    </message>
    <message>
        <source>Line {line}: {name} carries a best-before date. Enter it (like 2027-03-31) before posting.</source>
        <translation>第 {line} 行：{name} 需要保质期。过账前请输入（如 2027-03-31）。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date. Enter the best-before date like 2027-03-31.</source>
        <translation>“{text}”不是日期。请按 2027-03-31 的格式输入保质期。</translation>
    </message>
    <message>
        <source>{sku}: that unit cost is not possible. Enter the cost in yuan, zero or more.</source>
        <translation>{sku}：该单位成本无效。请输入以元为单位、不小于零的成本。</translation>
    </message>
    <message>
        <source>Line {line}: product {sku} is not in this till&apos;s catalog. Sync the till, or set the line to 0 and tell head office.</source>
        <translation>第 {line} 行：商品 {sku} 不在本机商品目录中。请同步，或将该行设为 0 并告知总部。</translation>
    </message>
    <message>
        <source>&apos;{store}&apos; is not a store code. Enter the other store&apos;s code, like S002.</source>
        <translation>“{store}”不是门店编码。请输入对方门店编码，如 S002。</translation>
    </message>
    <message>
        <source>{store} is this store. A transfer goes to another store of the chain.</source>
        <translation>{store} 是本店。调拨须发往连锁内的其他门店。</translation>
    </message>
    <message>
        <source>The cloud already has this receipt, transfer or adjustment from another record. Call head office.</source>
        <translation>云端已从另一条记录收到此收货、调拨或调整单。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud refused this receipt, transfer or adjustment: a quantity or cost is beyond what a till can take. Call head office.</source>
        <translation>云端拒收此收货、调拨或调整单：数量或成本超出收银机允许范围。请联系总部。</translation>
    </message>
    <message>
        <source>The cloud does not know the store this transfer goes to. Call head office to correct the transfer.</source>
        <translation>云端不认识此调拨的目标门店。请联系总部更正调拨单。</translation>
    </message>
    <message>
        <source>No product has the code &apos;{code}&apos;. Scan the product&apos;s barcode, type its SKU, or search by name.</source>
        <translation>没有商品的编码是“{code}”。请扫描商品条码、输入货号，或按名称搜索。</translation>
    </message>
    <message>
        <source>{percent} % is not a markdown: enter a whole percentage from 1 to {max}.</source>
        <translation>{percent}% 不是有效折扣：请输入 1 到 {max} 之间的整数百分比。</translation>
    </message>
    <message>
        <source>{name} is sold by weight: scan the scale label on the pack to mark it down, so the label carries its weight and price.</source>
        <translation>{name} 按重量销售：请扫描包装上的电子秤标签来打折，这样标签会带上重量和金额。</translation>
    </message>
    <message>
        <source>A markdown label can carry at most {max_fen}, not {price_fen}. Print a shelf label, or mark the item down at the till.</source>
        <translation>打折标签最多只能表示 {max_fen}，无法表示 {price_fen}。请打印普通价签，或在收银台改价。</translation>
    </message>
    <message>
        <source>The markdown prefix {prefix} is not a price label prefix of the till&apos;s scale rules. Set POS_LABEL_PRINTER__MARKDOWN_PREFIX to one (e.g. 26).</source>
        <translation>打折前缀 {prefix} 不是收银台秤码规则中的金额码前缀。请把 POS_LABEL_PRINTER__MARKDOWN_PREFIX 设为其中之一（例如 26）。</translation>
    </message>
    <message>
        <source>Markdown number {item} does not fit the label. Try again; the numbers start over by themselves.</source>
        <translation>打折编号 {item} 超出标签范围。请重试，编号会自动从头开始。</translation>
    </message>
    <message>
        <source>No labels are in the list. Scan or type a product&apos;s code first.</source>
        <translation>列表中没有标签。请先扫描或输入商品编码。</translation>
    </message>
    <message>
        <source>Print 1 to {max} copies of a label.</source>
        <translation>每个标签可打印 1 到 {max} 份。</translation>
    </message>
    <message>
        <source>No label printer is set up. Set POS_LABEL_PRINTER__KIND (tspl, escpos or sim) and its port, then try again.</source>
        <translation>尚未设置标签打印机。请设置 POS_LABEL_PRINTER__KIND（tspl、escpos 或 sim）及其端口后重试。</translation>
    </message>
    <message>
        <source>The label printer did not take the labels ({reason}). Check it is on, has labels and is connected, then press F12 again.</source>
        <translation>标签打印机未能接收标签（{reason}）。请检查打印机已开机、有标签纸且已连接，然后再按 F12。</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>No sales in this period</source>
        <translation>该时间段内没有销售</translation>
    </message>
    <message>
        <source>Sales by hour (¥)</source>
        <translation>分时段销售额（¥）</translation>
    </message>
    <message>
        <source>Sales by day (¥)</source>
        <translation>每日销售额（¥）</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>Line discounts</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <source>Sale discounts</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Price overrides</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Markdown labels</source>
        <translation>打折标签</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>All sales</source>
        <translation>全部销售</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Non-members</source>
        <translation>非会员</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Discounts given</source>
        <translation>优惠合计</translation>
    </message>
    <message>
        <source>Voided sales</source>
        <translation>作废单</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按时段</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（无分类）</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按品类</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比 %</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Products sold</source>
        <translation>动销商品数</translation>
    </message>
    <message>
        <source>By tender</source>
        <translation>按支付方式</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>(not signed in)</source>
        <translation>（未登录）</translation>
    </message>
    <message>
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退货笔数</translation>
    </message>
    <message>
        <source>Top products by quantity (pieces)</source>
        <translation>畅销商品（按件数）</translation>
    </message>
    <message>
        <source>Top products by amount</source>
        <translation>畅销商品（按金额）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Lines or sales</source>
        <translation>行数或单数</translation>
    </message>
    <message>
        <source>What each promotion gave</source>
        <translation>各促销让利</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>让利</translation>
    </message>
    <message>
        <source>{days} (store time, {zone})</source>
        <translation>{days}（门店时间，{zone}）</translation>
    </message>
</context>
<context>
    <name>returns</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Returned before</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>本次退货</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>↑/↓ a line, digits: how many come back (kg for weighed goods), Space: damaged (not back on the shelf), F5/F6: reason, F7: refund in cash, F9: exchange for other goods, F12: refund. Esc closes.</source>
        <translation>↑/↓ 选择商品，数字：退回数量（称重商品按千克），空格：损坏（不回货架），F5/F6：原因，F7：退现金，F9：换货，F12：退款。Esc 关闭。</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>back to shelf</source>
        <translation>回货架</translation>
    </message>
    <message>
        <source>Nothing to return yet.</source>
        <translation>尚未选择退货商品。</translation>
    </message>
    <message>
        <source>Refund {total}: {rows}</source>
        <translation>退款 {total}：{rows}</translation>
    </message>
    <message>
        <source>Find the sale</source>
        <translation>查找原销售</translation>
    </message>
    <message>
        <source>Optional, e.g. 12.50</source>
        <translation>可不填，例如 12.50</translation>
    </message>
    <message>
        <source>Optional: mobile number or member code</source>
        <translation>可不填：手机号或会员码</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Amount paid</source>
        <translation>实付金额(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Member</source>
        <translation>会员(&amp;M)</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Tab: next field, Enter: search, ↓: to the results, Enter on a sale: return from it. Esc closes.</source>
        <translation>Tab：下一项，回车：查找，↓：到结果，在销售上回车：从这笔退货。Esc 关闭。</translation>
    </message>
    <message>
        <source>No member has the mobile number or member code {code}. Check it, or leave the member empty.</source>
        <translation>没有手机号或会员码为 {code} 的会员。请核对，或不填会员。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Sales found: {count}. ↓ and Enter to take one.</source>
        <translation>找到 {count} 笔销售。按 ↓ 和回车选择一笔。</translation>
    </message>
    <message>
        <source>No sale of this till matches. Check the day, the amount and the member, or leave the amount and member empty.</source>
        <translation>本收银机没有符合条件的销售。请核对日期、金额和会员，或不填金额和会员。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>预估</translation>
    </message>
    <message>
        <source>Scan or type each item&apos;s code, Enter adds it. ↑/↓ a row, Space: damaged (not back on the shelf), Del: remove the row, F5/F6: reason, F12: take the items. Esc closes.</source>
        <translation>扫描或输入每件商品的条码，回车添加。↑/↓ 选行，空格：损坏（不回货架），Del：删除该行，F5/F6：原因，F12：确认商品。Esc 关闭。</translation>
    </message>
    <message>
        <source>Reason (F5/F6):</source>
        <translation>原因（F5/F6）：</translation>
    </message>
    <message>
        <source>Product code (scan or type):</source>
        <translation>商品条码（扫描或输入）：</translation>
    </message>
    <message>
        <source>No product has the code {code}. Check it and scan or type it again.</source>
        <translation>没有条码为 {code} 的商品。请核对后重新扫描或输入。</translation>
    </message>
    <message>
        <source>{name}: weight in kg (for example 0.350 for 350 g), Enter adds it, Esc drops it.</source>
        <translation>{name}：重量（公斤，例如 350 克输入 0.350），回车添加，Esc 放弃。</translation>
    </message>
    <message>
        <source>No item scanned yet.</source>
        <translation>尚未扫描商品。</translation>
    </message>
    <message>
        <source>Rows: {rows}</source>
        <translation>共 {rows} 行</translation>
    </message>
    <message>
        <source>{count}. Refund estimate {total} (the exact amount is worked out when the refund is made).</source>
        <translation>{count}。预估退款 {total}（准确金额在退款时计算）。</translation>
    </message>
    <message>
        <source>Enter the weight of {name} first, or Esc to drop it.</source>
        <translation>请先输入{name}的重量，或按 Esc 放弃。</translation>
    </message>
    <message>
        <source>Scan the items that come back first; F12 then takes them.</source>
        <translation>请先扫描退回的商品，再按 F12 确认。</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>无小票退货</translation>
    </message>
    <message>
        <source>No receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a manager&apos;s approval.</source>
        <translation>无小票：每件商品按近 30 天的最低售价退款，退现金，需店长批准。</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>拿错商品</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <source>Changed mind</source>
        <translation>不想要了</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Finish or suspend (F8) the sale first, then start the return (Ctrl+R).</source>
        <translation>请先完成或挂起（F8）当前交易，再办理退货（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Looking up the sale…</source>
        <translation>正在查找原交易…</translation>
    </message>
    <message>
        <source>Receipt {no} of another till (offline)</source>
        <translation>其他收银机的小票 {no}（离线）</translation>
    </message>
    <message>
        <source>The cloud cannot be asked about this receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a supervisor&apos;s approval, and head office checks it.</source>
        <translation>暂时无法向云端查询这张小票：每件商品按近 30 天最低售价退现金，需主管批准，并由总部核查。</translation>
    </message>
    <message>
        <source>Refund {total} in cash</source>
        <translation>退现金 {total}</translation>
    </message>
    <message>
        <source>Exchange: {total} pays for other goods</source>
        <translation>换货：{total} 用于购买其他商品</translation>
    </message>
    <message>
        <source>Receipt {no}: choose what comes back.</source>
        <translation>小票 {no}：请选择要退回的商品。</translation>
    </message>
    <message>
        <source>Return from receipt {no} ({at})</source>
        <translation>退货：小票 {no}（{at}）</translation>
    </message>
    <message>
        <source>Return {no} · refunded {total}. Scan the next item.</source>
        <translation>退货单 {no} · 已退款 {total}。请扫描下一件商品。</translation>
    </message>
    <message>
        <source>Return {no}: {total} refunded — {how}.</source>
        <translation>退货单 {no}：已退款 {total} — {how}。</translation>
    </message>
    <message>
        <source>Refund the card part on the card terminal.</source>
        <translation>银行卡部分请在刷卡机上办理退款。</translation>
    </message>
    <message>
        <source>Exchange: {credit} of returned goods pays for the new ones. Scan them, then F12. F10 cancels the exchange.</source>
        <translation>换货：退回商品的 {credit} 用于支付新商品。请扫描新商品，然后按 F12。F10 取消换货。</translation>
    </message>
    <message>
        <source>Return or exchange</source>
        <translation>退货或换货</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode or QR code, or type the receipt number (e.g. S001-T01-000042).</source>
        <translation>扫描小票上的条码或二维码，或输入小票号（如 S001-T01-000042）。</translation>
    </message>
    <message>
        <source>Enter: open the sale. F2: find the sale by date, amount or member. F3: no receipt. Esc: cancel.</source>
        <translation>回车：打开原交易。F2：按日期、金额或会员查找。F3：无小票退货。Esc：取消。</translation>
    </message>
</context>
<context>
    <name>shift</name>
    <message>
        <source>note</source>
        <translation>纸币</translation>
    </message>
    <message>
        <source>coin</source>
        <translation>硬币</translation>
    </message>
    <message>
        <source>Card terminal total (blank: as expected)</source>
        <translation>刷卡终端合计（留空：按应有）</translation>
    </message>
    <message>
        <source>Mobile payments total (blank: as expected)</source>
        <translation>移动支付合计（留空：按应有）</translation>
    </message>
    <message>
        <source>F4: take the float the last Z counted: {amount}</source>
        <translation>F4：沿用上次 Z 报表清点的备用金 {amount}</translation>
    </message>
    <message>
        <source>Enter: next row, and done on the last. Esc cancels.</source>
        <translation>回车：下一行，最后一行回车完成。Esc 取消。</translation>
    </message>
    <message>
        <source>Counted: {amount}</source>
        <translation>已点：{amount}</translation>
    </message>
    <message>
        <source>Counted: —</source>
        <translation>已点：—</translation>
    </message>
    <message>
        <source>Cash in / out</source>
        <translation>现金存取</translation>
    </message>
    <message>
        <source>F5 Paid in</source>
        <translation>F5 存入</translation>
    </message>
    <message>
        <source>F6 Paid out</source>
        <translation>F6 支出</translation>
    </message>
    <message>
        <source>F7 Drop to the safe</source>
        <translation>F7 解款入保险柜</translation>
    </message>
    <message>
        <source>Amount, e.g. 50 or 12.50</source>
        <translation>金额，例如 50 或 12.50</translation>
    </message>
    <message>
        <source>Reason (not needed for a drop)</source>
        <translation>原因（解款可不填）</translation>
    </message>
    <message>
        <source>Type the amount in yuan, e.g. 50 or 12.50.</source>
        <translation>请以元为单位输入金额，例如 50 或 12.50。</translation>
    </message>
    <message>
        <source>Ctrl+P prints it. Esc closes.</source>
        <translation>Ctrl+P 打印，Esc 关闭。</translation>
    </message>
    <message>
        <source>Open the shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Count the float in the drawer: pieces of each note and coin. Sales start once the shift is open.</source>
        <translation>清点钱箱里的备用金：各面额纸币和硬币的张数/枚数。开班后才能销售。</translation>
    </message>
    <message>
        <source>Shift {no} open, float {amount}.</source>
        <translation>第 {no} 班已开班，备用金 {amount}。</translation>
    </message>
    <message>
        <source>Cash in / out, drop to the safe</source>
        <translation>现金存取、解款入保险柜</translation>
    </message>
    <message>
        <source>X report (the shift so far)</source>
        <translation>X 报表（本班至今）</translation>
    </message>
    <message>
        <source>Close the shift: blind count and Z report</source>
        <translation>结班：盲点现金并出 Z 报表</translation>
    </message>
    <message>
        <source>Show or reprint the last Z reports</source>
        <translation>查看或重打最近的 Z 报表</translation>
    </message>
    <message>
        <source>Sales reports</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Audit log (managers)</source>
        <translation>审计日志（店长）</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Shift and cash</source>
        <translation>班次与现金</translation>
    </message>
    <message>
        <source>Cash recorded: {amount}.</source>
        <translation>已记录现金：{amount}。</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Close the shift: count the drawer</source>
        <translation>结班：清点钱箱</translation>
    </message>
    <message>
        <source>Count all the cash in the drawer by note and coin. The till shows what it expected only after the count.</source>
        <translation>按面额清点钱箱内全部现金。清点完成后才显示应有金额。</translation>
    </message>
    <message>
        <source>Z report: shift {no} closed</source>
        <translation>Z 报表：第 {no} 班已结班</translation>
    </message>
    <message>
        <source>Shift {no}, closed {at} by {name}</source>
        <translation>第 {no} 班，{at} 由 {name} 结班</translation>
    </message>
    <message>
        <source>Z reports</source>
        <translation>Z 报表</translation>
    </message>
    <message>
        <source>Z report: shift {no}</source>
        <translation>Z 报表：第 {no} 班</translation>
    </message>
</context>
<context>
    <name>staff</name>
    <message>
        <source>Staff number or badge</source>
        <translation>工号或工牌</translation>
    </message>
    <message>
        <source>PIN (4 to 8 digits)</source>
        <translation>密码（4 到 8 位数字）</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Attendant</source>
        <translation>值守员</translation>
    </message>
    <message>
        <source>Demo store — staff numbers and PINs: {list}</source>
        <translation>演示门店 — 工号与密码：{list}</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>void a line</source>
        <translation>删除商品行</translation>
    </message>
    <message>
        <source>void the sale</source>
        <translation>作废整单</translation>
    </message>
    <message>
        <source>a discount of {percent}</source>
        <translation>{percent} 的折扣</translation>
    </message>
    <message>
        <source>a new price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>open the drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>reprint a receipt</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>a return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>a return without a receipt</source>
        <translation>无小票退货</translation>
    </message>
    <message>
        <source>a refund in cash</source>
        <translation>改为现金退款</translation>
    </message>
    <message>
        <source>cash paid in or out</source>
        <translation>现金存入或支出</translation>
    </message>
    <message>
        <source>an X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>close the shift (Z report)</source>
        <translation>结班（Z 报表）</translation>
    </message>
    <message>
        <source>the sales reports</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>stock operations</source>
        <translation>库存操作</translation>
    </message>
    <message>
        <source>device settings</source>
        <translation>设备设置</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>{cashier} may not do this alone: {action}. A supervisor approves it once with their number and PIN, or their badge. Esc cancels.</source>
        <translation>{cashier} 无权单独进行：{action}。请主管输入工号和密码或刷工牌授权一次。Esc 取消。</translation>
    </message>
    <message>
        <source>First start: the till&apos;s administrator</source>
        <translation>首次启动：收银机管理员</translation>
    </message>
    <message>
        <source>This till has no staff yet. Create its administrator (a manager) to sign in; the staff from head office arrive with the first sync.</source>
        <translation>本收银机还没有员工。请创建管理员（店长）用于登录；总部的员工会在首次同步时下发。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>A sale of {amount} ({count} items) stays open for whoever signs in next.</source>
        <translation>一笔 {amount}（{count} 件）的销售保留，等待下一位登录的收银员继续。</translation>
    </message>
    <message>
        <source>Locked — {name} was signed in</source>
        <translation>已锁屏 — 之前登录的是 {name}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>stock</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} 分钟前</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} 小时前</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <source>Other stores:</source>
        <translation>附近门店库存：</translation>
    </message>
    <message>
        <source>and {n} more stores</source>
        <translation>另有 {n} 家门店</translation>
    </message>
    <message>
        <source>none of them has it</source>
        <translation>其他门店均无库存</translation>
    </message>
    <message>
        <source>asking the cloud…</source>
        <translation>正在向云端查询…</translation>
    </message>
    <message>
        <source>offline: not known yet</source>
        <translation>离线：暂无其他门店数据</translation>
    </message>
    <message>
        <source>as of {age}</source>
        <translation>更新于{age}</translation>
    </message>
    <message>
        <source>{age}; asking the cloud…</source>
        <translation>{age}的数据；正在向云端查询…</translation>
    </message>
    <message>
        <source>offline: as of {age}</source>
        <translation>离线：显示{age}的数据</translation>
    </message>
    <message>
        <source>This store: {qty}</source>
        <translation>本店库存：{qty}</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Code keys</source>
        <translation>验码密钥</translation>
    </message>
    <message>
        <source>Member tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Member coupons</source>
        <translation>会员优惠券</translation>
    </message>
    <message>
        <source>Withdrawn coupons</source>
        <translation>作废优惠券</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>syncing {stream} {done}/{total}</source>
        <translation>正在同步{stream} {done}/{total}</translation>
    </message>
    <message>
        <source>syncing {stream}</source>
        <translation>正在同步{stream}</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>未接入</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Sync: {phase}</source>
        <translation>同步：{phase}</translation>
    </message>
    <message>
        <source>{count} to send</source>
        <translation>待传 {count}</translation>
    </message>
    <message>
        <source>{count} not accepted</source>
        <translation>{count} 条未被接受</translation>
    </message>
    <message>
        <source>the cloud did not accept some records</source>
        <translation>云端未接受部分记录</translation>
    </message>
    <message>
        <source>check the clock</source>
        <translation>请校准时钟</translation>
    </message>
    <message>
        <source>This till is now terminal {terminal} of {store_name} ({store}). It syncs with {url} once it starts.</source>
        <translation>本机已接入为 {store_name}（{store}）的 {terminal} 号收银机，启动后将与 {url} 同步。</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Voided sale</source>
        <translation>作废的销售</translation>
    </message>
    <message>
        <source>Member points</source>
        <translation>会员积分</translation>
    </message>
    <message>
        <source>Coupon used</source>
        <translation>已用优惠券</translation>
    </message>
    <message>
        <source>Member sign-up</source>
        <translation>会员注册</translation>
    </message>
    <message>
        <source>Stock movement</source>
        <translation>库存变动</translation>
    </message>
</context>
<context>
    <name>tenders</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Mobile payment</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <source>Exchange credit</source>
        <translation>换货抵扣</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Tax (incl.)</source>
        <translation>税额（含税）</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销优惠</translation>
    </message>
    <message>
        <source>Line discounts</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Change {amount}</source>
        <translation>找零 {amount}</translation>
    </message>
    <message>
        <source>Last item</source>
        <translation>刚扫描</translation>
    </message>
    <message>
        <source>Scanner: keyboard</source>
        <translation>扫码枪：键盘</translation>
    </message>
    <message>
        <source>Printer: none</source>
        <translation>打印机：无</translation>
    </message>
    <message>
        <source>Drawer: none</source>
        <translation>钱箱：无</translation>
    </message>
    <message>
        <source>Camera: none</source>
        <translation>摄像头：无</translation>
    </message>
    <message>
        <source>Scale: none</source>
        <translation>电子秤：无</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Press any key to close</source>
        <translation>按任意键关闭</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>CartTableModel</name>
        <message>
            <source>Item</source>
            <translation>Item</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Discount</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
    </context>
    <context>
        <name>CashierWindow</name>
        <message>
            <source>O2O POS — Cashier</source>
            <translation>O2O POS — Cashier</translation>
        </message>
        <message>
            <source>Scan a barcode or type a code, then Enter</source>
            <translation>Scan a barcode or type a code, then Enter</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Demo codes</source>
            <translation>Demo codes</translation>
        </message>
        <message>
            <source>Coupon added: {name}</source>
            <translation>Coupon added: {name}</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>Saving…</translation>
        </message>
    </context>
    <context>
        <name>CustomerDisplay</name>
        <message>
            <source>Customer display</source>
            <translation>Customer display</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>Item</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>Thank you, see you again!</source>
            <translation>Thank you, see you again!</translation>
        </message>
        <message>
            <source>You earned {earned} points · balance {balance}</source>
            <translation>You earned {earned} points · balance {balance}</translation>
        </message>
        <message>
            <source>Welcome, member {name}</source>
            <translation>Welcome, member {name}</translation>
        </message>
        <message>
            <source>Your items</source>
            <translation>Your items</translation>
        </message>
        <message>
            <source>Items: {count}</source>
            <translation>Items: {count}</translation>
        </message>
    </context>
    <context>
        <name>DemoCodesDialog</name>
        <message>
            <source>Demo codes</source>
            <translation>Demo codes</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Members</translation>
        </message>
        <message>
            <source>Coupons</source>
            <translation>Coupons</translation>
        </message>
        <message>
            <source>Demo codes are signed with the public demo key and work only on a demo till. Member codes expire after 60 s and are renewed every 30 s here.</source>
            <translation>Demo codes are signed with the public demo key and work only on a demo till. Member codes expire after 60 s and are renewed every 30 s here.</translation>
        </message>
        <message>
            <source>Show to camera</source>
            <translation>Show to camera</translation>
        </message>
        <message>
            <source>Type it</source>
            <translation>Type it</translation>
        </message>
        <message>
            <source>No simulated camera (start with --sim).</source>
            <translation>No simulated camera (start with --sim).</translation>
        </message>
        <message>
            <source>Amount off</source>
            <translation>Amount off</translation>
        </message>
        <message>
            <source>Percent off</source>
            <translation>Percent off</translation>
        </message>
        <message>
            <source>Off above a minimum spend</source>
            <translation>Off above a minimum spend</translation>
        </message>
        <message>
            <source>Off a category</source>
            <translation>Off a category</translation>
        </message>
        <message>
            <source>A free item</source>
            <translation>A free item</translation>
        </message>
    </context>
    <context>
        <name>DiscountDialog</name>
        <message>
            <source>Discount for: {what}</source>
            <translation>Discount for: {what}</translation>
        </message>
        <message>
            <source>Percent off (%)</source>
            <translation>Percent off (%)</translation>
        </message>
        <message>
            <source>Amount off (¥)</source>
            <translation>Amount off (¥)</translation>
        </message>
        <message>
            <source>Type 10 for 10 % or switch with / to an amount. Empty entry removes it.</source>
            <translation>Type 10 for 10 % or switch with / to an amount. Empty entry removes it.</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import products (CSV)</source>
            <translation>Import products (CSV)</translation>
        </message>
        <message>
            <source>CSV file: sku,name,price,barcodes,…</source>
            <translation>CSV file: sku,name,price,barcodes,…</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Line</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>UTF-8 or GB18030. Every row is checked first; if any row is bad, nothing is imported.</source>
            <translation>UTF-8 or GB18030. Every row is checked first; if any row is bad, nothing is imported.</translation>
        </message>
        <message>
            <source>The last import of {source} stopped after {done} of {total} products. Import the file again to complete the catalog.</source>
            <translation>The last import of {source} stopped after {done} of {total} products. Import the file again to complete the catalog.</translation>
        </message>
        <message>
            <source>Choose a products CSV</source>
            <translation>Choose a products CSV</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All (*)</source>
            <translation>CSV files (*.csv);;All (*)</translation>
        </message>
        <message>
            <source>Checking the file…</source>
            <translation>Checking the file…</translation>
        </message>
        <message>
            <source>{count} problems found. Nothing was imported; fix the file and try again.</source>
            <translation>{count} problems found. Nothing was imported; fix the file and try again.</translation>
        </message>
        <message>
            <source>{count} products imported.</source>
            <translation>{count} products imported.</translation>
        </message>
    </context>
    <context>
        <name>LabelDialog</name>
        <message>
            <source>Shelf and markdown labels</source>
            <translation>Shelf and markdown labels</translation>
        </message>
        <message>
            <source>Scan or type a barcode or SKU, Enter</source>
            <translation>Scan or type a barcode or SKU, Enter</translation>
        </message>
        <message>
            <source>&amp;Percent off</source>
            <translation>&amp;Percent off</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Price changed</source>
            <translation>Price changed</translation>
        </message>
        <message>
            <source>Markdown mode</source>
            <translation>Markdown mode</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Print labels</source>
            <translation>Print labels</translation>
        </message>
        <message>
            <source>No price changed since the last labels were printed.</source>
            <translation>No price changed since the last labels were printed.</translation>
        </message>
        <message>
            <source>Nothing found.</source>
            <translation>Nothing found.</translation>
        </message>
        <message>
            <source>Labels in the list: {n}</source>
            <translation>Labels in the list: {n}</translation>
        </message>
        <message>
            <source>Markdown  {name}  {price} (was {was})</source>
            <translation>Markdown  {name}  {price} (was {was})</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Printing…</translation>
        </message>
        <message>
            <source>Labels printed: {n}</source>
            <translation>Labels printed: {n}</translation>
        </message>
        <message>
            <source>Markdown: on (F6)</source>
            <translation>Markdown: on (F6)</translation>
        </message>
        <message>
            <source>Markdown: off (F6)</source>
            <translation>Markdown: off (F6)</translation>
        </message>
    </context>
    <context>
        <name>MemberDialog</name>
        <message>
            <source>Member</source>
            <translation>Member</translation>
        </message>
        <message>
            <source>Mobile number, e.g. 138 0013 8000</source>
            <translation>Mobile number, e.g. 138 0013 8000</translation>
        </message>
        <message>
            <source>Find (Enter)</source>
            <translation>Find (Enter)</translation>
        </message>
        <message>
            <source>Use this member (Enter)</source>
            <translation>Use this member (Enter)</translation>
        </message>
        <message>
            <source>New member: sign up with the number above</source>
            <translation>New member: sign up with the number above</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Optional</translation>
        </message>
        <message>
            <source>The customer agrees to the membership terms and the privacy policy</source>
            <translation>The customer agrees to the membership terms and the privacy policy</translation>
        </message>
        <message>
            <source>Sign up</source>
            <translation>Sign up</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Remove member from the sale</source>
            <translation>Remove member from the sale</translation>
        </message>
        <message>
            <source>Esc closes</source>
            <translation>Esc closes</translation>
        </message>
        <message>
            <source>On this sale: {who}</source>
            <translation>On this sale: {who}</translation>
        </message>
        <message>
            <source>{count} members have this number until head office merges them: choose one</source>
            <translation>{count} members have this number until head office merges them: choose one</translation>
        </message>
        <message>
            <source>{who} · {tier} · points {points} · no. {id}</source>
            <translation>{who} · {tier} · points {points} · no. {id}</translation>
        </message>
        <message>
            <source>{who} · points {points}</source>
            <translation>{who} · points {points}</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <source>Payment</source>
            <translation>Payment</translation>
        </message>
        <message>
            <source>Total due</source>
            <translation>Total due</translation>
        </message>
        <message>
            <source>Remaining</source>
            <translation>Remaining</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>Cash (F5)</source>
            <translation>Cash (F5)</translation>
        </message>
        <message>
            <source>Card (F6)</source>
            <translation>Card (F6)</translation>
        </message>
        <message>
            <source>Mobile (F7)</source>
            <translation>Mobile (F7)</translation>
        </message>
        <message>
            <source>Points (F8)</source>
            <translation>Points (F8)</translation>
        </message>
        <message>
            <source>Payments (Del removes the selected one)</source>
            <translation>Payments (Del removes the selected one)</translation>
        </message>
        <message>
            <source>Enter adds the payment · F5–F8 switch · Tab goes to the payments, Del removes one · Esc closes</source>
            <translation>Enter adds the payment · F5–F8 switch · Tab goes to the payments, Del removes one · Esc closes</translation>
        </message>
        <message>
            <source>Cash received</source>
            <translation>Cash received</translation>
        </message>
        <message>
            <source>Exact ({key})</source>
            <translation>Exact ({key})</translation>
        </message>
        <message>
            <source>Empty entry + Enter = exact amount</source>
            <translation>Empty entry + Enter = exact amount</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Terminal reference no.</source>
            <translation>Terminal reference no.</translation>
        </message>
        <message>
            <source>Scan the customer's payment code</source>
            <translation>Scan the customer's payment code</translation>
        </message>
        <message>
            <source>Payment code</source>
            <translation>Payment code</translation>
        </message>
        <message>
            <source>Points to use</source>
            <translation>Points to use</translation>
        </message>
        <message>
            <source>No member on this sale: scan the member code first (F11 on the sale screen).</source>
            <translation>No member on this sale: scan the member code first (F11 on the sale screen).</translation>
        </message>
        <message>
            <source>{points} points already pay {amount} of this sale (Del removes them).</source>
            <translation>{points} points already pay {amount} of this sale (Del removes them).</translation>
        </message>
        <message>
            <source>Balance {balance} points · {rate} points = {unit} · up to {most} points now</source>
            <translation>Balance {balance} points · {rate} points = {unit} · up to {most} points now</translation>
        </message>
        <message>
            <source>Waiting for the payment service…</source>
            <translation>Waiting for the payment service…</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>Approved</translation>
        </message>
        <message>
            <source>({points} points)</source>
            <translation>({points} points)</translation>
        </message>
    </context>
    <context>
        <name>ProductListModel</name>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Price</translation>
        </message>
    </context>
    <context>
        <name>ProductSearchDialog</name>
        <message>
            <source>Search product</source>
            <translation>Search product</translation>
        </message>
        <message>
            <source>Barcode, SKU, name or pinyin initials (e.g. kkkl)</source>
            <translation>Barcode, SKU, name or pinyin initials (e.g. kkkl)</translation>
        </message>
        <message>
            <source>Type to search. ↑/↓ select, Enter adds, Esc closes.</source>
            <translation>Type to search. ↑/↓ select, Enter adds, Esc closes.</translation>
        </message>
        <message>
            <source>{count} found. Enter adds the selected product.</source>
            <translation>{count} found. Enter adds the selected product.</translation>
        </message>
        <message>
            <source>Nothing found. Check the spelling or try the SKU.</source>
            <translation>Nothing found. Check the spelling or try the SKU.</translation>
        </message>
    </context>
    <context>
        <name>QuarantineList</name>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Why</translation>
        </message>
        <message>
            <source>Repair and resend</source>
            <translation>Repair and resend</translation>
        </message>
        <message>
            <source>Replace the characters the cloud cannot store and send the record again</source>
            <translation>Replace the characters the cloud cannot store and send the record again</translation>
        </message>
        <message>
            <source>{count} records the cloud did not accept. They are kept on this till.</source>
            <translation>{count} records the cloud did not accept. They are kept on this till.</translation>
        </message>
        <message>
            <source>Repaired, waiting to be sent again</source>
            <translation>Repaired, waiting to be sent again</translation>
        </message>
    </context>
    <context>
        <name>ReportsDialog</name>
        <message>
            <source>Sales reports</source>
            <translation>Sales reports</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Yesterday</source>
            <translation>Yesterday</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>Last 7 days</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>This month</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>&amp;From</translation>
        </message>
        <message>
            <source>&amp;To</source>
            <translation>&amp;To</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Chart: hour/day</source>
            <translation>Chart: hour/day</translation>
        </message>
        <message>
            <source>Export CSV</source>
            <translation>Export CSV</translation>
        </message>
        <message>
            <source>Export PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <source>Sales</source>
            <translation>Sales</translation>
        </message>
        <message>
            <source>Returns</source>
            <translation>Returns</translation>
        </message>
        <message>
            <source>Sales count</source>
            <translation>Sales count</translation>
        </message>
        <message>
            <source>Net sales</source>
            <translation>Net sales</translation>
        </message>
        <message>
            <source>Average ticket</source>
            <translation>Average ticket</translation>
        </message>
        <message>
            <source>Members' share</source>
            <translation>Members' share</translation>
        </message>
        <message>
            <source>Discounts</source>
            <translation>Discounts</translation>
        </message>
        <message>
            <source>Voided sales</source>
            <translation>Voided sales</translation>
        </message>
        <message>
            <source>Adding up the sales…</source>
            <translation>Adding up the sales…</translation>
        </message>
        <message>
            <source>Save the report</source>
            <translation>Save the report</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Nothing in this period.</source>
            <translation>Nothing in this period.</translation>
        </message>
        <message>
            <source>Writing {file}…</source>
            <translation>Writing {file}…</translation>
        </message>
        <message>
            <source>Saved {file}</source>
            <translation>Saved {file}</translation>
        </message>
        <message>
            <source>Could not write {file}: {reason}</source>
            <translation>Could not write {file}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ResumeDialog</name>
        <message>
            <source>Resume a suspended sale</source>
            <translation>Resume a suspended sale</translation>
        </message>
        <message>
            <source>Sale {n}</source>
            <translation>Sale {n}</translation>
        </message>
        <message>
            <source>{label} · {time} · {lines} lines · {total}</source>
            <translation>{label} · {time} · {lines} lines · {total}</translation>
        </message>
        <message>
            <source>↑/↓ select · Enter resumes · Esc closes</source>
            <translation>↑/↓ select · Enter resumes · Esc closes</translation>
        </message>
    </context>
    <context>
        <name>SyncDialog</name>
        <message>
            <source>Sync with the cloud</source>
            <translation>Sync with the cloud</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Cloud address</source>
            <translation>Cloud address</translation>
        </message>
        <message>
            <source>Store and terminal</source>
            <translation>Store and terminal</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>Waiting to be sent</translation>
        </message>
        <message>
            <source>Last successful sync</source>
            <translation>Last successful sync</translation>
        </message>
        <message>
            <source>Records the cloud has</source>
            <translation>Records the cloud has</translation>
        </message>
        <message>
            <source>Clock</source>
            <translation>Clock</translation>
        </message>
        <message>
            <source>Last problem</source>
            <translation>Last problem</translation>
        </message>
        <message>
            <source>Data from head office</source>
            <translation>Data from head office</translation>
        </message>
        <message>
            <source>Position</source>
            <translation>Position</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>not enrolled</source>
            <translation>not enrolled</translation>
        </message>
        <message>
            <source>{count} records</source>
            <translation>{count} records</translation>
        </message>
        <message>
            <source>not measured yet</source>
            <translation>not measured yet</translation>
        </message>
        <message>
            <source>in step with the cloud</source>
            <translation>in step with the cloud</translation>
        </message>
        <message>
            <source>this till's clock is {seconds} s behind the cloud's</source>
            <translation>this till's clock is {seconds} s behind the cloud's</translation>
        </message>
        <message>
            <source>this till's clock is {seconds} s ahead of the cloud's</source>
            <translation>this till's clock is {seconds} s ahead of the cloud's</translation>
        </message>
        <message>
            <source>more than {limit} min: sales are still taken; set the till's clock</source>
            <translation>more than {limit} min: sales are still taken; set the till's clock</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusButton</name>
        <message>
            <source>Sync details</source>
            <translation>Sync details</translation>
        </message>
    </context>
    <context>
        <name>audit</name>
        <message>
            <source>Signed in</source>
            <translation>Signed in</translation>
        </message>
        <message>
            <source>Sign-in refused</source>
            <translation>Sign-in refused</translation>
        </message>
        <message>
            <source>Signed out</source>
            <translation>Signed out</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>Locked when idle</source>
            <translation>Locked when idle</translation>
        </message>
        <message>
            <source>Cashier switched</source>
            <translation>Cashier switched</translation>
        </message>
        <message>
            <source>Locked after wrong PINs</source>
            <translation>Locked after wrong PINs</translation>
        </message>
        <message>
            <source>Staff created</source>
            <translation>Staff created</translation>
        </message>
        <message>
            <source>Supervisor approval</source>
            <translation>Supervisor approval</translation>
        </message>
        <message>
            <source>Approval refused</source>
            <translation>Approval refused</translation>
        </message>
        <message>
            <source>Line voided</source>
            <translation>Line voided</translation>
        </message>
        <message>
            <source>Sale voided</source>
            <translation>Sale voided</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>Discount</translation>
        </message>
        <message>
            <source>New price</source>
            <translation>New price</translation>
        </message>
        <message>
            <source>Drawer opened (no sale)</source>
            <translation>Drawer opened (no sale)</translation>
        </message>
        <message>
            <source>Receipt reprinted</source>
            <translation>Receipt reprinted</translation>
        </message>
        <message>
            <source>Paid in</source>
            <translation>Paid in</translation>
        </message>
        <message>
            <source>Paid out</source>
            <translation>Paid out</translation>
        </message>
        <message>
            <source>Drop to the safe</source>
            <translation>Drop to the safe</translation>
        </message>
        <message>
            <source>Shift opened</source>
            <translation>Shift opened</translation>
        </message>
        <message>
            <source>X report</source>
            <translation>X report</translation>
        </message>
        <message>
            <source>Z report (shift closed)</source>
            <translation>Z report (shift closed)</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>Return</translation>
        </message>
        <message>
            <source>Device settings changed</source>
            <translation>Device settings changed</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <source>All actions</source>
            <translation>All actions</translation>
        </message>
        <message>
            <source>All staff</source>
            <translation>All staff</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Approved by</source>
            <translation>Approved by</translation>
        </message>
        <message>
            <source>Concerning</source>
            <translation>Concerning</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source> (the newest {n}; narrow the filters for older ones)</source>
            <translation> (the newest {n}; narrow the filters for older ones)</translation>
        </message>
        <message>
            <source>{n} entries</source>
            <translation>{n} entries</translation>
        </message>
    </context>
    <context>
        <name>cashier</name>
        <message>
            <source>Weight</source>
            <translation>Weight</translation>
        </message>
        <message>
            <source>{name}: weight in kg</source>
            <translation>{name}: weight in kg</translation>
        </message>
        <message>
            <source>For example 0.350 for 350 g. Enter adds, Esc cancels.</source>
            <translation>For example 0.350 for 350 g. Enter adds, Esc cancels.</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <source>{name}: pieces</source>
            <translation>{name}: pieces</translation>
        </message>
        <message>
            <source>Enter sets it, Esc cancels.</source>
            <translation>Enter sets it, Esc cancels.</translation>
        </message>
        <message>
            <source>{name}: {qty} × {price} = {amount}. That is far more than usual: press F3 again to set it, Esc keeps {old}.</source>
            <translation>{name}: {qty} × {price} = {amount}. That is far more than usual: press F3 again to set it, Esc keeps {old}.</translation>
        </message>
        <message>
            <source>Please check</source>
            <translation>Please check</translation>
        </message>
        <message>
            <source>Line voided: {name}</source>
            <translation>Line voided: {name}</translation>
        </message>
        <message>
            <source>Whole sale</source>
            <translation>Whole sale</translation>
        </message>
        <message>
            <source>Price override</source>
            <translation>Price override</translation>
        </message>
        <message>
            <source>{name}: new unit price (¥)</source>
            <translation>{name}: new unit price (¥)</translation>
        </message>
        <message>
            <source>{name}: new price {price} (list price {list}), line {amount}. That is far more than usual: press F7 again to set it, Esc keeps {old}.</source>
            <translation>{name}: new price {price} (list price {list}), line {amount}. That is far more than usual: press F7 again to set it, Esc keeps {old}.</translation>
        </message>
        <message>
            <source>Sale suspended. F9 resumes it.</source>
            <translation>Sale suspended. F9 resumes it.</translation>
        </message>
        <message>
            <source>Void sale</source>
            <translation>Void sale</translation>
        </message>
        <message>
            <source>Void the whole sale? Press F10 again to void it; Esc keeps it.</source>
            <translation>Void the whole sale? Press F10 again to void it; Esc keeps it.</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>A sale is open and will not be kept (F8 suspends it). Press Ctrl+Q again to quit; Esc keeps selling.</source>
            <translation>A sale is open and will not be kept (F8 suspends it). Press Ctrl+Q again to quit; Esc keeps selling.</translation>
        </message>
        <message>
            <source>Sale voided.</source>
            <translation>Sale voided.</translation>
        </message>
        <message>
            <source>Member removed; the sale is priced without it.</source>
            <translation>Member removed; the sale is priced without it.</translation>
        </message>
        <message>
            <source>Member: {name} · {tier} · points {points}</source>
            <translation>Member: {name} · {tier} · points {points}</translation>
        </message>
        <message>
            <source>Paid {paid}, {remaining} remaining. F12 continues.</source>
            <translation>Paid {paid}, {remaining} remaining. F12 continues.</translation>
        </message>
        <message>
            <source>Sale complete · receipt {no} · change {change}. Scan the next item.</source>
            <translation>Sale complete · receipt {no} · change {change}. Scan the next item.</translation>
        </message>
    </context>
    <context>
        <name>device_settings</name>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Host (IP address)</source>
            <translation>Host (IP address)</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Timeout (seconds)</source>
            <translation>Timeout (seconds)</translation>
        </message>
        <message>
            <source>USB vendor ID</source>
            <translation>USB vendor ID</translation>
        </message>
        <message>
            <source>USB product ID</source>
            <translation>USB product ID</translation>
        </message>
        <message>
            <source>Serial port</source>
            <translation>Serial port</translation>
        </message>
        <message>
            <source>Baud rate</source>
            <translation>Baud rate</translation>
        </message>
        <message>
            <source>Output file</source>
            <translation>Output file</translation>
        </message>
        <message>
            <source>Paper width (mm)</source>
            <translation>Paper width (mm)</translation>
        </message>
        <message>
            <source>Characters per line (empty: automatic)</source>
            <translation>Characters per line (empty: automatic)</translation>
        </message>
        <message>
            <source>Character encoding</source>
            <translation>Character encoding</translation>
        </message>
        <message>
            <source>Print as image</source>
            <translation>Print as image</translation>
        </message>
        <message>
            <source>Chinese mode commands</source>
            <translation>Chinese mode commands</translation>
        </message>
        <message>
            <source>Receipt language</source>
            <translation>Receipt language</translation>
        </message>
        <message>
            <source>Product names in both languages</source>
            <translation>Product names in both languages</translation>
        </message>
        <message>
            <source>Cut the paper</source>
            <translation>Cut the paper</translation>
        </message>
        <message>
            <source>Drawer pin</source>
            <translation>Drawer pin</translation>
        </message>
        <message>
            <source>Drawer pulse (ms)</source>
            <translation>Drawer pulse (ms)</translation>
        </message>
        <message>
            <source>Open the drawer on cash</source>
            <translation>Open the drawer on cash</translation>
        </message>
        <message>
            <source>Max gap between keys (ms)</source>
            <translation>Max gap between keys (ms)</translation>
        </message>
        <message>
            <source>Shortest code</source>
            <translation>Shortest code</translation>
        </message>
        <message>
            <source>Prefix</source>
            <translation>Prefix</translation>
        </message>
        <message>
            <source>Suffix key</source>
            <translation>Suffix key</translation>
        </message>
        <message>
            <source>Suffix required</source>
            <translation>Suffix required</translation>
        </message>
        <message>
            <source>USB vendor ID (empty: any)</source>
            <translation>USB vendor ID (empty: any)</translation>
        </message>
        <message>
            <source>USB product ID (empty: any)</source>
            <translation>USB product ID (empty: any)</translation>
        </message>
        <message>
            <source>USB serial number</source>
            <translation>USB serial number</translation>
        </message>
        <message>
            <source>Code ends with</source>
            <translation>Code ends with</translation>
        </message>
        <message>
            <source>Code ends after silence (ms)</source>
            <translation>Code ends after silence (ms)</translation>
        </message>
        <message>
            <source>Data bits</source>
            <translation>Data bits</translation>
        </message>
        <message>
            <source>Parity</source>
            <translation>Parity</translation>
        </message>
        <message>
            <source>Stop bits</source>
            <translation>Stop bits</translation>
        </message>
        <message>
            <source>Weight unit</source>
            <translation>Weight unit</translation>
        </message>
        <message>
            <source>Camera (number or path)</source>
            <translation>Camera (number or path)</translation>
        </message>
        <message>
            <source>Width (pixels)</source>
            <translation>Width (pixels)</translation>
        </message>
        <message>
            <source>Height (pixels)</source>
            <translation>Height (pixels)</translation>
        </message>
        <message>
            <source>Code decoder</source>
            <translation>Code decoder</translation>
        </message>
        <message>
            <source>Same code again after (s)</source>
            <translation>Same code again after (s)</translation>
        </message>
        <message>
            <source>Screen (-1: automatic)</source>
            <translation>Screen (-1: automatic)</translation>
        </message>
        <message>
            <source>Promotion message</source>
            <translation>Promotion message</translation>
        </message>
        <message>
            <source>Brightness</source>
            <translation>Brightness</translation>
        </message>
        <message>
            <source>Idle text</source>
            <translation>Idle text</translation>
        </message>
        <message>
            <source>Same as the screen</source>
            <translation>Same as the screen</translation>
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
            <source>must be at most {limit}</source>
            <translation>must be at most {limit}</translation>
        </message>
        <message>
            <source>must be less than {limit}</source>
            <translation>must be less than {limit}</translation>
        </message>
        <message>
            <source>must be at least {limit}</source>
            <translation>must be at least {limit}</translation>
        </message>
        <message>
            <source>must be more than {limit}</source>
            <translation>must be more than {limit}</translation>
        </message>
        <message>
            <source>must be at most {limit} characters</source>
            <translation>must be at most {limit} characters</translation>
        </message>
        <message>
            <source>must be one of {limit}</source>
            <translation>must be one of {limit}</translation>
        </message>
        <message>
            <source>must be a whole number</source>
            <translation>must be a whole number</translation>
        </message>
        <message>
            <source>must be a number</source>
            <translation>must be a number</translation>
        </message>
        <message>
            <source>does not fit: {detail}</source>
            <translation>does not fit: {detail}</translation>
        </message>
        <message>
            <source>These settings</source>
            <translation>These settings</translation>
        </message>
        <message>
            <source>Choose the {device}</source>
            <translation>Choose the {device}</translation>
        </message>
        <message>
            <source>Environment variables ({names}) override these settings when the till starts.</source>
            <translation>Environment variables ({names}) override these settings when the till starts.</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>None</source>
            <translation>None</translation>
        </message>
        <message>
            <source>Simulator</source>
            <translation>Simulator</translation>
        </message>
        <message>
            <source>Network (Ethernet/Wi-Fi)</source>
            <translation>Network (Ethernet/Wi-Fi)</translation>
        </message>
        <message>
            <source>USB</source>
            <translation>USB</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Keyboard (wedge)</source>
            <translation>Keyboard (wedge)</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>Second window</source>
            <translation>Second window</translation>
        </message>
        <message>
            <source>Cannot save the settings ({reason}). Check the disk and the folder's permissions, then try again.</source>
            <translation>Cannot save the settings ({reason}). Check the disk and the folder's permissions, then try again.</translation>
        </message>
    </context>
    <context>
        <name>devices</name>
        <message>
            <source>Display</source>
            <translation>Display</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Printer</translation>
        </message>
        <message>
            <source>Drawer</source>
            <translation>Drawer</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <source>Customer display</source>
            <translation>Customer display</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>keyboard</source>
            <translation>keyboard</translation>
        </message>
        <message>
            <source>Weighing {name}…</source>
            <translation>Weighing {name}…</translation>
        </message>
        <message>
            <source>{name}: {weight} from the scale</source>
            <translation>{name}: {weight} from the scale</translation>
        </message>
        <message>
            <source>Reprint receipt</source>
            <translation>Reprint receipt</translation>
        </message>
        <message>
            <source>Receipt number</source>
            <translation>Receipt number</translation>
        </message>
        <message>
            <source>Enter reprints the last receipt shown; type another number to reprint an earlier one. Esc cancels.</source>
            <translation>Enter reprints the last receipt shown; type another number to reprint an earlier one. Esc cancels.</translation>
        </message>
        <message>
            <source>Reprinting receipt {no}.</source>
            <translation>Reprinting receipt {no}.</translation>
        </message>
        <message>
            <source>Copy of receipt {no} ({time}) · printing. Scan the next item.</source>
            <translation>Copy of receipt {no} ({time}) · printing. Scan the next item.</translation>
        </message>
        <message>
            <source>Drawer opened.</source>
            <translation>Drawer opened.</translation>
        </message>
        <message>
            <source>not set up</source>
            <translation>not set up</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>connecting…</translation>
        </message>
        <message>
            <source>ready</source>
            <translation>ready</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>offline</translation>
        </message>
        <message>
            <source>fault</source>
            <translation>fault</translation>
        </message>
        <message>
            <source>no answer</source>
            <translation>no answer</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>Devices</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Test print</translation>
        </message>
        <message>
            <source>Open drawer</source>
            <translation>Open drawer</translation>
        </message>
        <message>
            <source>Test scan</source>
            <translation>Test scan</translation>
        </message>
        <message>
            <source>Read scale</source>
            <translation>Read scale</translation>
        </message>
        <message>
            <source>Show a code</source>
            <translation>Show a code</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <source>Waiting for the camera…</source>
            <translation>Waiting for the camera…</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>Close (Esc)</translation>
        </message>
        <message>
            <source>Camera not available — type the code instead.</source>
            <translation>Camera not available — type the code instead.</translation>
        </message>
        <message>
            <source>Last scanned code: {code}</source>
            <translation>Last scanned code: {code}</translation>
        </message>
        <message>
            <source>Scale shows {weight}</source>
            <translation>Scale shows {weight}</translation>
        </message>
        <message>
            <source>(moving)</source>
            <translation>(moving)</translation>
        </message>
        <message>
            <source>Test page sent to the printer.</source>
            <translation>Test page sent to the printer.</translation>
        </message>
        <message>
            <source>Scanning a demo code…</source>
            <translation>Scanning a demo code…</translation>
        </message>
        <message>
            <source>A demo code is held up to the simulated camera…</source>
            <translation>A demo code is held up to the simulated camera…</translation>
        </message>
        <message>
            <source>Asking the scale…</source>
            <translation>Asking the scale…</translation>
        </message>
        <message>
            <source>{device} settings saved; restarting it…</source>
            <translation>{device} settings saved; restarting it…</translation>
        </message>
    </context>
    <context>
        <name>keys</name>
        <message>
            <source>Help: keys</source>
            <translation>Help: keys</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Qty / weight</source>
            <translation>Qty / weight</translation>
        </message>
        <message>
            <source>Void line</source>
            <translation>Void line</translation>
        </message>
        <message>
            <source>Void sale</source>
            <translation>Void sale</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Member</translation>
        </message>
        <message>
            <source>Pay</source>
            <translation>Pay</translation>
        </message>
        <message>
            <source>Import CSV</source>
            <translation>Import CSV</translation>
        </message>
        <message>
            <source>Line disc.</source>
            <translation>Line disc.</translation>
        </message>
        <message>
            <source>Sale disc.</source>
            <translation>Sale disc.</translation>
        </message>
        <message>
            <source>New price</source>
            <translation>New price</translation>
        </message>
        <message>
            <source>Suspend</source>
            <translation>Suspend</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Resume</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>Drawer</source>
            <translation>Drawer</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>Devices</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>Return</translation>
        </message>
        <message>
            <source>Shift, cash</source>
            <translation>Shift, cash</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Lock</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Select a line in the sale</source>
            <translation>Select a line in the sale</translation>
        </message>
        <message>
            <source>Add the scanned or typed code</source>
            <translation>Add the scanned or typed code</translation>
        </message>
        <message>
            <source>Add 3 pieces of a code</source>
            <translation>Add 3 pieces of a code</translation>
        </message>
        <message>
            <source>Close a dialog / clear the entry</source>
            <translation>Close a dialog / clear the entry</translation>
        </message>
        <message>
            <source>Demo member and coupon codes (demo store only)</source>
            <translation>Demo member and coupon codes (demo store only)</translation>
        </message>
        <message>
            <source>Payment: quick cash amounts and the exact amount</source>
            <translation>Payment: quick cash amounts and the exact amount</translation>
        </message>
        <message>
            <source>Payment: switch the way of paying</source>
            <translation>Payment: switch the way of paying</translation>
        </message>
        <message>
            <source>Payment: move to the list of payments</source>
            <translation>Payment: move to the list of payments</translation>
        </message>
        <message>
            <source>Payment: remove the selected (or the last) payment</source>
            <translation>Payment: remove the selected (or the last) payment</translation>
        </message>
    </context>
    <context>
        <name>loyalty</name>
        <message>
            <source>Put one of the member's coupons on the sale</source>
            <translation>Put one of the member's coupons on the sale</translation>
        </message>
        <message>
            <source>No member</source>
            <translation>No member</translation>
        </message>
        <message>
            <source>Scan the member code or card, or press F11 to look up a phone</source>
            <translation>Scan the member code or card, or press F11 to look up a phone</translation>
        </message>
        <message>
            <source>Member (F11)</source>
            <translation>Member (F11)</translation>
        </message>
        <message>
            <source>Points {points}</source>
            <translation>Points {points}</translation>
        </message>
        <message>
            <source>({pending:+,} not yet confirmed)</source>
            <translation>({pending:+,} not yet confirmed)</translation>
        </message>
        <message>
            <source>Change (F11)</source>
            <translation>Change (F11)</translation>
        </message>
        <message>
            <source>Member coupons: {count}</source>
            <translation>Member coupons: {count}</translation>
        </message>
        <message>
            <source>Coupon: {name}</source>
            <translation>Coupon: {name}</translation>
        </message>
        <message>
            <source>Take this coupon off the sale</source>
            <translation>Take this coupon off the sale</translation>
        </message>
        <message>
            <source>Promotions</source>
            <translation>Promotions</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>The customer must agree to the membership terms before signing up. Ask them, then tick the box.</source>
            <translation>The customer must agree to the membership terms before signing up. Ask them, then tick the box.</translation>
        </message>
        <message>
            <source>This coupon is already on this sale.</source>
            <translation>This coupon is already on this sale.</translation>
        </message>
        <message>
            <source>Points are already used on this sale. Remove that payment first to change the points.</source>
            <translation>Points are already used on this sale. Remove that payment first to change the points.</translation>
        </message>
        <message>
            <source>{name}: {off} ({units} pcs), −{discount_fen}</source>
            <translation>{name}: {off} ({units} pcs), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: every {n}th item {off}, −{discount_fen}</source>
            <translation>{name}: every {n}th item {off}, −{discount_fen}</translation>
        </message>
        <message>
            <source>A promotion ({promo_id}) sent by head office cannot be read by this till and is not applied. Call a supervisor.</source>
            <translation>A promotion ({promo_id}) sent by head office cannot be read by this till and is not applied. Call a supervisor.</translation>
        </message>
        <message>
            <source>This code cannot be read as a member or coupon code. Ask the customer to refresh it in the app and show it again.</source>
            <translation>This code cannot be read as a member or coupon code. Ask the customer to refresh it in the app and show it again.</translation>
        </message>
        <message>
            <source>This code was not issued by our chain (signature check failed). Do not accept it; call a supervisor if the customer disagrees.</source>
            <translation>This code was not issued by our chain (signature check failed). Do not accept it; call a supervisor if the customer disagrees.</translation>
        </message>
        <message>
            <source>This till has no key to check member and coupon codes yet. Continue without the code and call a supervisor to sync the till settings.</source>
            <translation>This till has no key to check member and coupon codes yet. Continue without the code and call a supervisor to sync the till settings.</translation>
        </message>
        <message>
            <source>The code-checking key in the settings is not valid. Paste the chain's key again (44 characters of base64) or call a supervisor.</source>
            <translation>The code-checking key in the settings is not valid. Paste the chain's key again (44 characters of base64) or call a supervisor.</translation>
        </message>
        <message>
            <source>This is not a mainland mobile number. Enter the 11 digits starting with 1, e.g. 138 1234 5678.</source>
            <translation>This is not a mainland mobile number. Enter the 11 digits starting with 1, e.g. 138 1234 5678.</translation>
        </message>
        <message>
            <source>This member code expired {seconds_ago} s ago. Ask the customer to refresh the code in the app.</source>
            <translation>This member code expired {seconds_ago} s ago. Ask the customer to refresh the code in the app.</translation>
        </message>
        <message>
            <source>This member code is dated {seconds_ahead} s ahead of this till's clock. Check the till's clock, or ask the customer to refresh the code.</source>
            <translation>This member code is dated {seconds_ahead} s ahead of this till's clock. Check the till's clock, or ask the customer to refresh the code.</translation>
        </message>
        <message>
            <source>At least {minimum} points must be redeemed at a time. Enter more, or pay without points.</source>
            <translation>At least {minimum} points must be redeemed at a time. Enter more, or pay without points.</translation>
        </message>
        <message>
            <source>Points are redeemed in steps of {step}. Enter a multiple of {step}.</source>
            <translation>Points are redeemed in steps of {step}. Enter a multiple of {step}.</translation>
        </message>
        <message>
            <source>The member has only {available} points, but {points} were entered. Enter fewer points.</source>
            <translation>The member has only {available} points, but {points} were entered. Enter fewer points.</translation>
        </message>
        <message>
            <source>The till is offline: a member may redeem at most {cap} points a day until it reconnects, and {left_today} are left today. Enter at most {left_today} points.</source>
            <translation>The till is offline: a member may redeem at most {cap} points a day until it reconnects, and {left_today} are left today. Enter at most {left_today} points.</translation>
        </message>
        <message>
            <source>Points may pay at most {limit_amount} of this sale ({limit_points} points). Enter fewer points.</source>
            <translation>Points may pay at most {limit_amount} of this sale ({limit_points} points). Enter fewer points.</translation>
        </message>
        <message>
            <source>This coupon has already been used. Continue without it.</source>
            <translation>This coupon has already been used. Continue without it.</translation>
        </message>
        <message>
            <source>This coupon expired on {valid_to}. Continue without it.</source>
            <translation>This coupon expired on {valid_to}. Continue without it.</translation>
        </message>
        <message>
            <source>This coupon can be used from {valid_from}. Ask the customer to keep it until then, and continue without it.</source>
            <translation>This coupon can be used from {valid_from}. Ask the customer to keep it until then, and continue without it.</translation>
        </message>
        <message>
            <source>This coupon is for members only. Scan the customer's member code first, then scan the coupon again.</source>
            <translation>This coupon is for members only. Scan the customer's member code first, then scan the coupon again.</translation>
        </message>
        <message>
            <source>This coupon belongs to another member and only its owner can use it. Continue without it.</source>
            <translation>This coupon belongs to another member and only its owner can use it. Continue without it.</translation>
        </message>
        <message>
            <source>This coupon is for {tier_en} ({tier_zh}) members and above. Continue without it.</source>
            <translation>This coupon is for {tier_en} ({tier_zh}) members and above. Continue without it.</translation>
        </message>
        <message>
            <source>This coupon is for a member level this till does not know ({tier}). Sync the till, or call a supervisor.</source>
            <translation>This coupon is for a member level this till does not know ({tier}). Sync the till, or call a supervisor.</translation>
        </message>
        <message>
            <source>This coupon needs a spend of {min_spend} on qualifying items; {missing} more is needed. Add items, or continue without it.</source>
            <translation>This coupon needs a spend of {min_spend} on qualifying items; {missing} more is needed. Add items, or continue without it.</translation>
        </message>
        <message>
            <source>No item in this sale qualifies for this coupon. Add a qualifying item, or continue without it.</source>
            <translation>No item in this sale qualifies for this coupon. Add a qualifying item, or continue without it.</translation>
        </message>
        <message>
            <source>This till cannot look members up by phone or card until it has synced with head office once. Scan the member's QR code, or sync first.</source>
            <translation>This till cannot look members up by phone or card until it has synced with head office once. Scan the member's QR code, or sync first.</translation>
        </message>
        <message>
            <source>{count} members hold this card until head office merges them. Look the member up by phone (F11) and choose.</source>
            <translation>{count} members hold this card until head office merges them. Look the member up by phone (F11) and choose.</translation>
        </message>
        <message>
            <source>This member code is valid but the member is not on this till yet. Look the member up by phone (F11), or continue without the member.</source>
            <translation>This member code is valid but the member is not on this till yet. Look the member up by phone (F11), or continue without the member.</translation>
        </message>
        <message>
            <source>No member has the phone number {phone}. Check the number, or sign the customer up (F11, then Sign up).</source>
            <translation>No member has the phone number {phone}. Check the number, or sign the customer up (F11, then Sign up).</translation>
        </message>
        <message>
            <source>The name holds a control character ({char}, character {position}). Clear it and type the name again.</source>
            <translation>The name holds a control character ({char}, character {position}). Clear it and type the name again.</translation>
        </message>
        <message>
            <source>Points can only be used with a member. Scan the member's code first (or press F11).</source>
            <translation>Points can only be used with a member. Scan the member's code first (or press F11).</translation>
        </message>
        <message>
            <source>"{text}" is not a number of points. Type whole points, e.g. 500.</source>
            <translation>"{text}" is not a number of points. Type whole points, e.g. 500.</translation>
        </message>
        <message>
            <source>{name}: {amount_fen} off each ({units} pcs), −{discount_fen}</source>
            <translation>{name}: {amount_fen} off each ({units} pcs), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: member price {price_fen} ({units} pcs), −{discount_fen}</source>
            <translation>{name}: member price {price_fen} ({units} pcs), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: flash price {price_fen} ({units} pcs), −{discount_fen}</source>
            <translation>{name}: flash price {price_fen} ({units} pcs), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: buy {buy} get {get} ({units} pcs), −{discount_fen}</source>
            <translation>{name}: buy {buy} get {get} ({units} pcs), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: {n} for {price_fen} (× {bundles}), −{discount_fen}</source>
            <translation>{name}: {n} for {price_fen} (× {bundles}), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: spend {threshold_fen} get {amount_fen} off (× {steps}), −{discount_fen}</source>
            <translation>{name}: spend {threshold_fen} get {amount_fen} off (× {steps}), −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: {gift_name} free, −{discount_fen}</source>
            <translation>{name}: {gift_name} free, −{discount_fen}</translation>
        </message>
        <message>
            <source>{name}: {multiplier}× points on this sale</source>
            <translation>{name}: {multiplier}× points on this sale</translation>
        </message>
        <message>
            <source>Spend {missing_fen} more for {name}</source>
            <translation>Spend {missing_fen} more for {name}</translation>
        </message>
        <message>
            <source>Spend {missing_fen} more for the gift: {name}</source>
            <translation>Spend {missing_fen} more for the gift: {name}</translation>
        </message>
        <message>
            <source>{name}: the customer has earned {gift_name}. Scan one to add it free.</source>
            <translation>{name}: the customer has earned {gift_name}. Scan one to add it free.</translation>
        </message>
        <message>
            <source>This phone number already belongs to a member. Look the member up by phone (F11) instead of signing up again.</source>
            <translation>This phone number already belongs to a member. Look the member up by phone (F11) instead of signing up again.</translation>
        </message>
        <message>
            <source>Barcode {code} has a wrong check digit. Scan it again or type it carefully.</source>
            <translation>Barcode {code} has a wrong check digit. Scan it again or type it carefully.</translation>
        </message>
        <message>
            <source>Unknown barcode {code}. Press F2 to search the product by name or SKU.</source>
            <translation>Unknown barcode {code}. Press F2 to search the product by name or SKU.</translation>
        </message>
        <message>
            <source>'{code}' is too short for a barcode. Scan again or press F2 to search.</source>
            <translation>'{code}' is too short for a barcode. Scan again or press F2 to search.</translation>
        </message>
        <message>
            <source>{name} is not for sale (inactive). Put it aside and call a supervisor.</source>
            <translation>{name} is not for sale (inactive). Put it aside and call a supervisor.</translation>
        </message>
        <message>
            <source>{name} is sold by weight. Enter the weight in kg (F3) or scan its scale label.</source>
            <translation>{name} is sold by weight. Enter the weight in kg (F3) or scan its scale label.</translation>
        </message>
        <message>
            <source>The scanner sent something that is not a code. Scan again or type the code.</source>
            <translation>The scanner sent something that is not a code. Scan again or type the code.</translation>
        </message>
        <message>
            <source>This is the customer's payment code. Press F12 (Pay), then scan it in the payment window.</source>
            <translation>This is the customer's payment code. Press F12 (Pay), then scan it in the payment window.</translation>
        </message>
        <message>
            <source>Online-order pickup is not available on this till yet. Call a supervisor.</source>
            <translation>Online-order pickup is not available on this till yet. Call a supervisor.</translation>
        </message>
        <message>
            <source>Receipt {code}: the return screen opens for it.</source>
            <translation>Receipt {code}: the return screen opens for it.</translation>
        </message>
        <message>
            <source>Staff badges cannot be used on this till yet. Continue the sale.</source>
            <translation>Staff badges cannot be used on this till yet. Continue the sale.</translation>
        </message>
        <message>
            <source>Quantity '{qty}' is not valid. Enter pieces, or kg with 3 decimals at most.</source>
            <translation>Quantity '{qty}' is not valid. Enter pieces, or kg with 3 decimals at most.</translation>
        </message>
        <message>
            <source>Quantity {qty} is too large (at most {max}). Check it and enter it again.</source>
            <translation>Quantity {qty} is too large (at most {max}). Check it and enter it again.</translation>
        </message>
        <message>
            <source>That line is no longer in the sale. Select a line with the arrow keys.</source>
            <translation>That line is no longer in the sale. Select a line with the arrow keys.</translation>
        </message>
        <message>
            <source>No line selected. Scan an item or select a line with the arrow keys first.</source>
            <translation>No line selected. Scan an item or select a line with the arrow keys first.</translation>
        </message>
        <message>
            <source>Discount is not valid. Enter a percent from 0.01 to 100, or an amount above 0.</source>
            <translation>Discount is not valid. Enter a percent from 0.01 to 100, or an amount above 0.</translation>
        </message>
        <message>
            <source>Discount {amount} is more than the line amount {max}. Enter less.</source>
            <translation>Discount {amount} is more than the line amount {max}. Enter less.</translation>
        </message>
        <message>
            <source>Discount {amount} is more than the sale amount {max}. Enter less.</source>
            <translation>Discount {amount} is more than the sale amount {max}. Enter less.</translation>
        </message>
        <message>
            <source>Price {price} is not valid. Enter an amount of zero or more.</source>
            <translation>Price {price} is not valid. Enter an amount of zero or more.</translation>
        </message>
        <message>
            <source>The price of this line comes from its scale label and cannot be changed.</source>
            <translation>The price of this line comes from its scale label and cannot be changed.</translation>
        </message>
        <message>
            <source>The weight of this line comes from its scale label and cannot be changed.</source>
            <translation>The weight of this line comes from its scale label and cannot be changed.</translation>
        </message>
        <message>
            <source>{name} is not sold by weight; this scale label is wrong. Call a supervisor.</source>
            <translation>{name} is not sold by weight; this scale label is wrong. Call a supervisor.</translation>
        </message>
        <message>
            <source>This suspended sale cannot be read. Ring the items up again.</source>
            <translation>This suspended sale cannot be read. Ring the items up again.</translation>
        </message>
        <message>
            <source>'{text}' is not an amount. Type yuan like 12 or 12.50.</source>
            <translation>'{text}' is not an amount. Type yuan like 12 or 12.50.</translation>
        </message>
        <message>
            <source>'{text}' is not a number of ¥{yuan} pieces. Type whole pieces, like 12.</source>
            <translation>'{text}' is not a number of ¥{yuan} pieces. Type whole pieces, like 12.</translation>
        </message>
        <message>
            <source>The number of ¥{yuan} pieces cannot be negative. Type how many you counted.</source>
            <translation>The number of ¥{yuan} pieces cannot be negative. Type how many you counted.</translation>
        </message>
        <message>
            <source>{count} pieces of ¥{yuan} is more than a drawer holds (at most {max}). Count them again.</source>
            <translation>{count} pieces of ¥{yuan} is more than a drawer holds (at most {max}). Count them again.</translation>
        </message>
        <message>
            <source>This till does not know the cash kind '{code}'. Call a supervisor.</source>
            <translation>This till does not know the cash kind '{code}'. Call a supervisor.</translation>
        </message>
        <message>
            <source>Only cash may exceed the amount due ({remaining}). Enter a smaller amount.</source>
            <translation>Only cash may exceed the amount due ({remaining}). Enter a smaller amount.</translation>
        </message>
        <message>
            <source>The sale is already fully paid. Finish the sale.</source>
            <translation>The sale is already fully paid. Finish the sale.</translation>
        </message>
        <message>
            <source>The payment amount must be more than zero.</source>
            <translation>The payment amount must be more than zero.</translation>
        </message>
        <message>
            <source>Enter the reference number printed by the card terminal.</source>
            <translation>Enter the reference number printed by the card terminal.</translation>
        </message>
        <message>
            <source>A mobile payment cannot be removed here. Finish the sale, then refund it.</source>
            <translation>A mobile payment cannot be removed here. Finish the sale, then refund it.</translation>
        </message>
        <message>
            <source>'{code}' is not a payment code. Ask the customer to show it again.</source>
            <translation>'{code}' is not a payment code. Ask the customer to show it again.</translation>
        </message>
        <message>
            <source>The mobile payment was declined. Ask for another payment method.</source>
            <translation>The mobile payment was declined. Ask for another payment method.</translation>
        </message>
        <message>
            <source>No answer from the payment service; the payment was cancelled. Try again.</source>
            <translation>No answer from the payment service; the payment was cancelled. Try again.</translation>
        </message>
        <message>
            <source>The payment result is unknown. Do not hand over goods; call a supervisor.</source>
            <translation>The payment result is unknown. Do not hand over goods; call a supervisor.</translation>
        </message>
        <message>
            <source>This sale is closed. Start a new sale by scanning an item.</source>
            <translation>This sale is closed. Start a new sale by scanning an item.</translation>
        </message>
        <message>
            <source>The sale is not fully paid yet. Add a payment (F12).</source>
            <translation>The sale is not fully paid yet. Add a payment (F12).</translation>
        </message>
        <message>
            <source>The sale has no items. Scan an item first.</source>
            <translation>The sale has no items. Scan an item first.</translation>
        </message>
        <message>
            <source>Still saving the last action. Try again in a moment.</source>
            <translation>Still saving the last action. Try again in a moment.</translation>
        </message>
        <message>
            <source>Finish or suspend (F8) the current sale before resuming another one.</source>
            <translation>Finish or suspend (F8) the current sale before resuming another one.</translation>
        </message>
        <message>
            <source>There are no suspended sales.</source>
            <translation>There are no suspended sales.</translation>
        </message>
        <message>
            <source>That suspended sale was already resumed on this till.</source>
            <translation>That suspended sale was already resumed on this till.</translation>
        </message>
        <message>
            <source>You may not do this ({action}). Call a supervisor.</source>
            <translation>You may not do this ({action}). Call a supervisor.</translation>
        </message>
        <message>
            <source>The printer is out of paper. Put in a new roll; the receipt prints then.</source>
            <translation>The printer is out of paper. Put in a new roll; the receipt prints then.</translation>
        </message>
        <message>
            <source>The receipt paper is running low. Have a new roll ready.</source>
            <translation>The receipt paper is running low. Have a new roll ready.</translation>
        </message>
        <message>
            <source>The printer does not answer status questions. Check the receipt printed.</source>
            <translation>The printer does not answer status questions. Check the receipt printed.</translation>
        </message>
        <message>
            <source>The printer is off or unplugged. The receipt waits and prints when it is back.</source>
            <translation>The printer is off or unplugged. The receipt waits and prints when it is back.</translation>
        </message>
        <message>
            <source>The drawer was not opened because the printer was away too long. Press Ctrl+O.</source>
            <translation>The drawer was not opened because the printer was away too long. Press Ctrl+O.</translation>
        </message>
        <message>
            <source>There is no completed sale with receipt number {receipt_no}. Check the number.</source>
            <translation>There is no completed sale with receipt number {receipt_no}. Check the number.</translation>
        </message>
        <message>
            <source>No receipt to reprint yet. Complete a sale first.</source>
            <translation>No receipt to reprint yet. Complete a sale first.</translation>
        </message>
        <message>
            <source>No receipt printer is set up on this till. Call a supervisor.</source>
            <translation>No receipt printer is set up on this till. Call a supervisor.</translation>
        </message>
        <message>
            <source>Not connected ({reason}). It reconnects by itself when plugged in.</source>
            <translation>Not connected ({reason}). It reconnects by itself when plugged in.</translation>
        </message>
        <message>
            <source>The device reports a fault. Switch it off and on again, or call a supervisor.</source>
            <translation>The device reports a fault. Switch it off and on again, or call a supervisor.</translation>
        </message>
        <message>
            <source>Test scan needs the simulated scanner or camera. Scan a product instead.</source>
            <translation>Test scan needs the simulated scanner or camera. Scan a product instead.</translation>
        </message>
        <message>
            <source>No camera found. Plug it in, or type the code instead.</source>
            <translation>No camera found. Plug it in, or type the code instead.</translation>
        </message>
        <message>
            <source>The camera sends no picture. Replug it, or type the code instead.</source>
            <translation>The camera sends no picture. Replug it, or type the code instead.</translation>
        </message>
        <message>
            <source>The camera stopped. It reconnects by itself; type the code meanwhile.</source>
            <translation>The camera stopped. It reconnects by itself; type the code meanwhile.</translation>
        </message>
        <message>
            <source>Codes cannot be read from the camera. Type the code; call a supervisor.</source>
            <translation>Codes cannot be read from the camera. Type the code; call a supervisor.</translation>
        </message>
        <message>
            <source>No scale is set up. Enter the weight of {name} in kg.</source>
            <translation>No scale is set up. Enter the weight of {name} in kg.</translation>
        </message>
        <message>
            <source>{name} is not sold by weight.</source>
            <translation>{name} is not sold by weight.</translation>
        </message>
        <message>
            <source>The scale is off or unplugged. Enter the weight of {name} by hand.</source>
            <translation>The scale is off or unplugged. Enter the weight of {name} by hand.</translation>
        </message>
        <message>
            <source>The scale did not answer. Enter the weight of {name} by hand.</source>
            <translation>The scale did not answer. Enter the weight of {name} by hand.</translation>
        </message>
        <message>
            <source>The scale's answer could not be read. Enter the weight of {name} by hand.</source>
            <translation>The scale's answer could not be read. Enter the weight of {name} by hand.</translation>
        </message>
        <message>
            <source>The scale failed. Enter the weight of {name} by hand.</source>
            <translation>The scale failed. Enter the weight of {name} by hand.</translation>
        </message>
        <message>
            <source>The weight of {name} is still moving. Let it settle, or enter it by hand.</source>
            <translation>The weight of {name} is still moving. Let it settle, or enter it by hand.</translation>
        </message>
        <message>
            <source>Nothing on the scale. Put {name} on it, or enter the weight by hand.</source>
            <translation>Nothing on the scale. Put {name} on it, or enter the weight by hand.</translation>
        </message>
        <message>
            <source>The scale shows less than zero. Zero it, then weigh {name} again.</source>
            <translation>The scale shows less than zero. Zero it, then weigh {name} again.</translation>
        </message>
        <message>
            <source>{name} is too heavy for the scale. Weigh it in parts or enter the weight.</source>
            <translation>{name} is too heavy for the scale. Weigh it in parts or enter the weight.</translation>
        </message>
        <message>
            <source>The scale reports a fault. Enter the weight of {name} by hand.</source>
            <translation>The scale reports a fault. Enter the weight of {name} by hand.</translation>
        </message>
        <message>
            <source>The cloud at {url} cannot be reached. Sales are kept on this till and sent when the network is back; check the network cable or Wi-Fi if this lasts.</source>
            <translation>The cloud at {url} cannot be reached. Sales are kept on this till and sent when the network is back; check the network cable or Wi-Fi if this lasts.</translation>
        </message>
        <message>
            <source>The cloud is not answering properly right now (HTTP {status}). Sales are kept on this till; it tries again by itself.</source>
            <translation>The cloud is not answering properly right now (HTTP {status}). Sales are kept on this till; it tries again by itself.</translation>
        </message>
        <message>
            <source>The cloud sent an answer this till cannot read ({what}). It tries again later; call head office if this lasts.</source>
            <translation>The cloud sent an answer this till cannot read ({what}). It tries again later; call head office if this lasts.</translation>
        </message>
        <message>
            <source>The cloud does not take this till's sales from number {seq} on. Sales are kept here; call head office.</source>
            <translation>The cloud does not take this till's sales from number {seq} on. Sales are kept here; call head office.</translation>
        </message>
        <message>
            <source>The cloud is missing this till's records {first} to {last}, which this till no longer keeps. Call head office: they must be entered there.</source>
            <translation>The cloud is missing this till's records {first} to {last}, which this till no longer keeps. Call head office: they must be entered there.</translation>
        </message>
        <message>
            <source>The cloud's totals for {dates} still differ from this till's after sending them again. Sales are kept here; call head office.</source>
            <translation>The cloud's totals for {dates} still differ from this till's after sending them again. Sales are kept here; call head office.</translation>
        </message>
        <message>
            <source>This till cannot use head office's {stream} record {record} ({reason}). Its {stream} stay as they were and are asked for again at every sync; head office has been told. Call head office.</source>
            <translation>This till cannot use head office's {stream} record {record} ({reason}). Its {stream} stay as they were and are asked for again at every sync; head office has been told. Call head office.</translation>
        </message>
        <message>
            <source>The cloud refused this till's request ({problem}: {message}). Call head office.</source>
            <translation>The cloud refused this till's request ({problem}: {message}). Call head office.</translation>
        </message>
        <message>
            <source>Sync stopped on an unexpected error ({detail}). Sales are kept; it tries again by itself. Call a supervisor if this lasts.</source>
            <translation>Sync stopped on an unexpected error ({detail}). Sales are kept; it tries again by itself. Call a supervisor if this lasts.</translation>
        </message>
        <message>
            <source>This till is not connected to the cloud yet. A supervisor enrolls it with the code from head office: pos enroll URL CODE.</source>
            <translation>This till is not connected to the cloud yet. A supervisor enrolls it with the code from head office: pos enroll URL CODE.</translation>
        </message>
        <message>
            <source>The till's cloud credential file cannot be used ({problem}). Enroll the till again with a new code from head office.</source>
            <translation>The till's cloud credential file cannot be used ({problem}). Enroll the till again with a new code from head office.</translation>
        </message>
        <message>
            <source>This till's software is too old for the cloud. Sales are kept here; update the till software.</source>
            <translation>This till's software is too old for the cloud. Sales are kept here; update the till software.</translation>
        </message>
        <message>
            <source>The cloud runs an older version than this till. Sales are kept here; head office must update the cloud.</source>
            <translation>The cloud runs an older version than this till. Sales are kept here; head office must update the cloud.</translation>
        </message>
        <message>
            <source>The cloud does not recognise this till. Enroll it again with a new code from head office.</source>
            <translation>The cloud does not recognise this till. Enroll it again with a new code from head office.</translation>
        </message>
        <message>
            <source>Head office has disconnected this till from the cloud. Sales are kept here; ask head office for a new enrollment code.</source>
            <translation>Head office has disconnected this till from the cloud. Sales are kept here; ask head office for a new enrollment code.</translation>
        </message>
        <message>
            <source>This till's store or terminal code differs from the one it was enrolled as. Enroll it again, or call head office.</source>
            <translation>This till's store or terminal code differs from the one it was enrolled as. Enroll it again, or call head office.</translation>
        </message>
        <message>
            <source>The record holds text the cloud cannot store (e.g. a control character in a product name). Use Repair and resend.</source>
            <translation>The record holds text the cloud cannot store (e.g. a control character in a product name). Use Repair and resend.</translation>
        </message>
        <message>
            <source>The cloud does not know this kind of record. Head office must update the cloud.</source>
            <translation>The cloud does not know this kind of record. Head office must update the cloud.</translation>
        </message>
        <message>
            <source>The cloud cannot read this record's old format. Call head office.</source>
            <translation>The cloud cannot read this record's old format. Call head office.</translation>
        </message>
        <message>
            <source>The cloud already has a sale with this number from another record. Call head office.</source>
            <translation>The cloud already has a sale with this number from another record. Call head office.</translation>
        </message>
        <message>
            <source>The cloud already has this points entry from another record. Call head office.</source>
            <translation>The cloud already has this points entry from another record. Call head office.</translation>
        </message>
        <message>
            <source>The cloud could not accept this record ({reason}). Call head office.</source>
            <translation>The cloud could not accept this record ({reason}). Call head office.</translation>
        </message>
        <message>
            <source>This record has nothing a repair can fix. Call head office.</source>
            <translation>This record has nothing a repair can fix. Call head office.</translation>
        </message>
        <message>
            <source>This till writes records newer than the cloud knows. Sales are kept here; head office must update the cloud.</source>
            <translation>This till writes records newer than the cloud knows. Sales are kept here; head office must update the cloud.</translation>
        </message>
        <message>
            <source>The cloud could not read this till's request. Call head office.</source>
            <translation>The cloud could not read this till's request. Call head office.</translation>
        </message>
        <message>
            <source>The cloud refused a request as too large. Call head office.</source>
            <translation>The cloud refused a request as too large. Call head office.</translation>
        </message>
        <message>
            <source>The cloud address is wrong or the cloud does not offer sync. Check the sync address with head office.</source>
            <translation>The cloud address is wrong or the cloud does not offer sync. Check the sync address with head office.</translation>
        </message>
        <message>
            <source>This enrollment code is not known to the cloud. Check it, or ask head office for a new one.</source>
            <translation>This enrollment code is not known to the cloud. Check it, or ask head office for a new one.</translation>
        </message>
        <message>
            <source>This enrollment code has been used already. Ask head office for a new one.</source>
            <translation>This enrollment code has been used already. Ask head office for a new one.</translation>
        </message>
        <message>
            <source>This enrollment code has expired. Ask head office for a new one.</source>
            <translation>This enrollment code has expired. Ask head office for a new one.</translation>
        </message>
        <message>
            <source>Another till is enrolled with terminal code {terminal_code}. Choose another code, or ask head office to revoke the old till.</source>
            <translation>Another till is enrolled with terminal code {terminal_code}. Choose another code, or ask head office to revoke the old till.</translation>
        </message>
        <message>
            <source>Head office has withdrawn this coupon. Continue without it.</source>
            <translation>Head office has withdrawn this coupon. Continue without it.</translation>
        </message>
        <message>
            <source>The database was made by a newer version of O2O POS ({found}). Update the software.</source>
            <translation>The database was made by a newer version of O2O POS ({found}). Update the software.</translation>
        </message>
        <message>
            <source>This till has no store or terminal set up yet. Call a supervisor.</source>
            <translation>This till has no store or terminal set up yet. Call a supervisor.</translation>
        </message>
        <message>
            <source>The demo data is damaged (line {line}). Reinstall the application.</source>
            <translation>The demo data is damaged (line {line}). Reinstall the application.</translation>
        </message>
        <message>
            <source>Payments were already taken. Remove them in the payment window (F12) first.</source>
            <translation>Payments were already taken. Remove them in the payment window (F12) first.</translation>
        </message>
        <message>
            <source>This sale is not suspended, so it cannot be resumed.</source>
            <translation>This sale is not suspended, so it cannot be resumed.</translation>
        </message>
        <message>
            <source>This sale is already suspended. Resume it with F9.</source>
            <translation>This sale is already suspended. Resume it with F9.</translation>
        </message>
        <message>
            <source>That payment is no longer in the list. Select another one.</source>
            <translation>That payment is no longer in the list. Select another one.</translation>
        </message>
        <message>
            <source>The mobile payment was cancelled. Ask for another payment method.</source>
            <translation>The mobile payment was cancelled. Ask for another payment method.</translation>
        </message>
        <message>
            <source>Payment neither confirmed nor cancelled. Keep the goods; call a supervisor.</source>
            <translation>Payment neither confirmed nor cancelled. Keep the goods; call a supervisor.</translation>
        </message>
        <message>
            <source>Some device settings in {path} could not be used ({reason}); those devices start with their defaults. Choose them again on the Devices page (Ctrl+D).</source>
            <translation>Some device settings in {path} could not be used ({reason}); those devices start with their defaults. Choose them again on the Devices page (Ctrl+D).</translation>
        </message>
        <message>
            <source>There is no time zone called '{zone}' ({name}). Set the store's time zone by its name, e.g. Asia/Shanghai, then start the till again.</source>
            <translation>There is no time zone called '{zone}' ({name}). Set the store's time zone by its name, e.g. Asia/Shanghai, then start the till again.</translation>
        </message>
        <message>
            <source>The setting {name} is not valid ({reason}). Correct it, then start the till again.</source>
            <translation>The setting {name} is not valid ({reason}). Correct it, then start the till again.</translation>
        </message>
        <message>
            <source>Cannot read the file {path} ({reason}). Check it exists and try again.</source>
            <translation>Cannot read the file {path} ({reason}). Check it exists and try again.</translation>
        </message>
        <message>
            <source>The file is neither UTF-8 nor GB18030. Save it as UTF-8 CSV.</source>
            <translation>The file is neither UTF-8 nor GB18030. Save it as UTF-8 CSV.</translation>
        </message>
        <message>
            <source>The file is empty. The first line must name the columns.</source>
            <translation>The file is empty. The first line must name the columns.</translation>
        </message>
        <message>
            <source>The file has a header but no products.</source>
            <translation>The file has a header but no products.</translation>
        </message>
        <message>
            <source>Column '{column}' is missing from the header line. Add it.</source>
            <translation>Column '{column}' is missing from the header line. Add it.</translation>
        </message>
        <message>
            <source>Column '{column}' is unknown. Rename or remove it.</source>
            <translation>Column '{column}' is unknown. Rename or remove it.</translation>
        </message>
        <message>
            <source>Column '{column}' appears twice. Keep one.</source>
            <translation>Column '{column}' appears twice. Keep one.</translation>
        </message>
        <message>
            <source>This row has {found} values but the header has {expected}. Check commas.</source>
            <translation>This row has {found} values but the header has {expected}. Check commas.</translation>
        </message>
        <message>
            <source>The SKU is empty. Every product needs one.</source>
            <translation>The SKU is empty. Every product needs one.</translation>
        </message>
        <message>
            <source>SKU '{sku}' is not valid: no spaces, at most 64 characters.</source>
            <translation>SKU '{sku}' is not valid: no spaces, at most 64 characters.</translation>
        </message>
        <message>
            <source>Product {sku} has no name. Add the name.</source>
            <translation>Product {sku} has no name. Add the name.</translation>
        </message>
        <message>
            <source>Price '{text}' is not valid. Write yuan like 12.50.</source>
            <translation>Price '{text}' is not valid. Write yuan like 12.50.</translation>
        </message>
        <message>
            <source>Cost '{text}' is not valid. Write yuan like 8.20, or leave it empty when unknown.</source>
            <translation>Cost '{text}' is not valid. Write yuan like 8.20, or leave it empty when unknown.</translation>
        </message>
        <message>
            <source>Tax rate '{text}' is not valid. Write a percent like 13 or 9.</source>
            <translation>Tax rate '{text}' is not valid. Write a percent like 13 or 9.</translation>
        </message>
        <message>
            <source>'{text}' in column {column} is not yes/no. Write 1 or 0.</source>
            <translation>'{text}' in column {column} is not yes/no. Write 1 or 0.</translation>
        </message>
        <message>
            <source>Barcode {code} is not a valid EAN/UPC (check digit). Correct it.</source>
            <translation>Barcode {code} is not a valid EAN/UPC (check digit). Correct it.</translation>
        </message>
        <message>
            <source>SKU {sku} appears again (first on line {first_line}). Keep one row.</source>
            <translation>SKU {sku} appears again (first on line {first_line}). Keep one row.</translation>
        </message>
        <message>
            <source>Barcode {code} is used again (first on line {first_line}). Keep one.</source>
            <translation>Barcode {code} is used again (first on line {first_line}). Keep one.</translation>
        </message>
        <message>
            <source>Barcode {code} already belongs to product {sku}. Correct the file.</source>
            <translation>Barcode {code} already belongs to product {sku}. Correct the file.</translation>
        </message>
        <message>
            <source>Column {column} holds a control character ({char}, character {position}). Remove it from the file.</source>
            <translation>Column {column} holds a control character ({char}, character {position}). Remove it from the file.</translation>
        </message>
        <message>
            <source>A value in this row is longer than {max} characters. Shorten it.</source>
            <translation>A value in this row is longer than {max} characters. Shorten it.</translation>
        </message>
        <message>
            <source>This row is not valid CSV ({reason}). Check its quotes and commas.</source>
            <translation>This row is not valid CSV ({reason}). Check its quotes and commas.</translation>
        </message>
        <message>
            <source>The search text holds a control character ({char}). Clear it and type again.</source>
            <translation>The search text holds a control character ({char}). Clear it and type again.</translation>
        </message>
        <message>
            <source>The reference holds a control character ({char}, character {position}). Clear it and type it again.</source>
            <translation>The reference holds a control character ({char}, character {position}). Clear it and type it again.</translation>
        </message>
        <message>
            <source>The label holds a control character ({char}, character {position}). Clear it and type it again.</source>
            <translation>The label holds a control character ({char}, character {position}). Clear it and type it again.</translation>
        </message>
        <message>
            <source>The period ends ({last}) before it starts ({first}). Set the dates again.</source>
            <translation>The period ends ({last}) before it starts ({first}). Set the dates again.</translation>
        </message>
        <message>
            <source>{days} days is too long for the till: choose at most {max} days.</source>
            <translation>{days} days is too long for the till: choose at most {max} days.</translation>
        </message>
        <message>
            <source>Something went wrong. The sale is kept; try again or call a supervisor.</source>
            <translation>Something went wrong. The sale is kept; try again or call a supervisor.</translation>
        </message>
        <message>
            <source>Nothing is marked to return. Enter a quantity on the lines that come back.</source>
            <translation>Nothing is marked to return. Enter a quantity on the lines that come back.</translation>
        </message>
        <message>
            <source>The sale has no line {line}. Scan the receipt again and pick its lines.</source>
            <translation>The sale has no line {line}. Scan the receipt again and pick its lines.</translation>
        </message>
        <message>
            <source>Line {line}: '{qty}' is not a quantity to return. Enter a whole number above zero (grams for goods sold by weight).</source>
            <translation>Line {line}: '{qty}' is not a quantity to return. Enter a whole number above zero (grams for goods sold by weight).</translation>
        </message>
        <message>
            <source>Line {line}: {asked} cannot come back, only {left} of the {sold} sold are left ({returned} already returned; grams for goods sold by weight). Lower the quantity.</source>
            <translation>Line {line}: {asked} cannot come back, only {left} of the {sold} sold are left ({returned} already returned; grams for goods sold by weight). Lower the quantity.</translation>
        </message>
        <message>
            <source>'{text}' is not a receipt number. Scan the barcode or QR code on the receipt, or type its number (like S001-T01-000042).</source>
            <translation>'{text}' is not a receipt number. Scan the barcode or QR code on the receipt, or type its number (like S001-T01-000042).</translation>
        </message>
        <message>
            <source>No sale has receipt number {receipt_no}. Check the number on the receipt, or find the sale by date, amount or member.</source>
            <translation>No sale has receipt number {receipt_no}. Check the number on the receipt, or find the sale by date, amount or member.</translation>
        </message>
        <message>
            <source>Receipt {receipt_no} is from another store. Its goods are returned at that store.</source>
            <translation>Receipt {receipt_no} is from another store. Its goods are returned at that store.</translation>
        </message>
        <message>
            <source>Receipt {receipt_no} is from till {terminal} and the cloud cannot be reached. A supervisor may approve the return; it is priced like a return without a receipt and checked by head office.</source>
            <translation>Receipt {receipt_no} is from till {terminal} and the cloud cannot be reached. A supervisor may approve the return; it is priced like a return without a receipt and checked by head office.</translation>
        </message>
        <message>
            <source>The cloud could not be asked about receipt {receipt_no}. Check the network and try again, or call a supervisor.</source>
            <translation>The cloud could not be asked about receipt {receipt_no}. Check the network and try again, or call a supervisor.</translation>
        </message>
        <message>
            <source>This sale's records do not add up, so it cannot be returned here. Call a manager.</source>
            <translation>This sale's records do not add up, so it cannot be returned here. Call a manager.</translation>
        </message>
        <message>
            <source>Another return of receipt {receipt_no} was made meanwhile. Open the receipt again and choose what comes back.</source>
            <translation>Another return of receipt {receipt_no} was made meanwhile. Open the receipt again and choose what comes back.</translation>
        </message>
        <message>
            <source>'{reason}' is not a return reason. Pick one from the list.</source>
            <translation>'{reason}' is not a return reason. Pick one from the list.</translation>
        </message>
        <message>
            <source>'{disposition}' is neither back to stock nor damaged. Choose one for each line.</source>
            <translation>'{disposition}' is neither back to stock nor damaged. Choose one for each line.</translation>
        </message>
        <message>
            <source>The exchange can use at most {credit_fen} of the returned goods, not {used_fen}. Take the rest as another payment.</source>
            <translation>The exchange can use at most {credit_fen} of the returned goods, not {used_fen}. Take the rest as another payment.</translation>
        </message>
        <message>
            <source>The exchange credit on this sale does not belong to the return being made. Remove the exchange payment and start the exchange again from the return screen.</source>
            <translation>The exchange credit on this sale does not belong to the return being made. Remove the exchange payment and start the exchange again from the return screen.</translation>
        </message>
        <message>
            <source>This sale is an exchange: finish it (F12) or void it (F10); it cannot be suspended.</source>
            <translation>This sale is an exchange: finish it (F12) or void it (F10); it cannot be suspended.</translation>
        </message>
        <message>
            <source>This till has taken {count} returns without a receipt today ({amount_fen}); the limit is {max_count} returns or {max_fen} a day. Call the store manager.</source>
            <translation>This till has taken {count} returns without a receipt today ({amount_fen}); the limit is {max_count} returns or {max_fen} a day. Call the store manager.</translation>
        </message>
        <message>
            <source>Search at most {max_days} days at a time, with the end after the start.</source>
            <translation>Search at most {max_days} days at a time, with the end after the start.</translation>
        </message>
        <message>
            <source>The payment provider refused to refund {amount_fen}. Nothing was returned; refund it in cash with a supervisor's approval or call a manager.</source>
            <translation>The payment provider refused to refund {amount_fen}. Nothing was returned; refund it in cash with a supervisor's approval or call a manager.</translation>
        </message>
        <message>
            <source>The payment provider did not answer the refund of {amount_fen}. Nothing was recorded; try again (the customer is never refunded twice).</source>
            <translation>The payment provider did not answer the refund of {amount_fen}. Nothing was recorded; try again (the customer is never refunded twice).</translation>
        </message>
        <message>
            <source>No staff member has the number or badge '{code}'. Check it and try again.</source>
            <translation>No staff member has the number or badge '{code}'. Check it and try again.</translation>
        </message>
        <message>
            <source>{name} may no longer sign in at this store. Ask the store manager.</source>
            <translation>{name} may no longer sign in at this store. Ask the store manager.</translation>
        </message>
        <message>
            <source>{name} is locked after five wrong PINs. Try again in {minutes} min, or ask the store manager.</source>
            <translation>{name} is locked after five wrong PINs. Try again in {minutes} min, or ask the store manager.</translation>
        </message>
        <message>
            <source>Wrong PIN. {left} more tries before this staff member is locked.</source>
            <translation>Wrong PIN. {left} more tries before this staff member is locked.</translation>
        </message>
        <message>
            <source>A PIN is {min} to {max} digits. Type digits only.</source>
            <translation>A PIN is {min} to {max} digits. Type digits only.</translation>
        </message>
        <message>
            <source>The two PINs differ. Type the same PIN twice.</source>
            <translation>The two PINs differ. Type the same PIN twice.</translation>
        </message>
        <message>
            <source>Type a name of 1 to 64 letters, without control characters.</source>
            <translation>Type a name of 1 to 64 letters, without control characters.</translation>
        </message>
        <message>
            <source>This till has staff already: sign in with your number and PIN.</source>
            <translation>This till has staff already: sign in with your number and PIN.</translation>
        </message>
        <message>
            <source>Nobody is signed in. Sign in with your number and PIN first.</source>
            <translation>Nobody is signed in. Sign in with your number and PIN first.</translation>
        </message>
        <message>
            <source>You cannot approve your own action. Ask another supervisor.</source>
            <translation>You cannot approve your own action. Ask another supervisor.</translation>
        </message>
        <message>
            <source>{name} may not approve this either. Ask a manager.</source>
            <translation>{name} may not approve this either. Ask a manager.</translation>
        </message>
        <message>
            <source>No shift is open on this till. Open one (Ctrl+H) and count the float first.</source>
            <translation>No shift is open on this till. Open one (Ctrl+H) and count the float first.</translation>
        </message>
        <message>
            <source>A shift is open on this till already. Close it with a Z report first.</source>
            <translation>A shift is open on this till already. Close it with a Z report first.</translation>
        </message>
        <message>
            <source>This shift is not closed yet: it has no Z report.</source>
            <translation>This shift is not closed yet: it has no Z report.</translation>
        </message>
        <message>
            <source>No shift has been closed on this till yet.</source>
            <translation>No shift has been closed on this till yet.</translation>
        </message>
        <message>
            <source>Type an amount above zero and at most {max_fen}.</source>
            <translation>Type an amount above zero and at most {max_fen}.</translation>
        </message>
        <message>
            <source>The drawer should hold only {cash_fen}: {amount_fen} cannot come out. Check the amount.</source>
            <translation>The drawer should hold only {cash_fen}: {amount_fen} cannot come out. Check the amount.</translation>
        </message>
        <message>
            <source>Say why the cash is paid in or out (a few words).</source>
            <translation>Say why the cash is paid in or out (a few words).</translation>
        </message>
        <message>
            <source>The reason is too long or holds characters that cannot be kept. Use up to 64 letters.</source>
            <translation>The reason is too long or holds characters that cannot be kept. Use up to 64 letters.</translation>
        </message>
        <message>
            <source>A count of a category or zone needs its name, and a count of products needs at least one product. Choose what to count again.</source>
            <translation>A count of a category or zone needs its name, and a count of products needs at least one product. Choose what to count again.</translation>
        </message>
        <message>
            <source>'{qty}' is not a counted quantity. Enter a whole number of pieces, 0 or more (kilograms for goods sold by weight).</source>
            <translation>'{qty}' is not a counted quantity. Enter a whole number of pieces, 0 or more (kilograms for goods sold by weight).</translation>
        </message>
        <message>
            <source>{qty} is more than a count line can hold ({max}). Check the quantity.</source>
            <translation>{qty} is more than a count line can hold ({max}). Check the quantity.</translation>
        </message>
        <message>
            <source>This count no longer exists. Open the list of counts and choose again.</source>
            <translation>This count no longer exists. Open the list of counts and choose again.</translation>
        </message>
        <message>
            <source>This count was posted at {posted_at} and cannot change any more. Start a new count for what is left.</source>
            <translation>This count was posted at {posted_at} and cannot change any more. Start a new count for what is left.</translation>
        </message>
        <message>
            <source>A manager must approve the count before it is posted.</source>
            <translation>A manager must approve the count before it is posted.</translation>
        </message>
        <message>
            <source>The count is approved and waits to be posted. Reopen it to count more.</source>
            <translation>The count is approved and waits to be posted. Reopen it to count more.</translation>
        </message>
        <message>
            <source>{code} is not among the products to recount. Count only the products on the recount list.</source>
            <translation>{code} is not among the products to recount. Count only the products on the recount list.</translation>
        </message>
        <message>
            <source>No variance is big enough to recount. Approve the count or pick products.</source>
            <translation>No variance is big enough to recount. Approve the count or pick products.</translation>
        </message>
        <message>
            <source>The count file has {count} bad rows (the first on line {line}); nothing was imported. Correct the rows and upload the file again.</source>
            <translation>The count file has {count} bad rows (the first on line {line}); nothing was imported. Correct the rows and upload the file again.</translation>
        </message>
        <message>
            <source>Column '{column}' is not known. Use code, qty, counter, location and time.</source>
            <translation>Column '{column}' is not known. Use code, qty, counter, location and time.</translation>
        </message>
        <message>
            <source>Column '{column}' appears twice. Keep one of them.</source>
            <translation>Column '{column}' appears twice. Keep one of them.</translation>
        </message>
        <message>
            <source>The file has no '{column}' column. Add it to the first row.</source>
            <translation>The file has no '{column}' column. Add it to the first row.</translation>
        </message>
        <message>
            <source>Column '{column}' holds a control character or more than 64 characters. Fix it.</source>
            <translation>Column '{column}' holds a control character or more than 64 characters. Fix it.</translation>
        </message>
        <message>
            <source>The row has no barcode or SKU. Fill in the code or delete the row.</source>
            <translation>The row has no barcode or SKU. Fill in the code or delete the row.</translation>
        </message>
        <message>
            <source>'{qty}' is not a counted quantity. Use a whole number 0 or more (kilograms with up to 3 decimals for goods sold by weight).</source>
            <translation>'{qty}' is not a counted quantity. Use a whole number 0 or more (kilograms with up to 3 decimals for goods sold by weight).</translation>
        </message>
        <message>
            <source>'{time}' is not a time. Write it like 2026-12-05T09:30:00+08:00 or leave it empty.</source>
            <translation>'{time}' is not a time. Write it like 2026-12-05T09:30:00+08:00 or leave it empty.</translation>
        </message>
        <message>
            <source>'{time}' is later than now. Check the handheld's clock or leave the time empty.</source>
            <translation>'{time}' is later than now. Check the handheld's clock or leave the time empty.</translation>
        </message>
        <message>
            <source>This row cannot be read as CSV. Save the file as CSV again.</source>
            <translation>This row cannot be read as CSV. Save the file as CSV again.</translation>
        </message>
        <message>
            <source>The file has no count lines. Export the handheld's lines again.</source>
            <translation>The file has no count lines. Export the handheld's lines again.</translation>
        </message>
        <message>
            <source>The row has {found} values where the header has {expected}. Check for a missing or extra comma.</source>
            <translation>The row has {found} values where the header has {expected}. Check for a missing or extra comma.</translation>
        </message>
        <message>
            <source>The file has more than {max} rows. Split it into smaller files.</source>
            <translation>The file has more than {max} rows. Split it into smaller files.</translation>
        </message>
        <message>
            <source>No product has the code '{code}'. Scan the item again or type its SKU; a product new to the store must be added to the catalog at head office first.</source>
            <translation>No product has the code '{code}'. Scan the item again or type its SKU; a product new to the store must be added to the catalog at head office first.</translation>
        </message>
        <message>
            <source>Line {line}: {qty} is not a quantity here. Enter a whole number from 1 to {limit} (grams for goods sold by weight).</source>
            <translation>Line {line}: {qty} is not a quantity here. Enter a whole number from 1 to {limit} (grams for goods sold by weight).</translation>
        </message>
        <message>
            <source>'{reason}' is not a reason for an adjustment. Choose damaged, expired, own use, theft or found.</source>
            <translation>'{reason}' is not a reason for an adjustment. Choose damaged, expired, own use, theft or found.</translation>
        </message>
        <message>
            <source>There is nothing to post: enter at least one line with a quantity.</source>
            <translation>There is nothing to post: enter at least one line with a quantity.</translation>
        </message>
        <message>
            <source>This was posted already as {doc_no}; posting it again would count the goods twice. Start a new one for other goods.</source>
            <translation>This was posted already as {doc_no}; posting it again would count the goods twice. Start a new one for other goods.</translation>
        </message>
        <message>
            <source>{qty} cannot be a minimum stock. Enter a whole number from 0 to {limit}.</source>
            <translation>{qty} cannot be a minimum stock. Enter a whole number from 0 to {limit}.</translation>
        </message>
        <message>
            <source>This till has no order or transfer {order}. Sync the till and try again, or receive the goods as a free receipt.</source>
            <translation>This till has no order or transfer {order}. Sync the till and try again, or receive the goods as a free receipt.</translation>
        </message>
        <message>
            <source>{order} is for store {store}, not this store ({here}). Do not receive it here: call head office.</source>
            <translation>{order} is for store {store}, not this store ({here}). Do not receive it here: call head office.</translation>
        </message>
        <message>
            <source>{order} was received already ({doc_no}). Receive more goods as a free receipt.</source>
            <translation>{order} was received already ({doc_no}). Receive more goods as a free receipt.</translation>
        </message>
        <message>
            <source>Enter the supplier's name (up to 128 characters) for a free receipt.</source>
            <translation>Enter the supplier's name (up to 128 characters) for a free receipt.</translation>
        </message>
        <message>
            <source>Line {line}: {name} carries a best-before date. Enter it (like 2027-03-31) before posting.</source>
            <translation>Line {line}: {name} carries a best-before date. Enter it (like 2027-03-31) before posting.</translation>
        </message>
        <message>
            <source>'{text}' is not a date. Enter the best-before date like 2027-03-31.</source>
            <translation>'{text}' is not a date. Enter the best-before date like 2027-03-31.</translation>
        </message>
        <message>
            <source>{sku}: that unit cost is not possible. Enter the cost in yuan, zero or more.</source>
            <translation>{sku}: that unit cost is not possible. Enter the cost in yuan, zero or more.</translation>
        </message>
        <message>
            <source>Line {line}: product {sku} is not in this till's catalog. Sync the till, or set the line to 0 and tell head office.</source>
            <translation>Line {line}: product {sku} is not in this till's catalog. Sync the till, or set the line to 0 and tell head office.</translation>
        </message>
        <message>
            <source>'{store}' is not a store code. Enter the other store's code, like S002.</source>
            <translation>'{store}' is not a store code. Enter the other store's code, like S002.</translation>
        </message>
        <message>
            <source>{store} is this store. A transfer goes to another store of the chain.</source>
            <translation>{store} is this store. A transfer goes to another store of the chain.</translation>
        </message>
        <message>
            <source>The cloud already has this receipt, transfer or adjustment from another record. Call head office.</source>
            <translation>The cloud already has this receipt, transfer or adjustment from another record. Call head office.</translation>
        </message>
        <message>
            <source>The cloud refused this receipt, transfer or adjustment: a quantity or cost is beyond what a till can take. Call head office.</source>
            <translation>The cloud refused this receipt, transfer or adjustment: a quantity or cost is beyond what a till can take. Call head office.</translation>
        </message>
        <message>
            <source>The cloud does not know the store this transfer goes to. Call head office to correct the transfer.</source>
            <translation>The cloud does not know the store this transfer goes to. Call head office to correct the transfer.</translation>
        </message>
        <message>
            <source>No product has the code '{code}'. Scan the product's barcode, type its SKU, or search by name.</source>
            <translation>No product has the code '{code}'. Scan the product's barcode, type its SKU, or search by name.</translation>
        </message>
        <message>
            <source>{percent} % is not a markdown: enter a whole percentage from 1 to {max}.</source>
            <translation>{percent} % is not a markdown: enter a whole percentage from 1 to {max}.</translation>
        </message>
        <message>
            <source>{name} is sold by weight: scan the scale label on the pack to mark it down, so the label carries its weight and price.</source>
            <translation>{name} is sold by weight: scan the scale label on the pack to mark it down, so the label carries its weight and price.</translation>
        </message>
        <message>
            <source>A markdown label can carry at most {max_fen}, not {price_fen}. Print a shelf label, or mark the item down at the till.</source>
            <translation>A markdown label can carry at most {max_fen}, not {price_fen}. Print a shelf label, or mark the item down at the till.</translation>
        </message>
        <message>
            <source>The markdown prefix {prefix} is not a price label prefix of the till's scale rules. Set POS_LABEL_PRINTER__MARKDOWN_PREFIX to one (e.g. 26).</source>
            <translation>The markdown prefix {prefix} is not a price label prefix of the till's scale rules. Set POS_LABEL_PRINTER__MARKDOWN_PREFIX to one (e.g. 26).</translation>
        </message>
        <message>
            <source>Markdown number {item} does not fit the label. Try again; the numbers start over by themselves.</source>
            <translation>Markdown number {item} does not fit the label. Try again; the numbers start over by themselves.</translation>
        </message>
        <message>
            <source>No labels are in the list. Scan or type a product's code first.</source>
            <translation>No labels are in the list. Scan or type a product's code first.</translation>
        </message>
        <message>
            <source>Print 1 to {max} copies of a label.</source>
            <translation>Print 1 to {max} copies of a label.</translation>
        </message>
        <message>
            <source>No label printer is set up. Set POS_LABEL_PRINTER__KIND (tspl, escpos or sim) and its port, then try again.</source>
            <translation>No label printer is set up. Set POS_LABEL_PRINTER__KIND (tspl, escpos or sim) and its port, then try again.</translation>
        </message>
        <message>
            <source>The label printer did not take the labels ({reason}). Check it is on, has labels and is connected, then press F12 again.</source>
            <translation>The label printer did not take the labels ({reason}). Check it is on, has labels and is connected, then press F12 again.</translation>
        </message>
    </context>
    <context>
        <name>reports</name>
        <message>
            <source>No sales in this period</source>
            <translation>No sales in this period</translation>
        </message>
        <message>
            <source>Sales by hour (¥)</source>
            <translation>Sales by hour (¥)</translation>
        </message>
        <message>
            <source>Sales by day (¥)</source>
            <translation>Sales by day (¥)</translation>
        </message>
        <message>
            <source>Promotions</source>
            <translation>Promotions</translation>
        </message>
        <message>
            <source>Line discounts</source>
            <translation>Line discounts</translation>
        </message>
        <message>
            <source>Sale discounts</source>
            <translation>Sale discounts</translation>
        </message>
        <message>
            <source>Price overrides</source>
            <translation>Price overrides</translation>
        </message>
        <message>
            <source>Markdown labels</source>
            <translation>Markdown labels</translation>
        </message>
        <message>
            <source>Sales</source>
            <translation>Sales</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>Count</translation>
        </message>
        <message>
            <source>Average ticket</source>
            <translation>Average ticket</translation>
        </message>
        <message>
            <source>All sales</source>
            <translation>All sales</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Members</translation>
        </message>
        <message>
            <source>Non-members</source>
            <translation>Non-members</translation>
        </message>
        <message>
            <source>Returns</source>
            <translation>Returns</translation>
        </message>
        <message>
            <source>Net sales</source>
            <translation>Net sales</translation>
        </message>
        <message>
            <source>Discounts given</source>
            <translation>Discounts given</translation>
        </message>
        <message>
            <source>Voided sales</source>
            <translation>Voided sales</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>By hour</source>
            <translation>By hour</translation>
        </message>
        <message>
            <source>Hour</source>
            <translation>Hour</translation>
        </message>
        <message>
            <source>By day</source>
            <translation>By day</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Day</translation>
        </message>
        <message>
            <source>(no category)</source>
            <translation>(no category)</translation>
        </message>
        <message>
            <source>By category</source>
            <translation>By category</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>Share</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Lines</translation>
        </message>
        <message>
            <source>Products sold</source>
            <translation>Products sold</translation>
        </message>
        <message>
            <source>By tender</source>
            <translation>By tender</translation>
        </message>
        <message>
            <source>Tender</source>
            <translation>Tender</translation>
        </message>
        <message>
            <source>Taken</source>
            <translation>Taken</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Refunded</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>Net</translation>
        </message>
        <message>
            <source>(not signed in)</source>
            <translation>(not signed in)</translation>
        </message>
        <message>
            <source>By cashier</source>
            <translation>By cashier</translation>
        </message>
        <message>
            <source>Cashier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>Returned</translation>
        </message>
        <message>
            <source>Top products by quantity (pieces)</source>
            <translation>Top products by quantity (pieces)</translation>
        </message>
        <message>
            <source>Top products by amount</source>
            <translation>Top products by amount</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <source>Discounts</source>
            <translation>Discounts</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Lines or sales</source>
            <translation>Lines or sales</translation>
        </message>
        <message>
            <source>What each promotion gave</source>
            <translation>What each promotion gave</translation>
        </message>
        <message>
            <source>Promotion</source>
            <translation>Promotion</translation>
        </message>
        <message>
            <source>Given</source>
            <translation>Given</translation>
        </message>
        <message>
            <source>{days} (store time, {zone})</source>
            <translation>{days} (store time, {zone})</translation>
        </message>
    </context>
    <context>
        <name>returns</name>
        <message>
            <source>Item</source>
            <translation>Item</translation>
        </message>
        <message>
            <source>Sold</source>
            <translation>Sold</translation>
        </message>
        <message>
            <source>Returned before</source>
            <translation>Returned before</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Return now</source>
            <translation>Return now</translation>
        </message>
        <message>
            <source>Condition</source>
            <translation>Condition</translation>
        </message>
        <message>
            <source>↑/↓ a line, digits: how many come back (kg for weighed goods), Space: damaged (not back on the shelf), F5/F6: reason, F7: refund in cash, F9: exchange for other goods, F12: refund. Esc closes.</source>
            <translation>↑/↓ a line, digits: how many come back (kg for weighed goods), Space: damaged (not back on the shelf), F5/F6: reason, F7: refund in cash, F9: exchange for other goods, F12: refund. Esc closes.</translation>
        </message>
        <message>
            <source>damaged</source>
            <translation>damaged</translation>
        </message>
        <message>
            <source>back to shelf</source>
            <translation>back to shelf</translation>
        </message>
        <message>
            <source>Nothing to return yet.</source>
            <translation>Nothing to return yet.</translation>
        </message>
        <message>
            <source>Refund {total}: {rows}</source>
            <translation>Refund {total}: {rows}</translation>
        </message>
        <message>
            <source>Find the sale</source>
            <translation>Find the sale</translation>
        </message>
        <message>
            <source>Optional, e.g. 12.50</source>
            <translation>Optional, e.g. 12.50</translation>
        </message>
        <message>
            <source>Optional: mobile number or member code</source>
            <translation>Optional: mobile number or member code</translation>
        </message>
        <message>
            <source>&amp;Day</source>
            <translation>&amp;Day</translation>
        </message>
        <message>
            <source>&amp;Amount paid</source>
            <translation>&amp;Amount paid</translation>
        </message>
        <message>
            <source>&amp;Member</source>
            <translation>&amp;Member</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>Items</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Member</translation>
        </message>
        <message>
            <source>Cashier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Tab: next field, Enter: search, ↓: to the results, Enter on a sale: return from it. Esc closes.</source>
            <translation>Tab: next field, Enter: search, ↓: to the results, Enter on a sale: return from it. Esc closes.</translation>
        </message>
        <message>
            <source>No member has the mobile number or member code {code}. Check it, or leave the member empty.</source>
            <translation>No member has the mobile number or member code {code}. Check it, or leave the member empty.</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>Sales found: {count}. ↓ and Enter to take one.</source>
            <translation>Sales found: {count}. ↓ and Enter to take one.</translation>
        </message>
        <message>
            <source>No sale of this till matches. Check the day, the amount and the member, or leave the amount and member empty.</source>
            <translation>No sale of this till matches. Check the day, the amount and the member, or leave the amount and member empty.</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>Estimate</translation>
        </message>
        <message>
            <source>Scan or type each item's code, Enter adds it. ↑/↓ a row, Space: damaged (not back on the shelf), Del: remove the row, F5/F6: reason, F12: take the items. Esc closes.</source>
            <translation>Scan or type each item's code, Enter adds it. ↑/↓ a row, Space: damaged (not back on the shelf), Del: remove the row, F5/F6: reason, F12: take the items. Esc closes.</translation>
        </message>
        <message>
            <source>Reason (F5/F6):</source>
            <translation>Reason (F5/F6):</translation>
        </message>
        <message>
            <source>Product code (scan or type):</source>
            <translation>Product code (scan or type):</translation>
        </message>
        <message>
            <source>No product has the code {code}. Check it and scan or type it again.</source>
            <translation>No product has the code {code}. Check it and scan or type it again.</translation>
        </message>
        <message>
            <source>{name}: weight in kg (for example 0.350 for 350 g), Enter adds it, Esc drops it.</source>
            <translation>{name}: weight in kg (for example 0.350 for 350 g), Enter adds it, Esc drops it.</translation>
        </message>
        <message>
            <source>No item scanned yet.</source>
            <translation>No item scanned yet.</translation>
        </message>
        <message>
            <source>Rows: {rows}</source>
            <translation>Rows: {rows}</translation>
        </message>
        <message>
            <source>{count}. Refund estimate {total} (the exact amount is worked out when the refund is made).</source>
            <translation>{count}. Refund estimate {total} (the exact amount is worked out when the refund is made).</translation>
        </message>
        <message>
            <source>Enter the weight of {name} first, or Esc to drop it.</source>
            <translation>Enter the weight of {name} first, or Esc to drop it.</translation>
        </message>
        <message>
            <source>Scan the items that come back first; F12 then takes them.</source>
            <translation>Scan the items that come back first; F12 then takes them.</translation>
        </message>
        <message>
            <source>Return without a receipt</source>
            <translation>Return without a receipt</translation>
        </message>
        <message>
            <source>No receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a manager's approval.</source>
            <translation>No receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a manager's approval.</translation>
        </message>
        <message>
            <source>Defective</source>
            <translation>Defective</translation>
        </message>
        <message>
            <source>Wrong item</source>
            <translation>Wrong item</translation>
        </message>
        <message>
            <source>Not as described</source>
            <translation>Not as described</translation>
        </message>
        <message>
            <source>Changed mind</source>
            <translation>Changed mind</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Expired</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Finish or suspend (F8) the sale first, then start the return (Ctrl+R).</source>
            <translation>Finish or suspend (F8) the sale first, then start the return (Ctrl+R).</translation>
        </message>
        <message>
            <source>Looking up the sale…</source>
            <translation>Looking up the sale…</translation>
        </message>
        <message>
            <source>Receipt {no} of another till (offline)</source>
            <translation>Receipt {no} of another till (offline)</translation>
        </message>
        <message>
            <source>The cloud cannot be asked about this receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a supervisor's approval, and head office checks it.</source>
            <translation>The cloud cannot be asked about this receipt: each item is refunded at its lowest price of the last 30 days, in cash, with a supervisor's approval, and head office checks it.</translation>
        </message>
        <message>
            <source>Refund {total} in cash</source>
            <translation>Refund {total} in cash</translation>
        </message>
        <message>
            <source>Exchange: {total} pays for other goods</source>
            <translation>Exchange: {total} pays for other goods</translation>
        </message>
        <message>
            <source>Receipt {no}: choose what comes back.</source>
            <translation>Receipt {no}: choose what comes back.</translation>
        </message>
        <message>
            <source>Return from receipt {no} ({at})</source>
            <translation>Return from receipt {no} ({at})</translation>
        </message>
        <message>
            <source>Return {no} · refunded {total}. Scan the next item.</source>
            <translation>Return {no} · refunded {total}. Scan the next item.</translation>
        </message>
        <message>
            <source>Return {no}: {total} refunded — {how}.</source>
            <translation>Return {no}: {total} refunded — {how}.</translation>
        </message>
        <message>
            <source>Refund the card part on the card terminal.</source>
            <translation>Refund the card part on the card terminal.</translation>
        </message>
        <message>
            <source>Exchange: {credit} of returned goods pays for the new ones. Scan them, then F12. F10 cancels the exchange.</source>
            <translation>Exchange: {credit} of returned goods pays for the new ones. Scan them, then F12. F10 cancels the exchange.</translation>
        </message>
        <message>
            <source>Return or exchange</source>
            <translation>Return or exchange</translation>
        </message>
        <message>
            <source>Scan the receipt's barcode or QR code, or type the receipt number (e.g. S001-T01-000042).</source>
            <translation>Scan the receipt's barcode or QR code, or type the receipt number (e.g. S001-T01-000042).</translation>
        </message>
        <message>
            <source>Enter: open the sale. F2: find the sale by date, amount or member. F3: no receipt. Esc: cancel.</source>
            <translation>Enter: open the sale. F2: find the sale by date, amount or member. F3: no receipt. Esc: cancel.</translation>
        </message>
    </context>
    <context>
        <name>shift</name>
        <message>
            <source>note</source>
            <translation>note</translation>
        </message>
        <message>
            <source>coin</source>
            <translation>coin</translation>
        </message>
        <message>
            <source>Card terminal total (blank: as expected)</source>
            <translation>Card terminal total (blank: as expected)</translation>
        </message>
        <message>
            <source>Mobile payments total (blank: as expected)</source>
            <translation>Mobile payments total (blank: as expected)</translation>
        </message>
        <message>
            <source>F4: take the float the last Z counted: {amount}</source>
            <translation>F4: take the float the last Z counted: {amount}</translation>
        </message>
        <message>
            <source>Enter: next row, and done on the last. Esc cancels.</source>
            <translation>Enter: next row, and done on the last. Esc cancels.</translation>
        </message>
        <message>
            <source>Counted: {amount}</source>
            <translation>Counted: {amount}</translation>
        </message>
        <message>
            <source>Counted: —</source>
            <translation>Counted: —</translation>
        </message>
        <message>
            <source>Cash in / out</source>
            <translation>Cash in / out</translation>
        </message>
        <message>
            <source>F5 Paid in</source>
            <translation>F5 Paid in</translation>
        </message>
        <message>
            <source>F6 Paid out</source>
            <translation>F6 Paid out</translation>
        </message>
        <message>
            <source>F7 Drop to the safe</source>
            <translation>F7 Drop to the safe</translation>
        </message>
        <message>
            <source>Amount, e.g. 50 or 12.50</source>
            <translation>Amount, e.g. 50 or 12.50</translation>
        </message>
        <message>
            <source>Reason (not needed for a drop)</source>
            <translation>Reason (not needed for a drop)</translation>
        </message>
        <message>
            <source>Type the amount in yuan, e.g. 50 or 12.50.</source>
            <translation>Type the amount in yuan, e.g. 50 or 12.50.</translation>
        </message>
        <message>
            <source>Ctrl+P prints it. Esc closes.</source>
            <translation>Ctrl+P prints it. Esc closes.</translation>
        </message>
        <message>
            <source>Open the shift</source>
            <translation>Open the shift</translation>
        </message>
        <message>
            <source>Count the float in the drawer: pieces of each note and coin. Sales start once the shift is open.</source>
            <translation>Count the float in the drawer: pieces of each note and coin. Sales start once the shift is open.</translation>
        </message>
        <message>
            <source>Shift {no} open, float {amount}.</source>
            <translation>Shift {no} open, float {amount}.</translation>
        </message>
        <message>
            <source>Cash in / out, drop to the safe</source>
            <translation>Cash in / out, drop to the safe</translation>
        </message>
        <message>
            <source>X report (the shift so far)</source>
            <translation>X report (the shift so far)</translation>
        </message>
        <message>
            <source>Close the shift: blind count and Z report</source>
            <translation>Close the shift: blind count and Z report</translation>
        </message>
        <message>
            <source>Show or reprint the last Z reports</source>
            <translation>Show or reprint the last Z reports</translation>
        </message>
        <message>
            <source>Sales reports</source>
            <translation>Sales reports</translation>
        </message>
        <message>
            <source>Audit log (managers)</source>
            <translation>Audit log (managers)</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>Shift and cash</source>
            <translation>Shift and cash</translation>
        </message>
        <message>
            <source>Cash recorded: {amount}.</source>
            <translation>Cash recorded: {amount}.</translation>
        </message>
        <message>
            <source>X report</source>
            <translation>X report</translation>
        </message>
        <message>
            <source>Close the shift: count the drawer</source>
            <translation>Close the shift: count the drawer</translation>
        </message>
        <message>
            <source>Count all the cash in the drawer by note and coin. The till shows what it expected only after the count.</source>
            <translation>Count all the cash in the drawer by note and coin. The till shows what it expected only after the count.</translation>
        </message>
        <message>
            <source>Z report: shift {no} closed</source>
            <translation>Z report: shift {no} closed</translation>
        </message>
        <message>
            <source>Shift {no}, closed {at} by {name}</source>
            <translation>Shift {no}, closed {at} by {name}</translation>
        </message>
        <message>
            <source>Z reports</source>
            <translation>Z reports</translation>
        </message>
        <message>
            <source>Z report: shift {no}</source>
            <translation>Z report: shift {no}</translation>
        </message>
    </context>
    <context>
        <name>staff</name>
        <message>
            <source>Staff number or badge</source>
            <translation>Staff number or badge</translation>
        </message>
        <message>
            <source>PIN (4 to 8 digits)</source>
            <translation>PIN (4 to 8 digits)</translation>
        </message>
        <message>
            <source>Staff number</source>
            <translation>Staff number</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Cashier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>Manager</source>
            <translation>Manager</translation>
        </message>
        <message>
            <source>Attendant</source>
            <translation>Attendant</translation>
        </message>
        <message>
            <source>Demo store — staff numbers and PINs: {list}</source>
            <translation>Demo store — staff numbers and PINs: {list}</translation>
        </message>
        <message>
            <source>sell</source>
            <translation>sell</translation>
        </message>
        <message>
            <source>void a line</source>
            <translation>void a line</translation>
        </message>
        <message>
            <source>void the sale</source>
            <translation>void the sale</translation>
        </message>
        <message>
            <source>a discount of {percent}</source>
            <translation>a discount of {percent}</translation>
        </message>
        <message>
            <source>a new price</source>
            <translation>a new price</translation>
        </message>
        <message>
            <source>open the drawer without a sale</source>
            <translation>open the drawer without a sale</translation>
        </message>
        <message>
            <source>reprint a receipt</source>
            <translation>reprint a receipt</translation>
        </message>
        <message>
            <source>a return</source>
            <translation>a return</translation>
        </message>
        <message>
            <source>a return without a receipt</source>
            <translation>a return without a receipt</translation>
        </message>
        <message>
            <source>a refund in cash</source>
            <translation>a refund in cash</translation>
        </message>
        <message>
            <source>cash paid in or out</source>
            <translation>cash paid in or out</translation>
        </message>
        <message>
            <source>an X report</source>
            <translation>an X report</translation>
        </message>
        <message>
            <source>close the shift (Z report)</source>
            <translation>close the shift (Z report)</translation>
        </message>
        <message>
            <source>the sales reports</source>
            <translation>the sales reports</translation>
        </message>
        <message>
            <source>the audit log</source>
            <translation>the audit log</translation>
        </message>
        <message>
            <source>stock operations</source>
            <translation>stock operations</translation>
        </message>
        <message>
            <source>device settings</source>
            <translation>device settings</translation>
        </message>
        <message>
            <source>settings</source>
            <translation>settings</translation>
        </message>
        <message>
            <source>Supervisor approval</source>
            <translation>Supervisor approval</translation>
        </message>
        <message>
            <source>{cashier} may not do this alone: {action}. A supervisor approves it once with their number and PIN, or their badge. Esc cancels.</source>
            <translation>{cashier} may not do this alone: {action}. A supervisor approves it once with their number and PIN, or their badge. Esc cancels.</translation>
        </message>
        <message>
            <source>First start: the till's administrator</source>
            <translation>First start: the till's administrator</translation>
        </message>
        <message>
            <source>This till has no staff yet. Create its administrator (a manager) to sign in; the staff from head office arrive with the first sync.</source>
            <translation>This till has no staff yet. Create its administrator (a manager) to sign in; the staff from head office arrive with the first sync.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>PIN again</source>
            <translation>PIN again</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>A sale of {amount} ({count} items) stays open for whoever signs in next.</source>
            <translation>A sale of {amount} ({count} items) stays open for whoever signs in next.</translation>
        </message>
        <message>
            <source>Locked — {name} was signed in</source>
            <translation>Locked — {name} was signed in</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
    </context>
    <context>
        <name>stock</name>
        <message>
            <source>just now</source>
            <translation>just now</translation>
        </message>
        <message>
            <source>{n} min ago</source>
            <translation>{n} min ago</translation>
        </message>
        <message>
            <source>{n} h ago</source>
            <translation>{n} h ago</translation>
        </message>
        <message>
            <source>{n} days ago</source>
            <translation>{n} days ago</translation>
        </message>
        <message>
            <source>Other stores:</source>
            <translation>Other stores:</translation>
        </message>
        <message>
            <source>and {n} more stores</source>
            <translation>and {n} more stores</translation>
        </message>
        <message>
            <source>none of them has it</source>
            <translation>none of them has it</translation>
        </message>
        <message>
            <source>asking the cloud…</source>
            <translation>asking the cloud…</translation>
        </message>
        <message>
            <source>offline: not known yet</source>
            <translation>offline: not known yet</translation>
        </message>
        <message>
            <source>as of {age}</source>
            <translation>as of {age}</translation>
        </message>
        <message>
            <source>{age}; asking the cloud…</source>
            <translation>{age}; asking the cloud…</translation>
        </message>
        <message>
            <source>offline: as of {age}</source>
            <translation>offline: as of {age}</translation>
        </message>
        <message>
            <source>This store: {qty}</source>
            <translation>This store: {qty}</translation>
        </message>
    </context>
    <context>
        <name>sync</name>
        <message>
            <source>Store</source>
            <translation>Store</translation>
        </message>
        <message>
            <source>Code keys</source>
            <translation>Code keys</translation>
        </message>
        <message>
            <source>Member tiers</source>
            <translation>Member tiers</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Promotions</source>
            <translation>Promotions</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Members</translation>
        </message>
        <message>
            <source>Member coupons</source>
            <translation>Member coupons</translation>
        </message>
        <message>
            <source>Withdrawn coupons</source>
            <translation>Withdrawn coupons</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>Stock</translation>
        </message>
        <message>
            <source>syncing {stream} {done}/{total}</source>
            <translation>syncing {stream} {done}/{total}</translation>
        </message>
        <message>
            <source>syncing {stream}</source>
            <translation>syncing {stream}</translation>
        </message>
        <message>
            <source>not set up</source>
            <translation>not set up</translation>
        </message>
        <message>
            <source>starting</source>
            <translation>starting</translation>
        </message>
        <message>
            <source>syncing</source>
            <translation>syncing</translation>
        </message>
        <message>
            <source>online</source>
            <translation>online</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>offline</translation>
        </message>
        <message>
            <source>needs attention</source>
            <translation>needs attention</translation>
        </message>
        <message>
            <source>never</source>
            <translation>never</translation>
        </message>
        <message>
            <source>Sync: {phase}</source>
            <translation>Sync: {phase}</translation>
        </message>
        <message>
            <source>{count} to send</source>
            <translation>{count} to send</translation>
        </message>
        <message>
            <source>{count} not accepted</source>
            <translation>{count} not accepted</translation>
        </message>
        <message>
            <source>the cloud did not accept some records</source>
            <translation>the cloud did not accept some records</translation>
        </message>
        <message>
            <source>check the clock</source>
            <translation>check the clock</translation>
        </message>
        <message>
            <source>This till is now terminal {terminal} of {store_name} ({store}). It syncs with {url} once it starts.</source>
            <translation>This till is now terminal {terminal} of {store_name} ({store}). It syncs with {url} once it starts.</translation>
        </message>
        <message>
            <source>Sale</source>
            <translation>Sale</translation>
        </message>
        <message>
            <source>Voided sale</source>
            <translation>Voided sale</translation>
        </message>
        <message>
            <source>Member points</source>
            <translation>Member points</translation>
        </message>
        <message>
            <source>Coupon used</source>
            <translation>Coupon used</translation>
        </message>
        <message>
            <source>Member sign-up</source>
            <translation>Member sign-up</translation>
        </message>
        <message>
            <source>Stock movement</source>
            <translation>Stock movement</translation>
        </message>
    </context>
    <context>
        <name>tenders</name>
        <message>
            <source>Cash</source>
            <translation>Cash</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Card</translation>
        </message>
        <message>
            <source>Mobile payment</source>
            <translation>Mobile payment</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>Points</translation>
        </message>
        <message>
            <source>Exchange credit</source>
            <translation>Exchange credit</translation>
        </message>
    </context>
    <context>
        <name>widgets</name>
        <message>
            <source>Items</source>
            <translation>Items</translation>
        </message>
        <message>
            <source>Subtotal</source>
            <translation>Subtotal</translation>
        </message>
        <message>
            <source>Tax (incl.)</source>
            <translation>Tax (incl.)</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Tax</source>
            <translation>Tax</translation>
        </message>
        <message>
            <source>Promotions</source>
            <translation>Promotions</translation>
        </message>
        <message>
            <source>Line discounts</source>
            <translation>Line discounts</translation>
        </message>
        <message>
            <source>Sale discount</source>
            <translation>Sale discount</translation>
        </message>
        <message>
            <source>Rounding</source>
            <translation>Rounding</translation>
        </message>
        <message>
            <source>Change {amount}</source>
            <translation>Change {amount}</translation>
        </message>
        <message>
            <source>Last item</source>
            <translation>Last item</translation>
        </message>
        <message>
            <source>Scanner: keyboard</source>
            <translation>Scanner: keyboard</translation>
        </message>
        <message>
            <source>Printer: none</source>
            <translation>Printer: none</translation>
        </message>
        <message>
            <source>Drawer: none</source>
            <translation>Drawer: none</translation>
        </message>
        <message>
            <source>Camera: none</source>
            <translation>Camera: none</translation>
        </message>
        <message>
            <source>Scale: none</source>
            <translation>Scale: none</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>Press any key to close</source>
            <translation>Press any key to close</translation>
        </message>
    </context>
</TS>

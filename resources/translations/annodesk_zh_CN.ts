<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppController</name>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>Your saved session has ended. Please sign in again.</source>
        <translation>保存的会话已失效，请重新登录。</translation>
    </message>
</context>
<context>
    <name>ChunkType</name>
    <message>
        <source>imageset</source>
        <translation>图像集</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
</context>
<context>
    <name>EditableJobTreeModel</name>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n 个作业</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click or press F2 to change it; right-click for more</source>
        <translation>双击或按 F2 修改；右键单击可进行更多操作</translation>
    </message>
    <message>
        <source>Job #%1 (not saved)</source>
        <translation>作业 #%1（未保存）</translation>
    </message>
    <message>
        <source>Job #%1 (saving…)</source>
        <translation>作业 #%1（正在保存…）</translation>
    </message>
    <message>
        <source>Not saved: %1 Retry or discard it from the job&apos;s menu.</source>
        <translation>未保存：%1 可在该作业的右键菜单中重试或放弃。</translation>
    </message>
    <message>
        <source>Saving this change…</source>
        <translation>正在保存此修改…</translation>
    </message>
</context>
<context>
    <name>InputType</name>
    <message>
        <source>checkbox</source>
        <translation>复选框</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>radio</source>
        <translation>单选按钮</translation>
    </message>
    <message>
        <source>select</source>
        <translation>下拉列表</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>JobEditing</name>
    <message>
        <source>&amp;Assignee</source>
        <translation>负责人(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Discard change</source>
        <translation>放弃修改(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Retry saving</source>
        <translation>重新保存(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>Choose &amp;assignee…</source>
        <translation>选择负责人(&amp;A)…</translation>
    </message>
    <message>
        <source>Job #%1 saved.</source>
        <translation>作业 #%1 已保存。</translation>
    </message>
    <message>
        <source>Job #%1 saved; task #%2 is now “%3”.</source>
        <translation>作业 #%1 已保存；任务 #%2 的状态现为“%3”。</translation>
    </message>
    <message>
        <source>Offline: jobs cannot be changed until the server is back.</source>
        <translation>离线：服务器恢复连接前无法修改作业。</translation>
    </message>
    <message>
        <source>Offline: jobs cannot be changed while the data shown is from %1.</source>
        <translation>离线：当前显示的是 %1 的数据，无法修改作业。</translation>
    </message>
    <message>
        <source>Saving job #%1…</source>
        <translation>正在保存作业 #%1…</translation>
    </message>
    <message>
        <source>The change to job #%1 is not saved: %2 It is kept; retry when the server is back.</source>
        <translation>对作业 #%1 的修改未保存：%2 修改已保留，服务器恢复后可重试。</translation>
    </message>
    <message>
        <source>The change to job #%1 was discarded.</source>
        <translation>已放弃对作业 #%1 的修改。</translation>
    </message>
    <message>
        <source>The change to job #%1 was refused and undone. %2</source>
        <translation>对作业 #%1 的修改被拒绝，已撤销。%2</translation>
    </message>
</context>
<context>
    <name>JobTreeModel</name>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n 个作业</numerusform>
        </translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Frames %1–%2</source>
        <translation>第 %1–%2 帧</translation>
    </message>
    <message>
        <source>Job #%1</source>
        <translation>作业 #%1</translation>
    </message>
    <message>
        <source>Segment / job</source>
        <translation>分段 / 作业</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>LabelTreeModel</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1（ID %2）</translation>
    </message>
    <message>
        <source>%1 (id %2, colour %3)</source>
        <translation>%1（ID %2，颜色 %3）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Input type</source>
        <translation>输入类型</translation>
    </message>
    <message>
        <source>Mutable</source>
        <translation>可变</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message numerus="yes">
        <source>label · %n attribute(s)</source>
        <translation>
            <numerusform>标签 · %n 个属性</numerusform>
        </translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>✓ default</source>
        <translation>✓ 默认</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) found</source>
        <translation>
            <numerusform>找到 %Ln 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) in all</source>
        <translation>
            <numerusform>共 %Ln 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n per page</source>
        <translation>
            <numerusform>每页 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>个人资料(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;System default (%1)</source>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>第一页</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>用户组</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>最后一页</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Offline — data from %1. The server cannot be reached; retrying in the background.</source>
        <translation>离线 — 显示的是 %1 的数据。无法连接服务器，正在后台重试。</translation>
    </message>
    <message>
        <source>Offline — no saved data. The server cannot be reached; retrying in the background.</source>
        <translation>离线 — 没有已保存的数据。无法连接服务器，正在后台重试。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>Search tasks (name, owner, mode, status)…</source>
        <translation>搜索任务（名称、所有者、模式、状态）…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>The preview image sent by the server could not be read.</source>
        <translation>无法读取服务器发送的预览图像。</translation>
    </message>
    <message>
        <source>The server cannot sort by this column.</source>
        <translation>服务器无法按此列排序。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>⚠ Session not saved</source>
        <translation>⚠ 会话未保存</translation>
    </message>
</context>
<context>
    <name>Mode</name>
    <message>
        <source>annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>interpolation</source>
        <translation>插值</translation>
    </message>
</context>
<context>
    <name>ProcessingState</name>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>处理中</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Choose a username.</source>
        <translation>请设置用户名。</translation>
    </message>
    <message>
        <source>Create a CVAT account</source>
        <translation>创建 CVAT 账户</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>CA certificate of your server</source>
        <translation>服务器的 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the CA certificate file (PEM) of your server</source>
        <translation>选择服务器的 CA 证书文件（PEM 格式）</translation>
    </message>
    <message>
        <source>Create an account…</source>
        <translation>创建账户…</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Optional (servers with a private CA)</source>
        <translation>可选：服务器使用自建 CA 时填写</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Plain http: your password and token would cross the network unencrypted.</source>
        <translation>明文 http：您的密码和令牌将以未加密的形式在网络上传输。</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>在此电脑上记住我</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Show annodesk in this language</source>
        <translation>以此语言显示 annodesk</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to CVAT</source>
        <translation>登录 CVAT</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>已取消登录。</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>annotation</source>
        <translation>标注中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证中</translation>
    </message>
</context>
<context>
    <name>TableThumbnails</name>
    <message>
        <source>A column with each task&apos;s preview image in the task table</source>
        <translation>在任务列表中增加一列，显示每个任务的预览图</translation>
    </message>
    <message>
        <source>Show task &amp;previews</source>
        <translation>显示任务预览图(&amp;P)</translation>
    </message>
</context>
<context>
    <name>TaskDeletion</name>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete Task…</source>
        <translation>删除任务(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete task #%1 on the server</source>
        <translation>在服务器上删除任务 #%1</translation>
    </message>
    <message>
        <source>Delete task #%1 “%2”? Its jobs, annotations and media are deleted on the server. This cannot be undone.</source>
        <translation>要删除任务 #%1“%2”吗？它的作业、标注和媒体文件将从服务器上删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Deleting task #%1…</source>
        <translation>正在删除任务 #%1…</translation>
    </message>
    <message>
        <source>Offline: tasks cannot be deleted until the server is back.</source>
        <translation>离线：服务器恢复连接前无法删除任务。</translation>
    </message>
    <message>
        <source>Select a task to delete it.</source>
        <translation>请先选择要删除的任务。</translation>
    </message>
    <message>
        <source>Task #%1 “%2” was already deleted on the server.</source>
        <translation>任务 #%1“%2”已在服务器上被删除。</translation>
    </message>
    <message>
        <source>Task #%1 “%2” was deleted.</source>
        <translation>任务 #%1“%2”已删除。</translation>
    </message>
    <message>
        <source>Task #%1 “%2” was not deleted. %3</source>
        <translation>任务 #%1“%2”未删除。%3</translation>
    </message>
</context>
<context>
    <name>TaskDetails</name>
    <message>
        <source>(no data yet)</source>
        <translation>（尚无数据）</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Bug tracker:</source>
        <translation>问题跟踪：</translation>
    </message>
    <message>
        <source>Chunk types:</source>
        <translation>数据块类型：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <source>Image quality:</source>
        <translation>图像质量：</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>No task selected</source>
        <translation>未选择任务</translation>
    </message>
    <message>
        <source>Overlap:</source>
        <translation>重叠帧数：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>所有者：</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>Segment size:</source>
        <translation>分段大小：</translation>
    </message>
    <message>
        <source>Segments and jobs</source>
        <translation>分段与作业</translation>
    </message>
    <message>
        <source>Size (frames):</source>
        <translation>大小（帧）：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>更新时间：</translation>
    </message>
    <message>
        <source>Z-order:</source>
        <translation>Z 轴顺序：</translation>
    </message>
    <message>
        <source>compressed %1, original %2</source>
        <translation>压缩：%1，原始：%2</translation>
    </message>
    <message numerus="yes">
        <source>compressed %1, original %2, %n frame(s) per chunk</source>
        <translation>
            <numerusform>压缩：%1，原始：%2，每块 %n 帧</numerusform>
        </translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>(no data)</source>
        <translation>（无数据）</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Click to sort on the server</source>
        <translation>点击由服务器排序</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Loading the preview…</source>
        <translation>正在加载预览图…</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No preview could be loaded</source>
        <translation>无法加载预览图</translation>
    </message>
    <message>
        <source>No preview: the task has no data yet</source>
        <translation>无预览图：该任务尚无数据</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Size (frames)</source>
        <translation>大小（帧）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The server cannot sort by this</source>
        <translation>服务器无法按此列排序</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>UnsavedJobsNotice</name>
    <message numerus="yes">
        <source>%n job change(s) not saved. %1</source>
        <translation>
            <numerusform>%n 个作业修改未保存。%1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Forget the kept changes and show the jobs as the server has them</source>
        <translation>放弃保留的修改，按服务器上的数据显示作业</translation>
    </message>
    <message>
        <source>Send the kept changes to the server again</source>
        <translation>将保留的修改重新发送到服务器</translation>
    </message>
</context>
<context>
    <name>UserGroup</name>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>observer</source>
        <translation>观察者</translation>
    </message>
    <message>
        <source>user</source>
        <translation>普通用户</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>%1 (Details: “%2”)</source>
        <translation>%1（详细信息：“%2”）</translation>
    </message>
    <message>
        <source>%1 The server said: “%2”</source>
        <translation>%1 服务器返回：“%2”</translation>
    </message>
    <message>
        <source>Cannot reach %1. Check the address and your network.</source>
        <translation>无法连接到 %1。请检查地址和网络。</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>No system keyring is available (for example no Secret Service on a headless Linux), so your session is kept in memory only. You will be asked to sign in again next time.</source>
        <translation>系统没有可用的密钥环（例如无图形界面的 Linux 上没有 Secret Service），因此会话只保存在内存中。下次启动时需要重新登录。</translation>
    </message>
    <message>
        <source>Not allowed: the server refused this (error 403).</source>
        <translation>无权操作：服务器拒绝了此请求（错误 403）。</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <source>Not found: the server no longer has this (error 404).</source>
        <translation>未找到：服务器上已没有此内容（错误 404）。</translation>
    </message>
    <message>
        <source>Not found: this address has no CVAT sign-in (error 404). Check the server address.</source>
        <translation>未找到：此地址没有 CVAT 登录接口（错误 404）。请检查服务器地址。</translation>
    </message>
    <message>
        <source>Offline: the connection to the server broke.</source>
        <translation>离线：与服务器的连接已中断。</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached.</source>
        <translation>离线：无法连接服务器。</translation>
    </message>
    <message>
        <source>Offline: the server did not answer in time.</source>
        <translation>离线：服务器未及时响应。</translation>
    </message>
    <message>
        <source>Offline: the server&apos;s certificate is not trusted.</source>
        <translation>离线：服务器的证书不受信任。</translation>
    </message>
    <message>
        <source>Server error: a proxy in front of the server failed (error %1). Try again later.</source>
        <translation>服务器错误：服务器前端的代理出错（错误 %1）。请稍后重试。</translation>
    </message>
    <message>
        <source>Server error: the server failed (error %1). Try again later.</source>
        <translation>服务器错误：服务器内部出错（错误 %1）。请稍后重试。</translation>
    </message>
    <message>
        <source>Something went wrong talking to the server.</source>
        <translation>与服务器通信时出错。</translation>
    </message>
    <message>
        <source>The connection to the server broke. Try again.</source>
        <translation>与服务器的连接已中断，请重试。</translation>
    </message>
    <message>
        <source>The server asks to slow down. Try again in a minute.</source>
        <translation>服务器要求降低请求频率。请一分钟后重试。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network.</source>
        <translation>无法连接服务器。请检查地址和网络。</translation>
    </message>
    <message>
        <source>The server could not import the annotation file.</source>
        <translation>服务器无法导入该标注文件。</translation>
    </message>
    <message>
        <source>The server could not prepare the export.</source>
        <translation>服务器无法准备导出文件。</translation>
    </message>
    <message>
        <source>The server could not process the task&apos;s files.</source>
        <translation>服务器无法处理该任务的文件。</translation>
    </message>
    <message>
        <source>The server did not accept the session (you were signed out at once). Sign in again.</source>
        <translation>服务器不接受该会话（您已被立即退出登录）。请重新登录。</translation>
    </message>
    <message>
        <source>The server did not accept the session. Sign in again.</source>
        <translation>服务器不接受当前会话，请重新登录。</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again in a moment.</source>
        <translation>服务器未及时响应，请稍后重试。</translation>
    </message>
    <message>
        <source>The server does not allow this account to sign in here (not allowed, error 403).</source>
        <translation>服务器不允许此账户在此登录（无权限，错误 403）。</translation>
    </message>
    <message>
        <source>The server has no such address. Is this a CVAT v1 server?</source>
        <translation>服务器上没有此地址。这是 CVAT v1 服务器吗？</translation>
    </message>
    <message>
        <source>The server refused the request (error %1).</source>
        <translation>服务器拒绝了该请求（错误 %1）。</translation>
    </message>
    <message>
        <source>The server rejected the request.</source>
        <translation>服务器拒绝了该请求。</translation>
    </message>
    <message>
        <source>The server sends requests to another address (%1). annodesk does not follow redirects; if you trust that address, enter it as the server.</source>
        <translation>服务器将请求重定向到另一个地址（%1）。annodesk 不会跟随重定向；如果您信任该地址，请将它填写为服务器地址。</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read (not a CVAT answer). Try again later.</source>
        <translation>无法读取服务器的响应（不是 CVAT 的响应）。请稍后重试。</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read. Is this a CVAT v1 server?</source>
        <translation>无法读取服务器的响应。这是 CVAT v1 服务器吗？</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so annodesk did not connect.</source>
        <translation>服务器的证书不受信任，annodesk 未建立连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. If this is your organisation&apos;s own server, choose its CA certificate below.</source>
        <translation>服务器的证书不受信任。如果这是贵单位自己的服务器，请在下方选择它的 CA 证书。</translation>
    </message>
    <message>
        <source>The system keyring could not store your session (%1), so it is kept in memory only. You will be asked to sign in again next time.</source>
        <translation>系统密钥环无法保存您的会话（%1），因此会话只保存在内存中。下次启动时需要重新登录。</translation>
    </message>
    <message>
        <source>The upload stopped after %1 of %2: the connection broke. Nothing was attached; you can try again.</source>
        <translation>上传在 %1 / %2 处中断：连接已断开。服务器未附加任何数据，您可以重试。</translation>
    </message>
    <message>
        <source>This CA certificate file cannot be used. Choose a PEM file with the CA&apos;s certificate.</source>
        <translation>无法使用此 CA 证书文件。请选择包含该 CA 证书的 PEM 文件。</translation>
    </message>
    <message>
        <source>This address answers, but it is not a CVAT server.</source>
        <translation>此地址有响应，但不是 CVAT 服务器。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait %1 s, then try again.</source>
        <translation>尝试次数过多。请等待 %1 秒后重试。</translation>
    </message>
    <message>
        <source>Too many requests. Wait %1 s, then try again.</source>
        <translation>请求过于频繁。请等待 %1 秒后重试。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <source>You are signed out on this computer, but the server could not end the session: %1 Sign out again later to revoke the token there.</source>
        <translation>您已在此电脑上退出登录，但服务器未能结束会话：%1 请稍后再次退出登录，以便在服务器上吊销令牌。</translation>
    </message>
    <message>
        <source>You have signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
    <message>
        <source>You were signed out by the server.</source>
        <translation>服务器已将您退出登录。</translation>
    </message>
    <message>
        <source>You were signed out by the server: your session is no longer valid. Sign in again.</source>
        <translation>服务器已将您退出登录：您的会话已失效。请重新登录。</translation>
    </message>
    <message>
        <source>“%1” is not an http(s) server address.</source>
        <translation>“%1”不是 http(s) 服务器地址。</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountMenu</name>
    <message>
        <source>%1 @ %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>%1 @ %2 — %3</source>
        <translation>%2 上的 %1 — %3</translation>
    </message>
    <message>
        <source>&amp;Edit profile…</source>
        <translation>编辑个人资料(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove account</source>
        <translation>移除账户(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;account…</source>
        <translation>添加账户(&amp;A)…</translation>
    </message>
    <message>
        <source>Change pass&amp;word…</source>
        <translation>修改密码(&amp;W)…</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>token expired</source>
        <translation>令牌已失效</translation>
    </message>
    <message>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>%1 removed from this computer.</source>
        <translation>已从此电脑移除 %1。</translation>
    </message>
    <message>
        <source>%1 removed here. %2</source>
        <translation>已在此电脑移除 %1。%2</translation>
    </message>
    <message>
        <source>%1 was signed out by the server (token expired).</source>
        <translation>服务器已将 %1 退出登录（令牌已失效）。</translation>
    </message>
    <message>
        <source>Signed out of %1.</source>
        <translation>已退出 %1。</translation>
    </message>
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
    <name>AttributeEditor</name>
    <message>
        <source>%1 #%2 · %3 · %4</source>
        <translation>%1 · 编号 %2 · %3 · %4</translation>
    </message>
    <message>
        <source>%1 (new) · %2 · %3</source>
        <translation>%1（新）· %2 · %3</translation>
    </message>
    <message>
        <source>&amp;Hidden</source>
        <translation>隐藏(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyframe</source>
        <translation>关键帧(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Occluded</source>
        <translation>遮挡(&amp;O)</translation>
    </message>
    <message>
        <source>A locked object cannot be selected or changed on the canvas</source>
        <translation>锁定的对象不能在画布上选中或修改</translation>
    </message>
    <message>
        <source>Attribute name</source>
        <translation>属性名称</translation>
    </message>
    <message>
        <source>Checked by default</source>
        <translation>默认选中</translation>
    </message>
    <message>
        <source>Default text:</source>
        <translation>默认文本：</translation>
    </message>
    <message>
        <source>Default:</source>
        <translation>默认值：</translation>
    </message>
    <message>
        <source>Input type</source>
        <translation>输入类型</translation>
    </message>
    <message>
        <source>Loc&amp;ked</source>
        <translation>锁定(&amp;K)</translation>
    </message>
    <message>
        <source>Max:</source>
        <translation>最大值：</translation>
    </message>
    <message>
        <source>Min:</source>
        <translation>最小值：</translation>
    </message>
    <message>
        <source>Mutable</source>
        <translation>可变</translation>
    </message>
    <message>
        <source>Mutable attributes can change from frame to frame (in tracks).</source>
        <translation>可变属性可以逐帧变化（用于轨迹）。</translation>
    </message>
    <message>
        <source>O&amp;utside</source>
        <translation>画面外(&amp;U)</translation>
    </message>
    <message>
        <source>One value per line</source>
        <translation>每行一个取值</translation>
    </message>
    <message>
        <source>Remove this attribute</source>
        <translation>删除此属性</translation>
    </message>
    <message>
        <source>Select an object to see and change its label and attributes.</source>
        <translation>选中一个对象，即可查看并修改它的标签和属性。</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>步长：</translation>
    </message>
    <message>
        <source>The object has left the frame from here on</source>
        <translation>对象从这一帧起离开画面</translation>
    </message>
    <message>
        <source>This frame is one of the track&apos;s keyframes</source>
        <translation>这一帧是轨迹的关键帧之一</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>取值：</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>整帧标签</translation>
    </message>
    <message>
        <source>track</source>
        <translation>轨迹</translation>
    </message>
</context>
<context>
    <name>AttributeForm</name>
    <message>
        <source>Set on each keyframe of a track</source>
        <translation>在轨迹的每个关键帧上分别设置</translation>
    </message>
</context>
<context>
    <name>CacheNotice</name>
    <message>
        <source>Offline copy not saved: disk full</source>
        <translation>离线副本未保存：磁盘已满</translation>
    </message>
    <message>
        <source>Offline copy not saved: the cache folder cannot be written</source>
        <translation>离线副本未保存：无法写入缓存文件夹</translation>
    </message>
    <message>
        <source>What you see comes from the server; it will not be there offline until the cache can be written. (%1)</source>
        <translation>当前显示的内容来自服务器；在缓存可以写入之前，离线时将无法查看。（%1）</translation>
    </message>
</context>
<context>
    <name>CanvasDemo</name>
    <message>
        <source>annodesk canvas demo</source>
        <translation>annodesk 画布演示</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>再次输入新密码(&amp;A)</translation>
    </message>
    <message>
        <source>Type the new password.</source>
        <translation>请输入新密码。</translation>
    </message>
</context>
<context>
    <name>ChosenFilesModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
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
    <name>CloseGuard</name>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save them before closing, or discard them?</source>
        <translation>关闭前保存这些修改，还是放弃？</translation>
    </message>
    <message>
        <source>This job has edits that are not saved to the server.</source>
        <translation>此作业有尚未保存到服务器的修改。</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
</context>
<context>
    <name>ConflictPreview</name>
    <message>
        <source>Loading the frame…</source>
        <translation>正在加载帧…</translation>
    </message>
</context>
<context>
    <name>ConflictTexts</name>
    <message>
        <source>%1 #%2 · %3 · frame %4</source>
        <translation>%1 #%2 · %3 · 第 %4 帧</translation>
    </message>
    <message>
        <source>%1 track #%2 · %3</source>
        <translation>%1轨迹 #%2 · %3</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>A tag has no shape to draw.</source>
        <translation>标签没有可绘制的形状。</translation>
    </message>
    <message>
        <source>Another user changed its label to %1; you changed its attributes.</source>
        <translation>另一位用户把它的标签改成了 %1；您修改了它的属性。</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>删除它</translation>
    </message>
    <message>
        <source>Drawn on frame %1.</source>
        <translation>绘制于第 %1 帧。</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Keep mine (added again)</source>
        <translation>保留我的（重新添加）</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <source>Leave it deleted</source>
        <translation>保持删除</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>On frame %1, you and another user both changed %2: yours %3, theirs %4.</source>
        <translation>在第 %1 帧，您和另一位用户都修改了%2：您的是 %3，对方的是 %4。</translation>
    </message>
    <message>
        <source>On frame %1, you and another user both moved or reshaped it.</source>
        <translation>在第 %1 帧，您和另一位用户都移动或修改了它的形状。</translation>
    </message>
    <message>
        <source>Tag #%1 · %2 · frame %3</source>
        <translation>标签 #%1 · %2 · 第 %3 帧</translation>
    </message>
    <message>
        <source>You and another user both changed %1: yours %2, theirs %3.</source>
        <translation>您和另一位用户都修改了%1：您的是 %2，对方的是 %3。</translation>
    </message>
    <message>
        <source>You and another user both moved or reshaped it.</source>
        <translation>您和另一位用户都移动或修改了它的形状。</translation>
    </message>
    <message>
        <source>You and another user changed it in ways that cannot be combined.</source>
        <translation>您和另一位用户对它的修改无法合并。</translation>
    </message>
    <message>
        <source>You and another user each deleted the keyframes the other kept.</source>
        <translation>您和另一位用户各自删除了对方保留的关键帧。</translation>
    </message>
    <message>
        <source>You and another user gave it different labels: yours %1, theirs %2.</source>
        <translation>您和另一位用户给了它不同的标签：您的是 %1，对方的是 %2。</translation>
    </message>
    <message>
        <source>You changed it; another user deleted it meanwhile.</source>
        <translation>您修改了它；与此同时另一位用户删除了它。</translation>
    </message>
    <message>
        <source>You changed its keyframe on frame %1; another user deleted it.</source>
        <translation>您修改了它在第 %1 帧的关键帧；另一位用户删除了该关键帧。</translation>
    </message>
    <message>
        <source>You changed its label to %1; another user changed its attributes.</source>
        <translation>您把它的标签改成了 %1；另一位用户修改了它的属性。</translation>
    </message>
    <message>
        <source>You deleted it; another user changed it meanwhile.</source>
        <translation>您删除了它；与此同时另一位用户修改了它。</translation>
    </message>
    <message>
        <source>You deleted its keyframe on frame %1; another user changed it.</source>
        <translation>您删除了它在第 %1 帧的关键帧；另一位用户修改了该关键帧。</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>occluded</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>离开画面</translation>
    </message>
    <message>
        <source>the attribute “%1”</source>
        <translation>属性“%1”</translation>
    </message>
    <message>
        <source>the frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>the group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>the label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>the shape type</source>
        <translation>形状类型</translation>
    </message>
    <message>
        <source>the z-order</source>
        <translation>层级（z-order）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>&amp;Save with these choices</source>
        <translation>按这些选择保存(&amp;S)</translation>
    </message>
    <message>
        <source>All mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <source>All theirs</source>
        <translation>全部保留对方的</translation>
    </message>
    <message numerus="yes">
        <source>Another user changed this job while you worked. %n change(s) could not be combined with yours: choose what to keep for each, then save.</source>
        <translation>
            <numerusform>您工作期间另一位用户修改了此作业。有 %n 处修改无法与您的合并：请逐项选择要保留的内容，然后保存。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Another user changed this job while you worked. %n change(s) could not be combined with yours; each has a choice: save when ready.</source>
        <translation>
            <numerusform>您工作期间另一位用户修改了此作业。有 %n 处修改无法与您的合并；每一项都已选择：准备好后即可保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close; your edits stay unsaved and the next save asks again</source>
        <translation>关闭；您的修改仍未保存，下次保存时会再次询问</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Conflicting changes</source>
        <translation>冲突的修改</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <source>For all:</source>
        <translation>全部：</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>两者都保留(&amp;B)</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <source>Keep both for all</source>
        <translation>全部两者都保留</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Mine: deleted</source>
        <translation>我的：已删除</translation>
    </message>
    <message>
        <source>Saving with your choices…</source>
        <translation>正在按您的选择保存…</translation>
    </message>
    <message>
        <source>Their version stays and yours is added as a new object</source>
        <translation>保留对方的版本，您的版本作为新对象添加</translation>
    </message>
    <message>
        <source>Their version stays; your change to it is dropped</source>
        <translation>保留对方的版本；放弃您对它的修改</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <source>Theirs: deleted</source>
        <translation>对方的：已删除</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>您的选择</translation>
    </message>
    <message>
        <source>Your version replaces theirs</source>
        <translation>用您的版本替换对方的</translation>
    </message>
</context>
<context>
    <name>CreateTaskDialog</name>
    <message>
        <source>&amp;Project:</source>
        <translation>项目(&amp;P)：</translation>
    </message>
    <message>
        <source>Add at least one image, a folder of images or an archive.</source>
        <translation>请至少添加一张图像、一个图像文件夹或一个压缩包。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级选项</translation>
    </message>
    <message>
        <source>Ask the server again how the processing goes.</source>
        <translation>再次向服务器查询处理进度。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Cancelled. The new task “%1” (#%2) was deleted on the server, as CVAT does with a task whose upload stops. Everything you entered is still here.</source>
        <translation>已取消。新任务“%1”（#%2）已在服务器上删除——CVAT 对上传中止的任务也是这样处理的。您填写的内容都还在。</translation>
    </message>
    <message>
        <source>Compressing the images: %1%</source>
        <translation>正在压缩图像：%1%</translation>
    </message>
    <message>
        <source>Copying the files from the server&apos;s share…</source>
        <translation>正在从服务器共享目录复制文件…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Creating the task…</source>
        <translation>正在创建任务…</translation>
    </message>
    <message>
        <source>Delete and close</source>
        <translation>删除并关闭</translation>
    </message>
    <message>
        <source>Enter a name for the task.</source>
        <translation>请输入任务名称。</translation>
    </message>
    <message>
        <source>Files uploaded; waiting for the server to process them…</source>
        <translation>文件已上传，正在等待服务器处理…</translation>
    </message>
    <message>
        <source>For example: street scenes, batch 3</source>
        <translation>例如：街景，第 3 批</translation>
    </message>
    <message>
        <source>Frame step:</source>
        <translation>帧步长：</translation>
    </message>
    <message>
        <source>Frames per job; each segment of the task becomes one job.</source>
        <translation>每个作业的帧数；任务的每个分段成为一个作业。</translation>
    </message>
    <message>
        <source>Frames shared by neighbouring segments.</source>
        <translation>相邻分段共用的帧数。</translation>
    </message>
    <message>
        <source>Image quality:</source>
        <translation>图像质量：</translation>
    </message>
    <message>
        <source>Issue tracker:</source>
        <translation>问题跟踪地址：</translation>
    </message>
    <message>
        <source>JPEG quality of the compressed frames annotators see (5–100).</source>
        <translation>标注员看到的压缩帧的 JPEG 质量（5–100）。</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后一帧</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Nothing was sent: fix what is marked, then try again.</source>
        <translation>尚未发送任何内容：请修正标出的问题后重试。</translation>
    </message>
    <message>
        <source>Overlap:</source>
        <translation>重叠帧数：</translation>
    </message>
    <message>
        <source>Reading the uploaded files…</source>
        <translation>正在读取上传的文件…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Saving the task…</source>
        <translation>正在保存任务…</translation>
    </message>
    <message>
        <source>Segment size:</source>
        <translation>分段大小：</translation>
    </message>
    <message>
        <source>Start frame:</source>
        <translation>起始帧：</translation>
    </message>
    <message>
        <source>Stop and close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <source>Stop frame:</source>
        <translation>结束帧：</translation>
    </message>
    <message>
        <source>Task #%1 is created; its files are not attached yet.</source>
        <translation>任务 #%1 已创建，但文件尚未附加。</translation>
    </message>
    <message>
        <source>Task “%1” (#%2) was created, but its files were not attached. Delete it and close?</source>
        <translation>任务“%1”（#%2）已创建，但文件未能附加。要删除该任务并关闭吗？</translation>
    </message>
    <message>
        <source>The empty task could not be deleted. %1</source>
        <translation>无法删除这个空任务。%1</translation>
    </message>
    <message>
        <source>The files are uploaded, but their processing could not be followed. %1</source>
        <translation>文件已上传，但无法获取处理进度。%1</translation>
    </message>
    <message>
        <source>The files were not uploaded. %1</source>
        <translation>文件未上传。%1</translation>
    </message>
    <message>
        <source>The new task “%1” (#%2) could not be deleted on the server. %3 Delete it from the task list.</source>
        <translation>无法在服务器上删除新任务“%1”（#%2）。%3 请在任务列表中删除它。</translation>
    </message>
    <message>
        <source>The project the task belongs to; the task keeps the labels given here.</source>
        <translation>任务所属的项目；任务仍使用此处给出的标签。</translation>
    </message>
    <message>
        <source>The server could not process the files: “%1”. The task #%2 was deleted on the server, as CVAT does; check the files and create it again.</source>
        <translation>服务器无法处理这些文件：“%1”。任务 #%2 已按 CVAT 的做法在服务器上删除；请检查文件后重新创建。</translation>
    </message>
    <message>
        <source>The stop frame must not be before the start frame.</source>
        <translation>结束帧不能早于起始帧。</translation>
    </message>
    <message>
        <source>The task is being created. Stop, delete the new task on the server and close?</source>
        <translation>正在创建任务。要停止、在服务器上删除新任务并关闭吗？</translation>
    </message>
    <message>
        <source>The task is ready.</source>
        <translation>任务已就绪。</translation>
    </message>
    <message>
        <source>The task was not created. %1</source>
        <translation>任务未创建。%1</translation>
    </message>
    <message>
        <source>Upload the files again into the task already created.</source>
        <translation>将文件重新上传到已创建的任务中。</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n file(s)…</source>
        <translation>
            <numerusform>正在上传 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Use every n-th frame.</source>
        <translation>每隔 n 帧取一帧。</translation>
    </message>
    <message>
        <source>Waiting for the server to start processing the files…</source>
        <translation>正在等待服务器开始处理文件…</translation>
    </message>
    <message>
        <source>Whole task (one job)</source>
        <translation>整个任务（一个作业）</translation>
    </message>
    <message>
        <source>Your account may not create tasks on this server: CVAT allows it to the admin and user groups only. Nothing was uploaded.</source>
        <translation>您的账户无权在此服务器上创建任务：CVAT 只允许管理员组和用户组创建任务。未上传任何内容。</translation>
    </message>
    <message>
        <source>— No project —</source>
        <translation>— 无项目 —</translation>
    </message>
</context>
<context>
    <name>DrawingControl</name>
    <message>
        <source>&amp;Repeat the last drawing</source>
        <translation>重复上次绘制(&amp;R)</translation>
    </message>
    <message>
        <source>Draw &amp;tracks instead of shapes, or back</source>
        <translation>在绘制轨迹与形状之间切换(&amp;T)</translation>
    </message>
    <message>
        <source>Draw the selected object &amp;again</source>
        <translation>重新绘制选中的对象(&amp;A)</translation>
    </message>
</context>
<context>
    <name>EditTaskDialog</name>
    <message>
        <source>Assignee:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Edit task #%1</source>
        <translation>编辑任务 #%1</translation>
    </message>
    <message>
        <source>Enter a name for the task.</source>
        <translation>请输入任务名称。</translation>
    </message>
    <message>
        <source>Issue tracker:</source>
        <translation>问题跟踪地址：</translation>
    </message>
    <message>
        <source>Labels (CVAT adds to a task&apos;s labels, it never removes them)</source>
        <translation>标签（CVAT 只会向任务添加标签，从不删除）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>未保存任何更改。%1</translation>
    </message>
    <message>
        <source>Nothing was saved: fix what is marked, then try again.</source>
        <translation>未保存任何更改：请修正标出的问题后重试。</translation>
    </message>
    <message>
        <source>Saving was stopped. The server may have saved the changes already: refresh (F5).</source>
        <translation>已停止保存。服务器可能已经保存了更改，请刷新（F5）查看。</translation>
    </message>
    <message>
        <source>You may not change this task: only its owner, its assignee and administrators can (error 403). Nothing was saved.</source>
        <translation>您无权修改此任务：只有所有者、负责人和管理员可以修改（错误 403）。未保存任何更改。</translation>
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
    <name>ExportDialog</name>
    <message>
        <source>%1 files (%2)</source>
        <translation>%1 文件 (%2)</translation>
    </message>
    <message>
        <source>%1 is a folder. Enter a file name.</source>
        <translation>%1 是一个文件夹，请输入文件名。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>A file of this name exists: the export will replace it.</source>
        <translation>已有同名文件，导出将覆盖它。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Annotations only</source>
        <translation>仅标注</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a format.</source>
        <translation>请选择格式。</translation>
    </message>
    <message>
        <source>Choose where to save the file</source>
        <translation>选择文件的保存位置</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Dataset with images</source>
        <translation>含图像的数据集</translation>
    </message>
    <message>
        <source>Enter where to save the file.</source>
        <translation>请输入文件的保存位置。</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Load the formats again</source>
        <translation>重新加载格式</translation>
    </message>
    <message>
        <source>Loading formats…</source>
        <translation>正在加载格式…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation>导出文件另存为</translation>
    </message>
    <message>
        <source>Task #%1 “%2”</source>
        <translation>任务 #%1“%2”</translation>
    </message>
    <message>
        <source>The archive also holds every frame of the task (larger, slower).</source>
        <translation>压缩包中还包含任务的所有帧（文件更大，耗时更长）。</translation>
    </message>
    <message>
        <source>There is no folder %1.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message numerus="yes">
        <source>%n file(s) left out: a file of the same name is in the list already (%1). The server keeps files by name.</source>
        <translation>
            <numerusform>有 %n 个文件未添加：列表中已有同名文件（%1）。服务器按文件名保存文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n 个文件，共 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a folder of images</source>
        <translation>添加图像文件夹</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Adds every image in the folder and its sub-folders.</source>
        <translation>添加该文件夹及其子文件夹中的所有图像。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Archives of images (*.zip *.tar *.tar.gz *.tgz)</source>
        <translation>图像压缩包 (*.zip *.tar *.tar.gz *.tgz)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>No files yet: add images, a folder of images or one archive.</source>
        <translation>尚未选择文件：请添加图像、图像文件夹或一个压缩包。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>There are no images in %1.</source>
        <translation>%1 中没有图像。</translation>
    </message>
</context>
<context>
    <name>FormatBox</name>
    <message>
        <source>The server has this format disabled.</source>
        <translation>服务器已停用此格式。</translation>
    </message>
</context>
<context>
    <name>FrameLabelsModel</name>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>On this frame</source>
        <translation>本帧数量</translation>
    </message>
</context>
<context>
    <name>FrameObjectsModel</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Shape / track</source>
        <translation>形状 / 轨迹</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>FrameSource</name>
    <message>
        <source>Frame %1 could not be loaded: %2</source>
        <translation>无法加载第 %1 帧：%2</translation>
    </message>
    <message>
        <source>The chunk has fewer frames than the task&apos;s information says.</source>
        <translation>数据块中的帧数少于任务信息所示。</translation>
    </message>
    <message>
        <source>The frames could not be decoded (%1).</source>
        <translation>无法解码这些帧（%1）。</translation>
    </message>
</context>
<context>
    <name>FrameTagsModel</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签(整帧)</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <source>&amp;Brightness:</source>
        <translation>亮度(&amp;B)：</translation>
    </message>
    <message>
        <source>C&amp;ontrast:</source>
        <translation>对比度(&amp;O)：</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>S&amp;aturation:</source>
        <translation>饱和度(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>%1 files (%2)</source>
        <translation>%1 文件 (%2)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>All current annotations of job #%1 (task #%2) will be replaced with those of “%3”.</source>
        <translation>作业 #%1（任务 #%2）的全部现有标注将被替换为“%3”中的标注。</translation>
    </message>
    <message>
        <source>All current annotations of task #%1 “%2” will be replaced with those of “%3”.</source>
        <translation>任务 #%1“%2”的全部现有标注将被替换为“%3”中的标注。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a format.</source>
        <translation>请选择格式。</translation>
    </message>
    <message>
        <source>Choose the annotation file</source>
        <translation>选择标注文件</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>Import annotations into a job</source>
        <translation>将标注导入作业</translation>
    </message>
    <message>
        <source>Importing replaces all current annotations of this job with those of the file. This cannot be undone.</source>
        <translation>导入会用文件中的标注替换此作业的全部现有标注，且无法撤销。</translation>
    </message>
    <message>
        <source>Importing replaces all current annotations of this task with those of the file. This cannot be undone.</source>
        <translation>导入会用文件中的标注替换此任务的全部现有标注，且无法撤销。</translation>
    </message>
    <message>
        <source>Job #%1 of task #%2 “%3” (frames %4–%5)</source>
        <translation>任务 #%2“%3”的作业 #%1（第 %4–%5 帧）</translation>
    </message>
    <message>
        <source>Load the formats again</source>
        <translation>重新加载格式</translation>
    </message>
    <message>
        <source>Loading formats…</source>
        <translation>正在加载格式…</translation>
    </message>
    <message>
        <source>Replace annotations</source>
        <translation>替换标注</translation>
    </message>
    <message>
        <source>Replace annotations?</source>
        <translation>替换标注？</translation>
    </message>
    <message>
        <source>Task #%1 “%2”</source>
        <translation>任务 #%1“%2”</translation>
    </message>
    <message>
        <source>The annotation file to import</source>
        <translation>要导入的标注文件</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
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
    <name>JobEditor</name>
    <message>
        <source>A save is running; edit again when it is done.</source>
        <translation>正在保存；保存完成后再编辑。</translation>
    </message>
    <message>
        <source>A tag has no shape to change.</source>
        <translation>标签没有可更改的形状。</translation>
    </message>
    <message>
        <source>A track is split after its first keyframe.</source>
        <translation>轨迹只能在第一个关键帧之后拆分。</translation>
    </message>
    <message>
        <source>A track keeps at least one keyframe.</source>
        <translation>轨迹至少保留一个关键帧。</translation>
    </message>
    <message>
        <source>Change an attribute</source>
        <translation>更改属性</translation>
    </message>
    <message>
        <source>Change the label</source>
        <translation>更改标签</translation>
    </message>
    <message>
        <source>Change the points</source>
        <translation>更改点</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete a point</source>
        <translation>删除一个点</translation>
    </message>
    <message>
        <source>Draw a shape</source>
        <translation>绘制形状</translation>
    </message>
    <message>
        <source>Draw a track</source>
        <translation>绘制轨迹</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Keyframe</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <source>Merge into a track</source>
        <translation>合并为轨迹</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Occluded</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>Only objects of one label and type are merged.</source>
        <translation>只能合并同一标签、同一类型的对象。</translation>
    </message>
    <message>
        <source>Only polygons and polylines have an orientation.</source>
        <translation>只有多边形和折线有方向。</translation>
    </message>
    <message>
        <source>Only polygons have a start point.</source>
        <translation>只有多边形有起点。</translation>
    </message>
    <message>
        <source>Only tracks have keyframes and an outside flag.</source>
        <translation>只有轨迹有关键帧和“在画面外”标记。</translation>
    </message>
    <message>
        <source>Outside</source>
        <translation>在画面外</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Pick the objects to merge first.</source>
        <translation>请先选择要合并的对象。</translation>
    </message>
    <message>
        <source>Propagate</source>
        <translation>传播</translation>
    </message>
    <message>
        <source>Rectangles and cuboids keep their number of points.</source>
        <translation>矩形和长方体的点数不能改变。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore or discard the unsaved edits of your last session first.</source>
        <translation>请先恢复或放弃上次会话中未保存的编辑。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Set the start point</source>
        <translation>设置起点</translation>
    </message>
    <message>
        <source>Split the track</source>
        <translation>拆分轨迹</translation>
    </message>
    <message>
        <source>Switch orientation</source>
        <translation>切换方向</translation>
    </message>
    <message>
        <source>Tag the frame</source>
        <translation>为帧添加标签</translation>
    </message>
    <message>
        <source>That value is not allowed for this attribute.</source>
        <translation>该属性不允许这个值。</translation>
    </message>
    <message>
        <source>The disk is full: your last edits are kept in memory but not on disk. Save, or free some space.</source>
        <translation>磁盘已满：最近的编辑保存在内存中，但未写入磁盘。请保存，或释放一些空间。</translation>
    </message>
    <message>
        <source>The edit is not allowed (%1).</source>
        <translation>不允许此编辑（%1）。</translation>
    </message>
    <message>
        <source>The object is locked; unlock it to edit it.</source>
        <translation>对象已锁定；请先解锁再编辑。</translation>
    </message>
    <message>
        <source>The object is locked; use a force delete (Shift+Del) to delete it.</source>
        <translation>对象已锁定；请用强制删除（Shift+Del）删除它。</translation>
    </message>
    <message>
        <source>The object is not in the job any more.</source>
        <translation>该对象已不在此作业中。</translation>
    </message>
    <message>
        <source>The object&apos;s label has no such attribute.</source>
        <translation>该对象的标签没有这个属性。</translation>
    </message>
    <message>
        <source>The shape has too few (or too many) points.</source>
        <translation>形状的点太少（或太多）。</translation>
    </message>
    <message>
        <source>The shape is outside the image.</source>
        <translation>形状在图像之外。</translation>
    </message>
    <message>
        <source>The shape is too small (at least 3×3 pixels).</source>
        <translation>形状太小（至少 3×3 像素）。</translation>
    </message>
    <message>
        <source>The task has no such label.</source>
        <translation>任务没有这个标签。</translation>
    </message>
    <message>
        <source>The track does not exist yet on this frame.</source>
        <translation>轨迹在这一帧还不存在。</translation>
    </message>
    <message>
        <source>To the back</source>
        <translation>移到最后</translation>
    </message>
    <message>
        <source>To the front</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <source>Two of the objects are visible on the same frame.</source>
        <translation>有两个对象在同一帧上可见。</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消分组</translation>
    </message>
    <message>
        <source>Your last edits could not be written to the edit journal; they are kept in memory. Save soon.</source>
        <translation>最近的编辑无法写入编辑日志；它们保存在内存中。请尽快保存。</translation>
    </message>
</context>
<context>
    <name>JobInfoPanel</name>
    <message>
        <source>%1 shapes, %2 tracks</source>
        <translation>%1 个形状，%2 条轨迹</translation>
    </message>
    <message>
        <source>%1–%2 (%3 frames)</source>
        <translation>%1–%2（%3 帧）</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Assignee:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>帧：</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>用户 #%1</translation>
    </message>
</context>
<context>
    <name>JobOpening</name>
    <message>
        <source>&amp;My jobs…</source>
        <translation>我的作业(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Open job #%1</source>
        <translation>打开作业 #%1(&amp;O)</translation>
    </message>
    <message>
        <source>Every job assigned to you, across your tasks</source>
        <translation>分配给您的所有作业（跨全部任务）</translation>
    </message>
</context>
<context>
    <name>JobSaving</name>
    <message>
        <source>%1 The server said: “%2” Your edits are kept.</source>
        <translation>%1服务器返回：“%2”。您的编辑已保留。</translation>
    </message>
    <message>
        <source>%1 Your edits are kept.</source>
        <translation>%1您的编辑已保留。</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 等另外 %2 个</translation>
    </message>
    <message>
        <source>The annotations were not saved. %1 Your edits are kept.</source>
        <translation>标注未保存。%1您的编辑已保留。</translation>
    </message>
    <message>
        <source>The annotations were not saved. %1 Your edits are kept. The server may have received part of the save: the next save checks what arrived first, so nothing is saved twice.</source>
        <translation>标注未保存。%1您的编辑已保留。服务器可能已收到部分保存内容：下次保存会先检查哪些已经到达，因此不会重复保存。</translation>
    </message>
    <message>
        <source>The annotations were saved, but the job was not marked completed. %1</source>
        <translation>标注已保存，但作业未能标记为已完成。%1</translation>
    </message>
    <message>
        <source>The server refused to save %1.</source>
        <translation>服务器拒绝保存 %1。</translation>
    </message>
    <message>
        <source>You are not allowed to save these objects: %1.</source>
        <translation>您无权保存这些对象：%1。</translation>
    </message>
    <message>
        <source>a new shape</source>
        <translation>一个新形状</translation>
    </message>
    <message>
        <source>a new tag</source>
        <translation>一个新标签</translation>
    </message>
    <message>
        <source>a new track</source>
        <translation>一条新轨迹</translation>
    </message>
    <message>
        <source>shape #%1</source>
        <translation>形状 #%1</translation>
    </message>
    <message>
        <source>tag #%1</source>
        <translation>标签 #%1</translation>
    </message>
    <message>
        <source>track #%1</source>
        <translation>轨迹 #%1</translation>
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
        <source>Annotation edits of this job are on this computer but not saved to the server yet</source>
        <translation>此作业的标注修改保存在这台电脑上，尚未保存到服务器</translation>
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
        <source>Job #%1 • offline</source>
        <translation>作业 #%1 • 离线可用</translation>
    </message>
    <message>
        <source>Job #%1 • offline, unsaved edits</source>
        <translation>作业 #%1 • 离线可用，有未保存的修改</translation>
    </message>
    <message>
        <source>Job #%1 • unsaved edits</source>
        <translation>作业 #%1 • 有未保存的修改</translation>
    </message>
    <message>
        <source>Kept on this computer for work with no network (View ▸ Offline jobs)</source>
        <translation>已保存在本机，可在无网络时处理（视图 ▸ 离线作业）</translation>
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
    <name>KeyMap</name>
    <message>
        <source>Bring the selected object to the front</source>
        <translation>将选中对象置于顶层</translation>
    </message>
    <message>
        <source>Cancel the current mode</source>
        <translation>取消当前模式</translation>
    </message>
    <message>
        <source>Copy the selected object</source>
        <translation>复制选中对象</translation>
    </message>
    <message>
        <source>Decrease the brightness</source>
        <translation>降低亮度</translation>
    </message>
    <message>
        <source>Decrease the contrast</source>
        <translation>降低对比度</translation>
    </message>
    <message>
        <source>Decrease the saturation</source>
        <translation>降低饱和度</translation>
    </message>
    <message>
        <source>Delete the selected object</source>
        <translation>删除选中对象</translation>
    </message>
    <message>
        <source>Delete the selected object, even locked</source>
        <translation>删除选中对象（包括已锁定的）</translation>
    </message>
    <message>
        <source>Draw the selected object again</source>
        <translation>重新绘制选中对象</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Fit the frame in the view</source>
        <translation>使帧适合视图</translation>
    </message>
    <message>
        <source>Focus the frame number</source>
        <translation>聚焦帧号输入框</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Give the selected object the next colour</source>
        <translation>为选中对象换用下一种颜色</translation>
    </message>
    <message>
        <source>Go back by the frame step</source>
        <translation>按帧步长后退</translation>
    </message>
    <message>
        <source>Go forward by the frame step</source>
        <translation>按帧步长前进</translation>
    </message>
    <message>
        <source>Go to the next frame</source>
        <translation>转到下一帧</translation>
    </message>
    <message>
        <source>Go to the next frame matching the filter</source>
        <translation>转到下一个符合筛选条件的帧</translation>
    </message>
    <message>
        <source>Go to the next keyframe</source>
        <translation>转到下一个关键帧</translation>
    </message>
    <message>
        <source>Go to the previous frame</source>
        <translation>转到上一帧</translation>
    </message>
    <message>
        <source>Go to the previous frame matching the filter</source>
        <translation>转到上一个符合筛选条件的帧</translation>
    </message>
    <message>
        <source>Go to the previous keyframe</source>
        <translation>转到上一个关键帧</translation>
    </message>
    <message>
        <source>Group objects</source>
        <translation>编组对象</translation>
    </message>
    <message>
        <source>Hide or show all objects</source>
        <translation>隐藏或显示所有对象</translation>
    </message>
    <message>
        <source>Hide or show the selected object</source>
        <translation>隐藏或显示选中对象</translation>
    </message>
    <message>
        <source>Increase the brightness</source>
        <translation>提高亮度</translation>
    </message>
    <message>
        <source>Increase the contrast</source>
        <translation>提高对比度</translation>
    </message>
    <message>
        <source>Increase the saturation</source>
        <translation>提高饱和度</translation>
    </message>
    <message>
        <source>Lock or unlock all objects</source>
        <translation>锁定或解锁所有对象</translation>
    </message>
    <message>
        <source>Lock or unlock the selected object</source>
        <translation>锁定或解锁选中对象</translation>
    </message>
    <message>
        <source>Make or unmake a keyframe</source>
        <translation>设为或取消关键帧</translation>
    </message>
    <message>
        <source>Mark the selected object occluded or not</source>
        <translation>标记或取消标记选中对象为遮挡</translation>
    </message>
    <message>
        <source>Mark the track outside or inside</source>
        <translation>标记轨迹在画面外或画面内</translation>
    </message>
    <message>
        <source>Merge shapes and tracks into a track</source>
        <translation>将形状和轨迹合并为一条轨迹</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Propagate the selected object</source>
        <translation>传播选中对象</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Remove the selected objects from their group</source>
        <translation>将选中对象移出其编组</translation>
    </message>
    <message>
        <source>Repeat the last drawing (finish while drawing)</source>
        <translation>重复上一次绘制（绘制中则完成）</translation>
    </message>
    <message>
        <source>Rotate the view anticlockwise</source>
        <translation>逆时针旋转视图</translation>
    </message>
    <message>
        <source>Rotate the view clockwise</source>
        <translation>顺时针旋转视图</translation>
    </message>
    <message>
        <source>Save the job</source>
        <translation>保存作业</translation>
    </message>
    <message>
        <source>Send the selected object to the back</source>
        <translation>将选中对象置于底层</translation>
    </message>
    <message>
        <source>Show the keyboard shortcuts</source>
        <translation>显示键盘快捷键</translation>
    </message>
    <message>
        <source>Split a track</source>
        <translation>拆分轨迹</translation>
    </message>
    <message>
        <source>Switch drawing between shape and track</source>
        <translation>在形状与轨迹之间切换绘制方式</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
</context>
<context>
    <name>LabelEditor</name>
    <message>
        <source>%1 is not a UTF-8 text file.</source>
        <translation>%1 不是 UTF-8 文本文件。</translation>
    </message>
    <message>
        <source>%1 is too large for a label specification (over 5 MB).</source>
        <translation>%1 太大，不像标签定义文件（超过 5 MB）。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix in the labels marked in red.</source>
        <translation>
            <numerusform>标红的标签中有 %n 个问题需要修正。</numerusform>
        </translation>
    </message>
    <message>
        <source>A JSON list of labels, like [{&quot;name&quot;: &quot;car&quot;, &quot;attributes&quot;: []}]</source>
        <translation>标签的 JSON 列表，例如 [{&quot;name&quot;: &quot;car&quot;, &quot;attributes&quot;: []}]</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Constructor</source>
        <translation>构建器</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>无法保存 %1。</translation>
    </message>
    <message>
        <source>Export labels</source>
        <translation>导出标签</translation>
    </message>
    <message>
        <source>Export to file…</source>
        <translation>导出到文件…</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>Import labels</source>
        <translation>导入标签</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Labels imported from %1.</source>
        <translation>已从 %1 导入标签。</translation>
    </message>
    <message>
        <source>Labels saved to %1.</source>
        <translation>标签已保存到 %1。</translation>
    </message>
    <message>
        <source>Only labels not yet saved on the server can be removed.</source>
        <translation>只能删除尚未保存到服务器的标签。</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始 JSON</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>The label “%1” is saved on the server and cannot be removed: CVAT only adds labels to a task.</source>
        <translation>标签“%1”已保存在服务器上，不能删除：CVAT 只会向任务添加标签。</translation>
    </message>
    <message>
        <source>The label “%1” is saved on the server: its color and attributes stay as they are; you can only add attributes to it.</source>
        <translation>标签“%1”已保存在服务器上：其颜色和属性保持不变，只能为它添加新属性。</translation>
    </message>
</context>
<context>
    <name>LabelForm</name>
    <message>
        <source>Add a label, or choose one in the list.</source>
        <translation>请添加标签，或在列表中选择一个标签。</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Choose the label&apos;s color</source>
        <translation>选择标签颜色</translation>
    </message>
    <message>
        <source>Chosen by the server</source>
        <translation>由服务器选择</translation>
    </message>
    <message>
        <source>Color:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>For example: car</source>
        <translation>例如：车辆</translation>
    </message>
    <message>
        <source>Label name:</source>
        <translation>标签名称：</translation>
    </message>
    <message>
        <source>No attributes: the label needs none, but you can add some.</source>
        <translation>没有属性：标签可以不带属性，也可以添加。</translation>
    </message>
    <message>
        <source>This label is saved on the server: CVAT keeps it as it is, but you can add attributes to it.</source>
        <translation>此标签已保存在服务器上：CVAT 会保持其原样，但您可以为它添加属性。</translation>
    </message>
</context>
<context>
    <name>LabelListModel</name>
    <message numerus="yes">
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>有 %n 个问题需要修正</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>Saved on the server: it stays as it is, but you can add attributes to it.</source>
        <translation>已保存在服务器上：保持原样，但可以为它添加属性。</translation>
    </message>
</context>
<context>
    <name>LabelPicker</name>
    <message>
        <source>&amp;Label</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <source>New objects start with:</source>
        <translation>新对象的初始属性：</translation>
    </message>
    <message>
        <source>The label of the objects you draw next</source>
        <translation>接下来绘制的对象所用的标签</translation>
    </message>
</context>
<context>
    <name>LabelProblem</name>
    <message>
        <source>A checkbox&apos;s default must be true or false.</source>
        <translation>复选框的默认值必须是 true 或 false。</translation>
    </message>
    <message>
        <source>A checkbox&apos;s value must be true or false.</source>
        <translation>复选框的取值必须是 true 或 false。</translation>
    </message>
    <message>
        <source>A number needs three values: minimum, maximum and step (min;max;step).</source>
        <translation>数字属性需要三个值：最小值、最大值和步长（min;max;step）。</translation>
    </message>
    <message>
        <source>A text attribute has one value: its default text.</source>
        <translation>文本属性只有一个取值，即其默认文本。</translation>
    </message>
    <message>
        <source>A value is empty.</source>
        <translation>有一个取值为空。</translation>
    </message>
    <message>
        <source>A value is listed twice.</source>
        <translation>有取值重复。</translation>
    </message>
    <message>
        <source>Add at least one label.</source>
        <translation>请至少添加一个标签。</translation>
    </message>
    <message>
        <source>Another label already has this name; label names must be unique.</source>
        <translation>已有同名标签；标签名称不能重复。</translation>
    </message>
    <message>
        <source>List at least one value to choose from.</source>
        <translation>请至少列出一个可选取值。</translation>
    </message>
    <message>
        <source>The attribute has no name.</source>
        <translation>属性没有名称。</translation>
    </message>
    <message>
        <source>The color must look like #rrggbb (for example #ff6037).</source>
        <translation>颜色必须是 #rrggbb 格式（例如 #ff6037）。</translation>
    </message>
    <message>
        <source>The default %1 is outside %2…%3.</source>
        <translation>默认值 %1 不在 %2…%3 范围内。</translation>
    </message>
    <message>
        <source>The default value is longer than %1 characters.</source>
        <translation>默认值超过 %1 个字符。</translation>
    </message>
    <message>
        <source>The default value “%1” is not one of the values.</source>
        <translation>默认值“%1”不在取值列表中。</translation>
    </message>
    <message>
        <source>The default “%1” is not a number.</source>
        <translation>默认值“%1”不是数字。</translation>
    </message>
    <message>
        <source>The input type must be one of %1.</source>
        <translation>输入类型必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>The label already has an attribute of this name.</source>
        <translation>该标签已有同名属性。</translation>
    </message>
    <message>
        <source>The label has no name.</source>
        <translation>标签没有名称。</translation>
    </message>
    <message>
        <source>The minimum must be less than the maximum.</source>
        <translation>最小值必须小于最大值。</translation>
    </message>
    <message>
        <source>The minimum, maximum and step must be finite numbers.</source>
        <translation>最小值、最大值和步长必须是有限的数字。</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters.</source>
        <translation>名称超过 %1 个字符。</translation>
    </message>
    <message>
        <source>The step must be a positive number.</source>
        <translation>步长必须是正数。</translation>
    </message>
    <message>
        <source>The step must not be larger than the maximum minus the minimum.</source>
        <translation>步长不能大于最大值与最小值之差。</translation>
    </message>
    <message>
        <source>“%1” is not three numbers (min;max;step).</source>
        <translation>“%1”不是三个数字（min;max;step）。</translation>
    </message>
</context>
<context>
    <name>LabelSpec</name>
    <message>
        <source>%1 must be a JSON object with a “name”, not %2.</source>
        <translation>%1 必须是带有“name”的 JSON 对象，而不是%2。</translation>
    </message>
    <message>
        <source>%1 must be a JSON object, not %2.</source>
        <translation>%1 必须是 JSON 对象，而不是%2。</translation>
    </message>
    <message>
        <source>%1 needs a “name” that is a text, not %2.</source>
        <translation>%1 的“name”必须是文本，而不是%2。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: “attributes” must be a list, not %2.</source>
        <translation>%1：“attributes”必须是列表，而不是%2。</translation>
    </message>
    <message>
        <source>%1: “color” must be a text like &quot;#ff0000&quot;, not %2.</source>
        <translation>%1：“color”必须是类似 &quot;#ff0000&quot; 的文本，而不是%2。</translation>
    </message>
    <message>
        <source>%1: “default_value” must be a text, not %2.</source>
        <translation>%1：“default_value”必须是文本，而不是%2。</translation>
    </message>
    <message>
        <source>%1: “input_type” must be one of %2, not %3.</source>
        <translation>%1：“input_type”必须是 %2 之一，而不是 %3。</translation>
    </message>
    <message>
        <source>%1: “mutable” must be true or false, not %2.</source>
        <translation>%1：“mutable”必须是 true 或 false，而不是 %2。</translation>
    </message>
    <message>
        <source>%1: “values” must be a list of texts, like [&quot;a&quot;, &quot;b&quot;].</source>
        <translation>%1：“values”必须是文本列表，例如 [&quot;a&quot;, &quot;b&quot;]。</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Label %1 (“%2”)</source>
        <translation>标签 %1（“%2”）</translation>
    </message>
    <message>
        <source>Label %1 (“%2”), attribute %3</source>
        <translation>标签 %1（“%2”）的属性 %3</translation>
    </message>
    <message>
        <source>Label %1 (“%2”), attribute %3 (“%4”)</source>
        <translation>标签 %1（“%2”）的属性 %3（“%4”）</translation>
    </message>
    <message>
        <source>Label %1, attribute %2</source>
        <translation>标签 %1 的属性 %2</translation>
    </message>
    <message>
        <source>Label %1, attribute %2 (“%3”)</source>
        <translation>标签 %1 的属性 %2（“%3”）</translation>
    </message>
    <message>
        <source>The label specification is not valid JSON: %1 (line %2, column %3).</source>
        <translation>标签定义不是有效的 JSON：%1（第 %2 行，第 %3 列）。</translation>
    </message>
    <message>
        <source>The label specification must be a JSON list of labels, like [{&quot;name&quot;: &quot;car&quot;}].</source>
        <translation>标签定义必须是标签的 JSON 列表，例如 [{&quot;name&quot;: &quot;car&quot;}]。</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>布尔值（true/false）</translation>
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
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System default (%1)</source>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
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
        <source>Groups</source>
        <translation>用户组</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
    <name>MyJobsModel</name>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Job #%1</source>
        <translation>作业 #%1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>MyJobsView</name>
    <message numerus="yes">
        <source>%n job(s) assigned to you</source>
        <translation>
            <numerusform>分配给您的作业共 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open job</source>
        <translation>打开作业(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Looking for your jobs…</source>
        <translation>正在查找您的作业…</translation>
    </message>
    <message>
        <source>My jobs</source>
        <translation>我的作业</translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source>&amp;Step:</source>
        <translation>步长(&amp;S)：</translation>
    </message>
    <message>
        <source>Back by the step</source>
        <translation>后退一个步长</translation>
    </message>
    <message>
        <source>F&amp;PS:</source>
        <translation>帧率(&amp;P)：</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>第一帧</translation>
    </message>
    <message>
        <source>Forward by the step</source>
        <translation>前进一个步长</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Frame number</source>
        <translation>帧号</translation>
    </message>
    <message>
        <source>Frame number (`)</source>
        <translation>帧号（`）</translation>
    </message>
    <message>
        <source>Go to frame</source>
        <translation>转到帧</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后一帧</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Playback speed, frames per second</source>
        <translation>播放速度（每秒帧数）</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>shown %1, dropped %2</source>
        <translation>已显示 %1，丢弃 %2</translation>
    </message>
</context>
<context>
    <name>ObjectActions</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>绘制(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>编组(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>隐藏(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyframe</source>
        <translation>关键帧(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Merge into a track</source>
        <translation>合并为轨迹(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Next keyframe</source>
        <translation>下一个关键帧(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Object</source>
        <translation>对象(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Occluded</source>
        <translation>遮挡(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Propagate…</source>
        <translation>传播(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做“%1”(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Split the track here</source>
        <translation>在此处拆分轨迹(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销“%1”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Ungroup</source>
        <translation>取消编组(&amp;U)</translation>
    </message>
    <message>
        <source>Delete the point</source>
        <translation>删除此点</translation>
    </message>
    <message>
        <source>Delete, even &amp;locked</source>
        <translation>删除（包括已锁定的）(&amp;L)</translation>
    </message>
    <message>
        <source>Group the objects picked with Ctrl+click and the selected one</source>
        <translation>将按住 Ctrl 点选的对象与选中的对象编为一组</translation>
    </message>
    <message>
        <source>Hide a&amp;ll</source>
        <translation>全部隐藏(&amp;L)</translation>
    </message>
    <message>
        <source>Lock &amp;all</source>
        <translation>全部锁定(&amp;A)</translation>
    </message>
    <message>
        <source>Make it the start point</source>
        <translation>设为起点</translation>
    </message>
    <message>
        <source>Merge the objects picked with Ctrl+click and the selected one</source>
        <translation>将按住 Ctrl 点选的对象与选中的对象合并为一条轨迹</translation>
    </message>
    <message>
        <source>O&amp;utside</source>
        <translation>画面外(&amp;U)</translation>
    </message>
    <message>
        <source>P&amp;revious keyframe</source>
        <translation>上一个关键帧(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;witch orientation</source>
        <translation>反转方向(&amp;W)</translation>
    </message>
    <message>
        <source>To &amp;back</source>
        <translation>置于底层(&amp;B)</translation>
    </message>
    <message>
        <source>To &amp;front</source>
        <translation>置于顶层(&amp;F)</translation>
    </message>
</context>
<context>
    <name>ObjectKind</name>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签(整帧)</translation>
    </message>
    <message>
        <source>track</source>
        <translation>轨迹</translation>
    </message>
</context>
<context>
    <name>ObjectsPanel</name>
    <message>
        <source>%1 of %2 objects shown</source>
        <translation>显示 %1 / %2 个对象</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) on this frame</source>
        <translation>
            <numerusform>本帧共 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Zoom to selection</source>
        <translation>缩放到所选(&amp;Z)</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Attribute value…</source>
        <translation>属性值…</translation>
    </message>
    <message>
        <source>Filter by attribute value</source>
        <translation>按属性值筛选</translation>
    </message>
    <message>
        <source>Filter by label</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <source>Filter by type</source>
        <translation>按类型筛选</translation>
    </message>
</context>
<context>
    <name>OfflineActions</name>
    <message>
        <source>Keep the selected jobs on this computer for work with no network</source>
        <translation>将所选作业保存在本机，以便无网络时工作</translation>
    </message>
    <message numerus="yes">
        <source>Keep the task&apos;s %n job(s) on this computer for work with no network</source>
        <translation>
            <numerusform>将该任务的 %n 个作业保存在本机，以便无网络时工作</numerusform>
        </translation>
    </message>
    <message>
        <source>O&amp;ffline jobs…</source>
        <translation>离线作业(&amp;F)…</translation>
    </message>
    <message>
        <source>Offline: jobs can be taken offline once the server answers.</source>
        <translation>离线：服务器恢复响应后才能将作业设为离线可用。</translation>
    </message>
    <message>
        <source>Select a task with jobs to take them offline.</source>
        <translation>请选择一个包含作业的任务，再将其作业设为离线可用。</translation>
    </message>
    <message>
        <source>Take all jobs o&amp;ffline</source>
        <translation>将全部作业设为离线可用(&amp;F)</translation>
    </message>
    <message>
        <source>Take job #%1 o&amp;ffline</source>
        <translation>将作业 #%1 设为离线可用(&amp;F)</translation>
    </message>
    <message>
        <source>Take o&amp;ffline</source>
        <translation>离线可用(&amp;F)</translation>
    </message>
    <message numerus="yes">
        <source>Take the %n selected job(s) o&amp;ffline</source>
        <translation>
            <numerusform>将所选的 %n 个作业设为离线可用(&amp;F)</numerusform>
        </translation>
    </message>
    <message>
        <source>Take this job o&amp;ffline</source>
        <translation>将此作业设为离线可用(&amp;F)</translation>
    </message>
    <message>
        <source>The jobs kept on this computer for work with no network</source>
        <translation>保存在本机、可在无网络时处理的作业</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message numerus="yes">
        <source>%n change(s) made offline are back; they are synced when you save.</source>
        <translation>
            <numerusform>已恢复离线时所做的 %n 处修改；保存时会同步到服务器。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected again</source>
        <translation>已重新连接</translation>
    </message>
    <message>
        <source>Connected to the server again: saving works.</source>
        <translation>已重新连接服务器：可以保存了。</translation>
    </message>
    <message>
        <source>Offline — changes are kept on this computer</source>
        <translation>离线 — 修改保存在这台电脑上</translation>
    </message>
    <message>
        <source>Save (%1) to sync the changes you made offline.</source>
        <translation>按保存（%1）同步离线时所做的修改。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Every tool works; save once it answers again to sync your edits.</source>
        <translation>无法连接服务器。所有工具照常可用；服务器恢复后保存即可同步你的修改。</translation>
    </message>
</context>
<context>
    <name>OfflineJobs</name>
    <message>
        <source>It is no longer assigned to %1.</source>
        <translation>它已不再分配给 %1。</translation>
    </message>
    <message>
        <source>It was assigned to %1.</source>
        <translation>它已被分配给 %1。</translation>
    </message>
    <message>
        <source>It was reassigned from %1 to %2.</source>
        <translation>它已从 %1 改派给 %2。</translation>
    </message>
    <message>
        <source>Its status changed from “%1” to “%2”.</source>
        <translation>它的状态已从“%1”变为“%2”。</translation>
    </message>
    <message>
        <source>Its task “%1” was deleted on the server.</source>
        <translation>它所属的任务“%1”已在服务器上删除。</translation>
    </message>
    <message>
        <source>Job #%1 can no longer be synced. %2 Its edits are kept on this computer: export them to a file in CVAT&apos;s format to keep them.</source>
        <translation>作业 #%1 已无法同步。%2它的修改仍保存在本机：可将其导出为 CVAT 格式的文件以便保留。</translation>
    </message>
    <message>
        <source>Job #%1 changed on the server while it was out: %2</source>
        <translation>作业 #%1 离线期间在服务器上发生了变化：%2</translation>
    </message>
    <message>
        <source>Labels the edits use were removed on the server.</source>
        <translation>这些修改所用的标签已在服务器上删除。</translation>
    </message>
    <message>
        <source>The job changed on the server.</source>
        <translation>该作业已在服务器上发生变化。</translation>
    </message>
    <message>
        <source>The job was deleted on the server.</source>
        <translation>该作业已在服务器上删除。</translation>
    </message>
    <message>
        <source>The server no longer accepts them.</source>
        <translation>服务器已不再接受这些修改。</translation>
    </message>
    <message>
        <source>The server refused the edits: “%1”.</source>
        <translation>服务器拒绝了这些修改：“%1”。</translation>
    </message>
    <message>
        <source>The task&apos;s labels changed; they are now: %1.</source>
        <translation>任务的标签已变更，现在为：%1。</translation>
    </message>
</context>
<context>
    <name>OfflineJobsController</name>
    <message>
        <source>Close job #%1&apos;s window first.</source>
        <translation>请先关闭作业 #%1 的窗口。</translation>
    </message>
    <message>
        <source>Job #%1 as edited here was saved to %2.</source>
        <translation>作业 #%1 在本机修改后的内容已保存到 %2。</translation>
    </message>
    <message>
        <source>Job #%1 can no longer be synced; its edits are kept here.</source>
        <translation>作业 #%1 已无法同步；它的修改仍保存在本机。</translation>
    </message>
    <message>
        <source>Job #%1 could not be removed from this computer.</source>
        <translation>无法从本机移除作业 #%1。</translation>
    </message>
    <message>
        <source>Job #%1 could not be stored on this computer (is the disk full?).</source>
        <translation>无法将作业 #%1 保存到本机（磁盘是否已满？）。</translation>
    </message>
    <message>
        <source>Job #%1 could not be taken offline: %2</source>
        <translation>无法将作业 #%1 设为离线可用：%2</translation>
    </message>
    <message>
        <source>Job #%1 could not be taken offline: %2 What was downloaded is kept; it resumes when the server answers again.</source>
        <translation>无法将作业 #%1 设为离线可用：%2已下载的内容会保留；服务器恢复响应后将继续下载。</translation>
    </message>
    <message>
        <source>Job #%1 is available offline (%2 downloaded).</source>
        <translation>作业 #%1 已可离线使用（下载了 %2）。</translation>
    </message>
    <message>
        <source>Job #%1 is available offline.</source>
        <translation>作业 #%1 已可离线使用。</translation>
    </message>
    <message>
        <source>Job #%1 is open in its window: save it there (Ctrl+S) to sync it.</source>
        <translation>作业 #%1 已在其窗口中打开：请在该窗口中保存（Ctrl+S）以完成同步。</translation>
    </message>
    <message>
        <source>Job #%1 removed from this computer (%2 freed).</source>
        <translation>已从本机移除作业 #%1（释放了 %2）。</translation>
    </message>
    <message>
        <source>Job #%1 synced: %2 created, %3 changed, %4 deleted on the server.</source>
        <translation>作业 #%1 已同步：在服务器上新建 %2 个、修改 %3 个、删除 %4 个对象。</translation>
    </message>
    <message>
        <source>Job #%1 synced: it now holds the server&apos;s latest version.</source>
        <translation>作业 #%1 已同步：现在是服务器上的最新版本。</translation>
    </message>
    <message>
        <source>Job #%1 was not synced: %2 Its edits are kept here.</source>
        <translation>作业 #%1 未能同步：%2它的修改仍保存在本机。</translation>
    </message>
    <message>
        <source>Job #%1 was not synced: this computer&apos;s copy could not be read or written (is the disk full?). Its edits are kept.</source>
        <translation>作业 #%1 未能同步：无法读写本机副本（磁盘是否已满？）。它的修改仍会保留。</translation>
    </message>
    <message>
        <source>Job #%1 was not taken offline: the offline jobs would need more than the %2 allowed (%3 used). Remove jobs you no longer need offline, or allow more space.</source>
        <translation>作业 #%1 未设为离线可用：离线作业所需空间将超过允许的 %2（已用 %3）。请移除不再需要离线的作业，或调大允许的空间。</translation>
    </message>
    <message>
        <source>Job #%1&apos;s edits could not be written to %2.</source>
        <translation>无法将作业 #%1 的修改写入 %2。</translation>
    </message>
    <message numerus="yes">
        <source>Job #%1: %n change(s) here conflict with the server&apos;s; open it to resolve them.</source>
        <translation>
            <numerusform>作业 #%1：本机有 %n 处修改与服务器上的修改冲突；请打开该作业解决冲突。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Job #%1: %n change(s) here conflict with the server&apos;s; resolve them in its window.</source>
        <translation>
            <numerusform>作业 #%1：本机有 %n 处修改与服务器上的修改冲突；请在其窗口中解决冲突。</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing job #%1…</source>
        <translation>正在同步作业 #%1…</translation>
    </message>
    <message>
        <source>Taking job #%1 offline was cancelled; what was downloaded is kept.</source>
        <translation>已取消将作业 #%1 设为离线可用；已下载的内容会保留。</translation>
    </message>
    <message>
        <source>The offline jobs could not be read from this computer&apos;s disk.</source>
        <translation>无法从本机磁盘读取离线作业。</translation>
    </message>
</context>
<context>
    <name>OfflineJobsModel</name>
    <message>
        <source>As far as this computer knows: the server has not been asked yet.</source>
        <translation>这是本机所知的状态：尚未向服务器查询。</translation>
    </message>
    <message>
        <source>Base version</source>
        <translation>基准版本</translation>
    </message>
    <message>
        <source>Cannot be synced</source>
        <translation>无法同步</translation>
    </message>
    <message>
        <source>Changed here</source>
        <translation>本机有修改</translation>
    </message>
    <message>
        <source>Changed on the server</source>
        <translation>服务器上有修改</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>有冲突</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>有冲突（%1）</translation>
    </message>
    <message>
        <source>Download unfinished</source>
        <translation>下载未完成</translation>
    </message>
    <message>
        <source>Edits made here and not yet sent to the server</source>
        <translation>在本机所做、尚未发送到服务器的修改</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>In sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Job #%1</source>
        <translation>作业 #%1</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Local changes</source>
        <translation>本机修改</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>占用空间</translation>
    </message>
    <message>
        <source>Some frames are not on this computer yet: take the job offline again to resume.</source>
        <translation>部分帧尚未下载到本机：再次将该作业设为离线可用即可继续下载。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>The server&apos;s annotation version the local copy is based on</source>
        <translation>本机副本所基于的服务器标注版本</translation>
    </message>
</context>
<context>
    <name>OfflineJobsWindow</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭提示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export local edits…</source>
        <translation>导出本地修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Remove anyway</source>
        <translation>仍然移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>移除(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>Allowed &amp;space (GB):</source>
        <translation>允许的空间（GB）(&amp;S)：</translation>
    </message>
    <message>
        <source>CVAT for images 1.1 (*.xml)</source>
        <translation>CVAT for images 1.1 格式 (*.xml)</translation>
    </message>
    <message>
        <source>CVAT for images 1.1, zipped (*.zip)</source>
        <translation>CVAT for images 1.1 格式，压缩 (*.zip)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Export local edits</source>
        <translation>导出本地修改</translation>
    </message>
    <message numerus="yes">
        <source>Job #%1 holds %n edit(s) made here and not yet sent to the server. Remove it anyway? Those edits are lost.</source>
        <translation>
            <numerusform>作业 #%1 有 %n 处在本机所做、尚未发送到服务器的修改。仍要移除吗？这些修改将会丢失。</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 of %2</source>
        <translation>第 %1 个，共 %2 个作业</translation>
    </message>
    <message>
        <source>Jobs are not taken offline beyond this much disk space</source>
        <translation>离线作业占用的磁盘空间不会超过此值</translation>
    </message>
    <message>
        <source>No job is offline yet. Take jobs offline from a task&apos;s jobs (right-click), the Task menu or My jobs.</source>
        <translation>还没有离线作业。可在任务的作业列表（右键）、“任务”菜单或“我的作业”中将作业设为离线可用。</translation>
    </message>
    <message>
        <source>Offline jobs</source>
        <translation>离线作业</translation>
    </message>
    <message>
        <source>Offline jobs use %1 of %2.</source>
        <translation>离线作业已用 %1，共允许 %2。</translation>
    </message>
    <message>
        <source>Open the job in its window (Enter)</source>
        <translation>在作业窗口中打开（Enter）</translation>
    </message>
    <message>
        <source>Original &amp;quality</source>
        <translation>原始画质(&amp;Q)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Remove offline job</source>
        <translation>移除离线作业</translation>
    </message>
    <message>
        <source>Remove the selected jobs from this computer (Delete)</source>
        <translation>从本机移除所选作业（Delete）</translation>
    </message>
    <message>
        <source>Save the job as edited here to a file in CVAT&apos;s format</source>
        <translation>将本机修改后的作业保存为 CVAT 格式的文件</translation>
    </message>
    <message>
        <source>Send the selected jobs&apos; local changes and take the server&apos;s (Ctrl+Shift+S)</source>
        <translation>发送所选作业的本机修改，并获取服务器上的修改（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Sign in to that job&apos;s server to open or sync it.</source>
        <translation>请登录该作业所在的服务器后再打开或同步。</translation>
    </message>
    <message>
        <source>Stop taking jobs offline; what was downloaded is kept</source>
        <translation>停止将作业设为离线可用；已下载的内容会保留</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync &amp;all</source>
        <translation>全部同步(&amp;A)</translation>
    </message>
    <message>
        <source>Sync every job of this server that changed here</source>
        <translation>同步此服务器上在本机有修改的每个作业</translation>
    </message>
    <message>
        <source>Sync when the &amp;connection comes back</source>
        <translation>连接恢复时自动同步(&amp;C)</translation>
    </message>
    <message>
        <source>Take jobs offline with their frames as uploaded (larger) instead of the compressed chunks</source>
        <translation>离线时下载上传时的原始帧（较大），而不是压缩后的数据块</translation>
    </message>
    <message>
        <source>Taking job #%1 offline: %2 received, %3 of %4 frames here</source>
        <translation>正在将作业 #%1 设为离线可用：已接收 %2，已有 %3 / %4 帧</translation>
    </message>
    <message>
        <source>Taking job #%1 offline: reading it…</source>
        <translation>正在将作业 #%1 设为离线可用：正在读取…</translation>
    </message>
    <message>
        <source>When the server answers again, send the jobs changed here (conflicts wait for you)</source>
        <translation>服务器恢复响应后，发送在本机有修改的作业（有冲突的作业会等您处理）</translation>
    </message>
</context>
<context>
    <name>Pager</name>
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
        <source>First page</source>
        <translation>第一页</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>最后一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
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
    <name>ProfilePanel</name>
    <message>
        <source>&amp;E-mail</source>
        <translation>电子邮箱(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>名(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>姓(&amp;L)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>用户组</translation>
    </message>
    <message>
        <source>Only an administrator can change the e-mail address on this server.</source>
        <translation>在此服务器上，只有管理员可以修改电子邮箱地址。</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
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
    <name>ProjectBrowsing</name>
    <message>
        <source>&amp;Delete project and tasks</source>
        <translation>删除项目及其任务(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete project…</source>
        <translation>删除项目(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Rename or reassign…</source>
        <translation>重命名或重新指派(&amp;R)…</translation>
    </message>
    <message>
        <source>Create a project on the server</source>
        <translation>在服务器上创建项目</translation>
    </message>
    <message>
        <source>Delete project</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Delete project #%1 and all its tasks</source>
        <translation>删除项目 #%1 及其全部任务</translation>
    </message>
    <message>
        <source>Delete project #%1 “%2”? All its tasks are deleted with it on the server, with their jobs, annotations and media. This cannot be undone.</source>
        <translation>删除项目 #%1“%2”？服务器上该项目的全部任务会随之删除，包括其作业、标注和媒体。此操作无法撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Delete project #%1 “%2”? Its %Ln task(s) are deleted with it on the server, with their jobs, annotations and media. This cannot be undone.</source>
        <translation>
            <numerusform>删除项目 #%1“%2”？服务器上该项目的 %Ln 个任务会随之删除，包括其作业、标注和媒体。此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to the projects &amp;list</source>
        <translation>转到项目列表(&amp;L)</translation>
    </message>
    <message>
        <source>Offline: projects cannot be changed until the server is back.</source>
        <translation>离线：服务器恢复之前无法更改项目。</translation>
    </message>
    <message>
        <source>Only the project&apos;s owner and admins may delete it.</source>
        <translation>只有项目所有者和管理员可以删除它。</translation>
    </message>
    <message>
        <source>Only the project&apos;s owner, its assignee and admins may change it.</source>
        <translation>只有项目所有者、负责人和管理员可以更改它。</translation>
    </message>
    <message>
        <source>Only the user and admin groups may create projects.</source>
        <translation>只有用户组和管理员组可以创建项目。</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Rename project #%1 or change its assignee</source>
        <translation>重命名项目 #%1 或更改其负责人</translation>
    </message>
    <message>
        <source>Select a project first.</source>
        <translation>请先选择一个项目。</translation>
    </message>
    <message>
        <source>Show or hide the projects list</source>
        <translation>显示或隐藏项目列表</translation>
    </message>
    <message>
        <source>The task table shows all tasks.</source>
        <translation>任务表显示全部任务。</translation>
    </message>
    <message>
        <source>The task table shows the tasks of project #%1 “%2”.</source>
        <translation>任务表显示项目 #%1“%2”的任务。</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>&amp;Assignee:</source>
        <translation>负责人(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Issue tracker:</source>
        <translation>问题跟踪地址(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Enter a name for the project.</source>
        <translation>请输入项目名称。</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>未保存任何内容。%1</translation>
    </message>
    <message>
        <source>Project #%1</source>
        <translation>项目 #%1</translation>
    </message>
    <message>
        <source>You may not change this project: only its owner, its assignee and administrators can (error 403).</source>
        <translation>您无权更改此项目：只有其所有者、负责人和管理员可以更改（错误 403）。</translation>
    </message>
    <message>
        <source>You may not create projects: only users and administrators can (error 403).</source>
        <translation>您无权创建项目：只有用户组成员和管理员可以创建（错误 403）。</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
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
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The server cannot sort by this</source>
        <translation>服务器无法按此排序</translation>
    </message>
</context>
<context>
    <name>ProjectsController</name>
    <message>
        <source>Deleting project #%1 and its tasks…</source>
        <translation>正在删除项目 #%1 及其任务…</translation>
    </message>
    <message>
        <source>Project #%1 “%2” created.</source>
        <translation>项目 #%1“%2”已创建。</translation>
    </message>
    <message>
        <source>Project #%1 “%2” saved.</source>
        <translation>项目 #%1“%2”已保存。</translation>
    </message>
    <message>
        <source>Project #%1 “%2” was deleted with its tasks.</source>
        <translation>项目 #%1“%2”及其任务已删除。</translation>
    </message>
    <message>
        <source>Project #%1 “%2” was not deleted. %3</source>
        <translation>项目 #%1“%2”未删除。%3</translation>
    </message>
    <message>
        <source>The projects could not be loaded. %1</source>
        <translation>无法加载项目。%1</translation>
    </message>
</context>
<context>
    <name>ProjectsPane</name>
    <message numerus="yes">
        <source>%Ln project(s) in all</source>
        <translation>
            <numerusform>共 %Ln 个项目</numerusform>
        </translation>
    </message>
    <message>
        <source>All tas&amp;ks</source>
        <translation>全部任务(&amp;K)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Assignee filter</source>
        <translation>负责人筛选</translation>
    </message>
    <message>
        <source>Only projects whose assignee&apos;s username contains this</source>
        <translation>只显示负责人用户名包含此内容的项目</translation>
    </message>
    <message>
        <source>Only projects whose owner&apos;s username contains this</source>
        <translation>只显示所有者用户名包含此内容的项目</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Owner filter</source>
        <translation>所有者筛选</translation>
    </message>
    <message>
        <source>Search projects (name, owner, assignee, status)…</source>
        <translation>搜索项目（名称、所有者、负责人、状态）…</translation>
    </message>
    <message>
        <source>Show every task again, in whatever project</source>
        <translation>重新显示全部任务，不论属于哪个项目</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
</context>
<context>
    <name>PropagateBar</name>
    <message>
        <source> frame(s)</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>&amp;Propagate</source>
        <translation>传播(&amp;P)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Propagate to the next</source>
        <translation>传播到后续</translation>
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
    <name>RestorePrompt</name>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Restore them to go on where you stopped, or discard them to work on the job as the server has it.</source>
        <translation>恢复这些修改以便从上次停下的地方继续，或放弃它们，按服务器上的版本工作。</translation>
    </message>
    <message numerus="yes">
        <source>This job has %n unsaved edit(s) from %1, left by an earlier session.</source>
        <translation>
            <numerusform>此作业有 %n 处来自 %1 的未保存修改，是之前的会话留下的。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This job has %n unsaved edit(s) left by an earlier session.</source>
        <translation>
            <numerusform>此作业有 %n 处之前的会话留下的未保存修改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved edits found</source>
        <translation>发现未保存的修改</translation>
    </message>
</context>
<context>
    <name>SaveActions</name>
    <message>
        <source>%1 Other users&apos; changes were merged in.</source>
        <translation>%1 已合并其他用户的修改。</translation>
    </message>
    <message>
        <source>%1 The job is marked completed.</source>
        <translation>%1 作业已标记为已完成。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Not saved yet: %n change(s) conflict with another user&apos;s; choose.</source>
        <translation>
            <numerusform>尚未保存：%n 处修改与另一位用户的修改冲突，请选择。</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: your changes are kept on this computer and will be synced when the server answers again.</source>
        <translation>离线：你的修改保存在这台电脑上，服务器恢复连接后会同步。</translation>
    </message>
    <message>
        <source>Save and mark the job &amp;completed</source>
        <translation>保存并将作业标记为已完成(&amp;C)</translation>
    </message>
    <message>
        <source>Save your edits to the server (other users&apos; changes are merged in)</source>
        <translation>将您的修改保存到服务器（会合并其他用户的修改）</translation>
    </message>
    <message>
        <source>Save your edits, then set the job&apos;s status to completed</source>
        <translation>保存您的修改，然后将作业状态设为已完成</translation>
    </message>
    <message>
        <source>Saved: %1 new, %2 changed, %3 deleted.</source>
        <translation>已保存：新增 %1，修改 %2，删除 %3。</translation>
    </message>
    <message>
        <source>Saved; nothing had changed.</source>
        <translation>已保存；没有任何修改。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ServerWords</name>
    <message>
        <source>A user with that username already exists.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>Enter a valid e-mail address.</source>
        <translation>请输入有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>This password has only digits.</source>
        <translation>此密码只包含数字。</translation>
    </message>
    <message>
        <source>This password is too common.</source>
        <translation>此密码太常见。</translation>
    </message>
    <message>
        <source>This password is too short: it needs at least %1 characters.</source>
        <translation>此密码太短：至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>This password is too similar to your e-mail address.</source>
        <translation>此密码与您的电子邮箱地址太相似。</translation>
    </message>
    <message>
        <source>This password is too similar to your first name.</source>
        <translation>此密码与您的名字太相似。</translation>
    </message>
    <message>
        <source>This password is too similar to your last name.</source>
        <translation>此密码与您的姓氏太相似。</translation>
    </message>
    <message>
        <source>This password is too similar to your username.</source>
        <translation>此密码与您的用户名太相似。</translation>
    </message>
    <message>
        <source>This server does not let you change your %1.</source>
        <translation>此服务器不允许您修改%1。</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>太长：最多 %1 个字符。</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>电子邮箱地址</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>用户组</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>姓氏</translation>
    </message>
    <message>
        <source>staff status</source>
        <translation>职员身份</translation>
    </message>
    <message>
        <source>superuser status</source>
        <translation>超级用户身份</translation>
    </message>
    <message>
        <source>username</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>ShapeType</name>
    <message>
        <source>cuboid</source>
        <translation>长方体</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>polyline</source>
        <translation>折线</translation>
    </message>
    <message>
        <source>rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签(整帧)</translation>
    </message>
</context>
<context>
    <name>ShortcutsAction</name>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>%1 is already used by: %2. Nothing was changed.</source>
        <translation>%1 已被以下操作使用：%2。未作任何更改。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>CVAT&apos;s keys for this action are used by: %1.</source>
        <translation>此操作的 CVAT 默认按键已被以下操作使用：%1。</translation>
    </message>
    <message>
        <source>Double-click the keys of an action and press new ones.</source>
        <translation>双击某个操作的按键，然后按下新的按键。</translation>
    </message>
    <message>
        <source>Every action has CVAT&apos;s keys again.</source>
        <translation>所有操作已恢复 CVAT 的默认按键。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Reset all to CVAT&apos;s keys</source>
        <translation>全部恢复为 CVAT 的按键</translation>
    </message>
    <message>
        <source>Reset the selected</source>
        <translation>重置所选项</translation>
    </message>
    <message>
        <source>“%1” is now %2.</source>
        <translation>“%1”现在是 %2。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>留下(&amp;S)</translation>
    </message>
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
        <source>Quit annodesk</source>
        <translation>退出 annodesk</translation>
    </message>
    <message>
        <source>Quit annodesk? What you typed here is not kept.</source>
        <translation>退出 annodesk？此处输入的内容不会保留。</translation>
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
    <name>TagsPanel</name>
    <message>
        <source>No tags on this frame.</source>
        <translation>本帧没有整帧标签。</translation>
    </message>
</context>
<context>
    <name>TaskAuthoring</name>
    <message>
        <source>&amp;Edit task…</source>
        <translation>编辑任务(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>新建任务(&amp;N)…</translation>
    </message>
    <message>
        <source>Change the name, assignee, issue tracker or labels of this task</source>
        <translation>修改此任务的名称、负责人、问题跟踪地址或标签</translation>
    </message>
    <message>
        <source>Create a task on the server</source>
        <translation>在服务器上创建任务</translation>
    </message>
    <message>
        <source>Offline: tasks cannot be changed until the server is back.</source>
        <translation>离线：服务器恢复连接前无法修改任务。</translation>
    </message>
    <message>
        <source>Offline: tasks cannot be created until the server is back.</source>
        <translation>离线：服务器恢复连接前无法创建任务。</translation>
    </message>
    <message>
        <source>Task #%1 created.</source>
        <translation>任务 #%1 已创建。</translation>
    </message>
    <message>
        <source>Task #%1 created. It is not on this page: clear the search to see it.</source>
        <translation>任务 #%1 已创建，但不在当前页：清除搜索条件即可看到。</translation>
    </message>
    <message>
        <source>Task #%1 saved.</source>
        <translation>任务 #%1 已保存。</translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message numerus="yes">
        <source>%Ln task(s) found</source>
        <translation>
            <numerusform>找到 %Ln 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Something went wrong (%1); the details are in the log.</source>
        <translation>出现问题（%1）；详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>TaskDeletion</name>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete task…</source>
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
        <source>Loading…</source>
        <translation>正在加载…</translation>
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
    <name>TaskForm</name>
    <message>
        <source>Enter the issue&apos;s full address, like https://tracker.example.com/issues/12.</source>
        <translation>请输入问题的完整地址，例如 https://tracker.example.com/issues/12。</translation>
    </message>
    <message>
        <source>The server did not accept this.</source>
        <translation>服务器不接受此内容。</translation>
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
    <name>ToolPalette</name>
    <message>
        <source>&amp;Shape</source>
        <translation>形状(&amp;S)</translation>
    </message>
    <message>
        <source>A polygon, polyline or points finishes by itself at this many points (0: when you press N)</source>
        <translation>多边形、折线或点达到这个点数时自动完成（0：按 N 时完成）</translation>
    </message>
    <message>
        <source>A track: the object on this frame as its first keyframe</source>
        <translation>轨迹：对象在这一帧上作为它的第一个关键帧</translation>
    </message>
    <message>
        <source>By 2 points</source>
        <translation>两点</translation>
    </message>
    <message>
        <source>By 4 points</source>
        <translation>四点</translation>
    </message>
    <message>
        <source>Cuboid</source>
        <translation>长方体</translation>
    </message>
    <message>
        <source>Draw a cuboid</source>
        <translation>绘制长方体</translation>
    </message>
    <message>
        <source>Draw a polygon: click its points, N or Enter finishes</source>
        <translation>绘制多边形：逐个点击顶点，按 N 或回车完成</translation>
    </message>
    <message>
        <source>Draw a polyline: click its points, N or Enter finishes</source>
        <translation>绘制折线：逐个点击顶点，按 N 或回车完成</translation>
    </message>
    <message>
        <source>Draw a rectangle: two clicks or a drag</source>
        <translation>绘制矩形：点击两次或拖动</translation>
    </message>
    <message>
        <source>Draw as</source>
        <translation>绘制为</translation>
    </message>
    <message>
        <source>From a rectangle</source>
        <translation>由矩形</translation>
    </message>
    <message>
        <source>Number of points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Place points: click each, N or Enter finishes</source>
        <translation>放置点：逐个点击，按 N 或回车完成</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Polyline</source>
        <translation>折线</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Select and edit objects (Esc)</source>
        <translation>选择并编辑对象（Esc）</translation>
    </message>
    <message>
        <source>T&amp;rack</source>
        <translation>轨迹(&amp;R)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>整帧标签</translation>
    </message>
    <message>
        <source>Tag this frame with the label</source>
        <translation>给这一帧加上所选标签（整帧标签）</translation>
    </message>
    <message>
        <source>any (N ends)</source>
        <translation>不限（按 N 结束）</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Cancelled. Nothing was imported.</source>
        <translation>已取消，未导入任何内容。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was saved.</source>
        <translation>已取消，未保存任何文件。</translation>
    </message>
    <message>
        <source>Dataset export of task #%1 “%2” (%3)</source>
        <translation>导出任务 #%1“%2”的数据集（%3）</translation>
    </message>
    <message>
        <source>Downloading… %1</source>
        <translation>正在下载… %1</translation>
    </message>
    <message>
        <source>Downloading… %1 of %2</source>
        <translation>正在下载… %1 / %2</translation>
    </message>
    <message>
        <source>Export of task #%1 “%2” (%3)</source>
        <translation>导出任务 #%1“%2”的标注（%3）</translation>
    </message>
    <message>
        <source>Import into job #%1 of task #%2 (%3)</source>
        <translation>导入到任务 #%2 的作业 #%1（%3）</translation>
    </message>
    <message>
        <source>Import into task #%1 “%2” (%3)</source>
        <translation>导入到任务 #%1“%2”（%3）</translation>
    </message>
    <message numerus="yes">
        <source>Imported. Job #%1 now has %Ln object(s).</source>
        <translation>
            <numerusform>导入完成。作业 #%1 现有 %Ln 个对象。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported. Task #%1 now has %Ln object(s).</source>
        <translation>
            <numerusform>导入完成。任务 #%1 现有 %Ln 个对象。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing on the server…</source>
        <translation>正在服务器上导入…</translation>
    </message>
    <message>
        <source>Preparing on the server…</source>
        <translation>正在服务器上准备…</translation>
    </message>
    <message>
        <source>Reading back the annotations…</source>
        <translation>正在读取导入后的标注…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Shapes: %1 · tracks: %2 · tags: %3</source>
        <translation>形状：%1 · 轨迹：%2 · 标记：%3</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stopped waiting. The server already has the file and may still replace the annotations.</source>
        <translation>已停止等待。服务器已收到文件，仍可能完成标注替换。</translation>
    </message>
    <message>
        <source>The file %1 could not be read: %2</source>
        <translation>无法读取文件 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2</source>
        <translation>无法写入文件 %1：%2</translation>
    </message>
    <message>
        <source>The server has the format “%1” disabled. Choose another format.</source>
        <translation>服务器已停用格式“%1”，请选择其他格式。</translation>
    </message>
    <message>
        <source>Uploading… %1 of %2</source>
        <translation>正在上传… %1 / %2</translation>
    </message>
    <message>
        <source>Waiting for the server to finish the earlier import…</source>
        <translation>正在等待服务器完成之前的导入…</translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message>
        <source>&amp;Export annotations…</source>
        <translation>导出标注(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import annotations into job #%1…</source>
        <translation>将标注导入作业 #%1(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Import annotations…</source>
        <translation>导入标注(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Transfers…</source>
        <translation>传输列表(&amp;T)…</translation>
    </message>
    <message>
        <source>Export of task #%1 cancelled.</source>
        <translation>已取消导出任务 #%1。</translation>
    </message>
    <message>
        <source>Export of task #%1 failed (see Transfers).</source>
        <translation>导出任务 #%1 失败（详见传输列表）。</translation>
    </message>
    <message>
        <source>Import into job #%1 cancelled.</source>
        <translation>已取消导入作业 #%1。</translation>
    </message>
    <message>
        <source>Import into job #%1 failed (see Transfers).</source>
        <translation>导入作业 #%1 失败（详见传输列表）。</translation>
    </message>
    <message>
        <source>Import into task #%1 cancelled.</source>
        <translation>已取消导入任务 #%1。</translation>
    </message>
    <message>
        <source>Import into task #%1 failed (see Transfers).</source>
        <translation>导入任务 #%1 失败（详见传输列表）。</translation>
    </message>
    <message numerus="yes">
        <source>Imported into job #%1: it now has %Ln object(s).</source>
        <translation>
            <numerusform>已导入作业 #%1，现有 %Ln 个对象。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported into task #%1: it now has %Ln object(s).</source>
        <translation>
            <numerusform>已导入任务 #%1，现有 %Ln 个对象。</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace the task&apos;s annotations with those of a file</source>
        <translation>用文件中的标注替换任务的标注</translation>
    </message>
    <message>
        <source>Save the task&apos;s annotations, or its whole dataset, as a file</source>
        <translation>将任务的标注或整个数据集保存为文件</translation>
    </message>
    <message>
        <source>Task #%1 exported to %2</source>
        <translation>已将任务 #%1 导出到 %2</translation>
    </message>
    <message numerus="yes">
        <source>⇅ %n transfer(s) running</source>
        <translation>
            <numerusform>⇅ %n 个传输正在进行</numerusform>
        </translation>
    </message>
    <message>
        <source>⇅ Transfers</source>
        <translation>⇅ 传输列表</translation>
    </message>
</context>
<context>
    <name>TransferPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the saved file&apos;s folder in the file manager</source>
        <translation>在文件管理器中显示已保存文件所在的文件夹</translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message>
        <source>%1 of %2</source>
        <translation>已发送 %1，共 %2</translation>
    </message>
    <message>
        <source>%1 of %2 · %3/s</source>
        <translation>已发送 %1，共 %2 · %3/秒</translation>
    </message>
</context>
<context>
    <name>TransfersWindow</name>
    <message>
        <source>Clear finished</source>
        <translation>清除已结束的</translation>
    </message>
    <message>
        <source>No exports or imports yet.</source>
        <translation>还没有导入或导出。</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输列表</translation>
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
    <name>UserPicker</name>
    <message>
        <source>User #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <source>— Nobody —</source>
        <translation>— 无 —</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <source>Frame %1 could not be loaded.</source>
        <translation>无法加载第 %1 帧。</translation>
    </message>
    <message>
        <source>Job #%1 could not be opened.</source>
        <translation>无法打开作业 #%1。</translation>
    </message>
    <message>
        <source>Job #%1 could not be opened; to work on it with no network, take it offline first.</source>
        <translation>无法打开作业 #%1；如需在无网络时处理它，请先将其设为离线可用。</translation>
    </message>
    <message>
        <source>Some objects of this frame could not be read.</source>
        <translation>本帧的部分对象无法读取。</translation>
    </message>
    <message>
        <source>Something went wrong in the workspace; the details are in the log.</source>
        <translation>工作区出错，详情见日志。</translation>
    </message>
    <message>
        <source>Status saved.</source>
        <translation>状态已保存。</translation>
    </message>
    <message>
        <source>The offline copy of job #%1 could not be read.</source>
        <translation>无法读取作业 #%1 的离线副本。</translation>
    </message>
    <message>
        <source>The status of job #%1 was not changed.</source>
        <translation>作业 #%1 的状态未更改。</translation>
    </message>
    <message>
        <source>You may not change the status of job #%1; it stays as it was.</source>
        <translation>您无权更改作业 #%1 的状态，状态保持不变。</translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
    <message>
        <source>&amp;Actual size (1:1)</source>
        <translation>实际大小 (1:1)(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Colour by</source>
        <translation>着色方式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Fit the frame</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>按分组(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Instance</source>
        <translation>按实例(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>作业(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>按标签(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Original quality</source>
        <translation>原始画质(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Texts of every object</source>
        <translation>显示所有对象的文字(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Zoom to selection</source>
        <translation>缩放到所选(&amp;Z)</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Attributes in the &amp;texts</source>
        <translation>文字中显示属性(&amp;T)</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Frame %1 of %2–%3</source>
        <translation>第 %1 帧（%2–%3）</translation>
    </message>
    <message>
        <source>Frames as uploaded, fetched one by one (slower than the chunks)</source>
        <translation>按上传时的原样逐帧获取（比数据块慢）</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Job #%1</source>
        <translation>作业 #%1</translation>
    </message>
    <message>
        <source>Job #%1 · %2 · frames %3–%4</source>
        <translation>作业 #%1 · %2 · 帧 %3–%4</translation>
    </message>
    <message>
        <source>Job info</source>
        <translation>作业信息</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Next object (Tab)</source>
        <translation>下一个对象（Tab）</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Pixel &amp;grid</source>
        <translation>像素网格(&amp;G)</translation>
    </message>
    <message>
        <source>Previous object (Shift+Tab)</source>
        <translation>上一个对象（Shift+Tab）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>整帧标签</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation>位置 x %1，y %2</translation>
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
        <source>The server&apos;s answer is too large (over %1 MB), so it was not read. If this server really sends that much, raise annodesk&apos;s answer size limit.</source>
        <translation>服务器的响应过大（超过 %1 MB），因此未读取。如果该服务器确实会发送这么多数据，请提高 annodesk 的响应大小上限。</translation>
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

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConflictView</name>
    <message numerus="yes">
        <source>Another user changed this job while you worked. %n change(s) could not be combined with yours: choose what to keep for each, then save.</source>
        <translation>
            <numerusform>Another user changed this job while you worked. %n change could not be combined with yours: choose what to keep, then save.</numerusform>
            <numerusform>Another user changed this job while you worked. %n changes could not be combined with yours: choose what to keep for each, then save.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Another user changed this job while you worked. %n change(s) could not be combined with yours; each has a choice: save when ready.</source>
        <translation>
            <numerusform>Another user changed this job while you worked. %n change could not be combined with yours; it has a choice: save when ready.</numerusform>
            <numerusform>Another user changed this job while you worked. %n changes could not be combined with yours; each has a choice: save when ready.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateTaskDialog</name>
    <message numerus="yes">
        <source>Uploading %n file(s)…</source>
        <translation>
            <numerusform>Uploading %n file…</numerusform>
            <numerusform>Uploading %n files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditableJobTreeModel</name>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n job</numerusform>
            <numerusform>%n jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message numerus="yes">
        <source>%n file(s) left out: a file of the same name is in the list already (%1). The server keeps files by name.</source>
        <translation>
            <numerusform>%n file left out: a file of the same name is in the list already (%1). The server keeps files by name.</numerusform>
            <numerusform>%n files left out: a file of the same name is in the list already (%1). The server keeps files by name.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n file, %1 in all</numerusform>
            <numerusform>%n files, %1 in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobTreeModel</name>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n job</numerusform>
            <numerusform>%n jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelEditor</name>
    <message numerus="yes">
        <source>%n problem(s) to fix in the labels marked in red.</source>
        <translation>
            <numerusform>%n problem to fix in the labels marked in red.</numerusform>
            <numerusform>%n problems to fix in the labels marked in red.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelListModel</name>
    <message numerus="yes">
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n problem to fix</numerusform>
            <numerusform>%n problems to fix</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelTreeModel</name>
    <message numerus="yes">
        <source>label · %n attribute(s)</source>
        <translation>
            <numerusform>label · %n attribute</numerusform>
            <numerusform>label · %n attributes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyJobsView</name>
    <message numerus="yes">
        <source>%n job(s) assigned to you</source>
        <translation>
            <numerusform>%n job assigned to you</numerusform>
            <numerusform>%n jobs assigned to you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ObjectsPanel</name>
    <message numerus="yes">
        <source>%n object(s) on this frame</source>
        <translation>
            <numerusform>%n object on this frame</numerusform>
            <numerusform>%n objects on this frame</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineActions</name>
    <message numerus="yes">
        <source>Keep the task&apos;s %n job(s) on this computer for work with no network</source>
        <translation>
            <numerusform>Keep the task&apos;s %n job on this computer for work with no network</numerusform>
            <numerusform>Keep the task&apos;s %n jobs on this computer for work with no network</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take the %n selected job(s) o&amp;ffline</source>
        <translation>
            <numerusform>Take the %n selected job o&amp;ffline</numerusform>
            <numerusform>Take the %n selected jobs o&amp;ffline</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message numerus="yes">
        <source>%n change(s) made offline are back; they are synced when you save.</source>
        <translation>
            <numerusform>%n change made offline is back; it is synced when you save.</numerusform>
            <numerusform>%n changes made offline are back; they are synced when you save.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineJobsController</name>
    <message numerus="yes">
        <source>Job #%1: %n change(s) here conflict with the server&apos;s; open it to resolve them.</source>
        <translation>
            <numerusform>Job #%1: %n change here conflicts with the server&apos;s; open it to resolve it.</numerusform>
            <numerusform>Job #%1: %n changes here conflict with the server&apos;s; open it to resolve them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Job #%1: %n change(s) here conflict with the server&apos;s; resolve them in its window.</source>
        <translation>
            <numerusform>Job #%1: %n change here conflicts with the server&apos;s; resolve it in its window.</numerusform>
            <numerusform>Job #%1: %n changes here conflict with the server&apos;s; resolve them in its window.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineJobsWindow</name>
    <message numerus="yes">
        <source>Job #%1 holds %n edit(s) made here and not yet sent to the server. Remove it anyway? Those edits are lost.</source>
        <translation>
            <numerusform>Job #%1 holds %n edit made here and not yet sent to the server. Remove it anyway? That edit is lost.</numerusform>
            <numerusform>Job #%1 holds %n edits made here and not yet sent to the server. Remove it anyway? Those edits are lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message numerus="yes">
        <source>%Ln task(s) in all</source>
        <translation>
            <numerusform>%Ln task in all</numerusform>
            <numerusform>%Ln tasks in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n per page</source>
        <translation>
            <numerusform>%n per page</numerusform>
            <numerusform>%n per page</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectBrowsing</name>
    <message numerus="yes">
        <source>Delete project #%1 “%2”? Its %Ln task(s) are deleted with it on the server, with their jobs, annotations and media. This cannot be undone.</source>
        <translation>
            <numerusform>Delete project #%1 “%2”? Its %Ln task is deleted with it on the server, with its jobs, annotations and media. This cannot be undone.</numerusform>
            <numerusform>Delete project #%1 “%2”? Its %Ln tasks are deleted with it on the server, with their jobs, annotations and media. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectsPane</name>
    <message numerus="yes">
        <source>%Ln project(s) in all</source>
        <translation>
            <numerusform>%Ln project in all</numerusform>
            <numerusform>%Ln projects in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestorePrompt</name>
    <message numerus="yes">
        <source>This job has %n unsaved edit(s) from %1, left by an earlier session.</source>
        <translation>
            <numerusform>This job has %n unsaved edit from %1, left by an earlier session.</numerusform>
            <numerusform>This job has %n unsaved edits from %1, left by an earlier session.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This job has %n unsaved edit(s) left by an earlier session.</source>
        <translation>
            <numerusform>This job has %n unsaved edit left by an earlier session.</numerusform>
            <numerusform>This job has %n unsaved edits left by an earlier session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveActions</name>
    <message numerus="yes">
        <source>Not saved yet: %n change(s) conflict with another user&apos;s; choose.</source>
        <translation>
            <numerusform>Not saved yet: %n change conflicts with another user&apos;s; choose.</numerusform>
            <numerusform>Not saved yet: %n changes conflict with another user&apos;s; choose.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message numerus="yes">
        <source>%Ln task(s) found</source>
        <translation>
            <numerusform>%Ln task found</numerusform>
            <numerusform>%Ln tasks found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskDetails</name>
    <message numerus="yes">
        <source>compressed %1, original %2, %n frame(s) per chunk</source>
        <translation>
            <numerusform>compressed %1, original %2, %n frame per chunk</numerusform>
            <numerusform>compressed %1, original %2, %n frames per chunk</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message numerus="yes">
        <source>Imported. Job #%1 now has %Ln object(s).</source>
        <translation>
            <numerusform>Imported. Job #%1 now has %Ln object.</numerusform>
            <numerusform>Imported. Job #%1 now has %Ln objects.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported. Task #%1 now has %Ln object(s).</source>
        <translation>
            <numerusform>Imported. Task #%1 now has %Ln object.</numerusform>
            <numerusform>Imported. Task #%1 now has %Ln objects.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message numerus="yes">
        <source>Imported into job #%1: it now has %Ln object(s).</source>
        <translation>
            <numerusform>Imported into job #%1: it now has %Ln object.</numerusform>
            <numerusform>Imported into job #%1: it now has %Ln objects.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported into task #%1: it now has %Ln object(s).</source>
        <translation>
            <numerusform>Imported into task #%1: it now has %Ln object.</numerusform>
            <numerusform>Imported into task #%1: it now has %Ln objects.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⇅ %n transfer(s) running</source>
        <translation>
            <numerusform>⇅ %n transfer running</numerusform>
            <numerusform>⇅ %n transfers running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnsavedJobsNotice</name>
    <message numerus="yes">
        <source>%n job change(s) not saved. %1</source>
        <translation>
            <numerusform>%n job change not saved. %1</numerusform>
            <numerusform>%n job changes not saved. %1</numerusform>
        </translation>
    </message>
</context>
</TS>

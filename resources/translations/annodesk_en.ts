<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln task(s) found</source>
        <translation>
            <numerusform>%Ln task found</numerusform>
            <numerusform>%Ln tasks found</numerusform>
        </translation>
    </message>
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

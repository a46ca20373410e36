<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <source> (retry after %n s)</source>
        <translation>
            <numerusform> (retry after %n s)</numerusform>
            <numerusform> (retry after %n s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnablePlan</name>
    <message numerus="yes">
        <source>Resume %Ln cron(s) on %1?</source>
        <translation>
            <numerusform>Resume %Ln cron on %1?</numerusform>
            <numerusform>Resume %Ln crons on %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pause %Ln cron(s) on %1?</source>
        <translation>
            <numerusform>Pause %Ln cron on %1?</numerusform>
            <numerusform>Pause %Ln crons on %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them missed their next run while paused and will fire immediately, once:</source>
        <translation>
            <numerusform>%Ln of them missed its next run while paused and will fire immediately, once:</numerusform>
            <numerusform>%Ln of them missed their next run while paused and will fire immediately, once:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %Ln more.</source>
        <translation>
            <numerusform>  … and %Ln more.</numerusform>
            <numerusform>  … and %Ln more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected cron(s) already enabled: left as they are.</source>
        <translation>
            <numerusform>%Ln selected cron already enabled: left as they are.</numerusform>
            <numerusform>%Ln selected crons already enabled: left as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected cron(s) already paused: left as they are.</source>
        <translation>
            <numerusform>%Ln selected cron already paused: left as they are.</numerusform>
            <numerusform>%Ln selected crons already paused: left as they are.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MutationPolicy</name>
    <message numerus="yes">
        <source>This deletes %Ln crons on production profile “%1”.</source>
        <translation>
            <numerusform>This deletes %Ln cron on production profile “%1”.</numerusform>
            <numerusform>This deletes %Ln crons on production profile “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This pauses %Ln crons on production profile “%1”.</source>
        <translation>
            <numerusform>This pauses %Ln cron on production profile “%1”.</numerusform>
            <numerusform>This pauses %Ln crons on production profile “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more.</source>
        <translation>
            <numerusform>… and %Ln more.</numerusform>
            <numerusform>… and %Ln more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln cron(s) on %1?</source>
        <translation>
            <numerusform>Delete %Ln cron on %1?</numerusform>
            <numerusform>Delete %Ln crons on %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Delete %Ln cron(s)</source>
        <translation>
            <numerusform>&amp;Delete %Ln cron</numerusform>
            <numerusform>&amp;Delete %Ln crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Resume %Ln cron(s)</source>
        <translation>
            <numerusform>&amp;Resume %Ln cron</numerusform>
            <numerusform>&amp;Resume %Ln crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Pause %Ln cron(s)</source>
        <translation>
            <numerusform>&amp;Pause %Ln cron</numerusform>
            <numerusform>&amp;Pause %Ln crons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SafeText</name>
    <message numerus="yes">
        <source>… (%n more character(s))</source>
        <translation>
            <numerusform>… (%n more character)</numerusform>
            <numerusform>… (%n more characters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::api::ApiRequest</name>
    <message numerus="yes">
        <source>No complete answer within %n second(s)</source>
        <translation>
            <numerusform>No complete answer within %n second</numerusform>
            <numerusform>No complete answer within %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::models::FirePlan</name>
    <message numerus="yes">
        <source>%Ln fire(s)</source>
        <translation>
            <numerusform>%Ln fire</numerusform>
            <numerusform>%Ln fires</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::CronEditorDialog</name>
    <message numerus="yes">
        <source>Fix the fields marked in red before saving (%n found).</source>
        <translation>
            <numerusform>Fix the fields marked in red before saving (%n found).</numerusform>
            <numerusform>Fix the fields marked in red before saving (%n found).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1 of %Ln cron(s)</source>
        <translation>
            <numerusform>%1 of %Ln cron</numerusform>
            <numerusform>%1 of %Ln crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cron(s) match the metadata filter</source>
        <translation>
            <numerusform>%Ln cron matches the metadata filter</numerusform>
            <numerusform>%Ln crons match the metadata filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cron(s)</source>
        <translation>
            <numerusform>%Ln cron</numerusform>
            <numerusform>%Ln crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln cron id(s).</source>
        <translation>
            <numerusform>Copied %Ln cron id.</numerusform>
            <numerusform>Copied %Ln cron ids.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln row(s) with a header line.</source>
        <translation>
            <numerusform>Copied %Ln row with a header line.</numerusform>
            <numerusform>Copied %Ln rows with a header line.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln cron(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln cron to %1.</numerusform>
            <numerusform>Exported %Ln crons to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The filters hide all %Ln loaded cron(s).</source>
        <translation>
            <numerusform>The filters hide all %Ln loaded cron.</numerusform>
            <numerusform>The filters hide all %Ln loaded crons.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::TimelineView</name>
    <message numerus="yes">
        <source>Counting the fire times of %Ln cron(s)…</source>
        <translation>
            <numerusform>Counting the fire times of %Ln cron…</numerusform>
            <numerusform>Counting the fire times of %Ln crons…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 of the %Ln selected cron(s):</source>
        <translation>
            <numerusform>The first %1 of the %Ln selected cron:</numerusform>
            <numerusform>The first %1 of the %Ln selected crons:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected cron(s):</source>
        <translation>
            <numerusform>%Ln selected cron:</numerusform>
            <numerusform>%Ln selected crons:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the next 7 days from %Ln scheduled cron(s)</source>
        <translation>
            <numerusform>%1 in the next 7 days from %Ln scheduled cron</numerusform>
            <numerusform>%1 in the next 7 days from %Ln scheduled crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the next 24 hours from %Ln scheduled cron(s)</source>
        <translation>
            <numerusform>%1 in the next 24 hours from %Ln scheduled cron</numerusform>
            <numerusform>%1 in the next 24 hours from %Ln scheduled crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln paused</numerusform>
            <numerusform>%Ln paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ended</source>
        <translation>
            <numerusform>%Ln ended</numerusform>
            <numerusform>%Ln ended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unreadable</source>
        <translation>
            <numerusform>%Ln unreadable</numerusform>
            <numerusform>%Ln unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 from %Ln cron(s). Enter or a click shows them in the table.</source>
        <translation>
            <numerusform>%1: %2 from %Ln cron. Enter or a click shows it in the table.</numerusform>
            <numerusform>%1: %2 from %Ln crons. Enter or a click shows them in the table.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the %Ln cron(s) that fire %1 (from the Timeline).</source>
        <translation>
            <numerusform>Only the %Ln cron that fires %1 (from the Timeline).</numerusform>
            <numerusform>Only the %Ln crons that fire %1 (from the Timeline).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 from %Ln cron(s).</source>
        <translation>
            <numerusform>%1 from %Ln cron.</numerusform>
            <numerusform>%1 from %Ln crons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more cron(s).</source>
        <translation>
            <numerusform>and %Ln more cron.</numerusform>
            <numerusform>and %Ln more crons.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondeskctl</name>
    <message numerus="yes">
        <source>exported %n cron(s) to %1</source>
        <translation>
            <numerusform>exported %n cron to %1</numerusform>
            <numerusform>exported %n crons to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more cron(s) left out</source>
        <translation>
            <numerusform>and %n more cron left out</numerusform>
            <numerusform>and %n more crons left out</numerusform>
        </translation>
    </message>
</context>
</TS>

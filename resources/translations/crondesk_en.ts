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
    <message numerus="yes">
        <source>%n of the finding's crons are hidden by the filters or no longer listed.</source>
        <translation>
            <numerusform>%n of the finding's crons is hidden by the filters or no longer listed.</numerusform>
            <numerusform>%n of the finding's crons are hidden by the filters or no longer listed.</numerusform>
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
        <source>wrote %n finding(s) to %1</source>
        <translation>
            <numerusform>wrote %n finding to %1</numerusform>
            <numerusform>wrote %n findings to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) audited</source>
        <translation>
            <numerusform>%n cron audited</numerusform>
            <numerusform>%n crons audited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditReport</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) audited</source>
        <translation>
            <numerusform>%n cron audited</numerusform>
            <numerusform>%n crons audited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs per hour, next %n day(s) (UTC)</source>
        <translation>
            <numerusform>Runs per hour, next %n day (UTC)</numerusform>
            <numerusform>Runs per hour, next %n days (UTC)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in all; the busiest hour has %1.</source>
        <translation>
            <numerusform>%n run in all; the busiest hour has %1.</numerusform>
            <numerusform>%n runs in all; the busiest hour has %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message numerus="yes">
        <source>%n fire time(s) within the next %1 days fall on a clock change in %2: %3</source>
        <translation>
            <numerusform>%n fire time within the next %1 days falls on a clock change in %2: %3</numerusform>
            <numerusform>%n fire times within the next %1 days fall on a clock change in %2: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 crons fire in the same minute, %2, more than the policy's %3 (%n time(s) within the next %4 days): %5.</source>
        <translation>
            <numerusform>%1 crons fire in the same minute, %2, more than the policy's %3 (%n time within the next %4 days): %5.</numerusform>
            <numerusform>%1 crons fire in the same minute, %2, more than the policy's %3 (%n times within the next %4 days): %5.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::models::AuditFindingsModel</name>
    <message numerus="yes">
        <source>%1, %2, %n finding(s)</source>
        <translation>
            <numerusform>%1, %2, %n finding</numerusform>
            <numerusform>%1, %2, %n findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n acknowledged</source>
        <translation>
            <numerusform>%n acknowledged</numerusform>
            <numerusform>%n acknowledged</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::models::AuditFindingsFilterModel</name>
    <message numerus="yes">
        <source>%1, %2, %n finding(s)</source>
        <translation>
            <numerusform>%1, %2, %n finding</numerusform>
            <numerusform>%1, %2, %n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::AuditView</name>
    <message numerus="yes">
        <source>Auditing %n cron(s)…</source>
        <translation>
            <numerusform>Auditing %n cron…</numerusform>
            <numerusform>Auditing %n crons…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) audited as of %1</source>
        <translation>
            <numerusform>%n cron audited as of %1</numerusform>
            <numerusform>%n crons audited as of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n acknowledged</source>
        <translation>
            <numerusform>%n acknowledged</numerusform>
            <numerusform>%n acknowledged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The filters show %n of them.</source>
        <translation>
            <numerusform>The filters show %n of them.</numerusform>
            <numerusform>The filters show %n of them.</numerusform>
        </translation>
    </message>
</context>
</TS>

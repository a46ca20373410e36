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
    <message numerus="yes">
        <source>This starts %Ln run(s) on production profile “%1”.</source>
        <translation>
            <numerusform>This starts %Ln run on production profile “%1”.</numerusform>
            <numerusform>This starts %Ln runs on production profile “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This changes %Ln crons on production profile “%1”.</source>
        <translation>
            <numerusform>This changes %Ln cron on production profile “%1”.</numerusform>
            <numerusform>This changes %Ln crons on production profile “%1”.</numerusform>
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
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::api::CronCreator</name>
    <message numerus="yes">
        <source> (the cron may have been created: the server&apos;s answer was lost and the cron had not appeared %n second(s) later; to try again safely, resubmit with correlation id %1)</source>
        <translation>
            <numerusform> (the cron may have been created: the server&apos;s answer was lost and the cron had not appeared %n second later; to try again safely, resubmit with correlation id %1)</numerusform>
            <numerusform> (the cron may have been created: the server&apos;s answer was lost and the cron had not appeared %n seconds later; to try again safely, resubmit with correlation id %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::api::CronFetcher</name>
    <message numerus="yes">
        <source>The server answered offset %1 with the same crons as offset %2: it does not page, so the list would never end. Stopped after %n request(s).</source>
        <translation>
            <numerusform>The server answered offset %1 with the same crons as offset %2: it does not page, so the list would never end. Stopped after %n request.</numerusform>
            <numerusform>The server answered offset %1 with the same crons as offset %2: it does not page, so the list would never end. Stopped after %n requests.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server sent %1 crons but counted %2: the list would never end. Stopped after %n request(s).</source>
        <translation>
            <numerusform>The server sent %1 crons but counted %2: the list would never end. Stopped after %n request.</numerusform>
            <numerusform>The server sent %1 crons but counted %2: the list would never end. Stopped after %n requests.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::api::CronUpdater</name>
    <message numerus="yes">
        <source> (the change may have been applied: the server&apos;s answer was lost and the cron did not show it %n second(s) later; read the cron before trying again)</source>
        <translation>
            <numerusform> (the change may have been applied: the server&apos;s answer was lost and the cron did not show it %n second later; read the cron before trying again)</numerusform>
            <numerusform> (the change may have been applied: the server&apos;s answer was lost and the cron did not show it %n seconds later; read the cron before trying again)</numerusform>
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
<context>
    <name>crondesk::ui::BulkEditDialog</name>
    <message numerus="yes">
        <source>The %n selected cron(s)</source>
        <translation>
            <numerusform>The %n selected cron</numerusform>
            <numerusform>The %n selected crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n cron(s) that match the current filters</source>
        <translation>
            <numerusform>All %n cron that match the current filters</numerusform>
            <numerusform>All %n crons that match the current filters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Apply to %n cron(s)</source>
        <translation>
            <numerusform>&amp;Apply to %n cron</numerusform>
            <numerusform>&amp;Apply to %n crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) will change</source>
        <translation>
            <numerusform>%n cron will change</numerusform>
            <numerusform>%n crons will change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (see why in the State column)</source>
        <translation>
            <numerusform>%n skipped (see why in the State column)</numerusform>
            <numerusform>%n skipped (see why in the State column)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) changed</source>
        <translation>
            <numerusform>%n cron changed</numerusform>
            <numerusform>%n crons changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (the reasons are in the State column)</source>
        <translation>
            <numerusform>%n failed (the reasons are in the State column)</numerusform>
            <numerusform>%n failed (the reasons are in the State column)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::ChangesSinceController</name>
    <message numerus="yes">
        <source>Show %n Removed…</source>
        <translation>
            <numerusform>Show %n Removed…</numerusform>
            <numerusform>Show %n Removed…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::CompareDialog</name>
    <message numerus="yes">
        <source>Added (%n)</source>
        <translation>
            <numerusform>Added (%n)</numerusform>
            <numerusform>Added (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed (%n)</source>
        <translation>
            <numerusform>Removed (%n)</numerusform>
            <numerusform>Removed (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed (%n)</source>
        <translation>
            <numerusform>Changed (%n)</numerusform>
            <numerusform>Changed (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ambiguous pairings (%n)</source>
        <translation>
            <numerusform>Ambiguous pairings (%n)</numerusform>
            <numerusform>Ambiguous pairings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s)</source>
        <translation>
            <numerusform>%n cron</numerusform>
            <numerusform>%n crons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No difference: %n cron(s) unchanged.</source>
        <translation>
            <numerusform>No difference: %n cron unchanged.</numerusform>
            <numerusform>No difference: %n crons unchanged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::CronDetailsWidget</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
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
        <source>%n of the finding&apos;s crons are hidden by the filters or no longer listed.</source>
        <translation>
            <numerusform>%n of the finding&apos;s crons is hidden by the filters or no longer listed.</numerusform>
            <numerusform>%n of the finding&apos;s crons are hidden by the filters or no longer listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crondesk::ui::SnapshotController</name>
    <message numerus="yes">
        <source>Saved %n cron(s) to %1.</source>
        <translation>
            <numerusform>Saved %n cron to %1.</numerusform>
            <numerusform>Saved %n crons to %1.</numerusform>
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
            <numerusform>%1: %2 from %Ln cron. Enter or a click shows them in the table.</numerusform>
            <numerusform>%1: %2 from %Ln crons. Enter or a click shows them in the table.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the %Ln cron(s) that fire %1 (from the Timeline).</source>
        <translation>
            <numerusform>Only the %Ln cron that fire %1 (from the Timeline).</numerusform>
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
        <source>saved %n cron(s) to %1</source>
        <translation>
            <numerusform>saved %n cron to %1</numerusform>
            <numerusform>saved %n crons to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more malformed field(s)</source>
        <translation>
            <numerusform>and %n more malformed field</numerusform>
            <numerusform>and %n more malformed fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more cron(s) left out</source>
        <translation>
            <numerusform>and %n more cron left out</numerusform>
            <numerusform>and %n more crons left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) match; give --all-matching to change all of them, or --dry-run to see what would change</source>
        <translation>
            <numerusform>%n cron match; give --all-matching to change all of them, or --dry-run to see what would change</numerusform>
            <numerusform>%n crons match; give --all-matching to change all of them, or --dry-run to see what would change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) to change</source>
        <translation>
            <numerusform>%n cron to change</numerusform>
            <numerusform>%n crons to change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cron(s) changed</source>
        <translation>
            <numerusform>%n cron changed</numerusform>
            <numerusform>%n crons changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (repeat the command to retry them: the others already have the values)</source>
        <translation>
            <numerusform>%n failed (repeat the command to retry them: the others already have the values)</numerusform>
            <numerusform>%n failed (repeat the command to retry them: the others already have the values)</numerusform>
        </translation>
    </message>
</context>
</TS>

// The audit's outputs from one result: the JSON document and lines, and the HTML and Markdown
// report (every section, every finding with its evidence, escaped, self-contained).
#include "auditfixture.h"

#include <models/audit/auditreport.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

class TestAuditReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixture_hasAFindingOfEveryRuleButRunHistory()
    {
        const models::AuditResult result = audittest::fixtureResult();
        for (const models::AuditRuleInfo &info : models::auditRules()) {
            if (info.rule == models::AuditRule::LastRunFailed)
                QCOMPARE(result.countOf(info.rule), 0);
            else
                QVERIFY2(result.countOf(info.rule) > 0, info.id.data());
        }
        QCOMPARE(result.notEvaluated.size(), 1);
    }

    void json_hasTheDocumentedShape()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QDateTime generated(QDate(2026, 3, 1), QTime(10, 0, 5), QTimeZone::utc());
        const QByteArray text = models::auditResultJsonText(result, generated);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(text, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        // The documented order of the top-level keys.
        QStringList order;
        static const QRegularExpression topKey(u"^    \"([a-z_]+)\":"_s,
                                               QRegularExpression::MultilineOption);
        for (auto it = topKey.globalMatch(QString::fromUtf8(text)); it.hasNext();)
            order.append(it.next().captured(1));
        QCOMPARE(order,
                 QStringList({u"generated_at"_s, u"now"_s, u"server"_s, u"summary"_s,
                              u"not_evaluated"_s, u"findings"_s}));
        QCOMPARE(json.value("generated_at"_L1).toString(), u"2026-03-01T10:00:05+00:00"_s);
        QCOMPARE(json.value("now"_L1).toString(), u"2026-03-01T10:00:00+00:00"_s);
        QCOMPARE(json["server"_L1]["url"_L1].toString(), u"https://ops.example.com"_s);
        QCOMPARE(json["summary"_L1]["crons"_L1].toInt(), result.cronCount);
        QCOMPARE(json["summary"_L1]["findings"_L1].toInt(), int(result.findings.size()));
        QCOMPARE(json["summary"_L1]["by_severity"_L1]["error"_L1].toInt(),
                 result.count(models::AuditSeverity::Error));
        QCOMPARE(json["summary"_L1]["by_rule"_L1]["burst"_L1].toInt(), 1);
        QCOMPARE(json["summary"_L1]["acknowledged"_L1].toInt(), 1);
        const QJsonArray findings = json.value("findings"_L1).toArray();
        QCOMPARE(findings.size(), result.findings.size());
        for (qsizetype i = 0; i < findings.size(); ++i) {
            const QJsonObject finding = findings.at(i).toObject();
            QCOMPARE(finding, models::auditFindingToJson(result.findings.at(i)));
            QCOMPARE(QJsonDocument::fromJson(models::auditFindingJsonLine(result.findings.at(i)))
                         .object(),
                     finding);
            QVERIFY(!models::auditFindingJsonLine(result.findings.at(i)).trimmed().contains('\n'));
        }
    }

    void html_isSelfContainedAndHasEverySection()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QString html = models::auditReportHtml(result, {QDateTime(), u"prod"_s});
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"Content-Security-Policy"_s));
        // Nothing from the network, no script.
        QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<link"_s, Qt::CaseInsensitive));
        QVERIFY(!QRegularExpression(u"(src|href)=\"(https?:)?//"_s).match(html).hasMatch());
        QVERIFY(!html.contains(u"@import"_s));
        for (const char *section :
             {"id=\"summary\"", "id=\"charts\"", "id=\"heatmap\"", "id=\"bursts\"", "id=\"worst\"",
              "id=\"findings\"", "id=\"not-evaluated\"", "@media print"})
            QVERIFY2(html.contains(QLatin1StringView(section)), section);
        QCOMPARE(html.count(u"<svg"_s), 3); // by severity, by rule, the heat map
        // Seven days of 24 hours.
        QCOMPARE(html.count(u" UTC: "_s), 7 * 24);
        QVERIFY(html.contains(u"<h1>Cron audit of prod</h1>"_s));
        // Every finding, with its evidence.
        QCOMPARE(html.count(u"<article class=\"finding"_s), result.findings.size());
        for (const models::AuditFinding &finding : result.findings) {
            if (!finding.cronId.isEmpty())
                QVERIFY2(html.contains(finding.cronId), qPrintable(finding.cronId));
            QVERIFY2(html.contains(finding.message.toHtmlEscaped()), qPrintable(finding.message));
        }
        QVERIFY(html.contains(u"Acknowledged until 2026-03-31T10:00:00+00:00"_s));
        QVERIFY(html.contains(u"last-run-failed</code>: No run history"_s));
    }

    void html_escapesWhatTheServerSent()
    {
        models::AuditResult result = audittest::fixtureResult();
        result.serverUrl = u"https://x.example/<script>alert(1)</script>"_s;
        result.findings.first().message = u"<img src=x onerror=alert(1)> & more"_s;
        result.findings.first().evidence.insert(u"schedule"_s, u"</code><b>bold</b>"_s);
        const QString html = models::auditReportHtml(result, {});
        QVERIFY(!html.contains(u"<script>alert"_s));
        QVERIFY(!html.contains(u"<img src=x"_s));
        QVERIFY(!html.contains(u"<b>bold</b>"_s));
        QVERIFY(html.contains(u"&lt;img src=x onerror=alert(1)&gt; &amp; more"_s));
    }

    void heatMap_countsRunsPerHour()
    {
        // Two crons at 04:07 and one at 13:30 every day, for 7 days from 10:00.
        models::AuditInput input;
        input.now = audittest::fixtureNow();
        for (const auto &[index, schedule] :
             {std::pair {1, u"7 4 * * *"_s}, std::pair {2, u"7 4 * * *"_s},
              std::pair {3, u"30 13 * * *"_s}})
            input.crons.append({audittest::fixtureCron(index, schedule), input.now});
        const models::AuditResult result = models::runAudit(input, {});
        QCOMPARE(result.fires.start, input.now);
        QCOMPARE(result.fires.perHour.size(), 7 * 24);
        QCOMPARE(result.fires.total, 7 * 3);
        QCOMPARE(result.fires.perHour.at(3), 1); // 13:00 on the first day
        QCOMPARE(result.fires.perHour.at(18), 2); // 04:00 the next day
        QCOMPARE(models::heatColour(0, 2), u"#f4f6f8"_s);
        QCOMPARE(models::heatColour(2, 2), u"#0b3c73"_s);
    }

    void markdown_hasEverySectionAndFinding()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QString markdown = models::auditReportMarkdown(result, {QDateTime(), u"prod"_s});
        QVERIFY(markdown.startsWith(u"# Cron audit of prod\n"_s));
        for (const char *heading : {"## Summary", "## Runs per hour", "## Bursts",
                                    "## The worst crons", "## Every finding", "## Not evaluated"})
            QVERIFY2(markdown.contains(QLatin1StringView(heading)), heading);
        for (const models::AuditFinding &finding : result.findings) {
            if (!finding.cronId.isEmpty())
                QVERIFY(markdown.contains(u"`%1`"_s.arg(finding.cronId)));
        }
        // A table cell with a pipe stays one cell.
        models::AuditResult piped = result;
        piped.findings.first().message = u"a | b"_s;
        QVERIFY(models::auditReportMarkdown(piped, {}).contains(u"a \\| b"_s));
    }

    void worstCrons_rankByUnacknowledgedSeverity()
    {
        const models::AuditResult result = audittest::fixtureResult();
        const QList<models::AuditCronScore> worst = models::worstCrons(result, 3);
        QCOMPARE(worst.size(), 3);
        QVERIFY(worst.at(0).score() >= worst.at(1).score());
        QVERIFY(worst.at(0).errors >= 1);
        // The acknowledged paused finding does not count.
        for (const models::AuditCronScore &score : models::worstCrons(result, 100))
            QVERIFY(!score.rules.has(models::AuditRule::Paused));
    }
};

QTEST_GUILESS_MAIN(TestAuditReport)
#include "tst_auditreport.moc"

// The change journal file: JSON Lines round trip, redaction, filters, export, and its table model.
#include <models/journal/changejournal.h>
#include <models/journal/journalmodel.h>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

namespace {

JournalEntry entry(const QString &action, const QString &cronId, const QString &profile,
                   bool succeeded, int minute)
{
    JournalEntry e;
    e.time = QDateTime(QDate(2026, 11, 21), QTime(10, minute), Qt::UTC);
    e.client = u"crondesk"_s;
    e.profile = profile;
    e.url = u"https://acme.example"_s;
    e.operatorName = u"ops"_s;
    e.action = action;
    e.cronId = cronId;
    e.before = QJsonObject {{u"cron_id"_s, cronId}, {u"enabled"_s, true}};
    e.after = succeeded ? QJsonValue(QJsonObject {{u"cron_id"_s, cronId}, {u"enabled"_s, false}})
                        : QJsonValue(QJsonValue::Null);
    e.request = QJsonObject {{u"enabled"_s, false}};
    e.succeeded = succeeded;
    e.httpStatus = succeeded ? 200 : 404;
    e.serverMessage = succeeded ? QString() : u"Not found (404): Cron not found"_s;
    return e;
}

} // namespace

class TestChangeJournal final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(u"journal.jsonl"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void cleanup() { QFile::remove(path()); }

    void defaultFilePath_isInTheSharedDataDirectory()
    {
        QVERIFY(ChangeJournal::defaultFilePath().endsWith(u"/crondesk/journal.jsonl"_s));
        QVERIFY(ChangeJournal::defaultFilePath().contains(u"qttest"_s));
    }

    void append_writesOneJsonLinePerEntry_andReadsThemBack()
    {
        const ChangeJournal journal(path());
        const QList<JournalEntry> written {
            entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1),
            entry(u"delete"_s, u"c2"_s, u"prod"_s, false, 2),
        };
        for (const JournalEntry &e : written)
            QVERIFY(journal.append(e));
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first.value("action"_L1).toString(), u"pause"_s);
        QCOMPARE(first.value("time"_L1).toString(), u"2026-11-21T10:01:00.000Z"_s);
        QCOMPARE(first.value("before"_L1).toObject().value("enabled"_L1), QJsonValue(true));
        QCOMPARE(first.value("after"_L1).toObject().value("enabled"_L1), QJsonValue(false));
        QCOMPARE(first.value("response"_L1).toObject().value("status"_L1), QJsonValue(200));
        QCOMPARE(journal.readAll(), written);
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }

    void append_ofAHugeRefusedCreate_writesABoundedLine()
    {
        // A 30 MB create refused by the server: the journal keeps who, what, where and the outcome
        // and the small fields of the request, not the 30 MB.
        JournalEntry e = entry(u"create"_s, QString(), u"prod"_s, false, 1);
        e.before = QJsonValue(QJsonValue::Null);
        e.request
            = QJsonObject {{u"assistant_id"_s, u"agent"_s},
                           {u"schedule"_s, u"0 9 * * *"_s},
                           {u"input"_s, QJsonObject {{u"blob"_s, QString(30'000'000, u'x')}}}};
        e.httpStatus = 413;
        e.serverMessage = u"Request too large (413): "_s + QString(20'000'000, u'm');
        ChangeJournal journal(path());
        QVERIFY(journal.append(e));
        QVERIFY2(QFileInfo(path()).size() < 128 * 1024,
                 qPrintable(QString::number(QFileInfo(path()).size())));

        const QList<JournalEntry> entries = journal.readAll();
        QCOMPARE(entries.size(), 1);
        const JournalEntry &read = entries.first();
        QCOMPARE(read.action, u"create"_s);
        QCOMPARE(read.profile, u"prod"_s);
        QCOMPARE(read.httpStatus, 413);
        QVERIFY(read.serverMessage.startsWith(u"Request too large (413): mmm"_s));
        QVERIFY(read.serverMessage.contains(u"not recorded"_s));
        const QJsonObject request = read.request.toObject();
        QCOMPARE(request.value("schedule"_L1).toString(), u"0 9 * * *"_s);
        QCOMPARE(request.value("assistant_id"_L1).toString(), u"agent"_s);
        QVERIFY(request.value("input"_L1).toString().startsWith(u"[not recorded: "_s));
    }

    void entryId_isWrittenAndReadBack_withWhatItUndoes()
    {
        JournalEntry e = entry(u"undo"_s, u"c1"_s, u"prod"_s, true, 1);
        e.id = JournalEntry::newId();
        e.undoes = u"0123456789ab"_s;
        QCOMPARE(e.id.size(), 12);
        QVERIFY(e.id != JournalEntry::newId());
        const ChangeJournal journal(path());
        QVERIFY(journal.append(e));
        const QList<JournalEntry> read = journal.readAll();
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().id, e.id);
        QCOMPARE(read.first().effectiveId(), e.id);
        QCOMPARE(read.first().undoes, u"0123456789ab"_s);
    }

    void entryId_ofALineWrittenWithoutOne_isDerivedFromItsContent_andStable()
    {
        // A line as journals wrote it before entries had ids.
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"action":"pause","after":null,"before":null,"client":"crondeskctl",)"
                   R"("cron_id":"c1","operator":"ops","profile":"","response":{"ok":true,)"
                   R"("status":200},"time":"2026-11-21T10:01:00.000Z","url":"http://h"})"
                   "\n"
                   R"({"action":"pause","after":null,"before":null,"client":"crondeskctl",)"
                   R"("cron_id":"c2","operator":"ops","profile":"","response":{"ok":true,)"
                   R"("status":200},"time":"2026-11-21T10:01:00.000Z","url":"http://h"})"
                   "\n");
        file.close();
        const QList<JournalEntry> first = ChangeJournal(path()).readAll();
        const QList<JournalEntry> again = ChangeJournal(path()).readAll();
        QCOMPARE(first.size(), 2);
        QVERIFY(first.at(0).id.isEmpty());
        QCOMPARE(first.at(0).effectiveId().size(), 12);
        QCOMPARE(first.at(0).effectiveId(), again.at(0).effectiveId());
        QVERIFY(first.at(0).effectiveId() != first.at(1).effectiveId());
    }

    void bounded_keepsOrdinaryEntriesExact()
    {
        const JournalEntry e = entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1);
        QCOMPARE(ChangeJournal::bounded(e), e);
    }

    void readAll_readsALineAfterAByteOrderMark()
    {
        ChangeJournal journal(path());
        QVERIFY(journal.append(entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1)));
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray line = file.readAll();
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("\xEF\xBB\xBF" + line); // as an editor that writes BOMs would save it
        file.close();
        int skipped = -1;
        QCOMPARE(journal.readAll(&skipped).size(), 1);
        QCOMPARE(skipped, 0);
    }

    void readAll_skipsLinesItCannotRead()
    {
        const ChangeJournal journal(path());
        QVERIFY(journal.append(entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1)));
        {
            QFile file(path());
            QVERIFY(file.open(QIODevice::Append));
            file.write("{not json\n{\"no\":\"time\"}\n");
        }
        QVERIFY(journal.append(entry(u"resume"_s, u"c1"_s, u"prod"_s, true, 3)));
        int skipped = -1;
        QCOMPARE(journal.readAll(&skipped).size(), 2);
        QCOMPARE(skipped, 2);
    }

    void append_redactsTheSecretsInUseWherever_theyAppear()
    {
        const QString key = u"lsv2_pt_0123456789abcdef"_s;
        ChangeJournal journal(path());
        journal.setSecrets({key, u"ab"_s});
        JournalEntry e = entry(u"create"_s, u"c1"_s, u"prod"_s, true, 1);
        const QString note = u"key="_s + key;
        QJsonObject request;
        request.insert(u"metadata"_s, QJsonObject {{u"note"_s, note}});
        request.insert(key, QJsonArray {key});
        e.request = request;
        e.serverMessage = u"echo "_s + key;
        QVERIFY(journal.append(e));
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(key.toUtf8()));
        QVERIFY(bytes.contains("key=[redacted]"));
        // Too short to be a key: not redacted ("ab" is everywhere in JSON).
        QVERIFY(bytes.contains("\"cron_id\":\"c1\""));
    }

    void filter_matchesByEachField_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("failedOnly");
        QTest::addColumn<int>("count");
        QTest::newRow("no filter") << QString() << QString() << QString() << false << 4;
        QTest::newRow("action") << QString() << u"pause"_s << QString() << false << 2;
        QTest::newRow("profile") << QString() << QString() << u"dev"_s << false << 1;
        QTest::newRow("failed only") << QString() << QString() << QString() << true << 1;
        QTest::newRow("text in cron id") << u"C2"_s << QString() << QString() << false << 1;
        QTest::newRow("text in message") << u"not found"_s << QString() << QString() << false << 1;
        QTest::newRow("combined") << u"c1"_s << u"pause"_s << u"prod"_s << false << 1;
    }
    void filter_matchesByEachField()
    {
        QFETCH(QString, text);
        QFETCH(QString, action);
        QFETCH(QString, profile);
        QFETCH(bool, failedOnly);
        QFETCH(int, count);
        const QList<JournalEntry> entries {
            entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1),
            entry(u"delete"_s, u"c2"_s, u"prod"_s, false, 2),
            entry(u"pause"_s, u"c3"_s, u"dev"_s, true, 3),
            entry(u"resume"_s, u"c1"_s, u"prod"_s, true, 4),
        };
        JournalFilter filter;
        filter.text = text;
        filter.action = action;
        filter.profile = profile;
        filter.failedOnly = failedOnly;
        qsizetype matching = 0;
        for (const JournalEntry &e : entries)
            matching += filter.matches(e) ? 1 : 0;
        QCOMPARE(matching, count);
    }

    void filter_timeRangeIsHalfOpen()
    {
        JournalFilter filter;
        filter.from = QDateTime(QDate(2026, 11, 21), QTime(10, 2), Qt::UTC);
        filter.to = QDateTime(QDate(2026, 11, 21), QTime(10, 4), Qt::UTC);
        QVERIFY(!filter.matches(entry(u"pause"_s, u"c"_s, u"p"_s, true, 1)));
        QVERIFY(filter.matches(entry(u"pause"_s, u"c"_s, u"p"_s, true, 2)));
        QVERIFY(filter.matches(entry(u"pause"_s, u"c"_s, u"p"_s, true, 3)));
        QVERIFY(!filter.matches(entry(u"pause"_s, u"c"_s, u"p"_s, true, 4)));
    }

    void export_writesCsvOrJsonLinesByExtension_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("firstLineStart");
        QTest::newRow("csv") << u"out.csv"_s << QByteArray("time,client,profile,url,operator");
        QTest::newRow("jsonl") << u"out.jsonl"_s << QByteArray("{");
    }
    void export_writesCsvOrJsonLinesByExtension()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, firstLineStart);
        const QString out = m_dir.filePath(fileName);
        JournalEntry tricky = entry(u"update"_s, u"c1"_s, u"prod, \"eu\""_s, true, 1);
        QString error;
        QVERIFY2(exportJournal({tricky, entry(u"pause"_s, u"c2"_s, u"dev"_s, true, 2)}, out,
                               exportFormatFor(out), &error),
                 qPrintable(error));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith(firstLineStart));
        if (exportFormatFor(out) == JournalExportFormat::Csv) {
            QVERIFY(bytes.contains("\"prod, \"\"eu\"\"\""));
            QCOMPARE(bytes.count("\r\n"), 3);
        } else {
            QCOMPARE(ChangeJournal(out).readAll().first(), tricky);
        }
    }

    void model_showsNewestFirst_andFilters()
    {
        JournalModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({entry(u"pause"_s, u"c1"_s, u"prod"_s, true, 1),
                          entry(u"delete"_s, u"c2"_s, u"prod"_s, false, 2)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, JournalModel::CronColumn).data().toString(), u"c2"_s);
        QCOMPARE(model.index(0, JournalModel::ResultColumn).data().toString(), u"Failed (404)"_s);
        QCOMPARE(model.index(1, JournalModel::ResultColumn).data().toString(), u"OK (200)"_s);

        model.appendEntry(entry(u"resume"_s, u"c1"_s, u"dev"_s, true, 3));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entryAt(0).action, u"resume"_s);
        QCOMPARE(model.profiles(), (QStringList {u"dev"_s, u"prod"_s}));
        QCOMPARE(model.actions(), (QStringList {u"delete"_s, u"pause"_s, u"resume"_s}));

        JournalFilter filter;
        filter.profile = u"prod"_s;
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), 2);
        // An entry the filter hides is kept, and shown once the filter allows it.
        model.appendEntry(entry(u"pause"_s, u"c9"_s, u"dev"_s, true, 4));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.visibleEntries().first().cronId, u"c1"_s);
        model.setFilter({});
        QCOMPARE(model.rowCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestChangeJournal)
#include "tst_changejournal.moc"

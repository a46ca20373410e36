// The small connection widgets: the switcher and its badge, the typed confirmation, the TLS
// error dialog, the first-run choice and the journal view.
#include <models/journal/changejournal.h>
#include <models/journal/journalmodel.h>
#include <ui/environmentbadge.h>
#include <ui/firstrundialog.h>
#include <ui/journalview.h>
#include <ui/profileswitcher.h>
#include <ui/tlserrordialog.h>
#include <ui/typedconfirmationdialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

QList<api::Cron> cronsOf(int count)
{
    QList<api::Cron> crons;
    for (int i = 0; i < count; ++i) {
        api::Cron cron;
        cron.cronId = u"cron-%1"_s.arg(i);
        cron.schedule = u"0 9 * * *"_s;
        crons.append(cron);
    }
    return crons;
}

models::MutationRequest deleteOf(int count, const std::optional<models::ConnectionProfile> &on)
{
    return models::deleteRequest(cronsOf(count), models::mutationTarget(on, QUrl(), false));
}

models::ConnectionProfile profile(const QString &name, const QString &environment,
                                  bool readOnly = false)
{
    models::ConnectionProfile p;
    p.name = name;
    p.url = QUrl(u"https://"_s + name + u".example.com"_s);
    p.environment = environment;
    p.readOnly = readOnly;
    return p;
}

models::JournalEntry entry(const QString &action, const QString &cronId, const QString &profile,
                           bool succeeded)
{
    models::JournalEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.client = u"crondesk"_s;
    e.profile = profile;
    e.url = u"https://x.example"_s;
    e.operatorName = u"ops"_s;
    e.action = action;
    e.cronId = cronId;
    e.before = QJsonObject {{u"enabled"_s, true}};
    e.after = QJsonObject {{u"enabled"_s, false}};
    e.succeeded = succeeded;
    e.httpStatus = succeeded ? 200 : 500;
    return e;
}

} // namespace

class TestConnectionWidgets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void badge_showsEnvironmentColourAndReadOnly_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("colour");
        QTest::newRow("production") << u"production"_s << false << u"PRODUCTION"_s << u"#c62828"_s;
        QTest::newRow("staging read-only")
            << u"staging"_s << true << u"STAGING · read-only"_s << u"#ef8f00"_s;
        QTest::newRow("development")
            << u"development"_s << false << u"DEVELOPMENT"_s << u"#2e7d32"_s;
    }
    void badge_showsEnvironmentColourAndReadOnly()
    {
        QFETCH(QString, environment);
        QFETCH(bool, readOnly);
        QFETCH(QString, text);
        QFETCH(QString, colour);
        ui::EnvironmentBadge badge;
        badge.setProfile(profile(u"p"_s, environment, readOnly));
        QCOMPARE(badge.text(), text);
        QCOMPARE(badge.colour(), colour);
        QVERIFY(badge.accessibleName().contains(environment));
        QCOMPARE(badge.accessibleName().contains(u"read-only"_s), readOnly);
    }

    void switcher_emitsTheChosenProfile_andShowsTheActiveOnesBadge()
    {
        ui::ProfileSwitcher switcher;
        switcher.setProfiles({profile(u"prod"_s, u"production"_s), profile(u"dev"_s, u"dev"_s)});
        switcher.setActiveProfile(u"dev"_s);
        QCOMPARE(switcher.comboBox()->currentText(), u"dev"_s);
        QCOMPARE(switcher.badge()->text(), u"DEV"_s);

        QSignalSpy chosen(&switcher, &ui::ProfileSwitcher::profileChosen);
        switcher.comboBox()->setCurrentIndex(0);
        Q_EMIT switcher.comboBox()->activated(0);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().value<models::ConnectionProfile>().name, u"prod"_s);
        // Choosing the active one again is no switch.
        Q_EMIT switcher.comboBox()->activated(1);
        QCOMPARE(chosen.count(), 1);

        switcher.setActiveProfile(u"prod"_s);
        QCOMPARE(switcher.badge()->colour(), u"#c62828"_s);
        switcher.setActiveUnprofiled(u"127.0.0.1"_s);
        QCOMPARE(switcher.comboBox()->currentText(), u"127.0.0.1"_s);
        Q_EMIT switcher.comboBox()->activated(0);
        QCOMPARE(chosen.count(), 1);
    }

    void typedConfirmation_enablesConfirmOnlyForTheExactName()
    {
        std::optional<models::ConnectionProfile> prod = profile(u"Acme Prod"_s, u"production"_s);
        const models::MutationDecision decision
            = models::decideMutation(prod, models::MutationKind::Delete, 12);
        QVERIFY(decision.needsTypedConfirmation());
        ui::TypedConfirmationDialog dialog(deleteOf(12, prod), decision);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QTest::keyClicks(dialog.phraseEdit(), u"acme prod"_s);
        QVERIFY(!dialog.confirmButton()->isEnabled());
        dialog.phraseEdit()->clear();
        QTest::keyClicks(dialog.phraseEdit(), u"Acme Prod"_s);
        QVERIFY(dialog.confirmButton()->isEnabled());
        dialog.confirmButton()->click();
        QCOMPARE(accepted.count(), 1);
    }

    void typedConfirmation_enterConfirmsOnlyOnceTheNameMatches()
    {
        std::optional<models::ConnectionProfile> prod = profile(u"Acme Prod"_s, u"production"_s);
        const models::MutationDecision decision
            = models::decideMutation(prod, models::MutationKind::Delete, 3);
        ui::TypedConfirmationDialog dialog(deleteOf(3, prod), decision);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClicks(dialog.phraseEdit(), u"Acme"_s);
        // Not yet the name: Enter neither confirms nor throws the typing away.
        QTest::keyClick(dialog.phraseEdit(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(rejected.count(), 0);
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(dialog.phraseEdit(), u" Prod"_s);
        QTest::keyClick(dialog.phraseEdit(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(rejected.count(), 0);
    }

    void typedConfirmation_saysWhatHappensWhereAndHowItIsUndone_data()
    {
        QTest::addColumn<bool>("pause");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("undo");
        QTest::newRow("delete") << false << u"Delete 3"_s << u"cannot be undone"_s;
        QTest::newRow("pause") << true << u"Pause 3"_s << u"Resume undoes a pause."_s;
    }
    void typedConfirmation_saysWhatHappensWhereAndHowItIsUndone()
    {
        QFETCH(bool, pause);
        QFETCH(QString, action);
        QFETCH(QString, undo);
        std::optional<models::ConnectionProfile> prod = profile(u"Acme Prod"_s, u"production"_s);
        prod->url = QUrl(u"https://acme.us.langgraph.app"_s);
        const models::MutationTarget target
            = models::mutationTarget(prod, prod->url, /*sandbox=*/false);
        models::MutationRequest request;
        if (pause) {
            QList<api::Cron> crons = cronsOf(3);
            for (api::Cron &cron : crons)
                cron.enabled = true;
            request = models::enableRequest(
                models::planSetEnabled(crons, false, QDateTime::currentDateTimeUtc()), target,
                QDateTime::currentDateTimeUtc());
        } else {
            request = models::deleteRequest(cronsOf(3), target);
        }
        const models::MutationDecision decision = models::decideMutation(prod, request.kind, 3);
        QVERIFY(decision.needsTypedConfirmation());
        ui::TypedConfirmationDialog dialog(request, decision);
        QStringList shown;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        for (const QLabel *label : labels)
            shown << label->text();
        const QString text = shown.join(u'\n');
        QVERIFY2(text.contains(action), qPrintable(text));
        // The profile, not the URL, says where.
        QVERIFY2(text.contains(u"profile “Acme Prod” (production)"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"langgraph.app"_s), qPrintable(text));
        QVERIFY2(text.contains(undo), qPrintable(text));
        if (pause)
            QVERIFY2(!text.contains(u"cannot be undone"_s), qPrintable(text));
        // Every cron concerned is named.
        QVERIFY2(text.contains(u"cron-2"_s), qPrintable(text));
    }

    void tlsErrorDialog_showsTheCertificate_andTrustsOnlyAfterTheCheck()
    {
        api::ApiError error;
        error.kind = api::ApiError::Kind::Tls;
        error.message = u"The certificate is self-signed, and untrusted"_s;
        error.certificate.subject = u"CN=127.0.0.1, O=Cron Desk connection tests"_s;
        error.certificate.issuer = error.certificate.subject;
        error.certificate.sha256Fingerprint = u"dc"_s.repeated(32);
        error.certificate.problems = {error.message};
        error.certificate.notBefore = QDateTime::currentDateTimeUtc();
        error.certificate.notAfter = error.certificate.notBefore.addYears(1);
        ui::TlsErrorDialog dialog(u"127.0.0.1"_s, error, u"staging"_s);
        dialog.show();
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        QStringList texts;
        for (const QLabel *label : labels)
            texts.append(label->text());
        const QString all = texts.join(u'\n');
        QVERIFY(all.contains(u"CN=127.0.0.1, O=Cron Desk connection tests"_s));
        QVERIFY(all.contains(models::formatFingerprint(u"dc"_s.repeated(32))));
        QVERIFY(all.contains(u"self-signed"_s));

        QSignalSpy trusted(&dialog, &ui::TlsErrorDialog::trustRequested);
        QVERIFY(!dialog.trustButton()->isEnabled());
        dialog.trustButton()->click();
        QCOMPARE(trusted.count(), 0);
        dialog.checkedBox()->setChecked(true);
        dialog.trustButton()->click();
        QCOMPARE(trusted.count(), 1);
        QCOMPARE(trusted.first().first().toString(), u"dc"_s.repeated(32));
    }

    void tlsErrorDialog_withoutAProfile_cannotTrust()
    {
        api::ApiError error;
        error.kind = api::ApiError::Kind::Tls;
        error.certificate.sha256Fingerprint = u"dc"_s.repeated(32);
        ui::TlsErrorDialog dialog(u"127.0.0.1"_s, error, QString());
        QVERIFY(!dialog.trustButton());
        QVERIFY(!dialog.checkedBox());
    }

    void firstRun_offersTheSandboxOnlyWhenInstalled_data()
    {
        QTest::addColumn<bool>("available");
        QTest::newRow("installed") << true;
        QTest::newRow("missing") << false;
    }
    void firstRun_offersTheSandboxOnlyWhenInstalled()
    {
        QFETCH(bool, available);
        ui::FirstRunDialog dialog(available);
        QSignalSpy sandbox(&dialog, &ui::FirstRunDialog::sandboxChosen);
        QSignalSpy add(&dialog, &ui::FirstRunDialog::addDeploymentChosen);
        dialog.open();
        QCOMPARE(dialog.sandboxButton()->isEnabled(), available);
        (available ? dialog.sandboxButton() : dialog.addDeploymentButton())->click();
        QCOMPARE(sandbox.count(), available ? 1 : 0);
        QCOMPARE(add.count(), available ? 0 : 1);
        QVERIFY(!dialog.isVisible());
    }

    void journalView_readsFilters_showsDetails_andExports()
    {
        QTemporaryDir dir;
        const models::ChangeJournal journal(dir.filePath(u"journal.jsonl"_s));
        QVERIFY(journal.append(entry(u"pause"_s, u"c1"_s, u"prod"_s, true)));
        QVERIFY(journal.append(entry(u"delete"_s, u"c2"_s, u"prod"_s, false)));
        QVERIFY(journal.append(entry(u"resume"_s, u"c3"_s, u"dev"_s, true)));

        ui::JournalView view(journal);
        view.show();
        QCOMPARE(view.tableView()->model()->rowCount(), 3);

        view.profileCombo()->setCurrentIndex(view.profileCombo()->findData(u"prod"_s));
        QCOMPARE(view.tableView()->model()->rowCount(), 2);
        view.failedOnlyBox()->setChecked(true);
        QCOMPARE(view.tableView()->model()->rowCount(), 1);
        view.failedOnlyBox()->setChecked(false);
        view.profileCombo()->setCurrentIndex(0);
        QTest::keyClicks(view.searchEdit(), u"c3"_s);
        QCOMPARE(view.tableView()->model()->rowCount(), 1);

        view.tableView()->setCurrentIndex(view.tableView()->model()->index(0, 0));
        const QString details = view.detailsView()->toPlainText();
        QVERIFY(details.contains(u"resume of cron c3"_s));
        QVERIFY(details.contains(u"Before:"_s));
        QVERIFY(details.contains(u"After:"_s));

        const QString out = dir.filePath(u"export.csv"_s);
        QVERIFY(view.exportTo(out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2); // header and the one entry shown
        QVERIFY(lines.at(1).contains("c3"));

        // Entries recorded in this process appear at once.
        view.searchEdit()->clear();
        view.addEntry(entry(u"update"_s, u"c4"_s, u"dev"_s, true));
        QCOMPARE(view.tableView()->model()->rowCount(), 4);
    }
};

QTEST_MAIN(TestConnectionWidgets)
#include "tst_connectionwidgets.moc"

// The profile dialog: editing, validation at the field, key changes, the plain-http warning, and
// trusting a certificate from a failed connection test.
#include <ui/environmentbadge.h>
#include <ui/profiledialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using ui::ProfileDialog;

namespace {

QList<models::ConnectionProfile> sampleProfiles()
{
    models::ConnectionProfile prod;
    prod.name = u"acme-prod"_s;
    prod.url = QUrl(u"https://acme.us.langgraph.app"_s);
    prod.environment = u"production"_s;
    models::ConnectionProfile staging;
    staging.name = u"acme-staging"_s;
    staging.url = QUrl(u"https://acme-staging.us.langgraph.app"_s);
    staging.environment = u"staging"_s;
    return {prod, staging};
}

} // namespace

class TestProfileDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ProfileDialog> m_dialog;

    template<typename T>
    T *child(const char *name) const
    {
        T *widget = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }
    void type(const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    void save() { child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Save)->click(); }

private Q_SLOTS:
    void init()
    {
        m_dialog = std::make_unique<ProfileDialog>();
        m_dialog->setProfiles(sampleProfiles(), {u"acme-prod"_s});
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void cleanup() { m_dialog.reset(); }

    void opens_withTheFirstProfileSelected()
    {
        QCOMPARE(child<QListWidget>("profileList")->count(), 2);
        QCOMPARE(child<QLineEdit>("nameEdit")->text(), u"acme-prod"_s);
        QCOMPARE(child<QComboBox>("environmentCombo")->currentText(), u"production"_s);
        QCOMPARE(m_dialog->findChild<ui::EnvironmentBadge *>()->colour(), u"#c62828"_s);
        // A stored key is never shown, only that there is one.
        QVERIFY(child<QLineEdit>("apiKeyEdit")->text().isEmpty());
        QVERIFY(child<QLabel>("keyNote")->text().contains(u"A key is stored"_s));
    }

    void save_withUnchangedProfiles_acceptsAndReturnsThem()
    {
        QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
        save();
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(m_dialog->profiles(), sampleProfiles());
        const QList<ProfileDialog::Edit> edits = m_dialog->edits();
        QVERIFY(edits.at(0).hadStoredKey);
        QVERIFY(!edits.at(1).hadStoredKey);
        QVERIFY(edits.at(0).newKey.isEmpty());
    }

    void save_withABrokenField_staysOpenAndSaysWhereAndWhy_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorLabel");
        QTest::newRow("duplicate name") << u"nameEdit"_s << u"ACME-STAGING"_s << u"nameError"_s;
        QTest::newRow("empty name") << u"nameEdit"_s << QString() << u"nameError"_s;
        QTest::newRow("not a url") << u"urlEdit"_s << u"acme.example"_s << u"urlError"_s;
        QTest::newRow("bad colour") << u"colourEdit"_s << u"reddish"_s << u"colourError"_s;
    }
    void save_withABrokenField_staysOpenAndSaysWhereAndWhy()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, errorLabel);
        type(field.toLatin1().constData(), text);
        QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
        save();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(m_dialog->isVisible());
        auto *error = child<QLabel>(errorLabel.toLatin1().constData());
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        // The input is kept.
        QCOMPARE(child<QLineEdit>(field.toLatin1().constData())->text(), text);
    }

    void headers_withACredential_areRefusedAtTheField()
    {
        child<QPlainTextEdit>("headersEdit")->setPlainText(u"Authorization: Bearer abc"_s);
        QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
        save();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(child<QLabel>("headersError")->isVisible());
    }

    void newProfile_withKey_isReturnedWithTheKeyToStore()
    {
        child<QPushButton>("addButton")->click();
        QCOMPARE(child<QListWidget>("profileList")->count(), 3);
        type("nameEdit", u"dev"_s);
        type("urlEdit", u"https://dev.example.com"_s);
        child<QComboBox>("environmentCombo")->setCurrentText(u"development"_s);
        type("apiKeyEdit", u"  lsv2_new_key  "_s);
        child<QCheckBox>("readOnlyCheck")->setChecked(true);
        child<QPlainTextEdit>("headersEdit")->setPlainText(u"X-Auth-Scheme: langsmith-api-key"_s);
        save();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        const ProfileDialog::Edit edit = m_dialog->edits().last();
        QCOMPARE(edit.profile.name, u"dev"_s);
        QVERIFY(edit.originalName.isEmpty());
        QCOMPARE(edit.newKey, u"lsv2_new_key"_s);
        QVERIFY(edit.profile.readOnly);
        QCOMPARE(edit.profile.extraHeaders,
                 (models::HeaderList {{"X-Auth-Scheme", "langsmith-api-key"}}));
        QCOMPARE(m_dialog->currentProfileName(), u"dev"_s);
    }

    void rename_remove_andForget_areReported()
    {
        type("nameEdit", u"acme-production"_s);
        child<QCheckBox>("forgetKeyCheck")->setChecked(true);
        child<QListWidget>("profileList")->setCurrentRow(1);
        child<QPushButton>("removeButton")->click();
        save();
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QCOMPARE(m_dialog->removedProfiles(), QStringList {u"acme-staging"_s});
        const QList<ProfileDialog::Edit> edits = m_dialog->edits();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.first().originalName, u"acme-prod"_s);
        QCOMPARE(edits.first().profile.name, u"acme-production"_s);
        QVERIFY(edits.first().forgetKey);
    }

    void plainHttpToAnotherMachine_withAKey_showsTheWarning_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("warned");
        QTest::newRow("http remote") << u"http://10.0.0.8:8123"_s << true;
        QTest::newRow("http loopback") << u"http://127.0.0.1:2024"_s << false;
        QTest::newRow("https") << u"https://10.0.0.8"_s << false;
    }
    void plainHttpToAnotherMachine_withAKey_showsTheWarning()
    {
        QFETCH(QString, url);
        QFETCH(bool, warned);
        type("urlEdit", url);
        QCOMPARE(child<QFrame>("plainHttpFrame")->isVisible(), warned);
        // Forgetting the stored key means nothing is sent: no warning.
        child<QCheckBox>("forgetKeyCheck")->setChecked(true);
        QVERIFY(!child<QFrame>("plainHttpFrame")->isVisible());
        if (warned) {
            type("apiKeyEdit", u"typed"_s);
            QVERIFY(child<QFrame>("plainHttpFrame")->isVisible());
            child<QCheckBox>("plainHttpCheck")->setChecked(true);
            save();
            QVERIFY(m_dialog->profiles().first().plainHttpAcknowledged);
        }
    }

    void testConnection_emitsTheEditedProfileAndWhereItsKeyIs()
    {
        QSignalSpy requested(m_dialog.get(), &ProfileDialog::testRequested);
        type("urlEdit", u"https://acme-eu.us.langgraph.app"_s);
        child<QPushButton>("testButton")->click();
        QCOMPARE(requested.count(), 1);
        const auto profile = requested.first().at(0).value<models::ConnectionProfile>();
        QCOMPARE(profile.url, QUrl(u"https://acme-eu.us.langgraph.app"_s));
        QCOMPARE(requested.first().at(1).toString(), QString());
        QCOMPARE(requested.first().at(2).toString(), u"acme-prod"_s);
    }

    void testResult_success_showsVersionAndFeatures()
    {
        child<QPushButton>("testButton")->click();
        models::ConnectionTestResult result;
        result.succeeded = true;
        result.serverVersion = u"0.7.20"_s;
        result.capabilities = api::ServerCapabilities::forVersion(u"0.7.20"_s);
        result.cronCount = 4;
        m_dialog->showTestResult(result);
        const QString text = child<QLabel>("testResult")->text();
        QVERIFY(text.contains(u"Agent Server 0.7.20"_s));
        QVERIFY(text.contains(u"✓ Pause and resume"_s));
        QVERIFY(text.contains(u"✗ Editing crons in place (server 0.7.21) (not available)"_s));
        QVERIFY(!child<QPushButton>("trustButton")->isVisible());
    }

    void testResult_tlsError_offersToTrustExactlyThatCertificate()
    {
        child<QPushButton>("testButton")->click();
        models::ConnectionTestResult result;
        result.failedStep = u"GET /ok"_s;
        result.error.kind = api::ApiError::Kind::Tls;
        result.error.message = u"The certificate is self-signed, and untrusted"_s;
        result.error.certificate.subject = u"CN=acme.internal"_s;
        result.error.certificate.issuer = u"CN=Acme Private CA"_s;
        result.error.certificate.sha256Fingerprint = u"0f"_s.repeated(32);
        m_dialog->showTestResult(result);
        const QString text = child<QLabel>("testResult")->text();
        QVERIFY(text.contains(u"CN=acme.internal"_s));
        QVERIFY(text.contains(u"CN=Acme Private CA"_s));
        QVERIFY(text.contains(models::formatFingerprint(u"0f"_s.repeated(32))));
        auto *trust = child<QPushButton>("trustButton");
        QVERIFY(trust->isVisible());
        trust->click();
        QCOMPARE(child<QListWidget>("pinnedList")->count(), 1);
        save();
        QCOMPARE(m_dialog->profiles().first().pinnedCertificates,
                 QStringList {u"0f"_s.repeated(32)});
    }

    void everyField_hasAnAccessibleNameOrLabel_data()
    {
        QTest::addColumn<QString>("field");
        for (const char *name : {"profileList", "nameEdit", "urlEdit", "environmentCombo",
                                 "colourEdit", "apiKeyEdit", "headersEdit", "pinnedList"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void everyField_hasAnAccessibleNameOrLabel()
    {
        QFETCH(QString, field);
        QWidget *widget = m_dialog->findChild<QWidget *>(field);
        QVERIFY(widget);
        QVERIFY(widget->focusPolicy() != Qt::NoFocus);
        bool labelled = !widget->accessibleName().isEmpty();
        const QList<QLabel *> labels = m_dialog->findChildren<QLabel *>();
        for (QLabel *label : labels)
            labelled = labelled || label->buddy() == widget;
        QVERIFY(labelled);
    }
};

QTEST_MAIN(TestProfileDialog)
#include "tst_profiledialog.moc"

// The cron editor, offscreen, against an in-process sandbox: create, edit, clone, the rules that
// block a submit, and failures that must keep everything the operator typed.
#include <models/api/apiclient.h>
#include <models/api/assistant.h>
#include <models/common/displayformat.h>
#include <models/editor/croneditorlookups.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronrepository.h>
#include <models/session/cronsubmitter.h>
#include <tests/sandbox/sandboxserver.h>
#include <ui/createreviewdialog.h>
#include <ui/croneditordialog.h>
#include <ui/diffconfirmationdialog.h>
#include <ui/interruptpicker.h>
#include <ui/jsonfieldeditor.h>
#include <ui/jsontextedit.h>
#include <ui/schedulepresetbar.h>
#include <ui/schedulepreview.h>
#include <ui/timezonepicker.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using sandbox::SandboxServer;
using ui::CronEditorDialog;
using Mode = CronEditorDialog::Mode;

Q_DECLARE_METATYPE(crondesk::models::DraftField)

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonValue parseValue(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

const QByteArray InputJson
    = "{\"messages\": [{\"role\": \"user\", \"content\": \"daily report\"}]}";
const QByteArray ConfigJson
    = "{\"tags\": [\"nightly\"], \"recursion_limit\": 12, \"configurable\": {\"model_name\": "
      "\"anthropic\"}}";
const QByteArray ContextJson = "{\"user_id\": \"u-42\", \"locale\": \"de-DE\"}";
const QByteArray MetadataJson = "{\"owner\": \"ops\", \"team\": \"infra\"}";

// Stands in for the session: records what the editor submits, answers when the test says.
class RecordingSubmitter final : public models::CronSubmitter
{
public:
    QList<models::CronDraft> created;
    QList<models::CronDraft> edited;

    void create(const models::CronDraft &draft) override { created.append(draft); }
    void update(const QString &, const models::CronDraft &, const models::CronDraft &draft) override
    {
        edited.append(draft);
    }
    bool isBusy() const override { return false; }
};

} // namespace

class TestCronEditorDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<api::ApiClient> m_client;
    // Declared before the dialog, which is destroyed first.
    std::unique_ptr<models::JournalRecorder> m_journal;
    std::unique_ptr<models::CronTableModel> m_model;
    std::unique_ptr<models::CronRepository> m_session;
    std::unique_ptr<CronEditorDialog> m_dialog;

    void start(std::chrono::milliseconds transferTimeout = std::chrono::seconds(20))
    {
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options {.seedCount = 0, .scheduler = false});
        QVERIFY(m_server->listen() != 0);
        api::RequestFactory factory(m_server->baseUrl());
        factory.setTransferTimeout(transferTimeout);
        m_client = std::make_unique<api::ApiClient>(factory);
    }

    CronEditorDialog *open(Mode mode, const api::Cron &cron = {})
    {
        m_dialog.reset();
        m_model = std::make_unique<models::CronTableModel>();
        m_session = std::make_unique<models::CronRepository>(m_client.get(), m_model.get());
        m_session->setJournal(m_journal.get());
        m_session->setVerificationTiming(std::chrono::milliseconds(50),
                                         std::chrono::milliseconds(1500));
        const QJsonValue before
            = mode == Mode::Edit ? QJsonValue(api::cronToJson(cron)) : QJsonValue();
        m_dialog = std::make_unique<CronEditorDialog>(mode, m_session->newEditorSubmitter(before),
                                                      new models::CronEditorLookups(m_client.get()),
                                                      cron);
        m_dialog->open();
        return m_dialog.get();
    }

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
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    void typeJson(const char *editor, const QByteArray &json)
    {
        ui::JsonTextEdit *edit = child<ui::JsonFieldEditor>(editor)->editor();
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        // keyClicks would take a while for long JSON and open no popups; insertPlainText is what
        // a paste does.
        edit->insertPlainText(QString::fromUtf8(json));
    }

    void choose(const char *combo, const QString &value)
    {
        auto *box = child<QComboBox>(combo);
        const int index = box->findData(value);
        QVERIFY2(index >= 0, qPrintable(value));
        box->setCurrentIndex(index);
    }

    void check(QListWidget *list, const QString &name)
    {
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->data(Qt::UserRole).toString() == name) {
                list->item(row)->setCheckState(Qt::Checked);
                return;
            }
        }
        QFAIL(qPrintable(u"no item "_s + name));
    }

    // Every field of the Schedule and Run options tabs but the target, as an operator would.
    void fillEveryField()
    {
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"30 6 * * 1-5"_s);
        auto *zone = child<ui::TimeZonePicker>("timezonePicker");
        zone->lineEdit()->selectAll();
        QTest::keyClicks(zone->lineEdit(), u"Europe/Berlin"_s);
        child<QCheckBox>("endTimeCheck")->click();
        child<QDateTimeEdit>("endTimeEdit")
            ->setDateTime(QDateTime(QDate(2031, 1, 1), QTime(12, 0), Qt::UTC));
        child<QCheckBox>("enabledCheck")->click();
        typeJson("inputEditor", InputJson);
        typeJson("configEditor", ConfigJson);
        typeJson("contextEditor", ContextJson);
        typeJson("metadataEditor", MetadataJson);

        auto *before = child<ui::InterruptPicker>("interruptBeforePicker");
        before->modeCombo()->setCurrentIndex(
            before->modeCombo()->findData(int(models::InterruptNodes::Mode::All)));
        auto *after = child<ui::InterruptPicker>("interruptAfterPicker");
        // The checklist holds the graph's nodes once they are loaded.
        QTRY_VERIFY_WITH_TIMEOUT(after->nodeList()->count() >= 2, 10000);
        after->modeCombo()->setCurrentIndex(
            after->modeCombo()->findData(int(models::InterruptNodes::Mode::Selected)));
        check(after->nodeList(), u"tools"_s);

        type("webhookEdit", u"https://hooks.example.com/cron"_s);
        auto *modes = child<QListWidget>("streamModeList");
        check(modes, u"updates"_s);
        check(modes, u"messages-tuple"_s);
        child<QCheckBox>("streamSubgraphsCheck")->click();
        child<QCheckBox>("streamResumableCheck")->click();
        choose("durabilityCombo", u"exit"_s);
    }

    QPushButton *submitButton() const { return m_dialog->submitButton(); }

    // The review a create or a clone shows before anything is sent, once it is open.
    ui::CreateReviewDialog *openReview() const
    {
        const QList<ui::CreateReviewDialog *> reviews
            = m_dialog->findChildren<ui::CreateReviewDialog *>();
        for (ui::CreateReviewDialog *review : reviews) {
            if (review->isVisible())
                return review;
        }
        return nullptr;
    }

    // Submits a create or clone and confirms its review.
    void submitThroughReview()
    {
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        QTRY_VERIFY(openReview());
        QTest::mouseClick(openReview()->findChild<QPushButton *>(u"confirmCreateButton"_s),
                          Qt::LeftButton);
    }

    // Submits (through the review, for a create) and waits for the dialog to accept; returns
    // the cron it reported.
    api::Cron submitAndWaitForSave()
    {
        QSignalSpy saved(m_dialog.get(), &CronEditorDialog::cronSaved);
        const qsizetype writesBefore = writes().size();
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        if (m_dialog->mode() != Mode::Edit) {
            if (!QTest::qWaitFor([this] { return openReview() != nullptr; }, 5000)) {
                qWarning() << "no review; form message:" << m_dialog->messageText();
                return {};
            }
            if (writes().size() != writesBefore) {
                qWarning() << "a write was sent before the review was confirmed";
                return {};
            }
            QTest::mouseClick(openReview()->findChild<QPushButton *>(u"confirmCreateButton"_s),
                              Qt::LeftButton);
        }
        if (!saved.wait(15000)) {
            qWarning() << "form message:" << m_dialog->messageText();
            for (const auto &p : m_dialog->problems())
                qWarning() << int(p.field) << p.message;
            return {};
        }
        return saved.first().first().value<api::Cron>();
    }

    QJsonObject storedCron(const QString &cronId) const
    {
        const auto response = m_server->handleLocally("GET", u"/runs/crons/"_s + cronId);
        return QJsonDocument::fromJson(response.body).object();
    }

    QList<sandbox::RecordedRequest> writes() const
    {
        QList<sandbox::RecordedRequest> result;
        const QList<sandbox::RecordedRequest> all = m_server->requests();
        for (const auto &request : all) {
            if ((request.method == "POST" && request.path.endsWith(u"/runs/crons"_s))
                || request.method == "PATCH")
                result.append(request);
        }
        return result;
    }

    void verifyRunParameters(const QJsonObject &cron)
    {
        const QJsonObject payload = cron.value("payload"_L1).toObject();
        QCOMPARE(cron.value("assistant_id"_L1).toString(), api::systemAssistantId(u"agent"_s));
        QCOMPARE(cron.value("schedule"_L1).toString(), u"30 6 * * 1-5"_s);
        QCOMPARE(cron.value("timezone"_L1).toString(), u"Europe/Berlin"_s);
        // 12:00 in Berlin on New Year's Day is 11:00 UTC.
        QCOMPARE(cron.value("end_time"_L1).toString(), u"2031-01-01T11:00:00+00:00"_s);
        QCOMPARE(cron.value("enabled"_L1).toBool(true), false);
        QCOMPARE(payload.value("input"_L1), parseValue(InputJson));
        QCOMPARE(payload.value("config"_L1).toObject(), parse(ConfigJson));
        QCOMPARE(payload.value("context"_L1).toObject(), parse(ContextJson));
        const QJsonObject metadata = cron.value("metadata"_L1).toObject();
        QCOMPARE(metadata.value("owner"_L1).toString(), u"ops"_s);
        QCOMPARE(metadata.value("team"_L1).toString(), u"infra"_s);
        QVERIFY(metadata.contains(api::correlationMetadataKey)); // the create-once key
        QCOMPARE(payload.value("interrupt_before"_L1).toString(), u"*"_s);
        QCOMPARE(payload.value("interrupt_after"_L1).toArray(), QJsonArray {u"tools"_s});
        QCOMPARE(payload.value("webhook"_L1).toString(), u"https://hooks.example.com/cron"_s);
        QCOMPARE(payload.value("stream_mode"_L1).toArray(),
                 (QJsonArray {u"messages-tuple"_s, u"updates"_s}));
        QCOMPARE(payload.value("stream_subgraphs"_L1).toBool(), true);
        QCOMPARE(payload.value("stream_resumable"_L1).toBool(), true);
        QCOMPARE(payload.value("durability"_L1).toString(), u"exit"_s);
    }

    api::Cron storedToCron(const QJsonObject &json)
    {
        const std::optional<api::Cron> cron = api::cronFromJson(json);
        return cron.value_or(api::Cron());
    }

private Q_SLOTS:
    void init() { qRegisterMetaType<api::Cron>(); }

    void cleanup()
    {
        m_dialog.reset();
        m_session.reset();
        m_model.reset();
        m_journal.reset();
        m_client.reset();
        m_server.reset();
    }

    void create_statelessCronWithEveryField_storesEachField()
    {
        start();
        open(Mode::Create);
        fillEveryField();
        choose("onRunCompletedCombo", u"keep"_s);
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(!saved.cronId.isEmpty());
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QVERIFY(!m_dialog->isVisible());

        const QJsonObject stored = storedCron(saved.cronId);
        verifyRunParameters(stored);
        QVERIFY(stored.value("thread_id"_L1).isNull());
        QCOMPARE(stored.value("on_run_completed"_L1).toString(), u"keep"_s);
        // The dialog reports the server's version of the cron.
        QCOMPARE(saved.nextRunDate, api::cronFromJson(stored)->nextRunDate);
        QCOMPARE(writes().size(), 1);
        QCOMPARE(writes().first().path, u"/runs/crons"_s);
    }

    // The editor knows only the submitter it is given: what it submits goes there, nothing
    // reaches the server by another way, and the submitter's answer is what the form shows.
    void submit_goesToTheSubmitterGiven_andItsAnswerDecides()
    {
        start();
        auto *submitter = new RecordingSubmitter;
        m_dialog = std::make_unique<CronEditorDialog>(
            Mode::Create, submitter, new models::CronEditorLookups(m_client.get()));
        m_dialog->open();
        type("assistantEdit", u"echo"_s);
        type("scheduleEdit", u"0 8 * * *"_s);
        submitThroughReview();
        QTRY_COMPARE(submitter->created.size(), 1);
        QCOMPARE(submitter->created.first().assistant, u"echo"_s);
        QCOMPARE(submitter->created.first().schedule, u"0 8 * * *"_s);
        QVERIFY(writes().isEmpty());

        models::SubmitFailure failure;
        failure.message = u"Refused by the stand-in."_s;
        Q_EMIT submitter->failed(failure);
        QTRY_VERIFY(m_dialog->messageText().contains(failure.message));
        QVERIFY(m_dialog->isVisible());

        submitThroughReview();
        QTRY_COMPARE(submitter->created.size(), 2);
        QSignalSpy saved(m_dialog.get(), &CronEditorDialog::cronSaved);
        api::Cron cron;
        cron.cronId = u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s;
        Q_EMIT submitter->saved(cron, false);
        QCOMPARE(saved.size(), 1);
        QTRY_VERIFY(!m_dialog->isVisible());
        QVERIFY(writes().isEmpty());
    }

    // The profile's rules are the session's: the editor's submit is refused there, with the
    // reason in the form, and nothing is sent.
    void submit_onAReadOnlyProfile_isRefusedWithTheReasonAndSendsNothing()
    {
        start();
        open(Mode::Create);
        models::ConnectionProfile profile;
        profile.name = u"Audit"_s;
        profile.readOnly = true;
        m_session->setProfile(profile);
        type("assistantEdit", u"echo"_s);
        type("scheduleEdit", u"0 8 * * *"_s);
        submitThroughReview();
        QTRY_VERIFY2(m_dialog->messageText().contains(u"read-only"_s),
                     qPrintable(m_dialog->messageText()));
        QVERIFY(m_dialog->isVisible());
        QVERIFY(writes().isEmpty());
    }

    void create_threadCronWithEveryField_storesEachField()
    {
        start();
        const QString threadId = m_server->createThread({{u"purpose"_s, u"reports"_s}})
                                     .value("thread_id"_L1)
                                     .toString();
        QVERIFY(api::isUuid(threadId));
        open(Mode::Create);
        child<QRadioButton>("threadRadio")->click();
        // The thread-only row shows, the stateless-only one hides (on the Run options tab).
        QVERIFY(!child<QComboBox>("multitaskCombo")->isHidden());
        QVERIFY(child<QComboBox>("onRunCompletedCombo")->isHidden());
        type("threadEdit", threadId);
        // The pasted id is checked against the server.
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("threadInfo")->text().startsWith(u"Thread found"_s),
                                 10000);
        fillEveryField();
        choose("multitaskCombo", u"rollback"_s);
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(!saved.cronId.isEmpty());

        const QJsonObject stored = storedCron(saved.cronId);
        verifyRunParameters(stored);
        QCOMPARE(stored.value("thread_id"_L1).toString(), threadId);
        QCOMPARE(stored.value("payload"_L1).toObject().value("multitask_strategy"_L1).toString(),
                 u"rollback"_s);
        QVERIFY(stored.value("on_run_completed"_L1).isNull());
        QCOMPARE(writes().first().path, u"/threads/%1/runs/crons"_s.arg(threadId));
        QVERIFY(!parse(writes().first().body).contains("on_run_completed"_L1));
    }

    void create_onANewThread_createsTheThreadFirst()
    {
        start();
        open(Mode::Create);
        child<QRadioButton>("threadRadio")->click();
        type("assistantEdit", u"echo"_s);
        type("scheduleEdit", u"0 8 * * *"_s);
        child<QCheckBox>("newThreadCheck")->click();
        QVERIFY(!child<QLineEdit>("threadEdit")->isEnabled());
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(api::isUuid(saved.threadId));
        QCOMPARE(m_server->requestLog().matching("POST", u"/threads"_s).size(), 1);
        QCOMPARE(storedCron(saved.cronId).value("thread_id"_L1).toString(), saved.threadId);
    }

    void edit_sendsOnlyTheChangedFields()
    {
        start();
        const QJsonObject created = m_server->createCron(
            parse("{\"assistant_id\":\"agent\",\"schedule\":\"0 9 * * *\",\"timezone\":"
                  "\"America/New_York\",\"end_time\":\"2030-06-01T16:00:30+00:00\","
                  "\"webhook\":\"https://a.example.com/h\",\"metadata\":{\"owner\":\"ops\"},"
                  "\"input\":{\"q\":1},\"stream_mode\":[\"updates\",\"values\"],"
                  "\"interrupt_after\":[\"tools\"],\"durability\":\"sync\"}"));
        const api::Cron cron = storedToCron(created);
        QVERIFY(!cron.cronId.isEmpty());
        open(Mode::Edit, cron);

        // Read-only target, with the note saying why.
        QVERIFY(child<QLineEdit>("assistantEdit")->isReadOnly());
        QVERIFY(!child<QRadioButton>("threadRadio")->isEnabled());
        QVERIFY(child<QLabel>("editNote")->isVisible());
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"0 9 * * *"_s);

        type("scheduleEdit", u"15 9 * * *"_s);
        type("webhookEdit", u"https://b.example.com/h"_s);
        m_server->clearRequests();
        QTest::mouseClick(submitButton(), Qt::LeftButton);

        ui::DiffConfirmationDialog *confirmation = nullptr;
        QTRY_VERIFY((confirmation = m_dialog->findChild<ui::DiffConfirmationDialog *>()));
        QTRY_VERIFY(confirmation->isVisible());
        QTableWidget *table = confirmation->table();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), u"Schedule"_s);
        QCOMPARE(table->item(0, 1)->text(), u"0 9 * * *"_s);
        QCOMPARE(table->item(0, 2)->text(), u"15 9 * * *"_s);
        QCOMPARE(table->item(1, 0)->text(), u"Webhook"_s);
        QVERIFY(writes().isEmpty()); // nothing is sent before the confirmation

        QSignalSpy saved(m_dialog.get(), &CronEditorDialog::cronSaved);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmSaveButton"_s),
                          Qt::LeftButton);
        QVERIFY(saved.wait(10000));

        const QList<sandbox::RecordedRequest> patches
            = m_server->requestLog().matching("PATCH", u"/runs/crons/"_s + cron.cronId);
        QCOMPARE(patches.size(), 1);
        QCOMPARE(parse(patches.first().body),
                 parse("{\"schedule\":\"15 9 * * *\",\"webhook\":\"https://b.example.com/h\"}"));
        const QJsonObject stored = storedCron(cron.cronId);
        QCOMPARE(stored.value("schedule"_L1).toString(), u"15 9 * * *"_s);
        QCOMPARE(stored.value("end_time"_L1).toString(), u"2030-06-01T16:00:30+00:00"_s);
        QCOMPARE(saved.first().first().value<api::Cron>().schedule, u"15 9 * * *"_s);
    }

    void edit_backFromTheDiff_keepsTheFormAndSendsNothing()
    {
        start();
        const api::Cron cron = storedToCron(
            m_server->createCron(parse("{\"assistant_id\":\"echo\",\"schedule\":\"0 9 * * *\"}")));
        open(Mode::Edit, cron);
        child<QCheckBox>("enabledCheck")->click();
        m_server->clearRequests();
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        ui::DiffConfirmationDialog *confirmation = nullptr;
        QTRY_VERIFY((confirmation = m_dialog->findChild<ui::DiffConfirmationDialog *>()));
        QCOMPARE(confirmation->table()->rowCount(), 1);
        QCOMPARE(confirmation->table()->item(0, 2)->text(), u"paused"_s);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"backButton"_s), Qt::LeftButton);
        QTRY_VERIFY(m_dialog->form()->isEnabled());
        QVERIFY(m_dialog->isVisible());
        QVERIFY(!child<QCheckBox>("enabledCheck")->isChecked());
        QVERIFY(writes().isEmpty());
    }

    void edit_withoutChanges_saysSoAndSendsNothing()
    {
        start();
        const api::Cron cron = storedToCron(m_server->createCron(
            parse("{\"assistant_id\":\"agent\",\"schedule\":\"*/30 * * * *\",\"timezone\":"
                  "\"Asia/Kolkata\",\"config\":{\"tags\":[\"a\"]},\"stream_mode\":\"debug\"}")));
        open(Mode::Edit, cron);
        m_server->clearRequests();
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        QTRY_VERIFY(m_dialog->messageText().contains(u"Nothing has changed"_s));
        QVERIFY(m_dialog->form()->isEnabled());
        QVERIFY(writes().isEmpty());
    }

    void clone_createsANewCronFromTheOriginal()
    {
        start();
        const api::Cron original = storedToCron(m_server->createCron(
            parse("{\"assistant_id\":\"researcher\",\"schedule\":\"0 7 1 * *\",\"timezone\":"
                  "\"Asia/Tokyo\",\"input\":{\"topic\":\"cron\"},\"webhook\":"
                  "\"https://c.example.com/h\",\"on_run_completed\":\"keep\"}")));
        open(Mode::Clone, original);
        QVERIFY(!child<QLineEdit>("assistantEdit")->isReadOnly());
        type("scheduleEdit", u"0 7 15 * *"_s);
        const api::Cron clone = submitAndWaitForSave();
        QVERIFY(!clone.cronId.isEmpty());
        QVERIFY(clone.cronId != original.cronId);
        const QJsonObject stored = storedCron(clone.cronId);
        QCOMPARE(stored.value("schedule"_L1).toString(), u"0 7 15 * *"_s);
        QCOMPARE(stored.value("assistant_id"_L1).toString(), original.assistantId);
        QCOMPARE(stored.value("timezone"_L1).toString(), u"Asia/Tokyo"_s);
        QCOMPARE(stored.value("on_run_completed"_L1).toString(), u"keep"_s);
        const QJsonObject payload = stored.value("payload"_L1).toObject();
        QCOMPARE(payload.value("input"_L1).toObject(), parse("{\"topic\":\"cron\"}"));
        QCOMPARE(payload.value("webhook"_L1).toString(), u"https://c.example.com/h"_s);
        // The original is untouched.
        QCOMPARE(storedCron(original.cronId).value("schedule"_L1).toString(), u"0 7 1 * *"_s);
    }

    void invalidInput_blocksSubmitWithTheMessageAtTheField_data()
    {
        QTest::addColumn<models::DraftField>("field");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<QString>("focusedWidget");
        QTest::newRow("schedule") << models::DraftField::Schedule << u"column 3"_s
                                  << u"scheduleEdit"_s;
        QTest::newRow("JSON") << models::DraftField::Input << u"line 2, column"_s
                              << u"inputEditor"_s;
        QTest::newRow("time zone")
            << models::DraftField::Timezone << u"Mars/Base"_s << u"timezonePicker"_s;
        QTest::newRow("webhook URL")
            << models::DraftField::Webhook << u"http or https"_s << u"webhookEdit"_s;
        QTest::newRow("thread id")
            << models::DraftField::Thread << u"is not a thread id"_s << u"threadEdit"_s;
    }
    void invalidInput_blocksSubmitWithTheMessageAtTheField()
    {
        QFETCH(models::DraftField, field);
        QFETCH(QString, messagePart);
        start();
        open(Mode::Create);
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"0 9 * * *"_s);
        switch (field) {
        case models::DraftField::Schedule:
            type("scheduleEdit", u"0 25 * * *"_s);
            break;
        case models::DraftField::Input:
            typeJson("inputEditor", "{\"a\": 1,\n \"b\": }");
            break;
        case models::DraftField::Timezone: {
            auto *zone = child<ui::TimeZonePicker>("timezonePicker");
            zone->lineEdit()->selectAll();
            QTest::keyClicks(zone->lineEdit(), u"Mars/Base"_s);
            break;
        }
        case models::DraftField::Webhook:
            type("webhookEdit", u"ftp://files.example.com/x"_s);
            break;
        case models::DraftField::Thread:
            child<QRadioButton>("threadRadio")->click();
            type("threadEdit", u"thread-42"_s);
            break;
        default:
            QFAIL("unexpected row");
        }
        const models::CronDraft typed = m_dialog->draft();
        QTest::mouseClick(submitButton(), Qt::LeftButton);

        QVERIFY2(m_dialog->fieldMessage(field).contains(messagePart),
                 qPrintable(m_dialog->fieldMessage(field)));
        QVERIFY(m_dialog->messageText().contains(u"marked in red before saving"_s));
        QVERIFY(m_dialog->isVisible());
        QVERIFY(m_dialog->form()->isEnabled());
        QCOMPARE(m_dialog->draft(), typed);
        // Blocked before apply(): no request was even started.
        QVERIFY(!m_dialog->submitter()->isBusy());
        QVERIFY(writes().isEmpty());
        // The field with the error has the focus (within the dialog: offscreen, the window itself
        // may not be active).
        QFETCH(QString, focusedWidget);
        bool focused = false;
        for (QWidget *w = m_dialog->focusWidget(); w; w = w->parentWidget())
            focused = focused || w->objectName() == focusedWidget;
        QVERIFY2(focused,
                 qPrintable(m_dialog->focusWidget() ? m_dialog->focusWidget()->objectName()
                                                    : u"nothing"_s));
    }

    void invalidJson_marksItsLineAndTheFormatButtonWaits()
    {
        start();
        open(Mode::Create);
        auto *editor = child<ui::JsonFieldEditor>("contextEditor");
        typeJson("contextEditor", "{\n  \"a\": [1, 2,]\n}");
        QVERIFY(!editor->formatButton()->isEnabled());
        QTRY_COMPARE(editor->editor()->markedPosition().line, 2);
        typeJson("contextEditor", "{\"a\": [1, 2]}");
        QVERIFY(editor->formatButton()->isEnabled());
        QTest::mouseClick(editor->formatButton(), Qt::LeftButton);
        QCOMPARE(editor->text(), u"{\n    \"a\": [\n        1,\n        2\n    ]\n}"_s);
        QTRY_COMPARE(editor->editor()->markedPosition().line, 0);
    }

    void schemaMismatch_warnsButDoesNotBlock()
    {
        start();
        open(Mode::Create);
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"0 9 * * *"_s);
        typeJson("inputEditor", "{\"messages\": [{\"role\": 5}]}");
        // The agent graph's input schema wants role and content strings.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_dialog->fieldMessage(models::DraftField::Input).contains(u"schema says"_s), 10000);
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(!saved.cronId.isEmpty());
    }

    void serverFailure_keepsTheDialogOpenWithTheInputIntact_data()
    {
        QTest::addColumn<int>("status"); // 0: no answer in time
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<models::DraftField>("markedField");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("422 naming the time zone")
            << 422
            << QByteArray("{\"detail\":\"Invalid timezone: 'Europe/Berlin'. Use IANA timezone "
                          "format (e.g. 'America/New_York').\"}")
            << models::DraftField::Timezone << u"Invalid timezone"_s;
        QTest::newRow("500") << 500 << QByteArray("{\"detail\":\"database unavailable\"}")
                             << models::DraftField::None << u"submit again safely"_s;
        // No answer, and the cron never appears: that is not "not created" (the report: a
        // slow server committed it later, and the retry made a second cron).
        QTest::newRow("timeout") << 0 << QByteArray() << models::DraftField::None
                                 << u"may have created the cron"_s;
    }
    void serverFailure_keepsTheDialogOpenWithTheInputIntact()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(models::DraftField, markedField);
        QFETCH(QString, messagePart);
        start(status == 0 ? std::chrono::milliseconds(600) : std::chrono::seconds(20));
        sandbox::FaultRule fault;
        fault.method = "POST";
        fault.path = u"/runs/crons"_s;
        fault.action = sandbox::FaultRule::Action::Status;
        fault.status = status == 0 ? 504 : status;
        fault.body = body;
        fault.delayMs = status == 0 ? 3000 : 0;
        fault.times = 1;
        m_server->addFault(fault);

        open(Mode::Create);
        fillEveryField();
        const models::CronDraft typed = m_dialog->draft();
        QSignalSpy failed(m_dialog->submitter(), &models::CronSubmitter::failed);
        QSignalSpy saved(m_dialog.get(), &CronEditorDialog::cronSaved);
        submitThroughReview();
        // Inputs are disabled while the request is out.
        QVERIFY(!m_dialog->form()->isEnabled());
        QVERIFY(!submitButton()->isEnabled());
        if (status == 0) {
            // While it looks, it says so.
            QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("progressLabel")->text(),
                                      u"The server may have created it; checking…"_s, 5000);
        }
        QVERIFY(failed.wait(15000));

        QVERIFY(m_dialog->isVisible());
        QVERIFY(saved.isEmpty());
        QVERIFY(m_dialog->form()->isEnabled());
        QVERIFY(submitButton()->isEnabled());
        QCOMPARE(m_dialog->draft(), typed);
        QVERIFY2(m_dialog->messageText().contains(messagePart),
                 qPrintable(m_dialog->messageText()));
        if (markedField != models::DraftField::None)
            QVERIFY2(m_dialog->fieldMessage(markedField).contains(u"The server says"_s),
                     qPrintable(m_dialog->fieldMessage(markedField)));
        if (status != 422) {
            // The cron was looked for before the failure was reported.
            QVERIFY(!m_server->requestLog().matching("POST", u"/runs/crons/search"_s).isEmpty());
        }

        // Submitting again now works, and creates exactly one cron.
        const api::Cron retried = submitAndWaitForSave();
        QVERIFY(!retried.cronId.isEmpty());
        QCOMPARE(m_server->store().cronCount(), qsizetype(1));
    }

    void lostAnswer_whenTheCronWasStored_reportsItAsSaved()
    {
        start();
        sandbox::FaultRule fault;
        fault.method = "POST";
        fault.path = u"/runs/crons"_s;
        fault.action = sandbox::FaultRule::Action::Drop; // runs the handler, drops the answer
        fault.afterBytes = 0;
        fault.times = 1;
        m_server->addFault(fault);
        open(Mode::Create);
        type("assistantEdit", u"echo"_s);
        type("scheduleEdit", u"0 6 * * *"_s);
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(!saved.cronId.isEmpty());
        QCOMPARE(m_server->store().cronCount(), qsizetype(1));
        QCOMPARE(m_server->requestLog().matching("POST", u"/runs/crons"_s).size(), 1);
    }

    // Enter in any field of the editor, in Create and in Edit: nothing is submitted, nothing
    // is asked, nothing is sent, and no button looks like the one Enter would press.
    void enterInAField_neverSubmits_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("field");
        for (const char *field : {"scheduleEdit", "schedulePreview", "assistantEdit",
                                  "timezoneEdit", "endTimeEdit", "webhookEdit", "durabilityCombo"})
            QTest::addRow("create, %s", field) << Mode::Create << QString::fromLatin1(field);
        for (const char *field : {"scheduleEdit", "schedulePreview", "webhookEdit"})
            QTest::addRow("edit, %s", field) << Mode::Edit << QString::fromLatin1(field);
    }
    void enterInAField_neverSubmits()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, field);
        start();
        api::Cron cron;
        if (mode == Mode::Edit) {
            cron = storedToCron(
                m_server->createCron(parse("{\"assistant_id\":\"echo\",\"schedule\":\"0 9 * * *\","
                                           "\"end_time\":\"2031-01-01T00:00:00+00:00\"}")));
        }
        open(mode, cron);
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        // A form that would submit: valid, and (for the edit) changed.
        if (mode == Mode::Create)
            type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"15 9 * * *"_s);
        child<QCheckBox>("endTimeCheck")->setChecked(true);
        m_server->clearRequests();
        QSignalSpy finished(m_dialog.get(), &QDialog::finished);

        QWidget *target = field == u"schedulePreview"
            ? child<ui::SchedulePreview>("schedulePreview")->table()
            : field == u"timezoneEdit" ? child<ui::TimeZonePicker>("timezonePicker")->lineEdit()
                                       : child<QWidget>(qPrintable(field));
        target->setFocus();
        QVERIFY(!submitButton()->isDefault());
        QTest::keyClick(target, Qt::Key_Return);
        QTest::keyClick(target, Qt::Key_Enter, Qt::KeypadModifier);
        QTest::qWait(50); // a submit would open its confirmation at once; give it the chance

        QVERIFY(m_dialog->isVisible());
        QVERIFY(finished.isEmpty());
        QVERIFY(!openReview());
        QVERIFY(!m_dialog->findChild<ui::DiffConfirmationDialog *>());
        QVERIFY(!m_dialog->submitter()->isBusy());
        QVERIFY(m_dialog->form()->isEnabled());
        QVERIFY(writes().isEmpty());
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"15 9 * * *"_s);
    }

    void create_endsWithAReviewOfWhatWhereAndWhenBeforeSending()
    {
        start();
        open(Mode::Create);
        models::ConnectionProfile profile;
        profile.name = u"Acme Prod"_s;
        profile.environment = u"production"_s;
        m_dialog->setTarget(models::mutationTarget(profile, m_server->baseUrl(), false));
        m_dialog->setClock([] { return QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC); });
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"30 6 * * 1-5"_s);
        child<ui::TimeZonePicker>("timezonePicker")->setZoneName(u"Europe/Berlin"_s);
        typeJson("metadataEditor", "{\"owner\": \"ops\"}");
        m_server->clearRequests();

        QTest::mouseClick(submitButton(), Qt::LeftButton);
        QTRY_VERIFY(openReview());
        ui::CreateReviewDialog *review = openReview();
        QVERIFY(writes().isEmpty());
        QStringList texts;
        for (const QLabel *label : review->findChildren<QLabel *>())
            texts << label->text();
        QTableWidget *table = review->table();
        for (int row = 0; row < table->rowCount(); ++row)
            texts << table->item(row, 0)->text() + u": "_s + table->item(row, 1)->text();
        const QString text = texts.join(u'\n');
        QVERIFY2(text.contains(u"Create this cron on profile “Acme Prod” (production)?"_s),
                 qPrintable(text));
        QVERIFY2(!text.contains(m_server->baseUrl().toString()), qPrintable(text));
        QVERIFY2(text.contains(u"Assistant: agent"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Runs on: a new thread for each run (stateless)"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Time zone: Europe/Berlin"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Metadata: {\"owner\":\"ops\"}"_s), qPrintable(text));
        QVERIFY2(!text.contains(api::correlationMetadataKey), qPrintable(text));
        // When: in the cron's zone and the operator's.
        QTableWidget *runs = review->runsTable();
        QCOMPARE(runs->rowCount(), 3);
        const QDateTime first(QDate(2026, 3, 23), QTime(5, 30), Qt::UTC);
        QCOMPARE(runs->item(0, 0)->text(), u"2026-03-23 06:30 CET"_s);
        QCOMPARE(runs->item(0, 1)->text(),
                 models::formatInstant(first, QString(), models::FormatZone::Local));
        QVERIFY(runs->horizontalHeaderItem(0)->text().contains(u"Europe/Berlin"_s));
        // The create button has the focus: confirming is deliberate, and one key.
        QCOMPARE(review->focusWidget(), review->findChild<QPushButton *>(u"confirmCreateButton"_s));

        // Back: the form as it was, nothing sent.
        QTest::mouseClick(review->findChild<QPushButton *>(u"backButton"_s), Qt::LeftButton);
        QTRY_VERIFY(m_dialog->form()->isEnabled());
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"30 6 * * 1-5"_s);
        QVERIFY(writes().isEmpty());

        // Confirmed: created, with the correlation key the review did not show.
        const api::Cron saved = submitAndWaitForSave();
        QVERIFY(!saved.cronId.isEmpty());
        QCOMPARE(writes().size(), 1);
        QVERIFY(storedCron(saved.cronId)
                    .value("metadata"_L1)
                    .toObject()
                    .contains(api::correlationMetadataKey));
    }

    void escapeOrClose_withUnsavedChanges_asksBeforeDiscarding_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<bool>("byEscape");
        QTest::addColumn<bool>("discard");
        QTest::newRow("create, Esc, keep editing") << Mode::Create << true << false;
        QTest::newRow("create, Esc, discard") << Mode::Create << true << true;
        QTest::newRow("edit, close button, keep editing") << Mode::Edit << false << false;
        QTest::newRow("edit, Cancel, discard") << Mode::Edit << false << true;
    }
    void escapeOrClose_withUnsavedChanges_asksBeforeDiscarding()
    {
        QFETCH(Mode, mode);
        QFETCH(bool, byEscape);
        QFETCH(bool, discard);
        start();
        api::Cron cron;
        if (mode == Mode::Edit)
            cron = storedToCron(m_server->createCron(
                parse("{\"assistant_id\":\"echo\",\"schedule\":\"0 9 * * *\"}")));
        open(mode, cron);
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        type("scheduleEdit", u"45 7 * * *"_s);
        QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);
        if (byEscape)
            QTest::keyClick(child<QLineEdit>("scheduleEdit"), Qt::Key_Escape);
        else if (mode == Mode::Edit && discard)
            m_dialog->buttonBox()->button(QDialogButtonBox::Cancel)->click();
        else
            m_dialog->close(); // the window's close button
        QTRY_VERIFY(m_dialog->discardQuestion());
        QVERIFY(m_dialog->isVisible());
        QVERIFY(rejected.isEmpty());
        QMessageBox *question = m_dialog->discardQuestion();
        QVERIFY(question->text().contains(mode == Mode::Edit ? u"not been saved"_s
                                                             : u"not been created"_s));
        // Keeping is what Esc and Enter choose.
        QCOMPARE(question->defaultButton()->objectName(), u"keepEditingButton"_s);
        QCOMPARE(question->escapeButton()->objectName(), u"keepEditingButton"_s);
        question->findChild<QPushButton *>(discard ? u"discardButton"_s : u"keepEditingButton"_s)
            ->click();
        if (discard) {
            QTRY_COMPARE(rejected.count(), 1);
            QVERIFY(!m_dialog->isVisible());
        } else {
            QTRY_VERIFY(!m_dialog->discardQuestion());
            QVERIFY(m_dialog->isVisible());
            QVERIFY(rejected.isEmpty());
            QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"45 7 * * *"_s);
        }
        QVERIFY(writes().isEmpty());
    }

    void escape_withoutChanges_closesAtOnce_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::newRow("create") << Mode::Create;
        QTest::newRow("edit") << Mode::Edit;
        QTest::newRow("clone") << Mode::Clone;
    }
    void escape_withoutChanges_closesAtOnce()
    {
        QFETCH(Mode, mode);
        start();
        api::Cron cron;
        if (mode != Mode::Create)
            cron = storedToCron(m_server->createCron(
                parse("{\"assistant_id\":\"agent\",\"schedule\":\"0 9 * * *\","
                      "\"timezone\":\"Asia/Tokyo\",\"end_time\":\"2031-01-01T00:00:00+00:00\","
                      "\"metadata\":{\"owner\":\"ops\"},\"stream_mode\":\"updates\"}")));
        open(mode, cron);
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        // Lookups (assistants, graph, threads) arriving do not count as changes.
        QTRY_VERIFY_WITH_TIMEOUT(
            child<ui::InterruptPicker>("interruptAfterPicker")->nodeList()->count() >= 2
                || mode == Mode::Create,
            10000);
        QTest::qWait(200);
        QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);
        QTest::keyClick(child<QLineEdit>("scheduleEdit"), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
        QVERIFY(!m_dialog->discardQuestion());
        QVERIFY(!m_dialog->isVisible());
    }

    void editAndClone_endTimeCanBeChangedAtOnce_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::newRow("edit") << Mode::Edit;
        QTest::newRow("clone") << Mode::Clone;
    }
    void editAndClone_endTimeCanBeChangedAtOnce()
    {
        QFETCH(Mode, mode);
        start();
        const api::Cron cron = storedToCron(
            m_server->createCron(parse("{\"assistant_id\":\"echo\",\"schedule\":\"0 9 * * *\","
                                       "\"end_time\":\"2031-01-01T00:00:00+00:00\"}")));
        open(mode, cron);
        QVERIFY(child<QCheckBox>("endTimeCheck")->isChecked());
        auto *edit = child<QDateTimeEdit>("endTimeEdit");
        QVERIFY(edit->isEnabled());
        // Typed into directly, no toggling of "Stop at" first.
        edit->setFocus();
        edit->setCurrentSection(QDateTimeEdit::YearSection);
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(m_dialog->draft().endTime.date().year(), 2032);
        // And without an end time the field waits for the box, as before.
        open(Mode::Create);
        QVERIFY(!child<QDateTimeEdit>("endTimeEdit")->isEnabled());
    }

    void errorCount_followsTheFixes()
    {
        start();
        open(Mode::Create);
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"0 25 * * *"_s);
        type("webhookEdit", u"ftp://files.example.com/x"_s);
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        QVERIFY2(m_dialog->messageText().contains(u"(2 found)"_s),
                 qPrintable(m_dialog->messageText()));
        type("webhookEdit", u"https://hooks.example.com/x"_s);
        QTRY_VERIFY2(m_dialog->messageText().contains(u"(1 found)"_s),
                     qPrintable(m_dialog->messageText()));
        type("scheduleEdit", u"0 23 * * *"_s);
        QTRY_VERIFY2(m_dialog->messageText().isEmpty(), qPrintable(m_dialog->messageText()));
        // Breaking a field again does not bring the count back before the next submit: the
        // field itself says what is wrong.
        type("scheduleEdit", u"0 99 * * *"_s);
        QTest::qWait(300);
        QVERIFY(m_dialog->messageText().isEmpty());
        QVERIFY(!m_dialog->fieldMessage(models::DraftField::Schedule).isEmpty());
    }

    void edit_diffShowsMetadataKeyByKeyAsTheServerStoresIt()
    {
        start();
        const QString longValue = QString(u"x"_s).repeated(300) + u" middle "_s
            + QString(u"y"_s).repeated(300) + u" tail-end"_s;
        const api::Cron cron = storedToCron(m_server->createCron(
            parse("{\"assistant_id\":\"echo\",\"schedule\":\"0 9 * * *\","
                  "\"metadata\":{\"owner\":\"ops\",\"env\":\"prod\","
                  "\"crondesk_request_id\":\"5f0c1e2a-0000-4000-8000-000000000001\"}}")));
        open(Mode::Edit, cron);
        // Cron Desk's correlation key is not in the editor: the server keeps it anyway.
        QVERIFY(!child<ui::JsonFieldEditor>("metadataEditor")
                     ->text()
                     .contains(api::correlationMetadataKey));
        typeJson("metadataEditor",
                 u"{\"owner\": \"sre\", \"notes\": \"%1\"}"_s.arg(longValue).toUtf8());
        m_server->clearRequests();
        QTest::mouseClick(submitButton(), Qt::LeftButton);
        ui::DiffConfirmationDialog *confirmation = nullptr;
        QTRY_VERIFY((confirmation = m_dialog->findChild<ui::DiffConfirmationDialog *>()));
        QTableWidget *table = confirmation->table();
        QCOMPARE(table->rowCount(), 2);
        // Key by key, in key order, each with its value as JSON.
        QCOMPARE(table->item(0, 0)->text(), u"Metadata › notes"_s);
        QCOMPARE(table->item(0, 1)->text(), u"not set"_s);
        QCOMPARE(table->item(1, 0)->text(), u"Metadata › owner"_s);
        QCOMPARE(table->item(1, 1)->text(), u"\"ops\""_s);
        QCOMPARE(table->item(1, 2)->text(), u"\"sre\""_s);
        // A long value wraps, and what does not fit is cut at its end, never in the middle;
        // the tooltip has all of it.
        const QString shown = table->item(0, 2)->text();
        QVERIFY2(shown.startsWith(u"\"xxxx"_s) && shown.endsWith(u"…"_s), qPrintable(shown));
        QVERIFY(shown.contains(u" middle "_s));
        QCOMPARE(table->item(0, 2)->toolTip(), u"\"%1\""_s.arg(longValue));
        QVERIFY(table->wordWrap());
        QCOMPARE(table->textElideMode(), Qt::ElideRight);
        // The merge, and the key the text dropped, are said; the correlation key is not.
        const QString note = confirmation->noteText();
        QVERIFY2(note.contains(u"no key can be removed"_s), qPrintable(note));
        QVERIFY2(note.contains(u"kept on the server: env."_s), qPrintable(note));
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < 3; ++column)
                QVERIFY(!table->item(row, column)->toolTip().contains(api::correlationMetadataKey));
        }
        QVERIFY(!note.contains(api::correlationMetadataKey));

        QSignalSpy saved(m_dialog.get(), &CronEditorDialog::cronSaved);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmSaveButton"_s),
                          Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        const QList<sandbox::RecordedRequest> patches
            = m_server->requestLog().matching("PATCH", u"/runs/crons/"_s + cron.cronId);
        QCOMPARE(patches.size(), 1);
        QCOMPARE(parse(patches.first().body).value("metadata"_L1).toObject().keys(),
                 (QStringList {u"notes"_s, u"owner"_s}));
        // As the diff said: merged, nothing removed.
        const QJsonObject stored = storedCron(cron.cronId).value("metadata"_L1).toObject();
        QCOMPARE(stored.value("env"_L1).toString(), u"prod"_s);
        QCOMPARE(stored.value("owner"_L1).toString(), u"sre"_s);
        QVERIFY(stored.contains(api::correlationMetadataKey));
    }

    void preset_proposesTextAndReplacesOnlyOnUse()
    {
        start();
        open(Mode::Create);
        type("scheduleEdit", u"5 4 * * *"_s);
        auto *presets = child<ui::SchedulePresetBar>("presetBar");
        presets->choose(models::SchedulePreset::WeekdaysAt);
        QCOMPARE(presets->proposal(), u"0 9 * * 1-5"_s);
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"5 4 * * *"_s);
        QTest::mouseClick(presets->useButton(), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"0 9 * * 1-5"_s);
        // Undo brings back what was typed.
        child<QLineEdit>("scheduleEdit")->undo();
        QCOMPARE(child<QLineEdit>("scheduleEdit")->text(), u"5 4 * * *"_s);
    }

    void preview_showsDescriptionNextRunsAndWarnings()
    {
        start();
        open(Mode::Create);
        m_dialog->setClock([] { return QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC); });
        type("scheduleEdit", u"*/2 * * * *"_s);
        auto *preview = child<ui::SchedulePreview>("schedulePreview");
        QTRY_VERIFY(preview->description().startsWith(u"Every 2 minutes"_s));
        QCOMPARE(preview->table()->item(0, 2)->text(), u"2026-03-20 12:02 UTC"_s);
        QTRY_VERIFY(m_dialog->fieldMessage(models::DraftField::Schedule).contains(u"720 runs"_s));

        type("scheduleEdit", u"30 2 * * *"_s);
        auto *zone = child<ui::TimeZonePicker>("timezonePicker");
        zone->setZoneName(u"Europe/Berlin"_s);
        QTRY_VERIFY(preview->dstText().contains(u"2026-03-29"_s));
        QCOMPARE(preview->table()->item(0, 0)->text(), u"2026-03-21 02:30 CET"_s);
    }

    // Qt reads "Berl" as a POSIX TZ rule (UTC by another name); the server refuses it.
    void timezone_thatQtReadsAsAPosixRule_isMarkedBlocksSubmitAndIsNotPreviewed()
    {
        start();
        open(Mode::Create);
        m_dialog->setClock([] { return QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC); });
        type("assistantEdit", u"agent"_s);
        type("scheduleEdit", u"0 9 * * *"_s);
        auto *zone = child<ui::TimeZonePicker>("timezonePicker");
        zone->lineEdit()->selectAll();
        QTest::keyClicks(zone->lineEdit(), u"Berl"_s);
        QCOMPARE(zone->zoneName(), u"Berl"_s);

        auto *preview = child<ui::SchedulePreview>("schedulePreview");
        QTRY_COMPARE(preview->description(), u"No preview until the time zone is an IANA name."_s);
        QVERIFY(!preview->table()->isVisibleTo(preview));
        QCOMPARE(child<QLabel>("endTimeZoneLabel")->text(), u"Berl (not a time zone)"_s);
        for (int row = 0; row < preview->table()->rowCount(); ++row) {
            for (int column = 0; column < preview->table()->columnCount(); ++column) {
                const QTableWidgetItem *item = preview->table()->item(row, column);
                QVERIFY(!item || !item->text().contains(u"Berl"_s));
            }
        }
        QTRY_VERIFY2(m_dialog->fieldMessage(models::DraftField::Timezone)
                         .contains(u"“Berl” is not an IANA time zone name"_s),
                     qPrintable(m_dialog->fieldMessage(models::DraftField::Timezone)));

        QTest::mouseClick(submitButton(), Qt::LeftButton);
        QVERIFY(m_dialog->isVisible());
        QVERIFY(m_dialog->messageText().contains(u"marked in red before saving"_s));
        QVERIFY(!m_dialog->submitter()->isBusy());
        QVERIFY(writes().isEmpty());
        QCOMPARE(m_server->store().cronCount(), qsizetype(0));
    }
};

QTEST_MAIN(TestCronEditorDialog)
#include "tst_croneditordialog.moc"

#include "profiledialog.h"

#include "environmentbadge.h"
#include "ui_profiledialog.h"

#include <QColorDialog>
#include <QPushButton>
#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr auto errorStyle = "color: #b00020;"_L1;

// What "Add" starts from: the strictest label, so a new deployment is treated as production
// until the operator says otherwise.
models::ConnectionProfile newProfile()
{
    models::ConnectionProfile profile;
    profile.environment = u"production"_s;
    return profile;
}

} // namespace

ProfileDialog::ProfileDialog(QWidget *parent)
    : GuardedDialog(parent)
    , m_ui(std::make_unique<Ui::ProfileDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"profileDialog"_s);

    m_badge = new EnvironmentBadge(m_ui->badgePlaceholder);
    m_ui->badgePlaceholder->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *badgeLayout = new QHBoxLayout(m_ui->badgePlaceholder);
    badgeLayout->setContentsMargins(0, 0, 0, 0);
    badgeLayout->addWidget(m_badge);

    m_ui->environmentCombo->addItems(models::knownEnvironments());
    m_ui->colourEdit->setPlaceholderText(tr("default"));
    m_ui->colourEdit->setAccessibleName(tr("Badge colour"));
    m_ui->colourButton->setAccessibleName(tr("Choose the badge colour"));
    m_ui->apiKeyEdit->setAccessibleName(tr("API key"));
    m_ui->headersEdit->setAccessibleName(tr("Extra headers, one “Name: value” per line"));
    m_ui->pinnedList->setAccessibleName(tr("Trusted certificates"));
    m_ui->testResult->setAccessibleName(tr("Connection test result"));
    for (QLabel *error : {m_ui->nameError, m_ui->urlError, m_ui->colourError, m_ui->headersError})
        error->setStyleSheet(QString(errorStyle));
    // Notes take the height of their text; the test result below takes whatever is left.
    for (QLabel *note : {m_ui->nameError, m_ui->urlError, m_ui->colourError, m_ui->headersError,
                         m_ui->keyNote, m_ui->plainHttpWarning})
        note->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_ui->testResult->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    m_ui->plainHttpWarning->setStyleSheet(QString(errorStyle));
    m_ui->plainHttpWarning->setText(
        tr("This is plain http to another machine: the API key would travel unencrypted and "
           "anyone on the network path could read it. Use https if the deployment offers it."));
    m_ui->trustButton->hide();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->profileList, &QListWidget::currentRowChanged, this, &ProfileDialog::select);
    connect(m_ui->addButton, &QPushButton::clicked, this, &ProfileDialog::addProfile);
    connect(m_ui->duplicateButton, &QPushButton::clicked, this, &ProfileDialog::duplicateCurrent);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &ProfileDialog::removeCurrent);
    connect(m_ui->colourButton, &QToolButton::clicked, this, &ProfileDialog::chooseColour);
    connect(m_ui->trustButton, &QPushButton::clicked, this, &ProfileDialog::trustTestedCertificate);
    connect(m_ui->removePinButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->pinnedList->currentRow();
        if (m_current < 0 || row < 0)
            return;
        m_entries[m_current].edit.profile.pinnedCertificates.removeAt(row);
        delete m_ui->pinnedList->takeItem(row);
    });
    connect(m_ui->testButton, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        storeCurrent();
        const Edit &edit = m_entries.at(m_current).edit;
        m_testedRow = m_current;
        const bool storedKeyUsable = edit.hadStoredKey && !edit.forgetKey;
        Q_EMIT testRequested(edit.profile, edit.newKey,
                             storedKeyUsable ? edit.originalName : QString());
    });
    connect(m_ui->nameEdit, &QLineEdit::textEdited, this, [this] {
        storeCurrent();
        refreshListItem(m_current);
    });
    connect(m_ui->environmentCombo, &QComboBox::currentTextChanged, this, [this] {
        storeCurrent();
        updatePreview();
        refreshListItem(m_current);
    });
    connect(m_ui->colourEdit, &QLineEdit::textChanged, this, [this] {
        storeCurrent();
        updatePreview();
        refreshListItem(m_current);
    });
    connect(m_ui->readOnlyCheck, &QCheckBox::toggled, this, [this] {
        storeCurrent();
        updatePreview();
    });
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, [this] {
        storeCurrent();
        updatePlainHttpWarning();
    });
    connect(m_ui->apiKeyEdit, &QLineEdit::textChanged, this, [this] {
        storeCurrent();
        updateKeyNote();
        updatePlainHttpWarning();
    });
    connect(m_ui->forgetKeyCheck, &QCheckBox::toggled, this, [this] {
        storeCurrent();
        updateKeyNote();
        updatePlainHttpWarning();
    });
    connect(m_ui->plainHttpCheck, &QCheckBox::toggled, this, [this] { storeCurrent(); });
    connect(m_ui->headersEdit, &QPlainTextEdit::textChanged, this, [this] { storeCurrent(); });

    select(-1);
}

ProfileDialog::~ProfileDialog() = default;

void ProfileDialog::setProfiles(const QList<models::ConnectionProfile> &profiles,
                                const QSet<QString> &withStoredKey)
{
    m_entries.clear();
    m_removed.clear();
    m_loaded = profiles;
    for (const models::ConnectionProfile &profile : profiles) {
        Entry entry;
        entry.edit.profile = profile;
        entry.edit.originalName = profile.name;
        entry.edit.hadStoredKey = withStoredKey.contains(profile.name);
        entry.headersText = models::headerLines(profile.extraHeaders);
        m_entries.append(entry);
    }
    {
        const QSignalBlocker blocker(m_ui->profileList);
        m_ui->profileList->clear();
        for (int row = 0; row < m_entries.size(); ++row) {
            m_ui->profileList->addItem(QString());
            refreshListItem(row);
        }
    }
    m_current = -1;
    m_ui->profileList->setCurrentRow(m_entries.isEmpty() ? -1 : 0);
    if (m_entries.isEmpty())
        select(-1);
}

void ProfileDialog::setKeyStorageNote(const QString &note, bool sessionOnly)
{
    m_storageNote = note;
    m_sessionOnly = sessionOnly;
    updateKeyNote();
}

void ProfileDialog::selectProfile(const QString &name)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).edit.profile.name == name)
            m_ui->profileList->setCurrentRow(row);
    }
}

void ProfileDialog::addProfile()
{
    storeCurrent();
    Entry entry;
    entry.edit.profile = newProfile();
    m_entries.append(entry);
    m_ui->profileList->addItem(QString());
    refreshListItem(int(m_entries.size() - 1));
    m_ui->profileList->setCurrentRow(int(m_entries.size() - 1));
    m_ui->nameEdit->setFocus();
}

void ProfileDialog::duplicateCurrent()
{
    if (m_current < 0)
        return;
    storeCurrent();
    Entry copy = m_entries.at(m_current);
    copy.edit.profile.name = tr("%1 (copy)").arg(copy.edit.profile.name);
    copy.edit.originalName.clear();
    // Keys are not copied: a duplicate usually points at another deployment.
    copy.edit.hadStoredKey = false;
    copy.edit.newKey.clear();
    copy.edit.forgetKey = false;
    m_entries.append(copy);
    m_ui->profileList->addItem(QString());
    refreshListItem(int(m_entries.size() - 1));
    m_ui->profileList->setCurrentRow(int(m_entries.size() - 1));
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
}

void ProfileDialog::removeCurrent()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    const QString original = m_entries.at(row).edit.originalName;
    if (!original.isEmpty())
        m_removed.append(original);
    m_current = -1; // nothing to store from the form any more
    m_entries.removeAt(row);
    delete m_ui->profileList->takeItem(row);
    if (m_entries.isEmpty())
        select(-1);
    else
        m_ui->profileList->setCurrentRow(std::min(row, int(m_entries.size() - 1)));
}

QList<ProfileDialog::Edit> ProfileDialog::edits() const
{
    QList<Edit> result;
    for (const Entry &entry : m_entries)
        result.append(entry.edit);
    return result;
}

QList<models::ConnectionProfile> ProfileDialog::profiles() const
{
    QList<models::ConnectionProfile> result;
    for (const Entry &entry : m_entries)
        result.append(entry.edit.profile);
    return result;
}

QString ProfileDialog::currentProfileName() const
{
    return m_current >= 0 ? m_entries.at(m_current).edit.profile.name : QString();
}

void ProfileDialog::select(int row)
{
    storeCurrent();
    m_current = row;
    const bool editing = row >= 0 && row < m_entries.size();
    m_ui->editor->setEnabled(editing);
    m_ui->duplicateButton->setEnabled(editing);
    m_ui->removeButton->setEnabled(editing);
    m_ui->trustButton->hide();
    m_ui->testResult->clear();
    m_testedFingerprint.clear();
    clearErrors();
    if (!editing)
        m_current = -1;
    loadCurrent();
}

void ProfileDialog::loadCurrent()
{
    const Entry empty;
    const Entry &entry = m_current >= 0 ? m_entries.at(m_current) : empty;
    const models::ConnectionProfile &profile = entry.edit.profile;
    const int current = m_current;
    m_current = -1; // the setters below must not store half-loaded fields
    m_ui->nameEdit->setText(profile.name);
    m_ui->urlEdit->setText(profile.url.toString());
    m_ui->environmentCombo->setCurrentText(profile.environment);
    m_ui->colourEdit->setText(profile.colour);
    m_ui->readOnlyCheck->setChecked(profile.readOnly);
    m_ui->apiKeyEdit->setText(entry.edit.newKey);
    m_ui->forgetKeyCheck->setChecked(entry.edit.forgetKey);
    m_ui->plainHttpCheck->setChecked(profile.plainHttpAcknowledged);
    m_ui->headersEdit->setPlainText(entry.headersText);
    m_ui->pinnedList->clear();
    for (const QString &pin : profile.pinnedCertificates)
        m_ui->pinnedList->addItem(models::formatFingerprint(pin));
    m_current = current;
    updatePreview();
    updateKeyNote();
    updatePlainHttpWarning();
}

void ProfileDialog::storeCurrent()
{
    if (m_current < 0 || m_current >= m_entries.size())
        return;
    Entry &entry = m_entries[m_current];
    models::ConnectionProfile &profile = entry.edit.profile;
    profile.name = m_ui->nameEdit->text();
    profile.url = QUrl(m_ui->urlEdit->text().trimmed(), QUrl::StrictMode);
    profile.environment = m_ui->environmentCombo->currentText().trimmed();
    profile.colour = m_ui->colourEdit->text().trimmed();
    profile.readOnly = m_ui->readOnlyCheck->isChecked();
    profile.plainHttpAcknowledged = m_ui->plainHttpCheck->isChecked();
    entry.edit.newKey = m_ui->apiKeyEdit->text().trimmed();
    entry.edit.forgetKey = m_ui->forgetKeyCheck->isChecked();
    entry.headersText = m_ui->headersEdit->toPlainText();
    models::HeaderList headers;
    if (models::parseHeaderLines(entry.headersText, &headers))
        profile.extraHeaders = headers;
}

void ProfileDialog::refreshListItem(int row)
{
    QListWidgetItem *item = m_ui->profileList->item(row);
    if (!item || row >= m_entries.size())
        return;
    const models::ConnectionProfile &profile = m_entries.at(row).edit.profile;
    item->setText(profile.name.isEmpty() ? tr("(unnamed)") : profile.name);
    item->setIcon(colourSwatch(profile.effectiveColour()));
    item->setToolTip(profile.environment);
}

void ProfileDialog::updatePreview()
{
    if (m_current < 0) {
        m_badge->clear();
        return;
    }
    m_badge->setProfile(m_entries.at(m_current).edit.profile);
}

void ProfileDialog::updateKeyNote()
{
    QString note;
    if (m_current >= 0) {
        const Edit &edit = m_entries.at(m_current).edit;
        m_ui->forgetKeyCheck->setVisible(edit.hadStoredKey);
        if (!edit.newKey.isEmpty())
            note = tr("The new key is stored when you press Save.");
        else if (edit.hadStoredKey && edit.forgetKey)
            note = tr("The stored key is removed when you press Save.");
        else if (edit.hadStoredKey)
            note = tr("A key is stored for this profile. Type a new one to replace it.");
        else
            note = tr("No key stored: LANGGRAPH_API_KEY, LANGSMITH_API_KEY or "
                      "LANGCHAIN_API_KEY is used when set.");
        m_ui->apiKeyEdit->setPlaceholderText(
            edit.hadStoredKey && !edit.forgetKey ? tr("stored — type to replace") : tr("none"));
    }
    if (!m_storageNote.isEmpty())
        note += u' ' + m_storageNote;
    m_ui->keyNote->setText(note);
    m_ui->keyNote->setStyleSheet(m_sessionOnly ? QString(errorStyle) : QString());
}

void ProfileDialog::updatePlainHttpWarning()
{
    bool warn = false;
    if (m_current >= 0) {
        const Edit &edit = m_entries.at(m_current).edit;
        const bool sendsKey = !edit.newKey.isEmpty() || (edit.hadStoredKey && !edit.forgetKey);
        warn = models::sendsKeyInPlainText(edit.profile.url, sendsKey);
    }
    m_ui->form->setRowVisible(m_ui->plainHttpFrame, warn);
}

void ProfileDialog::clearErrors()
{
    for (QLabel *error : {m_ui->nameError, m_ui->urlError, m_ui->colourError, m_ui->headersError})
        error->hide();
}

bool ProfileDialog::showProblems(int row)
{
    const Entry &entry = m_entries.at(row);
    QList<models::ConnectionProfile> others;
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i != row)
            others.append(m_entries.at(i).edit.profile);
    }
    QList<models::ProfileProblem> problems = models::validateProfile(entry.edit.profile, others);
    QString headerError;
    if (!models::parseHeaderLines(entry.headersText, nullptr, &headerError))
        problems.append({u"headers"_s, headerError});
    if (problems.isEmpty())
        return false;

    m_ui->profileList->setCurrentRow(row);
    clearErrors();
    QWidget *focus = nullptr;
    for (const models::ProfileProblem &problem : std::as_const(problems)) {
        QLabel *label = nullptr;
        QWidget *field = nullptr;
        if (problem.field == "name"_L1) {
            label = m_ui->nameError;
            field = m_ui->nameEdit;
        } else if (problem.field == "url"_L1) {
            label = m_ui->urlError;
            field = m_ui->urlEdit;
        } else if (problem.field == "colour"_L1) {
            label = m_ui->colourError;
            field = m_ui->colourEdit;
        } else {
            label = m_ui->headersError;
            field = m_ui->headersEdit;
        }
        label->setText(problem.message);
        label->show();
        if (!focus)
            focus = field;
    }
    if (focus)
        focus->setFocus();
    return true;
}

bool ProfileDialog::hasUnsavedChanges() const
{
    if (!m_removed.isEmpty())
        return true;
    for (const Entry &entry : m_entries) {
        const Edit &edit = entry.edit;
        if (!edit.newKey.isEmpty() || edit.forgetKey)
            return true;
        const auto loaded = std::find_if(m_loaded.begin(), m_loaded.end(), [&edit](const auto &p) {
            return !edit.originalName.isEmpty() && p.name == edit.originalName;
        });
        if (loaded == m_loaded.end()) {
            // A new profile nothing was typed into loses nothing.
            if (edit.profile != newProfile() || !entry.headersText.trimmed().isEmpty())
                return true;
            continue;
        }
        if (edit.profile != *loaded
            || entry.headersText != models::headerLines(loaded->extraHeaders))
            return true;
    }
    return false;
}

QString ProfileDialog::discardQuestionText() const
{
    return tr("Your changes to the connection profiles have not been saved. Discard them?");
}

void ProfileDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        storeCurrent();
        for (int row = 0; row < m_entries.size(); ++row) {
            if (showProblems(row))
                return; // stay open; the input is kept and the problem shown at its field
        }
    }
    QDialog::done(result);
}

void ProfileDialog::chooseColour()
{
    if (m_current < 0)
        return;
    auto *dialog
        = new QColorDialog(QColor(m_entries.at(m_current).edit.profile.effectiveColour()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Badge Colour"));
    connect(dialog, &QColorDialog::colorSelected, this,
            [this](const QColor &colour) { m_ui->colourEdit->setText(colour.name()); });
    dialog->open();
}

void ProfileDialog::showTestRunning()
{
    m_ui->trustButton->hide();
    m_ui->testButton->setEnabled(false);
    m_ui->testResult->setStyleSheet({});
    m_ui->testResult->setText(tr("Testing: GET /ok, GET /info, capability probe…"));
}

void ProfileDialog::showTestResult(const models::ConnectionTestResult &result)
{
    m_ui->testButton->setEnabled(true);
    if (m_testedRow != m_current)
        return; // the operator moved on to another profile meanwhile
    QString text = result.summary();
    m_testedFingerprint.clear();
    const api::TlsCertificateInfo &certificate = result.error.certificate;
    if (!result.succeeded && result.error.kind == api::ApiError::Kind::Tls
        && !certificate.isEmpty()) {
        text += u"\n\n"_s
            + tr("Subject: %1\nIssuer: %2\nSHA-256: %3")
                  .arg(certificate.subject, certificate.issuer,
                       models::formatFingerprint(certificate.sha256Fingerprint));
        m_testedFingerprint = certificate.sha256Fingerprint;
    }
    m_ui->trustButton->setVisible(!m_testedFingerprint.isEmpty());
    m_ui->testResult->setStyleSheet(result.succeeded ? QString() : QString(errorStyle));
    m_ui->testResult->setText(text);
}

void ProfileDialog::trustTestedCertificate()
{
    if (m_current < 0 || m_testedFingerprint.isEmpty())
        return;
    QStringList &pins = m_entries[m_current].edit.profile.pinnedCertificates;
    if (!pins.contains(m_testedFingerprint)) {
        pins.append(m_testedFingerprint);
        m_ui->pinnedList->addItem(models::formatFingerprint(m_testedFingerprint));
    }
    m_ui->trustButton->hide();
    m_ui->testResult->setStyleSheet({});
    m_ui->testResult->setText(
        tr("This certificate is now trusted for this profile only (once you press Save). "
           "Test again to check the connection."));
    m_testedFingerprint.clear();
}

} // namespace crondesk::ui

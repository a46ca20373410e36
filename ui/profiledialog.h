#pragma once

#include <models/connections/connectionprofile.h>
#include <models/connections/connectiontester.h>
#include <models/connections/keymigration.h>
#include <ui/guardeddialog.h>

#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace Ui {
class ProfileDialog;
}

namespace crondesk::ui {

class EnvironmentBadge;

// Adds, edits and removes connection profiles: name, URL, environment label and colour,
// read-only, API key, extra headers and trusted certificates; tests a connection. Returns what
// was edited (edits(), removedProfiles()); it neither reads nor writes settings or the keychain.
// The owner stores the result on accepted(), and answers testRequested() with showTestResult().
// Enter in a field does not save, and closing with unsaved edits asks first (GuardedDialog).
class ProfileDialog final : public GuardedDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileDialog)

public:
    // One profile as edited, with what became of its stored key.
    using Edit = models::ProfileEdit;

    explicit ProfileDialog(QWidget *parent = nullptr);
    ~ProfileDialog() override;

    // The profiles to edit; `withStoredKey` names those that have a key in the credential store.
    void setProfiles(const QList<models::ConnectionProfile> &profiles,
                     const QSet<QString> &withStoredKey);
    // Where keys are kept (CredentialStore::storageNote()); `sessionOnly` shows it as a warning.
    void setKeyStorageNote(const QString &note, bool sessionOnly);
    void selectProfile(const QString &name);
    // Starts a new, empty profile and selects it (the first-run "Add a deployment").
    void addProfile();

    // The result, in list order, once accepted.
    QList<Edit> edits() const;
    QList<models::ConnectionProfile> profiles() const;
    // Original names of the profiles that were removed (their keys should go too).
    QStringList removedProfiles() const { return m_removed; }
    QString currentProfileName() const;

    void showTestRunning();
    void showTestResult(const models::ConnectionTestResult &result);

    void done(int result) override;

protected:
    bool hasUnsavedChanges() const override;
    QString discardQuestionText() const override;

Q_SIGNALS:
    // "Test connection": the profile as edited, the key typed (may be empty) and, when no key is
    // typed and one is stored, the name it is stored under.
    void testRequested(const crondesk::models::ConnectionProfile &profile, const QString &typedKey,
                       const QString &storedKeyProfile);

private:
    struct Entry
    {
        Edit edit;
        QString headersText;
    };

    void loadCurrent();
    void storeCurrent();
    void select(int row);
    void refreshListItem(int row);
    void updatePreview();
    void updateKeyNote();
    void updatePlainHttpWarning();
    void clearErrors();
    bool showProblems(int row);
    void duplicateCurrent();
    void removeCurrent();
    void chooseColour();
    void trustTestedCertificate();

    std::unique_ptr<Ui::ProfileDialog> m_ui;
    EnvironmentBadge *m_badge;
    QList<Entry> m_entries;
    QList<models::ConnectionProfile> m_loaded; // as setProfiles() gave them, for unsaved changes
    QStringList m_removed;
    int m_current = -1;
    QString m_storageNote;
    bool m_sessionOnly = false;
    QString m_testedFingerprint; // of a certificate the last test refused
    int m_testedRow = -1;
};

} // namespace crondesk::ui

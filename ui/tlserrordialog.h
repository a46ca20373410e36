#pragma once

#include <models/api/apierror.h>

#include <QDialog>

class QCheckBox;
class QPushButton;

namespace crondesk::ui {

// A refused TLS certificate, shown in full: host, what is wrong, subject, issuer, validity and
// SHA-256 fingerprint. The operator may trust exactly this certificate for one profile, and
// must tick a box saying they checked the fingerprint first; nothing is ever trusted silently.
// Show it with open(); trustRequested() says the operator chose to trust it.
class TlsErrorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsErrorDialog)

public:
    // `profileName` empty: a connection without a profile, which cannot keep a trusted
    // certificate; the dialog then only explains.
    TlsErrorDialog(const QString &host, const api::ApiError &error, const QString &profileName,
                   QWidget *parent = nullptr);
    ~TlsErrorDialog() override;

    QString fingerprint() const { return m_fingerprint; }
    QCheckBox *checkedBox() const { return m_checked; }
    QPushButton *trustButton() const { return m_trust; }

Q_SIGNALS:
    // The SHA-256 fingerprint to pin in the profile.
    void trustRequested(const QString &sha256Fingerprint);

private:
    QString m_fingerprint;
    QCheckBox *m_checked = nullptr;
    QPushButton *m_trust = nullptr;
};

} // namespace crondesk::ui

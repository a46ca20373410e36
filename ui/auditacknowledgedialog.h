#pragma once

#include <models/audit/auditengine.h>
#include <models/audit/auditpolicy.h>

#include <QDialog>

class QDateEdit;
class QDialogButtonBox;
class QLineEdit;

namespace crondesk::ui {

// Acknowledge… in the Audit view: why a finding is accepted and until when. The finding stays in
// the audit, marked acknowledged, until that day ends; then it counts again.
class AuditAcknowledgeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditAcknowledgeDialog)

public:
    // `now` is the audit's instant: the expiry is at least the next day.
    AuditAcknowledgeDialog(const models::AuditFinding &finding, const QDateTime &now,
                           const QString &savedWhere, QWidget *parent = nullptr);
    ~AuditAcknowledgeDialog() override;

    // What the operator entered; `until` is the end of the chosen day, UTC.
    models::AuditAcknowledgement acknowledgement() const;

    QLineEdit *reasonEdit() const { return m_reason; }
    QDateEdit *untilEdit() const { return m_until; }

private:
    void updateOk();

    models::AuditFinding m_finding;
    QLineEdit *m_reason;
    QDateEdit *m_until;
    QDialogButtonBox *m_buttons;
};

} // namespace crondesk::ui

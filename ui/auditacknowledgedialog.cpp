#include "auditacknowledgedialog.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// How long an acknowledgement lasts unless the operator says otherwise: long enough to fix the
// cause, short enough that a forgotten one comes back.
constexpr int defaultDays = 30;

} // namespace

AuditAcknowledgeDialog::AuditAcknowledgeDialog(const models::AuditFinding &finding,
                                               const QDateTime &now, const QString &savedWhere,
                                               QWidget *parent)
    : QDialog(parent)
    , m_finding(finding)
    , m_reason(new QLineEdit(this))
    , m_until(new QDateEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"auditAcknowledgeDialog"_s);
    setWindowTitle(tr("Acknowledge Finding"));

    auto *what = new QLabel(this);
    what->setObjectName(u"acknowledgedFinding"_s);
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    what->setText(finding.message);

    auto *scope = new QLabel(this);
    scope->setWordWrap(true);
    scope->setText(
        finding.cronId.isEmpty()
            ? tr("Rule %1, every cron it names.").arg(models::ruleId(finding.rule))
            : tr("Rule %1 on cron %2.").arg(models::ruleId(finding.rule), finding.cronId));

    m_reason->setObjectName(u"acknowledgeReason"_s);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why this is accepted for now"));
    m_until->setObjectName(u"acknowledgeUntil"_s);
    m_until->setAccessibleName(tr("Acknowledged until"));
    m_until->setCalendarPopup(true);
    m_until->setDisplayFormat(u"yyyy-MM-dd"_s);
    const QDate today = now.toUTC().date();
    m_until->setMinimumDate(today.addDays(1));
    m_until->setDate(today.addDays(defaultDays));

    auto *note = new QLabel(this);
    note->setWordWrap(true);
    note->setText(tr("The finding stays in the audit, marked acknowledged, until the end of that "
                     "day (UTC). %1")
                      .arg(savedWhere));

    auto *form = new QFormLayout;
    form->addRow(tr("Finding:"), what);
    form->addRow(tr("Applies to:"), scope);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    auto *untilLabel = new QLabel(tr("&Until:"), this);
    untilLabel->setBuddy(m_until);
    form->addRow(untilLabel, m_until);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Acknowledge"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &AuditAcknowledgeDialog::updateOk);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    updateOk();
}

AuditAcknowledgeDialog::~AuditAcknowledgeDialog() = default;

models::AuditAcknowledgement AuditAcknowledgeDialog::acknowledgement() const
{
    models::AuditAcknowledgement acknowledgement;
    acknowledgement.rule = m_finding.rule;
    acknowledgement.cronId = m_finding.cronId;
    acknowledgement.reason = m_reason->text().trimmed();
    acknowledgement.until = QDateTime(m_until->date().addDays(1), QTime(0, 0), QTimeZone::utc());
    return acknowledgement;
}

void AuditAcknowledgeDialog::updateOk()
{
    // A reason is what makes an acknowledgement worth more than hiding the finding.
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_reason->text().trimmed().isEmpty());
}

} // namespace crondesk::ui

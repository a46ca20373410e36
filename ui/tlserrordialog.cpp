#include "tlserrordialog.h"

#include <models/connections/connectionprofile.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

QLabel *selectableLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

TlsErrorDialog::TlsErrorDialog(const QString &host, const api::ApiError &error,
                               const QString &profileName, QWidget *parent)
    : QDialog(parent)
    , m_fingerprint(error.certificate.sha256Fingerprint)
{
    setObjectName(u"tlsErrorDialog"_s);
    setWindowTitle(tr("Certificate Not Trusted"));
    const api::TlsCertificateInfo &certificate = error.certificate;

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    auto *headline = new QLabel(
        tr("The connection to %1 was stopped: its certificate could not be verified.").arg(host),
        this);
    headline->setWordWrap(true);
    QFont bold = headline->font();
    bold.setBold(true);
    headline->setFont(bold);
    auto *explanation = new QLabel(
        tr("Someone may be intercepting the connection, or the deployment uses a self-signed or "
           "private certificate. Compare the fingerprint with the one your administrator gives "
           "you before trusting it."),
        this);
    explanation->setWordWrap(true);

    auto *details = new QFormLayout;
    const QString problems
        = certificate.problems.isEmpty() ? error.message : certificate.problems.join(u'\n');
    details->addRow(tr("Problem:"), selectableLabel(problems, this));
    if (!certificate.isEmpty()) {
        details->addRow(tr("Subject:"), selectableLabel(certificate.subject, this));
        details->addRow(tr("Issuer:"), selectableLabel(certificate.issuer, this));
        const QLocale locale;
        details->addRow(
            tr("Valid:"),
            selectableLabel(
                tr("%1 to %2")
                    .arg(locale.toString(certificate.notBefore.toLocalTime(), QLocale::ShortFormat),
                         locale.toString(certificate.notAfter.toLocalTime(), QLocale::ShortFormat)),
                this));
        QLabel *fingerprint
            = selectableLabel(models::formatFingerprint(certificate.sha256Fingerprint), this);
        fingerprint->setObjectName(u"fingerprintLabel"_s);
        fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
        details->addRow(tr("SHA-256:"), fingerprint);
    }

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setDefault(true);

    auto *text = new QVBoxLayout;
    text->addWidget(headline);
    text->addWidget(explanation);
    text->addLayout(details);

    if (!certificate.isEmpty() && !profileName.isEmpty()) {
        m_checked = new QCheckBox(
            tr("I have checked that this fingerprint belongs to the deployment"), this);
        m_checked->setObjectName(u"fingerprintCheckedBox"_s);
        m_trust = new QPushButton(tr("Trust This Certificate for “%1”").arg(profileName), this);
        m_trust->setObjectName(u"trustCertificateButton"_s);
        m_trust->setEnabled(false);
        m_trust->setAutoDefault(false);
        buttons->addButton(m_trust, QDialogButtonBox::AcceptRole);
        text->addWidget(m_checked);
        auto *scope = new QLabel(tr("Only this exact certificate, and only for profile “%1”. A "
                                    "renewed certificate will be asked about again.")
                                     .arg(profileName),
                                 this);
        scope->setWordWrap(true);
        text->addWidget(scope);
        connect(m_checked, &QCheckBox::toggled, m_trust, &QPushButton::setEnabled);
        connect(m_trust, &QPushButton::clicked, this, [this] {
            if (!m_checked->isChecked())
                return;
            accept();
            Q_EMIT trustRequested(m_fingerprint);
        });
    } else if (!certificate.isEmpty()) {
        auto *hint = new QLabel(tr("To trust this certificate, save the connection as a "
                                   "profile first: a certificate is trusted per profile."),
                                this);
        hint->setWordWrap(true);
        text->addWidget(hint);
    }

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(620, sizeHint().height());
}

TlsErrorDialog::~TlsErrorDialog() = default;

} // namespace crondesk::ui

#include "createreviewdialog.h"

#include "reviewtable.h"

#include <models/common/displayformat.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

CreateReviewDialog::CreateReviewDialog(const models::CreateReview &review,
                                       const QString &createText, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_runs(new QTableWidget(0, 2, this))
{
    setObjectName(u"createReview"_s);
    setWindowTitle(tr("Review the New Cron"));

    auto *question = new QLabel(review.question, this);
    question->setObjectName(u"reviewQuestion"_s);
    question->setWordWrap(true);
    question->setTextFormat(Qt::PlainText);
    QFont bold = question->font();
    bold.setBold(true);
    question->setFont(bold);
    auto *header = new QHBoxLayout;
    if (review.production) {
        auto *icon = new QLabel(this);
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
        icon->setAlignment(Qt::AlignTop);
        header->addWidget(icon);
        question->setStyleSheet(u"QLabel { color: #b00020; }"_s);
    }
    header->addWidget(question, 1);

    m_table->setObjectName(u"reviewTable"_s);
    m_table->setAccessibleName(tr("What will be created, and where"));
    setUpReviewTable(m_table);
    m_table->horizontalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    const QList<models::ReviewRow> rows = review.where + review.what;
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        auto *label = new QTableWidgetItem(rows.at(row).label);
        label->setFont(bold);
        m_table->setItem(row, 0, label);
        m_table->setItem(row, 1, reviewValueItem(rows.at(row).value));
    }

    auto *runsLabel = new QLabel(tr("When it first fires:"), this);
    runsLabel->setBuddy(m_runs);
    m_runs->setObjectName(u"firstRunsTable"_s);
    m_runs->setAccessibleName(tr("First fire times"));
    setUpReviewTable(m_runs);
    m_runs->setFocusPolicy(Qt::NoFocus);
    m_runs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_runs->setHorizontalHeaderLabels(
        {tr("Cron's zone (%1)").arg(review.cronZone),
         tr("Your zone (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId()))});
    m_runs->setRowCount(int(review.firstRuns.size()));
    for (int row = 0; row < review.firstRuns.size(); ++row) {
        const QDateTime &run = review.firstRuns.at(row);
        m_runs->setItem(row, 0,
                        new QTableWidgetItem(models::formatInstant(
                            run, review.cronZone == u"UTC" ? QString() : review.cronZone)));
        m_runs->setItem(
            row, 1,
            new QTableWidgetItem(models::formatInstant(run, QString(), models::FormatZone::Local)));
    }
    runsLabel->setVisible(!review.firstRuns.isEmpty());
    m_runs->setVisible(!review.firstRuns.isEmpty());

    auto *notes = new QLabel(review.notes.join(u'\n'), this);
    notes->setObjectName(u"reviewNotes"_s);
    notes->setWordWrap(true);
    notes->setTextFormat(Qt::PlainText);
    notes->setVisible(!review.notes.isEmpty());

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *create = buttons->addButton(createText, QDialogButtonBox::AcceptRole);
    create->setObjectName(u"confirmCreateButton"_s);
    create->setDefault(true);
    QPushButton *back = buttons->addButton(tr("&Back to editing"), QDialogButtonBox::RejectRole);
    back->setObjectName(u"backButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_table, 1);
    layout->addWidget(runsLabel);
    layout->addWidget(m_runs);
    layout->addWidget(notes);
    layout->addWidget(buttons);
    keepReviewTableFitted(m_table, 420);
    keepReviewTableFitted(m_runs, 200);
    create->setFocus();
    resize(720, minimumSizeHint().height());
}

CreateReviewDialog::~CreateReviewDialog() = default;

} // namespace crondesk::ui

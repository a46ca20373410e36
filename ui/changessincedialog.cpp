#include "changessincedialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

ChangesSinceDialog::ChangesSinceDialog(const QList<models::AutoSnapshot> &automatic,
                                       QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Changes Since"));
    setObjectName(u"changesSinceDialog"_s);
    auto *intro = new QLabel(tr("Mark the crons added or changed since a snapshot of this "
                                "deployment. Cron Desk takes one after each complete load."),
                             this);
    intro->setWordWrap(true);
    auto *label = new QLabel(tr("&Automatic snapshots:"), this);
    label->setBuddy(m_list);
    m_list->setAccessibleName(tr("Automatic snapshots"));
    const QLocale locale;
    for (const models::AutoSnapshot &snapshot : automatic) {
        auto *item = new QListWidgetItem(
            tr("%1 (%2)").arg(locale.toString(snapshot.takenAt.toLocalTime(), QLocale::LongFormat),
                              locale.formattedDataSize(snapshot.bytes)),
            m_list);
        item->setData(Qt::UserRole, snapshot.path);
        item->setToolTip(snapshot.path);
    }
    if (m_list->count() == 0) {
        auto *none
            = new QListWidgetItem(tr("No automatic snapshot yet: open a snapshot file."), m_list);
        none->setFlags(Qt::NoItemFlags);
    } else {
        m_list->setCurrentRow(0);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Show Changes"));
    m_ok->setEnabled(!selectedPath().isEmpty());
    QPushButton *file = buttons->addButton(tr("Snapshot &File…"), QDialogButtonBox::ActionRole);
    file->setAccessibleName(tr("Compare with a snapshot file"));
    connect(file, &QPushButton::clicked, this, &ChangesSinceDialog::chooseFile);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this] { m_ok->setEnabled(!selectedPath().isEmpty()); });
    connect(m_list, &QListWidget::itemActivated, this, [this] {
        if (!selectedPath().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] {
        if (!selectedPath().isEmpty())
            Q_EMIT snapshotChosen(selectedPath());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(460, 360);
}

ChangesSinceDialog::~ChangesSinceDialog() = default;

QString ChangesSinceDialog::selectedPath() const
{
    if (!m_filePath.isEmpty())
        return m_filePath;
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ChangesSinceDialog::chooseFile()
{
    auto *dialog = new QFileDialog(this, tr("Open Snapshot"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilter(tr("Snapshots (*.json)"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_filePath = path;
        accept();
    });
    dialog->open();
}

} // namespace crondesk::ui

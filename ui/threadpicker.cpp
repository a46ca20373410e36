#include "threadpicker.h"

#include <models/api/assistant.h>
#include <models/common/displayformat.h>

#include <QCheckBox>
#include <QGridLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

QString metadataText(const QJsonObject &metadata)
{
    QString text = QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
    return text.size() > 60 ? text.left(59) + u'…' : text;
}

} // namespace

ThreadPicker::ThreadPicker(QWidget *parent)
    : SearchPicker({u"thread"_s, tr("Search recent threads, or paste a thread id"), tr("Thread"),
                    tr("Show recent threads")},
                   parent)
    , m_newThread(new QCheckBox(tr("Create a &new thread when saving"), this))
    , m_checkTimer(new QTimer(this))
{
    m_newThread->setObjectName(u"newThreadCheck"_s);
    grid()->addWidget(m_newThread, 1, 0, 1, 2);
    grid()->addWidget(m_info, 2, 0, 1, 2);

    // Long enough that pasting or typing an id sends one check, not one per keystroke.
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(400);

    connect(m_browse, &QToolButton::clicked, this, &ThreadPicker::showAll);
    connect(m_edit, &QLineEdit::textChanged, this, &ThreadPicker::onTextChanged);
    connect(m_newThread, &QCheckBox::toggled, this, [this] {
        updateState();
        Q_EMIT changed();
    });
    connect(m_checkTimer, &QTimer::timeout, this, [this] {
        const QString id = threadId();
        if (api::isUuid(id) && !m_newThread->isChecked())
            Q_EMIT checkRequested(id);
    });
    updateState();
}

ThreadPicker::~ThreadPicker() = default;

QString ThreadPicker::threadId() const
{
    return m_edit->text().trimmed();
}

void ThreadPicker::setThreadId(const QString &threadId)
{
    m_edit->setText(threadId);
}

bool ThreadPicker::createsNewThread() const
{
    return m_newThread->isChecked();
}

void ThreadPicker::setCreatesNewThread(bool create)
{
    m_newThread->setChecked(create);
}

void ThreadPicker::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_edit->setReadOnly(readOnly);
    m_browse->setVisible(!readOnly);
    m_newThread->setVisible(!readOnly);
    updateState();
}

void ThreadPicker::setRecentThreads(const QList<api::Thread> &threads)
{
    m_threads = threads;
    m_model->clear();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const api::Thread &thread : threads) {
        QString label = thread.threadId;
        if (!thread.status.isEmpty())
            label += u" · "_s + thread.status;
        if (thread.updatedAt.isValid())
            label += u" · "_s + tr("updated %1").arg(models::relativeTime(thread.updatedAt, now));
        if (!thread.metadata.isEmpty())
            label += u" · "_s + metadataText(thread.metadata);
        auto *item = new QStandardItem(label);
        item->setData(label, SearchRole);
        item->setData(thread.threadId, ValueRole);
        m_model->appendRow(item);
    }
    updateState();
}

void ThreadPicker::setLoadError(const QString &message)
{
    m_info->setText(tr("Recent threads could not be loaded: %1").arg(message));
}

void ThreadPicker::setCheckResult(const QString &threadId, bool exists, const QString &detail)
{
    if (threadId != this->threadId())
        return;
    m_checkedId = threadId;
    m_checkedExists = exists;
    m_checkDetail = detail;
    updateState();
}

void ThreadPicker::showAll()
{
    if (!m_readOnly && !m_newThread->isChecked())
        popUpAll();
}

void ThreadPicker::onTextChanged()
{
    m_checkedId.clear();
    updateState();
    if (!m_readOnly)
        m_checkTimer->start();
    Q_EMIT changed();
}

void ThreadPicker::updateState()
{
    const bool creating = m_newThread->isChecked();
    m_edit->setEnabled(!creating);
    m_browse->setEnabled(!creating);
    const QString id = threadId();
    QString info;
    if (creating) {
        info = tr("A new, empty thread is created just before the cron.");
    } else if (m_readOnly) {
        info = QString();
    } else if (id.isEmpty()) {
        info = tr("Recent threads to choose from: %1.").arg(m_threads.size());
    } else if (!api::isUuid(id)) {
        info = QString(); // the form's rule says what is wrong
    } else if (m_checkedId == id) {
        info = m_checkedExists ? tr("Thread found: %1").arg(m_checkDetail)
                               : tr("No such thread on the server: %1").arg(m_checkDetail);
    } else {
        const auto known = std::find_if(m_threads.begin(), m_threads.end(),
                                        [&id](const auto &t) { return t.threadId == id; });
        info = known != m_threads.end() ? tr("Thread found: %1").arg(known->status)
                                        : tr("Checking the thread…");
    }
    m_info->setText(info);
    m_info->setVisible(!info.isEmpty());
}

} // namespace crondesk::ui

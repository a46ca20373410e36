#pragma once

#include "searchpicker.h"

#include <models/api/thread.h>

class QCheckBox;
class QTimer;

namespace crondesk::ui {

// Chooses the thread of a thread-bound cron: search the recent threads, paste a thread id (it is
// checked as a UUID at once, and against the server when the owner answers checkRequested), or
// ask for a new thread to be created when the cron is saved. Never talks to the server itself.
class ThreadPicker final : public SearchPicker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadPicker)

public:
    explicit ThreadPicker(QWidget *parent = nullptr);
    ~ThreadPicker() override;

    QString threadId() const;
    void setThreadId(const QString &threadId);
    bool createsNewThread() const;
    void setCreatesNewThread(bool create);
    void setReadOnly(bool readOnly);

    void setRecentThreads(const QList<api::Thread> &threads);
    void setLoadError(const QString &message);
    // The owner's answer to checkRequested(); ignored when the id has changed since.
    void setCheckResult(const QString &threadId, bool exists, const QString &detail);

    QCheckBox *newThreadCheckBox() const { return m_newThread; }

Q_SIGNALS:
    void changed();
    // A syntactically valid id was typed and has rested for a moment: is there such a thread?
    void checkRequested(const QString &threadId);

public Q_SLOTS:
    void showAll();

private:
    void onTextChanged();
    void updateState();

    QCheckBox *m_newThread;
    QTimer *m_checkTimer;
    QList<api::Thread> m_threads;
    QString m_checkedId;
    QString m_checkDetail;
    bool m_checkedExists = false;
    bool m_readOnly = false;
};

} // namespace crondesk::ui

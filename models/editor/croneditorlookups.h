#pragma once

#include <models/api/apierror.h>
#include <models/api/assistant.h>
#include <models/api/thread.h>

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace crondesk::api {
class ApiClient;
class ApiRequest;
} // namespace crondesk::api

namespace crondesk::models {

// Loads what the cron editor's pickers offer: the deployment's assistants, recent threads, the
// graph nodes and JSON schemas of the chosen assistant, and whether a pasted thread id exists.
// Answers that arrive after the question changed (another assistant chosen meanwhile) are
// dropped, so the form never shows the nodes of an assistant it no longer names.
class CronEditorLookups final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronEditorLookups)

public:
    explicit CronEditorLookups(api::ApiClient *client, QObject *parent = nullptr);
    ~CronEditorLookups() override;

    // The deployment the lookups read from (the editor names it until it is given a profile).
    QUrl serverUrl() const;

    // Up to 1000 assistants, by name; the picker searches them locally.
    void loadAssistants();
    // The 50 most recently updated threads.
    void loadRecentThreads();
    void checkThread(const QString &threadId);
    // Graph nodes and schemas for `assistant`, an assistant id or a graph name.
    void loadAssistantDetails(const QString &assistant);

Q_SIGNALS:
    void assistantsLoaded(const QList<crondesk::api::Assistant> &assistants);
    void assistantsFailed(const crondesk::api::ApiError &error);
    void threadsLoaded(const QList<crondesk::api::Thread> &threads);
    void threadsFailed(const crondesk::api::ApiError &error);
    void threadChecked(const QString &threadId, bool exists, const QString &detail);
    // The nodes a run can be interrupted at (no __start__/__end__).
    void graphLoaded(const QString &assistant, const QStringList &nodes);
    void schemasLoaded(const QString &assistant, const crondesk::api::AssistantSchemas &schemas);
    // Neither graph nor schemas: the assistant is unknown or the server cannot say.
    void detailsFailed(const QString &assistant, const crondesk::api::ApiError &error);

private:
    api::ApiClient *m_client;
    QString m_detailsFor;
    QString m_threadChecked;
    QPointer<api::ApiRequest> m_graphRequest;
    QPointer<api::ApiRequest> m_schemasRequest;
};

} // namespace crondesk::models

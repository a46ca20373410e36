#pragma once

#include "commandcontext.h"

#include <models/api/assistant.h>
#include <models/api/serverinfo.h>
#include <models/api/thread.h>

#include <QList>
#include <QSet>

#include <algorithm>

namespace crondesk::cli {

// What a list command has gathered over offset paging: the items in order, without the repeats
// that paging yields when the list changes between pages, up to `limit` (-1: all of them).
template<typename Item, QString Item::*id>
class PagedItems final
{
public:
    qint64 limit = -1;

    const QList<Item> &items() const { return m_items; }

    // How many to ask for next, pages being at most `pageSize`.
    int nextRequestSize(int pageSize) const
    {
        return int(limit > 0 ? std::min<qint64>(pageSize, limit - m_items.size()) : pageSize);
    }

    // Keeps the page's new items; true when there may be more to ask for.
    bool add(const QList<Item> &page, int requested)
    {
        for (const Item &item : page) {
            if (!m_seen.contains(item.*id)) {
                m_seen.insert(item.*id);
                m_items.append(item);
            }
        }
        return page.size() >= requested && (limit < 0 || m_items.size() < limit);
    }

private:
    QList<Item> m_items;
    QSet<QString> m_seen;
};

// A list command over one of the server's search endpoints: reads the filters every search has
// (--metadata, --sort, --order, --limit/--all) and pages through the results.
class SearchListCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    // --metadata KEY=VALUE (repeatable); on a bad pair fails with a usage error, returns false.
    bool readMetadataFilter(QJsonObject *metadata);
    // --sort (one of `sortFields`, default created_at), --order (asc, the default, or desc) and
    // --limit/--all (`fallbackLimit` when neither is given, -1: all); on a bad value fails with a
    // usage error and returns false.
    bool readOrderAndLimit(const QStringList &sortFields, qint64 fallbackLimit, QString *sortBy,
                           QString *sortOrder, qint64 *limit);

    // Asks `search` for the page at `offset`, keeps it in `items` and asks for the next one until
    // the limit or the last page; then prints the items with `format` and finishes.
    template<typename Item, QString Item::*id, typename Query, typename Request>
    void requestPage(Query query, int offset, PagedItems<Item, id> *items,
                     Request *(api::ApiClient::*search)(const Query &),
                     QByteArray (*format)(const QList<Item> &, OutputFormat));

    OutputFormat m_format = OutputFormat::Table;
};

// assistants list: the deployment's assistants (all unless --limit), to pick ids for crons.
class AssistantsListCommand final : public SearchListCommand
{
    Q_OBJECT

public:
    using SearchListCommand::SearchListCommand;

protected:
    QString name() const override { return QStringLiteral("assistants list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    api::AssistantSearchQuery m_query;
    PagedItems<api::Assistant, &api::Assistant::assistantId> m_assistants;
};

// threads list: the deployment's threads (the first 100 unless --limit or --all), for thread
// crons.
class ThreadsListCommand final : public SearchListCommand
{
    Q_OBJECT

public:
    using SearchListCommand::SearchListCommand;

protected:
    QString name() const override { return QStringLiteral("threads list"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    api::ThreadSearchQuery m_query;
    PagedItems<api::Thread, &api::Thread::threadId> m_threads;
};

// info: the server's version and flags, and which cron features it supports.
class InfoCommand final : public Command
{
    Q_OBJECT

public:
    using Command::Command;

protected:
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    void execute() override;

private:
    void report(const api::ServerCapabilities &capabilities,
                const std::optional<api::ServerInfo> &info, qint64 cronCount,
                const api::ApiError &infoError, const api::ApiError &cronError,
                OutputFormat format);
};

} // namespace crondesk::cli

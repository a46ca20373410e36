#pragma once

#include "store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace crondesk::sandbox {

// Keeps the store in one SQLite file (--db). Every store mutation is written through before the
// sandbox answers, in WAL mode: a committed transaction survives the process being killed at any
// moment (synchronous=NORMAL gives that; only a power loss could cost the last commits).
class Persistence final : public StoreObserver
{
public:
    explicit Persistence(QString path);
    ~Persistence() override;
    Persistence(const Persistence &) = delete;
    Persistence &operator=(const Persistence &) = delete;

    bool open();
    QString errorString() const { return m_error; }

    // Reads everything back into `store` (without writing it out again).
    bool load(Store &store);

    bool save(Kind kind, const QString &id, const QString &parentId,
              const QJsonObject &object) override;
    bool remove(Kind kind, const QString &id) override;
    bool beginBatch() override;
    bool commitBatch() override;
    void rollbackBatch() override;

private:
    bool exec(const QString &statement);
    bool fail(const QSqlQuery &query);

    QString m_path;
    QString m_connectionName;
    QString m_error;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_delete;
};

} // namespace crondesk::sandbox

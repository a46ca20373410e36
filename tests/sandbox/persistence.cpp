#include "persistence.h"

#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

Persistence::Persistence(QString path)
    : m_path(std::move(path))
    , m_connectionName(u"crondesk-sandbox-%1"_s.arg(quintptr(this), 0, 16))
{ }

Persistence::~Persistence()
{
    m_insert.reset();
    m_delete.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Persistence::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(statement))
        return fail(query);
    return true;
}

bool Persistence::fail(const QSqlQuery &query)
{
    m_error = query.lastError().text();
    qCCritical(lcSandbox) << "Database error:" << m_error;
    return false;
}

bool Persistence::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    // One table for every kind: the objects are the server's JSON, the columns only what is
    // needed to replace, delete and reload them in order.
    if (!exec(u"PRAGMA journal_mode=WAL"_s) || !exec(u"PRAGMA synchronous=NORMAL"_s)
        || !exec(u"CREATE TABLE IF NOT EXISTS objects (kind INTEGER NOT NULL, id TEXT NOT NULL, "
                 "parent TEXT, json BLOB NOT NULL, PRIMARY KEY (kind, id))"_s))
        return false;
    m_insert.emplace(db);
    m_delete.emplace(db);
    if (!m_insert->prepare(u"INSERT OR REPLACE INTO objects (kind, id, parent, json) "
                           "VALUES (?, ?, ?, ?)"_s))
        return fail(*m_insert);
    if (!m_delete->prepare(u"DELETE FROM objects WHERE kind = ? AND id = ?"_s))
        return fail(*m_delete);
    return true;
}

bool Persistence::load(Store &store)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    // Kinds in dependency order (assistants, threads, crons, runs), each in insertion order.
    if (!query.exec(u"SELECT kind, json FROM objects ORDER BY kind, rowid"_s))
        return fail(query);
    while (query.next()) {
        const auto kind = Kind(query.value(0).toInt());
        const QJsonObject object = QJsonDocument::fromJson(query.value(1).toByteArray()).object();
        switch (kind) {
        case Kind::Assistant:
            store.loadAssistant(object);
            break;
        case Kind::Thread:
            store.loadThread(object);
            break;
        case Kind::Cron:
            store.loadCron(object);
            break;
        case Kind::Run:
            store.loadRun(object);
            break;
        }
    }
    return true;
}

bool Persistence::save(Kind kind, const QString &id, const QString &parentId,
                       const QJsonObject &object)
{
    m_insert->bindValue(0, int(kind));
    m_insert->bindValue(1, id);
    m_insert->bindValue(2, parentId.isNull() ? QVariant() : QVariant(parentId));
    m_insert->bindValue(3, QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (!m_insert->exec())
        return fail(*m_insert);
    return true;
}

bool Persistence::remove(Kind kind, const QString &id)
{
    m_delete->bindValue(0, int(kind));
    m_delete->bindValue(1, id);
    if (!m_delete->exec())
        return fail(*m_delete);
    return true;
}

bool Persistence::beginBatch()
{
    return QSqlDatabase::database(m_connectionName).transaction() || fail(QSqlQuery());
}

bool Persistence::commitBatch()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    if (db.commit())
        return true;
    m_error = db.lastError().text();
    qCCritical(lcSandbox) << "Database commit failed:" << m_error;
    return false;
}

void Persistence::rollbackBatch()
{
    QSqlDatabase::database(m_connectionName).rollback();
}

} // namespace crondesk::sandbox

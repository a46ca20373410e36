#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::api {

// An assistant as /assistants/search and /assistants/{id} return it (api-contract §4.2).
struct Assistant
{
    QString assistantId;
    QString graphId;
    QString name;
    QString description;
    QJsonObject config;
    QJsonObject context;
    QJsonObject metadata;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    // System assistants are the ones the server made for each graph (metadata.created_by).
    bool isSystem() const;

    friend bool operator==(const Assistant &, const Assistant &) = default;
};

std::optional<Assistant> assistantFromJson(const QJsonObject &object, QString *error = nullptr);
std::optional<QList<Assistant>> assistantListFromJson(const QByteArray &body,
                                                      QString *error = nullptr);

// The assistant id the server gives a graph's system assistant: uuid5(NAMESPACE_GRAPH, graph_id)
// (api-contract §6.4). Lets a graph name stand in for an id where the server demands a UUID.
QString systemAssistantId(const QString &graphId);

// True for a canonical 8-4-4-4-12 hexadecimal UUID, the only id form the server accepts in paths.
bool isUuid(QStringView text);

} // namespace crondesk::api

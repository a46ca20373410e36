#pragma once

#include <QString>
#include <QStringView>

#include <random>

namespace crondesk::sandbox {

// The canonical lower-case hyphenated form of a UUID, or a null string when `text` is not one.
// Accepts what Python's uuid.UUID() accepts (the server validates ids with it): hyphens anywhere,
// braces, a "urn:uuid:" prefix, any case.
QString canonicalUuid(QStringView text);
inline bool isUuid(QStringView text)
{
    return !canonicalUuid(text).isNull();
}

// The id of the system assistant the server creates for a graph:
// uuid5(6ba7b821-9dad-11d1-80b4-00c04fd430c8, graph_id).
QString systemAssistantId(const QString &graphId);

// Random version-4 UUIDs, from a seeded generator for reproducible sample data or from the
// system's entropy for everything created at run time.
class UuidGenerator final
{
public:
    UuidGenerator(); // non-deterministic
    explicit UuidGenerator(quint64 seed);

    QString next();

private:
    std::mt19937_64 m_engine;
};

} // namespace crondesk::sandbox

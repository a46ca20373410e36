#include "uuids.h"

#include <QUuid>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

QString canonicalUuid(QStringView text)
{
    QStringView rest = text.trimmed();
    if (rest.startsWith(u"urn:", Qt::CaseInsensitive))
        rest = rest.mid(4);
    if (rest.startsWith(u"uuid:", Qt::CaseInsensitive))
        rest = rest.mid(5);
    if (rest.startsWith(u'{') && rest.endsWith(u'}'))
        rest = rest.mid(1, rest.size() - 2);

    QString hex;
    hex.reserve(32);
    for (const QChar c : rest) {
        if (c == u'-')
            continue;
        const bool isHex
            = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!isHex)
            return {};
        hex += c.toLower();
    }
    if (hex.size() != 32)
        return {};
    return hex.left(8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) + u'-'
        + hex.mid(20);
}

QString systemAssistantId(const QString &graphId)
{
    static const QUuid namespaceGraph(u"6ba7b821-9dad-11d1-80b4-00c04fd430c8"_s);
    return QUuid::createUuidV5(namespaceGraph, graphId).toString(QUuid::WithoutBraces);
}

UuidGenerator::UuidGenerator()
    : m_engine(std::random_device {}())
{ }

UuidGenerator::UuidGenerator(quint64 seed)
    : m_engine(seed)
{ }

QString UuidGenerator::next()
{
    const quint64 high = m_engine();
    const quint64 low = m_engine();
    uchar bytes[16];
    for (int i = 0; i < 8; ++i) {
        bytes[i] = uchar(high >> (56 - 8 * i));
        bytes[8 + i] = uchar(low >> (56 - 8 * i));
    }
    bytes[6] = uchar((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = uchar((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

} // namespace crondesk::sandbox

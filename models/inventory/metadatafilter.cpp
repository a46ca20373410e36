#include "metadatafilter.h"

#include "crontablemodel.h"

#include <models/common/jsontext.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QJsonValue valueFromText(const QString &text)
{
    if (const std::optional<QJsonValue> value = readJsonValue(text.toUtf8());
        value && !value->isObject() && !value->isArray())
        return *value;
    return text;
}

} // namespace

std::optional<QJsonObject> parseMetadataFilter(const QString &text, QString *error)
{
    QJsonObject filter;
    const QStringList terms = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &rawTerm : terms) {
        const QString term = rawTerm.trimmed();
        if (term.isEmpty())
            continue;
        const qsizetype equals = term.indexOf(u'=');
        const QString key = equals < 0 ? QString() : term.left(equals).trimmed();
        if (equals < 0 || key.isEmpty()) {
            if (error)
                *error = equals < 0
                    ? QCoreApplication::translate("MetadataFilter",
                                                  "“%1” is not key=value, such as team=infra.")
                          .arg(term)
                    : QCoreApplication::translate("MetadataFilter",
                                                  "“%1” has no key before the “=”.")
                          .arg(term);
            return std::nullopt;
        }
        filter.insert(key, valueFromText(term.mid(equals + 1).trimmed()));
    }
    return filter;
}

QString formatMetadataFilter(const QJsonObject &filter)
{
    return compactMetadata(filter);
}

QString describeMetadataFilter(const QJsonObject &filter)
{
    QStringList terms;
    for (auto it = filter.constBegin(); it != filter.constEnd(); ++it) {
        const QByteArray wrapped
            = QJsonDocument(QJsonArray {it.value()}).toJson(QJsonDocument::Compact);
        // Strip the array's brackets: what is left is the value as JSON, strings quoted.
        terms.append(it.key() + u" = "_s + QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)));
    }
    return terms.join(u", "_s);
}

} // namespace crondesk::models

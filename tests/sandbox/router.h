#pragma once

#include "httpmessage.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace crondesk::sandbox {

// Maps "METHOD /path/{param}" to a handler, matching percent-decoded path segments one by one so
// that an id containing "%2F" stays one segment, as on the real server.
class Router final
{
public:
    using Handler = std::function<HttpResponse(const ApiRequest &request)>;

    void add(QByteArray method, const QString &pattern, Handler handler);

    // 404 {"detail":"Not Found"} for an unknown path, 405 for a known path with another method.
    HttpResponse dispatch(const RecordedRequest &request) const;

    // The path's segments, percent-decoded; empty segments from a trailing slash are kept.
    static QStringList segments(const QString &encodedPath);

private:
    struct Route
    {
        QByteArray method;
        QStringList pattern; // "{...}" marks a parameter
        Handler handler;
    };
    static bool matches(const Route &route, const QStringList &segments, QStringList *parameters);

    QList<Route> m_routes;
};

} // namespace crondesk::sandbox

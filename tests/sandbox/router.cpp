#include "router.h"

#include <QUrl>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

void Router::add(QByteArray method, const QString &pattern, Handler handler)
{
    m_routes.append(Route {std::move(method), segments(pattern), std::move(handler)});
}

QStringList Router::segments(const QString &encodedPath)
{
    QStringList result = encodedPath.split(u'/');
    if (!result.isEmpty() && result.first().isEmpty())
        result.removeFirst();
    for (QString &segment : result)
        segment = QUrl::fromPercentEncoding(segment.toUtf8());
    return result;
}

bool Router::matches(const Route &route, const QStringList &segments, QStringList *parameters)
{
    if (route.pattern.size() != segments.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.pattern.at(i);
        if (expected.startsWith(u'{') && expected.endsWith(u'}')) {
            if (segments.at(i).isEmpty())
                return false;
            captured.append(segments.at(i));
        } else if (expected != segments.at(i)) {
            return false;
        }
    }
    *parameters = captured;
    return true;
}

HttpResponse Router::dispatch(const RecordedRequest &request) const
{
    const QStringList parts = segments(request.path);
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        QStringList parameters;
        if (!matches(route, parts, &parameters))
            continue;
        pathKnown = true;
        if (route.method != request.method)
            continue;
        const ApiRequest apiRequest {request, parameters,
                                     QUrlQuery(QString::fromUtf8(request.query))};
        return route.handler(apiRequest);
    }
    if (pathKnown)
        return HttpResponse::error(405, u"Method Not Allowed"_s);
    return HttpResponse::error(404, u"Not Found"_s);
}

} // namespace crondesk::sandbox

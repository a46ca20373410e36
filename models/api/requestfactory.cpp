#include "requestfactory.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::api {

RequestFactory::RequestFactory(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl))
{ }

void RequestFactory::setExtraHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    m_extraHeaders.clear();
    for (const auto &header : headers) {
        if (header.first.compare("x-api-key", Qt::CaseInsensitive) != 0)
            m_extraHeaders.append(header);
    }
}

bool RequestFactory::isValidHeaderName(QByteArrayView name)
{
    static constexpr QByteArrayView punctuation("!#$%&'*+-.^_`|~");
    return !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || punctuation.contains(c);
    });
}

bool RequestFactory::isValidHeaderValue(QByteArrayView value)
{
    return std::all_of(value.cbegin(), value.cend(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
    });
}

QString RequestFactory::headerProblem() const
{
    if (!isValidHeaderValue(m_apiKey.toUtf8()))
        return QCoreApplication::translate("RequestFactory",
                                           "The API key contains a line break or another control "
                                           "character, so it cannot be sent in a header.");
    for (const auto &[name, value] : m_extraHeaders) {
        if (!isValidHeaderName(name))
            return QCoreApplication::translate("RequestFactory",
                                               "An extra header has a name that is not a valid "
                                               "header name.");
        if (!isValidHeaderValue(value))
            return QCoreApplication::translate("RequestFactory",
                                               "The value of the header “%1” contains a line break "
                                               "or another control character.")
                .arg(QString::fromLatin1(name));
    }
    return {};
}

void RequestFactory::setPinnedCertificates(const QStringList &sha256Fingerprints)
{
    m_pinnedCertificates.clear();
    for (const QString &fingerprint : sha256Fingerprints) {
        const QString hex = fingerprint.toLower().remove(u':');
        if (hex.size() == 64 && !m_pinnedCertificates.contains(hex))
            m_pinnedCertificates.append(hex);
    }
}

QByteArray RequestFactory::encodePathSegment(const QString &segment)
{
    const bool onlyDots = !segment.isEmpty()
        && std::all_of(segment.cbegin(), segment.cend(), [](QChar c) { return c == u'.'; });
    if (onlyDots)
        return QByteArray("%2E").repeated(segment.size());
    return QUrl::toPercentEncoding(segment);
}

bool RequestFactory::isSafePathSegment(const QString &segment)
{
    return !segment.isEmpty() && segment != "."_L1 && segment != ".."_L1;
}

QUrl RequestFactory::url(const QStringList &pathSegments, const QUrlQuery &query) const
{
    QByteArray path = m_baseUrl.path(QUrl::FullyEncoded).toUtf8();
    while (path.endsWith('/'))
        path.chop(1);
    for (const QString &segment : pathSegments)
        path += '/' + encodePathSegment(segment);

    // Assemble the encoded form by hand, so that %2F stays an escaped slash inside a segment.
    QUrl base = m_baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    QByteArray encoded = base.toEncoded() + path;
    if (!query.isEmpty())
        encoded += '?' + query.toString(QUrl::FullyEncoded).toUtf8();
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

QByteArray RequestFactory::userAgent()
{
    return QByteArrayLiteral("crondesk/" CRONDESK_VERSION);
}

QNetworkRequest RequestFactory::createRequest(const QStringList &pathSegments,
                                              const QUrlQuery &query) const
{
    QNetworkRequest request(url(pathSegments, query));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    // Redirects could carry the key to another origin; the API never redirects, so refuse them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // The one place every header is set: whatever let an invalid one through upstream, it does not
    // reach the wire (ApiClient also refuses to send while headerProblem() is not empty).
    for (const auto &[name, value] : m_extraHeaders) {
        if (isValidHeaderName(name) && isValidHeaderValue(value))
            request.setRawHeader(name, value.trimmed());
    }
    if (const QByteArray key = m_apiKey.toUtf8(); !key.isEmpty() && isValidHeaderValue(key))
        request.setRawHeader("x-api-key", key);
    if (m_sslConfiguration && request.url().scheme() == "https"_L1)
        request.setSslConfiguration(*m_sslConfiguration);
    if (!m_pinnedCertificates.isEmpty() && request.url().scheme() == "https"_L1)
        request.setAttribute(PinnedCertificatesAttribute, m_pinnedCertificates);
    return request;
}

} // namespace crondesk::api

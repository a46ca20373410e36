#include "proxyrules.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProxyRules)
};

QString firstSet(const QProcessEnvironment &environment, std::initializer_list<QString> names)
{
    for (const QString &name : names) {
        const QString value = environment.value(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

bool isLoopback(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0
        || host.endsWith(".localhost"_L1, Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Whether a no_proxy entry names `host`.
bool excludes(const QString &entry, const QString &host)
{
    if (entry == "*"_L1)
        return true;
    if (entry.contains(u'/')) {
        const auto subnet = QHostAddress::parseSubnet(entry);
        const QHostAddress address(host);
        return subnet.second >= 0 && !address.isNull() && address.isInSubnet(subnet);
    }
    QString name = entry;
    if (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty())
        return false;
    return host.compare(name, Qt::CaseInsensitive) == 0
        || host.endsWith(u'.' + name, Qt::CaseInsensitive);
}

ProxyChoice parseProxy(const QString &text, const char *variable)
{
    ProxyChoice choice;
    QUrl url(text.contains("://"_L1) ? text : u"http://"_s + text, QUrl::StrictMode);
    choice.display = url.isValid() ? url.toDisplayString(QUrl::RemoveUserInfo) : QString();
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        choice.error = Tr::tr("The proxy in %1 is not a URL such as http://proxy.example.com:3128.")
                           .arg(QLatin1StringView(variable));
        return choice;
    }
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == "socks5"_L1 || scheme == "socks5h"_L1)
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != "http"_L1) {
        choice.error = Tr::tr("The proxy %1 (from %2) cannot be used: only http:// and socks5:// "
                              "proxies are supported. The connection to the deployment is "
                              "encrypted end to end through an http:// proxy as well.")
                           .arg(choice.display, QLatin1StringView(variable));
        return choice;
    }
    choice.proxy
        = QNetworkProxy(type, url.host(), quint16(url.port(1080)), url.userName(QUrl::FullyDecoded),
                        url.password(QUrl::FullyDecoded));
    return choice;
}

} // namespace

ProxyRules ProxyRules::fromEnvironment(const QProcessEnvironment &environment)
{
    ProxyRules rules;
    rules.m_httpProxy = firstSet(environment, {u"http_proxy"_s});
    rules.m_httpsProxy = firstSet(environment, {u"https_proxy"_s, u"HTTPS_PROXY"_s});
    rules.m_allProxy = firstSet(environment, {u"all_proxy"_s, u"ALL_PROXY"_s});
    for (const QString &entry :
         firstSet(environment, {u"no_proxy"_s, u"NO_PROXY"_s}).split(u',', Qt::SkipEmptyParts)) {
        if (const QString trimmed = entry.trimmed(); !trimmed.isEmpty())
            rules.m_noProxy.append(trimmed);
    }
    return rules;
}

ProxyChoice ProxyRules::proxyFor(const QUrl &url) const
{
    const QString host = url.host();
    if (host.isEmpty() || isLoopback(host))
        return {};
    for (const QString &entry : m_noProxy) {
        if (excludes(entry, host))
            return {};
    }
    const bool tls = url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0;
    const QString &own = tls ? m_httpsProxy : m_httpProxy;
    if (!own.isEmpty())
        return parseProxy(own, tls ? "https_proxy" : "http_proxy");
    if (!m_allProxy.isEmpty())
        return parseProxy(m_allProxy, "all_proxy");
    return {};
}

} // namespace crondesk::api

#pragma once

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace crondesk::api {

// The proxy a connection to the deployment goes through.
struct ProxyChoice
{
    QNetworkProxy proxy {QNetworkProxy::NoProxy};
    // The proxy as people should see it in a message: its URL without user name or password.
    QString display;
    // Set when the environment names a proxy this client cannot use; the request then fails
    // with this sentence instead of silently going around the proxy.
    QString error;
};

// Which proxy to use, read from the environment as curl and most Unix tools read it, so that a
// desk behind a corporate proxy works without settings of its own (docs/connections.md, Proxies):
//   - https_proxy / HTTPS_PROXY for https URLs, http_proxy for http URLs (the lower-case name only,
//     as curl does: a web server sets HTTP_PROXY from a request's Proxy header, so that one is
//     not trusted), all_proxy / ALL_PROXY for either when the scheme's own variable is unset;
//   - a proxy URL is http://[user:password@]host[:port] (port 1080 by default, as curl's) or
//     socks5:// / socks5h://; a bare host:port is http. An https:// proxy (TLS to the proxy) is
//     refused with a message: the socket layer cannot do it;
//   - no_proxy / NO_PROXY: comma-separated host names (matching the host and its subdomains, with
//     or without a leading dot), IP addresses, CIDR ranges such as 10.0.0.0/8, or * for no proxy
//     at all.
// Loopback hosts (localhost, 127.0.0.0/8, ::1) never go through a proxy: a proxy cannot reach this
// machine's loopback, where the sandbox and SSH tunnels listen.
class ProxyRules final
{
public:
    ProxyRules() = default;
    static ProxyRules fromEnvironment(const QProcessEnvironment &environment);

    ProxyChoice proxyFor(const QUrl &url) const;

private:
    QString m_httpProxy;
    QString m_httpsProxy;
    QString m_allProxy;
    QStringList m_noProxy;
};

} // namespace crondesk::api

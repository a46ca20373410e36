#include "connectionprofile.h"

#include <models/api/requestfactory.h>
#include <models/common/safetext.h>

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("ConnectionProfile", text);
}

int channel(const QString &colour, int index)
{
    bool ok = false;
    const int value = QStringView(colour).mid(1 + 2 * index, 2).toInt(&ok, 16);
    return ok ? value : 0;
}

bool isColour(const QString &text)
{
    static const QRegularExpression pattern(u"^#[0-9a-fA-F]{6}$"_s);
    return pattern.match(text).hasMatch();
}

} // namespace

bool ConnectionProfile::isProduction() const
{
    const QString label = environment.trimmed();
    return label.compare("production"_L1, Qt::CaseInsensitive) == 0
        || label.compare("prod"_L1, Qt::CaseInsensitive) == 0;
}

QString ConnectionProfile::effectiveColour() const
{
    return isColour(colour) ? colour.toLower() : defaultColourFor(environment);
}

QString defaultColourFor(const QString &environment)
{
    const QString label = environment.trimmed().toLower();
    if (label == "production"_L1 || label == "prod"_L1)
        return u"#c62828"_s;
    if (label == "staging"_L1 || label == "stage"_L1 || label == "test"_L1)
        return u"#ef8f00"_s;
    if (label == "development"_L1 || label == "dev"_L1)
        return u"#2e7d32"_s;
    if (label == "local"_L1 || label == "sandbox"_L1)
        return u"#1565c0"_s;
    return u"#616161"_s;
}

QString textColourOn(const QString &colour)
{
    if (!isColour(colour))
        return u"#000000"_s;
    // Perceived brightness (ITU-R BT.601 weights): light backgrounds get black text.
    const int brightness
        = (channel(colour, 0) * 299 + channel(colour, 1) * 587 + channel(colour, 2) * 114) / 1000;
    return brightness > 150 ? u"#000000"_s : u"#ffffff"_s;
}

QStringList knownEnvironments()
{
    return {u"production"_s, u"staging"_s, u"development"_s, u"local"_s};
}

QList<ProfileProblem> validateProfile(const ConnectionProfile &profile,
                                      const QList<ConnectionProfile> &others)
{
    QList<ProfileProblem> problems;
    const QString name = profile.name.trimmed();
    if (name.isEmpty()) {
        problems.append({u"name"_s, translate("Give the profile a name.")});
    } else if (name != profile.name) {
        problems.append({u"name"_s, translate("The name cannot start or end with spaces.")});
    } else {
        for (const ConnectionProfile &other : others) {
            if (other.name.compare(name, Qt::CaseInsensitive) == 0) {
                problems.append(
                    {u"name"_s, translate("Another profile is already called “%1”.").arg(name)});
                break;
            }
        }
    }

    const QUrl &url = profile.url;
    if (url.isEmpty()) {
        problems.append({u"url"_s, translate("Enter the deployment URL.")});
    } else if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
               || url.host().isEmpty()) {
        problems.append({u"url"_s, translate("The URL must start with https:// or http://.")});
    } else if (!url.userInfo().isEmpty()) {
        problems.append(
            {u"url"_s, translate("Put no user name or password in the URL; use the API key.")});
    } else if (url.hasQuery() || url.hasFragment()) {
        problems.append({u"url"_s, translate("The URL cannot have a query or a fragment.")});
    }

    if (!profile.colour.isEmpty() && !isColour(profile.colour))
        problems.append({u"colour"_s, translate("The colour must look like #c62828.")});

    for (qsizetype i = 0; i < profile.extraHeaders.size(); ++i) {
        // Checked pair by pair, not by re-parsing "name: value" text: a line break inside a value
        // would otherwise pass as a second, smuggled header.
        if (const QString problem
            = headerProblem(profile.extraHeaders.at(i).first, profile.extraHeaders.at(i).second);
            !problem.isEmpty()) {
            problems.append(
                {u"headers"_s, translate("Header line %1: %2").arg(i + 1).arg(problem)});
            break;
        }
    }

    for (const QString &fingerprint : profile.pinnedCertificates) {
        if (normaliseFingerprint(fingerprint) != fingerprint) {
            problems.append({u"pinnedCertificates"_s,
                             translate("“%1” is not a SHA-256 fingerprint.").arg(fingerprint)});
            break;
        }
    }
    return problems;
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host == "localhost"_L1 || host.endsWith(".localhost"_L1))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool sendsKeyInPlainText(const QUrl &url, bool hasApiKey)
{
    return hasApiKey && url.scheme() == "http"_L1 && !isLoopback(url);
}

bool isReservedHeader(QByteArrayView name)
{
    for (const QByteArrayView reserved :
         {QByteArrayView("x-api-key"), QByteArrayView("authorization"),
          QByteArrayView("proxy-authorization"), QByteArrayView("cookie")}) {
        if (name.compare(reserved, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString headerProblem(QByteArrayView name, QByteArrayView value)
{
    if (!api::RequestFactory::isValidHeaderName(name))
        return translate("“%1” is not a valid header name (letters, digits and "
                         "!#$%&'*+-.^_`|~).")
            .arg(shownText(QString::fromUtf8(name)));
    if (!api::RequestFactory::isValidHeaderValue(value))
        return translate("the value contains a line break or another control character.");
    if (name.compare("x-api-key", Qt::CaseInsensitive) == 0)
        return translate("the API key has its own field, stored in the keychain.");
    if (isReservedHeader(name))
        return translate("%1 would carry a credential and profiles are stored in "
                         "plain text; use the API key field.")
            .arg(QString::fromLatin1(name));
    return {};
}

bool parseHeaderLines(const QString &text, HeaderList *headers, QString *error)
{
    HeaderList result;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        auto failWith = [&](const QString &message) {
            if (error)
                *error = translate("Header line %1: %2").arg(i + 1).arg(message);
            return false;
        };
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return failWith(translate("write it as “Name: value”."));
        const QByteArray name = line.left(colon).trimmed().toUtf8();
        const QByteArray value = line.mid(colon + 1).trimmed().toUtf8();
        if (const QString problem = headerProblem(name, value); !problem.isEmpty())
            return failWith(problem);
        result.append({name, value});
    }
    if (headers)
        *headers = result;
    return true;
}

QString headerLines(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    return lines.join(u'\n');
}

QString normaliseFingerprint(const QString &text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == u':' || c == u' ' || c == u'-')
            continue;
        const char16_t lower = c.toLower().unicode();
        if (!((lower >= u'0' && lower <= u'9') || (lower >= u'a' && lower <= u'f')))
            return {};
        hex.append(QChar(lower));
    }
    return hex.size() == 64 ? hex : QString();
}

QString formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QString formatFingerprint(const QString &normalisedHex)
{
    return formatFingerprint(QByteArray::fromHex(normalisedHex.toLatin1()));
}

} // namespace crondesk::models

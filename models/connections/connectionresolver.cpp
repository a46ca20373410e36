#include "connectionresolver.h"

#include "mutationpolicy.h"

#include <models/common/safetext.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("ConnectionResolver", text);
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == "https"_L1 ? 443 : 80);
}

} // namespace

QString urlTextForDisplay(const QString &text)
{
    // Textually, not with QUrl: the text that needs hiding is often the one QUrl cannot parse.
    const qsizetype schemeEnd = text.indexOf("://"_L1);
    const qsizetype authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype authorityEnd = text.size();
    for (const QChar end : {u'/', u'?', u'#'}) {
        const qsizetype at = text.indexOf(end, authorityStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    const qsizetype at = text.lastIndexOf(u'@', authorityEnd - 1);
    if (at < authorityStart)
        return text;
    return text.left(authorityStart) + u"***"_s + text.mid(at);
}

QUrl parseDeploymentUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    if (trimmed.isEmpty() || !url.isValid()
        || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) || url.host().isEmpty()) {
        if (error)
            *error = translate("“%1” is not an http or https URL.")
                         .arg(shownText(urlTextForDisplay(trimmed)));
        return {};
    }
    if (!url.userInfo().isEmpty()) {
        if (error)
            *error = translate("Put no user name or password in the URL; use the API key.");
        return {};
    }
    return url;
}

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

ResolvedConnection resolveConnection(const ConnectionInputs &inputs)
{
    ResolvedConnection resolved;
    resolved.profile = inputs.profile;

    QString urlError;
    if (!inputs.urlFlag.trimmed().isEmpty()) {
        resolved.url = parseDeploymentUrl(inputs.urlFlag, &urlError);
        resolved.urlSource = UrlSource::CommandLine;
    } else if (inputs.profile) {
        resolved.url = parseDeploymentUrl(inputs.profile->url.toString(), &urlError);
        resolved.urlSource = UrlSource::Profile;
    } else if (!inputs.urlVariable.isEmpty()
               && !inputs.environment.value(inputs.urlVariable).trimmed().isEmpty()) {
        resolved.url = parseDeploymentUrl(inputs.environment.value(inputs.urlVariable), &urlError);
        resolved.urlSource = UrlSource::Environment;
    } else {
        urlError = translate("No deployment given.");
    }
    resolved.error = urlError;
    if (!urlError.isEmpty())
        resolved.problem = resolved.urlSource == UrlSource::None ? ConnectionProblem::NoUrl
                                                                 : ConnectionProblem::BadUrl;

    const bool profileKeyUsable = inputs.profile && !cleanApiKey(inputs.profileKey).isEmpty()
        && (resolved.urlSource == UrlSource::Profile
            || (resolved.url.isValid() && isSameOrigin(resolved.url, inputs.profile->url)));
    if (!cleanApiKey(inputs.apiKeyFlag).isEmpty()) {
        resolved.key = {cleanApiKey(inputs.apiKeyFlag), ApiKeySource::CommandLine};
    } else if (profileKeyUsable) {
        resolved.key = {cleanApiKey(inputs.profileKey), ApiKeySource::Profile};
        resolved.keySessionOnly = inputs.profileKeySessionOnly;
    } else {
        resolved.key = resolveApiKey({}, ApiKeySource::None, inputs.environment);
    }
    if (resolved.problem != ConnectionProblem::None)
        return resolved;
    // Refused here, with the source named, rather than left to the request factory: a key with a
    // line break would otherwise add a header of the sender's choosing to every request.
    if (!api::RequestFactory::isValidHeaderValue(resolved.key.key.toUtf8())) {
        resolved.problem = ConnectionProblem::BadKey;
        resolved.error = translate("The %1 contains a line break or another control character, so "
                                   "it cannot be sent; check how it was copied.")
                             .arg(describeSource(resolved.key.source,
                                                 inputs.profile ? inputs.profile->name : QString(),
                                                 resolved.keySessionOnly));
    } else if (inputs.profile && !inputs.profile->headerProblem.isEmpty()) {
        resolved.problem = ConnectionProblem::BadProfileHeaders;
        resolved.error = translate("The headers of profile “%1” cannot be used. %2 Correct them "
                                   "in the Cron Desk app's Profiles dialog.")
                             .arg(inputs.profile->name, inputs.profile->headerProblem);
    }
    return resolved;
}

bool ResolvedConnection::sendsKeyInPlainText() const
{
    return models::sendsKeyInPlainText(url, !key.key.isEmpty());
}

QString ResolvedConnection::keyNote() const
{
    return describeSource(key.source, profile ? profile->name : QString(), keySessionOnly);
}

QString ResolvedConnection::displayName() const
{
    return profile ? profile->name : url.host();
}

api::RequestFactory ResolvedConnection::requestFactory() const
{
    api::RequestFactory factory(url);
    factory.setApiKey(key.key);
    if (profile) {
        factory.setExtraHeaders(profile->extraHeaders);
        // Enforced once more below every window and command: the client itself refuses.
        if (profile->readOnly)
            factory.setReadOnly(true, decideMutation(profile, MutationKind::Update, 1).reason);
        // Trusted certificates belong to the profile's own origin, like its key.
        if (urlSource == UrlSource::Profile || isSameOrigin(url, profile->url))
            factory.setPinnedCertificates(profile->pinnedCertificates);
    }
    return factory;
}

} // namespace crondesk::models

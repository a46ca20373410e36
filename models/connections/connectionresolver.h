#pragma once

#include <models/api/requestfactory.h>
#include <models/connections/apikey.h>
#include <models/connections/connectionprofile.h>

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

namespace crondesk::models {

// What the operator asked for, from every source, before deciding.
struct ConnectionInputs
{
    QString urlFlag; // --url; empty when not given
    QString apiKeyFlag; // --api-key; empty when not given
    std::optional<ConnectionProfile> profile; // --profile, the switcher's choice, or the last used
    QString profileKey; // the profile's key from the CredentialStore; empty when none
    bool profileKeySessionOnly = false; // it came from the session store, not the keychain
    QProcessEnvironment environment;
    // A variable that may name the URL when neither a flag nor a profile does (crondeskctl:
    // CRONDESK_URL); empty for none.
    QString urlVariable;
};

enum class UrlSource { None, CommandLine, Profile, Environment };

// Why a connection cannot be used.
enum class ConnectionProblem {
    None,
    NoUrl, // no deployment given anywhere
    BadUrl, // not an absolute http(s) URL, or one with a user name or password in it
    BadKey, // the API key cannot travel in a header (a line break, a control character)
    BadProfileHeaders, // the profile's stored headers could not be read
};

// The connection to open and where each part came from.
struct ResolvedConnection
{
    QUrl url;
    UrlSource urlSource = UrlSource::None;
    ResolvedApiKey key;
    bool keySessionOnly = false;
    std::optional<ConnectionProfile> profile;
    ConnectionProblem problem = ConnectionProblem::None;
    // Why the connection cannot be used, as a sentence that never contains a key, a password or a
    // header value; empty when isValid().
    QString error;

    bool isValid() const { return error.isEmpty() && url.isValid(); }
    bool isReadOnly() const { return profile && profile->readOnly; }
    // The key would cross a network unencrypted (plain http, not loopback).
    bool sendsKeyInPlainText() const;
    // "API key of profile “prod” (keychain)", "API key from LANGSMITH_API_KEY": never the key.
    QString keyNote() const;
    // The profile's name, or the URL's host for a connection without a profile.
    QString displayName() const;
    // Base URL, key, the profile's extra headers and pinned certificates.
    api::RequestFactory requestFactory() const;
};

// The precedence rules (docs/connections.md):
//   URL: --url, then the profile's URL, then `urlVariable` from the environment.
//   Key: --api-key, then the profile's stored key, then LANGGRAPH_API_KEY, LANGSMITH_API_KEY,
//        LANGCHAIN_API_KEY, as the SDKs read them.
// A profile's stored key is only sent to that profile's own origin (scheme, host and port): with
// --url pointing elsewhere it is skipped, so a typo on a command line cannot hand a production
// key to another server.
ResolvedConnection resolveConnection(const ConnectionInputs &inputs);

// Parses a deployment URL as typed on a command line or in a form. Returns an invalid URL and
// says why in `error` when it is not an absolute http(s) URL with a host.
QUrl parseDeploymentUrl(const QString &text, QString *error = nullptr);

// A URL as typed, for messages: a user name and password in it ("https://user:pass@host/") are
// replaced by "***", even when the rest does not parse as a URL. Never print URL text without it.
QString urlTextForDisplay(const QString &text);

// Same scheme, host and port (default ports filled in).
bool isSameOrigin(const QUrl &a, const QUrl &b);

} // namespace crondesk::models

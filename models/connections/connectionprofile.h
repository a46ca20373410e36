#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace crondesk::models {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One deployment an operator connects to: where it is, how it is labelled, what may be done there.
// Holds no secret: the API key lives in the OS keychain (CredentialStore), keyed by `name`.
struct ConnectionProfile
{
    QString name; // unique, what the switcher shows and `--profile NAME` selects
    QUrl url;
    QString environment; // "production", "staging", "development", or any label
    QString colour; // "#rrggbb"; empty means the environment's default colour
    bool readOnly = false; // every mutation is refused, in the app and in crondeskctl
    HeaderList extraHeaders; // e.g. X-Auth-Scheme: langsmith-api-key (never x-api-key)
    // SHA-256 fingerprints (lower-case hex, no separators) of certificates the operator chose to
    // trust for this profile despite TLS errors. Nothing else is ever accepted.
    QStringList pinnedCertificates;
    // The operator has said sending the key over plain http to this (non-loopback) URL is fine.
    bool plainHttpAcknowledged = false;
    // Set by ProfileStore::load when the stored headers could not be read (a hand-edited file
    // with a control character or a reserved header): the sentence saying why. The profile then
    // has no extra headers; resolveConnection() refuses it until they are saved again.
    QString headerProblem;

    // Labelled production ("production" or "prod", any case): bulk deletes and pauses then
    // require typing the profile name.
    bool isProduction() const;
    // `colour`, or the default for the environment label.
    QString effectiveColour() const;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// The conventional colours: production red, staging amber, development green, local blue, other
// grey.
QString defaultColourFor(const QString &environment);
// Black or white, whichever reads better on `colour` ("#rrggbb").
QString textColourOn(const QString &colour);
// The labels the profile dialog offers; any other text is allowed too.
QStringList knownEnvironments();

struct ProfileProblem
{
    QString field; // "name", "url", "colour", "headers", "pinnedCertificates"
    QString message;

    friend bool operator==(const ProfileProblem &, const ProfileProblem &) = default;
};

// The form rules of a profile. `others` are the other profiles (for the unique name rule).
QList<ProfileProblem> validateProfile(const ConnectionProfile &profile,
                                      const QList<ConnectionProfile> &others);

// localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
bool isLoopback(const QUrl &url);
// True when an API key would travel unencrypted over a network: plain http to a non-loopback
// host, with a key to send.
bool sendsKeyInPlainText(const QUrl &url, bool hasApiKey);

// "Name: value" lines, one header per line; blank lines are skipped. Returns false (and says which
// line and why in `error`) on a line without a colon, an invalid header name or a reserved header.
bool parseHeaderLines(const QString &text, HeaderList *headers, QString *error = nullptr);
QString headerLines(const HeaderList &headers);
// Why a profile cannot carry this header (a sentence; the value is never quoted): a name that
// is not an RFC 9110 token, a value with a control character, or a reserved header. Empty when
// it can.
QString headerProblem(QByteArrayView name, QByteArrayView value);
// Headers the profile may not carry: x-api-key (the key has its own, secret, field) and
// credentials that would be stored in plain text (authorization, proxy-authorization, cookie).
bool isReservedHeader(QByteArrayView name);

// A SHA-256 fingerprint in any common spelling ("AB:CD:...", "ab cd ...", "abcd...") as 64
// lower-case hex digits; empty when it is not one.
QString normaliseFingerprint(const QString &text);
// 32 bytes of digest as "AB:CD:EF:...", the way certificate viewers show it.
QString formatFingerprint(const QByteArray &digest);
QString formatFingerprint(const QString &normalisedHex);

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::ConnectionProfile)

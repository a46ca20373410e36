#pragma once

#include "httpmessage.h"

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace crondesk::sandbox {

// One way to misbehave on purpose, for the requests it matches. Off unless a test or a flag adds
// it. The JSON form (fromJson/toJson) is what --fault and the control endpoint speak.
struct FaultRule
{
    enum class Action {
        None, // only the delay, if any
        Status, // answer `status` with `body` instead of running the handler
        // run the handler (the change is made), then answer `status` with `body` anyway: a
        // server that fails after committing, the case a client must not repeat blindly
        StatusAfterHandling,
        Drop, // run the handler, send `afterBytes` of the response, then drop the connection
        Truncate, // a consistent response whose JSON body stops half-way
        Malformed, // a consistent response whose body is not JSON at all
        WrongContentType, // the real body, labelled `contentType` (text/html by default)
        Trickle, // the real response, `chunkBytes` every `intervalMs`
    };

    QString id; // assigned by FaultInjector::add
    QByteArray method; // empty: any method
    QString path; // glob on the percent-encoded path, '*' matches anything; empty: any path
    int delayMs = 0; // wait this long before answering (applies with any action)
    Action action = Action::None;
    int status = 500;
    QByteArray body; // for Status and StatusAfterHandling; empty gives {"detail":"Injected fault"}
    QByteArray contentType; // for Status, StatusAfterHandling and WrongContentType
    HeaderList headers; // added to the response (e.g. Retry-After with Status 429)
    qint64 afterBytes = -1; // for Drop: -1 means half the response
    int chunkBytes = 16; // for Trickle
    int intervalMs = 50; // for Trickle
    int times = -1; // how many matching requests it still applies to; -1: unlimited
    // A slow commit, for Status and Drop: the answer (or the dropped connection) goes out at once,
    // and the handler runs this long afterwards, so the change appears only then. -1: as the
    // action says (Status never runs the handler, Drop runs it first).
    int commitDelayMs = -1;

    bool matches(QByteArrayView requestMethod, const QString &requestPath) const;

    // Keys: method, path, delay_ms, action (none|status|status_after|drop|truncate|malformed|
    // content_type|trickle), status, body (string, or any JSON which is sent serialised),
    // content_type, headers (object), after_bytes, chunk_bytes, interval_ms, times,
    // commit_delay_ms.
    static std::optional<FaultRule> fromJson(const QJsonObject &object, QString *error);
    QJsonObject toJson() const;
};

class FaultInjector final
{
public:
    // Returns the rule's id.
    QString add(FaultRule rule);
    bool remove(const QString &id);
    void clear();
    QList<FaultRule> rules() const { return m_rules; }

    // The first rule matching the request, counting one use of it; nullopt when none applies.
    std::optional<FaultRule> take(QByteArrayView method, const QString &path);

private:
    QList<FaultRule> m_rules;
    int m_nextId = 1;
};

} // namespace crondesk::sandbox

#pragma once

#include <models/api/apierror.h>

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace crondesk::api {

class ApiClient;
class ApiRequest;

// GET /info (api-contract §4.1). Servers differ in what they put there; only `version` matters to
// the client and even that may be missing (the JS dev server, reimplementations).
struct ServerInfo
{
    QString version; // "0.12.0"; empty when the server did not say
    QString langgraphPyVersion;
    QString langgraphJsVersion;
    QString context; // "js" on the JS dev server
    QJsonObject flags;
    QJsonObject host;
    QJsonObject raw; // the whole answer, for display

    // A flag's value, or `fallback` when the server does not send it.
    bool flag(QLatin1StringView name, bool fallback = false) const;
    QString hostKind() const;
};

std::optional<ServerInfo> serverInfoFromJson(const QJsonObject &object, QString *error = nullptr);

// A server version as the changelog writes them: "0.7.69", "0.9.0rc1", "0.10.0.dev3". Ordered the
// way Python packaging orders releases: dev < a < b < rc < final < post.
struct ServerVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;
    int stage = 3; // 0 dev, 1 alpha, 2 beta, 3 rc ... set from the suffix; final is 4, post 5
    int stageNumber = 0;

    static std::optional<ServerVersion> parse(QStringView text);
    friend auto operator<=>(const ServerVersion &, const ServerVersion &) = default;
};

// What a deployment can do with crons, from its version (api-contract §0.2) and from what its
// cron routes answered. An unknown version is assumed to be current: features are then found
// missing by their 404/405/"Not implemented" answers rather than by guessing.
struct ServerCapabilities
{
    QString version; // as the server reported it; empty when unknown
    bool versionKnown = false;
    QJsonObject flags;

    bool cronsSupported = true; // false: the cron routes are missing or "Not implemented"
    bool supportsSortAndPaging = true; // 0.2.69
    bool supportsCount = true; // 0.2.133: POST /runs/crons/count
    bool supportsOnRunCompleted = true; // 0.5.18
    bool supportsEnabled = true; // 0.7.15: the `enabled` field and search filter
    bool supportsPatch = true; // 0.7.21: PATCH /runs/crons/{id}
    bool supportsTimezone = true; // 0.7.69: the `timezone` field
    bool supportsMetadataFilter = true; // 0.9.0rc1: `metadata` in cron search and count
    bool supportsGetById = true; // 0.10.0rc1: GET /runs/crons/{id}

    // Whether cronsSupported (and supportsCount) is a finding: the cron route answered with a
    // count, "not implemented" or a validation refusal. False when the probe got no usable
    // answer (a 5xx, a 429, a body that is not JSON, an empty 204): cronsSupported then only
    // assumes. (versionKnown says the same of the version landmarks.)
    bool cronsKnown = false;

    // The pure part: what a server of this version supports. Unparseable means "assume current".
    static ServerCapabilities forVersion(const QString &version);

    friend bool operator==(const ServerCapabilities &, const ServerCapabilities &) = default;
};

// Finds out what a deployment supports: GET /info for the version and flags, then one cheap cron
// call (POST /runs/crons/count {}) to see whether the cron routes exist at all. Emits finished()
// once, and deletes itself afterwards. A failed /info (hidden by http.disable_meta, or an old
// server) is not fatal: the capabilities are then those of an unknown version.
class CapabilityProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CapabilityProbe)

public:
    explicit CapabilityProbe(ApiClient *client, QObject *parent = nullptr);
    ~CapabilityProbe() override;

    void abort();

    const ServerCapabilities &capabilities() const { return m_capabilities; }
    const std::optional<ServerInfo> &info() const { return m_info; }
    // The total number of crons, when the cron probe answered; -1 otherwise.
    qint64 cronCount() const { return m_cronCount; }
    // Why GET /info, or the cron probe, gave no usable answer; Kind::None when it answered, and
    // when the route does not exist (a server that hides /info has said so). What the failed
    // probe would have told is then unknown (versionKnown, cronsKnown), not assumed to be fine.
    const ApiError &infoError() const { return m_infoError; }
    const ApiError &cronProbeError() const { return m_cronProbeError; }

    // onSuccess(const ServerCapabilities &) or onFailure(const ApiError &) in `context`, unless
    // it has been destroyed. Failure means the server could not be reached or refused us
    // (unauthorized, forbidden, ...): a server without crons still succeeds, with cronsSupported
    // false.
    template<typename OnSuccess, typename OnFailure>
    CapabilityProbe *then(const QObject *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &CapabilityProbe::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_capabilities); });
        QObject::connect(this, &CapabilityProbe::failed, context, std::move(onFailure));
        return this;
    }

Q_SIGNALS:
    void succeeded();
    void failed(const crondesk::api::ApiError &error);
    void finished();

private:
    void start();
    void probeCrons();
    void finish(const ApiError &error);

    ApiClient *m_client;
    QPointer<ApiRequest> m_pending;
    ServerCapabilities m_capabilities;
    std::optional<ServerInfo> m_info;
    ApiError m_infoError;
    ApiError m_cronProbeError;
    qint64 m_cronCount = -1;
    bool m_finished = false;
};

} // namespace crondesk::api

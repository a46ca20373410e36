#include "serverinfo.h"

#include "apiclient.h"
#include "logging.h"

using namespace Qt::StringLiterals;

namespace crondesk::api {

bool ServerInfo::flag(QLatin1StringView name, bool fallback) const
{
    const QJsonValue value = flags.value(name);
    return value.isBool() ? value.toBool() : fallback;
}

QString ServerInfo::hostKind() const
{
    return host.value("kind"_L1).toString();
}

std::optional<ServerInfo> serverInfoFromJson(const QJsonObject &object, QString *)
{
    // Nothing is required: /info differs between the Python server, the JS dev server and
    // reimplementations, and an empty answer still proves the server is there.
    ServerInfo info;
    const QJsonValue version = object.value("version"_L1);
    info.version = version.isString() ? version.toString()
        : version.isDouble()          ? QString::number(version.toDouble())
                                      : QString();
    info.langgraphPyVersion = object.value("langgraph_py_version"_L1).toString();
    info.langgraphJsVersion = object.value("langgraph_js_version"_L1).toString();
    info.context = object.value("context"_L1).toString();
    info.flags = object.value("flags"_L1).toObject();
    info.host = object.value("host"_L1).toObject();
    info.raw = object;
    return info;
}

std::optional<ServerVersion> ServerVersion::parse(QStringView text)
{
    QStringView rest = text.trimmed();
    if (rest.startsWith(u'v') || rest.startsWith(u'V'))
        rest = rest.mid(1);
    ServerVersion version;
    int *parts[] = {&version.major, &version.minor, &version.patch};
    int count = 0;
    while (count < 3) {
        qsizetype digits = 0;
        while (digits < rest.size() && rest[digits].isDigit())
            ++digits;
        if (digits == 0 || digits > 6)
            break;
        *parts[count++] = rest.left(digits).toInt();
        rest = rest.mid(digits);
        if (count < 3 && rest.startsWith(u'.') && rest.size() > 1 && rest[1].isDigit())
            rest = rest.mid(1);
        else
            break;
    }
    if (count < 2)
        return std::nullopt;
    // Drop a fourth numeric component ("0.7.15.1"), then read a pre/post-release suffix.
    while (rest.startsWith(u'.') && rest.size() > 1 && rest[1].isDigit()) {
        rest = rest.mid(1);
        while (!rest.isEmpty() && rest[0].isDigit())
            rest = rest.mid(1);
    }
    if (rest.startsWith(u'.') || rest.startsWith(u'-') || rest.startsWith(u'_'))
        rest = rest.mid(1);
    version.stage = 4;
    if (rest.isEmpty() || rest.startsWith(u'+'))
        return version;
    struct Stage
    {
        QLatin1StringView name;
        int rank;
    };
    static constexpr Stage stages[] = {{"dev"_L1, 0}, {"alpha"_L1, 1}, {"a"_L1, 1}, {"beta"_L1, 2},
                                       {"b"_L1, 2},   {"rc"_L1, 3},    {"c"_L1, 3}, {"post"_L1, 5}};
    for (const Stage &stage : stages) {
        if (rest.startsWith(stage.name, Qt::CaseInsensitive)) {
            version.stage = stage.rank;
            QStringView number = rest.mid(stage.name.size());
            qsizetype digits = 0;
            while (digits < number.size() && number[digits].isDigit())
                ++digits;
            version.stageNumber = digits > 0 && digits <= 6 ? number.left(digits).toInt() : 0;
            return version;
        }
    }
    // An unknown suffix ("0.12.0-foo", "+local") does not hide the release it belongs to.
    return version;
}

ServerCapabilities ServerCapabilities::forVersion(const QString &version)
{
    ServerCapabilities capabilities;
    capabilities.version = version;
    const std::optional<ServerVersion> parsed = ServerVersion::parse(version);
    if (!parsed)
        return capabilities;
    capabilities.versionKnown = true;
    // The landmarks of api-contract §0.2. A pre-release of a landmark version already has the
    // feature (0.9.0rc1 introduced the metadata filter).
    auto since = [&parsed](const char *landmark) {
        return *parsed >= *ServerVersion::parse(QString::fromLatin1(landmark));
    };
    capabilities.supportsSortAndPaging = since("0.2.69");
    capabilities.supportsCount = since("0.2.133");
    capabilities.supportsOnRunCompleted = since("0.5.18");
    capabilities.supportsEnabled = since("0.7.15");
    capabilities.supportsPatch = since("0.7.21");
    capabilities.supportsTimezone = since("0.7.69");
    capabilities.supportsMetadataFilter = since("0.9.0rc1");
    capabilities.supportsGetById = since("0.10.0rc1");
    return capabilities;
}

namespace {

// Failures after which nothing more can be learnt: the server is unreachable or refuses us.
bool stopsTheProbe(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Unauthorized:
    case ApiError::Kind::Forbidden:
    case ApiError::Kind::Network:
    case ApiError::Kind::Tls:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Canceled:
        return true;
    default:
        return false;
    }
}

} // namespace

CapabilityProbe::CapabilityProbe(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    // Queued, like ApiRequest: the creator connects before anything can happen.
    QMetaObject::invokeMethod(this, &CapabilityProbe::start, Qt::QueuedConnection);
}

CapabilityProbe::~CapabilityProbe()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
}

void CapabilityProbe::abort()
{
    if (m_finished)
        return;
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
    }
    ApiError error;
    error.kind = ApiError::Kind::Canceled;
    error.message = tr("Canceled by the user");
    finish(error);
}

void CapabilityProbe::start()
{
    if (m_finished)
        return;
    auto *request = m_client->info();
    m_pending = request;
    request->then(
        this,
        [this](const ServerInfo &info) {
            m_info = info;
            m_capabilities = ServerCapabilities::forVersion(info.version);
            m_capabilities.flags = info.flags;
            probeCrons();
        },
        [this](const ApiError &error) {
            if (stopsTheProbe(error)) {
                finish(error);
                return;
            }
            // /info hidden (http.disable_meta) or broken: go on without a version. Hidden is an
            // answer; broken is a failure the caller must not mistake for "all is well".
            qCInfo(lcApi) << "GET /info failed, capabilities unknown:" << error.toString();
            if (!error.unsupported)
                m_infoError = error;
            m_capabilities = ServerCapabilities::forVersion(QString());
            probeCrons();
        });
}

void CapabilityProbe::probeCrons()
{
    auto *request = m_client->countCrons({});
    m_pending = request;
    request->then(
        this,
        [this](qint64 count) {
            m_cronCount = count;
            m_capabilities.cronsKnown = true;
            finish({});
        },
        [this](const ApiError &error) {
            if (error.unsupported) {
                // The flags may claim crons (or not); the route's answer is what counts. A server
                // from before /count (0.2.133) still has crons, if its version says so.
                m_capabilities.supportsCount = false;
                if (!m_capabilities.versionKnown
                    || ServerVersion::parse(m_capabilities.version)
                        >= ServerVersion::parse(u"0.2.133"_s))
                    m_capabilities.cronsSupported = false;
                m_capabilities.cronsKnown = true;
                finish({});
                return;
            }
            if (stopsTheProbe(error)) {
                finish(error);
                return;
            }
            // A validation refusal says the route exists. Anything else (a 5xx, a rate limit, an
            // answer that is not a count) says nothing: crons are then unknown, not supported.
            qCInfo(lcApi) << "cron count probe failed:" << error.toString();
            if (error.kind == ApiError::Kind::BadRequest
                || error.kind == ApiError::Kind::Validation)
                m_capabilities.cronsKnown = true;
            else
                m_cronProbeError = error;
            finish({});
        });
}

void CapabilityProbe::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_pending.clear();
    if (error.isError())
        Q_EMIT failed(error);
    else
        Q_EMIT succeeded();
    Q_EMIT finished();
    deleteLater();
}

} // namespace crondesk::api

#include "sandboxserver.h"

#include "assistantapi.h"
#include "auditscenario.h"
#include "controlapi.h"
#include "cronapi.h"
#include "httpfrontend.h"
#include "logging.h"
#include "metaapi.h"
#include "nextrun.h"
#include "persistence.h"
#include "router.h"
#include "runapi.h"
#include "runengine.h"
#include "scheduler.h"
#include "seeddata.h"
#include "threadapi.h"
#include "uuids.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

struct SandboxServer::Private
{
    explicit Private(Clock &clock)
        : services {store, clock, nextRun, ids}
        , crons(services)
        , assistants(services)
        , threads(services)
        , runEngine(store, clock, ids)
        , runs(services, runEngine)
    { }

    Store store;
    NextRunCalculator nextRun;
    UuidGenerator ids;
    Services services;
    CronApi crons;
    AssistantApi assistants;
    ThreadApi threads;
    RunEngine runEngine;
    RunApi runs;
    std::unique_ptr<MetaApi> meta;
    std::unique_ptr<ControlApi> control;
    std::unique_ptr<Scheduler> scheduler;
    std::unique_ptr<Persistence> persistence;
    std::unique_ptr<SystemClock> systemClock;
    std::unique_ptr<HttpFrontend> frontend;
    Router router;
    bool initialised = false;
    bool tls = false;
};

namespace {

// Picks the clock before Private exists: Private's services need a reference to it.
Clock &chooseClock(const SandboxServer::Options &options, std::unique_ptr<SystemClock> &owned)
{
    if (options.clock)
        return *options.clock;
    owned = std::make_unique<SystemClock>();
    return *owned;
}

// Constant-time comparison, so the key cannot be guessed byte by byte from response times.
bool sameKey(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

SandboxServer::SandboxServer(QObject *parent)
    : SandboxServer(Options {}, parent)
{ }

SandboxServer::SandboxServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_requestLog(m_options.requestLogCapacity)
{
    // The audit scenario's overdue cron must stay overdue: its scheduler is stuck on purpose.
    if (m_options.scenario == "audit"_L1)
        m_options.scheduler = false;
    std::unique_ptr<SystemClock> systemClock;
    Clock &clock = chooseClock(m_options, systemClock);
    d = std::make_unique<Private>(clock);
    d->systemClock = std::move(systemClock);
    for (const FaultRule &rule : std::as_const(m_options.faults))
        m_faults.add(rule);

    d->runEngine.setOptions({.duration = m_options.runDuration,
                             .errorRate = m_options.runErrorRate,
                             .seed = quint64(m_options.seedCount)});
    d->scheduler = std::make_unique<Scheduler>(d->services, d->runEngine);
    d->scheduler->setInterval(m_options.schedulerInterval);
    connect(d->scheduler.get(), &Scheduler::cronFired, this, &SandboxServer::cronFired);
    // A test that moves the clock wants the crons it made due to fire now, not on the next tick.
    connect(&clock, &Clock::jumped, this, [this] {
        if (m_options.scheduler && d->initialised)
            d->scheduler->tick();
    });

    d->meta = std::make_unique<MetaApi>(m_options.serverVersion);
    d->meta->registerRoutes(d->router);
    d->crons.registerRoutes(d->router);
    d->assistants.registerRoutes(d->router);
    d->threads.registerRoutes(d->router);
    d->runs.registerRoutes(d->router);
    if (m_options.controlEndpoint) {
        d->control
            = std::make_unique<ControlApi>(m_faults, m_requestLog, clock, *d->scheduler, d->store);
        d->control->registerRoutes(d->router);
    }
}

SandboxServer::~SandboxServer()
{
    close();
    d->scheduler.reset();
    // The store must not call a destroyed observer.
    d->store.setObserver(nullptr);
    d->persistence.reset();
}

Store &SandboxServer::store()
{
    return d->store;
}

Clock &SandboxServer::clock()
{
    return d->services.clock;
}

Scheduler &SandboxServer::scheduler()
{
    return *d->scheduler;
}

QString SandboxServer::systemAssistantId(const QString &graphId)
{
    return crondesk::sandbox::systemAssistantId(graphId);
}

bool SandboxServer::initialise()
{
    if (d->initialised)
        return true;
    QElapsedTimer timer;
    timer.start();
    bool loadedExisting = false;
    if (!m_options.databasePath.isEmpty()) {
        d->persistence = std::make_unique<Persistence>(m_options.databasePath);
        if (!d->persistence->open() || !d->persistence->load(d->store)) {
            m_error = u"Cannot open database %1: %2"_s.arg(m_options.databasePath,
                                                           d->persistence->errorString());
            d->persistence.reset();
            return false;
        }
        loadedExisting = d->store.cronCount() > 0 || d->store.threadCount() > 0;
        d->store.setObserver(d->persistence.get());
    }

    if (!d->store.beginBatch())
        return false;
    bool ok = SeedData::ensureSystemAssistants(d->store);
    // A database that already holds data is a restart, not a fresh start: seeding again would
    // duplicate it.
    if (ok && !loadedExisting)
        ok = SeedData::populate(d->store, d->nextRun, m_options.seedCount, clock().now());
    if (ok && !loadedExisting && !m_options.scenario.isEmpty()) {
        if (m_options.scenario != "audit"_L1) {
            d->store.rollbackBatch();
            m_error = u"Unknown scenario \"%1\" (there is: audit)"_s.arg(m_options.scenario);
            return false;
        }
        ok = AuditScenario::populate(d->store, d->nextRun, clock().now());
    }
    if (!ok) {
        d->store.rollbackBatch();
        m_error = u"Cannot create the sample data"_s;
        return false;
    }
    if (!d->store.commitBatch()) {
        m_error = u"Cannot commit the sample data"_s;
        return false;
    }
    qCDebug(lcSandbox) << "Store ready with" << d->store.cronCount() << "crons in"
                       << timer.elapsed() << "ms";
    if (m_options.scheduler)
        d->scheduler->start();
    d->initialised = true;
    return true;
}

quint16 SandboxServer::listen(quint16 port)
{
    if (!initialise())
        return 0;
    close();

    auto frontend = std::make_unique<HttpFrontend>(
        [this](const RecordedRequest &request) -> std::optional<FaultRule> {
            if (ControlApi::isControlPath(request.path))
                return std::nullopt;
            m_requestLog.append(request);
            Q_EMIT requestReceived(request);
            return m_faults.take(request.method, request.path);
        },
        [this](const RecordedRequest &request) { return handle(request); },
        [this] { return clock().now(); },
        HttpFrontend::Limits {
            .read = {.maxBodyBytes = m_options.maxRequestBodyBytes,
                     .maxHeadBytes = m_options.maxRequestHeaderBytes,
                     .maxRequestLineBytes
                     = std::min<qsizetype>(16 * 1024, m_options.maxRequestHeaderBytes),
                     .maxHeaderCount = 100},
            .maxConnections = m_options.maxConnections,
            .idleTimeout = m_options.idleTimeout,
            .requestTimeout = m_options.requestTimeout,
        });

    d->tls = false;
    if (!m_options.tlsCertificatePath.isEmpty() || !m_options.tlsKeyPath.isEmpty()) {
        QFile certificateFile(m_options.tlsCertificatePath);
        QFile keyFile(m_options.tlsKeyPath);
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            m_error = u"Cannot read the TLS certificate or key"_s;
            return 0;
        }
        const QSslCertificate certificate(&certificateFile, QSsl::Pem);
        const QByteArray keyBytes = keyFile.readAll();
        QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || key.isNull()) {
            m_error = u"The TLS certificate or key is not valid PEM"_s;
            return 0;
        }
        frontend->setTls(certificate, key);
        d->tls = true;
    }

    const quint16 bound = frontend->listen(QHostAddress::LocalHost, port);
    if (bound == 0) {
        m_error = u"Cannot listen on 127.0.0.1:%1"_s.arg(port);
        return 0;
    }
    d->frontend = std::move(frontend);
    m_port = bound;
    d->scheduler->setBaseUrl(baseUrl());
    qCDebug(lcSandbox) << "Listening on" << baseUrl().toString();
    return bound;
}

void SandboxServer::close()
{
    if (!d->frontend)
        return;
    d->frontend->close();
    d->frontend.reset();
    m_port = 0;
}

bool SandboxServer::isListening() const
{
    return d->frontend != nullptr;
}

int SandboxServer::connectionCount() const
{
    return d->frontend ? d->frontend->connectionCount() : 0;
}

int SandboxServer::maxConnections() const
{
    return d->frontend ? d->frontend->effectiveMaxConnections() : m_options.maxConnections;
}

QUrl SandboxServer::baseUrl() const
{
    QUrl url;
    url.setScheme(d->tls ? u"https"_s : u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

HttpResponse SandboxServer::handle(const RecordedRequest &request)
{
    if (!m_options.apiKey.isEmpty() && request.path != u"/ok") {
        const QByteArray key = request.header("x-api-key");
        if (key.isNull())
            return HttpResponse::error(401, u"Missing authentication: send the x-api-key header"_s);
        if (!sameKey(key, m_options.apiKey.toUtf8()))
            return HttpResponse::error(401, u"Invalid API key"_s);
    }
    if (request.body.size() > m_options.maxRequestBodyBytes)
        return HttpResponse::error(
            413, u"Request body too large (limit: %1 bytes)"_s.arg(m_options.maxRequestBodyBytes));
    // Bound the work of one request before parsing it: a body of small values (300,000 metadata
    // keys) costs the single-threaded server seconds while every other client waits.
    if (!request.body.isEmpty()) {
        const JsonWork work = measureJson(request.body, m_options.maxJsonValues);
        if (work.values > m_options.maxJsonValues)
            return HttpResponse::error(
                413,
                u"Request body too large: more than %1 JSON values"_s.arg(m_options.maxJsonValues));
        if (work.largestObject > m_options.maxJsonObjectMembers)
            return HttpResponse::error(
                413,
                u"Request body too large: an object with more than %1 members"_s.arg(
                    m_options.maxJsonObjectMembers));
    }
    // Runs move with the clock; bringing them up to date before every request makes what a
    // client reads exact for "now", whatever the scheduler's interval.
    d->runEngine.settle();
    return d->router.dispatch(request);
}

HttpResponse SandboxServer::handleLocally(const QByteArray &method, const QString &path,
                                          const QJsonObject &body)
{
    initialise();
    RecordedRequest request;
    request.method = method;
    const qsizetype question = path.indexOf(u'?');
    request.path = question < 0 ? path : path.left(question);
    request.query = question < 0 ? QByteArray() : path.mid(question + 1).toUtf8();
    if (method != "GET" && method != "DELETE")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.receivedAt = clock().now();
    // Runs move with the clock; bringing them up to date before every request makes what a
    // client reads exact for "now", whatever the scheduler's interval.
    d->runEngine.settle();
    return d->router.dispatch(request);
}

HttpResponse SandboxServer::handleRequest(const RecordedRequest &request)
{
    initialise();
    return handle(request);
}

QJsonObject SandboxServer::createThread(const QJsonObject &metadata)
{
    const HttpResponse response = handleLocally("POST", u"/threads"_s, {{u"metadata"_s, metadata}});
    return response.status == 200 ? QJsonDocument::fromJson(response.body).object() : QJsonObject();
}

QJsonObject SandboxServer::createCron(const QJsonObject &body, const QString &threadId)
{
    const QString path
        = threadId.isEmpty() ? u"/runs/crons"_s : u"/threads/%1/runs/crons"_s.arg(threadId);
    const HttpResponse response = handleLocally("POST", path, body);
    return response.status == 200 ? QJsonDocument::fromJson(response.body).object() : QJsonObject();
}

} // namespace crondesk::sandbox

#pragma once

#include <tests/sandbox/clock.h>
#include <tests/sandbox/faults.h>
#include <tests/sandbox/httpmessage.h>
#include <tests/sandbox/requestlog.h>
#include <tests/sandbox/store.h>

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace crondesk::sandbox {

class Scheduler;

// A LangGraph Agent Server stand-in (cron, assistant, thread and run APIs), in-process for tests or
// behind the crondesk-sandbox executable. It listens on 127.0.0.1 only.
//
//     SandboxServer server({.seedCount = 20});
//     const quint16 port = server.listen(); // 0 picks a free port
//     client.setBaseUrl(server.baseUrl());
//     ... server.requestLog().last().body ...
//
// Destroying it, or close(), drops every connection: clients then see a connection failure.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    struct Options
    {
        int seedCount = 0; // --seed N: sample assistants, threads and N crons; 0: none
        // --scenario NAME: data made to show something on purpose. "audit": a cron breaking
        // each audit rule (AuditScenario); it turns the scheduler off, a stuck scheduler being
        // one of the problems it holds. Empty: none.
        QString scenario {};
        QString databasePath {}; // --db FILE; empty: in memory only
        QString apiKey {}; // --api-key: every endpoint but /ok then needs this x-api-key
        QString tlsCertificatePath {}; // --tls-cert (PEM); with tlsKeyPath serves HTTPS
        QString tlsKeyPath {}; // --tls-key (PEM, RSA or EC)
        Clock *clock = nullptr; // not owned; nullptr: the system clock
        bool scheduler = true; // fire due crons
        std::chrono::milliseconds schedulerInterval {1000};
        bool controlEndpoint = true; // /_sandbox/... (faults, clock, request log)
        QList<FaultRule> faults {}; // active from the start
        QString serverVersion = QStringLiteral("0.12.0"); // what GET /info reports
        // How long a run takes on the sandbox clock (pending -> running -> success/error), and
        // the share that ends in error, drawn from a generator seeded with seedCount.
        std::chrono::milliseconds runDuration {0};
        double runErrorRate = 0.0;
        qsizetype requestLogCapacity = 10000;
        // The limits of docs/sandbox.md ("Limits"), which a deployment's proxy would enforce.
        qsizetype maxRequestBodyBytes = 10 * 1024 * 1024; // 413, without reading it all
        qsizetype maxRequestHeaderBytes = 64 * 1024; // request line and headers: 431
        qsizetype maxJsonValues = 100000; // values in one JSON body, at any depth: 413
        qsizetype maxJsonObjectMembers = 10000; // members of one JSON object: 413
        int maxConnections = 256; // fewer if the file limit leaves less room
        std::chrono::milliseconds idleTimeout {60000}; // a keep-alive connection is then closed
        std::chrono::milliseconds requestTimeout {30000}; // for a request to arrive whole: 408
    };

    explicit SandboxServer(QObject *parent = nullptr);
    explicit SandboxServer(Options options, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Opens the database, loads or seeds data (first call only) and listens on 127.0.0.1:port.
    // Returns the port, or 0 on failure (see errorString()).
    quint16 listen(quint16 port = 0);
    // Stops listening and drops every open connection. listen() may be called again.
    void close();
    bool isListening() const;
    // Open client connections, and how many may be (Options::maxConnections, or fewer when the
    // process's file limit leaves less room).
    int connectionCount() const;
    int maxConnections() const;
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT, or https:// with TLS.
    QUrl baseUrl() const;
    QString errorString() const { return m_error; }
    const Options &options() const { return m_options; }

    Store &store();
    Clock &clock();
    FaultInjector &faults() { return m_faults; }
    RequestLog &requestLog() { return m_requestLog; }
    Scheduler &scheduler();

    // Shortcuts for tests.
    QString addFault(const FaultRule &rule) { return m_faults.add(rule); }
    void clearFaults() { m_faults.clear(); }
    QList<RecordedRequest> requests() const { return m_requestLog.entries(); }
    RecordedRequest lastRequest() const { return m_requestLog.last(); }
    void clearRequests() { m_requestLog.clear(); }

    // Answers one request as read off the wire exactly as a connection's request is answered
    // (API key, body limits, routing), but without a socket, the request log or faults: for
    // tests and fuzzing of the request handling in-process.
    HttpResponse handleRequest(const RecordedRequest &request);
    // Runs one request through the API without the network: no log, no faults, no auth. Handy
    // for arranging data ("create a thread and a cron") before the client under test runs.
    HttpResponse handleLocally(const QByteArray &method, const QString &path,
                               const QJsonObject &body = {});
    // The same through JSON: the decoded body of a 2xx answer, or an empty object.
    QJsonObject createThread(const QJsonObject &metadata = {});
    QJsonObject createCron(const QJsonObject &body, const QString &threadId = {});

    // The system assistant id of a graph: uuid5(NAMESPACE_GRAPH, graphId).
    static QString systemAssistantId(const QString &graphId);

Q_SIGNALS:
    void requestReceived(const crondesk::sandbox::RecordedRequest &request);
    void cronFired(const QString &cronId, const QString &threadId, const QString &runId);

private:
    struct Private;
    bool initialise();
    HttpResponse handle(const RecordedRequest &request);

    Options m_options;
    QString m_error;
    quint16 m_port = 0;
    FaultInjector m_faults;
    RequestLog m_requestLog;
    std::unique_ptr<Private> d;
};

} // namespace crondesk::sandbox

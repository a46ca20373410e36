#include "modes.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

using namespace Qt::StringLiterals;

namespace crondesk::hostile {

namespace {

struct Mode
{
    QLatin1StringView name;
    QLatin1StringView description;
};

constexpr Mode modes[] = {
    {"ok"_L1, "A sane fake Agent Server with three crons."_L1},
    {"truncated-length"_L1,
     "Every answer announces its Content-Length and the connection closes half-way."_L1},
    {"truncated-chunked"_L1, "Every answer is chunked and cut inside a chunk's data."_L1},
    {"chunked-unterminated"_L1,
     "Every answer is chunked and ends without the last, zero-size chunk."_L1},
    {"bad-chunk-size"_L1,
     "Every answer is chunked with a chunk size that is not a hexadecimal number."_L1},
    {"endless-body"_L1, "Every answer announces 2^50 bytes and never ends."_L1},
    {"endless-chunked"_L1, "Every answer is chunked and never ends."_L1},
    {"huge-answer"_L1,
     "Every answer is chunked and never ends, 64 KiB per chunk: fast enough to reach any size "
     "limit before a timeout."_L1},
    {"endless-until-close"_L1, "Every answer has no length and never ends."_L1},
    {"stall-after-headers"_L1, "Every answer sends its head, then nothing."_L1},
    {"slow-drip"_L1, "Every answer comes one byte every 200 ms."_L1},
    {"endless-paging"_L1, "Cron search always answers a full page of new crons; count says 5."_L1},
    {"repeating-paging"_L1, "Cron search always answers the same full page; count says 1000."_L1},
    {"huge-count"_L1, "Cron count says 2000000000000; there are three crons."_L1},
    {"deep-json"_L1, "Three crons: one with an input nested 600 deep, one nested 2000 deep."_L1},
    {"wrong-types"_L1,
     "Crons with a garbage next_run_date, a string payload, an array as metadata and a "
     "string as enabled."_L1},
    {"html-200"_L1, "Every answer is 200 with an HTML page."_L1},
    {"redirect-loop"_L1, "Every answer is a 302 to the same path."_L1},
    {"retry-after-odd"_L1,
     "Every answer is 429 with a Retry-After of -1, a huge number, a word or a past date."_L1},
};

QByteArray quote(const QString &text)
{
    return QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
}

FakeAgentServer threeCrons()
{
    FakeAgentServer fake;
    for (int i = 0; i < 3; ++i)
        fake.crons.append(FakeAgentServer::cron(i));
    return fake;
}

// Every answer of the sane fake, changed by `change`.
HostileServer::Responder breakEvery(FakeAgentServer fake, std::function<void(Answer *)> change)
{
    return [fake = std::move(fake), change = std::move(change)](const Request &request) {
        Answer answer = fake.answer(request);
        change(&answer);
        return answer;
    };
}

} // namespace

QString FakeAgentServer::cronId(qint64 index)
{
    return u"00000000-0000-4000-8000-%1"_s.arg(index, 12, 16, QChar(u'0'));
}

QByteArray FakeAgentServer::cron(qint64 index, const QByteArray &payload,
                                 const QByteArray &metadata)
{
    return R"({"cron_id":")" + cronId(index).toLatin1()
        + R"(","assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca","thread_id":null,)"
          R"("on_run_completed":"delete","end_time":null,"schedule":"0 9 * * *","timezone":null,)"
          R"("created_at":"2025-01-01T00:00:00+00:00","updated_at":"2025-01-01T00:00:00+00:00",)"
          R"("user_id":null,"next_run_date":"2030-01-01T09:00:00+00:00","enabled":true,)"
          R"("payload":)"
        + payload + R"(,"metadata":)" + metadata + "}";
}

QByteArray FakeAgentServer::page(const QList<QByteArray> &crons, qint64 offset, qint64 limit)
{
    QByteArray body = "[";
    for (qint64 i = std::max<qint64>(offset, 0); i < std::min<qint64>(offset + limit, crons.size());
         ++i) {
        if (body.size() > 1)
            body += ',';
        body += crons.at(i);
    }
    return body + ']';
}

Answer FakeAgentServer::answer(const Request &request) const
{
    const QByteArray &path = request.path;
    if (request.method == "GET" && path == "/ok")
        return Answer::json(QByteArray(R"({"ok":true})"));
    if (request.method == "GET" && path == "/info")
        return Answer::json(QByteArray(R"({"version":"0.12.0","flags":{"assistants":true,)"
                                       R"("crons":true}})"));
    if (request.method == "POST" && path == "/runs/crons/count")
        return Answer::json(QByteArray::number(count >= 0 ? count : crons.size()));
    if (request.method == "POST" && path == "/runs/crons/search") {
        const QJsonObject query = request.json();
        return Answer::json(page(crons, query.value("offset"_L1).toInteger(0),
                                 query.value("limit"_L1).toInteger(10)));
    }
    if (request.method == "POST" && (path == "/assistants/search" || path == "/threads/search"))
        return Answer::json(QByteArray("[]"));
    if (request.method == "POST" && path == "/runs/crons") {
        const QJsonObject body = request.json();
        const QByteArray metadata
            = QJsonDocument(body.value("metadata"_L1).toObject()).toJson(QJsonDocument::Compact);
        QByteArray created = cron(900000, "{}", metadata);
        created.replace(
            R"("schedule":"0 9 * * *")",
            QByteArray(QByteArray(R"("schedule":)") + quote(body.value("schedule"_L1).toString())));
        return Answer::json(created);
    }
    if (request.method == "GET" && path.startsWith("/runs/crons/")) {
        const QByteArray id = path.mid(qsizetype(sizeof("/runs/crons/") - 1));
        for (const QByteArray &cron : crons) {
            if (cron.contains(QByteArray(R"("cron_id":")" + id + '"')))
                return Answer::json(cron);
        }
        return Answer::error(404, u"Cron not found"_s);
    }
    return Answer::error(404, u"Not Found"_s);
}

QByteArray deeplyNested(int depth)
{
    return QByteArray(depth, '[') + '1' + QByteArray(depth, ']');
}

QStringList modeNames()
{
    QStringList names;
    for (const Mode &mode : modes)
        names.append(mode.name);
    return names;
}

QString modeDescription(const QString &name)
{
    for (const Mode &mode : modes) {
        if (mode.name == name)
            return mode.description;
    }
    return {};
}

std::optional<HostileServer::Responder> modeResponder(const QString &name)
{
    if (name == "ok"_L1)
        return breakEvery(threeCrons(), [](Answer *) {});
    if (name == "truncated-length"_L1)
        return breakEvery(threeCrons(), [](Answer *a) { a->cutAfter = a->body.size() / 2; });
    if (name == "truncated-chunked"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->framing = Answer::Framing::Chunked;
            a->cutAfter = a->body.size() / 2;
        });
    }
    if (name == "chunked-unterminated"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->framing = Answer::Framing::Chunked;
            a->omitTerminator = true;
        });
    }
    if (name == "bad-chunk-size"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->raw = "HTTP/1.1 " + QByteArray::number(a->status)
                + " OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                + "zz\r\n" + a->body + "\r\n0\r\n\r\n";
        });
    }
    if (name == "endless-body"_L1)
        return breakEvery(threeCrons(), [](Answer *a) { a->endless = true; });
    if (name == "endless-chunked"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->framing = Answer::Framing::Chunked;
            a->endless = true;
        });
    }
    if (name == "huge-answer"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->framing = Answer::Framing::Chunked;
            a->endless = true;
            a->filler = QByteArray(64 * 1024, ' ');
        });
    }
    if (name == "endless-until-close"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->framing = Answer::Framing::UntilClose;
            a->endless = true;
        });
    }
    if (name == "stall-after-headers"_L1)
        return breakEvery(threeCrons(), [](Answer *a) { a->stallAfterHead = true; });
    if (name == "slow-drip"_L1) {
        return breakEvery(threeCrons(), [](Answer *a) {
            a->dripBytes = 1;
            a->dripIntervalMs = 200;
        });
    }
    if (name == "endless-paging"_L1) {
        FakeAgentServer fake = threeCrons();
        fake.count = 5;
        return [fake](const Request &request) {
            if (request.method == "POST" && request.path == "/runs/crons/search") {
                const QJsonObject query = request.json();
                const qint64 offset = query.value("offset"_L1).toInteger(0);
                const qint64 limit = query.value("limit"_L1).toInteger(10);
                QByteArray body = "[";
                for (qint64 i = offset; i < offset + limit; ++i)
                    body += (i > offset ? "," : "") + FakeAgentServer::cron(i);
                return Answer::json(body + ']');
            }
            return fake.answer(request);
        };
    }
    if (name == "repeating-paging"_L1) {
        FakeAgentServer fake;
        fake.count = 1000;
        return [fake](const Request &request) {
            if (request.method == "POST" && request.path == "/runs/crons/search") {
                const qint64 limit = request.json().value("limit"_L1).toInteger(10);
                QByteArray body = "[";
                for (qint64 i = 0; i < limit; ++i)
                    body += (i > 0 ? "," : "") + FakeAgentServer::cron(i);
                return Answer::json(body + ']');
            }
            return fake.answer(request);
        };
    }
    if (name == "huge-count"_L1) {
        FakeAgentServer fake = threeCrons();
        fake.count = 2'000'000'000'000;
        return breakEvery(fake, [](Answer *) {});
    }
    if (name == "deep-json"_L1) {
        FakeAgentServer fake;
        fake.crons = {FakeAgentServer::cron(0),
                      FakeAgentServer::cron(1, R"({"input":)" + deeplyNested(600) + '}'),
                      FakeAgentServer::cron(2, R"({"input":)" + deeplyNested(2000) + '}')};
        return breakEvery(fake, [](Answer *) {});
    }
    if (name == "wrong-types"_L1) {
        FakeAgentServer fake;
        QByteArray garbageDate = FakeAgentServer::cron(0);
        garbageDate.replace(R"("next_run_date":"2030-01-01T09:00:00+00:00")",
                            R"("next_run_date":"soon, probably")");
        QByteArray enabledText = FakeAgentServer::cron(3);
        enabledText.replace(R"("enabled":true)", R"("enabled":"yes")");
        fake.crons = {garbageDate, FakeAgentServer::cron(1, R"("not an object")"),
                      FakeAgentServer::cron(2, "{}", R"(["owner","ops"])"), enabledText};
        return breakEvery(fake, [](Answer *) {});
    }
    if (name == "html-200"_L1) {
        return [](const Request &) {
            Answer answer;
            answer.contentType = "text/html; charset=utf-8";
            answer.body = "<!doctype html><html><body><h1>Welcome</h1></body></html>";
            return answer;
        };
    }
    if (name == "redirect-loop"_L1) {
        return [](const Request &request) {
            Answer answer;
            answer.status = 302;
            answer.headers.append({"location", request.path});
            return answer;
        };
    }
    if (name == "retry-after-odd"_L1) {
        auto counter = std::make_shared<int>(0);
        return [counter](const Request &) {
            static const QByteArray values[]
                = {"-1", "99999999999999999999", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"};
            Answer answer = Answer::error(429, u"Too many requests"_s);
            answer.headers.append({"retry-after", values[(*counter)++ % 4]});
            return answer;
        };
    }
    return std::nullopt;
}

} // namespace crondesk::hostile

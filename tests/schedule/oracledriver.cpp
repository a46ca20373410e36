// The C++ side of the croniter differential test (differential.py): answers one JSON request per
// line on stdin with one JSON line on stdout, so that thousands of cases cost one process.
//
//   {"op": "check", "expr": "..."}
//   {"op": "next" | "prev", "expr": "...", "zone": "Europe/Berlin", "start": <epoch s>, "n": 5}

#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace crondesk::schedule;

namespace {

QJsonArray bits(quint64 mask, int from, int to)
{
    QJsonArray values;
    for (int v = from; v <= to; ++v) {
        if (mask >> v & 1u)
            values.append(v);
    }
    return values;
}

QJsonObject fieldsJson(const CronFields &f)
{
    QJsonObject nth;
    for (int day = 0; day < 7; ++day) {
        QJsonArray occurrences;
        for (int k = 1; k <= 5; ++k) {
            if (f.nthWeekdays[size_t(day)] >> (k - 1) & 1u)
                occurrences.append(QString::number(k));
        }
        if (f.nthWeekdays[size_t(day)] & CronFields::LastWeekdayBit)
            occurrences.append("L"_L1);
        if (!occurrences.isEmpty())
            nth.insert(QString::number(day), occurrences);
    }
    return {{"minutes"_L1, bits(f.minutes, 0, 59)},
            {"hours"_L1, bits(f.hours, 0, 23)},
            {"daysOfMonth"_L1, bits(f.daysOfMonth, 1, 31)},
            {"months"_L1, bits(f.months, 1, 12)},
            {"daysOfWeek"_L1, bits(f.daysOfWeek, 0, 6)},
            {"seconds"_L1, bits(f.seconds, 0, 59)},
            {"L"_L1, f.lastDayOfMonth},
            {"nth"_L1, nth}};
}

QJsonObject answer(const QJsonObject &request)
{
    const QString op = request.value("op"_L1).toString();
    ParseError error;
    const CronExpression expr = CronExpression::parse(request.value("expr"_L1).toString(), &error);
    if (!expr.isValid()) {
        return {{"valid"_L1, false},
                {"field"_L1, error.field},
                {"text"_L1, error.text},
                {"column"_L1, error.column},
                {"message"_L1, error.message}};
    }
    QJsonObject result {{"valid"_L1, true},
                        {"hasSeconds"_L1, expr.hasSeconds()},
                        {"neverFires"_L1, expr.neverFires()},
                        {"fields"_L1, fieldsJson(expr.fields())}};
    if (op == "check"_L1)
        return result;

    const std::optional<QTimeZone> zone = resolveZone(request.value("zone"_L1).toString());
    if (!zone) {
        result.insert("badZone"_L1, true);
        return result;
    }
    const ZoneRules &rules = ZoneRules::forZone(*zone);
    const bool forward = op == "next"_L1;
    qint64 at = qint64(request.value("start"_L1).toDouble());
    const int n = request.value("n"_L1).toInt(5);
    QJsonArray fires;
    for (int i = 0; i < n; ++i) {
        const std::optional<qint64> fire
            = forward ? expr.nextSeconds(at, rules) : expr.previousSeconds(at, rules);
        if (!fire)
            break;
        fires.append(double(*fire));
        at = *fire;
    }
    result.insert("fires"_L1, fires);
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QFile in;
    QFile out;
    if (!in.open(stdin, QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly))
        return 2;
    while (true) {
        const QByteArray line = in.readLine();
        if (line.isEmpty())
            break;
        const QJsonObject request = QJsonDocument::fromJson(line).object();
        out.write(QJsonDocument(answer(request)).toJson(QJsonDocument::Compact));
        out.write("\n");
    }
    return 0;
}

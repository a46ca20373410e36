// crondesk-hostile: an Agent Server stand-in on 127.0.0.1 that misbehaves in one chosen way, for
// trying crondeskctl and the app against truncated, endless, stalled or wrongly typed answers.
#include <tests/hostile/modes.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"crondesk-hostile"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CRONDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A fake Agent Server on 127.0.0.1 that misbehaves in one way (--list names them)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"mode"_s, u"How to misbehave (default: ok)."_s, u"MODE"_s, u"ok"_s});
    parser.addOption({u"port"_s, u"The port (default: any free one)."_s, u"PORT"_s, u"0"_s});
    parser.addOption({u"list"_s, u"List the modes and exit."_s});
    parser.process(app);

    QTextStream out(stdout);
    if (parser.isSet(u"list"_s)) {
        for (const QString &name : crondesk::hostile::modeNames())
            out << name << '\t' << crondesk::hostile::modeDescription(name) << '\n';
        return 0;
    }
    const QString mode = parser.value(u"mode"_s);
    auto responder = crondesk::hostile::modeResponder(mode);
    if (!responder) {
        QTextStream(stderr) << "crondesk-hostile: unknown mode " << mode << " (see --list)\n";
        return 2;
    }
    bool ok = false;
    const uint port = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535) {
        QTextStream(stderr) << "crondesk-hostile: --port must be 0 to 65535\n";
        return 2;
    }
    crondesk::hostile::HostileServer server(*responder);
    if (server.listen(quint16(port)) == 0) {
        QTextStream(stderr) << "crondesk-hostile: cannot listen on port " << port << '\n';
        return 1;
    }
    // Tests and scripts read the URL from this line, so it goes out at once.
    out << "listening on " << server.baseUrl().toString() << Qt::endl;
    return QCoreApplication::exec();
}

// The local sandbox process: started in the background with its URL reported, and stopped without
// ever blocking the event loop, even when the process ignores SIGTERM (then it is killed after the
// grace period).
#include <models/connections/localsandbox.h>

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using crondesk::models::LocalSandbox;

class TestLocalSandbox final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_builtSandbox;

    // A stand-in for crondesk-sandbox that says it listens and then ignores SIGTERM (the
    // disposition survives exec, so `cat` ignores it too), as a hung server would.
    QString stubbornSandbox()
    {
        const QString path = m_dir.filePath(u"stubborn-sandbox"_s);
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        script.write("#!/bin/sh\n"
                     "trap '' TERM\n"
                     "echo 'listening on http://127.0.0.1:9/'\n"
                     "exec cat >/dev/null\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // CTest points CRONDESK_SANDBOX at the built crondesk-sandbox.
        m_builtSandbox = qgetenv("CRONDESK_SANDBOX");
        QVERIFY(!m_builtSandbox.isEmpty());
    }

    void cleanup() { qputenv("CRONDESK_SANDBOX", m_builtSandbox); }

    void start_withTheBuiltSandbox_reportsItsLoopbackUrl()
    {
        LocalSandbox sandbox;
        QSignalSpy started(&sandbox, &LocalSandbox::started);
        QSignalSpy failed(&sandbox, &LocalSandbox::failed);
        sandbox.start(3);
        QVERIFY(started.wait(20000));
        QVERIFY(failed.isEmpty());
        QVERIFY(sandbox.isRunning());
        QCOMPARE(sandbox.url().host(), u"127.0.0.1"_s);
        QCOMPARE(started.first().at(0).toUrl(), sandbox.url());
    }

    void stop_ofASandboxThatHonoursTerm_endsItBeforeTheGracePeriod()
    {
        LocalSandbox sandbox;
        sandbox.setStopGracePeriod(60000);
        QSignalSpy started(&sandbox, &LocalSandbox::started);
        QSignalSpy stopped(&sandbox, &LocalSandbox::stopped);
        QSignalSpy failed(&sandbox, &LocalSandbox::failed);
        sandbox.start(3);
        QVERIFY(started.wait(20000));
        QElapsedTimer clock;
        clock.start();
        sandbox.stop();
        QVERIFY(!sandbox.isRunning());
        QVERIFY(sandbox.isStopping());
        QVERIFY(stopped.wait(20000));
        QVERIFY2(clock.elapsed() < 30000, "it waited for the kill instead of ending on SIGTERM");
        QVERIFY(!sandbox.isStopping());
        QVERIFY(failed.isEmpty()); // asked to stop: not a failure
    }

    // The GUI thread must stay responsive: stop() returns at once, a timer keeps ticking while
    // the process ignores SIGTERM, and the process is killed once the grace period is over.
    void stop_ofASandboxThatIgnoresTerm_keepsTheEventLoopRunning_andKillsItAfterTheGracePeriod()
    {
        const QString stub = stubbornSandbox();
        QVERIFY(!stub.isEmpty());
        qputenv("CRONDESK_SANDBOX", stub.toLocal8Bit());
        constexpr int gracePeriodMs = 1500;
        LocalSandbox sandbox;
        sandbox.setStopGracePeriod(gracePeriodMs);
        QSignalSpy started(&sandbox, &LocalSandbox::started);
        QSignalSpy stopped(&sandbox, &LocalSandbox::stopped);
        QSignalSpy failed(&sandbox, &LocalSandbox::failed);
        sandbox.start(3);
        QVERIFY(started.wait(20000));

        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start();
        QElapsedTimer clock;
        clock.start();
        sandbox.stop();
        const qint64 inStop = clock.elapsed();
        QVERIFY2(inStop < 500, qPrintable(u"stop() blocked for %1 ms"_s.arg(inStop)));
        QCOMPARE(ticks, 0); // nothing ran inside stop()

        QVERIFY(stopped.wait(20000));
        const qint64 untilGone = clock.elapsed();
        // It ignored SIGTERM, so only the kill after the grace period ended it; meanwhile the
        // event loop ran (a blocking wait would leave the ticker at zero). Qt's coarse timers may
        // fire up to 5% early.
        QVERIFY2(untilGone >= gracePeriodMs * 9 / 10, qPrintable(QString::number(untilGone)));
        QVERIFY2(ticks >= 10, qPrintable(u"the timer ticked %1 times"_s.arg(ticks)));
        QVERIFY(failed.isEmpty());
        QVERIFY(!sandbox.isRunning());
        QCOMPARE(stopped.count(), 1);
    }

    void stop_whenNothingRuns_saysStoppedAtOnce()
    {
        LocalSandbox sandbox;
        QSignalSpy stopped(&sandbox, &LocalSandbox::stopped);
        sandbox.stop();
        QCOMPARE(stopped.count(), 1);
    }

    // The owner may go away while the process runs (leaving the sandbox, closing the window):
    // that does not wait either, and the process still ends.
    void destroying_aStubbornSandbox_returnsAtOnce_andTheProcessStillEnds()
    {
        const QString stub = stubbornSandbox();
        QVERIFY(!stub.isEmpty());
        qputenv("CRONDESK_SANDBOX", stub.toLocal8Bit());
        auto sandbox = std::make_unique<LocalSandbox>();
        sandbox->setStopGracePeriod(500);
        QSignalSpy started(sandbox.get(), &LocalSandbox::started);
        sandbox->start(3);
        QVERIFY(started.wait(20000));
        QElapsedTimer clock;
        clock.start();
        sandbox.reset();
        QVERIFY2(clock.elapsed() < 400, qPrintable(QString::number(clock.elapsed())));
        const QList<QProcess *> orphans = QCoreApplication::instance()->findChildren<QProcess *>();
        QCOMPARE(orphans.size(), 1);
        QPointer<QProcess> orphan = orphans.first();
        QTRY_VERIFY_WITH_TIMEOUT(!orphan, 20000);
    }
};

QTEST_GUILESS_MAIN(TestLocalSandbox)
#include "tst_localsandbox.moc"

// Small display rules shared by the app and crondeskctl.
#include <models/common/displayformat.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

class TestDisplayFormat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asSentence_endsAMessageWithOneFullStop_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("server text without one")
            << u"Could not delete cron c1: Server error (500): boom"_s
            << u"Could not delete cron c1: Server error (500): boom."_s;
        QTest::newRow("already a sentence") << u"Gone."_s << u"Gone."_s;
        QTest::newRow("a question") << u"Delete it?"_s << u"Delete it?"_s;
        QTest::newRow("an ellipsis") << u"Loading…"_s << u"Loading…"_s;
        QTest::newRow("trailing space") << u"Refused. "_s << u"Refused."_s;
        QTest::newRow("empty") << QString() << QString();
    }
    void asSentence_endsAMessageWithOneFullStop()
    {
        QFETCH(QString, text);
        QFETCH(QString, sentence);
        QCOMPARE(models::asSentence(text), sentence);
    }
};

QTEST_GUILESS_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"

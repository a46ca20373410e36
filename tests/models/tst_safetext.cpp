// Server text on its way to a terminal or a tab-separated copy: every control character made
// visible, long text cut with a count of what was left out.
#include <models/common/safetext.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk::models;

class TestSafeText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neutraliseControls_makesEveryControlCharacterVisible_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain text is kept") << u"Cron 'x' not found"_s << u"Cron 'x' not found"_s;
        QTest::newRow("non-ASCII is kept") << u"Zürich – 東京"_s << u"Zürich – 東京"_s;
        QTest::newRow("escape sequence") << u"a\x1b[2Jb"_s << u"a\\u001B[2Jb"_s;
        QTest::newRow("carriage return and a fake ok")
            << u"failed\rok          "_s << u"failed\\rok          "_s;
        QTest::newRow("newline forging a row") << u"x\nfake row"_s << u"x\\nfake row"_s;
        QTest::newRow("tab") << u"a\tb"_s << u"a\\tb"_s;
        QTest::newRow("bell and NUL")
            << QStringView(u"a\ab\0c", 5).toString() << u"a\\u0007b\\u0000c"_s;
        QTest::newRow("DEL") << u"a\x7f"_s << u"a\\u007F"_s;
        QTest::newRow("C1 control (CSI)") << u"a\u009b31mb"_s << u"a\\u009B31mb"_s;
        QTest::newRow("right-to-left override") << u"txt.\u202Eexe"_s << u"txt.\\u202Eexe"_s;
        QTest::newRow("bidi isolates") << u"\u2066a\u2069"_s << u"\\u2066a\\u2069"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s << u"a\\u2028b"_s;
    }
    void neutraliseControls_makesEveryControlCharacterVisible()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(neutraliseControls(text), shown);
    }

    void neutraliseControls_leavesNoControlCharacterBehind()
    {
        QString everything;
        for (char16_t c = 0; c < 0x2100; ++c) {
            if (!QChar::isSurrogate(c))
                everything.append(QChar(c));
        }
        const QString shown = neutraliseControls(everything);
        for (const QChar c : shown)
            QVERIFY2(!isControlCharacter(c.unicode()), qPrintable(QString::number(c.unicode())));
    }

    void shownText_capsLongTextAndSaysHowMuchWasLeftOut()
    {
        const QString detail(20'000'000, u'x');
        const QString shown = shownText(detail);
        QVERIFY(shown.startsWith(QString(ShownTextLimit, u'x')));
        QVERIFY(shown.contains(u"19999000 more"_s));
        QVERIFY(shown.size() < ShownTextLimit + 64);
        QCOMPARE(shownText(u"short"_s), u"short"_s);
    }

    void shownLine_turnsLineBreaksIntoSpacesAndEscapesTheRest()
    {
        QCOMPARE(shownLine(u"Not allowed\nfor\r\nyou\rnow\tthen"_s),
                 u"Not allowed for you now then"_s);
        QCOMPARE(shownLine(u"refused\r\x1b[2Kok"_s), u"refused \\u001B[2Kok"_s);
    }

    void shownText_neverCutsASurrogatePair()
    {
        const QString text = QString(9, u'a') + u"😀"_s + u"tail"_s; // the pair at 9 and 10
        const QString shown = shownText(text, 10);
        QVERIFY(shown.startsWith(QString(9, u'a') + u'…'));
    }
};

QTEST_GUILESS_MAIN(TestSafeText)
#include "tst_safetext.moc"

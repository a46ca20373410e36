#include <models/api/bodybuffers.h>

#include <QTest>

namespace BodyBuffers = crondesk::api::BodyBuffers;

namespace {

constexpr qsizetype page = 800 * 1024;

// An array as a page's body leaves the decoder: written to its end, owned by nobody else.
QByteArray filledArray(qsizetype bytes)
{
    QByteArray array = BodyBuffers::take(bytes);
    array.resize(bytes);
    array.fill('x');
    return array;
}

} // namespace

class TestBodyBuffers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { BodyBuffers::clear(); }
    void cleanupTestCase() { BodyBuffers::clear(); }

    void take_givesAnEmptyArrayWithRoomEnough()
    {
        for (const qsizetype bytes : {qsizetype(0), qsizetype(100), qsizetype(64 * 1024), page}) {
            const QByteArray array = BodyBuffers::take(bytes);
            QCOMPARE(array.size(), 0);
            QVERIFY2(array.capacity() >= bytes, QByteArray::number(bytes).constData());
        }
    }

    void giveBack_thenTake_reusesTheSameMemoryEmptied()
    {
        QByteArray array = filledArray(page);
        const char *memory = array.constData();
        BodyBuffers::giveBack(std::move(array));
        QCOMPARE(BodyBuffers::keptCount(), 1);

        // The next page is a little longer: the rounded-up room still holds it.
        const QByteArray next = BodyBuffers::take(page + 1000);
        QCOMPARE(next.constData(), memory);
        QCOMPARE(next.size(), 0);
        QCOMPARE(BodyBuffers::keptCount(), 0);
    }

    void giveBack_sharedArray_isNotKept()
    {
        QByteArray array = filledArray(page);
        const QByteArray stillRead = array; // a decoded value pointing into the page
        BodyBuffers::giveBack(std::move(array));
        QCOMPARE(BodyBuffers::keptCount(), 0);
        QCOMPARE(stillRead.size(), page);
        QVERIFY(stillRead.startsWith("xxxx"));
    }

    void giveBack_smallOrHugeArrays_areNotKept()
    {
        BodyBuffers::giveBack(filledArray(1000));
        BodyBuffers::giveBack(filledArray(BodyBuffers::maxKeptBytes + 1));
        QCOMPARE(BodyBuffers::keptCount(), 0);
    }

    void giveBack_keepsAtMostMaxKept()
    {
        QList<QByteArray> arrays; // all taken before any goes back, as pages in flight are
        for (int i = 0; i < BodyBuffers::maxKept + 3; ++i)
            arrays.append(filledArray(page));
        for (QByteArray &array : arrays)
            BodyBuffers::giveBack(std::move(array));
        QCOMPARE(BodyBuffers::keptCount(), BodyBuffers::maxKept);
    }

    void take_muchSmallerAnswer_leavesThePageArrayKept()
    {
        BodyBuffers::giveBack(filledArray(page));
        const QByteArray small = BodyBuffers::take(100 * 1024);
        QVERIFY(small.capacity() < page);
        QCOMPARE(BodyBuffers::keptCount(), 1);
        // And a larger one than any kept: a new array, the kept one stays.
        const QByteArray larger = BodyBuffers::take(2 * page);
        QVERIFY(larger.capacity() >= 2 * page);
        QCOMPARE(BodyBuffers::keptCount(), 1);
    }

    void take_choosesTheSmallestArrayThatFits()
    {
        QByteArray large = filledArray(page + 200 * 1024);
        QByteArray fitting = filledArray(page);
        const char *fittingMemory = fitting.constData();
        BodyBuffers::giveBack(std::move(large));
        BodyBuffers::giveBack(std::move(fitting));
        QCOMPARE(BodyBuffers::take(page - 1000).constData(), fittingMemory);
    }
};

QTEST_GUILESS_MAIN(TestBodyBuffers)
#include "tst_bodybuffers.moc"

#include <models/api/bodybuffers.h>

#include <QList>
#include <QMutex>

namespace crondesk::api::BodyBuffers {

namespace {

constexpr qsizetype roundingBytes = 64 * 1024;

struct Kept
{
    QMutex mutex;
    QList<QByteArray> arrays;
};

// Answers are read on the GUI thread and decoded on pool threads, so both ends take the lock.
Kept &kept()
{
    static Kept instance;
    return instance;
}

} // namespace

QByteArray take(qsizetype bytes)
{
    if (bytes < roundingBytes) {
        // Small answers: malloc serves them from memory it has anyway.
        QByteArray array;
        array.reserve(bytes);
        return array;
    }
    {
        Kept &pool = kept();
        const QMutexLocker lock(&pool.mutex);
        qsizetype best = -1;
        for (qsizetype i = 0; i < pool.arrays.size(); ++i) {
            const qsizetype capacity = pool.arrays.at(i).capacity();
            // Not a page's array for a much smaller answer: that would hold the room for nothing.
            const bool fits = capacity >= bytes && capacity <= bytes + bytes / 2 + roundingBytes;
            if (fits && (best < 0 || capacity < pool.arrays.at(best).capacity()))
                best = i;
        }
        if (best >= 0)
            return pool.arrays.takeAt(best);
    }
    QByteArray array;
    array.reserve((bytes + roundingBytes - 1) / roundingBytes * roundingBytes);
    return array;
}

void giveBack(QByteArray &&bytes)
{
    QByteArray array = std::move(bytes);
    // Shared: someone still reads it (a decoded value may point into its page).
    if (!array.isDetached() || array.capacity() > maxKeptBytes || array.capacity() < roundingBytes)
        return;
    array.truncate(0); // keeps the capacity of an unshared array
    Kept &pool = kept();
    const QMutexLocker lock(&pool.mutex);
    if (pool.arrays.size() < maxKept)
        pool.arrays.append(std::move(array));
}

qsizetype keptCount()
{
    Kept &pool = kept();
    const QMutexLocker lock(&pool.mutex);
    return pool.arrays.size();
}

void clear()
{
    QList<QByteArray> arrays;
    {
        Kept &pool = kept();
        const QMutexLocker lock(&pool.mutex);
        arrays.swap(pool.arrays);
    }
}

} // namespace crondesk::api::BodyBuffers

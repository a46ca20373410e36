#pragma once

#include <QByteArray>

namespace crondesk::api {

// Arrays for answer bodies of known length, handed back once an answer has been decoded and
// taken again by the next one. A fetch of 100,000 crons reads a hundred 800 KB pages; a new array
// for each is memory the kernel must map and clear page by page as the body is written into it
// (a fifth of the network thread's time), then take back when the array is freed. Four arrays are
// kept, as many as a fetch has pages in flight, none larger than maxKeptBytes: at most 16 MiB
// that the process holds between fetches, usually about 3 MiB.
namespace BodyBuffers {

inline constexpr qsizetype maxKept = 4;
inline constexpr qsizetype maxKeptBytes = 4 * 1024 * 1024;

// An empty array with room for at least `bytes`: a kept one when one fits (large enough, not
// half as large again), else a new one, rounded up to 64 KiB so that the next page, a little
// longer, fits too. Below 64 KiB always a new one.
QByteArray take(qsizetype bytes);
// Keeps `bytes`'s array for a later take() when nobody else shares it, it is between 64 KiB and
// maxKeptBytes and fewer than maxKept are kept; otherwise it is simply freed.
void giveBack(QByteArray &&bytes);
// How many arrays are kept, and freeing them (for tests).
qsizetype keptCount();
void clear();

} // namespace BodyBuffers

} // namespace crondesk::api

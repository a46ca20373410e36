#pragma once

// What a harness asserts about its target, in every build: an invariant that does not hold is a
// crash for libFuzzer (abort, which it reports with the input) and a failed replay for CTest.
// Q_ASSERT would vanish in the release preset.

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", __FILE__, __LINE__,         \
                         #condition, qPrintable(QString(what)));                                   \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace crondesk::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace crondesk::fuzz

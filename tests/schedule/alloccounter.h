#pragma once

// Counts heap allocations of the whole process by standing in for the C allocator: Qt's
// containers allocate with malloc() directly and libstdc++'s operator new calls malloc(), so
// this sees both. Include in exactly one source file of an executable. The executable's own
// malloc() takes precedence over the C library's for every shared library too (ELF symbol
// interposition); glibc's __libc_* entry points do the real work.
//
// Not with AddressSanitizer, which replaces the allocator itself: ALLOC_COUNTER_AVAILABLE is
// then 0 and the counter stays at zero.

#include <atomic>
#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_COUNTER_AVAILABLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOC_COUNTER_AVAILABLE 0
#endif
#endif
#ifndef ALLOC_COUNTER_AVAILABLE
#if defined(__GLIBC__) || defined(__linux__)
#define ALLOC_COUNTER_AVAILABLE 1
#else
#define ALLOC_COUNTER_AVAILABLE 0
#endif
#endif

namespace alloccounter {

inline std::atomic<long long> allocations {0};

// Allocations made while the returned object lived, e.g. `Scope scope; ...; scope.count()`.
class Scope final
{
public:
    Scope()
        : m_start(allocations.load())
    { }
    long long count() const { return allocations.load() - m_start; }

private:
    long long m_start;
};

} // namespace alloccounter

#if ALLOC_COUNTER_AVAILABLE
extern "C" {
void *__libc_malloc(std::size_t size);
void *__libc_calloc(std::size_t count, std::size_t size);
void *__libc_realloc(void *pointer, std::size_t size);
void *__libc_memalign(std::size_t alignment, std::size_t size);

void *malloc(std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}

void *calloc(std::size_t count, std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(pointer, size);
}

void *aligned_alloc(std::size_t alignment, std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_memalign(alignment, size);
}

void *memalign(std::size_t alignment, std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, std::size_t alignment, std::size_t size)
{
    alloccounter::allocations.fetch_add(1, std::memory_order_relaxed);
    *result = __libc_memalign(alignment, size);
    return *result ? 0 : 12; // ENOMEM
}
}
#endif

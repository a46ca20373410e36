#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

namespace crondesk::api {

// The cron ids a fetch has delivered, so that a cron read twice (offset paging while crons come
// and go) is delivered once. Open addressing with part of each id's hash kept in the table: a
// probe compares 32 hash bits and reads another id's characters only when they match. QSet
// compares the string in every occupied slot it passes, each a cache miss into that string's
// heap block, which made de-duplication a third of the GUI thread's work in a 100,000-cron
// fetch. The ids are shared with the crons (QString's implicit sharing), not copied.
class DeliveredIds final
{
public:
    // Room in the table for `count` ids without growing it. Only the table: a count the server
    // gave may be far more than it sends.
    void reserve(qsizetype count);
    // Adds `id`; false when it was there already.
    bool insert(const QString &id);
    bool contains(const QString &id) const;
    // Asks the processor to bring in the slot where `id` would be, ahead of insert(id): with
    // 100,000 ids the table spans megabytes and each probe's first read misses the cache and
    // the TLB, so a page's ids are looked up with a few such reads in flight at once.
    void prefetch(const QString &id) const;
    qsizetype size() const { return m_ids.size(); }

private:
    struct Slot
    {
        std::uint32_t tag = 0; // high bits of the hash, never 0 in a used slot
        std::uint32_t index = 0; // into m_ids
    };
    // The slot holding `id`, or the empty slot where it belongs.
    std::size_t find(const QString &id, std::size_t hash) const;
    void grow(std::size_t slots);

    std::vector<Slot> m_slots; // size a power of two, at most half used
    QList<QString> m_ids;
};

} // namespace crondesk::api

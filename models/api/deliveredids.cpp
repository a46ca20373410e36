#include <models/api/deliveredids.h>

#include <QHash>

#include <bit>

namespace crondesk::api {

namespace {

constexpr std::size_t minimumSlots = 64;

std::uint32_t tagOf(std::size_t hash)
{
    // The bits the slot index does not already use (up to 2^32 slots); 0 marks an empty slot.
    const auto tag = std::uint32_t(std::uint64_t(hash) >> 32);
    return tag == 0 ? 1 : tag;
}

// Seeded per process as QHash is, so that a server cannot choose ids that all land in one run of
// slots.
std::size_t hashOf(const QString &id)
{
    return qHash(id, QHashSeed::globalSeed());
}

std::size_t slotsFor(qsizetype count)
{
    return std::max(minimumSlots, std::bit_ceil(std::size_t(count) * 2));
}

} // namespace

void DeliveredIds::reserve(qsizetype count)
{
    if (count <= 0)
        return;
    if (slotsFor(count) > m_slots.size())
        grow(slotsFor(count));
}

bool DeliveredIds::insert(const QString &id)
{
    if ((m_ids.size() + 1) * 2 > qsizetype(m_slots.size()))
        grow(slotsFor(m_ids.size() + 1));
    const std::size_t hash = hashOf(id);
    const std::size_t at = find(id, hash);
    if (m_slots[at].tag != 0)
        return false;
    m_slots[at] = {tagOf(hash), std::uint32_t(m_ids.size())};
    m_ids.append(id);
    return true;
}

bool DeliveredIds::contains(const QString &id) const
{
    return !m_slots.empty() && m_slots[find(id, hashOf(id))].tag != 0;
}

void DeliveredIds::prefetch(const QString &id) const
{
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[hashOf(id) & (m_slots.size() - 1)]);
}

std::size_t DeliveredIds::find(const QString &id, std::size_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const std::uint32_t tag = tagOf(hash);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot &slot = m_slots[at];
        if (slot.tag == 0 || (slot.tag == tag && m_ids.at(slot.index) == id))
            return at;
    }
}

void DeliveredIds::grow(std::size_t slots)
{
    std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(slots));
    const std::size_t mask = slots - 1;
    // The hash is not kept whole, so each id is hashed again; growth doubles, so that is about
    // one extra hash per id in all.
    for (const Slot &slot : old) {
        if (slot.tag == 0)
            continue;
        std::size_t at = hashOf(m_ids.at(slot.index)) & mask;
        while (m_slots[at].tag != 0)
            at = (at + 1) & mask;
        m_slots[at] = slot;
    }
}

} // namespace crondesk::api

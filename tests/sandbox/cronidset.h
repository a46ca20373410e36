#pragma once

#include <QList>
#include <QSet>
#include <QString>

namespace crondesk::sandbox {

// The ids of the crons that hold one metadata value (Store's metadata index). Most values belong
// to one cron or a few (an index, a name), and a QSet of one id costs about 700 bytes in four
// allocations: with `--seed 100000` that was 70 MB and a quarter of the start-up. So the ids stay
// in a short list until there are more than a few, then move to a hash set for good.
class CronIdSet
{
public:
    void insert(const QString &id)
    {
        if (!m_many.isEmpty()) {
            m_many.insert(id);
            return;
        }
        if (m_few.contains(id))
            return;
        if (m_few.size() < maxFew) {
            m_few.append(id);
            return;
        }
        m_many = QSet<QString>(m_few.cbegin(), m_few.cend());
        m_many.insert(id);
        m_few = {};
    }

    void remove(const QString &id)
    {
        if (!m_many.isEmpty())
            m_many.remove(id);
        else
            m_few.removeOne(id);
    }

    bool contains(const QString &id) const
    {
        return m_many.isEmpty() ? m_few.contains(id) : m_many.contains(id);
    }
    qsizetype size() const { return m_many.isEmpty() ? m_few.size() : m_many.size(); }
    bool isEmpty() const { return size() == 0; }

    template<typename Visit>
    void forEach(Visit visit) const
    {
        if (m_many.isEmpty()) {
            for (const QString &id : m_few)
                visit(id);
        } else {
            for (const QString &id : m_many)
                visit(id);
        }
    }

private:
    static constexpr qsizetype maxFew = 8;
    QList<QString> m_few;
    QSet<QString> m_many;
};

} // namespace crondesk::sandbox

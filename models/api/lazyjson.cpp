#include "lazyjson.h"

#include <QJsonDocument>

#include <atomic>
#include <mutex>

namespace crondesk::api {

struct LazyJsonObject::Text
{
    QByteArray page;
    qsizetype begin = 0;
    qsizetype end = 0;
    std::once_flag once;
    std::atomic<bool> parsed {false};
    QJsonObject object; // written once, inside `once`

    QByteArrayView bytes() const { return QByteArrayView(page).sliced(begin, end - begin); }
};

LazyJsonObject &LazyJsonObject::operator=(const QJsonObject &object)
{
    m_object = object;
    m_text.reset();
    return *this;
}

LazyJsonObject &LazyJsonObject::operator=(QJsonObject &&object)
{
    m_object = std::move(object);
    m_text.reset();
    return *this;
}

LazyJsonObject LazyJsonObject::fromValidatedJson(const QByteArray &buffer, qsizetype begin,
                                                 qsizetype end)
{
    LazyJsonObject lazy;
    lazy.m_text = std::make_shared<Text>();
    lazy.m_text->page = buffer;
    lazy.m_text->begin = begin;
    lazy.m_text->end = end;
    return lazy;
}

void LazyJsonObject::fromValidatedJson(const QByteArray &buffer, Slice first, Slice second,
                                       LazyJsonObject *firstObject, LazyJsonObject *secondObject)
{
    struct Pair
    {
        Text first;
        Text second;
    };
    // One allocation for both; each object holds an aliasing pointer into it.
    const auto pair = std::make_shared<Pair>();
    const std::pair<Slice, std::pair<Text *, LazyJsonObject *>> parts[]
        = {{first, {&pair->first, firstObject}}, {second, {&pair->second, secondObject}}};
    for (const auto &[slice, target] : parts) {
        const auto [text, object] = target;
        if (slice.begin < 0) {
            *object = QJsonObject();
            continue;
        }
        text->page = buffer;
        text->begin = slice.begin;
        text->end = slice.end;
        object->m_object = QJsonObject();
        object->m_text = std::shared_ptr<Text>(pair, text);
    }
}

const QJsonObject &LazyJsonObject::object() const
{
    if (!m_text)
        return m_object;
    Text &text = *m_text;
    std::call_once(text.once, [&text] {
        // fromRawData: no copy of the slice; the page outlives the parse.
        const QByteArray slice
            = QByteArray::fromRawData(text.page.constData() + text.begin, text.end - text.begin);
        text.object = QJsonDocument::fromJson(slice).object();
        text.parsed.store(true, std::memory_order_release);
    });
    return text.object;
}

bool LazyJsonObject::isUnparsed() const
{
    return m_text && !m_text->parsed.load(std::memory_order_acquire);
}

QByteArrayView LazyJsonObject::unparsedJson() const
{
    return isUnparsed() ? m_text->bytes() : QByteArrayView();
}

bool LazyJsonObject::isEmpty() const
{
    if (!m_text)
        return m_object.isEmpty();
    if (!isUnparsed())
        return m_text->object.isEmpty();
    // "{" whitespace "}": the slice was validated, so anything else has a member.
    const QByteArrayView bytes = m_text->bytes();
    for (qsizetype i = 1; i + 1 < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

QByteArray LazyJsonObject::toCompactJson() const
{
    if (isUnparsed()) {
        // The server sends compact JSON; keep its bytes rather than re-serialising.
        return m_text->bytes().toByteArray();
    }
    return QJsonDocument(object()).toJson(QJsonDocument::Compact);
}

bool operator==(const LazyJsonObject &a, const LazyJsonObject &b)
{
    // Identical text is an identical object, without parsing either.
    if (a.isUnparsed() && b.isUnparsed() && a.m_text->bytes() == b.m_text->bytes())
        return true;
    return a.object() == b.object();
}

} // namespace crondesk::api

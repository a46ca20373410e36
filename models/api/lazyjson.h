#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <memory>

namespace crondesk::api {

// A JSON object that may still be text: fetch-all reads 100,000 crons, and turning every nested
// `payload` and `metadata` into a QJsonObject up front costs most of the decoding time and memory,
// while a table shows a few dozen of them. So the list decoder keeps each nested object as a slice
// of the page it arrived in (validated, not copied) and this type parses it the first time it is
// read. Reads through it look like reads of a QJsonObject, which it converts to implicitly.
//
// Copies share the parse: it happens at most once, guarded by std::call_once, so concurrent const
// use is as safe as it is for a QJsonObject. An object built from a QJsonObject is never lazy.
//
// One difference from a QJsonObject member: a reference obtained from object() (or the implicit
// conversion) refers to the shared parse, so it stays valid only while this object or a copy of it
// keeps that text; do not keep one across an assignment to this object, or from a temporary.
class LazyJsonObject final
{
public:
    LazyJsonObject() = default;
    LazyJsonObject(const QJsonObject &object) // NOLINT: implicit on purpose, like QJsonObject
        : m_object(object)
    { }
    LazyJsonObject(QJsonObject &&object) // NOLINT
        : m_object(std::move(object))
    { }
    LazyJsonObject &operator=(const QJsonObject &object);
    LazyJsonObject &operator=(QJsonObject &&object);

    // The JSON object text at [begin, end) of `buffer`, which the caller has checked to be one
    // well-formed JSON object. The buffer is shared, not copied.
    static LazyJsonObject fromValidatedJson(const QByteArray &buffer, qsizetype begin,
                                            qsizetype end);
    // Two of them in one allocation (a cron's payload and metadata); a slice with begin < 0
    // gives an empty object.
    struct Slice
    {
        qsizetype begin = -1;
        qsizetype end = -1;
    };
    static void fromValidatedJson(const QByteArray &buffer, Slice first, Slice second,
                                  LazyJsonObject *firstObject, LazyJsonObject *secondObject);

    const QJsonObject &object() const;
    // Implicit, so that code written for a QJsonObject field reads it unchanged: as a QJsonObject
    // (const QJsonObject &o = cron.payload;) or, for functions taking one, a QJsonValue. (Write
    // QJsonValue(x.object()) for an explicit construction: QJsonValue(x) is ambiguous.)
    operator const QJsonObject &() const { return object(); } // NOLINT
    operator QJsonValue() const { return QJsonValue(object()); } // NOLINT

    // The read side of QJsonObject.
    QJsonValue value(const QString &key) const { return object().value(key); }
    QJsonValue value(QStringView key) const { return object().value(key); }
    QJsonValue value(QLatin1StringView key) const { return object().value(key); }
    QJsonValue operator[](const QString &key) const { return object().value(key); }
    QJsonValue operator[](QStringView key) const { return object().value(key); }
    QJsonValue operator[](QLatin1StringView key) const { return object().value(key); }
    bool contains(const QString &key) const { return object().contains(key); }
    bool contains(QStringView key) const { return object().contains(key); }
    bool contains(QLatin1StringView key) const { return object().contains(key); }
    // Answered from the text when it is still text.
    bool isEmpty() const;
    qsizetype size() const { return object().size(); }
    qsizetype count() const { return object().size(); }
    QStringList keys() const { return object().keys(); }
    QJsonObject::const_iterator begin() const { return object().begin(); }
    QJsonObject::const_iterator end() const { return object().end(); }
    QJsonObject::const_iterator constBegin() const { return object().constBegin(); }
    QJsonObject::const_iterator constEnd() const { return object().constEnd(); }
    QVariantMap toVariantMap() const { return object().toVariantMap(); }

    // True while it is text that has not been read yet.
    bool isUnparsed() const;
    // The compact JSON text: the original slice while unparsed, else serialised.
    QByteArray toCompactJson() const;
    // The original slice while unparsed, without a copy (valid while this object or a copy of it
    // lives); empty once parsed or when built from a QJsonObject.
    QByteArrayView unparsedJson() const;

    friend bool operator==(const LazyJsonObject &a, const LazyJsonObject &b);
    friend bool operator==(const LazyJsonObject &a, const QJsonObject &b)
    {
        return a.object() == b;
    }

private:
    struct Text;

    QJsonObject m_object;
    std::shared_ptr<Text> m_text; // set while the object is (or was) text
};

} // namespace crondesk::api

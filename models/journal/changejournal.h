#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::models {

// One change made to a deployment through crondesk or crondeskctl: who, where, what before, what
// after, and what the server said. One line of the journal file.
struct JournalEntry
{
    // Names the entry for `crondeskctl journal undo` and the journal view: 12 hex digits, random,
    // written with every new entry (JournalRecorder::record). Empty for an entry read from a line
    // written before ids existed; effectiveId() then derives one from the entry's content.
    QString id;
    QDateTime time; // UTC, when the server's answer (or the failure) arrived
    QString client; // "crondesk" or "crondeskctl"
    QString profile; // empty for a connection without a profile
    QString url; // the deployment's base URL
    QString operatorName; // the OS user
    QString action; // create, update, pause, resume, delete (mutationName())
    QString cronId;
    QJsonValue before; // the cron as it was (null for a create, or when not known)
    QJsonValue after; // the cron as the server returned it (null after a delete or a failure)
    QJsonValue request; // the body sent, when there was one
    bool succeeded = false;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString serverMessage; // the error's text; empty on success
    QString requestId; // the server's x-request-id, when it sent one
    // For an "undo" or "restore": the effectiveId() of the entry it undid.
    QString undoes;

    // `id`, or for an entry without one a stable id derived from its content (the first 12 hex
    // digits of the SHA-256 of its compact JSON), so that old journals can be named too.
    QString effectiveId() const;
    // A fresh random id for a new entry.
    static QString newId();

    QJsonObject toJson() const;
    static std::optional<JournalEntry> fromJson(const QJsonObject &object);

    friend bool operator==(const JournalEntry &, const JournalEntry &) = default;
};

// The OS user running this process, for JournalEntry::operatorName.
QString currentOperator();

// Which entries the journal view shows. Empty fields do not filter.
struct JournalFilter
{
    QString text; // matched against cron id, profile, URL, operator and the server's message
    QString action;
    QString profile;
    QDateTime from; // inclusive
    QDateTime to; // exclusive
    bool failedOnly = false;

    bool matches(const JournalEntry &entry) const;
};

// The change journal: a JSON Lines file in the shared data directory
// (~/.local/share/crondesk/journal.jsonl), appended to by the app and by crondeskctl. Each entry
// is one write of one line, so that two processes appending at once do not interleave.
//
// Never holds an API key: entries carry no headers, and every string in an entry that contains
// one of the secrets given to setSecrets() (the keys in use) is redacted before it is written.
class ChangeJournal final
{
public:
    ChangeJournal(); // the default file
    explicit ChangeJournal(QString filePath);

    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    // Strings to redact wherever they appear (the API keys in use). Short strings are ignored:
    // redacting "ab" would mangle the journal without protecting anything.
    void setSecrets(const QStringList &secrets);

    // Writes bounded(redacted(entry)) as one line.
    bool append(const JournalEntry &entry, QString *error = nullptr) const;
    // Every readable entry, oldest first; lines that do not parse are skipped and counted.
    QList<JournalEntry> readAll(int *skippedLines = nullptr, QString *error = nullptr) const;

    // The redaction applied to one entry, as append() writes it.
    JournalEntry redacted(const JournalEntry &entry) const;

    // An entry small enough for one line of the journal, whatever the server or the operator
    // sent: who, when, where, what and the outcome are kept whole; of `before`, `after` and
    // `request` each member larger than MaxJournalMemberBytes (as compact JSON) becomes the text
    // "[not recorded: N bytes]", and the whole value does when that is still not enough; the
    // server's message is cut after MaxJournalMessageCharacters.
    static JournalEntry bounded(const JournalEntry &entry);
    static constexpr qsizetype MaxJournalValueBytes = 64 * 1024;
    static constexpr qsizetype MaxJournalMemberBytes = 8 * 1024;
    static constexpr qsizetype MaxJournalMessageCharacters = 4000;

private:
    QString m_filePath;
    QStringList m_secrets;
};

enum class JournalExportFormat { JsonLines, Csv };

// Writes entries as JSON Lines (the journal's own format) or CSV (time, client, profile, URL,
// operator, action, cron id, succeeded, status, message, request id, before, after as JSON text).
bool exportJournal(const QList<JournalEntry> &entries, const QString &path,
                   JournalExportFormat format, QString *error = nullptr);
// The format a file name asks for: .csv is CSV, anything else JSON Lines.
JournalExportFormat exportFormatFor(const QString &path);

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::JournalEntry)

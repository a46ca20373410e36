#pragma once

#include <models/api/cron.h>
#include <models/runs/runhistory.h>

#include <QDateTime>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace crondesk::ui {

// Everything about the selected cron: every field, the run parameters from its payload as
// pretty-printed JSON with copy buttons, and for thread crons the latest runs of the thread.
// It only displays; the main window hands it values.
class CronDetailsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronDetailsWidget)

public:
    // What the runs list shows per run.
    struct RunLine
    {
        QString runId;
        QString status;
        QDateTime createdAt;
    };

    explicit CronDetailsWidget(QWidget *parent = nullptr);
    ~CronDetailsWidget() override;

    // `fields` are label/value pairs already formatted for display, in order; `healthLines` one
    // sentence per health flag.
    void showCron(const api::Cron &cron, const QList<std::pair<QString, QString>> &fields,
                  const QStringList &healthLines);
    void showNothing(const QString &message);

    // The text for a field row: `value`, unless the server sent `field` (a wire name) malformed,
    // in which case what it sent, marked as such (an empty value would claim it sent nothing).
    static QString fieldText(const api::Cron &cron, QStringView field, const QString &value);

    QString cronId() const { return m_cronId; }

    // Wide enough for a UUID and a date with its zone side by side.
    QSize sizeHint() const override { return {460, 640}; }

    void showRunsLoading();
    void showRuns(const QList<RunLine> &runs);
    void showRunsError(const QString &message);
    void showRunsNotApplicable(const QString &message);
    // The cron's own runs (status, start, duration), then the thread's other runs under a
    // heading of their own; or why the cron has no history.
    void showRunHistory(const models::CronRunHistory &history);

private:
    QPlainTextEdit *addJsonBlock(const QString &title, const QString &objectName);
    void copyToClipboard(const QString &text);

    QString m_cronId;
    QLabel *m_title;
    QPushButton *m_copyId;
    QLabel *m_health;
    QLabel *m_malformed; // what the server sent that could not be read, when anything
    QWidget *m_fieldsBox;
    QFormLayout *m_fields;
    QPlainTextEdit *m_input;
    QPlainTextEdit *m_config;
    QPlainTextEdit *m_context;
    QPlainTextEdit *m_options;
    QPlainTextEdit *m_payload;
    QLabel *m_runsNote;
    QTreeWidget *m_runs;
    QWidget *m_content;
    QWidget *m_body; // everything below the title, hidden while no cron is shown
    QVBoxLayout *m_contentLayout;
};

} // namespace crondesk::ui

#pragma once

#include <models/cronfilterproxymodel.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTimer;
class QToolButton;

namespace crondesk::ui {

// The search box and facets above the cron table. Emits the whole filter whenever any part
// changes (the free text after a short pause, so typing stays smooth on big tables).
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    models::CronFilter filter() const;
    QLineEdit *searchEdit() const { return m_search; }

    // The choices offered; the current choice is kept when it is still offered.
    void setAssistants(const QList<std::pair<QString, QString>> &idsAndLabels);
    void setTimezones(const QStringList &zones);
    void clear();

    // Says whether a metadata filter runs on the server (or here, for servers before 0.9).
    void setMetadataFilteredOnServer(bool onServer);

Q_SIGNALS:
    void filterChanged(const crondesk::models::CronFilter &filter);

private:
    QComboBox *addCombo(const QString &accessibleName, const QString &toolTip);
    void onMetadataEdited();
    void emitChanged();

    QLineEdit *m_search;
    QTimer *m_searchTimer;
    QComboBox *m_assistant;
    QComboBox *m_state;
    QComboBox *m_target;
    QComboBox *m_timezone;
    QComboBox *m_webhook;
    QComboBox *m_health;
    QCheckBox *m_ended;
    QLineEdit *m_metadata;
    QToolButton *m_clear;
    QJsonObject m_metadataFilter;
};

} // namespace crondesk::ui

#pragma once

#include <models/inventory/cronfilterproxymodel.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFrame;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace crondesk::ui {

// The search box and facets above the cron table. Emits the whole filter whenever any part
// changes (the free text and the metadata filter after a short pause, so typing stays smooth on
// big tables). Under the metadata field it says which metadata filter is applied, or why the
// text is not one.
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    models::CronFilter filter() const;
    QLineEdit *searchEdit() const { return m_search; }
    QLineEdit *metadataEdit() const { return m_metadata; }
    // What the line under the metadata field says (empty when it is hidden).
    QString metadataStatus() const;
    bool metadataHasError() const { return m_metadataError; }

    // The choices offered; the current choice is kept when it is still offered.
    void setAssistants(const QList<std::pair<QString, QString>> &idsAndLabels);
    void setTimezones(const QStringList &zones);
    void clear();

    // Says whether a metadata filter runs on the server (or here, for servers before 0.9).
    void setMetadataFilteredOnServer(bool onServer);

    // Narrows the inventory to the crons with these ids (the Timeline's "the crons that fire
    // then"), saying so in a line under the search with `description` and a button that lifts
    // it. Clear lifts it too.
    void setCronIdFilter(const QSet<QString> &ids, const QString &description);
    void clearCronIdFilter();
    bool hasCronIdFilter() const { return m_cronIds.has_value(); }
    // What the line says (empty when there is no such filter).
    QString cronIdFilterText() const;

Q_SIGNALS:
    void filterChanged(const crondesk::models::CronFilter &filter);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QComboBox *addCombo(const QString &accessibleName, const QString &toolTip);
    void onMetadataEdited();
    void showMetadataStatus(const QString &text, bool isError);
    void emitChanged();
    void arrangeFacets();
    void updateMinimumWidth();

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
    QTimer *m_metadataTimer;
    QLabel *m_metadataStatus;
    QToolButton *m_clear;
    QFrame *m_idFilter; // the line saying which crons the id filter keeps
    QLabel *m_idFilterLabel;
    QToolButton *m_idFilterClear;
    std::optional<QSet<QString>> m_cronIds;
    QHBoxLayout *m_facetRows[2];
    QList<QWidget *> m_facets; // in order; wrapped onto the second row when the bar is narrow
    bool m_facetsWrapped = false;
    bool m_metadataError = false;
    QJsonObject m_metadataFilter;
};

} // namespace crondesk::ui

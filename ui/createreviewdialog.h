#pragma once

#include <models/editor/cronreview.h>

#include <QDialog>

class QTableWidget;

namespace crondesk::ui {

// The last step of creating (or cloning) a cron: what will be created, where, and when it first
// fires, in the cron's zone and the operator's. Accepting sends the create; rejecting goes back
// to the editor with nothing lost. The create button has the focus, so confirming is one
// deliberate key press after the one that opened the review. Show it with open().
class CreateReviewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateReviewDialog)

public:
    CreateReviewDialog(const models::CreateReview &review, const QString &createText,
                       QWidget *parent = nullptr);
    ~CreateReviewDialog() override;

    QTableWidget *table() const { return m_table; }
    QTableWidget *runsTable() const { return m_runs; }

private:
    QTableWidget *m_table;
    QTableWidget *m_runs;
};

} // namespace crondesk::ui

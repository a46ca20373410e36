#pragma once

#include <ui/healthicons.h>

#include <QStyledItemDelegate>

namespace crondesk::ui {

// The Last run column: the model's text ("Failed · 2026-07-01 12:02 · 3.0 s") with a badge for
// how the run ended, from the model's LastRunStatusRole: the health column's tick for a success,
// its red mark for an error or timeout, its "checking" dots while the run is active, grey for an
// interrupted run. Rows whose runs are not read show the model's "…" without a badge.
class LastRunDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LastRunDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~LastRunDelegate() override;

    // The badge for a run status; nullopt for an empty or unknown one.
    static std::optional<HealthLevel> levelOf(QStringView status);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace crondesk::ui

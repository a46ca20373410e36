#pragma once

#include <models/compare/autosnapshotstore.h>

#include <QDialog>

class QListWidget;
class QPushButton;

namespace crondesk::ui {

// View ▸ Changes Since…: pick the snapshot to compare the inventory with, an automatic snapshot
// of this deployment by date (newest first) or a snapshot file. Returns the chosen file; it
// reads nothing itself.
class ChangesSinceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesSinceDialog)

public:
    ChangesSinceDialog(const QList<models::AutoSnapshot> &automatic, QWidget *parent = nullptr);
    ~ChangesSinceDialog() override;

    QListWidget *list() const { return m_list; }
    QString selectedPath() const;

Q_SIGNALS:
    void snapshotChosen(const QString &path);

private:
    void chooseFile();

    QListWidget *m_list;
    QPushButton *m_ok;
    QString m_filePath; // chosen with Snapshot File…
};

} // namespace crondesk::ui

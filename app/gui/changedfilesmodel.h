#pragma once

#include "app/gui/changerisk.h"
#include "core/branchreview.h"

#include <QAbstractTableModel>

namespace Paddock::App {

// The files a branch changes, riskiest first (git hooks, CI, build scripts, dependencies, agent
// configuration; see riskOf), then the rest by path.
class ChangedFilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Status, File, Risk, Added, Removed, ColumnCount };

    explicit ChangedFilesModel(QObject *parent = nullptr);

    void setFiles(QList<Core::FileChange> files); // sorts them
    void clear();
    // Line counts (a DiffDetail::Stats diff of the same range) for files listed without them.
    void setCounts(const QList<Core::FileChange> &counted);
    // The file at row with its patch loaded (BranchReview::filePatch), kept for coming back to it.
    void setLoaded(int row, const Core::FileChange &loaded);
    bool isLoaded(int row) const;
    const Core::FileChange *file(int row) const;
    ChangeRisk risk(int row) const;
    int rowOf(const QString &path) const;
    int riskyCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "Modified", "Renamed from a.txt (95 % similar)" …
    static QString describe(const Core::FileChange &file);

private:
    struct Entry
    {
        Core::FileChange change;
        ChangeRisk risk = ChangeRisk::None;
        bool loaded = false; // change.patch is there
    };
    QList<Entry> m_entries;
};

} // namespace Paddock::App

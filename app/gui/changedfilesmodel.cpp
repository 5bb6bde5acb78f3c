#include "app/gui/changedfilesmodel.h"

#include "app/gui/statedot.h"

#include <QApplication>
#include <QFont>
#include <QHash>
#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// A deleted file's risk is its old path's; a renamed file is as risky as the riskier of its two paths.
ChangeRisk riskOfChange(const FileChange &change)
{
    const ChangeRisk risk = riskOf(change.path);
    if (change.oldPath.isEmpty() || change.oldPath == change.path)
        return risk;
    return std::min(risk, riskOf(change.oldPath));
}

} // namespace

ChangedFilesModel::ChangedFilesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChangedFilesModel::setFiles(QList<FileChange> files)
{
    QList<Entry> entries;
    entries.reserve(files.size());
    for (FileChange &change : files) {
        const ChangeRisk risk = riskOfChange(change);
        const bool loaded = !change.patch.isEmpty() || change.patchOmitted;
        entries.append({std::move(change), risk, loaded});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.risk != b.risk)
            return a.risk < b.risk;
        return a.change.path < b.change.path;
    });
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void ChangedFilesModel::clear()
{
    setFiles({});
}

void ChangedFilesModel::setCounts(const QList<FileChange> &counted)
{
    QHash<std::pair<QString, QString>, const FileChange *> byPaths;
    byPaths.reserve(counted.size());
    for (const FileChange &change : counted)
        byPaths.insert({change.oldPath, change.path}, &change);
    for (Entry &entry : m_entries) {
        FileChange &change = entry.change;
        const FileChange *count = byPaths.value({change.oldPath, change.path});
        if (change.counted || !count)
            continue;
        change.counted = true;
        change.binary = count->binary;
        change.additions = count->additions;
        change.deletions = count->deletions;
    }
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ChangedFilesModel::setLoaded(int row, const FileChange &loaded)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].change = loaded;
    m_entries[row].loaded = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool ChangedFilesModel::isLoaded(int row) const
{
    return row >= 0 && row < m_entries.size() && m_entries.at(row).loaded;
}

const FileChange *ChangedFilesModel::file(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row).change : nullptr;
}

ChangeRisk ChangedFilesModel::risk(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).risk : ChangeRisk::None;
}

int ChangedFilesModel::rowOf(const QString &path) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).change.path == path)
            return row;
    }
    return -1;
}

int ChangedFilesModel::riskyCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry &entry) { return entry.risk != ChangeRisk::None; }));
}

int ChangedFilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ChangedFilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChangedFilesModel::describe(const FileChange &file)
{
    QString text;
    switch (file.status) {
    case FileChange::Status::Added:
        text = tr("Added");
        break;
    case FileChange::Status::Deleted:
        text = tr("Deleted");
        break;
    case FileChange::Status::Modified:
        text = tr("Modified");
        break;
    case FileChange::Status::Renamed:
        text = tr("Renamed from %1 (%2 % similar)")
                   .arg(BranchReview::displayPath(file.oldPath))
                   .arg(file.similarity);
        break;
    case FileChange::Status::Copied:
        text = tr("Copied from %1 (%2 % similar)")
                   .arg(BranchReview::displayPath(file.oldPath))
                   .arg(file.similarity);
        break;
    case FileChange::Status::TypeChanged:
        text = tr("Type changed");
        break;
    }
    if (file.symlink)
        text = tr("%1, symbolic link").arg(text);
    return text;
}

QVariant ChangedFilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    const FileChange &change = entry.change;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Status:
            return BranchReview::statusLetter(change.status);
        case File:
            return BranchReview::displayPath(change.path);
        case Risk:
            return ChangeRiskText::label(entry.risk);
        case Added:
            return change.additions > 0 ? QVariant(u"+%1"_s.arg(change.additions)) : QVariant();
        case Removed:
            return change.deletions > 0 ? QVariant(u"−%1"_s.arg(change.deletions)) : QVariant();
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Risk || (index.column() == File && entry.risk != ChangeRisk::None))
            return ChangeRiskText::reason(entry.risk);
        if (index.column() == Status || index.column() == File)
            return describe(change);
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Added || index.column() == Removed)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Status)
            return QVariant::fromValue(Qt::AlignCenter);
        return {};
    }
    if (role == Qt::ForegroundRole) {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        switch (index.column()) {
        case Risk:
            return dark ? QColor(0xf5, 0xb0, 0x4a) : QColor(0xa8, 0x5a, 0x00);
        case Added:
            return dark ? QColor(0x6c, 0xd0, 0x7c) : QColor(0x1a, 0x7f, 0x37);
        case Removed:
            return dark ? QColor(0xff, 0x86, 0x80) : QColor(0xcf, 0x22, 0x2e);
        case Status:
            if (change.status == FileChange::Status::Added)
                return dark ? QColor(0x6c, 0xd0, 0x7c) : QColor(0x1a, 0x7f, 0x37);
            if (change.status == FileChange::Status::Deleted)
                return dark ? QColor(0xff, 0x86, 0x80) : QColor(0xcf, 0x22, 0x2e);
            return {};
        }
        return {};
    }
    if (role == Qt::FontRole && index.column() == Status) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant ChangedFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Status:
            return tr("A added, M modified, D deleted, R renamed, C copied, T type changed");
        case Risk:
            return tr("Files that run code or steer agents once merged are listed first.");
        case Added:
            return tr("Lines added");
        case Removed:
            return tr("Lines removed");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Status:
        return QString();
    case File:
        return tr("File");
    case Risk:
        return tr("Review First");
    case Added:
        return u"+"_s;
    case Removed:
        return u"−"_s;
    }
    return {};
}

} // namespace Paddock::App

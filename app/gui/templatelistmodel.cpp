#include "app/gui/templatelistmodel.h"

#include "core/templatecatalog.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

TemplateListModel::TemplateListModel(const TemplateCatalog &catalog, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
{
    refresh();
}

void TemplateListModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    for (const AgentTemplate &t : m_catalog.templates()) {
        const QString subtitle = t.builtIn ? tr("%1 · Built-in, read-only").arg(t.id) : t.id;
        m_rows.append({t.builtIn ? Kind::BuiltIn : Kind::User, t.id, t.name, m_catalog.fileOf(t.id), subtitle,
                       t.description});
    }
    for (const TemplateCatalog::BrokenFile &broken : m_catalog.brokenFiles())
        m_rows.append({Kind::Broken,
                       {},
                       QFileInfo(broken.path).fileName(),
                       broken.path,
                       tr("Cannot be loaded: select it to see why"),
                       broken.error.message});
    endResetModel();
}

int TemplateListModel::rowOfId(const QString &id) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].kind != Kind::Broken && m_rows[row].id == id)
            return int(row);
    }
    return -1;
}

int TemplateListModel::rowOfFile(const QString &path) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (!path.isEmpty() && m_rows[row].file == path)
            return int(row);
    }
    return -1;
}

int TemplateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TemplateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return row.name;
    case Qt::ToolTipRole:
        return row.toolTip;
    case Qt::DecorationRole:
        if (row.kind == Kind::Broken)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case KindRole:
        return int(row.kind);
    case IdRole:
        return row.id;
    case FileRole:
        return row.file;
    case SubtitleRole:
        return row.subtitle;
    default:
        return {};
    }
}

} // namespace Paddock::App

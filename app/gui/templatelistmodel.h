#pragma once

#include <QAbstractListModel>
#include <QList>

namespace Paddock::Core {
class TemplateCatalog;
}

namespace Paddock::App {

// The rows of a TemplateCatalog for the Templates page: the built-ins, the user's templates, then the user's
// files that did not load. Call refresh() after the catalog reloaded.
class TemplateListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind { BuiltIn, User, Broken };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind, as int
        IdRole,                      // the template's id; empty for a broken file
        FileRole,                    // the user file; empty for a built-in
        SubtitleRole,                // the second line: "claude · Built-in", or why a file is broken
    };

    explicit TemplateListModel(const Core::TemplateCatalog &catalog, QObject *parent = nullptr);

    void refresh();
    // The row of a template (by id) or of a broken file (by path); -1 if there is none.
    int rowOfId(const QString &id) const;
    int rowOfFile(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Row
    {
        Kind kind;
        QString id;
        QString name;
        QString file;
        QString subtitle;
        QString toolTip;
    };

    const Core::TemplateCatalog &m_catalog;
    QList<Row> m_rows;
};

} // namespace Paddock::App

#pragma once

#include "core/agenttemplate.h"

namespace Paddock::Core {

// Built-in templates (read-only resources) plus the user's own (*.json in the templates folder).
class TemplateCatalog
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::TemplateCatalog)

public:
    explicit TemplateCatalog(QString userDir);

    // Reads everything again; broken user files are skipped and listed in problems().
    void reload();
    const QList<AgentTemplate> &templates() const { return m_templates; } // built-ins first, then by id
    std::optional<AgentTemplate> find(const QString &id) const;
    const QList<Error> &problems() const { return m_problems; }

    // A user file that did not load (its error is also in problems()), so the user can fix or delete it.
    struct BrokenFile
    {
        QString path;
        Error error;
    };
    const QList<BrokenFile> &brokenFiles() const { return m_brokenFiles; }
    // The file a user template was read from; empty for built-ins and unknown ids.
    QString fileOf(const QString &id) const { return m_files.value(id); }
    // A user file's bytes, refusing anything over 1 MiB.
    static Result<QByteArray> readUserFile(const QString &path);

    Result<> saveUserTemplate(const AgentTemplate &agentTemplate);
    // Checks `json` with the loader's parser and writes it unchanged (the user's layout and "x-" keys stay).
    // `replacesFile` is the user file being edited (a template's or a broken one), or empty for a new
    // template (written to ID.json). A file named after the template's old id is renamed with it.
    Result<AgentTemplate> saveUserTemplateJson(const QByteArray &json, const QString &replacesFile = {});
    Result<> removeUserTemplate(const QString &id);
    // Removes one of the user's template files, loaded or broken.
    Result<> removeUserFile(const QString &path);

private:
    bool isUserFile(const QString &path) const;

    QString m_userDir;
    QList<AgentTemplate> m_templates;
    QList<Error> m_problems;
    QList<BrokenFile> m_brokenFiles;
    QMap<QString, QString> m_files; // user template id → its file
};

} // namespace Paddock::Core

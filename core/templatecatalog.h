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

    Result<> saveUserTemplate(const AgentTemplate &agentTemplate);
    Result<> removeUserTemplate(const QString &id);

private:
    QString m_userDir;
    QList<AgentTemplate> m_templates;
    QList<Error> m_problems;
};

} // namespace Paddock::Core

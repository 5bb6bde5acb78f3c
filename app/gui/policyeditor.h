#pragma once

#include "app/cli/policycommand.h"
#include "core/paths.h"
#include "core/policyfile.h"
#include "core/result.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Paddock::App {

class PolicyRulesModel;
class PolicyTestBox;
class SandboxHost;

// Edits one layer of the network policy: the global rules and preset, a project's `.paddock/policy.json`,
// or one sandbox's rules and preset. Rules are checked with the policy parser as they are typed; "Test a
// URL" explains, with the unsaved edits, which rule would decide a request; Save writes the file or record
// as `paddock policy` does and, given a host, applies it to the running sandboxes at once.
class PolicyEditor : public QWidget
{
    Q_OBJECT

public:
    enum class Scope { Global, Project, Sandbox };

    // host may be null: saves then reach running sandboxes at their next start.
    explicit PolicyEditor(const Core::Paths &paths, SandboxHost *host = nullptr, QWidget *parent = nullptr);

    // Edits the global policy, a project's file (target: the project folder) or a sandbox's rules (target:
    // its name). Asks first when unsaved edits would be lost; false when the user kept them.
    bool setScope(Scope scope, const QString &target = {});
    Scope scope() const { return m_scope; }
    QString scopeTarget() const { return m_target; }
    // Lists the sandboxes and project folders again (after one was created or removed).
    void refreshScopes();

    bool isModified() const;
    // Writes the edits and applies them to the running sandboxes they concern.
    Core::Result<> save();
    void revert();
    // Adds the rules of a policy file that are not listed yet (and takes its preset, where the scope has
    // one); returns how many were added and says so under the buttons. A file that cannot be read changes
    // nothing; the reason is shown.
    Core::Result<int> importFrom(const QString &path);
    // Writes the rules as a policy file (with the preset in the global scope), e.g. to commit as a project's
    // .paddock/policy.json.
    Core::Result<> exportTo(const QString &path) const;
    // Before the editor closes: asks whether to save unsaved edits. False when the user cancels.
    bool confirmClose();

    PolicyRulesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSize sizeHint() const override;

Q_SIGNALS:
    void modifiedChanged(bool modified);
    void saved();

private:
    QWidget *createScopeSection();
    QWidget *createRulesSection();
    QWidget *createTestSection();
    QLayout *createButtonRow();
    void load();
    void fillPresets();
    void onScopeActivated(int index);
    void addRuleFromField();
    void editCurrent();
    void removeSelected();
    void validateNewRule();
    void updateState();
    void updatePresetDescription();
    void updateTest();
    Core::Result<int> readRules(const QString &path);
    void importWithDialog();
    void exportWithDialog();
    void showStatus(const QString &text, bool problem = false);
    QString scopeDescription() const;
    QString presetId() const;
    PolicyCommand::Draft draft() const;
    int scopeIndex(Scope scope, const QString &target) const;

    const Core::Paths &m_paths;
    SandboxHost *m_host;
    Scope m_scope = Scope::Global;
    QString m_target;
    QString m_loadError;   // the file or record could not be read: nothing may be saved over it
    QString m_savedPreset; // as loaded and shown, to tell whether it changed
    QStringList m_savedRules;
    QString m_templateName; // sandbox scope: the agent whose hosts are allowed too
    QStringList m_templateHosts;
    QString m_filePreset; // the preset the global or project file names, written back unless changed
    bool m_wasModified = false;
    QString m_message; // what the last action did
    bool m_messageIsProblem = false;

    PolicyRulesModel *m_model;
    QComboBox *m_scopeBox = nullptr;
    QComboBox *m_preset = nullptr;
    QLabel *m_presetDescription = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QComboBox *m_newAction = nullptr;
    QLineEdit *m_newRule = nullptr;
    QPushButton *m_add = nullptr;
    QLabel *m_newRuleMessage = nullptr;
    QLabel *m_rulesNote = nullptr;
    PolicyTestBox *m_test = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Paddock::App

#pragma once

#include "core/paths.h"
#include "core/result.h"
#include "core/sandboxrecord.h"
#include "vm/sandboxmanager.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Paddock::App {

// "New Sandbox": a folder (recent ones offered), a name, the agent, the network policy preset, the workspace
// mode, the backend, and CPU and memory limits, each checked as it is typed. Create hands the options to
// `create`; when that fails the dialog stays open with the reason, so nothing typed is lost.
class NewSandboxDialog : public QDialog
{
    Q_OBJECT

public:
    using Creator = std::function<Core::Result<Core::SandboxRecord>(const Vm::CreateOptions &)>;

    NewSandboxDialog(const Core::Paths &paths, Creator create, QWidget *parent = nullptr);

    void setFolder(const QString &folder);
    Vm::CreateOptions options() const;
    bool runAfterCreating() const { return m_runAfter; }
    const std::optional<Core::SandboxRecord> &created() const { return m_created; }

private:
    void browse();
    void onFolderChanged();
    void suggestName();
    void updatePresetDescription();
    void validate();
    void updateLimits(); // what the fields mean for the chosen backend
    void fitHeight();    // notes that wrap onto more or fewer lines are shown whole, without gaps
    void createSandbox(bool run);

    const Core::Paths &m_paths;
    Creator m_create;
    QComboBox *m_folder;
    QLineEdit *m_name;
    QComboBox *m_agent;
    QComboBox *m_preset;
    QLabel *m_presetDescription;
    QRadioButton *m_clone;
    QRadioButton *m_direct;
    QLabel *m_modeNote;
    QComboBox *m_backend;
    QLabel *m_backendNote;
    QSpinBox *m_cpus;
    QLineEdit *m_memory;
    QLineEdit *m_disk; // a microVM clone's own disk
    QLabel *m_diskLabel;
    QLabel *m_limitsLabel;
    QLabel *m_limitsNote;
    QLabel *m_problem;
    QPushButton *m_createButton;
    QPushButton *m_createAndRunButton;
    QString m_suggestedName; // replaced as the folder or agent changes, unless the user typed another
    bool m_runAfter = false;
    std::optional<Core::SandboxRecord> m_created;
};

} // namespace Paddock::App

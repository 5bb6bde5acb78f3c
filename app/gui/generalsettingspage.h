#pragma once

#include "core/paths.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace Paddock::Core {
class TemplateCatalog;
}

namespace Paddock::App {

// Settings → General: the language, the agent and network preset new sandboxes start with, how much
// scrollback a pane keeps, and the kernel microVMs boot (Debian's or Paddock's own, which the guest image is
// built again around). Each change is saved at once; a settings file that cannot be written is said.
class GeneralSettingsPage : public QWidget
{
    Q_OBJECT

public:
    GeneralSettingsPage(const Core::Paths &paths, const Core::TemplateCatalog &templates,
                        QWidget *parent = nullptr);

private:
    void save();
    void showKernel();
    void changeKernel();

    const Core::Paths &m_paths;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QComboBox *m_template;
    QComboBox *m_preset;
    QSpinBox *m_scrollback;
    QLabel *m_kernel;
    QPushButton *m_kernelButton;
    QLabel *m_error;
    QString m_startedLanguage; // the language this run uses, to say when a restart is needed
};

} // namespace Paddock::App

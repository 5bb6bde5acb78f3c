#pragma once

#include "core/result.h"

#include <QWidget>

#include <optional>

class QFrame;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace Paddock::Core {
class SecretStore;
class TemplateCatalog;
} // namespace Paddock::Core

namespace Paddock::App {

// Settings → Secrets: the API keys the proxy injects, each with the templates that use it and whether it is
// set; Set…/Replace… asks for a value (never shown again once saved), Remove… asks first. Where no keychain
// answers, a banner says what to install or start instead. The store and catalog must outlive the page.
class SecretsPage : public QWidget
{
    Q_OBJECT

public:
    SecretsPage(Core::SecretStore &store, const Core::TemplateCatalog &templates, QWidget *parent = nullptr);

    // Lists the names and the templates again (connect TemplatesPage::templatesChanged here, after the
    // catalog was reloaded) and asks the keychain again whether it answers.
    void reload();
    // Unknown until the keychain first answered.
    std::optional<bool> isKeychainAvailable() const { return m_available; }
    QString currentName() const;
    void selectSecret(const QString &name);

Q_SIGNALS:
    // A secret was set or removed.
    void secretsChanged();
    // The keychain answered whether it is there (after construction, reload() and Try Again).
    void keychainChecked(bool available);

private:
    void refreshList();
    void checkKeychain();
    void showKeychainProblem(const QString &message);
    void updateButtons();
    void setCurrent();
    void addSecret();
    void saveSecret(const QString &name, const QString &value);
    void removeCurrent();
    void setBusy(const QString &status);
    // After the keychain answered a change: the outcome in the status line, or why it failed.
    void finish(const Core::Result<> &result, const QString &name, const QString &done,
                const QString &failedTitle);
    QStringList usersOf(const QString &name) const;

    Core::SecretStore &m_store;
    const Core::TemplateCatalog &m_templates;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QTreeWidget *m_list;
    QPushButton *m_addButton;
    QPushButton *m_setButton;
    QPushButton *m_removeButton;
    QLabel *m_status;
    QStringList m_setNames;
    std::optional<bool> m_available;
    bool m_busy = false;
};

} // namespace Paddock::App

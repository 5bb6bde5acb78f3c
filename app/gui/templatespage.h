#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace Paddock::Core {
class TemplateCatalog;
}

namespace Paddock::App {

class TemplateListModel;

// The Templates page: every agent template in a list, the selected one on the right. Built-ins are shown
// read-only (Duplicate… makes an editable copy); the user's own are edited in a form or as JSON, checked as
// they are typed by the parser that loads them, and saved only when valid. Files that do not load are listed
// with the reason, to be fixed or deleted. The catalog must outlive the page.
class TemplatesPage : public QWidget
{
    Q_OBJECT

public:
    explicit TemplatesPage(Core::TemplateCatalog &catalog, QWidget *parent = nullptr);

    // Unsaved edits of the selected template.
    bool isModified() const;
    // Before the page goes away: asks to save or discard unsaved edits; false when the user wants to stay.
    bool confirmDiscard();
    // Reads the templates folder again (after another program changed it); keeps unsaved edits selected.
    void reload();
    void selectTemplate(const QString &id);
    QString currentId() const { return m_currentId; }

    TemplateListModel *model() const { return m_model; }

Q_SIGNALS:
    // A template was saved, created or deleted: views listing templates should reload their catalog.
    void templatesChanged();

private:
    enum class Mode { Form, Json };

    void buildForm(QWidget *form);
    void onCurrentChanged(const QModelIndex &current, const QModelIndex &previous);
    void selectRow(int row);
    void loadCurrent();
    void fillForm();
    void setMode(Mode mode);
    void setReadOnly(bool readOnly);
    void validate();
    QByteArray currentJson() const;
    bool save();
    void revert();
    void createTemplate();
    void duplicateTemplate();
    void deleteCurrent();
    std::optional<QString> askForId(const QString &title, const QString &suggestion);
    bool createFrom(QJsonObject object);

    // Form fields write their key into m_draft as they change; everything else in the file stays as it was.
    void setKey(const QString &key, const QJsonValue &value);
    void writeList(const QString &key, const QStringList &list);
    void writeAttention(const QString &key, const QStringList &list);
    void writeInstall();
    void writeEnvironment();
    void writeCredentials();
    void addCredential();
    void removeCredential();

    Core::TemplateCatalog &m_catalog;
    TemplateListModel *m_model;
    QListView *m_list;
    QPushButton *m_newButton;
    QPushButton *m_duplicateButton;
    QPushButton *m_deleteButton;

    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_banner;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_json;
    QLabel *m_status;
    QPushButton *m_modeButton;
    QPushButton *m_revertButton;
    QPushButton *m_saveButton;

    QLineEdit *m_id = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_installKind = nullptr;
    QLineEdit *m_install = nullptr;
    QLineEdit *m_command = nullptr;
    QLineEdit *m_yoloFlags = nullptr;
    QPlainTextEdit *m_environment = nullptr;
    QPlainTextEdit *m_hosts = nullptr;
    QTableWidget *m_credentials = nullptr;
    QPushButton *m_addCredential = nullptr;
    QPushButton *m_removeCredential = nullptr;
    QPlainTextEdit *m_waiting = nullptr;
    QPlainTextEdit *m_done = nullptr;

    // What is selected: a template (by id) or a broken file (by path), and what it was when loaded.
    QString m_currentId;
    QString m_currentFile;
    bool m_builtIn = false;
    QByteArray m_originalJson;
    QJsonObject m_originalObject;
    bool m_originalIsObject = false;
    QJsonObject m_draft; // the form's state (in JSON mode the text is)
    Mode m_mode = Mode::Form;
    Mode m_preferredMode = Mode::Form; // the user's last choice, for the next template
    bool m_loading = false;            // fields are being filled: their change signals are not edits
    bool m_selecting = false;          // the selection moves by program, not by the user
};

} // namespace Paddock::App

#include "app/gui/secretspage.h"

#include "app/gui/notelabel.h"

#include "app/gui/statedot.h"
#include "core/secretstore.h"
#include "core/templatecatalog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

enum Column { NameColumn, StateColumn, UsedByColumn };

struct Entered
{
    QString name;
    QString value;
};

// The dialog that takes a value: the name too when adding one no template names yet. The value is typed into
// a password field and leaves with the dialog; surrounding spaces, as copying often adds, are dropped.
std::optional<Entered> askForSecret(QWidget *parent, const QString &name, const QStringList &users,
                                    bool replacing)
{
    QDialog dialog(parent);
    dialog.setObjectName(u"secretDialog"_s);
    dialog.setWindowTitle(name.isEmpty() ? SecretsPage::tr("Add Secret")
                          : replacing    ? SecretsPage::tr("Replace %1").arg(name)
                                         : SecretsPage::tr("Set %1").arg(name));
    auto *nameEdit = new QLineEdit(name, &dialog);
    nameEdit->setObjectName(u"name"_s);
    nameEdit->setPlaceholderText(SecretsPage::tr("such as anthropic-api-key"));
    auto *valueEdit = new QLineEdit(&dialog);
    valueEdit->setObjectName(u"value"_s);
    valueEdit->setEchoMode(QLineEdit::Password);
    valueEdit->setPlaceholderText(replacing ? SecretsPage::tr("Paste the new key or token")
                                            : SecretsPage::tr("Paste the key or token"));
    valueEdit->setMinimumWidth(360);

    QString intro;
    if (name.isEmpty())
        intro = SecretsPage::tr("Name the secret as templates refer to it, and paste its value.");
    else if (users.isEmpty())
        intro = SecretsPage::tr("No template uses %1 at the moment.").arg(name);
    else
        intro = SecretsPage::tr("The proxy adds %1 to the requests of %2.").arg(name, users.join(u", "_s));
    auto *introLabel = new QLabel(intro, &dialog);
    introLabel->setWordWrap(true);
    introLabel->setTextFormat(Qt::PlainText);
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(u"problem"_s);
    problem->setWordWrap(true);
    problem->setTextFormat(Qt::PlainText);
    problem->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    if (name.isEmpty())
        form->addRow(SecretsPage::tr("&Name:"), nameEdit);
    else
        nameEdit->hide();
    form->addRow(SecretsPage::tr("&Value:"), valueEdit);
    form->addRow(
        QString(),
        createNoteLabel(&dialog, SecretsPage::tr("Kept in the system keychain. Paddock never shows it "
                                                 "again, and sandboxes only see a placeholder.")));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    QPushButton *save = buttons->addButton(SecretsPage::tr("&Save"), QDialogButtonBox::AcceptRole);
    save->setObjectName(u"save"_s);
    save->setDefault(true);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);

    const auto validate = [=] {
        QString message;
        if (const auto valid = SecretStore::validateName(nameEdit->text().trimmed()); !valid)
            message = nameEdit->text().isEmpty() ? QString() : valid.error().message;
        else if (const auto value = SecretStore::validateValue(valueEdit->text().trimmed()); !value)
            message = valueEdit->text().isEmpty() ? QString() : value.error().message;
        const bool ok = SecretStore::validateName(nameEdit->text().trimmed()) &&
                        SecretStore::validateValue(valueEdit->text().trimmed());
        save->setEnabled(ok);
        problem->setText(message);
        problem->setVisible(!message.isEmpty());
    };
    QObject::connect(nameEdit, &QLineEdit::textChanged, &dialog, validate);
    QObject::connect(valueEdit, &QLineEdit::textChanged, &dialog, validate);
    validate();

    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(introLabel);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addWidget(problem);
    layout->addStretch();
    layout->addWidget(buttons);
    (name.isEmpty() ? nameEdit : valueEdit)->setFocus();

    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    Entered entered{nameEdit->text().trimmed(), valueEdit->text().trimmed()};
    valueEdit->clear();
    return entered;
}

} // namespace

SecretsPage::SecretsPage(SecretStore &store, const TemplateCatalog &templates, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_templates(templates)
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_addButton(new QPushButton(tr("&Add…"), this))
    , m_setButton(new QPushButton(tr("&Set…"), this))
    , m_removeButton(new QPushButton(tr("&Remove…"), this))
    , m_status(new QLabel(this))
{
    setObjectName(u"secretsPage"_s);

    auto *intro =
        new QLabel(tr("API keys and tokens that the proxy adds to an agent's requests. They are kept in "
                      "the system keychain; sandboxes only ever see a placeholder, and Paddock never "
                      "shows a value again once it is saved."),
                   this);
    intro->setWordWrap(true);

    // The banner: what is missing and what to do about it, in place of the list's buttons working.
    m_banner->setObjectName(u"noKeychainBanner"_s);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);
    auto *icon = new QLabel(m_banner);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);
    auto *bannerTitle = new QLabel(tr("Set Up a Keychain to Save API Keys"), m_banner);
    QFont titleFont = bannerTitle->font();
    titleFont.setBold(true);
    bannerTitle->setFont(titleFont);
    m_bannerText->setParent(m_banner);
    m_bannerText->setObjectName(u"noKeychainText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *retry = new QPushButton(tr("&Try Again"), m_banner);
    retry->setObjectName(u"retry"_s);
    auto *bannerText = new QVBoxLayout;
    bannerText->setSpacing(4);
    bannerText->addWidget(bannerTitle);
    bannerText->addWidget(m_bannerText);
    auto *retryRow = new QHBoxLayout;
    retryRow->addStretch();
    retryRow->addWidget(retry);
    bannerText->addLayout(retryRow);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(10, 10, 10, 10);
    bannerLayout->setSpacing(10);
    bannerLayout->addWidget(icon, 0, Qt::AlignTop);
    bannerLayout->addLayout(bannerText, 1);
    m_banner->hide();

    m_list->setObjectName(u"secretList"_s);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Name"), tr("State"), tr("Used By")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionsMovable(false);
    m_list->setColumnWidth(NameColumn, m_list->fontMetrics().horizontalAdvance(u"anthropic-api-key"_s) + 48);
    m_list->setColumnWidth(StateColumn, m_list->fontMetrics().horizontalAdvance(tr("Not set")) + 56);

    m_addButton->setObjectName(u"add"_s);
    m_addButton->setToolTip(tr("Save a secret that no template names yet"));
    m_setButton->setObjectName(u"set"_s);
    m_removeButton->setObjectName(u"remove"_s);
    m_removeButton->setToolTip(tr("Delete the selected secret from the keychain"));
    m_status->setObjectName(u"status"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_setButton);
    buttons->addWidget(m_removeButton);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(intro);
    layout->addWidget(m_banner);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &SecretsPage::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (m_setButton->isEnabled())
            setCurrent();
    });
    connect(m_addButton, &QPushButton::clicked, this, &SecretsPage::addSecret);
    connect(m_setButton, &QPushButton::clicked, this, &SecretsPage::setCurrent);
    connect(m_removeButton, &QPushButton::clicked, this, &SecretsPage::removeCurrent);
    connect(retry, &QPushButton::clicked, this, &SecretsPage::checkKeychain);

    refreshList();
    checkKeychain();
}

void SecretsPage::reload()
{
    refreshList();
    checkKeychain();
}

QString SecretsPage::currentName() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->text(NameColumn) : QString();
}

void SecretsPage::selectSecret(const QString &name)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (m_list->topLevelItem(row)->text(NameColumn) == name)
            m_list->setCurrentItem(m_list->topLevelItem(row));
    }
}

QStringList SecretsPage::usersOf(const QString &name) const
{
    QStringList users;
    for (const AgentTemplate &agent : m_templates.templates()) {
        for (const CredentialBinding &credential : agent.credentials) {
            if (credential.secret == name && !users.contains(agent.name))
                users.append(agent.name);
        }
    }
    return users;
}

void SecretsPage::refreshList()
{
    const QString current = currentName();
    const auto names = m_store.names();
    m_setNames = names ? *names : QStringList();
    if (!names)
        m_status->setText(names.error().message);
    QStringList all = m_setNames;
    for (const AgentTemplate &agent : m_templates.templates()) {
        for (const CredentialBinding &credential : agent.credentials) {
            if (!all.contains(credential.secret))
                all.append(credential.secret);
        }
    }
    all.sort();

    m_list->clear();
    for (const QString &name : all) {
        const bool isSet = m_setNames.contains(name);
        const QStringList users = usersOf(name);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, name);
        item->setText(StateColumn, isSet ? tr("Set") : tr("Not set"));
        item->setIcon(StateColumn, stateDot(isSet ? StateLook::Running : StateLook::Starting));
        item->setText(UsedByColumn, users.isEmpty() ? tr("No template") : users.join(u", "_s));
        if (users.isEmpty())
            item->setForeground(UsedByColumn, palette().brush(QPalette::PlaceholderText));
        const QString tip =
            isSet ? tr("Saved in the keychain; Replace… saves a new value.")
            : users.isEmpty()
                ? tr("Not set.")
                : tr("Not set: %1 cannot sign in until it is. Set… saves it.").arg(users.join(u", "_s));
        item->setToolTip(StateColumn, tip);
        item->setToolTip(NameColumn, tip);
    }
    selectSecret(current);
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
}

void SecretsPage::checkKeychain()
{
    setBusy(tr("Asking the keychain…"));
    m_store.checkAvailable(this, [this](Result<> result) {
        m_busy = false;
        m_status->clear();
        m_available = bool(result);
        if (result)
            m_banner->hide();
        else
            showKeychainProblem(result.error().message);
        updateButtons();
        Q_EMIT keychainChecked(bool(result));
    });
}

void SecretsPage::showKeychainProblem(const QString &message)
{
    m_bannerText->setText(message);
    m_banner->show();
}

void SecretsPage::updateButtons()
{
    const QString name = currentName();
    const bool isSet = m_setNames.contains(name);
    const bool usable = !m_busy && m_available.value_or(false);
    m_setButton->setText(isSet ? tr("Re&place…") : tr("&Set…"));
    m_setButton->setToolTip(isSet ? tr("Save a new value for the selected secret")
                                  : tr("Save a value for the selected secret"));
    m_setButton->setEnabled(usable && !name.isEmpty());
    m_removeButton->setEnabled(usable && isSet);
    m_addButton->setEnabled(usable);
}

void SecretsPage::setBusy(const QString &status)
{
    m_busy = true;
    m_status->setText(status);
    updateButtons();
}

void SecretsPage::setCurrent()
{
    const QString name = currentName();
    if (name.isEmpty())
        return;
    if (const auto entered = askForSecret(this, name, usersOf(name), m_setNames.contains(name)))
        saveSecret(entered->name, entered->value);
}

void SecretsPage::addSecret()
{
    if (const auto entered = askForSecret(this, {}, {}, false))
        saveSecret(entered->name, entered->value);
}

void SecretsPage::saveSecret(const QString &name, const QString &value)
{
    setBusy(tr("Saving %1 in the keychain…").arg(name));
    m_store.write(name, value, this, [this, name](Result<> result) {
        finish(result, name, tr("Saved %1.").arg(name), tr("Could Not Save the Secret"));
    });
}

void SecretsPage::removeCurrent()
{
    const QString name = currentName();
    if (!m_setNames.contains(name))
        return;
    const QStringList users = usersOf(name);
    QMessageBox question(QMessageBox::Question, tr("Remove %1?").arg(name),
                         tr("Remove %1 from the keychain?").arg(name), QMessageBox::Cancel, this);
    question.setInformativeText(
        users.isEmpty() ? tr("No template uses it.")
                        : tr("The proxy then stops adding it to requests, so %1 cannot sign in until "
                             "you set it again.")
                              .arg(users.join(u", "_s)));
    QPushButton *remove = question.addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmRemove"_s);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() != remove)
        return;
    setBusy(tr("Removing %1 from the keychain…").arg(name));
    m_store.remove(name, this, [this, name](Result<> result) {
        finish(result, name, tr("Removed %1.").arg(name), tr("Could Not Remove the Secret"));
    });
}

void SecretsPage::finish(const Result<> &result, const QString &name, const QString &done,
                         const QString &failedTitle)
{
    m_busy = false;
    refreshList();
    if (result) {
        m_status->setText(done);
        selectSecret(name);
        Q_EMIT secretsChanged();
        return;
    }
    m_status->clear();
    if (result.error().code == ErrorCode::Unavailable) {
        m_available = false;
        showKeychainProblem(result.error().message);
        updateButtons();
        return;
    }
    QMessageBox::warning(this, failedTitle, result.error().message);
}

} // namespace Paddock::App

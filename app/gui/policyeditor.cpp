#include "app/gui/policyeditor.h"

#include "app/gui/notelabel.h"

#include "app/gui/policyrulesmodel.h"
#include "app/gui/policytestbox.h"
#include "app/gui/statedot.h"
#include "app/host/sandboxhost.h"
#include "core/presetcatalog.h"
#include "core/sandboxstore.h"
#include "core/settings.h"
#include "core/templatecatalog.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

constexpr int KindRole = Qt::UserRole + 1;
constexpr int TargetRole = Qt::UserRole + 2;
constexpr int OtherFolder = -1; // the scope item that asks for a project folder

void setProblemLook(QLabel *label, bool problem)
{
    if (problem) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, stateColour(StateLook::Failed));
        label->setPalette(palette);
        label->setForegroundRole(QPalette::WindowText);
    } else {
        label->setPalette({});
        label->setForegroundRole(QPalette::PlaceholderText);
    }
}

// A folder as the user knows it: ~ for the home folder.
QString displayFolder(const QString &folder)
{
    const QString home = QDir::homePath();
    if (folder == home || folder.startsWith(home + u'/'))
        return QDir::toNativeSeparators(u"~"_s + folder.mid(home.size()));
    return QDir::toNativeSeparators(folder);
}

bool startsWithAction(const QString &text)
{
    const QString first = text.section(u' ', 0, 0).toLower();
    return first == "allow"_L1 || first == "deny"_L1 || first == "intercept"_L1;
}

} // namespace

PolicyEditor::PolicyEditor(const Paths &paths, SandboxHost *host, QWidget *parent)
    : QWidget(parent)
    , m_paths(paths)
    , m_host(host)
    , m_model(new PolicyRulesModel(this))
{
    setObjectName(u"policyEditor"_s);
    setWindowTitle(tr("Network Policy"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createScopeSection());
    layout->addWidget(createRulesSection(), 1);
    layout->addWidget(createTestSection());
    layout->addLayout(createButtonRow());

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, [this] {
            updateState();
            updateTest();
        });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateState();
        updateTest();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PolicyEditor::updateState);

    refreshScopes();
    load();
}

QSize PolicyEditor::sizeHint() const
{
    return QSize(880, 700);
}

QWidget *PolicyEditor::createScopeSection()
{
    auto *section = new QWidget(this);
    m_scopeBox = new QComboBox(section);
    m_scopeBox->setObjectName(u"policyScope"_s);
    m_scopeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scopeBox->setMinimumContentsLength(36);
    connect(m_scopeBox, &QComboBox::activated, this, &PolicyEditor::onScopeActivated);

    m_preset = new QComboBox(section);
    m_preset->setObjectName(u"policyPreset"_s);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_presetDescription = createNoteLabel(section);
    m_presetDescription->setObjectName(u"presetDescription"_s);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        updatePresetDescription();
        updateState();
        updateTest();
    });

    auto *scopeLabel = new QLabel(tr("&Policy:"), section);
    scopeLabel->setBuddy(m_scopeBox);
    auto *presetLabel = new QLabel(tr("Prese&t:"), section);
    presetLabel->setBuddy(m_preset);
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_scopeBox);
    scopeRow->addStretch();
    auto *presetBox = new QVBoxLayout;
    presetBox->setSpacing(3);
    auto *presetRow = new QHBoxLayout;
    presetRow->addWidget(m_preset);
    presetRow->addStretch();
    presetBox->addLayout(presetRow);
    presetBox->addWidget(m_presetDescription);

    auto *form = new QFormLayout(section);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(scopeLabel, scopeRow);
    form->addRow(presetLabel, presetBox);
    return section;
}

QWidget *PolicyEditor::createRulesSection()
{
    auto *box = new QGroupBox(tr("Rules"), this);

    m_view = new QTableView(box);
    m_view->setObjectName(u"policyRules"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(PolicyRulesModel::Note, QHeaderView::Stretch);
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(PolicyRulesModel::Action, std::max({metrics.horizontalAdvance(tr("Allow")),
                                                               metrics.horizontalAdvance(tr("Deny")),
                                                               metrics.horizontalAdvance(tr("Invalid"))}) +
                                                         40); // and the dot
    m_view->setColumnWidth(PolicyRulesModel::Rule,
                           metrics.horizontalAdvance(u"GET,HEAD registry.npmjs.example.org:443/v1/**"_s) +
                               16);
    // Double-clicking anywhere in a row edits its rule, the only cell that can be edited.
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != PolicyRulesModel::Rule)
            m_view->edit(index.siblingAtColumn(PolicyRulesModel::Rule));
    });

    m_edit = new QPushButton(tr("&Edit"), box);
    m_edit->setObjectName(u"editRule"_s);
    m_edit->setToolTip(tr("Change the selected rule (F2 or double-click)"));
    m_remove = new QPushButton(tr("&Remove"), box);
    m_remove->setObjectName(u"removeRule"_s);
    m_remove->setToolTip(tr("Remove the selected rules (Delete)"));
    connect(m_edit, &QPushButton::clicked, this, &PolicyEditor::editCurrent);
    connect(m_remove, &QPushButton::clicked, this, &PolicyEditor::removeSelected);
    auto *editAction = new QAction(tr("Edit"), m_view);
    editAction->setShortcut(Qt::Key_F2);
    editAction->setShortcutContext(Qt::WidgetShortcut);
    connect(editAction, &QAction::triggered, this, &PolicyEditor::editCurrent);
    auto *removeAction = new QAction(tr("Remove"), m_view);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &PolicyEditor::removeSelected);
    m_view->addActions({editAction, removeAction});
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PolicyEditor::updateState);

    auto *sideButtons = new QVBoxLayout;
    sideButtons->addWidget(m_edit);
    sideButtons->addWidget(m_remove);
    sideButtons->addStretch();

    m_newAction = new QComboBox(box);
    m_newAction->setObjectName(u"newRuleAction"_s);
    m_newAction->addItem(stateDot(StateLook::Running), tr("Allow"), u"allow"_s);
    m_newAction->addItem(stateDot(StateLook::Failed), tr("Deny"), u"deny"_s);
    //: A policy rule that has Paddock open the TLS of a host's connections, to scan them.
    m_newAction->addItem(stateDot(StateLook::Starting), tr("Intercept"), u"intercept"_s);
    m_newRule = new QLineEdit(box);
    m_newRule->setObjectName(u"newRule"_s);
    m_newRule->setPlaceholderText(tr("[METHODS] host[:port][/path], e.g. **.example.com:443"));
    m_newRule->setClearButtonEnabled(true);
    m_add = new QPushButton(tr("&Add"), box);
    m_add->setObjectName(u"addRule"_s);
    m_newRuleMessage = createNoteLabel(box);
    m_newRuleMessage->setObjectName(u"newRuleMessage"_s);
    connect(m_newRule, &QLineEdit::textChanged, this, &PolicyEditor::validateNewRule);
    connect(m_newAction, &QComboBox::currentIndexChanged, this, &PolicyEditor::validateNewRule);
    connect(m_newRule, &QLineEdit::returnPressed, this, &PolicyEditor::addRuleFromField);
    connect(m_add, &QPushButton::clicked, this, &PolicyEditor::addRuleFromField);
    auto *newLabel = new QLabel(tr("&New rule:"), box);
    newLabel->setBuddy(m_newRule);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(newLabel);
    addRow->addWidget(m_newAction);
    addRow->addWidget(m_newRule, 1);

    m_rulesNote = createNoteLabel(box);
    m_rulesNote->setObjectName(u"rulesNote"_s);

    auto *grid = new QGridLayout(box);
    grid->addWidget(m_view, 0, 0);
    grid->addLayout(sideButtons, 0, 1);
    grid->addWidget(m_rulesNote, 1, 0);
    grid->addItem(new QSpacerItem(0, 6), 2, 0);
    grid->addLayout(addRow, 3, 0);
    grid->addWidget(m_add, 3, 1);
    grid->addWidget(m_newRuleMessage, 4, 0);
    grid->setRowStretch(0, 1);
    validateNewRule();
    return box;
}

QWidget *PolicyEditor::createTestSection()
{
    m_test = new PolicyTestBox(
        [this] {
            return PolicyCommand::effectivePolicy(m_paths, m_scope == Scope::Sandbox ? m_target : QString(),
                                                  m_scope == Scope::Project ? m_target : QString(), draft());
        },
        this);
    return m_test;
}

QLayout *PolicyEditor::createButtonRow()
{
    m_import = new QPushButton(tr("&Import…"), this);
    m_import->setObjectName(u"importPolicy"_s);
    m_import->setToolTip(tr("Add the rules of a policy file, such as a project's .paddock/policy.json"));
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setObjectName(u"exportPolicy"_s);
    m_export->setToolTip(
        tr("Save these rules as a policy file, for example to commit as .paddock/policy.json"));
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setObjectName(u"revertPolicy"_s);
    m_revert->setToolTip(tr("Forget the changes and show the saved rules"));
    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(u"savePolicy"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"policyStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    connect(m_import, &QPushButton::clicked, this, &PolicyEditor::importWithDialog);
    connect(m_export, &QPushButton::clicked, this, &PolicyEditor::exportWithDialog);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        revert();
        showStatus(tr("Showing the saved rules."));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (auto saved = save(); !saved)
            showStatus(saved.error().message, true);
    });

    auto *row = new QHBoxLayout;
    row->addWidget(m_import);
    row->addWidget(m_export);
    row->addSpacing(8);
    row->addWidget(m_status, 1);
    row->addSpacing(8);
    row->addWidget(m_revert);
    row->addWidget(m_save);
    return row;
}

void PolicyEditor::refreshScopes()
{
    QStringList folders;
    QStringList sandboxes;
    for (const SandboxRecord &record : SandboxStore(m_paths.sandboxesDir()).list()) {
        sandboxes.append(record.name);
        folders.append(record.workspace);
    }
    Settings settings(m_paths.settingsFile());
    (void)settings.load(); // without recent folders, the sandboxes' folders are still offered
    folders += settings.recentFolders();
    if (m_scope == Scope::Project)
        folders.append(m_target);
    folders.removeAll(QString());
    folders.sort();
    folders.removeDuplicates();

    const QSignalBlocker blocker(m_scopeBox);
    m_scopeBox->clear();
    const auto add = [this](const QString &text, int kind, const QString &target, const QString &tip) {
        m_scopeBox->addItem(text);
        const int index = m_scopeBox->count() - 1;
        m_scopeBox->setItemData(index, kind, KindRole);
        m_scopeBox->setItemData(index, target, TargetRole);
        m_scopeBox->setItemData(index, tip, Qt::ToolTipRole);
    };
    add(tr("Global (every sandbox)"), int(Scope::Global), {},
        QDir::toNativeSeparators(m_paths.globalPolicyFile()));
    m_scopeBox->insertSeparator(m_scopeBox->count());
    for (const QString &folder : std::as_const(folders))
        //: A scope of the policy editor: the policy file of a project folder.
        add(tr("Project %1").arg(displayFolder(folder)), int(Scope::Project), folder,
            QDir::toNativeSeparators(PolicyFile::projectFileIn(folder)));
    add(tr("Other Project Folder…"), OtherFolder, {}, tr("Choose a project folder to edit its policy file"));
    if (!sandboxes.isEmpty())
        m_scopeBox->insertSeparator(m_scopeBox->count());
    for (const QString &name : std::as_const(sandboxes))
        //: A scope of the policy editor: one sandbox's own rules.
        add(tr("Sandbox %1").arg(name), int(Scope::Sandbox), name, tr("The rules of this sandbox only"));
    m_scopeBox->setCurrentIndex(std::max(scopeIndex(m_scope, m_target), 0));
}

int PolicyEditor::scopeIndex(Scope scope, const QString &target) const
{
    for (int index = 0; index < m_scopeBox->count(); ++index) {
        const QVariant kind = m_scopeBox->itemData(index, KindRole);
        if (kind.isValid() && kind.toInt() == int(scope) &&
            (scope == Scope::Global || m_scopeBox->itemData(index, TargetRole).toString() == target))
            return index;
    }
    return -1;
}

bool PolicyEditor::setScope(Scope scope, const QString &target)
{
    const QString normalized = scope == Scope::Global ? QString() : target;
    if (scope == m_scope && normalized == m_target)
        return true;
    if (!confirmClose())
        return false;
    m_scope = scope;
    m_target = normalized;
    if (scopeIndex(scope, normalized) < 0)
        refreshScopes();
    {
        const QSignalBlocker blocker(m_scopeBox);
        m_scopeBox->setCurrentIndex(std::max(scopeIndex(scope, normalized), 0));
    }
    m_message.clear();
    load();
    return true;
}

void PolicyEditor::onScopeActivated(int index)
{
    const int kind = m_scopeBox->itemData(index, KindRole).toInt();
    const QString target = m_scopeBox->itemData(index, TargetRole).toString();
    bool changed = false;
    if (kind == OtherFolder) {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Project Folder"), m_scope == Scope::Project ? m_target : QDir::homePath());
        changed = !folder.isEmpty() && setScope(Scope::Project, QDir::fromNativeSeparators(folder));
    } else {
        changed = setScope(Scope(kind), target);
    }
    if (!changed) {
        const QSignalBlocker blocker(m_scopeBox);
        m_scopeBox->setCurrentIndex(std::max(scopeIndex(m_scope, m_target), 0));
    }
}

void PolicyEditor::load()
{
    m_loadError.clear();
    m_filePreset.clear();
    m_templateName.clear();
    m_templateHosts.clear();
    QStringList rules;
    QString preset;
    switch (m_scope) {
    case Scope::Global:
    case Scope::Project: {
        const QString path =
            m_scope == Scope::Global ? m_paths.globalPolicyFile() : PolicyFile::projectFileIn(m_target);
        const auto document = PolicyFile::load(path);
        if (!document) {
            m_loadError =
                tr("%1 Fix the file in a text editor, then choose Revert.").arg(document.error().message);
            break;
        }
        m_filePreset = document->preset;
        for (const PolicyRule &rule : document->rules)
            rules.append(rule.toString());
        if (m_scope == Scope::Global)
            preset = document->preset.isEmpty() ? PresetCatalog::defaultPresetId() : document->preset;
        break;
    }
    case Scope::Sandbox: {
        const auto record = SandboxStore(m_paths.sandboxesDir()).find(m_target);
        if (!record) {
            m_loadError = tr("There is no sandbox named \"%1\".").arg(m_target);
            break;
        }
        rules = record->policyRules;
        preset = record->presetId;
        if (const auto agent = TemplateCatalog(m_paths.templatesDir()).find(record->templateId)) {
            m_templateName = agent->name;
            m_templateHosts = agent->requiredHosts;
        }
        break;
    }
    }
    m_model->setTexts(rules);
    m_savedRules = m_model->texts();
    fillPresets();
    {
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(std::max(m_preset->findData(preset), 0));
    }
    m_savedPreset = presetId();
    updatePresetDescription();
    updateState();
    updateTest();
}

void PolicyEditor::fillPresets()
{
    const QSignalBlocker blocker(m_preset);
    m_preset->clear();
    if (m_scope == Scope::Project) {
        //: The preset field when a project's policy file is edited.
        m_preset->addItem(tr("Not set by a project file"), m_filePreset);
        return;
    }
    if (m_scope == Scope::Sandbox) {
        const auto global = PolicyFile::load(m_paths.globalPolicyFile());
        const QString globalId =
            global && !global->preset.isEmpty() ? global->preset : PresetCatalog::defaultPresetId();
        const auto preset = PresetCatalog::load(globalId);
        m_preset->addItem(tr("Same as the global policy (%1)").arg(preset ? preset->name : globalId),
                          QString());
    }
    for (const QString &id : PresetCatalog::ids()) {
        const auto preset = PresetCatalog::load(id);
        m_preset->addItem(preset ? preset->name : id, id);
        m_preset->setItemData(m_preset->count() - 1, preset ? preset->description : QString(),
                              Qt::ToolTipRole);
    }
}

QString PolicyEditor::presetId() const
{
    return m_preset->currentData().toString();
}

void PolicyEditor::updatePresetDescription()
{
    if (m_scope == Scope::Project) {
        m_presetDescription->setText(tr("A project's file holds rules only: each sandbox starts from its own "
                                        "preset or the global one."));
        return;
    }
    QString id = presetId();
    QString prefix;
    if (id.isEmpty()) {
        const auto global = PolicyFile::load(m_paths.globalPolicyFile());
        id = global && !global->preset.isEmpty() ? global->preset : PresetCatalog::defaultPresetId();
    }
    const auto preset = PresetCatalog::load(id);
    if (!preset) {
        m_presetDescription->setText(preset.error().message);
        return;
    }
    const int count = int(preset->rules().size());
    m_presetDescription->setText(tr("%1 (%n rules)", nullptr, count).arg(preset->description));
    QStringList groups;
    for (const PresetGroup &group : preset->groups)
        groups.append(group.name);
    m_presetDescription->setToolTip(groups.join(u", "_s));
}

void PolicyEditor::validateNewRule()
{
    const QString text = m_newRule->text().simplified();
    const QString full = startsWithAction(text) ? text : m_newAction->currentData().toString() + u' ' + text;
    bool usable = false;
    bool problem = false;
    QString message;
    if (text.isEmpty()) {
        message = tr("For example **.github.com:443, GET,HEAD registry.npmjs.org:443 or 10.0.0.0/8:8080.");
    } else if (const auto rule = PolicyRule::parse(full); !rule) {
        message = rule.error().message;
        problem = true;
    } else if (m_model->contains(*rule)) {
        message = tr("\"%1\" is listed already.").arg(rule->toString());
    } else {
        message = tr("Press Enter to add \"%1\".").arg(rule->toString());
        usable = true;
    }
    m_newRuleMessage->setText(message);
    setProblemLook(m_newRuleMessage, problem);
    m_add->setEnabled(usable && m_loadError.isEmpty());
}

void PolicyEditor::addRuleFromField()
{
    validateNewRule();
    if (!m_add->isEnabled())
        return;
    const QString text = m_newRule->text().simplified();
    const int row = m_model->appendRule(
        startsWithAction(text) ? text : m_newAction->currentData().toString() + u' ' + text);
    m_newRule->clear();
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
    m_message.clear();
    updateState();
}

void PolicyEditor::editCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_view->edit(current.siblingAtColumn(PolicyRulesModel::Rule));
}

void PolicyEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows))
        m_model->removeRows(row, 1);
    // The row that took the place of the first one removed, so Delete can go on.
    const int next = std::min(rows.last(), m_model->rowCount() - 1);
    if (next >= 0)
        m_view->selectRow(next);
    m_message.clear();
    updateState();
}

bool PolicyEditor::isModified() const
{
    return m_loadError.isEmpty() && (m_model->texts() != m_savedRules || presetId() != m_savedPreset);
}

void PolicyEditor::showStatus(const QString &text, bool problem)
{
    m_message = text;
    m_messageIsProblem = problem;
    updateState();
}

void PolicyEditor::updateState()
{
    const bool readable = m_loadError.isEmpty();
    const int invalid = m_model->invalidCount();
    const bool modified = isModified();
    const bool selected = m_view->selectionModel()->hasSelection();

    m_view->setEnabled(readable);
    m_newRule->setEnabled(readable);
    m_newAction->setEnabled(readable);
    m_preset->setEnabled(readable && m_scope != Scope::Project);
    m_edit->setEnabled(readable && selected);
    m_remove->setEnabled(readable && selected);
    m_import->setEnabled(readable);
    m_export->setEnabled(readable && invalid == 0);
    m_save->setEnabled(modified && invalid == 0);
    m_revert->setEnabled(modified || !readable);
    validateNewRule(); // a rule just added or removed changes "listed already"

    QString note = tr("The most specific rule wins, and at equal specificity deny wins, so the order of the "
                      "rules does not matter. Anything no rule allows is blocked.");
    if (m_scope == Scope::Sandbox && !m_templateHosts.isEmpty())
        note += u' ' + tr("The hosts %1 needs are allowed as well: %2.")
                           .arg(m_templateName, m_templateHosts.join(u", "_s));
    m_rulesNote->setText(note);

    if (!readable) {
        m_status->setText(m_loadError);
        setProblemLook(m_status, true);
    } else if (invalid > 0) {
        m_status->setText(
            tr("%n rule(s) cannot be read: correct or remove them before saving.", nullptr, invalid));
        setProblemLook(m_status, true);
    } else {
        m_status->setText(m_message);
        setProblemLook(m_status, m_messageIsProblem);
        if (!m_messageIsProblem)
            m_status->setForegroundRole(QPalette::WindowText);
    }

    if (modified != m_wasModified) {
        m_wasModified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

PolicyCommand::Draft PolicyEditor::draft() const
{
    PolicyCommand::Draft draft;
    switch (m_scope) {
    case Scope::Global:
        draft.globalPreset = presetId();
        draft.globalRules = m_model->rules();
        break;
    case Scope::Project:
        draft.projectRules = m_model->rules();
        break;
    case Scope::Sandbox:
        draft.sandboxPreset = presetId();
        draft.sandboxRules = m_model->rules();
        break;
    }
    return draft;
}

void PolicyEditor::updateTest()
{
    switch (m_scope) {
    case Scope::Global:
        m_test->setContext(tr("With the preset and the global rules above, changes not saved yet included. A "
                              "project's file and a sandbox's rules can change the answer."));
        break;
    case Scope::Project:
        m_test->setContext(tr("With the global policy and this project's rules above, changes not saved yet "
                              "included. A sandbox's own rules can change the answer."));
        break;
    case Scope::Sandbox:
        m_test->setContext(
            tr("With everything that applies to %1: its preset, the global rules, its project's "
               "file and its rules above, changes not saved yet included.")
                .arg(m_target));
        break;
    }
    m_test->setFootnote(m_model->invalidCount() > 0 ? tr("Rules that cannot be read are left out.")
                                                    : QString());
    m_test->update();
}

QString PolicyEditor::scopeDescription() const
{
    switch (m_scope) {
    case Scope::Global:
        return tr("the global policy");
    case Scope::Project:
        return tr("the policy file of %1").arg(displayFolder(m_target));
    case Scope::Sandbox:
        return tr("the rules of %1").arg(m_target);
    }
    return {};
}

Result<> PolicyEditor::save()
{
    if (!m_loadError.isEmpty())
        return fail(ErrorCode::Corrupt, m_loadError);
    if (const int invalid = m_model->invalidCount(); invalid > 0)
        return fail(ErrorCode::InvalidArgument,
                    tr("%n rule(s) cannot be read: correct or remove them before saving.", nullptr, invalid));
    const QList<PolicyRule> rules = m_model->rules();
    // An unchanged preset is written as the file had it: "not set" stays not set.
    const QString preset = presetId() == m_savedPreset ? m_filePreset : presetId();
    QStringList affected;
    switch (m_scope) {
    case Scope::Global:
    case Scope::Project: {
        const QString path =
            m_scope == Scope::Global ? m_paths.globalPolicyFile() : PolicyFile::projectFileIn(m_target);
        if (auto saved = PolicyFile::save(path, PolicyDocument{preset, rules}); !saved)
            return saved;
        m_filePreset = preset;
        // A project's file concerns the sandboxes working on it; reloading the others changes nothing.
        if (m_host)
            affected = m_host->manager().runningSandboxes();
        break;
    }
    case Scope::Sandbox: {
        SandboxStore store(m_paths.sandboxesDir());
        auto record = store.find(m_target);
        if (!record)
            return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(m_target));
        record->policyRules.clear();
        for (const PolicyRule &rule : rules)
            record->policyRules.append(rule.toString());
        record->presetId = presetId();
        if (auto saved = store.save(*record); !saved)
            return saved;
        if (m_host && m_host->manager().isRunning(m_target))
            affected = {m_target};
        break;
    }
    }
    m_savedRules = m_model->texts();
    m_savedPreset = presetId();

    QStringList failures;
    for (const QString &name : std::as_const(affected)) {
        if (auto reloaded = m_host->reloadPolicy(name); !reloaded)
            failures.append(tr("%1 keeps its old policy: %2").arg(name, reloaded.error().message));
    }
    if (!failures.isEmpty())
        showStatus(tr("Saved, but %1").arg(failures.join(u"; "_s)), true);
    else if (!affected.isEmpty())
        showStatus(tr("Saved. The %n running sandbox(es) use the new rules from their next request.", nullptr,
                      int(affected.size())));
    else
        showStatus(tr("Saved. Sandboxes use the new rules from their next start."));
    Q_EMIT saved();
    return {};
}

void PolicyEditor::revert()
{
    load();
}

bool PolicyEditor::confirmClose()
{
    if (!isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved Changes"),
                    tr("Save the changes to %1?").arg(scopeDescription()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("The rules you added, changed or removed are lost otherwise."));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        if (auto saved = save(); !saved) {
            showStatus(saved.error().message, true);
            return false;
        }
        return true;
    case QMessageBox::Discard:
        revert();
        return true;
    default:
        return false;
    }
}

Result<int> PolicyEditor::importFrom(const QString &path)
{
    const auto imported = readRules(path);
    if (!imported) {
        showStatus(tr("Nothing was imported. %1").arg(imported.error().message), true);
        return imported;
    }
    const QString file = QFileInfo(path).fileName();
    showStatus(*imported == 0
                   ? tr("%1 has no rule that is not listed already.").arg(file)
                   : tr("Imported %n rule(s) from %1; save to keep them.", nullptr, *imported).arg(file));
    return imported;
}

Result<int> PolicyEditor::readRules(const QString &path)
{
    if (!m_loadError.isEmpty())
        return fail(ErrorCode::Corrupt, m_loadError);
    if (!QFileInfo(path).isFile())
        return fail(ErrorCode::NotFound, tr("There is no file %1.").arg(QDir::toNativeSeparators(path)));
    const auto document = PolicyFile::load(path);
    if (!document)
        return std::unexpected(document.error());
    int added = 0;
    for (const PolicyRule &rule : document->rules) {
        if (!m_model->contains(rule)) {
            m_model->appendRule(rule.toString());
            ++added;
        }
    }
    if (m_scope != Scope::Project && !document->preset.isEmpty()) {
        if (const int index = m_preset->findData(document->preset); index >= 0)
            m_preset->setCurrentIndex(index);
    }
    return added;
}

Result<> PolicyEditor::exportTo(const QString &path) const
{
    if (const int invalid = m_model->invalidCount(); invalid > 0)
        return fail(
            ErrorCode::InvalidArgument,
            tr("%n rule(s) cannot be read: correct or remove them before exporting.", nullptr, invalid));
    const QString preset = m_scope == Scope::Global ? presetId() : QString();
    return PolicyFile::save(path, PolicyDocument{preset, m_model->rules()});
}

void PolicyEditor::importWithDialog()
{
    const QString start = m_scope == Scope::Project ? m_target : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Policy File"), start,
                                                      tr("Policy files (*.json);;All files (*)"));
    if (!path.isEmpty())
        (void)importFrom(path); // says what happened under the buttons
}

void PolicyEditor::exportWithDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Policy File"), QDir::home().filePath(u"policy.json"_s),
                                     tr("Policy files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (auto written = exportTo(path); !written)
        showStatus(written.error().message, true);
    else
        showStatus(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace Paddock::App

#include "app/gui/newsandboxdialog.h"
#include "app/cli/imagecommand.h"
#include "app/gui/guestimagedialog.h"

#include "app/gui/notelabel.h"

#include "core/presetcatalog.h"
#include "core/sandboxstore.h"
#include "core/settings.h"
#include "core/templatecatalog.h"
#include "core/workspaceclone.h"
#include "vm/backendavailability.h"
#include "vm/resourcelimits.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyle>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// A sandbox name from a folder name: lower case, other characters as '-', within the name rules.
QString nameFrom(const QString &folder, const QString &agent)
{
    QString base;
    for (const QChar c : QFileInfo(folder).fileName().toLower()) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (allowed)
            base += c;
        else if (!base.isEmpty() && !base.endsWith(u'-'))
            base += u'-';
    }
    while (base.endsWith(u'-'))
        base.chop(1);
    if (base.isEmpty())
        base = u"sandbox"_s;
    return base.left(40) + u'-' + agent.left(20);
}

} // namespace

NewSandboxDialog::NewSandboxDialog(const Paths &paths, Creator create, QWidget *parent)
    : QDialog(parent)
    , m_paths(paths)
    , m_create(std::move(create))
    , m_folder(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_agent(new QComboBox(this))
    , m_preset(new QComboBox(this))
    , m_presetDescription(createNoteLabel(this))
    , m_clone(new QRadioButton(tr("A clone, on a branch of its own"), this))
    , m_direct(new QRadioButton(tr("The folder itself"), this))
    , m_modeNote(createNoteLabel(this))
    , m_backend(new QComboBox(this))
    , m_backendNote(createNoteLabel(this))
    , m_cpus(new QSpinBox(this))
    , m_memory(new QLineEdit(this))
    , m_disk(new QLineEdit(this))
    , m_diskLabel(new QLabel(tr("D&isk:"), this))
    , m_limitsLabel(new QLabel(this))
    , m_limitsNote(createNoteLabel(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("New Sandbox"));
    setObjectName(u"newSandboxDialog"_s);
    Settings settings(paths.settingsFile());
    (void)settings.load(); // a broken file was moved aside and reported elsewhere; defaults do here

    m_folder->setObjectName(u"folder"_s);
    m_folder->setEditable(true);
    m_folder->setInsertPolicy(QComboBox::NoInsert);
    m_folder->addItems(settings.recentFolders());
    m_folder->setCurrentIndex(-1);
    m_folder->lineEdit()->setPlaceholderText(tr("The project folder the agent works in"));
    m_folder->setMinimumContentsLength(40);
    m_folder->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    browseButton->setObjectName(u"browse"_s);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browseButton);

    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("lower-case letters, digits and -"));

    m_agent->setObjectName(u"agent"_s);
    const TemplateCatalog templates(paths.templatesDir());
    for (const AgentTemplate &agent : templates.templates()) {
        m_agent->addItem(agent.name, agent.id);
        m_agent->setItemData(m_agent->count() - 1, agent.description, Qt::ToolTipRole);
    }
    m_agent->setCurrentIndex(std::max(m_agent->findData(settings.defaultTemplate), 0));

    m_preset->setObjectName(u"preset"_s);
    for (const QString &id : PresetCatalog::ids()) {
        const auto preset = PresetCatalog::load(id);
        m_preset->addItem(preset ? preset->name : id, id);
        m_preset->setItemData(m_preset->count() - 1, preset ? preset->description : QString(),
                              Qt::ToolTipRole);
    }
    m_preset->setCurrentIndex(std::max(m_preset->findData(settings.defaultPreset), 0));
    m_presetDescription->setObjectName(u"presetDescription"_s);

    auto *modes = new QButtonGroup(this);
    modes->addButton(m_clone);
    modes->addButton(m_direct);
    m_clone->setObjectName(u"cloneMode"_s);
    m_direct->setObjectName(u"directMode"_s);
    m_clone->setChecked(true);
    m_modeNote->setObjectName(u"modeNote"_s);
    auto *modeBox = new QVBoxLayout;
    modeBox->setSpacing(2);
    modeBox->addWidget(m_clone);
    modeBox->addWidget(m_direct);
    modeBox->addWidget(m_modeNote);

    m_backend->setObjectName(u"backend"_s);
    m_backendNote->setObjectName(u"backendNote"_s);
    m_backend->addItem(tr("Linux namespaces (bubblewrap)"),
                       SandboxRecord::backendName(SandboxRecord::Backend::Namespace));
    // A microVM is offered where QEMU is; without KVM it is emulated, which the user is told up front.
    const Vm::BackendStatus microVm = Vm::BackendAvailability().microVmBackend();
    const bool hasImage = ImageCommand::hasImage(m_paths);
    m_backend->addItem(microVm.level == Vm::BackendStatus::Level::Emulated
                           ? tr("MicroVM (QEMU) — emulated (slow)")
                           : tr("MicroVM (QEMU)"),
                       SandboxRecord::backendName(SandboxRecord::Backend::MicroVm));
    const bool offered = microVm.level != Vm::BackendStatus::Level::Unavailable;
    if (auto *items = qobject_cast<QStandardItemModel *>(m_backend->model())) {
        items->item(1)->setEnabled(offered);
        items->item(1)->setToolTip(microVm.detail); // why it is emulated, or what it needs
    }
    const QString namespaceNote =
        tr("Namespace sandboxes see only their workspace and reach the network only "
           "through Paddock's proxy.");
    // Two lines at most: the note's height is laid out once.
    m_backendNote->setText(microVm.level == Vm::BackendStatus::Level::Unavailable ? microVm.detail
                                                                                  : namespaceNote);
    const QString microVmNote =
        !hasImage ? tr("A microVM runs its own kernel. The first one builds the guest image: a few minutes, "
                       "about 125 MB to download.")
        : microVm.level == Vm::BackendStatus::Level::Emulated
            ? tr("A microVM runs its own kernel. There is no usable KVM here, so it is emulated: several "
                 "times slower.")
            : tr("A microVM runs its own kernel, sees only its workspace and reaches the network only "
                 "through Paddock's proxy.");
    connect(m_backend, &QComboBox::currentIndexChanged, this, [this, namespaceNote, microVmNote](int index) {
        m_backendNote->setText(index == 1 ? microVmNote : namespaceNote);
        updateLimits();
        validate();
    });

    m_cpus->setObjectName(u"cpus"_s);
    m_cpus->setRange(0, std::max(QThread::idealThreadCount(), 1));
    m_cpus->setSuffix(tr(" CPUs"));
    m_memory->setObjectName(u"memory"_s);
    m_disk->setObjectName(u"disk"_s);
    m_limitsNote->setObjectName(u"limitsNote"_s);
    auto *limitsRow = new QHBoxLayout;
    auto *memoryLabel = new QLabel(tr("M&emory:"), this);
    memoryLabel->setBuddy(m_memory);
    m_diskLabel->setBuddy(m_disk);
    limitsRow->addWidget(m_cpus);
    limitsRow->addSpacing(6);
    limitsRow->addWidget(memoryLabel);
    limitsRow->addWidget(m_memory, 1);
    limitsRow->addSpacing(6);
    limitsRow->addWidget(m_diskLabel);
    limitsRow->addWidget(m_disk, 1);
    m_limitsLabel->setBuddy(m_cpus);
    updateLimits();

    m_problem->setObjectName(u"problem"_s);
    styleAsProblem(m_problem);

    // A field with its note right under it, and a label whose mnemonic reaches the field.
    const auto withNote = [](QLayout *field, QLabel *note) {
        auto *box = new QVBoxLayout;
        box->setSpacing(3);
        box->addLayout(field);
        box->addWidget(note);
        return box;
    };
    const auto single = [](QWidget *widget) {
        auto *box = new QHBoxLayout;
        box->addWidget(widget);
        return box;
    };
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(label(tr("&Project folder:"), m_folder), folderRow);
    form->addRow(label(tr("&Name:"), m_name), m_name);
    form->addRow(label(tr("&Agent:"), m_agent), m_agent);
    form->addRow(label(tr("Net&work policy:"), m_preset), withNote(single(m_preset), m_presetDescription));
    form->addRow(tr("The agent works in:"), modeBox);
    form->addRow(label(tr("&Backend:"), m_backend), withNote(single(m_backend), m_backendNote));
    form->addRow(m_limitsLabel, withNote(limitsRow, m_limitsNote));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_createAndRunButton = buttons->addButton(tr("Create && &Run"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"create"_s);
    m_createAndRunButton->setObjectName(u"createAndRun"_s);
    m_createAndRunButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, [this] { createSandbox(false); });
    connect(m_createAndRunButton, &QPushButton::clicked, this, [this] { createSandbox(true); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(browseButton, &QPushButton::clicked, this, &NewSandboxDialog::browse);
    connect(m_folder, &QComboBox::currentTextChanged, this, &NewSandboxDialog::onFolderChanged);
    connect(m_agent, &QComboBox::currentIndexChanged, this, &NewSandboxDialog::suggestName);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &NewSandboxDialog::updatePresetDescription);
    connect(m_name, &QLineEdit::textChanged, this, &NewSandboxDialog::validate);
    connect(m_memory, &QLineEdit::textChanged, this, &NewSandboxDialog::validate);
    connect(m_disk, &QLineEdit::textChanged, this, &NewSandboxDialog::validate);
    connect(m_clone, &QRadioButton::toggled, this, &NewSandboxDialog::validate);
    connect(m_clone, &QRadioButton::toggled, this, &NewSandboxDialog::updateLimits);
    updatePresetDescription();
    onFolderChanged();
    resize(sizeHint().expandedTo(QSize(620, 0)));
}

void NewSandboxDialog::updateLimits()
{
    // A namespace sandbox gets cgroup limits; a microVM is a machine of that size, with a disk of its own for
    // a clone.
    const bool microVm = m_backend->currentIndex() == 1;
    m_limitsLabel->setText(microVm ? tr("&Machine:") : tr("&Limits:"));
    m_cpus->setSpecialValueText(microVm ? tr("1 CPU") : tr("No limit"));
    m_memory->setPlaceholderText(microVm ? tr("1G") : tr("No limit (e.g. 4G)"));
    m_disk->setPlaceholderText(tr("32G"));
    m_disk->setVisible(microVm);
    m_diskLabel->setVisible(microVm);
    m_disk->setEnabled(m_clone->isChecked());
    m_disk->setToolTip(
        m_clone->isChecked()
            ? tr("The clone's own disk. It is sparse: it takes only the space the clone uses.")
            : tr("The folder itself is shared into the machine, so there is no disk to size."));
    QString note;
    if (microVm)
        note = tr("Its CPUs, memory and, for a clone, its disk (sparse: it takes only what is used).");
    else if (const QString reason = Vm::ResourceLimits::unavailableReason(); !reason.isEmpty())
        note = tr("Limits cannot be applied on this computer: %1").arg(reason);
    m_limitsNote->setText(note);
    m_limitsNote->setVisible(!note.isEmpty());
    fitHeight();
}

void NewSandboxDialog::setFolder(const QString &folder)
{
    m_folder->setCurrentText(QDir::toNativeSeparators(folder));
}

void NewSandboxDialog::browse()
{
    const QString start = m_folder->currentText().isEmpty() ? QDir::homePath() : m_folder->currentText();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Project Folder"), start);
    if (!folder.isEmpty())
        setFolder(folder);
}

void NewSandboxDialog::onFolderChanged()
{
    const QString folder = m_folder->currentText().trimmed();
    const bool repository = QFileInfo(folder).isDir() && WorkspaceClone::isRepository(folder);
    m_clone->setEnabled(repository);
    if (repository) {
        m_clone->setChecked(true);
    } else {
        m_direct->setChecked(true);
    }
    suggestName();
    validate();
}

void NewSandboxDialog::suggestName()
{
    const QString folder = m_folder->currentText().trimmed();
    if (folder.isEmpty() || (!m_name->text().isEmpty() && m_name->text() != m_suggestedName))
        return; // the user chose a name: keep it
    SandboxStore store(m_paths.sandboxesDir());
    const QString base = nameFrom(folder, m_agent->currentData().toString());
    QString name = base;
    for (int n = 2; store.find(name); ++n)
        name = base + u'-' + QString::number(n);
    m_suggestedName = name;
    m_name->setText(name);
}

void NewSandboxDialog::updatePresetDescription()
{
    m_presetDescription->setText(m_preset->currentData(Qt::ToolTipRole).toString());
}

void NewSandboxDialog::validate()
{
    const QString folder = m_folder->currentText().trimmed();
    const bool repository = m_clone->isEnabled();
    if (m_clone->isChecked())
        m_modeNote->setText(tr("The agent commits to the branch paddock/%1 in a clone; your folder and its "
                               "branches are untouched until you merge.")
                                .arg(m_name->text().isEmpty() ? u"…"_s : m_name->text()));
    else if (!folder.isEmpty() && QFileInfo(folder).isDir() && !repository)
        m_modeNote->setText(tr("Not a git repository, so the agent changes the folder itself."));
    else
        m_modeNote->setText(tr("The agent changes the folder itself; nothing to review or merge later."));

    QString problem;
    SandboxStore store(m_paths.sandboxesDir());
    if (folder.isEmpty())
        problem = tr("Choose the project folder the agent works in.");
    else if (!QFileInfo(folder).isDir())
        problem = tr("%1 is not a folder.").arg(folder);
    else if (auto valid = SandboxRecord::validateName(m_name->text()); !valid)
        problem = m_name->text().isEmpty() ? tr("Give the sandbox a name.") : valid.error().message;
    else if (store.find(m_name->text()))
        problem = tr("A sandbox named \"%1\" exists already.").arg(m_name->text());
    else if (!m_memory->text().trimmed().isEmpty() &&
             !Vm::ResourceLimits::parseMemoryMiB(m_memory->text().trimmed()))
        problem = tr("Write the memory limit as a size, such as 4G or 512M.");
    else if (!m_disk->isHidden() && m_disk->isEnabled() && !m_disk->text().trimmed().isEmpty() &&
             Vm::ResourceLimits::parseMemoryMiB(m_disk->text().trimmed()).value_or(0) < 256)
        problem = tr("Write the disk size as a size of at least 256M, such as 64G.");
    m_problem->setText(problem);
    m_createButton->setEnabled(problem.isEmpty());
    m_createAndRunButton->setEnabled(problem.isEmpty());
    fitHeight();
}

void NewSandboxDialog::fitHeight()
{
    QLayout *top = layout();
    if (!top)
        return; // still being built
    top->activate();
    const int wanted =
        top->hasHeightForWidth() ? top->totalHeightForWidth(width()) : top->totalSizeHint().height();
    if (wanted > 0 && wanted != height())
        resize(width(), wanted);
}

Vm::CreateOptions NewSandboxDialog::options() const
{
    Vm::CreateOptions options;
    options.name = m_name->text();
    options.workspace = QDir::fromNativeSeparators(m_folder->currentText().trimmed());
    options.templateId = m_agent->currentData().toString();
    options.presetId = m_preset->currentData().toString();
    options.mode = m_clone->isChecked() ? SandboxRecord::Mode::Clone : SandboxRecord::Mode::Direct;
    options.backend = SandboxRecord::backendFromName(m_backend->currentData().toString())
                          .value_or(SandboxRecord::Backend::Namespace);
    options.cpus = m_cpus->value();
    options.memoryMiB = m_memory->text().trimmed().isEmpty()
                            ? 0
                            : Vm::ResourceLimits::parseMemoryMiB(m_memory->text().trimmed()).value_or(0);
    if (options.backend == SandboxRecord::Backend::MicroVm && options.mode == SandboxRecord::Mode::Clone)
        options.diskMiB = Vm::ResourceLimits::parseMemoryMiB(m_disk->text().trimmed()).value_or(0);
    return options;
}

void NewSandboxDialog::createSandbox(bool run)
{
    validate();
    if (!m_createButton->isEnabled())
        return;
    // The first microVM builds the guest image, with its progress shown, before anything is created.
    if (options().backend == SandboxRecord::Backend::MicroVm &&
        !GuestImageDialog::ensureImage(m_paths, this)) {
        m_problem->setText(tr("A microVM needs the guest image, which was not built; choose Linux namespaces "
                              "or try again."));
        return;
    }
    QGuiApplication::setOverrideCursor(Qt::WaitCursor); // cloning a large repository takes a moment
    const auto created = m_create(options());
    QGuiApplication::restoreOverrideCursor();
    if (!created) {
        m_problem->setText(created.error().message);
        return;
    }
    Settings settings(m_paths.settingsFile());
    (void)settings.load();
    settings.addRecentFolder(created->workspace);
    (void)settings.save(); // a folder not remembered is no reason to fail a created sandbox
    m_created = *created;
    m_runAfter = run;
    accept();
}

} // namespace Paddock::App

#include "app/gui/generalsettingspage.h"

#include "app/cli/imagecommand.h"
#include "app/cli/translations.h"
#include "app/gui/guestimagedialog.h"
#include "app/gui/notelabel.h"
#include "core/presetcatalog.h"
#include "core/settings.h"
#include "core/templatecatalog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

GeneralSettingsPage::GeneralSettingsPage(const Paths &paths, const TemplateCatalog &templates,
                                         QWidget *parent)
    : QWidget(parent)
    , m_paths(paths)
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(this))
    , m_template(new QComboBox(this))
    , m_preset(new QComboBox(this))
    , m_scrollback(new QSpinBox(this))
    , m_kernel(new QLabel(this))
    , m_kernelButton(new QPushButton(this))
    , m_error(new QLabel(this))
{
    setObjectName(u"generalPage"_s);
    Settings settings(paths.settingsFile());
    if (auto loaded = settings.load(); !loaded)
        m_error->setText(loaded.error().message);
    m_startedLanguage = settings.language;

    m_language->setObjectName(u"language"_s);
    const QString systemLanguage = QLocale::system().nativeLanguageName(); // empty for the C locale
    m_language->addItem(systemLanguage.isEmpty() ? tr("System default")
                                                 : tr("System default (%1)").arg(systemLanguage),
                        QString());
    // Each language in its own name, so a user who cannot read the current one still finds theirs.
    for (const QString &code : availableLanguages()) {
        QString name = QLocale(code).nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper(); // "Deutsch", not "deutsch", in a list of languages
        m_language->addItem(name.isEmpty() ? code : name, code);
    }
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language)));
    m_languageNote->setObjectName(u"languageNote"_s);
    m_languageNote->setText(tr("Paddock uses the new language the next time it starts."));
    m_languageNote->setVisible(false);

    m_template->setObjectName(u"defaultTemplate"_s);
    for (const AgentTemplate &agent : templates.templates())
        m_template->addItem(agent.name, agent.id);
    m_template->setCurrentIndex(qMax(0, m_template->findData(settings.defaultTemplate)));

    m_preset->setObjectName(u"defaultPreset"_s);
    for (const QString &id : PresetCatalog::ids()) {
        const auto preset = PresetCatalog::load(id);
        m_preset->addItem(preset ? preset->name : id, id);
        if (preset)
            m_preset->setItemData(m_preset->count() - 1, preset->description, Qt::ToolTipRole);
    }
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(settings.defaultPreset)));

    m_scrollback->setObjectName(u"scrollbackLines"_s);
    m_scrollback->setRange(100, 1000000);
    m_scrollback->setSingleStep(1000);
    m_scrollback->setGroupSeparatorShown(true);
    m_scrollback->setSuffix(tr(" lines"));
    m_scrollback->setValue(settings.scrollbackLines);

    m_kernel->setObjectName(u"microVmKernel"_s);
    m_kernel->setTextFormat(Qt::PlainText);
    m_kernelButton->setObjectName(u"changeMicroVmKernel"_s);
    showKernel();

    m_error->setObjectName(u"settingsError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(
        u"color: palette(bright-text); background: #c0392b; padding: 6px; border-radius: 3px;"_s);
    m_error->setVisible(!m_error->text().isEmpty());

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("Default &agent:"), m_template);
    form->addRow(tr("Default network &preset:"), m_preset);
    form->addRow(tr("&Scrollback per pane:"), m_scrollback);
    form->addRow(createNoteLabel(this, tr("New sandboxes start with the default agent and preset; the New "
                                          "Sandbox dialog lets you choose others. Scrollback applies to "
                                          "panes opened from now on.")));
    form->addItem(new QSpacerItem(0, 12));
    auto *kernel = new QHBoxLayout;
    kernel->addWidget(m_kernel);
    kernel->addWidget(m_kernelButton);
    auto *kernelLabel = new QLabel(tr("MicroVM &kernel:"), this);
    kernelLabel->setBuddy(m_kernelButton);
    form->addRow(kernelLabel, kernel);
    form->addRow(
        createNoteLabel(this, tr("Paddock's own kernel starts microVMs in half the time. Building it "
                                 "takes 5 to 12 minutes once and needs the Debian packages make, "
                                 "gcc, flex, bison, bc and libelf-dev.")));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addStretch(1);

    const auto changed = [this] { save(); };
    connect(m_language, &QComboBox::currentIndexChanged, this, changed);
    connect(m_template, &QComboBox::currentIndexChanged, this, changed);
    connect(m_preset, &QComboBox::currentIndexChanged, this, changed);
    connect(m_scrollback, &QSpinBox::valueChanged, this, changed);
    connect(m_kernelButton, &QPushButton::clicked, this, &GeneralSettingsPage::changeKernel);
}

void GeneralSettingsPage::showKernel()
{
    using Kind = ImageCommand::Kernel::Kind;
    const ImageCommand::Kernel kernel = ImageCommand::imageKernel(m_paths);
    switch (kernel.kind) {
    case Kind::NoImage:
        m_kernel->setText(tr("Debian's (built with the guest image, at the first microVM)"));
        break;
    case Kind::Debians:
        m_kernel->setText(tr("Debian's (%1)").arg(kernel.release));
        break;
    case Kind::PaddocksOwn:
        m_kernel->setText(tr("Paddock's own (%1)").arg(kernel.release));
        break;
    case Kind::OnesOwn:
        m_kernel->setText(tr("Your own (%1)").arg(kernel.release));
        break;
    }
    m_kernel->setToolTip(kernel.file);
    m_kernelButton->setText(kernel.isDebians() ? tr("Build Paddock's Own…") : tr("Use Debian's…"));
}

void GeneralSettingsPage::changeKernel()
{
    // The other kernel than the image boots now (the CLI may have changed it since the page showed it).
    GuestImageDialog dialog(m_paths,
                            ImageCommand::imageKernel(m_paths).isDebians()
                                ? GuestImageDialog::Kernel::PaddocksOwn
                                : GuestImageDialog::Kernel::Debians,
                            this);
    dialog.start();
    dialog.exec();
    showKernel();
}

void GeneralSettingsPage::save()
{
    Settings settings(m_paths.settingsFile());
    (void)settings.load(); // a broken file was moved aside and reported when the page opened
    settings.language = m_language->currentData().toString();
    settings.defaultTemplate = m_template->currentData().toString();
    settings.defaultPreset = m_preset->currentData().toString();
    settings.scrollbackLines = m_scrollback->value();
    m_languageNote->setVisible(settings.language != m_startedLanguage);
    const auto saved = settings.save();
    m_error->setText(saved ? QString() : saved.error().message);
    m_error->setVisible(!saved);
}

} // namespace Paddock::App

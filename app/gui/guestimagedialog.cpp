#include "app/gui/guestimagedialog.h"

#include "app/cli/imagecommand.h"
#include "app/gui/notelabel.h"
#include "vm/guestimage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// About how many messages building Paddock's kernel gives (Vm::KernelBuilder::build): download, unpack,
// configure, compile, four counts of files compiled, done.
constexpr int kernelSteps = 9;

} // namespace

GuestImageDialog::GuestImageDialog(const Core::Paths &paths, Kernel kernel, QWidget *parent)
    : QDialog(parent)
    , m_paths(paths)
    // An image built again keeps Paddock's own kernel: found, or built anew for a new version or config.
    , m_kernel(kernel == Kernel::Kept && ImageCommand::rebuildsPaddocksKernel(paths) ? Kernel::PaddocksOwn
                                                                                     : kernel)
    , m_step(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    const bool ownKernel = m_kernel == Kernel::PaddocksOwn;
    setWindowTitle(ownKernel ? tr("Building Paddock's Own Kernel") : tr("Building the MicroVM Guest Image"));
    auto *title = new QLabel(ownKernel ? tr("<b>Building Paddock's own kernel for microVMs</b>")
                                       : tr("<b>Building the microVM guest image</b>"),
                             this);
    auto *explanation = new QLabel(
        ownKernel
            ? tr("Linux from Debian's source, with only what a microVM needs built in: machines start in "
                 "half the time. It is built once, in 5 to 12 minutes, and downloads about 140 MB.")
            : tr("MicroVMs boot a Linux kernel and a small system of their own: git, Node.js and npm, "
                 "made once from Debian's packages. This takes a few minutes and downloads about 125 MB."),
        this);
    explanation->setWordWrap(true);
    m_step->setObjectName(u"step"_s);
    m_step->setTextFormat(Qt::PlainText);
    m_step->setText(tr("Starting…"));
    m_bar->setObjectName(u"progress"_s);
    m_bar->setRange(0, Vm::GuestImageBuilder::progressSteps + (ownKernel ? kernelSteps : 0));
    m_bar->setValue(0);
    m_bar->setFormat(tr("Step %v of %m"));
    m_problem->setObjectName(u"problem"_s);
    styleAsProblem(m_problem);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(false);
    if (ownKernel) {
        m_stop = m_buttons->addButton(tr("Stop"), QDialogButtonBox::RejectRole);
        m_stop->setObjectName(u"stopBuild"_s);
        m_stop->setToolTip(tr("Stop building the kernel; its files are removed and nothing changes"));
        m_buttons->button(QDialogButtonBox::Close)->hide(); // Stop stands in for it meanwhile
    }
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GuestImageDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addSpacing(6);
    layout->addWidget(m_step);
    layout->addWidget(m_bar);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
}

GuestImageDialog::~GuestImageDialog()
{
    if (m_thread)
        m_thread->wait();
}

bool GuestImageDialog::ensureImage(const Core::Paths &paths, QWidget *parent)
{
    if (ImageCommand::hasImage(paths))
        return true;
    GuestImageDialog dialog(paths, Kernel::Kept, parent);
    dialog.start();
    return dialog.exec() == QDialog::Accepted;
}

void GuestImageDialog::start()
{
    if (m_thread)
        return;
    const Vm::GuestImageOptions options = m_kernel == Kernel::Kept ? ImageCommand::rebuildOptions(m_paths)
                                                                   : ImageCommand::defaultOptions(m_paths);
    // Progress and the result come back through queued calls: the build never touches a widget.
    m_thread = QThread::create([this, options] {
        const auto progress = [this](const QString &step) {
            QMetaObject::invokeMethod(
                this, [this, step] { onProgress(step); }, Qt::QueuedConnection);
        };
        const auto kernelReady = [this] {
            QMetaObject::invokeMethod(this, &GuestImageDialog::onKernelBuilt, Qt::QueuedConnection);
        };
        const auto image =
            ImageCommand::buildImage(m_paths, options, m_kernel == Kernel::PaddocksOwn, progress, kernelReady,
                                     [this] { return m_stopRequested.load(); });
        const QString problem = image ? QString() : image.error().message;
        QMetaObject::invokeMethod(
            this, [this, problem] { onFinished(problem); }, Qt::QueuedConnection);
    });
    m_thread->start();
}

void GuestImageDialog::onProgress(const QString &step)
{
    // Paddock's kernel may say more than kernelSteps: its share of the bar ends only when it is built.
    const bool buildingKernel = m_kernel == Kernel::PaddocksOwn && !m_kernelBuilt;
    m_bar->setValue(std::min(m_bar->value() + 1, buildingKernel ? kernelSteps - 1 : m_bar->maximum()));
    if (!m_stopRequested)
        m_step->setText(step);
}

void GuestImageDialog::onKernelBuilt()
{
    // The kernel's share of the bar is done, however many messages it gave (one, when it was built before).
    m_kernelBuilt = true;
    m_bar->setValue(kernelSteps);
    if (m_stop) { // the image's part cannot stop halfway
        m_stop->hide();
        m_buttons->button(QDialogButtonBox::Close)->show();
    }
}

void GuestImageDialog::onFinished(const QString &problem)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    if (m_stop) {
        m_stop->hide();
        m_buttons->button(QDialogButtonBox::Close)->show();
    }
    if (problem.isEmpty()) {
        m_bar->setValue(m_bar->maximum());
        accept();
        return;
    }
    if (m_stopRequested) { // as asked: nothing built, nothing changed, nothing to explain
        QDialog::reject();
        return;
    }
    m_step->setText(m_kernel == Kernel::PaddocksOwn && !m_kernelBuilt
                        ? tr("Paddock's kernel could not be built.")
                        : tr("The guest image could not be built."));
    m_problem->setText(problem);
    m_problem->show();
    adjustSize(); // room for the problem's lines
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(true);
}

bool GuestImageDialog::canStop() const
{
    return m_stop && !m_stop->isHidden() && m_stop->isEnabled();
}

void GuestImageDialog::reject()
{
    if (!m_thread) {
        QDialog::reject();
    } else if (canStop()) {
        m_stopRequested = true;
        m_stop->setEnabled(false);
        m_step->setText(tr("Stopping…"));
    }
}

} // namespace Paddock::App

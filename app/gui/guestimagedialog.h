#pragma once

#include "core/paths.h"

#include <QDialog>

#include <atomic>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QThread;

namespace Paddock::App {

// Builds the microVM guest image the first time a microVM is wanted, with a progress bar: it is made from
// Debian's packages (minutes, ~125 MB), so the package leaves it to first use. Settings build it again around
// another kernel. The build runs on a thread of its own; the dialog stays until it ends and, when it fails,
// shows why. Building Paddock's own kernel (minutes) can be stopped: Stop, Escape or closing the window.
class GuestImageDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Kernel {
        Kept,        // the kernel the image had (ImageCommand::rebuildOptions)
        Debians,     // Debian's linux-image-amd64
        PaddocksOwn, // built first (Vm::KernelBuilder), unless it was before
    };

    explicit GuestImageDialog(const Core::Paths &paths, Kernel kernel = Kernel::Kept,
                              QWidget *parent = nullptr);
    ~GuestImageDialog() override;

    // True when the image exists, built here first if it did not.
    static bool ensureImage(const Core::Paths &paths, QWidget *parent);

    void start();
    bool isBuilding() const { return m_thread != nullptr; }

protected:
    // Not while the image is built (it cannot stop halfway); while Paddock's kernel is, stops that build.
    void reject() override;

private:
    void onProgress(const QString &step);
    void onKernelBuilt();
    void onFinished(const QString &problem);
    bool canStop() const;

    const Core::Paths &m_paths;
    const Kernel m_kernel;
    QLabel *m_step;
    QProgressBar *m_bar;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QPushButton *m_stop = nullptr; // while Paddock's kernel is built
    QThread *m_thread = nullptr;
    bool m_kernelBuilt = false;
    std::atomic<bool> m_stopRequested{false}; // asked by the build's thread
};

} // namespace Paddock::App

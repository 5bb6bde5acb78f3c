#include "app/gui/hostclaim.h"

#include <QApplication>
#include <QLocale>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Paddock::App {

std::unique_ptr<QMessageBox> HostClaim::takeOverQuestion(const HostHandover::Holder &holder)
{
    auto box = std::make_unique<QMessageBox>(
        QMessageBox::Question, tr("Show the Background Sandboxes Here?"),
        holder.running.isEmpty()
            ? tr("'paddock serve' (process %1) hosts sandboxes in the background.").arg(holder.pid)
            : tr("'paddock serve' (process %1) runs %2 in the background.")
                  .arg(holder.pid)
                  .arg(QLocale().createSeparatedList(holder.running)),
        QMessageBox::Cancel);
    box->setInformativeText(
        tr("This window can host them once that process has stopped them: the programs in "
           "them end, their workspaces and branches stay, and they start again here."));
    QPushButton *takeOver = box->addButton(tr("Stop Them and Open Here"), QMessageBox::AcceptRole);
    takeOver->setObjectName(u"takeOver"_s);
    box->setDefaultButton(takeOver);
    return box;
}

HostClaim::Outcome HostClaim::claim(const Core::Paths &paths, SandboxHost &host, const Core::Error &refused)
{
    const QString title = tr("Paddock cannot start");
    const auto holder = refused.code == Core::ErrorCode::AlreadyExists ? HostHandover::holder(paths)
                                                                       : std::unexpected(refused);
    if (!holder) {
        QMessageBox::critical(nullptr, title, refused.message);
        return {1, {}};
    }
    switch (holder->role) {
    case SandboxHost::Role::Window:
        if (auto shown = HostHandover::showWindow(paths); !shown) {
            QMessageBox::critical(nullptr, title, shown.error().message);
            return {1, {}};
        }
        return {0, {}}; // it came forward: one window is enough
    case SandboxHost::Role::Command:
        QMessageBox::critical(nullptr, title,
                              tr("A 'paddock exec' or 'paddock run' command (process %1) hosts %2 until it "
                                 "ends. Open Paddock once it has ended.")
                                  .arg(holder->pid)
                                  .arg(QLocale().createSeparatedList(holder->running)));
        return {1, {}};
    case SandboxHost::Role::Service:
        break;
    }
    const auto question = takeOverQuestion(*holder);
    question->exec();
    if (question->clickedButton() != question->findChild<QPushButton *>(u"takeOver"_s))
        return {0, {}};
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto stopped = HostHandover::takeOver(paths, host);
    QApplication::restoreOverrideCursor();
    if (!stopped) {
        QMessageBox::critical(nullptr, title, stopped.error().message);
        return {1, {}};
    }
    return {std::nullopt, *stopped};
}

} // namespace Paddock::App

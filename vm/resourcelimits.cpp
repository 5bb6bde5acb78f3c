#include "vm/resourcelimits.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <mutex>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

QStringList ResourceLimits::commandPrefix(bool asRoot) const
{
    QStringList prefix{u"systemd-run"_s};
    if (!asRoot)
        prefix << u"--user"_s;
    prefix << u"--scope"_s << u"--quiet"_s << u"--collect"_s;
    if (cpus > 0)
        prefix << u"--property=CPUQuota=%1%"_s.arg(cpus * 100);
    if (memoryMiB > 0) // no swap either, or the limit only slows the sandbox down
        prefix << u"--property=MemoryMax=%1M"_s.arg(memoryMiB) << u"--property=MemorySwapMax=0"_s;
    prefix << u"--"_s;
    return prefix;
}

std::optional<int> ResourceLimits::parseMemoryMiB(const QString &text)
{
    static const QRegularExpression size(u"^\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?\\s*$"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    const auto match = size.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    const double mib = unit == u"k"_s   ? value / 1024
                       : unit == u"g"_s ? value * 1024
                       : unit == u"t"_s ? value * 1024 * 1024
                                        : value; // M or none
    if (mib < 1 || mib > 1024.0 * 1024 * 1024)
        return std::nullopt;
    return int(mib);
}

QString ResourceLimits::unavailableReason()
{
    static std::once_flag once;
    static QString reason;
    std::call_once(once, [] {
        if (QStandardPaths::findExecutable(u"systemd-run"_s).isEmpty()) {
            reason = tr("systemd-run is not installed");
            return;
        }
        if (!QFileInfo::exists(u"/sys/fs/cgroup/cgroup.controllers"_s)) {
            reason = tr("the system does not use the unified cgroup v2 hierarchy");
            return;
        }
        ResourceLimits probe;
        probe.cpus = 1;
        probe.memoryMiB = 64;
        QStringList command = probe.commandPrefix(::geteuid() == 0) << u"true"_s;
        QProcess process;
        process.start(command.takeFirst(), command);
        if (!process.waitForFinished(10'000)) {
            process.kill();
            process.waitForFinished();
            reason = tr("systemd did not create a limited scope in time");
        } else if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            const QString detail =
                QString::fromLocal8Bit(process.readAllStandardError()).section(u'\n', 0, 0);
            reason = tr("systemd could not create a limited scope (%1)")
                         .arg(detail.isEmpty() ? tr("no systemd session for this user") : detail.trimmed());
        }
    });
    return reason;
}

} // namespace Paddock::Vm

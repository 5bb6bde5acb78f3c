#include "vm/processusage.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace Paddock::Vm {

namespace {

QByteArray readProc(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// utime + stime from /proc/PID/stat, in seconds. The command name in parentheses may hold spaces and
// parentheses of its own, so the fields are counted from the last ')'.
std::optional<double> cpuSecondsOf(qint64 pid)
{
    const QByteArray stat = readProc(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype end = stat.lastIndexOf(')');
    if (end < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(end + 2).split(' ');
    if (fields.size() < 13)
        return std::nullopt;
    static const double ticks = double(sysconf(_SC_CLK_TCK));
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / ticks; // fields 14 and 15 of stat
}

qint64 residentBytesOf(qint64 pid)
{
    const QList<QByteArray> statm = readProc(QStringLiteral("/proc/%1/statm").arg(pid)).split(' ');
    static const qint64 pageSize = sysconf(_SC_PAGESIZE);
    return statm.size() > 1 ? statm[1].toLongLong() * pageSize : 0;
}

} // namespace

QList<qint64> childProcesses(qint64 pid)
{
    QList<qint64> children;
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString &task : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const QByteArray &child :
             readProc(tasks + u'/' + task + QStringLiteral("/children")).split(' ')) {
            if (const qint64 id = child.trimmed().toLongLong(); id > 0)
                children << id;
        }
    }
    return children;
}

std::optional<ProcessUsage> ProcessUsage::ofTree(qint64 pid)
{
    if (pid <= 0 || !cpuSecondsOf(pid))
        return std::nullopt;
    ProcessUsage usage;
    QList<qint64> pending{pid};
    while (!pending.isEmpty() && usage.processes < 100'000) {
        const qint64 next = pending.takeLast();
        const auto cpu = cpuSecondsOf(next);
        if (!cpu)
            continue; // it ended while we looked
        usage.cpuSeconds += *cpu;
        usage.residentBytes += residentBytesOf(next);
        ++usage.processes;
        pending << childProcesses(next);
    }
    return usage;
}

} // namespace Paddock::Vm

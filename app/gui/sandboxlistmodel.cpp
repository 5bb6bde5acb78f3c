#include "app/gui/sandboxlistmodel.h"

#include "app/gui/statedot.h"

#include "core/sandboxstore.h"
#include "core/templatecatalog.h"
#include "vm/backendavailability.h"
#include "vm/sandboxmanager.h"

#include <QApplication>
#include <QColor>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

SandboxListModel::SandboxListModel(Paths paths, Vm::SandboxManager &manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_paths(std::move(paths))
    , m_manager(manager)
    , m_microVmEmulated(Vm::BackendAvailability().microVmBackend().level ==
                        Vm::BackendStatus::Level::Emulated)
{
    connect(&manager, &Vm::SandboxManager::sandboxStarted, this, [this](const QString &name) {
        m_stopReasons.remove(name);
        sampleUsage(); // memory right away; CPU from the next sample on
        refreshRow(name);
    });
    connect(&manager, &Vm::SandboxManager::sandboxPaused, this,
            [this](const QString &name, const QString &reason) {
                m_pauseReasons.insert(name, reason);
                refreshRow(name);
            });
    connect(&manager, &Vm::SandboxManager::sandboxResumed, this, [this](const QString &name) {
        m_pauseReasons.remove(name);
        refreshRow(name);
    });
    connect(&manager, &Vm::SandboxManager::sandboxStopped, this,
            [this](const QString &name, const QString &reason) {
                m_pauseReasons.remove(name);
                if (!reason.isEmpty())
                    m_stopReasons.insert(name, reason);
                m_usage.remove(name);
                refreshRow(name);
            });
    m_clock.start();
    auto *sampler = new QTimer(this);
    sampler->setInterval(2000);
    connect(sampler, &QTimer::timeout, this, &SandboxListModel::sampleUsage);
    sampler->start();
    reload();
}

void SandboxListModel::sampleUsage()
{
    const qint64 now = m_clock.elapsed();
    for (int row = 0; row < m_records.size(); ++row) {
        const QString &name = m_records.at(row).name;
        if (const QList<int> ports = m_manager.listeningPorts(name); ports != m_ports.value(name)) {
            if (ports.isEmpty())
                m_ports.remove(name);
            else
                m_ports.insert(name, ports);
            Q_EMIT listeningPortsChanged(name, ports);
        }
        const auto usage = m_manager.usage(name);
        if (!usage)
            continue;
        Usage &last = m_usage[name];
        if (last.sampledAtMs > 0 && now > last.sampledAtMs)
            last.cpuPercent = std::max(usage->cpuSeconds - last.cpuSeconds, 0.0) * 100'000.0 /
                              double(now - last.sampledAtMs);
        last.cpuSeconds = usage->cpuSeconds;
        last.residentBytes = usage->residentBytes;
        last.sampledAtMs = std::max<qint64>(now, 1);
        Q_EMIT dataChanged(index(row, Cpu), index(row, Memory));
    }
}

void SandboxListModel::reload()
{
    beginResetModel();
    m_records = SandboxStore(m_paths.sandboxesDir()).list();
    m_templateNames.clear();
    const TemplateCatalog catalog(m_paths.templatesDir());
    for (const AgentTemplate &agent : catalog.templates())
        m_templateNames.insert(agent.id, agent.name);
    endResetModel();
}

std::optional<SandboxRecord> SandboxListModel::record(int row) const
{
    if (row < 0 || row >= m_records.size())
        return std::nullopt;
    return m_records.at(row);
}

int SandboxListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records.at(row).name == name)
            return row;
    }
    return -1;
}

void SandboxListModel::refreshRow(const QString &name)
{
    if (const int row = rowOf(name); row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SandboxListModel::noteDecision(const Proxy::DecisionEvent &event)
{
    Counts &counts = m_counts[event.sandbox];
    if (event.verdict == Proxy::DecisionEvent::Verdict::Allow)
        ++counts.allowed;
    else
        ++counts.blocked;
    if (const int row = rowOf(event.sandbox); row >= 0)
        Q_EMIT dataChanged(index(row, Requests), index(row, Requests));
}

QString SandboxListModel::agentName(const QString &templateId) const
{
    return m_templateNames.value(templateId, templateId);
}

int SandboxListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int SandboxListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SandboxListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SandboxRecord &record = m_records.at(index.row());
    const bool running = m_manager.isRunning(record.name);
    const Counts counts = m_counts.value(record.name);
    if (role == RecordNameRole)
        return record.name;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return record.name;
        case Agent:
            return agentName(record.templateId);
        case State:
            if (running)
                return m_pauseReasons.contains(record.name) ? tr("Paused (disk full)") : tr("Running");
            return m_stopReasons.contains(record.name) ? tr("Stopped (crashed)") : tr("Stopped");
        case Branch:
            return record.mode == SandboxRecord::Mode::Clone ? record.branch : tr("(direct)");
        case Workspace:
            return record.workspace;
        case Backend:
            if (record.backend != SandboxRecord::Backend::MicroVm)
                return tr("Namespace");
            return m_microVmEmulated ? tr("microVM (emulated, slow)") : tr("microVM");
        case Cpu:
            if (const Usage usage = m_usage.value(record.name); running && usage.cpuPercent >= 0)
                return u"%1 %"_s.arg(usage.cpuPercent, 0, 'f', usage.cpuPercent < 10 ? 1 : 0);
            return running ? u"…"_s : u"—"_s;
        case Memory:
            if (const Usage usage = m_usage.value(record.name); running && usage.sampledAtMs > 0)
                return QLocale().formattedDataSize(usage.residentBytes, 0);
            return running ? u"…"_s : u"—"_s;
        case Requests:
            // Blocked requests are what the user acts on (the tooltip has both); the column stays narrow.
            return counts.blocked == 0 ? tr("%1 allowed").arg(counts.allowed)
                                       : tr("%1 blocked").arg(counts.blocked);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Cpu || index.column() == Memory))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == State && running && m_pauseReasons.contains(record.name))
            return m_pauseReasons.value(record.name);
        if (index.column() == State && m_stopReasons.contains(record.name))
            return m_stopReasons.value(record.name);
        if (index.column() == Workspace)
            return record.workspace;
        if (index.column() == Memory)
            return tr("Resident memory of every process in the sandbox, summed as ps shows it");
        if (index.column() == Requests)
            return tr("%1 allowed, %2 blocked").arg(counts.allowed).arg(counts.blocked);
    }
    if (role == Qt::DecorationRole && index.column() == Name)
        return stateDot(running && m_pauseReasons.contains(record.name) ? StateLook::Failed
                        : running                                       ? StateLook::Running
                                                                        : StateLook::Stopped);
    if (role == Qt::ForegroundRole && index.column() == Requests && counts.blocked > 0)
        return stateColour(StateLook::Failed);
    return {};
}

QVariant SandboxListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Agent:
        return tr("Agent");
    case State:
        return tr("State");
    case Branch:
        return tr("Branch");
    case Workspace:
        return tr("Workspace");
    case Backend:
        return tr("Backend");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    case Requests:
        return tr("Requests");
    }
    return {};
}

} // namespace Paddock::App

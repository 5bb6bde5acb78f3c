#pragma once

#include "core/paths.h"
#include "core/sandboxrecord.h"
#include "proxy/decisionevent.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>

namespace Paddock::Vm {
class SandboxManager;
}

namespace Paddock::App {

// The sandboxes as the main window lists them: their records, whether they run here, and how many of their
// requests the proxy allowed and blocked since Paddock started.
class SandboxListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Agent, State, Branch, Workspace, Backend, Cpu, Memory, Requests, ColumnCount };
    static constexpr int RecordNameRole = Qt::UserRole + 1;

    SandboxListModel(Core::Paths paths, Vm::SandboxManager &manager, QObject *parent = nullptr);

    void reload(); // reads the records again (after create or remove)
    std::optional<Core::SandboxRecord> record(int row) const;
    int rowOf(const QString &name) const;
    void noteDecision(const Proxy::DecisionEvent &event);
    // Reads the running sandboxes' CPU and memory use and their listening ports; a timer calls it every two
    // seconds.
    void sampleUsage();
    QList<int> listeningPorts(const QString &name) const { return m_ports.value(name); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    // Something in the sandbox began or stopped listening on a TCP port (inside the sandbox).
    void listeningPortsChanged(const QString &name, const QList<int> &ports);

private:
    void refreshRow(const QString &name);
    QString agentName(const QString &templateId) const;

    QElapsedTimer m_clock;
    Core::Paths m_paths;
    Vm::SandboxManager &m_manager;
    QList<Core::SandboxRecord> m_records;
    QHash<QString, QString> m_templateNames;
    struct Counts
    {
        int allowed = 0;
        int blocked = 0;
    };
    QHash<QString, Counts> m_counts;
    QHash<QString, QString> m_stopReasons;
    QHash<QString, QString> m_pauseReasons; // running, but paused: the host's disk is full
    QHash<QString, QList<int>> m_ports;     // of the running sandboxes, as last sampled
    bool m_microVmEmulated;                 // no KVM here: microVMs are labelled so
    struct Usage
    {
        double cpuSeconds = 0;
        qint64 sampledAtMs = 0;
        double cpuPercent = -1; // -1: not known yet (one sample so far)
        qint64 residentBytes = 0;
    };
    QHash<QString, Usage> m_usage;
};

} // namespace Paddock::App

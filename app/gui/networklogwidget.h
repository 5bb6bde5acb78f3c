#pragma once

#include "app/gui/networklogexport.h"
#include "core/policyrule.h"
#include "core/result.h"
#include "proxy/decisionevent.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Paddock::App {

class HostCountModel;
class NetworkLogFilter;
class NetworkLogModel;
class RuleProposalBar;
class SandboxHost;

// The live network log: every proxy decision as it happens, filtered by sandbox, verdict and host, with
// counts per host; a row can become a rule (allow for its sandbox, allow everywhere, deny) that is saved as
// the CLI saves it and applies to the running sandboxes at once. Thin: the models do the work.
class NetworkLogWidget : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkLogWidget(SandboxHost &host, QWidget *parent = nullptr);

    NetworkLogModel *model() const { return m_model; }
    NetworkLogFilter *filter() const { return m_filter; }
    HostCountModel *hostCounts() const { return m_counts; }
    QTableView *view() const { return m_view; }
    // Writes the rows the filter shows, oldest first.
    Core::Result<> exportTo(const QString &path, NetworkLogExport::Format format) const;

private:
    void createLogView();
    void createCountView();
    QWidget *createEmptyPage(); // what the log says before anything is in it, or when the filter hides all
    QLayout *createFilterBar();
    QLayout *createActions(); // the row actions (buttons and context menu) and the status line
    void onDecided(const Proxy::DecisionEvent &event);
    void noteSandbox(const QString &name);
    std::optional<Proxy::DecisionEvent> selectedEvent() const;
    void propose(Core::PolicyRule::Action action, bool forSandbox);
    void applyRule(const Core::PolicyRule &rule, const QString &sandbox);
    void exportWithDialog();
    void updateActions();
    void updateEmptyState();

    SandboxHost &m_host;
    NetworkLogModel *m_model;
    NetworkLogFilter *m_filter;
    HostCountModel *m_counts;
    QComboBox *m_sandboxFilter = nullptr;
    QComboBox *m_verdictFilter = nullptr;
    QLineEdit *m_hostFilter = nullptr;
    RuleProposalBar *m_proposal = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_view = nullptr;
    QTableView *m_countView = nullptr;
    QLabel *m_emptyText = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_total = nullptr;
    QPushButton *m_export = nullptr;
    QAction *m_allowHere = nullptr;
    QAction *m_allowEverywhere = nullptr;
    QAction *m_deny = nullptr;
    QAction *m_showHost = nullptr;
    bool m_follow = true; // the view was at the bottom before new rows came in
};

} // namespace Paddock::App

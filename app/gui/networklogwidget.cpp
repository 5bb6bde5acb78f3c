#include "app/gui/networklogwidget.h"

#include "app/cli/policycommand.h"
#include "app/gui/hostcountmodel.h"
#include "app/gui/networklogfilter.h"
#include "app/gui/networklogmodel.h"
#include "app/gui/ruleproposal.h"
#include "app/gui/ruleproposalbar.h"
#include "app/host/sandboxhost.h"
#include "core/sandboxstore.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// Room for the text plus the cell's margins; the views start with no rows to measure.
int columnWidth(const QWidget *view, const QString &sample, int extra = 0)
{
    return view->fontMetrics().horizontalAdvance(sample) + 16 + extra;
}

} // namespace

NetworkLogWidget::NetworkLogWidget(SandboxHost &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_model(new NetworkLogModel(NetworkLogModel::defaultCapacity, this))
    , m_filter(new NetworkLogFilter(this))
    , m_counts(new HostCountModel(this))
{
    setObjectName(u"networkLog"_s);
    m_filter->setSourceModel(m_model);
    m_counts->setSourceModel(m_filter);

    createLogView();
    createCountView();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_countView);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 320});

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(splitter);
    m_pages->addWidget(createEmptyPage());

    m_proposal = new RuleProposalBar(this);
    connect(m_proposal, &RuleProposalBar::applyRequested, this, &NetworkLogWidget::applyRule);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(createFilterBar());
    layout->addWidget(m_proposal);
    layout->addWidget(m_pages, 1);
    layout->addLayout(createActions());

    connect(&host, &SandboxHost::decided, this, &NetworkLogWidget::onDecided);
    connect(&host.manager(), &Vm::SandboxManager::sandboxStarted, this, &NetworkLogWidget::noteSandbox);
    // New rows are followed only when the user was already looking at the newest.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_follow = bar->value() >= bar->maximum();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            m_view->scrollToBottom();
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &NetworkLogWidget::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &NetworkLogWidget::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &NetworkLogWidget::updateEmptyState);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkLogWidget::updateActions);
    for (const SandboxRecord &record : SandboxStore(host.paths().sandboxesDir()).list())
        noteSandbox(record.name);
    updateEmptyState();
    updateActions();
}

void NetworkLogWidget::createLogView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(u"networkLogView"_s);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle); // long paths keep their start and their file name
    m_view->setMinimumWidth(320);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter); // over the text, not centred above it
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(NetworkLogModel::Path, QHeaderView::Stretch);
    // Tunnels (most requests) have no path, so the other columns stay compact and the path takes the rest.
    const auto fit = [this](int column, const QStringList &samples, int extra = 0) {
        int width =
            columnWidth(m_view, m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        for (const QString &sample : samples)
            width = qMax(width, columnWidth(m_view, sample, extra));
        m_view->setColumnWidth(column, width);
    };
    fit(NetworkLogModel::Time, {u"00:00:00"_s});
    fit(NetworkLogModel::Sandbox, {u"sandbox-12"_s});
    fit(NetworkLogModel::Verdict, {tr("Allowed"), tr("Blocked"), tr("Failed")}, 16); // and the dot
    fit(NetworkLogModel::Method, {u"CONNECT"_s});
    fit(NetworkLogModel::Host, {u"objects.githubusercontent.com"_s});
    fit(NetworkLogModel::Port, {u"65535"_s});
    fit(NetworkLogModel::Rule, {u"allow registry.npmjs.org:443"_s});
    fit(NetworkLogModel::Up, {u"999.9 kB"_s});
    fit(NetworkLogModel::Down, {u"999.9 kB"_s});
}

void NetworkLogWidget::createCountView()
{
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_counts);
    m_countView = new QTableView(this);
    m_countView->setObjectName(u"hostCountView"_s);
    m_countView->setModel(sorted);
    m_countView->setSortingEnabled(true);
    m_countView->sortByColumn(HostCountModel::Requests, Qt::DescendingOrder);
    m_countView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_countView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_countView->verticalHeader()->hide();
    m_countView->verticalHeader()->setDefaultSectionSize(m_view->verticalHeader()->defaultSectionSize());
    m_countView->setShowGrid(false);
    m_countView->setAlternatingRowColors(true);
    m_countView->setWordWrap(false);
    m_countView->setTextElideMode(Qt::ElideMiddle);
    m_countView->setToolTip(tr("Double-click a host to show only its requests."));
    QHeaderView *header = m_countView->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(HostCountModel::Host, QHeaderView::Stretch);
    for (const int column : {int(HostCountModel::Requests), int(HostCountModel::Blocked)}) {
        const QString title = m_counts->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_countView->setColumnWidth(column, columnWidth(m_countView, title, 12)); // and the sort arrow
    }
    connect(m_countView, &QTableView::doubleClicked, this, [this, sorted](const QModelIndex &index) {
        m_hostFilter->setText(sorted->index(index.row(), HostCountModel::Host).data().toString());
    });
}

QWidget *NetworkLogWidget::createEmptyPage()
{
    // Where the table will be, framed like it, so nothing jumps when the first rows arrive.
    auto *emptyPage = new QFrame(this);
    emptyPage->setFrameShape(QFrame::StyledPanel);
    emptyPage->setBackgroundRole(QPalette::Base);
    emptyPage->setAutoFillBackground(true);
    m_emptyText = new QLabel(emptyPage);
    m_emptyText->setObjectName(u"networkLogEmpty"_s);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setMaximumWidth(m_emptyText->fontMetrics().averageCharWidth() * 60);
    m_emptyText->setForegroundRole(QPalette::PlaceholderText);
    m_emptyText->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *emptyLayout = new QHBoxLayout(emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText, 100); // as wide as a comfortable line allows, centred
    emptyLayout->addStretch(1);
    return emptyPage;
}

QLayout *NetworkLogWidget::createFilterBar()
{
    m_sandboxFilter = new QComboBox(this);
    m_sandboxFilter->setObjectName(u"sandboxFilter"_s);
    m_sandboxFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sandboxFilter->addItem(tr("All sandboxes"), QString());
    connect(m_sandboxFilter, &QComboBox::currentIndexChanged, this, [this] {
        const QString sandbox = m_sandboxFilter->currentData().toString();
        m_filter->setSandbox(sandbox);
        // One sandbox's rows would repeat its name on every line: the room goes to the path instead.
        m_view->setColumnHidden(NetworkLogModel::Sandbox, !sandbox.isEmpty());
    });

    m_verdictFilter = new QComboBox(this);
    m_verdictFilter->setObjectName(u"verdictFilter"_s);
    //: Verdict filter: allowed and blocked requests alike.
    m_verdictFilter->addItem(tr("All requests"), -1);
    m_verdictFilter->addItem(tr("Allowed"), int(NetworkLogModel::Outcome::Allowed));
    m_verdictFilter->addItem(tr("Blocked"), int(NetworkLogModel::Outcome::Blocked));
    connect(m_verdictFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int outcome = m_verdictFilter->currentData().toInt();
        m_filter->setOutcome(outcome < 0 ? std::nullopt : std::optional(NetworkLogModel::Outcome(outcome)));
    });

    m_hostFilter = new QLineEdit(this);
    m_hostFilter->setObjectName(u"hostFilter"_s);
    m_hostFilter->setPlaceholderText(tr("Filter by host"));
    m_hostFilter->setClearButtonEnabled(true);
    m_hostFilter->setMinimumWidth(columnWidth(m_hostFilter, u"registry.npmjs.example.org"_s));
    m_hostFilter->setMaximumWidth(2 * m_hostFilter->minimumWidth());
    connect(m_hostFilter, &QLineEdit::textChanged, m_filter, &NetworkLogFilter::setHostText);

    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(u"exportLog"_s);
    m_export->setToolTip(tr("Save the requests shown as CSV or JSON"));
    connect(m_export, &QPushButton::clicked, this, &NetworkLogWidget::exportWithDialog);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_sandboxFilter);
    bar->addWidget(m_verdictFilter);
    bar->addWidget(m_hostFilter, 1);
    bar->addStretch();
    bar->addWidget(m_export);
    return bar;
}

QLayout *NetworkLogWidget::createActions()
{
    m_allowHere = new QAction(tr("Allow for This Sandbox…"), this);
    m_allowHere->setObjectName(u"allowForSandbox"_s);
    m_allowHere->setStatusTip(tr("Propose a rule that lets requests like this one through in its sandbox"));
    connect(m_allowHere, &QAction::triggered, this, [this] { propose(PolicyRule::Action::Allow, true); });
    m_allowEverywhere = new QAction(tr("Allow Everywhere…"), this);
    m_allowEverywhere->setObjectName(u"allowEverywhere"_s);
    m_allowEverywhere->setStatusTip(tr("Propose a global rule that lets requests like this one through"));
    connect(m_allowEverywhere, &QAction::triggered, this,
            [this] { propose(PolicyRule::Action::Allow, false); });
    m_deny = new QAction(tr("Deny…"), this);
    m_deny->setObjectName(u"deny"_s);
    m_deny->setStatusTip(tr("Propose a rule that blocks requests like this one in its sandbox"));
    connect(m_deny, &QAction::triggered, this, [this] { propose(PolicyRule::Action::Deny, true); });
    m_showHost = new QAction(tr("Show Only This Host"), this);
    connect(m_showHost, &QAction::triggered, this, [this] {
        if (const auto event = selectedEvent())
            m_hostFilter->setText(event->host);
    });

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_allowHere, m_allowEverywhere, m_deny}) {
        auto *button = new QPushButton(action->text(), this);
        button->setObjectName(action->objectName() + u"Button"_s);
        button->setToolTip(action->statusTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, button, &QWidget::setEnabled);
        buttons->addWidget(button);
    }
    m_status = new QLabel(this);
    m_status->setObjectName(u"networkLogStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_total = new QLabel(this);
    m_total->setObjectName(u"networkLogTotal"_s);
    m_total->setForegroundRole(QPalette::PlaceholderText);
    buttons->addSpacing(8);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_total);

    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex index = m_view->indexAt(position);
        if (!index.isValid())
            return;
        m_view->selectRow(index.row());
        QMenu menu(this);
        menu.addActions({m_allowHere, m_allowEverywhere, m_deny});
        menu.addSeparator();
        menu.addAction(m_showHost);
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });
    return buttons;
}

void NetworkLogWidget::onDecided(const Proxy::DecisionEvent &event)
{
    noteSandbox(event.sandbox);
    m_model->append(event);
}

void NetworkLogWidget::noteSandbox(const QString &name)
{
    if (name.isEmpty() || m_sandboxFilter->findData(name) >= 0)
        return;
    // Sorted after "All sandboxes", which stays first.
    int at = 1;
    while (at < m_sandboxFilter->count() && m_sandboxFilter->itemData(at).toString() < name)
        ++at;
    m_sandboxFilter->insertItem(at, name, name);
}

std::optional<Proxy::DecisionEvent> NetworkLogWidget::selectedEvent() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->event(m_filter->mapToSource(rows.first()).row());
}

void NetworkLogWidget::propose(PolicyRule::Action action, bool forSandbox)
{
    const auto event = selectedEvent();
    if (!event)
        return;
    m_proposal->propose(*event, action, forSandbox);
    // The bar takes room from the table: the row it is about stays in sight.
    layout()->activate();
    m_view->scrollTo(m_view->selectionModel()->selectedRows().value(0));
}

void NetworkLogWidget::applyRule(const PolicyRule &rule, const QString &sandbox)
{
    const Proxy::DecisionEvent &event = m_proposal->event();
    if (auto added = m_host.addRule(rule, sandbox); !added) {
        m_proposal->showError(added.error().message);
        return;
    }
    m_proposal->hide();
    QString status = sandbox.isEmpty() ? tr("Added \"%1\" to the global rules.").arg(rule.toString())
                                       : tr("Added \"%1\" to the rules of %2.").arg(rule.toString(), sandbox);
    // Another rule can still decide this request the other way: say so rather than let the user believe the
    // new one changed it.
    const auto request = RuleProposal::requestOf(event);
    if (request && RuleProposal::matches(rule, event)) {
        const auto policy = PolicyCommand::effectivePolicy(m_host.paths(), event.sandbox, {});
        if (policy) {
            const PolicyDecision decision = policy->matcher()->decide(*request);
            if (decision.allowed != rule.isAllow())
                status = tr("Added \"%1\", but \"%2\" still decides this request: it is more specific, or an "
                            "equally specific deny.")
                             .arg(rule.toString(), decision.ruleText());
        }
    }
    m_status->setText(status);
}

Result<> NetworkLogWidget::exportTo(const QString &path, NetworkLogExport::Format format) const
{
    QList<Proxy::DecisionEvent> events;
    events.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        events.append(m_model->event(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    return NetworkLogExport::write(path, format, events);
}

void NetworkLogWidget::exportWithDialog()
{
    const QString csv = tr("CSV files (*.csv)");
    const QString json = tr("JSON files (*.json)");
    QString chosenFilter = csv;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Network Log"),
                                                      QDir::home().filePath(u"network-log.csv"_s),
                                                      csv + u";;"_s + json, &chosenFilter);
    if (path.isEmpty())
        return;
    const bool asJson = path.endsWith(u".json"_s, Qt::CaseInsensitive) ||
                        (chosenFilter == json && !path.endsWith(u".csv"_s, Qt::CaseInsensitive));
    const auto written =
        exportTo(path, asJson ? NetworkLogExport::Format::Json : NetworkLogExport::Format::Csv);
    if (!written)
        QMessageBox::warning(this, tr("Cannot Export"), written.error().message);
    else
        m_status->setText(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
}

void NetworkLogWidget::updateActions()
{
    const auto event = selectedEvent();
    // A malformed request's row names no valid host: no rule can be proposed for it.
    const bool usable = event && RuleProposal::requestOf(*event).has_value();
    for (QAction *action : {m_allowHere, m_allowEverywhere, m_deny, m_showHost})
        action->setEnabled(usable);
}

void NetworkLogWidget::updateEmptyState()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    if (shown == 0)
        m_emptyText->setText(total == 0
                                 ? tr("Each request a sandbox makes will appear here as it happens, with "
                                      "the rule that allowed or blocked it.")
                                 : tr("No request matches the filter."));
    m_pages->setCurrentIndex(shown == 0 ? 1 : 0);
    m_export->setEnabled(shown > 0);
    if (m_filter->isFiltering())
        m_total->setText(tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(total)));
    else
        m_total->setText(total == 1 ? tr("One request") : tr("%1 requests").arg(QLocale().toString(total)));
    updateActions(); // the selected row may have gone
}

} // namespace Paddock::App

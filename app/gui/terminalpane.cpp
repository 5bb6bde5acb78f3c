#include "app/gui/terminalpane.h"

#include "app/gui/elidedlabel.h"
#include "app/gui/statedot.h"
#include "app/gui/terminalview.h"
#include "app/terminal/terminalmodel.h"
#include "app/terminal/terminalsession.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

QToolButton *toolButton(QWidget *parent, const QIcon &icon, const QString &tip, const QString &name)
{
    auto *button = new QToolButton(parent);
    button->setIcon(icon);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    button->setObjectName(name);
    button->setFocusPolicy(Qt::NoFocus); // focus stays in the terminal
    return button;
}

StateLook lookOf(TerminalPane::State state)
{
    switch (state) {
    case TerminalPane::State::Starting:
        return StateLook::Starting;
    case TerminalPane::State::Running:
        return StateLook::Running;
    case TerminalPane::State::Exited:
        return StateLook::Stopped;
    case TerminalPane::State::Failed:
        return StateLook::Failed;
    }
    return StateLook::Failed;
}

} // namespace

TerminalPane::TerminalPane(PaneLaunch launch, QWidget *parent)
    : QFrame(parent)
    , m_launch(std::move(launch))
    , m_model(std::make_unique<TerminalModel>(24, 80, m_launch.scrollbackLines))
{
    setObjectName(u"terminalPane"_s);
    setFrameShape(QFrame::StyledPanel);
    m_attention =
        std::make_unique<AttentionMonitor>(*m_model, m_launch.waitingPatterns, m_launch.donePatterns);
    m_view = new TerminalView(*m_model, this);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->installEventFilter(this);
    m_header = makeHeader();
    m_searchBar = makeSearchBar();
    m_exitBar = makeExitBar();
    m_noteBar = makeNoteBar();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_noteBar);
    layout->addWidget(m_searchBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_exitBar);
    setFocusProxy(m_view);

    connect(m_attention.get(), &AttentionMonitor::raised, this, [this] {
        updateHeader();
        Q_EMIT attentionChanged();
    });
    connect(m_attention.get(), &AttentionMonitor::acknowledged, this, [this] {
        updateHeader();
        Q_EMIT attentionChanged();
    });
    auto *find = new QShortcut(QKeySequence(u"Ctrl+Shift+F"_s), this, this, &TerminalPane::showSearch);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    updateHeader();
}

TerminalPane::~TerminalPane()
{
    m_session.reset(); // hangs the agent up before the model it writes to goes
}

QWidget *TerminalPane::makeHeader()
{
    auto *header = new QFrame(this);
    header->setObjectName(u"paneHeader"_s);
    header->setAutoFillBackground(true);
    header->setBackgroundRole(QPalette::Window);
    header->setCursor(Qt::OpenHandCursor); // drag it to move the pane
    header->setToolTip(tr("Drag to move this pane; double-click to maximise it"));
    m_stateDot = new QLabel(header);
    m_title = new QLabel(header);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_details = new ElidedLabel(header); // gives way to the ports and counters
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_badge = new QLabel(header);
    m_badge->setObjectName(u"attentionBadge"_s);
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setStyleSheet(
        u"QLabel { background: #d97706; color: white; border-radius: 8px; padding: 1px 8px; }"_s);
    m_blockedLabel = new QLabel(header);
    m_blockedLabel->setObjectName(u"blockedCounter"_s);
    m_blockedLabel->setTextFormat(Qt::PlainText);
    m_portsButton = new QToolButton(header);
    m_portsButton->setObjectName(u"listeningPorts"_s);
    m_portsButton->setAutoRaise(true);
    m_portsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_portsButton->setPopupMode(QToolButton::InstantPopup);
    m_portsButton->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred); // never cut: details give way
    // The style's corner arrow would sit on the text; the text ends with its own.
    m_portsButton->setStyleSheet(u"QToolButton::menu-indicator { image: none; width: 0px; }"_s);
    auto *portsMenu = new QMenu(m_portsButton);
    portsMenu->setObjectName(u"portsMenu"_s);
    m_portsButton->setMenu(portsMenu);
    connect(portsMenu, &QMenu::aboutToShow, this, [this, portsMenu] { fillPortsMenu(portsMenu); });
    auto *search = toolButton(header, style()->standardIcon(QStyle::SP_FileDialogContentsView),
                              tr("Search the scrollback (Ctrl+Shift+F)"), u"search"_s);
    search->setIcon(QIcon::fromTheme(u"edit-find"_s, search->icon()));
    m_maximise = toolButton(header, style()->standardIcon(QStyle::SP_TitleBarMaxButton),
                            tr("Maximise (Ctrl+Shift+Return)"), u"maximise"_s);
    auto *close = toolButton(header, style()->standardIcon(QStyle::SP_TitleBarCloseButton),
                             tr("Close this pane"), u"close"_s);
    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(8, 2, 2, 2);
    layout->setSpacing(6);
    layout->addWidget(m_stateDot);
    layout->addWidget(m_title);
    layout->addWidget(m_details, 1);
    layout->addWidget(m_badge);
    layout->addWidget(m_portsButton);
    layout->addWidget(m_blockedLabel);
    layout->addWidget(search);
    layout->addWidget(m_maximise);
    layout->addWidget(close);
    header->installEventFilter(this);
    connect(search, &QToolButton::clicked, this, &TerminalPane::showSearch);
    connect(m_maximise, &QToolButton::clicked, this, &TerminalPane::maximiseToggled);
    connect(close, &QToolButton::clicked, this, &TerminalPane::closeRequested);
    return header;
}

QWidget *TerminalPane::makeSearchBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(u"searchBar"_s);
    bar->setFrameShape(QFrame::StyledPanel);
    m_searchText = new QLineEdit(bar);
    m_searchText->setObjectName(u"searchText"_s);
    m_searchText->setPlaceholderText(tr("Search the scrollback"));
    m_searchText->setClearButtonEnabled(true);
    m_searchStatus = new QLabel(bar);
    m_searchStatus->setObjectName(u"searchStatus"_s);
    auto *previous = toolButton(bar, style()->standardIcon(QStyle::SP_ArrowUp), tr("Previous match (Return)"),
                                u"previousMatch"_s);
    auto *next = toolButton(bar, style()->standardIcon(QStyle::SP_ArrowDown), tr("Next match (Shift+Return)"),
                            u"nextMatch"_s);
    auto *close = toolButton(bar, style()->standardIcon(QStyle::SP_DialogCloseButton),
                             tr("Close the search (Esc)"), u"closeSearch"_s);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 3, 3, 3);
    layout->addWidget(m_searchText, 1);
    layout->addWidget(m_searchStatus);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(close);
    m_searchText->installEventFilter(this);
    connect(m_searchText, &QLineEdit::textEdited, this, [this] {
        m_searchFrom = m_model->rows(); // a new text searches up from the bottom
        search(true);
    });
    connect(previous, &QToolButton::clicked, this, [this] { search(true); });
    connect(next, &QToolButton::clicked, this, [this] { search(false); });
    connect(close, &QToolButton::clicked, this, [this] {
        m_searchBar->hide();
        m_view->setFocus();
    });
    bar->hide();
    return bar;
}

QWidget *TerminalPane::makeNoteBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(u"noteBar"_s);
    bar->setFrameShape(QFrame::StyledPanel);
    auto *icon = new QLabel(bar);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));
    m_noteText = new QLabel(bar);
    m_noteText->setObjectName(u"noteText"_s);
    m_noteText->setTextFormat(Qt::PlainText);
    m_noteText->setWordWrap(true);
    m_noteText->setTextInteractionFlags(Qt::TextSelectableByMouse); // the command in it can be copied
    auto *dismiss = new QToolButton(bar);
    dismiss->setAutoRaise(true);
    dismiss->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    dismiss->setToolTip(tr("Hide this note"));
    connect(dismiss, &QToolButton::clicked, bar, &QWidget::hide);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon);
    layout->addWidget(m_noteText, 1);
    layout->addWidget(dismiss);
    bar->hide();
    return bar;
}

QWidget *TerminalPane::makeExitBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(u"exitBar"_s);
    bar->setFrameShape(QFrame::StyledPanel);
    m_exitText = new QLabel(bar);
    m_exitText->setObjectName(u"exitText"_s);
    m_exitText->setTextFormat(Qt::PlainText);
    m_exitText->setWordWrap(true);
    auto *restart = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Restart"), bar);
    restart->setObjectName(u"restart"_s);
    auto *close = new QPushButton(tr("Close Pane"), bar);
    close->setObjectName(u"closePane"_s);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_exitText, 1);
    layout->addWidget(restart);
    layout->addWidget(close);
    connect(restart, &QPushButton::clicked, this, &TerminalPane::start);
    connect(close, &QPushButton::clicked, this, &TerminalPane::closeRequested);
    bar->hide();
    return bar;
}

void TerminalPane::start()
{
    m_exitBar->hide();
    setState(State::Starting);
    m_session.reset();
    if (!m_launch.connect) {
        setState(State::Failed, tr("Nothing to connect to."));
        return;
    }
    const auto control = m_launch.connect();
    if (!control) {
        setState(State::Failed, control.error().message);
        return;
    }
    const QString note = m_launch.note ? m_launch.note() : QString();
    //: A note about the sandbox as it started, e.g. "not set: anthropic-api-key (paddock secret set …)".
    m_noteText->setText(tr("Note: %1").arg(note));
    m_noteBar->setVisible(!note.isEmpty());
    m_session = std::make_unique<TerminalSession>(*m_model);
    connect(m_session.get(), &TerminalSession::finished, this, [this](int exitCode) {
        m_exitCode = exitCode;
        setState(State::Exited);
        m_attention->noteExited(exitCode);
    });
    connect(m_session.get(), &TerminalSession::failed, this,
            [this](const QString &reason) { setState(State::Failed, reason); });
    if (m_startedBefore)
        m_model->feed("\x1b[0m\r\n"); // a restart begins on a clean line, in default colours
    m_startedBefore = true;
    if (auto started = m_session->start(*control, m_launch.command, m_launch.environment); !started) {
        setState(State::Failed, started.error().message);
        return;
    }
    setState(State::Running);
    m_view->setFocus();
}

QString TerminalPane::stateText() const
{
    switch (m_state) {
    case State::Starting:
        return tr("starting");
    case State::Running:
        return tr("running");
    case State::Exited:
        return tr("exited with code %1").arg(m_exitCode);
    case State::Failed:
        return tr("failed");
    }
    return {};
}

void TerminalPane::setState(State state, const QString &detail)
{
    m_state = state;
    m_stateDetail = detail;
    if (state == State::Exited || state == State::Failed) {
        m_exitText->setText(state == State::Exited
                                ? tr("%1 exited with code %2.").arg(m_launch.agent).arg(m_exitCode)
                                : tr("%1 could not run: %2").arg(m_launch.agent, detail));
        m_exitBar->show();
    }
    updateHeader();
    Q_EMIT stateChanged();
}

void TerminalPane::updateHeader()
{
    m_stateDot->setPixmap(stateDot(lookOf(m_state)));
    m_stateDot->setToolTip(stateText());
    m_title->setText(m_launch.sandbox);
    QStringList details{m_launch.agent};
    if (!m_launch.branch.isEmpty())
        details << m_launch.branch;
    details << stateText();
    m_details->setText(details.join(u"  ·  "_s));
    m_details->setToolTip(m_stateDetail);
    QStringList ports;
    for (int port : shownPorts()) {
        ports << (m_published.contains(port) ? tr("%1 → 127.0.0.1:%2").arg(port).arg(m_published.value(port))
                                             : QString::number(port));
    }
    m_portsButton->setVisible(!ports.isEmpty());
    m_portsButton->setText(tr("listening on %1").arg(ports.join(u", "_s)) + u" ▾"_s);
    m_portsButton->setToolTip(
        m_published.isEmpty()
            ? tr("Ports that something in the sandbox listens on, inside the sandbox: they are not reachable "
                 "from this computer until you open or publish one here.")
            : tr("Ports that something in the sandbox listens on. A published one is reachable at the "
                 "address shown, from this computer only."));
    m_badge->setVisible(m_attention->isRaised());
    m_badge->setText(AttentionMonitor::describe(m_attention->reason()));
    m_badge->setToolTip(m_attention->detail());
    m_blockedLabel->setVisible(m_blocked > 0);
    m_blockedLabel->setText(tr("%n blocked", nullptr, m_blocked));
    m_blockedLabel->setToolTip(tr("Requests the proxy blocked for this sandbox"));
}

QList<int> TerminalPane::shownPorts() const
{
    QList<int> ports = m_ports; // and what is published, even while nothing listens there
    for (int port : m_published.keys()) {
        if (!ports.contains(port))
            ports << port;
    }
    std::sort(ports.begin(), ports.end());
    return ports;
}

void TerminalPane::setPublishedPorts(const QMap<int, int> &published)
{
    m_published = published;
    updateHeader();
}

void TerminalPane::fillPortsMenu(QMenu *menu)
{
    menu->clear();
    for (int port : shownPorts()) {
        if (menu->actions().size() > 0)
            menu->addSeparator();
        const bool published = m_published.contains(port);
        QAction *open =
            menu->addAction(QIcon::fromTheme(u"internet-web-browser"_s),
                            published ? tr("Open 127.0.0.1:%1 in the Browser").arg(m_published.value(port))
                                      : tr("Publish Port %1 and Open It in the Browser").arg(port));
        open->setObjectName(u"openPort%1"_s.arg(port));
        connect(open, &QAction::triggered, this, [this, port] { Q_EMIT openPortRequested(port); });
        if (published) {
            QAction *stop = menu->addAction(tr("Stop Publishing Port %1").arg(port));
            stop->setObjectName(u"unpublishPort%1"_s.arg(port));
            connect(stop, &QAction::triggered, this, [this, port] { Q_EMIT unpublishPortRequested(port); });
        }
    }
}

void TerminalPane::setListeningPorts(const QList<int> &ports)
{
    m_ports = ports;
    updateHeader();
}

void TerminalPane::noteBlockedRequest(const QString &target)
{
    ++m_blocked;
    m_attention->noteBlocked(target);
    updateHeader();
}

void TerminalPane::setMaximised(bool maximised)
{
    m_maximise->setIcon(
        style()->standardIcon(maximised ? QStyle::SP_TitleBarNormalButton : QStyle::SP_TitleBarMaxButton));
    m_maximise->setToolTip(maximised ? tr("Restore the grid (Ctrl+Shift+Return)")
                                     : tr("Maximise (Ctrl+Shift+Return)"));
}

void TerminalPane::setCurrent(bool current)
{
    QPalette palette = this->palette();
    if (current) {
        const QColor window = palette.color(QPalette::Window);
        const QColor accent = palette.color(QPalette::Highlight);
        palette.setColor(QPalette::Window, QColor::fromRgbF(window.redF() * 0.75f + accent.redF() * 0.25f,
                                                            window.greenF() * 0.75f + accent.greenF() * 0.25f,
                                                            window.blueF() * 0.75f + accent.blueF() * 0.25f));
    }
    m_header->setPalette(palette);
}

void TerminalPane::showSearch()
{
    m_searchBar->show();
    m_searchText->setFocus();
    m_searchText->selectAll();
    m_searchFrom = m_view->centreLine();
}

void TerminalPane::search(bool backwards)
{
    const QString text = m_searchText->text();
    if (text.isEmpty()) {
        m_searchStatus->clear();
        return;
    }
    const auto match = m_model->find(text, m_searchFrom, backwards);
    if (!match) {
        m_searchStatus->setText(tr("No match"));
        return;
    }
    m_searchFrom = match->line;
    m_view->selectCells(match->line, match->column, match->cells);
    // The plural forms come from the translations (English's too).
    m_searchStatus->setText(match->line >= 0 ? tr("On screen")
                                             : tr("%Ln line(s) into the scrollback", nullptr, -match->line));
}

bool TerminalPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::FocusIn) {
        m_attention->acknowledge();
        Q_EMIT focused();
    }
    if (watched == m_header && event->type() == QEvent::MouseButtonDblClick) {
        Q_EMIT maximiseToggled();
        return true;
    }
    if (watched == m_header && event->type() == QEvent::MouseButtonPress)
        m_view->setFocus();
    if (watched == m_searchText && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            search(!(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_searchBar->hide();
            m_view->setFocus();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Paddock::App

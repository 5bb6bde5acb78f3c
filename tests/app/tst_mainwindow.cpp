// The main window as a person uses it: sandboxes listed, agents attached in real sandboxes, a grid of panes
// moved between with the keyboard, maximised and rearranged, attention raised and followed, an exit
// restarted, the scrollback searched, a blocked request counted. Screenshots go to $PADDOCK_SCREENSHOTS
// (default: the temporary folder) to be looked at.
#include "app/gui/mainwindow.h"
#include "app/gui/panegrid.h"
#include "app/gui/policyeditor.h"
#include "app/gui/reviewpage.h"
#include "app/gui/sandboxlistmodel.h"
#include "app/gui/settingsdialog.h"
#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"
#include "app/host/sandboxhost.h"
#include "app/terminal/terminalmodel.h"

#include "app/panetestsupport.h"
#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QDesktopServices>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Paddock;
using Paddock::Test::git;
using Paddock::Test::screenContains;
using Paddock::Test::typeLine;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

// Stands in for the desktop's browser (QDesktopServices's handler for http): what Paddock asked to open.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;
    Q_INVOKABLE void open(const QUrl &url) { urls << url; }
};

// Opens button's menu as a click does, looks at it (a screenshot, if named) and chooses the action named.
void chooseFromMenu(QToolButton *button, const QString &action, const QString &screenshot = {})
{
    QMenu *menu = button->menu();
    bool chosen = false;
    QTimer::singleShot(0, menu, [&] {
        if (!screenshot.isEmpty())
            menu->grab().save(Test::screenshotPath(screenshot));
        if (auto *found = menu->findChild<QAction *>(action)) {
            chosen = true;
            found->trigger();
        }
        menu->close();
    });
    button->showMenu(); // returns when the menu closes
    QVERIFY2(chosen, qPrintable(action));
    button->window()->activateWindow(); // as the window manager gives it back after a popup
    QVERIFY(QTest::qWaitForWindowActive(button->window()));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspaces;
    std::unique_ptr<SandboxHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    static constexpr int sandboxCount = 4;

    TerminalPane *attachRow(int row)
    {
        QTableView *list = m_window->sandboxView();
        const QRect cell = list->visualRect(m_window->sandboxModel()->index(row, SandboxListModel::Name));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
        const QString name = m_window->sandboxModel()->record(row)->name;
        return m_window->paneGrid()->paneOf(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_host = std::make_unique<SandboxHost>(Core::Paths(QProcessEnvironment::systemEnvironment()));
        QVERIFY(m_host->open());
        // One git project (its sandbox works on a branch of a clone), three plain folders.
        const QString repo = m_workspaces.path() + u"/project"_s;
        Test::makeRepository(repo);
        for (int i = 0; i < sandboxCount; ++i) {
            Vm::CreateOptions options;
            options.name = u"agent-%1"_s.arg(i + 1);
            options.templateId = u"shell"_s;
            options.presetId = u"balanced"_s;
            options.workspace = i == 0 ? repo : m_workspaces.path() + u"/folder-%1"_s.arg(i);
            QDir().mkpath(options.workspace);
            const auto created = m_host->manager().create(options);
            QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        }
        m_window = std::make_unique<MainWindow>(*m_host);
        m_window->resize(1400, 860);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_host->manager().stopAll();
        m_window.reset();
        m_host.reset();
    }

    void listsTheSandboxes()
    {
        QCOMPARE(m_window->windowTitle(), u"Paddock"_s);
        SandboxListModel *model = m_window->sandboxModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), sandboxCount);
        QCOMPARE(model->index(0, SandboxListModel::Name).data().toString(), u"agent-1"_s);
        QCOMPARE(model->index(0, SandboxListModel::Agent).data().toString(), u"Shell"_s);
        QCOMPARE(model->index(0, SandboxListModel::Branch).data().toString(), u"paddock/agent-1"_s);
        QCOMPARE(model->index(1, SandboxListModel::State).data().toString(), u"Stopped"_s);
        QVERIFY(m_window->paneGrid()->panes().isEmpty());
        QVERIFY(m_window->findChild<QLabel *>(u"attentionEmpty"_s)->isVisible());
        QVERIFY(m_window->grab().save(Test::screenshotPath(u"mainwindow-empty.png"_s)));
    }

    // Select, Ctrl+T: the agent (here the shell template) runs in its real sandbox, in a pane.
    void attachRunsTheAgentInItsSandbox()
    {
        TerminalPane *pane = attachRow(0);
        QVERIFY(pane);
        QCOMPARE(pane->state(), TerminalPane::State::Running);
        QVERIFY(m_host->manager().isRunning(u"agent-1"_s));
        QTRY_COMPARE(m_window->sandboxModel()->index(0, SandboxListModel::State).data().toString(),
                     u"Running"_s);
        const QString header = pane->header()->findChildren<QLabel *>().at(1)->text() + u' ' +
                               pane->header()->findChildren<QLabel *>().at(2)->text();
        QVERIFY2(header.contains(u"agent-1"_s) && header.contains(u"Shell"_s) &&
                     header.contains(u"paddock/agent-1"_s) && header.contains(u"running"_s),
                 qPrintable(header));
        QTRY_VERIFY(screenContains(pane, u"$"_s));
        typeLine(pane, u"echo hello-$((2+3)) && cat README.md"_s);
        QTRY_VERIFY(screenContains(pane, u"hello-5"_s));
        QTRY_VERIFY(screenContains(pane, u"hello"_s)); // the clone of the project is its workspace
        // Attaching again focuses the open pane instead of opening a second one.
        QCOMPARE(attachRow(0), pane);
        QCOMPARE(m_window->paneGrid()->panes().size(), 1);
    }

    // The list shows what a running sandbox uses: CPU while its agent works, and memory.
    void theListShowsCpuAndMemory()
    {
        SandboxListModel *model = m_window->sandboxModel();
        QCOMPARE(model->index(1, SandboxListModel::Cpu).data().toString(), u"—"_s); // not running
        TerminalPane *pane = m_window->paneGrid()->paneOf(u"agent-1"_s);
        typeLine(pane, u"timeout 5 sh -c 'while :; do :; done'; echo sp\"\"un"_s);
        // Sampled every half second, as a person would see it change (the timer samples every two).
        const auto cpuPercent = [model] {
            QTest::qWait(500);
            model->sampleUsage();
            const QString text = model->index(0, SandboxListModel::Cpu).data().toString();
            return text.endsWith(u" %"_s) ? text.section(u' ', 0, 0).toDouble() : -1.0;
        };
        double busiest = 0;
        for (int i = 0; i < 12 && busiest < 50; ++i)
            busiest = std::max(busiest, cpuPercent());
        QVERIFY2(busiest >= 50, qPrintable(QString::number(busiest)));
        const QString memory = model->index(0, SandboxListModel::Memory).data().toString();
        QVERIFY2(memory.endsWith(u"MiB"_s) || memory.endsWith(u"KiB"_s), qPrintable(memory));
        QTRY_VERIFY_WITH_TIMEOUT(screenContains(pane, u"spun"_s), 10000);
        cpuPercent();
        QVERIFY(cpuPercent() < 20); // and back down once it is idle
    }

    void fourPanesMakeATwoByTwoGrid()
    {
        for (int row = 1; row < sandboxCount; ++row)
            QVERIFY(attachRow(row));
        const QList<TerminalPane *> panes = m_window->paneGrid()->panes();
        QCOMPARE(panes.size(), 4);
        QCOMPARE(PaneGrid::shapeFor(4), QSize(2, 2));
        QCOMPARE(PaneGrid::shapeFor(3), QSize(2, 2));
        QCOMPARE(PaneGrid::shapeFor(5), QSize(3, 2));
        QCOMPARE(PaneGrid::shapeFor(9), QSize(3, 3));
        QTest::qWait(50);
        QSet<int> xs, ys;
        for (TerminalPane *pane : panes) {
            QVERIFY(pane->isVisible());
            xs.insert(pane->geometry().x());
            ys.insert(pane->geometry().y());
        }
        QCOMPARE(xs.size(), 2);
        QCOMPARE(ys.size(), 2);
        // Something in each, with colour, for the screenshot.
        for (int i = 0; i < panes.size(); ++i) {
            QTRY_VERIFY(screenContains(panes[i], u"$"_s));
            m_window->paneGrid()->focusPane(panes[i]);
            typeLine(panes[i],
                     u"printf '\\033[1;3%1mpane %2\\033[0m in %s\\n' \"$PWD\"; ls /"_s.arg(i + 1).arg(i + 1));
        }
        for (int i = 0; i < panes.size(); ++i)
            QTRY_VERIFY(screenContains(panes[i], u"pane %1 in /workspace"_s.arg(i + 1)));
        QTest::qWait(50);
        QVERIFY(m_window->grab().save(Test::screenshotPath(u"terminal-grid-2x2.png"_s)));
    }

    void keyboardMovesBetweenPanes()
    {
        PaneGrid *grid = m_window->paneGrid();
        const QList<TerminalPane *> panes = grid->panes();
        grid->focusPane(panes[0]);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(grid->currentPane(), panes[1]);
        QVERIFY(panes[1]->view()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(grid->currentPane(), panes[3]);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(grid->currentPane(), panes[2]);
        // Maximise one and back.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(grid->maximisedPane(), panes[2]);
        QVERIFY(panes[2]->isVisible() && !panes[0]->isVisible());
        QTest::qWait(30);
        QVERIFY(panes[2]->width() > m_window->centralWidget()->width() * 9 / 10);
        QTest::mouseClick(panes[2]->header()->findChild<QToolButton *>(u"maximise"_s), Qt::LeftButton);
        QVERIFY(!grid->maximisedPane());
        for (TerminalPane *pane : panes)
            QVERIFY(pane->isVisible());
    }

    // Dropping a pane's header on another swaps their places (what a drag ends in).
    void droppingAPaneMovesIt()
    {
        PaneGrid *grid = m_window->paneGrid();
        const QList<TerminalPane *> before = grid->panes();
        QMimeData mime;
        mime.setData(QString::fromLatin1(PaneGrid::paneMimeType), "0");
        const QPoint target = before[3]->geometry().center();
        QDragEnterEvent enter(target, Qt::MoveAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(grid, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(target, Qt::MoveAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(grid, &drop);
        QVERIFY(drop.isAccepted());
        const QList<TerminalPane *> after = grid->panes();
        QCOMPARE(after[0], before[3]);
        QCOMPARE(after[3], before[0]);
        QCOMPARE(grid->currentPane(), before[0]);
        QTest::qWait(30);
        QVERIFY(before[0]->geometry().y() > before[3]->geometry().y()); // now in the lower row
        grid->movePane(0, 3);                                           // back, for the tests that follow
    }

    // A bell in a pane the user is not looking at: a badge, an entry in the list; clicking it focuses the
    // pane.
    void attentionIsRaisedAndFollowed()
    {
        PaneGrid *grid = m_window->paneGrid();
        const QList<TerminalPane *> panes = grid->panes();
        grid->focusPane(panes[3]);
        typeLine(panes[3], u"sleep 0.5; printf 'needs you\\a\\n'"_s);
        grid->focusPane(panes[0]);
        QTRY_VERIFY(panes[3]->attention().isRaised());
        QCOMPARE(panes[3]->attention().reason(), AttentionMonitor::Reason::Bell);
        QVERIFY(panes[3]->header()->findChild<QLabel *>(u"attentionBadge"_s)->isVisible());
        QListWidget *list = m_window->attentionList();
        auto *nothingNeeded = m_window->findChild<QLabel *>(u"attentionEmpty"_s);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->isVisible());
        QVERIFY(!nothingNeeded->isVisible());
        QVERIFY(list->item(0)->text().startsWith(u"agent-4"_s));
        QVERIFY(m_window->grab().save(Test::screenshotPath(u"terminal-attention.png"_s)));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QCOMPARE(grid->currentPane(), panes[3]);
        QVERIFY(!panes[3]->attention().isRaised());
        QCOMPARE(list->count(), 0);
        QVERIFY(nothingNeeded->isVisible()); // an empty dock says what it is for
    }

    void anExitOffersRestart()
    {
        TerminalPane *pane = m_window->paneGrid()->panes()[1];
        m_window->paneGrid()->focusPane(pane);
        typeLine(pane, u"exit 4"_s);
        QTRY_COMPARE(pane->state(), TerminalPane::State::Exited);
        QCOMPARE(pane->exitCode(), 4);
        auto *exitText = pane->findChild<QLabel *>(u"exitText"_s);
        QVERIFY(exitText->isVisible());
        QVERIFY(exitText->text().contains(u"code 4"_s));
        QTest::qWait(30);
        QVERIFY(pane->grab().save(Test::screenshotPath(u"terminal-exited.png"_s)));
        QTest::mouseClick(pane->findChild<QPushButton *>(u"restart"_s), Qt::LeftButton);
        QCOMPARE(pane->state(), TerminalPane::State::Running);
        QVERIFY(!exitText->isVisible());
        typeLine(pane, u"echo again-$((40+2))"_s);
        QTRY_VERIFY(screenContains(pane, u"again-42"_s));
    }

    void searchFindsScrolledOffText()
    {
        TerminalPane *pane = m_window->paneGrid()->panes()[2];
        m_window->paneGrid()->focusPane(pane);
        typeLine(pane, u"seq -f 'row-%g' 1 400"_s);
        QTRY_VERIFY(screenContains(pane, u"row-400"_s));
        QTest::keyClick(pane->view(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        auto *search = pane->findChild<QLineEdit *>(u"searchText"_s);
        QVERIFY(search->isVisible() && search->hasFocus());
        QTest::keyClicks(search, u"row-150"_s);
        QCOMPARE(pane->view()->selectedText(), u"row-150"_s);
        QVERIFY(!pane->view()->isAtBottom()); // scrolled up to it
        QVERIFY(pane->findChild<QLabel *>(u"searchStatus"_s)->text().contains(u"scrollback"_s));
        QTest::qWait(30); // the bar's layout settles
        QVERIFY(pane->grab().save(Test::screenshotPath(u"terminal-search.png"_s)));
        QTest::keyClick(search, Qt::Key_Return); // the previous match: row-150 is the only one...
        QCOMPARE(pane->view()->selectedText(), u"row-150"_s);
        search->clear();
        QTest::keyClicks(search, u"nothing-like-this"_s);
        QCOMPARE(pane->findChild<QLabel *>(u"searchStatus"_s)->text(), u"No match"_s);
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(!search->isVisible());
        QVERIFY(pane->view()->hasFocus());
    }

    // The proxy denies a request from the sandbox: the pane's header counts it, the list shows it.
    void blockedRequestsAreCounted()
    {
        TerminalPane *pane = m_window->paneGrid()->panes()[0];
        m_window->paneGrid()->focusPane(pane);
        typeLine(pane, u"exec 3<>/dev/tcp/127.0.0.1/3128; printf 'GET http://blocked.example/ HTTP/1.1\\r\\n"
                       u"Host: blocked.example\\r\\n\\r\\n' >&3; head -1 <&3; exec 3<&-"_s);
        QTRY_VERIFY(screenContains(pane, u"403"_s));
        QTRY_COMPARE(pane->blockedRequests(), 1);
        auto *counter = pane->header()->findChild<QLabel *>(u"blockedCounter"_s);
        QVERIFY(counter->isVisible());
        QCOMPARE(counter->text(), u"1 blocked"_s);
        QTRY_VERIFY(m_window->sandboxModel()
                        ->index(0, SandboxListModel::Requests)
                        .data()
                        .toString()
                        .contains(u"1 blocked"_s));
    }

    // A server the agent starts shows in its pane's header; its menu publishes the port on this computer and
    // opens it in the browser, or stops publishing it; the port leaves the header when the server ends.
    void aPaneShowsWhatItsSandboxListensOn()
    {
        TerminalPane *pane = m_window->paneGrid()->panes()[0];
        auto *ports = pane->header()->findChild<QToolButton *>(u"listeningPorts"_s);
        QVERIFY(ports->isHidden());
        typeLine(pane,
                 u"perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(LocalAddr => "
                 u"\"127.0.0.1:4570\", Listen => 1) or die; my $c = $s->accept; print $c \"hi from 4570\"; "
                 u"close $c; sleep 2' &"_s);
        QTRY_VERIFY_WITH_TIMEOUT((m_window->sandboxModel()->sampleUsage(), !ports->isHidden()), 10'000);
        QCOMPARE(ports->text(), u"listening on 4570 ▾"_s);
        QVERIFY(ports->toolTip().contains(u"not reachable from this computer"_s));
        QCoreApplication::processEvents(); // laid out as it is shown
        QVERIFY(pane->header()->grab().save(Test::screenshotPath(u"pane-listening.png"_s)));

        UrlCatcher browser;
        QDesktopServices::setUrlHandler(u"http"_s, &browser, "open");
        const auto cleanUp = qScopeGuard([] { QDesktopServices::unsetUrlHandler(u"http"_s); });
        chooseFromMenu(ports, u"openPort4570"_s, u"pane-ports-menu.png"_s);
        QCOMPARE(browser.urls.size(), 1);
        const QUrl opened = browser.urls.first();
        QCOMPARE(opened.host(), u"127.0.0.1"_s);
        QCOMPARE(m_host->manager().publishedPorts(u"agent-1"_s), (QMap<int, int>{{4570, opened.port()}}));
        QCOMPARE(ports->text(), u"listening on 4570 → 127.0.0.1:%1 ▾"_s.arg(opened.port()));
        QCOMPARE(Test::exchangeThroughPort(opened.port(), "GET / HTTP/1.0\r\n\r\n"),
                 QByteArray("hi from 4570"));
        QVERIFY(pane->header()->grab().save(Test::screenshotPath(u"pane-published.png"_s)));

        chooseFromMenu(ports, u"unpublishPort4570"_s);
        QVERIFY(m_host->manager().publishedPorts(u"agent-1"_s).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT((m_window->sandboxModel()->sampleUsage(), ports->isHidden()), 15'000);
    }

    // Review (Ctrl+Shift+R) turns the central area to the review of the selected sandbox's branch; attaching
    // turns it back to the agents.
    void reviewShowsTheSelectedSandboxsBranch()
    {
        QTableView *list = m_window->sandboxView();
        QTest::mouseClick(
            list->viewport(), Qt::LeftButton, {},
            list->visualRect(m_window->sandboxModel()->index(0, SandboxListModel::Name)).center());
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        ReviewPage *review = m_window->reviewPage();
        QVERIFY(review->isVisible());
        QVERIFY(!m_window->paneGrid()->isVisible());
        QTRY_COMPARE(review->currentSandbox(), u"agent-1"_s); // the one sandbox working on a clone
        QVERIFY(m_window->grab().save(Test::screenshotPath(u"mainwindow-review.png"_s)));
        QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(m_window->paneGrid()->isVisible());
        QVERIFY(!review->isVisible());
    }

    // Network Policy (Ctrl+Shift+P) opens the settings on the selected sandbox's policy; Settings (Ctrl+,)
    // lists every page, and each can be switched to.
    void settingsOpenOnThePageAsked()
    {
        QTableView *list = m_window->sandboxView();
        QTest::mouseClick(
            list->viewport(), Qt::LeftButton, {},
            list->visualRect(m_window->sandboxModel()->index(0, SandboxListModel::Name)).center());
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        SettingsDialog *dialog = m_window->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *editor = qobject_cast<PolicyEditor *>(dialog->currentPage());
        QVERIFY(editor);
        QCOMPARE(editor->scope(), PolicyEditor::Scope::Sandbox);
        QCOMPARE(editor->scopeTarget(), u"agent-1"_s);
        QVERIFY(dialog->grab().save(Test::screenshotPath(u"settings-policy.png"_s)));

        auto *pages = dialog->findChild<QListWidget *>(u"settingsPages"_s);
        QStringList titles;
        for (int row = 0; row < pages->count(); ++row) {
            titles << pages->item(row)->text();
            QTest::mouseClick(pages->viewport(), Qt::LeftButton, {},
                              pages->visualItemRect(pages->item(row)).center());
            QCOMPARE(dialog->currentPage()->objectName(), pages->item(row)->data(Qt::UserRole).toString());
        }
        QCOMPARE(titles,
                 (QStringList{u"General"_s, u"Network Policy"_s, u"Agent Templates"_s, u"Secrets"_s}));
        QVERIFY(dialog->grab().save(Test::screenshotPath(u"settings-secrets.png"_s)));
        QPointer<SettingsDialog> watch(dialog);
        dialog->close(); // nothing edited: no question
        QTRY_VERIFY(!watch);

        m_window->activateWindow();
        QTRY_VERIFY(m_window->isActiveWindow());
        QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
        dialog = m_window->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->currentPage()->objectName(), u"generalPage"_s);
        QVERIFY(dialog->grab().save(Test::screenshotPath(u"settings-general.png"_s)));
        dialog->close();
    }

    // Closing the window while sandboxes run asks first; Cancel keeps the window and every sandbox.
    void quittingAsksWhileSandboxesRun()
    {
        QVERIFY(!m_host->manager().runningSandboxes().isEmpty());
        QString question;
        QTimer::singleShot(100, this, [&question] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            question = box->text();
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        });
        QVERIFY(!m_window->close());
        QVERIFY2(question.contains(u"running"_s) && question.contains(u"agent-1"_s), qPrintable(question));
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_host->manager().runningSandboxes().size(), sandboxCount);
        QCOMPARE(m_window->paneGrid()->panes().size(), 4);
    }

    void closingAPaneHangsItsAgentUp()
    {
        PaneGrid *grid = m_window->paneGrid();
        TerminalPane *pane = grid->panes()[3];
        QPointer<TerminalPane> watch(pane);
        QTest::mouseClick(pane->header()->findChild<QToolButton *>(u"close"_s), Qt::LeftButton);
        QCOMPARE(grid->panes().size(), 3);
        QTRY_VERIFY(!watch);
    }

    // A sandbox whose template needs a key that is not set still starts; its pane says which key and how to
    // set it, and the note can be dismissed.
    void aPaneSaysWhichKeyIsNotSet()
    {
        Test::writeFile(m_host->paths().templatesDir() + u"/keyed-shell.json"_s, R"({
            "id": "keyed-shell", "name": "Keyed Shell", "description": "A shell that wants a key.",
            "command": ["bash", "-l"],
            "credentials": [{"host": "api.example.com", "header": "x-api-key", "format": "{secret}",
                             "secret": "example-key", "placeholderEnv": "EXAMPLE_KEY"}]})");
        Vm::CreateOptions options;
        options.name = u"keyed"_s;
        options.templateId = u"keyed-shell"_s;
        options.presetId = u"balanced"_s;
        options.workspace = m_workspaces.path() + u"/keyed"_s;
        QDir().mkpath(options.workspace);
        QVERIFY(m_host->manager().create(options));
        m_window->sandboxModel()->reload();
        QVERIFY(m_window->sandboxModel()->rowOf(u"keyed"_s) >= 0);
        TerminalPane *pane = m_window->attach(u"keyed"_s);
        QVERIFY(pane);
        QCOMPARE(pane->state(), TerminalPane::State::Running);
        auto *note = pane->findChild<QWidget *>(u"noteBar"_s);
        QVERIFY(note->isVisible());
        const QString text = pane->findChild<QLabel *>(u"noteText"_s)->text();
        QVERIFY2(text.contains(u"not set: example-key (paddock secret set example-key)"_s), qPrintable(text));
        // The agent sees the placeholder, never a key.
        QTRY_VERIFY(screenContains(pane, u"$"_s));
        typeLine(pane, u"echo \"key=$EXAMPLE_KEY\""_s);
        QTRY_VERIFY(screenContains(pane, u"key=paddock-injects-this-credential"_s));
        QVERIFY(pane->grab().save(Test::screenshotPath(u"pane-note.png"_s)));
        QTest::mouseClick(note->findChild<QToolButton *>(), Qt::LeftButton);
        QVERIFY(!note->isVisible());
        // Back to the panes and sandboxes the next tests expect.
        QTest::mouseClick(pane->header()->findChild<QToolButton *>(u"close"_s), Qt::LeftButton);
        QVERIFY(m_host->manager().stop(u"keyed"_s));
    }

    // ...and Yes stops them all: no process of any sandbox is left.
    void quittingStopsEverySandbox()
    {
        QTimer::singleShot(100, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        });
        QVERIFY(m_window->close());
        QVERIFY(!m_window->isVisible());
        QVERIFY(m_host->manager().runningSandboxes().isEmpty());
        QTRY_COMPARE(m_window->sandboxModel()->index(0, SandboxListModel::State).data().toString(),
                     u"Stopped"_s);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

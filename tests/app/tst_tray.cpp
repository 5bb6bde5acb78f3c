// paddock-test-launcher: scripts/run-with-tray.sh
// The tray icon on a real X display with a real system tray (trayer): its state and badge, closing the
// window while sandboxes run keeps Paddock there (said once), Show brings the window back, and Quit asks
// and stops everything. Screenshots go to $PADDOCK_SCREENSHOTS.
#include "app/gui/mainwindow.h"
#include "app/gui/panegrid.h"
#include "app/gui/terminalpane.h"
#include "app/gui/trayicon.h"
#include "app/host/sandboxhost.h"
#include "core/settings.h"

#include "app/panetestsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QtTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;
using Paddock::Test::typeLine;

class TestTray : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspaces;
    std::unique_ptr<SandboxHost> m_host;
    std::unique_ptr<MainWindow> m_window;

    QAction *trayAction(const QString &text) const
    {
        for (QAction *action : m_window->trayIcon()->menu()->actions()) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    }

    bool noticeRecorded() const
    {
        Core::Settings settings(m_host->paths().settingsFile());
        return settings.load() && settings.trayNoticeShown;
    }

    static void answerNextQuestion(QMessageBox::StandardButton button, QString *question = nullptr)
    {
        QTimer::singleShot(200, [button, question] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            if (question)
                *question = box->text();
            QTest::mouseClick(box->button(button), Qt::LeftButton);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb"_s,
                 "run this test through scripts/run-with-tray.sh (ctest does)");
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 15000);
        m_host = std::make_unique<SandboxHost>(Core::Paths(QProcessEnvironment::systemEnvironment()));
        QVERIFY(m_host->open());
        for (const QString &name : {u"tray-1"_s, u"tray-2"_s}) {
            Vm::CreateOptions options;
            options.name = name;
            options.templateId = u"shell"_s;
            options.presetId = u"balanced"_s;
            options.workspace = m_workspaces.path() + u'/' + name;
            QDir().mkpath(options.workspace);
            const auto created = m_host->manager().create(options);
            QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        }
        m_window = std::make_unique<MainWindow>(*m_host);
        m_window->resize(1200, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        if (m_host)
            m_host->manager().stopAll();
        m_window.reset();
        m_host.reset();
    }

    void theTrayShowsWhatRuns()
    {
        TrayIcon *tray = m_window->trayIcon();
        QVERIFY(tray);
        QVERIFY(tray->toolTip().contains(u"No sandbox running"_s));
        QVERIFY(!tray->hasBadge());
        TerminalPane *one = m_window->attach(u"tray-1"_s);
        TerminalPane *two = m_window->attach(u"tray-2"_s);
        QVERIFY(one && two);
        QTRY_VERIFY2(tray->toolTip().contains(u"2 sandbox"_s), qPrintable(tray->toolTip()));

        // An agent that rings while the user looks at another pane puts a badge on the icon.
        m_window->paneGrid()->focusPane(one);
        QSignalSpy shown(tray, &TrayIcon::messageShown);
        typeLine(two, u"sleep 0.5; printf 'needs you\\a\\n'"_s);
        QTRY_VERIFY(tray->hasBadge());
        QVERIFY(tray->toolTip().contains(u"1 need"_s));
        QTRY_VERIFY(!shown.isEmpty()); // the notification carries the sandbox's name
        QVERIFY(shown.first().first().toString().startsWith(u"tray-2"_s));
        QVERIFY(m_window->screen()->grabWindow(0).save(Test::screenshotPath(u"tray-desktop.png"_s)));

        QListWidget *list = m_window->attentionList(); // following the entry acknowledges it
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QTRY_VERIFY(!tray->hasBadge());
    }

    // The window closes into the tray while sandboxes run; the user is told once, not every time.
    void closingKeepsPaddockInTheTray()
    {
        QSignalSpy shown(m_window->trayIcon(), &TrayIcon::messageShown);
        QSignalSpy quit(m_window.get(), &MainWindow::quitConfirmed);
        QVERIFY(!noticeRecorded());
        QVERIFY(!m_window->close());
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_host->manager().runningSandboxes().size(), 2);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().toString(), u"Paddock is still running"_s);
        QVERIFY(noticeRecorded());
        QCOMPARE(quit.size(), 0);

        trayAction(u"Show Paddock"_s)->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(m_window->paneGrid()->panes().size(), 2); // the agents are where they were

        QVERIFY(!m_window->close());
        QVERIFY(!m_window->isVisible());
        QCOMPARE(shown.size(), 1); // said once
        trayAction(u"Show Paddock"_s)->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Quit in the tray's menu asks; Cancel keeps everything, Yes stops every sandbox and ends Paddock.
    void quitAsksAndStopsEverything()
    {
        QSignalSpy quit(m_window.get(), &MainWindow::quitConfirmed);
        QVERIFY(!m_window->close()); // back into the tray first: Quit must bring the question up anyway
        QString question;
        answerNextQuestion(QMessageBox::Cancel, &question);
        trayAction(u"Quit Paddock"_s)->trigger();
        QVERIFY2(question.contains(u"tray-1"_s) && question.contains(u"tray-2"_s), qPrintable(question));
        QCOMPARE(quit.size(), 0);
        QCOMPARE(m_host->manager().runningSandboxes().size(), 2);

        answerNextQuestion(QMessageBox::Yes);
        trayAction(u"Quit Paddock"_s)->trigger();
        QCOMPARE(quit.size(), 1);
        QVERIFY(m_host->manager().runningSandboxes().isEmpty());
        QVERIFY(!m_window->isVisible());
    }

    // With nothing running, closing the window is quitting: no tray stays behind holding nothing.
    void closingWithNothingRunningQuits()
    {
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy quit(m_window.get(), &MainWindow::quitConfirmed);
        QVERIFY(m_window->close());
        QCOMPARE(quit.size(), 1);
    }
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"

// Paddock's window opened while another process hosts the sandboxes: a background `paddock serve` (the real
// binary, real bubblewrap sandboxes) is asked, the user answers the question, and the window takes the
// sandboxes over and starts them again in its panes, or leaves them where they are.
#include "app/gui/hostclaim.h"
#include "app/gui/mainwindow.h"
#include "app/gui/terminalpane.h"
#include "app/host/sandboxhost.h"

#include "app/clitestsupport.h"
#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

using namespace Qt::StringLiterals;
using namespace Paddock::App;
using Paddock::Test::paddock;

class TestHostClaim : public QObject
{
    Q_OBJECT

private:
    Paddock::Test::IsolatedXdg m_xdg;
    QTemporaryDir m_dir;
    Paddock::Core::Paths m_paths{QProcessEnvironment::systemEnvironment()};

    // Answers the question the window puts, once it shows, with the named button.
    void answerWith(const QString &buttonName, QString *questionText)
    {
        QTimer::singleShot(200, this, [buttonName, questionText] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            *questionText = box->text() + u' ' + box->informativeText();
            QPushButton *button = buttonName.isEmpty()
                                      ? qobject_cast<QPushButton *>(box->button(QMessageBox::Cancel))
                                      : box->findChild<QPushButton *>(buttonName);
            QVERIFY(button);
            QTest::mouseClick(button, Qt::LeftButton);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        Paddock::Test::makeRepository(m_dir.filePath(u"project"_s));
        QCOMPARE(
            paddock({u"create"_s, u"agent-1"_s, u"--workspace"_s, m_dir.filePath(u"project"_s)}).exitCode, 0);
        const auto started = paddock({u"start"_s, u"agent-1"_s}); // a background `paddock serve`
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
    }

    void cleanupTestCase() // the background host, if a check failed before the window took it over
    {
        if (HostHandover::holder(m_paths))
            paddock({u"stop"_s, u"agent-1"_s});
    }

    void theQuestionNamesWhatRunsAndWhatItCosts()
    {
        HostHandover::Holder holder;
        holder.role = SandboxHost::Role::Service;
        holder.pid = 4242;
        holder.running = {u"agent-1"_s, u"docs"_s};
        const auto question = HostClaim::takeOverQuestion(holder);
        question->show();
        QVERIFY(QTest::qWaitForWindowExposed(question.get()));
        QCOMPARE(question->text(), u"'paddock serve' (process 4242) runs %1 in the background."_s.arg(
                                       QLocale().createSeparatedList(holder.running)));
        auto *takeOver = question->findChild<QPushButton *>(u"takeOver"_s);
        QVERIFY(takeOver);
        QCOMPARE(question->defaultButton(), takeOver);
        QVERIFY(question->grab().save(Paddock::Test::screenshotPath(u"take-over-question.png"_s)));
    }

    void cancelLeavesTheSandboxesWhereTheyAre()
    {
        SandboxHost host(m_paths);
        host.setRole(SandboxHost::Role::Window);
        const auto refused = host.open();
        QVERIFY(!refused);
        QString asked;
        answerWith({}, &asked);
        const HostClaim::Outcome outcome = HostClaim::claim(m_paths, host, refused.error());
        QVERIFY2(asked.contains(u"runs agent-1 in the background"_s), qPrintable(asked));
        QCOMPARE(outcome.exitCode, 0); // no window, and nothing went wrong
        QVERIFY(outcome.startAgain.isEmpty());
        const auto holder = HostHandover::holder(m_paths);
        QVERIFY(holder && holder->running == QStringList{u"agent-1"_s});
    }

    void takingOverStartsThemAgainInTheWindow()
    {
        const auto before = HostHandover::holder(m_paths);
        QVERIFY(before);
        SandboxHost host(m_paths);
        host.setRole(SandboxHost::Role::Window);
        const auto refused = host.open();
        QVERIFY(!refused);
        QString asked;
        answerWith(u"takeOver"_s, &asked);
        const HostClaim::Outcome outcome = HostClaim::claim(m_paths, host, refused.error());
        QVERIFY(!outcome.exitCode);
        QCOMPARE(outcome.startAgain, QStringList{u"agent-1"_s});
        QTRY_VERIFY(::kill(pid_t(before->pid), 0) != 0); // `paddock serve` ended

        MainWindow window(host);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString &name : outcome.startAgain)
            QVERIFY(window.attach(name));
        QTRY_VERIFY_WITH_TIMEOUT(host.manager().isRunning(u"agent-1"_s), 20000);
        TerminalPane *pane = window.findChild<TerminalPane *>();
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), TerminalPane::State::Running, 20000);
        QVERIFY(window.grab().save(Paddock::Test::screenshotPath(u"taken-over.png"_s)));
        host.manager().stopAll();
    }
};

QTEST_MAIN(TestHostClaim)
#include "tst_hostclaim.moc"

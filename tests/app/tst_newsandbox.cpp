// Creating and removing sandboxes from the main window, as a person does it: New Sandbox, the dialog filled
// in and checked as it is typed, Create & Run starting the agent in a real sandbox, Stop, and Remove asking
// first (and again, when the sandbox holds commits the user's repository does not have).
#include "app/gui/diffview.h"
#include "app/gui/guestimagedialog.h"
#include "app/gui/mainwindow.h"
#include "app/gui/newsandboxdialog.h"
#include "app/gui/panegrid.h"
#include "app/gui/reviewpage.h"
#include "app/gui/sandboxlistmodel.h"
#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"
#include "app/host/sandboxhost.h"
#include "app/terminal/terminalmodel.h"
#include "core/settings.h"
#include "vm/backendavailability.h"
#include "vm/guestimage.h"
#include "vm/sandboxmanager.h"

#include "app/dialogtestsupport.h"
#include "app/panetestsupport.h"
#include "testsupport.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

#include <csignal>
#include <functional>

using namespace Paddock;
using Paddock::Test::git;
using Paddock::Test::screenContains;
using Paddock::Test::typeLine;
using Paddock::Test::whenShown;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

QString gitOutput(const QString &repo, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(u"git"_s, arguments);
    process.waitForFinished();
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestNewSandbox : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_folders;
    QString m_repo;
    std::unique_ptr<SandboxHost> m_host;
    std::unique_ptr<MainWindow> m_window;

    QString problemOf(NewSandboxDialog &dialog) { return dialog.findChild<QLabel *>(u"problem"_s)->text(); }
    bool canCreate(NewSandboxDialog &dialog)
    {
        return dialog.findChild<QPushButton *>(u"createAndRun"_s)->isEnabled() &&
               dialog.findChild<QPushButton *>(u"create"_s)->isEnabled();
    }
    void typeInto(QWidget *field, const QString &text)
    {
        if (auto *line = qobject_cast<QLineEdit *>(field)) {
            line->selectAll();
            QTest::keyClick(line, Qt::Key_Delete);
        }
        QTest::keyClicks(field, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_repo = m_folders.path() + u"/My Project"_s;
        Test::makeRepository(m_repo);
        QDir().mkpath(m_folders.path() + u"/notes"_s);
        m_host = std::make_unique<SandboxHost>(Core::Paths(QProcessEnvironment::systemEnvironment()));
        QVERIFY(m_host->open());
        m_window = std::make_unique<MainWindow>(*m_host);
        m_window->resize(1200, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_host->manager().stopAll();
        m_window.reset();
        m_host.reset();
    }

    // The dialog checks each field as it is typed and says what is wrong; Create waits until nothing is.
    void theDialogChecksAsYouType()
    {
        int creates = 0;
        NewSandboxDialog dialog(
            m_host->paths(),
            [&creates](const Vm::CreateOptions &) -> Core::Result<Core::SandboxRecord> {
                ++creates;
                return std::unexpected(Core::Error{Core::ErrorCode::Unavailable, u"the disk is full"_s});
            },
            m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *folder = dialog.findChild<QComboBox *>(u"folder"_s);
        auto *name = dialog.findChild<QLineEdit *>(u"name"_s);
        QVERIFY(!canCreate(dialog));
        QCOMPARE(problemOf(dialog), u"Choose the project folder the agent works in."_s);

        typeInto(folder, m_folders.path() + u"/missing"_s);
        QVERIFY(problemOf(dialog).endsWith(u"is not a folder."_s));
        QVERIFY(!canCreate(dialog));

        folder->setCurrentText(QString());
        typeInto(folder, m_repo);
        QCOMPARE(problemOf(dialog), QString());
        QVERIFY(canCreate(dialog));
        QCOMPARE(name->text(), u"my-project-claude"_s); // from the folder and the default agent
        QVERIFY(dialog.findChild<QRadioButton *>(u"cloneMode"_s)->isChecked()); // a repository: a clone
        QVERIFY(dialog.findChild<QLabel *>(u"modeNote"_s)->text().contains(u"paddock/my-project-claude"_s));
        auto *agent = dialog.findChild<QComboBox *>(u"agent"_s);
        agent->setCurrentIndex(agent->findData(u"shell"_s));
        QCOMPARE(name->text(), u"my-project-shell"_s); // still the suggestion, so it follows the agent
        auto *preset = dialog.findChild<QComboBox *>(u"preset"_s);
        QVERIFY(!dialog.findChild<QLabel *>(u"presetDescription"_s)->text().isEmpty());
        preset->setCurrentIndex(preset->findData(u"locked-down"_s));
        QCOMPARE(dialog.options().presetId, u"locked-down"_s);

        typeInto(name, u"Not A Name"_s);
        QVERIFY(problemOf(dialog).contains(u"is not a valid sandbox name"_s));
        QVERIFY(!canCreate(dialog));
        typeInto(name, u"mine"_s);
        QVERIFY(canCreate(dialog));
        agent->setCurrentIndex(agent->findData(u"claude"_s));
        QCOMPARE(name->text(), u"mine"_s); // a name the user typed stays

        auto *memory = dialog.findChild<QLineEdit *>(u"memory"_s);
        typeInto(memory, u"lots"_s);
        QCOMPARE(problemOf(dialog), u"Write the memory limit as a size, such as 4G or 512M."_s);
        typeInto(memory, u"2G"_s);
        QCOMPARE(dialog.options().memoryMiB, 2048);

        // A folder that is not a repository can only be worked on directly.
        folder->setCurrentText(m_folders.path() + u"/notes"_s);
        QVERIFY(!dialog.findChild<QRadioButton *>(u"cloneMode"_s)->isEnabled());
        QVERIFY(dialog.findChild<QRadioButton *>(u"directMode"_s)->isChecked());
        QCOMPARE(dialog.options().mode, Core::SandboxRecord::Mode::Direct);
        QVERIFY(dialog.grab().save(Test::screenshotPath(u"new-sandbox.png"_s)));

        // A failed create says why and keeps everything typed.
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"create"_s), Qt::LeftButton);
        QCOMPARE(creates, 1);
        QVERIFY(dialog.isVisible());
        QCOMPARE(problemOf(dialog), u"the disk is full"_s);
        QCOMPARE(name->text(), u"mine"_s);
    }

    // New Sandbox → Create & Run: the sandbox is listed and its agent runs in a real sandbox, in a pane.
    // A microVM is offered where QEMU is, says when it will be emulated, and builds the guest image first if
    // there is none; a build that fails creates nothing and says so.
    void theMicroVmIsOfferedAndBuildsItsImageFirst()
    {
        int creates = 0;
        const auto noCreate = [&creates](const Vm::CreateOptions &) -> Core::Result<Core::SandboxRecord> {
            ++creates;
            return std::unexpected(Core::Error{Core::ErrorCode::Unavailable, u"not here"_s});
        };
        const QString imageFolder = Vm::SandboxManager::guestImageDirectory(m_host->paths());
        QDir(imageFolder).removeRecursively();
        {
            NewSandboxDialog dialog(m_host->paths(), noCreate, m_window.get());
            dialog.setFolder(m_folders.path());
            auto *backend = dialog.findChild<QComboBox *>(u"backend"_s);
            QVERIFY(qobject_cast<QStandardItemModel *>(backend->model())->item(1)->isEnabled());
            backend->setCurrentIndex(1);
            const QString note = dialog.findChild<QLabel *>(u"backendNote"_s)->text();
            QVERIFY2(note.contains(u"The first one builds the guest image"_s), qPrintable(note));
            // The downloads folder cannot be made (a file is in its place): the build fails at once.
            const QString downloads = m_host->paths().cacheDir() + u"/guest-image"_s;
            QDir(downloads).removeRecursively();
            Test::writeFile(downloads, "not a folder");
            QString shown;
            Test::whenShown<GuestImageDialog>(this, [&shown](GuestImageDialog *building) {
                QTRY_VERIFY_WITH_TIMEOUT(!building->isBuilding(), 30'000);
                shown = building->findChild<QLabel *>(u"problem"_s)->text();
                QTest::keyClick(building, Qt::Key_Escape); // Close
            });
            QTest::mouseClick(dialog.findChild<QPushButton *>(u"create"_s), Qt::LeftButton);
            QVERIFY2(shown.contains(u"Cannot create the folder"_s), qPrintable(shown));
            QVERIFY2(problemOf(dialog).contains(u"needs the guest image"_s), qPrintable(problemOf(dialog)));
            QCOMPARE(creates, 0);
            QVERIFY(dialog.isVisible() || !dialog.result()); // still open, nothing typed lost
            QFile::remove(downloads);
        }
        // What 'paddock image build' leaves (the dialog looks only at the files, not inside them).
        Test::writeFile(imageFolder + u"/vmlinux-6.1.0-test"_s, "ELF");
        Test::writeFile(imageFolder + u"/initrd-6.1.0-test.cpio"_s, "070701");
        Test::writeFile(imageFolder + u"/root-test.ext4"_s, "ext4");
        Test::writeFile(imageFolder + u"/manifest.json"_s,
                        QByteArray("{\"format\": ") + QByteArray::number(Vm::GuestImage::currentFormat) +
                            ", \"root\": \"root-test.ext4\"}");
        NewSandboxDialog dialog(m_host->paths(), noCreate, m_window.get());
        dialog.setFolder(m_repo);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *backend = dialog.findChild<QComboBox *>(u"backend"_s);
        QVERIFY(qobject_cast<QStandardItemModel *>(backend->model())->item(1)->isEnabled());
        const bool emulated =
            Vm::BackendAvailability().microVmBackend().level == Vm::BackendStatus::Level::Emulated;
        QCOMPARE(backend->itemText(1).contains(u"emulated (slow)"_s), emulated);
        QCOMPARE(backend->itemData(1, Qt::ToolTipRole).toString(),
                 Vm::BackendAvailability().microVmBackend().detail); // why, as the user points at it
        backend->setCurrentIndex(1);
        QCOMPARE(dialog.options().backend, Core::SandboxRecord::Backend::MicroVm);
        const QString note = dialog.findChild<QLabel *>(u"backendNote"_s)->text();
        QVERIFY2(note.contains(u"its own kernel"_s), qPrintable(note));
        QCOMPARE(note.contains(u"emulated"_s), emulated);
        QVERIFY(dialog.findChild<QLabel *>(u"backendNote"_s)->geometry().bottom() <
                dialog.findChild<QSpinBox *>(u"cpus"_s)->geometry().top()); // nothing drawn over
        // The fields size the machine (not cgroup limits), and a clone gets a disk of the size asked for.
        auto *cpus = dialog.findChild<QSpinBox *>(u"cpus"_s);
        QCOMPARE(cpus->specialValueText(), u"1 CPU"_s);
        QVERIFY2(dialog.findChild<QLabel *>(u"limitsNote"_s)->text().contains(u"Its CPUs, memory"_s),
                 qPrintable(dialog.findChild<QLabel *>(u"limitsNote"_s)->text()));
        auto *disk = dialog.findChild<QLineEdit *>(u"disk"_s);
        QVERIFY(disk->isVisible() && disk->isEnabled());
        typeInto(disk, u"lots"_s);
        QCOMPARE(problemOf(dialog), u"Write the disk size as a size of at least 256M, such as 64G."_s);
        QVERIFY(!dialog.findChild<QPushButton *>(u"create"_s)->isEnabled());
        typeInto(disk, u"64G"_s);
        QCOMPARE(problemOf(dialog), QString());
        QCOMPARE(dialog.options().diskMiB, 64 * 1024);
        QVERIFY(dialog.grab().save(Test::screenshotPath(u"new-sandbox-microvm.png"_s)));
        dialog.findChild<QRadioButton *>(u"directMode"_s)->click(); // the folder is shared: no disk to size
        QVERIFY(!disk->isEnabled());
        QCOMPARE(dialog.options().diskMiB, 0);
        backend->setCurrentIndex(0); // back to a namespace sandbox: limits, and no disk
        QVERIFY(disk->isHidden());
        QCOMPARE(cpus->specialValueText(), u"No limit"_s);
        QDir(imageFolder).removeRecursively();
    }

    void createAndRunFromTheWindow()
    {
        whenShown<NewSandboxDialog>(this, [this](NewSandboxDialog *dialog) {
            auto *folder = dialog->findChild<QComboBox *>(u"folder"_s);
            folder->setCurrentText(m_repo);
            auto *agent = dialog->findChild<QComboBox *>(u"agent"_s);
            agent->setCurrentIndex(agent->findData(u"shell"_s));
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"createAndRun"_s), Qt::LeftButton);
        });
        m_window->activateWindow(); // the dialog before had the keyboard
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
        SandboxListModel *model = m_window->sandboxModel();
        const int row = model->rowOf(u"my-project-shell"_s);
        QVERIFY(row >= 0);
        QCOMPARE(model->record(row)->branch, u"paddock/my-project-shell"_s);
        QVERIFY(m_window->sandboxView()->selectionModel()->isRowSelected(row, {}));
        TerminalPane *pane = m_window->paneGrid()->paneOf(u"my-project-shell"_s);
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), TerminalPane::State::Running, 20000);
        typeLine(pane, u"echo made-in-$(pwd)"_s);
        QTRY_VERIFY_WITH_TIMEOUT(screenContains(pane, u"made-in-/workspace"_s), 10000);
        // The folder is remembered for the next sandbox.
        Core::Settings settings(m_host->paths().settingsFile());
        QVERIFY(settings.load());
        QCOMPARE(settings.recentFolders().value(0), QFileInfo(m_repo).canonicalFilePath());
    }

    // A comment written on the review page reaches the agent running in its pane: a file in its workspace and
    // a line typed into its terminal.
    void reviewCommentsReachTheRunningAgent()
    {
        const QString name = u"my-project-shell"_s;
        TerminalPane *pane = m_window->paneGrid()->paneOf(name);
        QVERIFY(pane);
        typeLine(pane, u"echo 'int x = 1;' > x.c && git add x.c && git -c user.name=A -c user.email=a@b "
                       "commit -qm 'add x' && echo committed-$((40 + 2))"_s);
        // (the output, not the command line as typed)
        QTRY_VERIFY_WITH_TIMEOUT(screenContains(pane, u"committed-42"_s), 10000);

        ReviewPage *review = m_window->reviewPage();
        QSignalSpy shown(review, &ReviewPage::fileShown);
        m_window->findChild<QAction *>(u"reviewAction"_s)->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(!shown.isEmpty() && review->isDiffShown(),
                                  qPrintable(review->placeholder()->text()), 20000);
        QCOMPARE(shown.last().first().toString(), u"x.c"_s);
        DiffView *view = review->diffView();
        view->setTextCursor(QTextCursor(view->document()->findBlockByNumber(1))); // "+int x = 1;"
        whenShown<QInputDialog>(this, [](QInputDialog *dialog) {
            dialog->setTextValue(u"Call it count."_s);
            dialog->accept();
        });
        m_window->activateWindow(); // shortcuts reach the active window only
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
        QTRY_VERIFY(review->sendCommentsButton()->isVisible());
        QTest::mouseClick(review->sendCommentsButton(), Qt::LeftButton);

        // The shell is the agent here: it receives the line as typed (and has no command "Please").
        QTRY_VERIFY_WITH_TIMEOUT(screenContains(pane, u"Please read .paddock/review-comments.md"_s), 10000);
        typeLine(pane, u"clear; echo found-$(grep -c 'Call it count.' .paddock/review-comments.md)-times"_s);
        QTRY_VERIFY_WITH_TIMEOUT(screenContains(pane, u"found-1-times"_s), 10000);
    }

    // Stop, then Remove: asked first, and the user's repository keeps everything.
    void stopThenRemove()
    {
        const QString name = u"my-project-shell"_s;
        QVERIFY(m_host->manager().isRunning(name));
        auto *remove = m_window->findChild<QAction *>(u"removeAction"_s);
        QVERIFY(!remove->isEnabled()); // not while it runs
        TerminalPane *pane = m_window->paneGrid()->paneOf(name);
        m_window->findChild<QAction *>(u"stopAction"_s)->trigger();
        QTRY_VERIFY(!m_host->manager().isRunning(name));
        QTRY_COMPARE(pane->state(), TerminalPane::State::Exited);
        // Hung up, as when a terminal closes: an interactive shell ignores SIGTERM and would hold the stop
        // (and the window) for the 3 s before SIGKILL (137).
        QCOMPARE(pane->exitCode(), 128 + SIGHUP);
        QVERIFY(remove->isEnabled());
        const QString clone = m_host->manager().cloneDirectory(name);
        QVERIFY(QFileInfo(clone).isDir());

        // A commit in the sandbox's clone that the user's repository does not have: removing it would lose
        // work, so the window asks again, and Cancel keeps it.
        QFile work(clone + u"/work.txt"_s);
        QVERIFY(work.open(QIODevice::WriteOnly) && work.write("agent work\n") > 0);
        work.close();
        git(clone, {u"add"_s, u"."_s});
        git(clone, {u"commit"_s, u"-qm"_s, u"agent work"_s});
        QStringList titles;
        whenShown<QMessageBox>(this, [this, &titles](QMessageBox *question) {
            titles << question->windowTitle();
            whenShown<QMessageBox>(this, [&titles](QMessageBox *warning) {
                titles << warning->windowTitle();
                QTest::mouseClick(warning->button(QMessageBox::Cancel), Qt::LeftButton);
            });
            QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        });
        remove->trigger();
        QCOMPARE(titles, QStringList({u"Remove my-project-shell?"_s,
                                      u"Remove my-project-shell and lose its work?"_s}));
        QVERIFY(m_window->sandboxModel()->rowOf(name) >= 0);
        QVERIFY(QFileInfo(clone + u"/work.txt"_s).exists());

        // Said twice, it goes: the record, the clone and its pane; the user's repository is as it was.
        whenShown<QMessageBox>(this, [this](QMessageBox *question) {
            whenShown<QMessageBox>(this, [](QMessageBox *warning) {
                for (QAbstractButton *button : warning->buttons()) {
                    if (warning->buttonRole(button) == QMessageBox::DestructiveRole)
                        QTest::mouseClick(button, Qt::LeftButton);
                }
            });
            QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        });
        remove->trigger();
        QCOMPARE(m_window->sandboxModel()->rowOf(name), -1);
        QVERIFY(!QFileInfo::exists(clone));
        QVERIFY(!m_window->paneGrid()->paneOf(name));
        QCOMPARE(gitOutput(m_repo, {u"log"_s, u"--format=%s"_s}), u"first"_s);
        QCOMPARE(gitOutput(m_repo, {u"status"_s, u"--porcelain"_s}), QString());
        QCOMPARE(gitOutput(m_repo, {u"branch"_s, u"--format=%(refname:short)"_s}), u"main"_s);
    }
};

QTEST_MAIN(TestNewSandbox)
#include "tst_newsandbox.moc"

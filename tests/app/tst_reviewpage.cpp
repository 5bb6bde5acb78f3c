// The review page on real repositories: a user's repository, sandboxes made by SandboxManager (not started)
// and an agent that commits in its clone; merge and discard through the page's own dialogs.
#include "app/cli/translations.h"
#include "app/dialogtestsupport.h"
#include "app/gui/branchlistmodel.h"
#include "app/gui/changedfilesmodel.h"
#include "app/gui/commitlistmodel.h"
#include "app/gui/diffview.h"
#include "app/gui/mergedialog.h"
#include "app/gui/messagebar.h"
#include "app/gui/reviewdiffpane.h"
#include "app/gui/reviewpage.h"
#include "app/gui/sidebysidediffview.h"
#include "core/paths.h"
#include "core/sandboxstore.h"
#include "proxy/auditlog.h"
#include "testsupport.h"
#include "vm/sandboxmanager.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTextBlock>
#include <QToolButton>
#include <QtTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Paddock;
using Paddock::Test::whenShown;
using namespace Paddock::App;
using Paddock::Test::git;
using Paddock::Test::writeFile;

namespace {

QByteArray gitOutput(const QString &repo, const QStringList &args, int *exitCode = nullptr)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(u"git"_s, args);
    process.waitForFinished();
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput().trimmed();
}

const QByteArray mainBefore = "#include <cstdio>\n\n"
                              "int main()\n{\n"
                              "    int answer = 41;\n"
                              "    std::printf(\"%d\\n\", answer);\n"
                              "    return 0;\n}\n";
const QByteArray mainAfter = "#include \"util.h\"\n\n#include <cstdio>\n\n"
                             "int main()\n{\n"
                             "    int answer = 42;\n"
                             "    std::printf(\"%d\\n\", twice(answer) / 2);\n"
                             "    return 0;\n}\n";

} // namespace

class TestReviewPage : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_clone;
    std::unique_ptr<Vm::SandboxManager> m_manager;
    std::unique_ptr<ReviewPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_branchTester;
    std::unique_ptr<QAbstractItemModelTester> m_fileTester;

    void agentCommits(const QString &file, const QByteArray &content, const QString &message)
    {
        writeFile(m_clone + u'/' + file, content);
        git(m_clone, {u"add"_s, u"-A"_s});
        git(m_clone, {u"commit"_s, u"-qm"_s, message});
    }
    const BranchListModel::Branch *agent1() const
    {
        return m_page->branchModel()->branch(m_page->branchModel()->rowOf(u"agent1"_s));
    }
    // Reloads and waits until agent1's diff of its current tip is listed.
    void reloadAndWait()
    {
        QSignalSpy loaded(m_page.get(), &ReviewPage::diffLoaded);
        m_page->reload();
        m_page->showSandbox(u"agent1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
    }
    void selectFile(const QString &path)
    {
        const int row = m_page->fileModel()->rowOf(path);
        QVERIFY(row >= 0);
        if (m_page->fileView()->currentIndex().row() == row && m_page->isDiffShown())
            return; // already on screen
        QSignalSpy shown(m_page.get(), &ReviewPage::fileShown);
        m_page->fileView()->setCurrentIndex(m_page->fileModel()->index(row, ChangedFilesModel::File));
        // Each file's patch is loaded on the page's worker when it is first shown.
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().first().toString() == path, 20000);
    }
    QByteArray head() const { return gitOutput(m_repo, {u"rev-parse"_s, u"HEAD"_s}); }

private Q_SLOTS:
    void initTestCase()
    {
        installTranslations(*qApp, u"en"_s); // English plurals ("1 file", "2 files"), as the app shows them
        m_repo = m_dir.path() + u"/project"_s;
        Test::makeRepository(m_repo);
        writeFile(m_repo + u"/src/main.cpp"_s, mainBefore);
        git(m_repo, {u"add"_s, u"."_s});
        git(m_repo, {u"commit"_s, u"-qm"_s, u"main"_s});
        git(m_repo, {u"config"_s, u"user.name"_s, u"Test"_s});
        git(m_repo, {u"config"_s, u"user.email"_s, u"t@example.com"_s});

        m_manager = std::make_unique<Vm::SandboxManager>(Core::Paths::fromSystem());
        for (const QString &name : {u"agent1"_s, u"docs-pass"_s}) {
            Vm::CreateOptions options;
            options.name = name;
            options.workspace = m_repo;
            options.templateId = name == "agent1"_L1 ? u"claude"_s : u"codex"_s;
            const auto created = m_manager->create(options);
            QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        }
        m_clone = m_manager->cloneDirectory(u"agent1"_s);
        QVERIFY(QFileInfo(m_clone + u"/.git"_s).isDir());

        agentCommits(u"src/main.cpp"_s, mainAfter, u"Use twice()"_s);
        writeFile(m_clone + u"/src/util.h"_s,
                  "#pragma once\n\ninline int twice(int x)\n{\n    return 2 * x;\n}\n");
        writeFile(m_clone + u"/package.json"_s,
                  "{\n  \"scripts\": { \"postinstall\": \"node setup.js\" }\n}\n");
        writeFile(m_clone + u"/.github/workflows/ci.yml"_s,
                  "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
        writeFile(m_clone + u"/CLAUDE.md"_s, "Always run the tests.\n");
        writeFile(m_clone + u"/logo.png"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        git(m_clone, {u"add"_s, u"-A"_s});
        git(m_clone, {u"commit"_s, u"-qm"_s, u"Add CI, a helper and a logo"_s});

        // What agent1's proxy decided, as the audit log holds it.
        Proxy::AuditLog audit(Core::Paths::fromSystem().auditLogDir() + u"/audit.jsonl"_s);
        QVERIFY(audit.open().has_value());
        const auto decide = [&](const QString &host, Proxy::DecisionEvent::Verdict verdict,
                                const QString &secret) {
            Proxy::DecisionEvent event;
            event.time = QDateTime::currentDateTimeUtc();
            event.sandbox = u"agent1"_s;
            event.method = u"CONNECT"_s;
            event.host = host;
            event.port = 443;
            event.verdict = verdict;
            event.secretKind = secret;
            audit.append(event);
        };
        decide(u"api.anthropic.com"_s, Proxy::DecisionEvent::Verdict::Allow, {});
        decide(u"api.anthropic.com"_s, Proxy::DecisionEvent::Verdict::Allow, {});
        decide(u"registry.npmjs.org"_s, Proxy::DecisionEvent::Verdict::Allow, {});
        decide(u"pastebin.com"_s, Proxy::DecisionEvent::Verdict::Deny, {});
        decide(u"api.anthropic.com"_s, Proxy::DecisionEvent::Verdict::Deny, u"AWS access key"_s);

        m_page = std::make_unique<ReviewPage>(Core::Paths::fromSystem(), *m_manager);
        m_branchTester = std::make_unique<QAbstractItemModelTester>(
            m_page->branchModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_fileTester = std::make_unique<QAbstractItemModelTester>(
            m_page->fileModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->resize(1280, 800);
    }

    void listsEachCloneSandboxWithItsCounts()
    {
        QSignalSpy loaded(m_page.get(), &ReviewPage::diffLoaded);
        m_page->show(); // the first show brings the branches in
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        BranchListModel *model = m_page->branchModel();
        QCOMPARE(model->rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(agent1()->state == BranchListModel::Branch::State::Ready, 20000);
        const Core::BranchSummary &summary = agent1()->summary;
        QCOMPARE(summary.ahead, 2);
        QCOMPARE(summary.behind, 0);
        QCOMPARE(summary.target, u"main"_s);
        QCOMPARE(summary.stats.files, 6);
        // The files are counted at once, their lines a moment later.
        QTRY_VERIFY_WITH_TIMEOUT(agent1()->summary.counted, 20000);
        const int row = model->rowOf(u"agent1"_s);
        QCOMPARE(model->index(row, BranchListModel::Agent).data().toString(), u"Claude Code"_s);
        QCOMPARE(model->index(row, BranchListModel::Commits).data().toString(), u"2 ahead"_s);
        QCOMPARE(model->index(row, BranchListModel::Files).data().toInt(), 6);
        QCOMPARE(model->index(row, BranchListModel::Changes).data().toString(),
                 u"+%1 −%2"_s.arg(summary.stats.additions).arg(summary.stats.deletions));
        QVERIFY(summary.stats.deletions >= 2);
        // The network summary from the audit log: hosts reached, requests blocked, secrets caught.
        QTRY_COMPARE(model->index(row, BranchListModel::Network).data().toString(),
                     u"2 hosts · 2 blocked · 1 secret caught"_s);
        const QString hosts = model->index(row, BranchListModel::Network).data(Qt::ToolTipRole).toString();
        QVERIFY2(hosts.contains(u"api.anthropic.com: 3, 1 blocked"_s) &&
                     hosts.contains(u"pastebin.com: 1, 1 blocked"_s),
                 qPrintable(hosts));
        const int other = model->rowOf(u"docs-pass"_s);
        QTRY_COMPARE(model->branch(other)->state, BranchListModel::Branch::State::Ready);
        QCOMPARE(model->index(other, BranchListModel::Commits).data().toString(), u"0 ahead"_s);
        QCOMPARE(model->index(other, BranchListModel::Network).data().toString(), u"No requests"_s);
        QVERIFY(!gitOutput(m_repo, {u"rev-parse"_s, u"refs/paddock/agent1"_s}).isEmpty());
        m_page->showSandbox(u"agent1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->fileModel()->rowCount() == 6, 20000);
    }

    void listsRiskyFilesFirst()
    {
        ChangedFilesModel *files = m_page->fileModel();
        QStringList paths;
        QStringList risks;
        for (int row = 0; row < files->rowCount(); ++row) {
            paths << files->file(row)->path;
            risks << files->index(row, ChangedFilesModel::Risk).data().toString();
        }
        QCOMPARE(paths, (QStringList{u".github/workflows/ci.yml"_s, u"package.json"_s, u"CLAUDE.md"_s,
                                     u"logo.png"_s, u"src/main.cpp"_s, u"src/util.h"_s}));
        QCOMPARE(risks, (QStringList{u"CI workflow"_s, u"Build script"_s, u"Agent configuration"_s, QString(),
                                     QString(), QString()}));
        QVERIFY(!files->index(0, ChangedFilesModel::File).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(files->riskyCount(), 3);
        // The first, riskiest file is selected and shown with why it is risky.
        QCOMPARE(m_page->fileView()->currentIndex().row(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->isDiffShown(), 20000);
        auto *risk = m_page->findChild<QLabel *>(u"fileRisk"_s);
        QVERIFY(risk->isVisible() && risk->text().contains(u"CI workflows run in your CI"_s));
        QCoreApplication::processEvents();
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review-risky-file.png"_s)));
    }

    void showsTheSelectedFilesDiff()
    {
        selectFile(u"src/main.cpp"_s);
        QVERIFY(m_page->isDiffShown());
        const UnifiedDiff &diff = m_page->diffView()->diff();
        QStringList added;
        QStringList removed;
        const UnifiedDiff::Line *changedLine = nullptr;
        for (const UnifiedDiff::Line &line : diff.lines) {
            if (line.kind == UnifiedDiff::Line::Kind::Added)
                added << line.text;
            if (line.kind == UnifiedDiff::Line::Kind::Removed)
                removed << line.text;
            if (line.kind == UnifiedDiff::Line::Kind::Added && line.text == "    int answer = 42;"_L1)
                changedLine = &line;
        }
        QVERIFY(added.contains(u"    int answer = 42;"_s));
        QVERIFY(removed.contains(u"    int answer = 41;"_s));
        QVERIFY(added.contains(u"#include \"util.h\""_s));
        QVERIFY(changedLine && changedLine->changed.size() == 1);
        QCOMPARE(changedLine->changed.first().start, 18); // just the "2" of 42
        QCOMPARE(changedLine->changed.first().length, 1);
        const QString text = m_page->diffView()->toPlainText();
        QVERIFY(text.contains(u"\n    int answer = 41;\n"_s) && text.contains(u"\n    int answer = 42;\n"_s));
        QCOMPARE(m_page->diffView()->definitionName(), u"C++"_s);

        QCoreApplication::processEvents(); // the layout, now that the risk note is hidden
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review.png"_s)));
    }

    void showsTheDiffSideBySide()
    {
        selectFile(u"src/main.cpp"_s);
        ReviewDiffPane *pane = m_page->diffPane();
        QTest::mouseClick(pane->sideBySideButton(), Qt::LeftButton);
        QVERIFY(pane->isSideBySide());
        QVERIFY(m_page->isDiffShown());
        const UnifiedDiff &left = pane->sideBySideView()->oldSide()->diff();
        const UnifiedDiff &right = pane->sideBySideView()->newSide()->diff();
        QCOMPARE(left.lines.size(), right.lines.size());
        qsizetype replaced = -1;
        for (qsizetype i = 0; i < left.lines.size(); ++i) {
            if (left.lines[i].text == "    int answer = 41;"_L1)
                replaced = i;
            QVERIFY(left.lines[i].kind != UnifiedDiff::Line::Kind::Added);
            QVERIFY(right.lines[i].kind != UnifiedDiff::Line::Kind::Removed);
        }
        QVERIFY(replaced > 0);
        QCOMPARE(right.lines[replaced].text, u"    int answer = 42;"_s); // side by side, on one row
        QCOMPARE(pane->sideBySideView()->newSide()->definitionName(), u"C++"_s);
        QCoreApplication::processEvents();
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review-side-by-side.png"_s)));
        // The choice holds for the next file, and for the next start.
        selectFile(u"src/util.h"_s);
        QVERIFY(pane->sideBySideView()->newSide()->toPlainText().contains(u"return 2 * x;"_s));
        QVERIFY(ReviewDiffPane().isSideBySide());
        QTest::mouseClick(pane->findChild<QToolButton *>(u"unified"_s), Qt::LeftButton);
        QVERIFY(!pane->isSideBySide());
        QVERIFY(m_page->diffView()->toPlainText().contains(u"return 2 * x;"_s));
        QVERIFY(!ReviewDiffPane().isSideBySide());
    }

    // A comment on a line, typed into the page's dialog, reaches the sandbox as a file in its workspace.
    void sendsCommentsToTheAgent()
    {
        selectFile(u"src/main.cpp"_s);
        DiffView *view = m_page->diffView();
        int block = -1;
        for (int i = 0; i < view->diff().lines.size(); ++i) {
            if (view->diff().lines[i].text == "    int answer = 42;"_L1)
                block = i;
        }
        QVERIFY(block >= 0);
        view->setTextCursor(QTextCursor(view->document()->findBlockByNumber(block)));
        whenShown<QInputDialog>(this, [](QInputDialog *dialog) {
            QVERIFY(dialog->labelText().contains(u"src/main.cpp, line 7"_s));
            dialog->setTextValue(u"Why 42? Name the constant."_s);
            dialog->accept();
        });
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
        QTRY_VERIFY(m_page->findChild<QFrame *>(u"commentsBar"_s)->isVisible());
        QCOMPARE(m_page->commentsLabel()->text(), u"1 comment for the agent"_s);
        // The commented line is marked in the gutter, and only it; another file has no mark, and coming back
        // shows it again.
        const auto markedLines = [view] {
            QList<int> marked;
            for (int i = 0; i < view->diff().lines.size(); ++i) {
                if (view->isMarked(view->diff().lines[i]))
                    marked.append(i);
            }
            return marked;
        };
        QCOMPARE(markedLines(), QList<int>{block});
        selectFile(u"src/util.h"_s);
        QVERIFY(markedLines().isEmpty());
        selectFile(u"src/main.cpp"_s);
        QCOMPARE(markedLines(), QList<int>{block});
        view->setTextCursor(QTextCursor(view->document()->findBlockByNumber(block)));
        view->centerCursor();
        QCoreApplication::processEvents();
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review-comments.png"_s)));

        QSignalSpy sent(m_page.get(), &ReviewPage::commentsSent);
        QTest::mouseClick(m_page->sendCommentsButton(), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().at(0).toString(), u"agent1"_s);
        QVERIFY(sent.first().at(1).toString().contains(u".paddock/review-comments.md"_s));
        const QByteArray file = Test::readFile(m_clone + u"/.paddock/review-comments.md"_s);
        QVERIFY2(file.contains("## src/main.cpp, new line 7") && file.contains("    int answer = 42;") &&
                     file.contains("Why 42? Name the constant."),
                 file.constData());
        QVERIFY(!m_page->findChild<QFrame *>(u"commentsBar"_s)->isVisible()); // sent: gone from the page
        QVERIFY(markedLines().isEmpty());
        // What the page said of agent1 goes when another branch is selected.
        auto *message = m_page->findChild<MessageBar *>();
        QVERIFY(message->isVisible());
        m_page->showSandbox(u"docs-pass"_s);
        QVERIFY(!message->isVisible());
        QSignalSpy back(m_page.get(), &ReviewPage::diffLoaded);
        m_page->showSandbox(u"agent1"_s); // as the next tests expect
        QTRY_VERIFY_WITH_TIMEOUT(!back.isEmpty(), 20000);
        QDir(m_clone + u"/.paddock"_s).removeRecursively();
    }

    void showsAPlaceholderForABinaryFile()
    {
        selectFile(u"logo.png"_s);
        QVERIFY(!m_page->isDiffShown());
        QVERIFY2(m_page->placeholder()->text().startsWith(u"Binary file"_s),
                 qPrintable(m_page->placeholder()->text()));
        QVERIFY(m_page->diffView()->diff().lines.isEmpty());
    }

    void countsTheLinesOfEachFileAfterListingIt()
    {
        ChangedFilesModel *files = m_page->fileModel();
        const int row = files->rowOf(u"src/main.cpp"_s);
        QTRY_VERIFY_WITH_TIMEOUT(files->file(row)->counted, 20000);
        QVERIFY(files->index(row, ChangedFilesModel::Added).data().toString().startsWith(u'+'));
        QVERIFY(files->index(row, ChangedFilesModel::Removed).data().toString().startsWith(u"−"_s));
    }

    void listsTheCommitsWithTheirMessages()
    {
        QSignalSpy commits(m_page.get(), &ReviewPage::commitsLoaded);
        reloadAndWait();
        QTRY_VERIFY_WITH_TIMEOUT(!commits.isEmpty(), 20000);
        QCOMPARE(m_page->commitModel()->rowCount(), 2);
        QCOMPARE(m_page->listTabs()->tabText(1), u"&Commits (2)"_s);
        m_page->listTabs()->setCurrentWidget(m_page->commitView());
        QCOMPARE(m_page->commitModel()->index(0, CommitListModel::Summary).data().toString(),
                 u"Add CI, a helper and a logo"_s);
        m_page->commitView()->setCurrentIndex(m_page->commitModel()->index(1, CommitListModel::Summary));
        QPlainTextEdit *message = m_page->diffPane()->commitView();
        QVERIFY(message->isVisible());
        QVERIFY2(message->toPlainText().contains(u"Use twice()"_s), qPrintable(message->toPlainText()));
        QVERIFY(message->toPlainText().contains(m_page->commitModel()->commit(1)->id));
        QCoreApplication::processEvents();
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review-commits.png"_s)));
        m_page->listTabs()->setCurrentWidget(m_page->fileView());
    }

    // What the agent changed without committing shows in its own list, read from the clone's files.
    void showsTheUncommittedWorkApart()
    {
        writeFile(m_clone + u"/notes.txt"_s, "not committed yet\n");
        QSignalSpy uncommitted(m_page.get(), &ReviewPage::uncommittedLoaded);
        reloadAndWait();
        QTRY_VERIFY_WITH_TIMEOUT(!uncommitted.isEmpty(), 20000);
        QCOMPARE(m_page->uncommittedModel()->rowCount(), 1);
        QCOMPARE(m_page->listTabs()->tabText(2), u"&Uncommitted (1)"_s);
        QCOMPARE(m_page->fileModel()->rowOf(u"notes.txt"_s), -1); // not part of the branch
        m_page->listTabs()->setCurrentWidget(m_page->uncommittedView());
        QVERIFY(!m_page->isDiffShown()); // nothing selected yet: a hint
        m_page->uncommittedView()->setCurrentIndex(
            m_page->uncommittedModel()->index(0, ChangedFilesModel::File));
        QVERIFY(m_page->isDiffShown());
        QVERIFY(m_page->diffView()->toPlainText().contains(u"not committed yet"_s));
        QCoreApplication::processEvents();
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"review-uncommitted.png"_s)));
        m_page->listTabs()->setCurrentWidget(m_page->fileView());
        QFile::remove(m_clone + u"/notes.txt"_s);
    }

    void squashesThroughTheMergeDialog()
    {
        const QByteArray before = head();
        const QString reviewed = m_page->shownDiff().branchCommit;
        QCOMPARE(reviewed, agent1()->summary.branchCommit);
        QStringList title;
        whenShown<MergeDialog>(this, [&title](MergeDialog *dialog) {
            title << dialog->windowTitle();
            dialog->findChild<QRadioButton *>(u"squash"_s)->click();
            dialog->findChild<QPlainTextEdit *>(u"message"_s)->setPlainText(u"Agent work, squashed"_s);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"merge"_s), Qt::LeftButton);
        });
        QSignalSpy finished(m_page.get(), &ReviewPage::mergeFinished);
        m_page->mergeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(title, QStringList{u"Merge paddock/agent1"_s}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        auto *message = m_page->findChild<QLabel *>(u"messageText"_s);
        QVERIFY2(message->text().startsWith(u"Squashed paddock/agent1 into main"_s),
                 qPrintable(message->text()));
        QCOMPARE(gitOutput(m_repo, {u"log"_s, u"-1"_s, u"--format=%s"_s}),
                 QByteArray("Agent work, squashed"));
        QCOMPARE(gitOutput(m_repo, {u"rev-parse"_s, u"HEAD~1"_s}), before);
        QCOMPARE(gitOutput(m_repo, {u"status"_s, u"--porcelain"_s}), QByteArray());
        QCOMPARE(gitOutput(m_repo, {u"show"_s, u"HEAD:src/main.cpp"_s}) + '\n', mainAfter);
        QVERIFY(QFile::exists(m_repo + u"/.github/workflows/ci.yml"_s));
    }

    void signsThroughTheMergeDialogAsGitIsConfigured()
    {
        // The user's repository signs with an SSH key (commit.gpgsign), as git would.
        const QString key = m_xdg.path() + u"/signing-key"_s;
        QProcess keygen;
        keygen.start(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-f"_s, key});
        QVERIFY(keygen.waitForFinished() && keygen.exitCode() == 0);
        git(m_repo, {u"config"_s, u"gpg.format"_s, u"ssh"_s});
        git(m_repo, {u"config"_s, u"user.signingkey"_s, key});
        git(m_repo, {u"config"_s, u"commit.gpgsign"_s, u"true"_s});
        agentCommits(u"signed.txt"_s, "to be signed\n", u"more work"_s);
        reloadAndWait();
        bool offered = false;
        whenShown<MergeDialog>(this, [&offered, key](MergeDialog *dialog) {
            auto *sign = dialog->findChild<QCheckBox *>(u"sign"_s);
            offered = sign->isVisible() && sign->isEnabled() && sign->isChecked() &&
                      sign->text().contains(u"SSH key "_s + key);
            QVERIFY(dialog->grab().save(Test::screenshotPath(u"merge-dialog-signing.png"_s)));
            dialog->findChild<QRadioButton *>(u"mergeCommit"_s)->click();
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"merge"_s), Qt::LeftButton);
        });
        QSignalSpy finished(m_page.get(), &ReviewPage::mergeFinished);
        m_page->mergeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(offered);
        auto *message = m_page->findChild<QLabel *>(u"messageText"_s);
        QVERIFY2(message->text().endsWith(u", signed."_s), qPrintable(message->text()));
        QVERIFY(gitOutput(m_repo, {u"cat-file"_s, u"commit"_s, u"HEAD"_s})
                    .contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n"));

        // Unchecking the box merges unsigned, whatever commit.gpgsign says.
        agentCommits(u"unsigned.txt"_s, "not signed\n", u"even more work"_s);
        reloadAndWait();
        whenShown<MergeDialog>(this, [](MergeDialog *dialog) {
            dialog->findChild<QRadioButton *>(u"mergeCommit"_s)->click();
            dialog->findChild<QCheckBox *>(u"sign"_s)->click();
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"merge"_s), Qt::LeftButton);
        });
        m_page->mergeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QVERIFY2(!message->text().contains(u"signed"_s), qPrintable(message->text()));
        QVERIFY(!gitOutput(m_repo, {u"cat-file"_s, u"commit"_s, u"HEAD"_s}).contains("gpgsig"));
        for (const QString &setting : {u"gpg.format"_s, u"user.signingkey"_s, u"commit.gpgsign"_s})
            git(m_repo, {u"config"_s, u"--unset"_s, setting});
    }

    void showsAConflictAndChangesNothing()
    {
        agentCommits(u"README.md"_s, "agent version\n", u"agent edit"_s);
        writeFile(m_repo + u"/README.md"_s, "user version\n");
        git(m_repo, {u"commit"_s, u"-qam"_s, u"user edit"_s});
        reloadAndWait();
        QVERIFY(m_page->fileModel()->rowOf(u"README.md"_s) >= 0);
        const QByteArray before = head();
        const QByteArray refs = gitOutput(m_repo, {u"show-ref"_s});
        whenShown<MergeDialog>(this, [](MergeDialog *dialog) {
            dialog->findChild<QRadioButton *>(u"mergeCommit"_s)->click();
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"merge"_s), Qt::LeftButton);
        });
        QSignalSpy finished(m_page.get(), &ReviewPage::mergeFinished);
        m_page->mergeSelected();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        auto *conflicts = m_page->findChild<QListWidget *>(u"conflicts"_s);
        QVERIFY(conflicts->isVisible());
        QCOMPARE(conflicts->count(), 1);
        QCOMPARE(conflicts->item(0)->text(), u"README.md"_s);
        QVERIFY(m_page->findChild<QLabel *>(u"messageText"_s)->text().contains(u"Nothing was changed"_s));
        QCOMPARE(head(), before);
        QCOMPARE(gitOutput(m_repo, {u"show-ref"_s}), refs);
        QCOMPARE(gitOutput(m_repo, {u"status"_s, u"--porcelain"_s}), QByteArray());
    }

    void refreshKeepsTheDiffUntilTheNewTipIsLoaded()
    {
        agentCommits(u"late.txt"_s, "unseen\n", u"late"_s);
        QSignalSpy loaded(m_page.get(), &ReviewPage::diffLoaded);
        m_page->reload(); // brings the new tip in while the old diff is still on screen…
        const QString shown = m_page->shownDiff().branchCommit;
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QVERIFY(m_page->shownDiff().branchCommit != shown); // …and then shows it
        QVERIFY(m_page->fileModel()->rowOf(u"late.txt"_s) >= 0);
    }

    void discardDeletesTheImportedRef()
    {
        int exitCode = -1;
        gitOutput(m_repo, {u"rev-parse"_s, u"--verify"_s, u"-q"_s, u"refs/paddock/agent1"_s}, &exitCode);
        QCOMPARE(exitCode, 0);
        whenShown<QMessageBox>(this, [](QMessageBox *box) {
            QVERIFY(!box->checkBox()->isChecked());
            QTest::mouseClick(box->findChild<QPushButton *>(u"discard"_s), Qt::LeftButton);
        });
        m_page->discardSelected();
        QTRY_COMPARE_WITH_TIMEOUT(agent1()->state, BranchListModel::Branch::State::Discarded, 20000);
        gitOutput(m_repo, {u"rev-parse"_s, u"--verify"_s, u"-q"_s, u"refs/paddock/agent1"_s}, &exitCode);
        QVERIFY(exitCode != 0);
        QCOMPARE(m_page->fileModel()->rowCount(), 0);
        QVERIFY(!m_page->isDiffShown());
        QVERIFY(!m_page->findChild<QPushButton *>(u"merge"_s)->isEnabled());
        QVERIFY(QFileInfo(m_clone).isDir()); // the sandbox keeps its clone
    }

    void cleanupTestCase()
    {
        m_fileTester.reset();
        m_branchTester.reset();
        m_page.reset();
    }
};

QTEST_MAIN(TestReviewPage)
#include "tst_reviewpage.moc"

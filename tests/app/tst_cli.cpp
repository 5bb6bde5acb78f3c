// The real paddock binary as a user runs it: exit codes, messages and files it writes.
#include "vm/guestimage.h"
#include "vm/kernelbuilder.h"

#include "app/clitestsupport.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using Paddock::Test::paddock;
using Paddock::Test::Run;

class TestCli : public QObject
{
    Q_OBJECT

private:
    Paddock::Test::IsolatedXdg m_xdg;

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_BINARY"))); }

    void printsVersion()
    {
        const Run run = paddock({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), u"paddock " PADDOCK_VERSION ""_s);
    }

    void helpListsCommands()
    {
        const Run run = paddock({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"Usage: paddock"_s));
    }

    void unknownCommandIsUsageError()
    {
        const Run run = paddock({u"frobnicate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"unknown command 'frobnicate'"_s));
        QVERIFY(run.out.isEmpty());
    }

    // Paddock's own kernel: one kernel choice at a time; without the tools to build it, the packages to
    // install, and nothing built.
    void ownKernelNeedsItsTools()
    {
        const Run both = paddock({u"image"_s, u"build"_s, u"--own-kernel"_s, u"--kernel"_s, u"/boot/x"_s});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains(u"Give only one of --own-kernel"_s), qPrintable(both.err));
        QTemporaryDir tools;
        QVERIFY(QFile::link(QStandardPaths::findExecutable(u"apt-cache"_s), tools.filePath(u"apt-cache"_s)));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, tools.path());
        for (const QStringList &command :
             {QStringList{u"image"_s, u"kernel"_s}, QStringList{u"image"_s, u"build"_s, u"--own-kernel"_s}}) {
            const Run lacking = paddock(command, {}, environment);
            QCOMPARE(lacking.exitCode, 1);
            QVERIFY2(lacking.err.contains(u"Building the kernel needs these Debian packages: make gcc"_s) &&
                         lacking.err.contains(u"sudo apt-get install make gcc"_s),
                     qPrintable(lacking.err));
            QVERIFY(lacking.out.isEmpty());
        }
        QVERIFY(paddock({u"image"_s}).out.contains(u"There is no guest image yet"_s));
    }

    // Ctrl+C (or SIGTERM) during a kernel build stops it: the build's trees are removed and the command says
    // so, exiting with the shell's code for an interrupt, instead of dying and leaving 2 GB behind.
    void anInterruptedKernelBuildCleansUp()
    {
        if (const QStringList missing = Paddock::Vm::KernelBuilder::missingPackages(); !missing.isEmpty())
            QFAIL(qPrintable(u"Needs the Debian packages %1 (scripts/setup-deps.sh installs them)"_s.arg(
                missing.join(u' '))));
        // The download is a stand-in that takes a while and then fails.
        QTemporaryDir tools;
        Paddock::Test::writeFile(tools.filePath(u"apt-get"_s), "#!/bin/sh\nsleep 3\nexit 1\n");
        QFile::setPermissions(tools.filePath(u"apt-get"_s), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, tools.path() + u':' + environment.value(u"PATH"_s));
        const QString work = m_xdg.path() + u"/xdg_cache_home/paddock/guest-kernel"_s;
        for (const QStringList &command :
             {QStringList{u"image"_s, u"kernel"_s}, QStringList{u"image"_s, u"build"_s, u"--own-kernel"_s}}) {
            QProcess build;
            build.setProcessEnvironment(environment);
            build.start(qEnvironmentVariable("PADDOCK_BINARY"), command);
            QVERIFY(build.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(work + u"/build.lock"_s), 20'000);
            QVERIFY(build.processId() > 1);
            ::kill(pid_t(build.processId()), SIGINT);
            QVERIFY(build.waitForFinished(30'000));
            const QString err = QString::fromUtf8(build.readAllStandardError());
            QCOMPARE(build.exitStatus(), QProcess::NormalExit);
            QCOMPARE(build.exitCode(), 130);
            QVERIFY2(err.contains(u"The kernel build was stopped; its files were removed."_s),
                     qPrintable(err));
            for (const QString &tree : {u"source"_s, u"source-package"_s, u"build"_s})
                QVERIFY(!QFileInfo::exists(work + u'/' + tree));
        }
        // Twin: not interrupted, the same failed download is reported as what it is.
        const Run failed = paddock({u"image"_s, u"kernel"_s}, {}, environment);
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(!failed.err.contains(u"stopped"_s), qPrintable(failed.err));
    }

    void policyAllowWritesTheGlobalFile()
    {
        const Run run = paddock({u"policy"_s, u"allow"_s, u"**.Example.org.:443"_s});
        QCOMPARE(run.exitCode, 0);
        QFile file(m_xdg.path() + u"/xdg_config_home/paddock/policy.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("allow **.example.org:443"));
        QVERIFY(paddock({u"policy"_s, u"ls"_s}).out.contains(u"allow **.example.org:443"_s));
        // The same rule twice is not duplicated.
        QCOMPARE(paddock({u"policy"_s, u"allow"_s, u"**.example.org:443"_s}).exitCode, 0);
        QCOMPARE(paddock({u"policy"_s, u"ls"_s}).out.count(u"allow **.example.org:443"_s), 1);
        QCOMPARE(paddock({u"policy"_s, u"rm"_s, u"**.example.org:443"_s}).exitCode, 0);
        QVERIFY(!paddock({u"policy"_s, u"ls"_s}).out.contains(u"example.org"_s));
    }

    void interceptRulesAreAddedAndRemoved()
    {
        QCOMPARE(paddock({u"policy"_s, u"intercept"_s, u"**.example.org:443"_s}).exitCode, 0);
        QVERIFY(paddock({u"policy"_s, u"ls"_s}).out.contains(u"intercept **.example.org:443"_s));
        const Run withPath = paddock({u"policy"_s, u"intercept"_s, u"api.example.org/v1"_s});
        QCOMPARE(withPath.exitCode, 2);
        QVERIFY(withPath.err.contains(u"not paths"_s));
        QCOMPARE(paddock({u"policy"_s, u"rm"_s, u"**.example.org:443"_s}).exitCode, 0);
        QVERIFY(!paddock({u"policy"_s, u"ls"_s}).out.contains(u"example.org"_s));
    }

    void caIsShownAndResetOnlyWhenAsked()
    {
        QVERIFY(paddock({u"ca"_s}).out.contains(u"There is no CA yet"_s));
        const Run refused = paddock({u"ca"_s, u"reset"_s});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains(u"--yes"_s));
        const Run made = paddock({u"ca"_s, u"reset"_s, u"--yes"_s});
        QCOMPARE(made.exitCode, 0);
        const QString file = made.out.section(u"Made a new CA: "_s, 1).section(u'\n', 0, 0);
        const QList<QSslCertificate> first = QSslCertificate::fromPath(file);
        QCOMPARE(first.size(), 1);
        const Run shown = paddock({u"ca"_s, u"show"_s});
        const QString fingerprint =
            QString::fromLatin1(first.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper());
        QVERIFY2(shown.out.contains(fingerprint), qPrintable(shown.out));
        // A reset makes a different CA.
        QCOMPARE(paddock({u"ca"_s, u"reset"_s, u"--yes"_s}).exitCode, 0);
        QVERIFY(QSslCertificate::fromPath(file).first() != first.first());
    }

    void guestImageIsShownAndBuiltOnFirstUse()
    {
        // A check that fails halfway must not leave a `paddock serve` running a machine for the next tests.
        const auto stopMachines = qScopeGuard([] {
            for (const QString &name : {u"firstvm"_s, u"clonevm"_s})
                paddock({u"stop"_s, name});
        });
        QVERIFY(paddock({u"image"_s}).out.contains(u"There is no guest image yet"_s));
        QCOMPARE(paddock({u"image"_s, u"nope"_s}).exitCode, 2);
        const Run unknown =
            paddock({u"image"_s, u"build"_s, u"--kernel-package"_s, u"no-such-kernel-package"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(u"apt does not know no-such-kernel-package"_s),
                 qPrintable(unknown.err));
        // A real build: Debian's kernel, busybox and the root's packages through apt (about 125 MB, kept in
        // the source tree's .deps, which the other image tests share), npm from the registry, no root needed.
        QTemporaryDir cache;
        QVERIFY(QDir().mkpath(cache.filePath(u"paddock"_s)));
        const QString downloads = qEnvironmentVariable("PADDOCK_SOURCE_DIR") + u"/.deps/guest-image"_s;
        QVERIFY(QDir().mkpath(downloads));
        QVERIFY(QFile::link(downloads, cache.filePath(u"paddock/guest-image"_s)));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CACHE_HOME"_s, cache.path());
        // Built on first use: the first command in a microVM sandbox builds it, telling its progress, then
        // runs.
        QTemporaryDir project;
        QCOMPARE(paddock({u"create"_s, u"firstvm"_s, u"--workspace"_s, project.path(), u"--mode"_s,
                          u"direct"_s, u"--backend"_s, u"microvm"_s})
                     .exitCode,
                 0);
        const Run built = paddock({u"exec"_s, u"firstvm"_s, u"--"_s, u"cat"_s, u"/proc/version"_s}, {},
                                  environment, {}, 600'000);
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
        QVERIFY2(built.err.contains(u"Building the microVM guest image, once"_s) &&
                     built.err.contains(u"Building the initramfs"_s) &&
                     built.err.contains(u"Making the root file system image"_s) &&
                     built.err.contains(u"Done: "_s),
                 qPrintable(built.err));
        QVERIFY2(built.out.startsWith(u"Linux version "_s), qPrintable(built.out)); // the guest's own kernel
        // The desktop's progress bar has as many steps as the build tells.
        QCOMPARE(built.err.count(u"\n  "_s), Paddock::Vm::GuestImageBuilder::progressSteps);
        QCOMPARE(paddock({u"stop"_s, u"firstvm"_s}).exitCode, 0);
        QCOMPARE(paddock({u"rm"_s, u"firstvm"_s}).exitCode, 0);
        // The next start finds it. A clone-mode machine keeps its clone on its own disk; reviewing it while
        // it runs brings its branch back as it is now.
        QTemporaryDir repositories;
        const QString repository = repositories.filePath(u"repo"_s);
        Paddock::Test::makeRepository(repository);
        QCOMPARE(
            paddock({u"create"_s, u"clonevm"_s, u"--workspace"_s, repository, u"--backend"_s, u"microvm"_s})
                .exitCode,
            0);
        const Run started = paddock({u"start"_s, u"clonevm"_s}, {}, environment, {}, 120'000);
        QVERIFY2(started.exitCode == 0 && !started.err.contains(u"Building"_s), qPrintable(started.err));
        QCOMPARE(paddock({u"exec"_s, u"clonevm"_s, u"--"_s, u"sh"_s, u"-c"_s,
                          u"echo live > live.txt && git add live.txt && git -c user.name=a -c user.email=a@b "
                          "commit -qm live"_s})
                     .exitCode,
                 0);
        const Run live = paddock({u"diff"_s, u"clonevm"_s, u"--stat"_s});
        QVERIFY2(live.exitCode == 0 && live.out.contains(u"live.txt"_s), qPrintable(live.out + live.err));
        QCOMPARE(paddock({u"stop"_s, u"clonevm"_s}).exitCode, 0);
        QCOMPARE(paddock({u"rm"_s, u"clonevm"_s, u"--force"_s}).exitCode, 0);
        const Run shown = paddock({u"image"_s, u"show"_s});
        QVERIFY2(shown.out.contains(u"Kernel:  linux-image-"_s), qPrintable(shown.out));
        QVERIFY2(shown.out.contains(u"Root:    root-"_s) && shown.out.contains(u"git 1:2."_s) &&
                     shown.out.contains(u"npm 10.9.2"_s),
                 qPrintable(shown.out));
        QVERIFY2(!shown.out.contains(u"another version"_s), qPrintable(shown.out));
        // --own-kernel around Paddock's kernel "built before" (Debian's, standing in: building one takes ten
        // minutes), then back to Debian's.
        const auto source = Paddock::Vm::KernelBuilder::sourcePackage(u"linux-image-amd64"_s);
        QVERIFY2(source, source ? "" : qPrintable(source.error().message));
        const QString kernels = cache.filePath(u"paddock/guest-kernel"_s);
        const QString ownKernel = kernels + u'/' +
                                  Paddock::Vm::KernelBuilder::kernelFileName(
                                      source->second, Paddock::Vm::KernelBuilder::defaultConfig());
        const auto image =
            Paddock::Vm::GuestImage::findIn(m_xdg.path() + u"/xdg_data_home/paddock/guest-image"_s);
        QVERIFY(image && QDir().mkpath(kernels) && QFile::copy(image->kernel, ownKernel));
        const Run own = paddock({u"image"_s, u"build"_s, u"--own-kernel"_s}, {}, environment, {}, 300'000);
        QVERIFY2(own.exitCode == 0 && own.out.startsWith(u"Paddock's kernel for Linux "_s),
                 qPrintable(own.out + own.err));
        const Run ownShown = paddock({u"image"_s}, {}, environment);
        QVERIFY2(
            ownShown.out.contains(u"Kernel:  Paddock's own, %1 (%2)"_s.arg(image->kernelVersion, ownKernel)),
            qPrintable(ownShown.out));
        QCOMPARE(paddock({u"image"_s, u"kernel"_s}, {}, environment).out.trimmed(), ownKernel);
        QCOMPARE(paddock({u"image"_s, u"build"_s}, {}, environment, {}, 300'000).exitCode, 0);
        QVERIFY(paddock({u"image"_s}, {}, environment).out.contains(u"Kernel:  linux-image-"_s));
    }

    void malformedRuleIsUsageErrorNamingColumn()
    {
        const Run run = paddock({u"policy"_s, u"deny"_s, u"0x7f.1"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Invalid rule \"deny 0x7f.1\": column 6"_s), qPrintable(run.err));
    }

    void unknownPresetListsValidOnes()
    {
        const Run run = paddock({u"policy"_s, u"preset"_s, u"strict"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"open, balanced, locked-down"_s));
    }

    void removingAMissingRuleFails()
    {
        const Run run = paddock({u"policy"_s, u"rm"_s, u"never.example"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"never.example"_s));
    }

    void explainNamesTheWinningRule()
    {
        QCOMPARE(paddock({u"policy"_s, u"preset"_s, u"balanced"_s}).exitCode, 0);
        Run run = paddock({u"policy"_s, u"explain"_s, u"https://api.anthropic.com/v1/messages"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"ALLOWED"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"allow api.anthropic.com:443 (preset layer)"_s));
        run = paddock({u"policy"_s, u"explain"_s, u"http://example.com/"_s});
        QVERIFY2(run.out.startsWith(u"DENIED"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"paddock policy allow 'example.com:80'"_s));
        QCOMPARE(paddock({u"policy"_s, u"explain"_s, u"ftp://example.com/"_s}).exitCode, 2);
        QCOMPARE(
            paddock({u"policy"_s, u"explain"_s, u"--sandbox"_s, u"nope"_s, u"https://x.example/"_s}).exitCode,
            1);
    }

    void templatesListAndShow()
    {
        Run run = paddock({u"template"_s, u"ls"_s});
        QCOMPARE(run.exitCode, 0);
        for (const QString &id :
             {u"claude"_s, u"codex"_s, u"copilot"_s, u"gemini"_s, u"opencode"_s, u"shell"_s})
            QVERIFY(run.out.contains(id));
        run = paddock({u"template"_s, u"show"_s, u"claude"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"--dangerously-skip-permissions"_s));
        QCOMPARE(paddock({u"template"_s, u"show"_s, u"nope"_s}).exitCode, 1);
        QCOMPARE(paddock({u"template"_s}).exitCode, 2);
    }

    void listShowsRecordsAndReportsCorruptOnes()
    {
        const QString dir = m_xdg.path() + u"/xdg_data_home/paddock/sandboxes"_s;
        QDir().mkpath(dir);
        QFile bad(dir + u"/broken.json"_s);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{");
        bad.close();
        Run run = paddock({u"ls"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), u"[\n]"_s);
        QVERIFY(run.err.contains(u"broken.json.corrupt"_s));
        QVERIFY(QFile::exists(dir + u"/broken.json.corrupt"_s));
        QCOMPARE(paddock({u"ls"_s, u"extra"_s}).exitCode, 2);
    }

    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("ls") << QStringList{u"ls"_s, u"--help"_s};
        QTest::newRow("policy") << QStringList{u"policy"_s, u"--help"_s};
        QTest::newRow("policy ls") << QStringList{u"policy"_s, u"ls"_s, u"--help"_s};
        QTest::newRow("policy allow") << QStringList{u"policy"_s, u"allow"_s, u"--help"_s};
        QTest::newRow("policy explain") << QStringList{u"policy"_s, u"explain"_s, u"--help"_s};
        QTest::newRow("template") << QStringList{u"template"_s, u"--help"_s};
        QTest::newRow("template show") << QStringList{u"template"_s, u"show"_s, u"--help"_s};
    }
    void everyCommandHasHelp()
    {
        QFETCH(QStringList, args);
        const Run run = paddock(args);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Usage: paddock"_s), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

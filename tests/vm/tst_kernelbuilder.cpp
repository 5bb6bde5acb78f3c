#include "testsupport.h"

#include "vm/kernelbuilder.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Paddock::Vm::KernelBuilder;
using Paddock::Vm::KernelBuildOptions;

// Paddock's own guest kernel (vm/kernelbuilder.h). Its configuration runs here against Debian's real Linux
// source; the ten-minute compile runs in bench/guest-kernel.sh, which builds through `paddock image kernel`
// and boots what it built.
class TestKernelBuilder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_path = qgetenv("PATH");

    // A folder of links to the named programs: a PATH that lacks the others.
    QString pathWith(const QString &name, const QStringList &programs)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        for (const QString &program : programs)
            QFile::link(QStandardPaths::findExecutable(program), folder + u'/' + program);
        return folder;
    }

    // The kernel file build() looks for in folder, for Debian's kernel of today and Paddock's config.
    QString kernelFileIn(const QString &folder)
    {
        const auto package = KernelBuilder::sourcePackage(u"linux-image-amd64"_s);
        return package ? folder + u'/' +
                             KernelBuilder::kernelFileName(package->second, KernelBuilder::defaultConfig())
                       : QString();
    }

private Q_SLOTS:
    void cleanup() { qputenv("PATH", m_path); }

    void optionsNotTaken_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("dotConfig");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("all taken") << QByteArray("CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_S=\"-x\"\n")
                                   << QByteArray(
                                          "# comment\nCONFIG_S=\"-x\"\nCONFIG_A=y\n# CONFIG_B is not set\n")
                                   << QStringList();
        QTest::newRow("on, left off") << QByteArray("CONFIG_A=y\n") << QByteArray("# CONFIG_A is not set\n")
                                      << QStringList{u"CONFIG_A=y"_s};
        QTest::newRow("on, left out")
            << QByteArray("CONFIG_A=y\n") << QByteArray("CONFIG_AB=y\n") << QStringList{u"CONFIG_A=y"_s};
        QTest::newRow("another value")
            << QByteArray("CONFIG_NR_CPUS=64\n") << QByteArray("CONFIG_NR_CPUS=8\n")
            << QStringList{u"CONFIG_NR_CPUS=64"_s};
        QTest::newRow("off, turned on by another")
            << QByteArray("# CONFIG_B is not set\n") << QByteArray("CONFIG_B=y\n")
            << QStringList{u"# CONFIG_B is not set"_s};
        QTest::newRow("off, left out")
            << QByteArray("# CONFIG_B is not set\n") << QByteArray() << QStringList();
        QTest::newRow("off, a longer name on")
            << QByteArray("# CONFIG_B is not set\n") << QByteArray("CONFIG_BC=y\n") << QStringList();
        QTest::newRow("comments and blank lines")
            << QByteArray("# Paddock's\n\n  CONFIG_A=y  \n# not an option\n") << QByteArray("CONFIG_A=y\n")
            << QStringList();
    }

    void optionsNotTaken()
    {
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, dotConfig);
        QFETCH(QStringList, missing);
        QCOMPARE(KernelBuilder::optionsNotTaken(config, dotConfig), missing);
    }

    void theConfigHasWhatTheGuestNeeds()
    {
        const QByteArray config = KernelBuilder::defaultConfig();
        for (const char *line :
             {"CONFIG_PVH=y", "CONFIG_VIRTIO_MMIO=y", "CONFIG_VIRTIO_CONSOLE=y", "CONFIG_VIRTIO_BLK=y",
              "CONFIG_EXT4_FS=y", "CONFIG_9P_FS=y", "CONFIG_VIRTIO_FS=y", "CONFIG_ACPI_BUTTON=y",
              "CONFIG_RTC_DRV_CMOS=y", "# CONFIG_MODULES is not set"})
            QVERIFY2(config.contains(QByteArray(QByteArray(line) + '\n')), line);
        QCOMPARE(KernelBuilder::optionsNotTaken(config, config), QStringList());
    }

    void kernelFileNames()
    {
        const QByteArray config = KernelBuilder::defaultConfig();
        const QString name = KernelBuilder::kernelFileName(u"6.1.192-3"_s, config);
        QVERIFY2(name.startsWith(u"vmlinux-6.1.192-3-"_s) && name.size() == 30, qPrintable(name));
        QCOMPARE(KernelBuilder::kernelFileName(u"6.1.192-3"_s, "# said otherwise\n" + config), name);
        QVERIFY(KernelBuilder::kernelFileName(u"6.1.192-3"_s, config + "CONFIG_SWAP=y\n") != name);
        QVERIFY(KernelBuilder::kernelFileName(u"6.1.193-1"_s, config) != name);
        QCOMPARE(KernelBuilder::kernelFileName(u"1:6.1/x"_s, config).mid(8, 8), u"1_6.1_x-"_s);
    }

    void missingPackages()
    {
        const QString some = pathWith(u"some-tools"_s, {u"make"_s, u"gcc"_s});
        QCOMPARE(KernelBuilder::missingPackages({some}, m_dir.filePath(u"no-include"_s)),
                 (QStringList{u"flex"_s, u"bison"_s, u"bc"_s, u"libelf-dev"_s}));
        const QString all = pathWith(u"all-tools"_s, {u"make"_s, u"gcc"_s, u"flex"_s, u"bison"_s, u"bc"_s});
        QDir().mkpath(m_dir.filePath(u"include"_s));
        Paddock::Test::writeFile(m_dir.filePath(u"include/gelf.h"_s), "/* libelf */\n");
        if (QStandardPaths::findExecutable(u"flex"_s).isEmpty())
            QFAIL("flex, bison and bc are needed (scripts/setup-deps.sh installs them)");
        QCOMPARE(KernelBuilder::missingPackages({all}, m_dir.filePath(u"include"_s)), QStringList());
    }

    // Without the tools: a clear error naming the packages, before anything is downloaded.
    void namesThePackagesItLacks()
    {
        qputenv("PATH", pathWith(u"apt-only"_s, {u"apt-cache"_s, u"apt-get"_s}).toUtf8());
        KernelBuildOptions options;
        options.workDirectory = m_dir.filePath(u"lacking"_s);
        const auto built = KernelBuilder::build(options);
        QVERIFY(!built);
        QCOMPARE(built.error().code, Paddock::Core::ErrorCode::Unavailable);
        QVERIFY2(built.error().message.contains(u"sudo apt-get install make gcc flex bison bc"_s),
                 qPrintable(built.error().message));
        QVERIFY(!QFileInfo::exists(options.workDirectory));
    }

    // A kernel built before is used as it is, with no tool and no download; a file there that a microVM
    // cannot boot is not.
    void usesTheKernelBuiltBefore()
    {
        KernelBuildOptions options;
        options.workDirectory = m_dir.filePath(u"built"_s);
        QDir().mkpath(options.workDirectory);
        const QString kernel = kernelFileIn(options.workDirectory);
        QVERIFY2(!kernel.isEmpty(), "apt knows no linux-image-amd64 (apt-get update)");
        qputenv("PATH", pathWith(u"apt-only-2"_s, {u"apt-cache"_s}).toUtf8());

        Paddock::Test::writeFile(kernel, "not a kernel");
        QVERIFY(!KernelBuilder::build(options)); // built again, which needs the tools

        Paddock::Test::writeFile(kernel, Paddock::Test::elfWithNote(18, 20) +
                                             "Linux version 6.1.192-paddock (paddock@paddock) #1");
        QStringList said;
        const auto built = KernelBuilder::build(options, [&said](const QString &text) { said.append(text); });
        QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
        QCOMPARE(*built, kernel);
        QVERIFY2(said.size() == 1 && said.first().contains(u" is there: "_s), qPrintable(said.join(u'|')));
    }

    // Stopping a build (Ctrl+C, the dialog's Cancel) ends make and what it runs at once, not after minutes.
    void aCancelledCompileEndsMakeAndItsJobs()
    {
        QTemporaryDir tree;
        Paddock::Test::writeFile(tree.filePath(u"Makefile"_s), "vmlinux:\n\tsleep 4217\n");
        QElapsedTimer timer;
        timer.start();
        bool started = false;
        const auto compiled =
            KernelBuilder::compile({tree.path(), tree.filePath(u"build"_s), u"6.1"_s}, 1, {}, [&] {
                started =
                    started || !Paddock::Test::processesWhoseCommandLineHas({"sleep", "4217"}).isEmpty();
                return started;
            });
        QVERIFY(started);
        QVERIFY(!compiled);
        QCOMPARE(compiled.error().code, Paddock::Core::ErrorCode::Cancelled);
        QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(Paddock::Test::processesWhoseCommandLineHas({"sleep", "4217"}).isEmpty());
        // Twin: not cancelled, the same make runs to its end (a quick one here).
        Paddock::Test::writeFile(tree.filePath(u"Makefile"_s), "vmlinux:\n\ttouch $(O)/vmlinux\n");
        QDir().mkpath(tree.filePath(u"build"_s));
        const auto built = KernelBuilder::compile({tree.path(), tree.filePath(u"build"_s), u"6.1"_s}, 1, {},
                                                  [] { return false; });
        QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
        QVERIFY(QFileInfo::exists(*built));
    }

    // Debian's Linux source, configured as a build does it: every option of Paddock's config is taken; one
    // that Kconfig drops fails the build, naming it. Its trees go afterwards.
    void configuresDebiansSource()
    {
        if (const QStringList missing = KernelBuilder::missingPackages(); !missing.isEmpty())
            QFAIL(qPrintable(u"Needs the Debian packages %1 (scripts/setup-deps.sh installs them)"_s.arg(
                missing.join(u' '))));
        // The 140 MB source package is kept in the source tree's git-ignored .deps, so a second run fetches
        // nothing.
        const QString source = qEnvironmentVariable("PADDOCK_SOURCE_DIR");
        const QString work =
            source.isEmpty() ? m_dir.filePath(u"source"_s) : source + u"/.deps/guest-kernel-test"_s;
        QStringList said;
        const auto package = KernelBuilder::sourcePackage(u"linux-image-amd64"_s);
        QVERIFY2(package, package ? "" : qPrintable(package.error().message));
        const auto tree =
            KernelBuilder::unpackSource(work, *package, [&said](const QString &text) { said.append(text); });
        QVERIFY2(tree.has_value(), tree ? "" : qPrintable(tree.error().message));
        QVERIFY2(said.first().startsWith(u"Downloading linux-source-"_s), qPrintable(said.join(u'|')));

        const auto configured = KernelBuilder::configure(*tree, KernelBuilder::defaultConfig());
        QVERIFY2(configured.has_value(), configured ? "" : qPrintable(configured.error().message));
        const QByteArray dotConfig = Paddock::Test::readFile(tree->buildTree + u"/.config"_s);
        QVERIFY(dotConfig.contains("\nCONFIG_PVH=y\n"));
        QVERIFY(dotConfig.contains("\n# CONFIG_MODULES is not set\n"));

        // i915 needs DRM, which tinyconfig leaves off.
        const auto refused =
            KernelBuilder::configure(*tree, KernelBuilder::defaultConfig() + "CONFIG_DRM_I915=y\n");
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Paddock::Core::ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(u": CONFIG_DRM_I915=y"_s),
                 qPrintable(refused.error().message));

        KernelBuilder::removeTrees(work);
        QVERIFY(!QFileInfo::exists(tree->sourceTree));
        QVERIFY(!QFileInfo::exists(tree->buildTree));
        QCOMPARE(QDir(work).entryList({u"linux-source-*.deb"_s}, QDir::Files).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKernelBuilder)
#include "tst_kernelbuilder.moc"

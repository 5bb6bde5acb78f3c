// The guest image built on first use from the desktop: a real build (Debian's packages through apt, kept in
// the source tree's .deps like the other image tests) whose progress the dialog shows step by step.
#include "app/cli/imagecommand.h"
#include "app/gui/generalsettingspage.h"
#include "app/gui/guestimagedialog.h"
#include "core/paths.h"
#include "core/templatecatalog.h"
#include "vm/guestimage.h"
#include "vm/kernelbuilder.h"

#include "testsupport.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

class TestGuestImageDialog : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;

    // Turns the image in folder into one an older Paddock built around kernelFile: the next start builds it
    // again.
    static void makeOlderImage(const QString &folder, const QString &kernelFile)
    {
        QJsonObject manifest = Vm::GuestImage::manifestIn(folder);
        manifest.insert(u"format"_s, Vm::GuestImage::currentFormat - 1);
        manifest.insert(u"kernelFile"_s, kernelFile);
        Test::writeFile(folder + u"/manifest.json"_s, QJsonDocument(manifest).toJson());
    }

    // Clicks button, which opens a GuestImageDialog and waits in it; returns the steps the dialog showed. A
    // dialog left open at the end (a failed build) is grabbed for screenshot, if named, and closed.
    static QStringList clickAndWatchTheBuild(QPushButton *button, const QString &screenshot = {})
    {
        QStringList steps;
        QTimer watcher;
        watcher.setInterval(20);
        QObject::connect(&watcher, &QTimer::timeout, [&] {
            auto *dialog = qobject_cast<GuestImageDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            const QString step = dialog->findChild<QLabel *>(u"step"_s)->text();
            if (steps.isEmpty() || steps.last() != step)
                steps.append(step);
            auto *close = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close);
            if (!dialog->isBuilding() && close->isEnabled()) {
                steps.append(dialog->findChild<QLabel *>(u"problem"_s)->text());
                if (!screenshot.isEmpty())
                    dialog->grab().save(Test::screenshotPath(screenshot));
                close->click();
            }
        });
        watcher.start();
        QTest::mouseClick(button, Qt::LeftButton); // returns when the dialog has closed
        return steps;
    }

private Q_SLOTS:
    void buildsWithItsProgressShown()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        QVERIFY(QDir().mkpath(paths.cacheDir()));
        const QString downloads = qEnvironmentVariable("PADDOCK_SOURCE_DIR") + u"/.deps/guest-image"_s;
        QVERIFY(QDir().mkpath(downloads));
        QVERIFY(QFile::link(downloads, paths.cacheDir() + u"/guest-image"_s));
        QVERIFY(!ImageCommand::hasImage(paths));

        GuestImageDialog dialog(paths);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *bar = dialog.findChild<QProgressBar *>(u"progress"_s);
        auto *step = dialog.findChild<QLabel *>(u"step"_s);
        auto *close = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close);
        dialog.start();
        QVERIFY(dialog.isBuilding());
        QVERIFY(!close->isEnabled());
        QTest::keyClick(&dialog, Qt::Key_Escape); // the build cannot stop halfway: Escape does nothing
        QVERIFY(dialog.isVisible());

        // Every step moves the bar on, and its message is shown.
        QList<int> values;
        QStringList steps;
        while (dialog.isBuilding() && values.size() < 200'000) {
            if (values.isEmpty() || values.last() != bar->value()) {
                values << bar->value(), steps << step->text();
                if (bar->value() == 5) // halfway: what the user sees
                    QVERIFY(dialog.grab().save(Test::screenshotPath(u"guest-image-build.png"_s)));
            }
            QTest::qWait(20);
        }
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY2(steps.join(u'\n').contains(u"Making the root file system image"_s),
                 qPrintable(steps.join(u'\n')));
        QVERIFY(std::is_sorted(values.cbegin(), values.cend()));
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(bar->maximum(), Vm::GuestImageBuilder::progressSteps); // tst_cli counts the build's steps
        QVERIFY(ImageCommand::hasImage(paths));
        QVERIFY(GuestImageDialog::ensureImage(paths, nullptr)); // there now: no dialog
    }

    // An image an older Paddock built around a kernel of one's own (paddock image build --kernel) is built
    // again around that kernel; `paddock image build` alone goes back to Debian's.
    void buildsAgainAroundTheKernelOfOnesOwn()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        const QString folder = ImageCommand::imageDirectory(paths);
        const auto built = Vm::GuestImage::findIn(folder);
        QVERIFY2(built, "buildsWithItsProgressShown builds the image this test starts from");
        const QString ownKernel = m_xdg.path() + u"/vmlinux-own"_s; // Debian's, standing in for one's own
        QVERIFY(QFile::copy(built->kernel, ownKernel));
        makeOlderImage(folder, ownKernel);
        QVERIFY(!ImageCommand::hasImage(paths));
        QCOMPARE(ImageCommand::rebuildOptions(paths).kernelFile, ownKernel);
        QCOMPARE(ImageCommand::defaultOptions(paths).kernelFile, QString());

        GuestImageDialog dialog(paths);
        dialog.show();
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBuilding(), 600'000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(ImageCommand::hasImage(paths));
        const QJsonObject manifest = Vm::GuestImage::manifestIn(folder);
        QCOMPARE(manifest.value(u"kernelFile"_s).toString(), ownKernel);
        QVERIFY(manifest.value(u"modules"_s).toArray().isEmpty()); // the kernel's drivers are its own

        QVERIFY(QFile::remove(ownKernel)); // gone: the next image is Debian's again
        QCOMPARE(ImageCommand::rebuildOptions(paths).kernelFile, QString());
    }

    // Settings → General names the kernel microVMs boot, and builds the image again around Debian's or
    // Paddock's own. Paddock's kernel "built before" is Debian's here, standing in: building one takes ten
    // minutes (bench/guest-kernel.sh does it through `paddock image kernel`).
    void settingsChangeTheKernel()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        const QString folder = ImageCommand::imageDirectory(paths);
        const auto before = Vm::GuestImage::findIn(folder);
        QVERIFY2(before, "the tests above build the image this test starts from");
        const Core::TemplateCatalog templates(paths.templatesDir());
        GeneralSettingsPage page(paths, templates);
        page.resize(760, 480);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *kernel = page.findChild<QLabel *>(u"microVmKernel"_s);
        auto *change = page.findChild<QPushButton *>(u"changeMicroVmKernel"_s);
        // Left by buildsAgainAroundTheKernelOfOnesOwn: a file of one's own, now gone.
        QCOMPARE(kernel->text(), u"Your own (%1)"_s.arg(before->kernelVersion));
        QCOMPARE(change->text(), u"Use Debian's…"_s);

        QStringList steps = clickAndWatchTheBuild(change);
        QVERIFY2(steps.join(u'\n').contains(u"Extracting the kernel "_s), qPrintable(steps.join(u'\n')));
        QCOMPARE(kernel->text(), u"Debian's (%1)"_s.arg(before->kernelVersion));
        QCOMPARE(change->text(), u"Build Paddock's Own…"_s);
        QTRY_VERIFY(change->width() >= change->sizeHint().width()); // laid out again around the new text
        QVERIFY(page.grab().save(Test::screenshotPath(u"settings-microvm-kernel.png"_s)));

        // Without the tools to build it: the dialog says which packages, and the image stays as it was.
        const QByteArray path = qgetenv("PATH");
        const QString tools = m_xdg.path() + u"/apt-only"_s;
        QVERIFY(QDir().mkpath(tools));
        QVERIFY(QFile::link(QStandardPaths::findExecutable(u"apt-cache"_s), tools + u"/apt-cache"_s));
        qputenv("PATH", tools.toUtf8());
        steps = clickAndWatchTheBuild(change, u"own-kernel-missing-tools.png"_s);
        qputenv("PATH", path);
        QVERIFY2(steps.contains(u"Paddock's kernel could not be built."_s), qPrintable(steps.join(u'\n')));
        QVERIFY2(steps.last().contains(u"sudo apt-get install make gcc flex bison bc"_s),
                 qPrintable(steps.last()));
        QCOMPARE(kernel->text(), u"Debian's (%1)"_s.arg(before->kernelVersion));
        QVERIFY(ImageCommand::hasImage(paths));

        // Built before: the image is built again around it, in seconds.
        const auto source = Vm::KernelBuilder::sourcePackage(u"linux-image-amd64"_s);
        QVERIFY2(source, source ? "" : qPrintable(source.error().message));
        const QString built =
            ImageCommand::kernelDirectory(paths) + u'/' +
            Vm::KernelBuilder::kernelFileName(source->second, Vm::KernelBuilder::defaultConfig());
        QVERIFY(QDir().mkpath(ImageCommand::kernelDirectory(paths)));
        QVERIFY(QFile::copy(Vm::GuestImage::findIn(folder)->kernel, built));
        steps = clickAndWatchTheBuild(change);
        QVERIFY2(steps.join(u'\n').contains(u"Paddock's kernel for Linux %1 is there"_s.arg(source->second)),
                 qPrintable(steps.join(u'\n')));
        QCOMPARE(kernel->text(), u"Paddock's own (%1)"_s.arg(before->kernelVersion));
        QCOMPARE(kernel->toolTip(), built);
        QCOMPARE(change->text(), u"Use Debian's…"_s);
        QCOMPARE(ImageCommand::imageKernel(paths).file, built);
        QVERIFY(ImageCommand::hasImage(paths));
    }

    // An image built again by itself (after an upgrade) keeps Paddock's own kernel: the one for this
    // Paddock's config and Debian's version, not the file the old image named (another config's).
    void buildsAgainAroundPaddocksKernel()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        const QString folder = ImageCommand::imageDirectory(paths);
        QVERIFY2(ImageCommand::rebuildsPaddocksKernel(paths),
                 "settingsChangeTheKernel leaves Paddock's kernel");
        const QString current = ImageCommand::imageKernel(paths).file;
        const QString older = ImageCommand::kernelDirectory(paths) + u"/vmlinux-6.1.0-1-another-config"_s;
        QVERIFY(QFile::copy(current, older));
        makeOlderImage(folder, older);
        QVERIFY(!ImageCommand::hasImage(paths));
        QVERIFY(ImageCommand::rebuildsPaddocksKernel(paths));

        GuestImageDialog dialog(paths); // as on first use
        QCOMPARE(dialog.windowTitle(), u"Building Paddock's Own Kernel"_s);
        dialog.show();
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBuilding(), 600'000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(ImageCommand::hasImage(paths));
        QCOMPARE(ImageCommand::imageKernel(paths).file, current);
    }

    // Building Paddock's kernel takes minutes: Stop ends it, the dialog closes, and nothing changes.
    void stopsBuildingTheKernel()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        const QString folder = ImageCommand::imageDirectory(paths);
        const QJsonObject manifest = Vm::GuestImage::manifestIn(folder);
        // No kernel built before, and a download that takes a while (and would then fail).
        const QString kernels = ImageCommand::kernelDirectory(paths);
        const QString aside = m_xdg.path() + u"/kernels-aside"_s;
        QVERIFY(QDir().rename(kernels, aside));
        const QString tools = m_xdg.path() + u"/slow-apt"_s;
        QVERIFY(QDir().mkpath(tools));
        Test::writeFile(tools + u"/apt-get"_s, "#!/bin/sh\nsleep 2\nexit 1\n");
        QFile::setPermissions(tools + u"/apt-get"_s, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", tools.toUtf8() + ':' + path);

        GuestImageDialog dialog(paths, GuestImageDialog::Kernel::PaddocksOwn);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *stop = dialog.findChild<QPushButton *>(u"stopBuild"_s);
        auto *step = dialog.findChild<QLabel *>(u"step"_s);
        QVERIFY(stop && stop->isVisible() && stop->isEnabled());
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(step->text().startsWith(u"Downloading linux-source"_s), 20'000);
        QTest::mouseClick(stop, Qt::LeftButton);
        QCOMPARE(step->text(), u"Stopping…"_s);
        QVERIFY(!stop->isEnabled());
        QVERIFY(dialog.grab().save(Test::screenshotPath(u"own-kernel-stopping.png"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBuilding(), 30'000);
        qputenv("PATH", path);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
        QVERIFY(dialog.findChild<QLabel *>(u"problem"_s)->isHidden());
        QCOMPARE(Vm::GuestImage::manifestIn(folder), manifest); // the image is as it was
        for (const QString &tree : {u"source"_s, u"source-package"_s, u"build"_s})
            QVERIFY(!QFileInfo::exists(kernels + u'/' + tree));
        QVERIFY(QDir(kernels).removeRecursively());
        QVERIFY(QDir().rename(aside, kernels));
    }
};

QTEST_MAIN(TestGuestImageDialog)
#include "tst_guestimagedialog.moc"

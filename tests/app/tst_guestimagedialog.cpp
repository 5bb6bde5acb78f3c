// The guest image built on first use from the desktop: a real build (Debian's packages through apt, kept in
// the source tree's .deps like the other image tests) whose progress the dialog shows step by step.
#include "app/cli/imagecommand.h"
#include "app/gui/guestimagedialog.h"
#include "core/paths.h"
#include "vm/guestimage.h"

#include "testsupport.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

class TestGuestImageDialog : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;

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
        QFile manifestFile(folder + u"/manifest.json"_s);
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        manifestFile.close();
        manifest.insert(u"format"_s, Vm::GuestImage::currentFormat - 1);
        manifest.insert(u"kernelFile"_s, ownKernel);
        QVERIFY(manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        manifestFile.write(QJsonDocument(manifest).toJson());
        manifestFile.close();
        QVERIFY(!ImageCommand::hasImage(paths));
        QCOMPARE(ImageCommand::rebuildOptions(paths).kernelFile, ownKernel);
        QCOMPARE(ImageCommand::defaultOptions(paths).kernelFile, QString());

        GuestImageDialog dialog(paths);
        dialog.show();
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBuilding(), 600'000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(ImageCommand::hasImage(paths));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(manifest.value(u"kernelFile"_s).toString(), ownKernel);
        QVERIFY(manifest.value(u"modules"_s).toArray().isEmpty()); // the kernel's drivers are its own

        QVERIFY(QFile::remove(ownKernel)); // gone: the next image is Debian's again
        QCOMPARE(ImageCommand::rebuildOptions(paths).kernelFile, QString());
    }
};

QTEST_MAIN(TestGuestImageDialog)
#include "tst_guestimagedialog.moc"

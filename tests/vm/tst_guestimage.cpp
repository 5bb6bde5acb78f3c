// The microVM guest image from Debian's own packages: module ordering from a modules.dep, then a real build
// (kernel and busybox downloaded by apt, the kernel unpacked from its bzImage, an initramfs written by
// CpioArchive) booted under QEMU's emulation until the guest reports in on its console and powers off.
#include "vm/guestimage.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"
#include "vm/rootimage.h"

#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>

#include <unistd.h>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestGuestImage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<GuestImage> m_debianKernel; // buildsAndBootsUnderEmulation's

    // Boots image with paddock.smoke (init, modules, power-off) and returns the console.
    QByteArray smokeBoot(const GuestImage &image, const QString &runtime)
    {
        QDir().mkpath(runtime);
        MicroVmSpec spec;
        spec.kernel = image.kernel;
        spec.initrd = image.initrd;
        spec.kernelArguments = u"paddock.smoke"_s;
        spec.runtimeDirectory = runtime;
        QemuMachine machine;
        QemuMachine::Options machineOptions;
        machineOptions.arguments = microVmArguments(spec, chooseAccelerator(), hostTscKhz());
        machineOptions.hugePages = wantsHugePages(chooseAccelerator());
        machineOptions.runtimeDirectory = runtime;
        QSignalSpy ended(&machine, &QemuMachine::ended);
        QElapsedTimer boot;
        boot.start();
        const auto started = machine.start(machineOptions);
        if (!started)
            return "QEMU did not start: " + started.error().message.toUtf8();
        if (!QTest::qWaitFor([&ended] { return !ended.isEmpty(); }, 60'000))
            return Paddock::Test::readFile(runtime + u"/console.log"_s) + "\nno power-off within a minute";
        qInfo("booted and powered off in %lld ms", boot.elapsed());
        return Paddock::Test::readFile(runtime + u"/console.log"_s) +
               "\nENDED: " + ended.first().first().toString().toUtf8();
    }

private Q_SLOTS:
    void readsWhatAptWouldFetch()
    {
        const QByteArray output =
            "Reading package lists...\n"
            "'http://deb.debian.org/debian/pool/main/g/git/git_2.39.5-0%2bdeb12u3_amd64.deb' "
            "git_1%3a2.39.5-0+deb12u3_amd64.deb 7260000 SHA256:abc\n"
            "'http://deb.debian.org/debian/pool/main/z/zlib/zlib1g_1.2.13.dfsg-1_amd64.deb' "
            "zlib1g_1%3a1.2.13.dfsg-1_amd64.deb 87000 MD5Sum:def\n"
            "'http://example/evil.deb' ../evil.deb 1 MD5Sum:0\n"
            "Need to get 7 MB of archives.\n";
        QCOMPARE(
            RootImageBuilder::debsFromPrintUris(output),
            (QStringList{u"git_1%3a2.39.5-0+deb12u3_amd64.deb"_s, u"zlib1g_1%3a1.2.13.dfsg-1_amd64.deb"_s}));
        QCOMPARE(
            RootImageBuilder::busyboxLinks("bin/sh\nusr/bin/wget\nsbin/ip\n../../etc/x\n/bin/abs\nbin/sh\n"),
            (QStringList{u"usr/bin/sh"_s, u"usr/bin/wget"_s, u"usr/sbin/ip"_s}));
    }

    void ordersModulesDependenciesFirst()
    {
        const QHash<QString, QString> pathOf{
            {u"virtio_mmio"_s, u"kernel/drivers/virtio/virtio_mmio.ko"_s},
            {u"virtio"_s, u"kernel/drivers/virtio/virtio.ko"_s},
            {u"virtio_ring"_s, u"kernel/drivers/virtio/virtio_ring.ko"_s},
            {u"virtio_console"_s, u"kernel/drivers/char/virtio_console.ko"_s},
            {u"loop1"_s, u"kernel/a/loop1.ko"_s},
            {u"loop2"_s, u"kernel/a/loop2.ko"_s},
            {u"orphan"_s, u"kernel/a/orphan.ko"_s},
        };
        // As the .modinfo sections say it (what modinfoDepends reads, checked below).
        const QHash<QString, QByteArray> modinfo{
            {u"kernel/drivers/virtio/virtio_mmio.ko"_s,
             QByteArray("\0license=GPL\0depends=virtio_ring,virtio\0", 40)},
            {u"kernel/drivers/virtio/virtio_ring.ko"_s, QByteArray("\0depends=virtio\0", 17)},
            {u"kernel/drivers/virtio/virtio.ko"_s, QByteArray("\0depends=\0", 11)},
            {u"kernel/drivers/char/virtio_console.ko"_s, QByteArray("\0depends=virtio-ring,virtio\0", 29)},
            {u"kernel/a/loop1.ko"_s, QByteArray("\0depends=loop2\0", 16)},
            {u"kernel/a/loop2.ko"_s, QByteArray("\0depends=loop1\0", 16)},
            {u"kernel/a/orphan.ko"_s, QByteArray("\0depends=gone\0", 15)},
        };
        const auto dependsOf = [&modinfo](const QString &path) {
            return GuestImageBuilder::modinfoDepends(modinfo.value(path));
        };
        QCOMPARE(dependsOf(u"kernel/drivers/virtio/virtio_mmio.ko"_s),
                 (QStringList{u"virtio_ring"_s, u"virtio"_s}));
        QCOMPARE(dependsOf(u"kernel/drivers/virtio/virtio.ko"_s), QStringList());
        const auto order =
            GuestImageBuilder::moduleLoadOrder(pathOf, dependsOf, {u"virtio-mmio"_s, u"virtio_console"_s});
        QVERIFY(order.has_value());
        QCOMPARE(*order,
                 (QStringList{u"kernel/drivers/virtio/virtio.ko"_s, u"kernel/drivers/virtio/virtio_ring.ko"_s,
                              u"kernel/drivers/virtio/virtio_mmio.ko"_s,
                              u"kernel/drivers/char/virtio_console.ko"_s}));
        QCOMPARE(GuestImageBuilder::moduleLoadOrder(pathOf, dependsOf, {u"nope"_s}).error().code,
                 Paddock::Core::ErrorCode::NotFound);
        QCOMPARE(GuestImageBuilder::moduleLoadOrder(pathOf, dependsOf, {u"loop1"_s}).error().code,
                 Paddock::Core::ErrorCode::Corrupt);
        QCOMPARE(GuestImageBuilder::moduleLoadOrder(pathOf, dependsOf, {u"orphan"_s}).error().code,
                 Paddock::Core::ErrorCode::Corrupt);
    }

    // The image's modules go without their signatures (the kernel checks none it is not told to).
    void modulesLoseTheirSignatures()
    {
        const QByteArray code("\x7f"
                              "ELF module code and .modinfo",
                              29);
        const QByteArray signature(300, 's');
        QByteArray info(12, '\0');
        info[2] = 2; // PKEY_ID_PKCS7
        qToBigEndian<quint32>(quint32(signature.size()), info.data() + 8);
        const QByteArray marker("~Module signature appended~\n");
        QCOMPARE(GuestImageBuilder::withoutSignature(code + signature + info + marker), code);
        QCOMPARE(GuestImageBuilder::withoutSignature(code), code); // unsigned: as it is
        // A trailer claiming more than there is leaves the module alone.
        qToBigEndian<quint32>(100'000, info.data() + 8);
        QCOMPARE(GuestImageBuilder::withoutSignature(code + signature + info + marker),
                 code + signature + info + marker);
        QCOMPARE(GuestImageBuilder::withoutSignature(marker), marker);
    }

    void namesTheKernelsRelease_data()
    {
        QTest::addColumn<QByteArray>("kernel");
        QTest::addColumn<QString>("release");
        QTest::newRow("Debian")
            << QByteArray(2, '\0') +
                   QByteArray("Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org) (gcc")
            << u"6.1.0-57-amd64"_s;
        QTest::newRow("own build") << QByteArray("Linux version 6.1.192-paddock (paddock@paddock)")
                                   << u"6.1.192-paddock"_s;
        QTest::newRow("no banner") << QByteArray("Linux 6.1") << QString();
        QTest::newRow("a path") << QByteArray("Linux version ../../etc/x (a)") << QString();
        QTest::newRow("unended") << QByteArray("Linux version 6.1") << QString();
        QTest::newRow("too long") << QByteArray("Linux version " + QByteArray(100, 'a') + " (") << QString();
    }

    void namesTheKernelsRelease()
    {
        QFETCH(QByteArray, kernel);
        QFETCH(QString, release);
        QCOMPARE(GuestImageBuilder::kernelRelease(kernel).value_or(QString()), release);
    }

    void findsThePvhEntryNote()
    {
        // A 64-bit ELF header, one PT_NOTE program header, and the note "Xen" of the given type.
        const auto elf = Paddock::Test::elfWithNote;
        QVERIFY(GuestImageBuilder::hasPvhEntry(elf(18, 20)));
        QVERIFY(!GuestImageBuilder::hasPvhEntry(elf(17, 20)));            // another Xen note
        QVERIFY(!GuestImageBuilder::hasPvhEntry(elf(18, 12)));            // the segment ends inside the note
        QVERIFY(!GuestImageBuilder::hasPvhEntry(elf(18, 20).first(100))); // the program header cut off
        QVERIFY(!GuestImageBuilder::hasPvhEntry(elf(18, quint64(1) << 62))); // a size past the file
        QByteArray thirtyTwoBit = elf(18, 20);
        thirtyTwoBit[4] = 1;
        QVERIFY(!GuestImageBuilder::hasPvhEntry(thirtyTwoBit));
        QVERIFY(!GuestImageBuilder::hasPvhEntry(QByteArray("#!/bin/sh\n")));
    }

    void buildsAndBootsUnderEmulation()
    {
        if (QStandardPaths::findExecutable(u"qemu-system-x86_64"_s).isEmpty())
            QFAIL("qemu-system-x86_64 is needed (Debian package qemu-system-x86; scripts/setup-deps.sh "
                  "installs it)");
        const QString guest = qEnvironmentVariable("PADDOCK_GUEST");
        QVERIFY2(QFile::exists(guest), "PADDOCK_GUEST must name the paddock-guest binary");
        // Downloads are kept in the source tree's git-ignored .deps, so a second run fetches nothing.
        const QString source = qEnvironmentVariable("PADDOCK_SOURCE_DIR");
        GuestImageOptions options;
        options.workDirectory =
            source.isEmpty() ? m_dir.filePath(u"work"_s) : source + u"/.deps/guest-image"_s;
        options.outputDirectory = m_dir.filePath(u"image"_s);
        options.guestBinary = guest;
        options.withRoot = false; // tst_microvmsandbox builds and uses the root file system
        QStringList said;
        const auto image =
            GuestImageBuilder::build(options, [&said](const QString &text) { said.append(text); });
        QVERIFY2(image.has_value(), image ? "" : qPrintable(image.error().message));
        QVERIFY(said.size() >= 4);
        QVERIFY(!Paddock::Test::readFile(image->initrd).contains("~Module signature appended~"));
        QVERIFY(QFile::exists(options.outputDirectory + u"/manifest.json"_s));
        QVERIFY(Paddock::Test::readFile(image->kernel)
                    .startsWith("\x7f"
                                "ELF"));
        QVERIFY(GuestImageBuilder::hasPvhEntry(Paddock::Test::readFile(image->kernel)));
        m_debianKernel = *image;

        const QByteArray console = smokeBoot(*image, m_dir.filePath(u"run"_s));
        QVERIFY2(console.contains(QByteArray("PADDOCK-GUEST-BOOTED kernel=" + image->kernelVersion.toUtf8())),
                 console.right(3000).constData());
        QVERIFY2(console.contains("ports=org.paddock.agent"),
                 console.right(3000).constData()); // the agent's channel is there
        QVERIFY2(!console.contains("did not load"), console.right(3000).constData());
        QVERIFY2(console.endsWith("ENDED: The machine powered off."), console.right(3000).constData());
    }

    // --kernel FILE: the image around a kernel built elsewhere, its drivers built in, so no modules. Debian's
    // kernel stands in for it here (building one takes ten minutes): with no modules it still reaches init
    // and powers off, but has no virtio console, which shows the initramfs carries none.
    void buildsAroundAKernelFile()
    {
        QVERIFY2(m_debianKernel, "buildsAndBootsUnderEmulation builds the kernel this test uses");
        const QString source = qEnvironmentVariable("PADDOCK_SOURCE_DIR");
        GuestImageOptions options;
        options.workDirectory =
            source.isEmpty() ? m_dir.filePath(u"work"_s) : source + u"/.deps/guest-image"_s;
        options.outputDirectory = m_dir.filePath(u"own-kernel"_s);
        options.guestBinary = qEnvironmentVariable("PADDOCK_GUEST");
        options.withRoot = false;
        options.kernelPackage = u"no-such-kernel-package"_s; // not asked for: the file is the kernel
        options.kernelFile = m_dir.filePath(u"vmlinux-copy"_s);
        QVERIFY(QFile::copy(m_debianKernel->kernel, options.kernelFile));
        QStringList said;
        const auto image =
            GuestImageBuilder::build(options, [&said](const QString &text) { said.append(text); });
        QVERIFY2(image.has_value(), image ? "" : qPrintable(image.error().message));
        QVERIFY2(said.contains(u"Checking the kernel %1…"_s.arg(options.kernelFile)),
                 qPrintable(said.join(u'|')));
        QCOMPARE(image->kernelVersion, m_debianKernel->kernelVersion); // from the kernel's banner
        const QByteArray initrd = Paddock::Test::readFile(image->initrd);
        QVERIFY(!initrd.contains("lib/modules/ext4.ko"));
        QVERIFY(m_debianKernel &&
                Paddock::Test::readFile(m_debianKernel->initrd).contains("lib/modules/ext4.ko"));
        const QJsonObject manifest =
            QJsonDocument::fromJson(Paddock::Test::readFile(options.outputDirectory + u"/manifest.json"_s))
                .object();
        QCOMPARE(manifest.value(u"kernelFile"_s).toString(), options.kernelFile);
        QCOMPARE(manifest.value(u"kernelPackage"_s).toString(), QString());
        QVERIFY(manifest.value(u"modules"_s).toArray().isEmpty());
        QVERIFY(GuestImage::findIn(options.outputDirectory).has_value());

        const QByteArray console = smokeBoot(*image, m_dir.filePath(u"run-own-kernel"_s));
        QVERIFY2(console.contains(QByteArray("PADDOCK-GUEST-BOOTED kernel=" + image->kernelVersion.toUtf8())),
                 console.right(3000).constData());
        QVERIFY2(!console.contains("ports=org.paddock.agent"), console.right(3000).constData());
        QVERIFY2(console.endsWith("ENDED: The machine powered off."), console.right(3000).constData());

        // Not a bootable kernel: a clear error, and the image already there stays.
        options.kernelFile = image->initrd;
        const auto refused = GuestImageBuilder::build(options);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Paddock::Core::ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(u"PVH"_s), qPrintable(refused.error().message));
        QVERIFY(GuestImage::findIn(options.outputDirectory).has_value());
        QVERIFY(QFile::exists(image->kernel));
    }

    // "The same package versions give the same image": the root built twice from the same packages, its file
    // tree once on this disk and once in memory (tmpfs lists a folder in another order than ext4), byte for
    // byte.
    void theSamePackagesMakeTheSameRoot()
    {
        const QString source = qEnvironmentVariable("PADDOCK_SOURCE_DIR");
        const QString shared =
            source.isEmpty() ? m_dir.filePath(u"work"_s) : source + u"/.deps/guest-image"_s;
        GuestImageOptions options;
        options.workDirectory = shared;
        options.outputDirectory = m_dir.filePath(u"first"_s);
        options.guestBinary = qEnvironmentVariable("PADDOCK_GUEST");
        const auto first = GuestImageBuilder::build(options);
        QVERIFY2(first.has_value(), first ? "" : qPrintable(first.error().message));

        QTemporaryDir inMemory(QFileInfo(u"/dev/shm"_s).isWritable() ? u"/dev/shm/paddock-XXXXXX"_s
                                                                     : m_dir.filePath(u"second-XXXXXX"_s));
        QVERIFY(inMemory.isValid());
        // The downloads copied, not fetched again: the same package files.
        QDir().mkpath(inMemory.filePath(u"root-debs"_s));
        for (const QString &deb : QDir(shared + u"/root-debs"_s).entryList({u"*.deb"_s}, QDir::Files))
            QVERIFY(QFile::copy(shared + u"/root-debs/"_s + deb, inMemory.filePath(u"root-debs/"_s + deb)));
        for (const QString &npm : QDir(shared).entryList({u"npm-*.tgz"_s}, QDir::Files))
            QVERIFY(QFile::copy(shared + u'/' + npm, inMemory.filePath(npm)));
        QString busybox;
        for (QDirIterator it(shared + u"/unpacked"_s, {u"busybox-static_*"_s}, QDir::Dirs); it.hasNext();)
            busybox = it.next() + u"/bin/busybox"_s;
        QVERIFY(QFileInfo(busybox).isExecutable());
        const auto second = RootImageBuilder::build({m_dir.filePath(u"second"_s), inMemory.path(), busybox});
        QVERIFY2(second.has_value(), second ? "" : qPrintable(second.error().message));

        QCOMPARE(QFileInfo(second->path).fileName(), QFileInfo(first->root).fileName());
        // The images are sparse, 8 GiB of free room each: only what was written is read (and where it lies).
        const auto digest = [](const QString &path) {
            QFile file(path);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (!file.open(QIODevice::ReadOnly))
                return QByteArray();
            const off_t end = ::lseek(file.handle(), 0, SEEK_END);
            for (off_t data = 0; (data = ::lseek(file.handle(), data, SEEK_DATA)) >= 0 && data < end;) {
                const off_t hole = ::lseek(file.handle(), data, SEEK_HOLE);
                hash.addData(QByteArray(QByteArray::number(qint64(data)) + ":"));
                if (!file.seek(data))
                    return QByteArray();
                hash.addData(file.read(hole - data));
                data = hole;
            }
            hash.addData(QByteArray::number(qint64(end)));
            return hash.result().toHex();
        };
        QVERIFY(!digest(first->root).isEmpty());
        QCOMPARE(digest(second->path), digest(first->root));
    }
};

QTEST_GUILESS_MAIN(TestGuestImage)
#include "tst_guestimage.moc"

// A microVM's system disk: a qcow2 overlay made with the real qemu-img over a base, kept while it is over
// the same base, made afresh over a new one, and a clear error without qemu-img.
#include "vm/systemdisk.h"

#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestSystemDisk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString makeBase(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        return QProcess::execute(u"mke2fs"_s, {u"-q"_s, u"-t"_s, u"ext4"_s, path, u"8M"_s}) == 0 ? path
                                                                                                 : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (SystemDisk::findQemuImg().isEmpty())
            QFAIL("qemu-img is needed (Debian package qemu-utils; scripts/setup-deps.sh installs it)");
    }

    void isMadeOnceOverItsBase()
    {
        const QString base = makeBase(u"root-a.ext4"_s);
        QVERIFY(!base.isEmpty());
        const QString disk = m_dir.filePath(u"systems/a.qcow2"_s);
        QVERIFY(QDir().mkpath(m_dir.filePath(u"systems"_s)));
        const auto made = SystemDisk::prepare(disk, base);
        QVERIFY2(made.has_value(), made ? "" : qPrintable(made.error().message));
        QCOMPARE(*made, SystemDisk::Prepared::Made);
        QCOMPARE(SystemDisk::backingFileOf(disk), base);
        QCOMPARE(QFileInfo(disk).permissions() & 0x0077, QFileDevice::Permissions()); // the user's only
        QVERIFY(!QFileInfo::exists(disk + u".partial"_s));
        // qemu-img agrees on what it is.
        QProcess info;
        info.start(SystemDisk::findQemuImg(), {u"info"_s, u"--output=json"_s, disk});
        QVERIFY(info.waitForFinished(30'000));
        const QByteArray json = info.readAllStandardOutput();
        QVERIFY2(json.contains("\"format\": \"qcow2\"") &&
                     json.contains("\"backing-filename-format\": \"raw\""),
                 json.constData());

        // What the machine wrote to it stays: the next start keeps the file as it is.
        const QByteArray before = Test::readFile(disk);
        const auto kept = SystemDisk::prepare(disk, base);
        QVERIFY(kept.has_value());
        QCOMPARE(*kept, SystemDisk::Prepared::Kept);
        QCOMPARE(Test::readFile(disk), before);
    }

    // A rebuilt image has a root of another name: a disk over the old one would read blocks that moved.
    void isMadeAfreshOverANewBase()
    {
        const QString oldBase = makeBase(u"root-old.ext4"_s), newBase = makeBase(u"root-new.ext4"_s);
        const QString disk = m_dir.filePath(u"b.qcow2"_s);
        QVERIFY(SystemDisk::prepare(disk, oldBase).has_value());
        QFile::remove(oldBase);
        const auto remade = SystemDisk::prepare(disk, newBase);
        QVERIFY(remade.has_value());
        QCOMPARE(*remade, SystemDisk::Prepared::Remade);
        QCOMPARE(SystemDisk::backingFileOf(disk), newBase);
        // A file that is no qcow2 image at all (cut short, overwritten) is made afresh too.
        Test::writeFile(disk, "not a disk");
        QCOMPARE(SystemDisk::backingFileOf(disk), QString());
        QCOMPARE(SystemDisk::prepare(disk, newBase).value_or(SystemDisk::Prepared::Kept),
                 SystemDisk::Prepared::Remade);
        QCOMPARE(SystemDisk::backingFileOf(disk), newBase);
    }

    void aMissingQemuImgIsNamed()
    {
        const QString base = makeBase(u"root-c.ext4"_s);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(m_dir.filePath(u"nothing-here"_s)));
        const auto failed = SystemDisk::prepare(m_dir.filePath(u"c.qcow2"_s), base);
        qputenv("PATH", path);
        QVERIFY(!failed.has_value());
        QVERIFY2(failed.error().message.contains(u"qemu-utils"_s), qPrintable(failed.error().message));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"c.qcow2"_s)));
    }

    void aBaseThatCannotBeReadIsAnError()
    {
        const auto failed =
            SystemDisk::prepare(m_dir.filePath(u"d.qcow2"_s), m_dir.filePath(u"no-such.ext4"_s));
        QVERIFY(!failed.has_value());
        QVERIFY2(failed.error().message.contains(u"d.qcow2"_s), qPrintable(failed.error().message));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"d.qcow2"_s)));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"d.qcow2.partial"_s)));
    }
};

QTEST_GUILESS_MAIN(TestSystemDisk)
#include "tst_systemdisk.moc"

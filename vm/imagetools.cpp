#include "vm/imagetools_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

ImageTools::Run ImageTools::run(const QString &program, const QStringList &arguments,
                                const QString &directory, const QByteArray &input, int timeoutMs,
                                const QStringList &environment)
{
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
        for (const QString &variable : environment)
            variables.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
        process.setProcessEnvironment(variables);
    }
    if (!directory.isEmpty())
        process.setWorkingDirectory(directory);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {-1, {}, process.errorString().toUtf8()};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs))
        process.kill();
    process.waitForFinished();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QString ImageTools::errorText(const Run &run)
{
    const QByteArray text = run.err.trimmed().isEmpty() ? run.out.trimmed() : run.err.trimmed();
    return QString::fromUtf8(text.right(1500));
}

Core::Result<QByteArray> ImageTools::readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Core::fail(Core::ErrorCode::NotFound,
                          tr("Could not read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

Core::Result<> ImageTools::writeAll(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Core::fail(Core::ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

Core::Result<QString> ImageTools::unpack(const QString &deb, const QString &parent)
{
    // Named by the package file, so that a new version of the package is unpacked, not the old one reused.
    const QString folder = QDir(parent).filePath(QFileInfo(deb).completeBaseName());
    if (QDir(folder).exists())
        return folder;
    const QString partial = folder + u".partial"_s;
    QDir(partial).removeRecursively();
    QDir().mkpath(partial);
    const Run unpacked = run(u"dpkg-deb"_s, {u"-x"_s, deb, partial});
    if (unpacked.exitCode != 0 || !QDir().rename(partial, folder))
        return Core::fail(Core::ErrorCode::Io,
                          tr("Could not unpack %1: %2").arg(deb, QString::fromUtf8(unpacked.err.trimmed())));
    return folder;
}

Core::Result<std::pair<QString, QString>> ImageTools::resolvePackage(const QString &package)
{
    const Run shown = run(u"apt-cache"_s, {u"show"_s, u"--no-all-versions"_s, package});
    if (shown.exitCode != 0)
        return Core::fail(Core::ErrorCode::Unavailable,
                          tr("apt does not know %1 (%2). Run 'apt-get update' first.")
                              .arg(package, QString::fromUtf8(shown.err.trimmed())));
    static const QRegularExpression depends(u"^Depends: (linux-image-[^ ,]+)"_s,
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression version(u"^Version: (\\S+)"_s, QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(shown.out);
    const auto dependency = depends.match(text);
    if (dependency.hasMatch())
        return resolvePackage(dependency.captured(1)); // the metapackage's kernel
    const auto found = version.match(text);
    if (!found.hasMatch())
        return Core::fail(Core::ErrorCode::Corrupt, tr("apt shows no version of %1.").arg(package));
    return std::pair{package, found.captured(1)};
}

QString ImageTools::versionInFileName(const QString &version)
{
    return QString(version).replace(u':', u"%3a"_s);
}

Core::Result<QString> ImageTools::download(const QString &package, const QString &version,
                                           const QString &folder)
{
    const auto existing = [&] {
        const QString pattern = package + u'_' + versionInFileName(version) + u"_*.deb"_s;
        const QStringList debs = QDir(folder).entryList({pattern}, QDir::Files);
        return debs.isEmpty() ? QString() : QDir(folder).filePath(debs.first());
    };
    if (const QString deb = existing(); !deb.isEmpty())
        return deb;
    const Run fetched = run(u"apt-get"_s, {u"download"_s, u"-q"_s, package + u'=' + version}, folder);
    if (fetched.exitCode != 0 || existing().isEmpty())
        return Core::fail(
            Core::ErrorCode::Unavailable,
            tr("Could not download %1: %2").arg(package, QString::fromUtf8(fetched.err.trimmed())));
    return existing();
}

} // namespace Paddock::Vm

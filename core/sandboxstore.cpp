#include "core/sandboxstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

SandboxStore::SandboxStore(QString directory)
    : m_directory(std::move(directory))
{}

QString SandboxStore::pathFor(const QString &name) const
{
    return m_directory + u'/' + name + u".json"_s;
}

void SandboxStore::moveAside(const QString &path, const QString &why)
{
    QString target = path + u".corrupt"_s;
    if (QFile::exists(target))
        target = path + u".corrupt-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmsszzz"_s);
    const bool moved = QFile::rename(path, target);
    m_problems.append(
        {ErrorCode::Corrupt,
         moved
             ? tr("The sandbox record %1 could not be read (%2); it was moved to %3.").arg(path, why, target)
             : tr("The sandbox record %1 could not be read (%2) and could not be moved aside.")
                   .arg(path, why)});
}

std::optional<SandboxRecord> SandboxStore::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problems.append(
            {ErrorCode::Io, tr("Cannot read the sandbox record %1: %2.").arg(path, file.errorString())});
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(4 * 1024 * 1024), &parseError);
    file.close();
    if (!document.isObject()) {
        moveAside(path, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                     : tr("not an object"));
        return std::nullopt;
    }
    auto record = SandboxRecord::fromJson(document.object());
    if (!record) {
        moveAside(path, record.error().message);
        return std::nullopt;
    }
    if (pathFor(record->name) != path) {
        moveAside(path, tr("its name \"%1\" does not match the file name").arg(record->name));
        return std::nullopt;
    }
    return *record;
}

QList<SandboxRecord> SandboxStore::list()
{
    m_problems.clear();
    QList<SandboxRecord> records;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        if (auto record = read(dir.filePath(name)))
            records.append(*record);
    }
    return records;
}

std::optional<SandboxRecord> SandboxStore::find(const QString &name)
{
    if (!SandboxRecord::validateName(name))
        return std::nullopt;
    const QString path = pathFor(name);
    if (!QFile::exists(path))
        return std::nullopt;
    return read(path);
}

Result<> SandboxStore::save(const SandboxRecord &record)
{
    if (auto valid = SandboxRecord::validateName(record.name); !valid)
        return valid;
    if (!QDir().mkpath(m_directory))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(m_directory));
    QSaveFile file(pathFor(record.name));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return fail(ErrorCode::Io, tr("Cannot save the sandbox \"%1\": %2. The previous record is unchanged.")
                                       .arg(record.name, file.errorString()));
    return {};
}

Result<> SandboxStore::remove(const QString &name)
{
    if (!SandboxRecord::validateName(name) || !QFile::exists(pathFor(name)))
        return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
    if (!QFile::remove(pathFor(name)))
        return fail(ErrorCode::Io, tr("Cannot remove the record of sandbox \"%1\".").arg(name));
    return {};
}

} // namespace Paddock::Core

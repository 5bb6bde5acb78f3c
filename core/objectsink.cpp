// ObjectSink: loose objects for a few, one pack (written through libgit2's indexer) for many.
#include "core/objectsink_p.h"

#include "core/gitsupport_p.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <zlib.h>

namespace Paddock::Core::Git {

namespace {

// git's own threshold (fetch.unpackLimit): fewer objects than this are written loose.
constexpr std::size_t packThreshold = 100;
// Held in memory at most before switching to the pack file, whatever the count.
constexpr qsizetype maxPendingBytes = qsizetype(16) << 20;

int packType(git_object_t type)
{
    switch (type) {
    case GIT_OBJECT_COMMIT:
        return 1;
    case GIT_OBJECT_TREE:
        return 2;
    case GIT_OBJECT_BLOB:
        return 3;
    case GIT_OBJECT_TAG:
        return 4;
    default:
        return 0;
    }
}

// A pack entry's header: the type and the inflated size, seven bits at a time, low bits first.
QByteArray entryHeader(int type, std::size_t size)
{
    QByteArray header;
    unsigned char byte = static_cast<unsigned char>((type << 4) | (size & 0x0f));
    size >>= 4;
    while (size != 0) {
        header.append(char(byte | 0x80));
        byte = static_cast<unsigned char>(size & 0x7f);
        size >>= 7;
    }
    header.append(char(byte));
    return header;
}

struct WritePackDeleter
{
    void operator()(git_odb_writepack *pack) const { pack->free(pack); }
};

} // namespace

ObjectSink::ObjectSink(git_odb *target)
    : m_target(target)
{}

ObjectSink::~ObjectSink() = default;

Result<> ObjectSink::add(git_object_t type, const void *data, std::size_t size)
{
    ++m_count;
    if (m_pack)
        return appendToPack(type, data, size);
    m_pending.push_back({type, QByteArray(static_cast<const char *>(data), qsizetype(size))});
    m_pendingBytes += qsizetype(size);
    if (m_pending.size() < packThreshold && m_pendingBytes < maxPendingBytes)
        return {};
    return startPack();
}

Result<> ObjectSink::startPack()
{
    m_pack = std::make_unique<QTemporaryFile>();
    if (!m_pack->open())
        return fail(ErrorCode::Io,
                    QStringLiteral("Could not create a temporary file: %1").arg(m_pack->errorString()));
    for (const Pending &pending : m_pending) {
        if (auto appended =
                appendToPack(pending.type, pending.data.constData(), std::size_t(pending.data.size()));
            !appended)
            return appended;
    }
    m_pending.clear();
    m_pendingBytes = 0;
    return {};
}

Result<> ObjectSink::appendToPack(git_object_t type, const void *data, std::size_t size)
{
    // Fast compression: the pack is written once here and repacked by the user's own git gc later.
    QByteArray entry = entryHeader(packType(type), size);
    const qsizetype headerSize = entry.size();
    uLongf compressedSize = compressBound(uLong(size));
    entry.resize(headerSize + qsizetype(compressedSize));
    if (compress2(reinterpret_cast<Bytef *>(entry.data() + headerSize), &compressedSize,
                  static_cast<const Bytef *>(data), uLong(size), Z_BEST_SPEED) != Z_OK)
        return fail(ErrorCode::Internal, QStringLiteral("Could not compress an object."));
    entry.resize(headerSize + qsizetype(compressedSize));
    if (m_pack->write(entry) != entry.size())
        return fail(ErrorCode::Io,
                    QStringLiteral("Could not write a temporary file: %1").arg(m_pack->errorString()));
    return {};
}

Result<> ObjectSink::finish()
{
    if (m_pack)
        return writePack();
    for (const Pending &pending : m_pending) {
        git_oid written;
        if (git_odb_write(&written, m_target, pending.data.constData(), std::size_t(pending.data.size()),
                          pending.type) != 0)
            return fail(ErrorCode::Io, lastError());
    }
    m_pending.clear();
    return {};
}

Result<> ObjectSink::writePack()
{
    git_odb_writepack *raw = nullptr;
    if (git_odb_write_pack(&raw, m_target, nullptr, nullptr) != 0)
        return fail(ErrorCode::Io, lastError());
    const std::unique_ptr<git_odb_writepack, WritePackDeleter> writer(raw);
    git_indexer_progress progress{};
    QCryptographicHash trailer(QCryptographicHash::Sha1);
    const auto append = [&](const QByteArray &bytes) -> Result<> {
        trailer.addData(bytes);
        if (raw->append(raw, bytes.constData(), std::size_t(bytes.size()), &progress) != 0)
            return fail(ErrorCode::Io, lastError());
        return {};
    };
    QByteArray header("PACK", 4);
    header.resize(12);
    qToBigEndian<quint32>(2, header.data() + 4);
    qToBigEndian<quint32>(quint32(m_count), header.data() + 8);
    if (auto appended = append(header); !appended)
        return appended;
    if (!m_pack->flush() || !m_pack->seek(0))
        return fail(ErrorCode::Io, m_pack->errorString());
    while (!m_pack->atEnd()) {
        const QByteArray chunk = m_pack->read(qint64(1) << 20);
        if (chunk.isEmpty())
            return fail(ErrorCode::Io, m_pack->errorString());
        if (auto appended = append(chunk); !appended)
            return appended;
    }
    const QByteArray sum = trailer.result();
    if (raw->append(raw, sum.constData(), std::size_t(sum.size()), &progress) != 0 ||
        raw->commit(raw, &progress) != 0)
        return fail(ErrorCode::Io, lastError());
    return {};
}

} // namespace Paddock::Core::Git

#include "core/packcache_p.h"

#include "core/packformat_p.h"

#include <git2/sys/odb_backend.h>

#include <QByteArray>
#include <QDir>
#include <QFile>

#include <cstring>
#include <list>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace Paddock::Core::Git {

using namespace PackFormat;

namespace {

constexpr std::size_t cacheBudgetBytes = std::size_t(48) << 20; // git's core.deltaBaseCacheLimit is 96 MiB
constexpr qsizetype maxCachedObjectBytes = qsizetype(4) << 20;
constexpr int maxChainLength = 10'000;

std::uint32_t bigEndian32(const unsigned char *at)
{
    return std::uint32_t(at[0]) << 24 | std::uint32_t(at[1]) << 16 | std::uint32_t(at[2]) << 8 | at[3];
}

// A read-only mapping of a whole file.
class MappedFile
{
public:
    static std::unique_ptr<MappedFile> open(const QByteArray &path)
    {
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return nullptr;
        struct stat info
        {
        };
        void *data = MAP_FAILED;
        if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0)
            data = ::mmap(nullptr, std::size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd); // the mapping keeps the file, even if git gc deletes it meanwhile
        if (data == MAP_FAILED)
            return nullptr;
        auto file = std::unique_ptr<MappedFile>(new MappedFile);
        file->m_data = static_cast<const unsigned char *>(data);
        file->m_size = std::size_t(info.st_size);
        return file;
    }
    ~MappedFile() { ::munmap(const_cast<unsigned char *>(m_data), m_size); }
    const unsigned char *data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    MappedFile() = default;
    const unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

// One pack with its version 2 index; anything else is left to libgit2.
class Pack
{
public:
    static std::unique_ptr<Pack> open(const QByteArray &indexPath)
    {
        auto pack = std::unique_ptr<Pack>(new Pack);
        pack->m_index = MappedFile::open(indexPath);
        pack->m_pack = MappedFile::open(indexPath.chopped(4) + ".pack");
        if (!pack->m_index || !pack->m_pack)
            return nullptr;
        const unsigned char *index = pack->m_index->data();
        const std::size_t indexSize = pack->m_index->size();
        if (indexSize < 8 + 1024 + 40 || std::memcmp(index, "\377tOc", 4) != 0 || bigEndian32(index + 4) != 2)
            return nullptr;
        pack->m_count = bigEndian32(index + 8 + 255 * 4);
        const std::uint64_t tables = 8 + 1024 + std::uint64_t(pack->m_count) * 28;
        if (tables + 40 > indexSize)
            return nullptr;
        pack->m_largeOffsetCount = (indexSize - 40 - tables) / 8;
        const unsigned char *data = pack->m_pack->data();
        if (pack->m_pack->size() < 12 + 20 || std::memcmp(data, "PACK", 4) != 0 ||
            (bigEndian32(data + 4) != 2 && bigEndian32(data + 4) != 3) ||
            bigEndian32(data + 8) != pack->m_count)
            return nullptr;
        return pack;
    }

    std::optional<std::uint64_t> offsetOf(const git_oid &id) const
    {
        const unsigned char *index = m_index->data();
        const unsigned char first = id.id[0];
        std::uint32_t low = first == 0 ? 0 : bigEndian32(index + 8 + (first - 1) * 4);
        std::uint32_t high = bigEndian32(index + 8 + first * 4);
        if (high > m_count || low > high)
            return std::nullopt;
        const unsigned char *ids = index + 8 + 1024;
        while (low < high) {
            const std::uint32_t middle = low + (high - low) / 2;
            const int order = std::memcmp(ids + std::size_t(middle) * 20, id.id, 20);
            if (order == 0)
                return offsetAt(middle);
            if (order < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return std::nullopt;
    }

    const unsigned char *data() const { return m_pack->data(); }
    std::size_t end() const { return m_pack->size() - 20; } // the trailing checksum is no object

private:
    Pack() = default;

    std::optional<std::uint64_t> offsetAt(std::uint32_t position) const
    {
        const unsigned char *offsets = m_index->data() + 8 + 1024 + std::size_t(m_count) * 24;
        const std::uint32_t offset = bigEndian32(offsets + std::size_t(position) * 4);
        if (!(offset & 0x80000000u))
            return offset;
        const std::uint32_t large = offset & 0x7fffffffu;
        if (large >= m_largeOffsetCount)
            return std::nullopt;
        const unsigned char *at = offsets + std::size_t(m_count) * 4 + std::size_t(large) * 8;
        return std::uint64_t(bigEndian32(at)) << 32 | bigEndian32(at + 4);
    }

    std::unique_ptr<MappedFile> m_index;
    std::unique_ptr<MappedFile> m_pack;
    std::uint32_t m_count = 0;
    std::uint64_t m_largeOffsetCount = 0;
};

// Objects by (pack, offset), the least recently used dropped first once over the budget.
class DeltaBaseCache
{
public:
    struct Object
    {
        git_object_t type = GIT_OBJECT_INVALID;
        QByteArray data;
    };

    const Object *find(std::uint64_t key)
    {
        const auto it = m_index.find(key);
        if (it == m_index.end())
            return nullptr;
        m_order.splice(m_order.begin(), m_order, it->second);
        return &it->second->second;
    }

    void insert(std::uint64_t key, const Object &object)
    {
        if (object.data.size() > maxCachedObjectBytes || m_index.contains(key))
            return;
        m_order.emplace_front(key, object);
        m_index.emplace(key, m_order.begin());
        m_bytes += std::size_t(object.data.size());
        while (m_bytes > cacheBudgetBytes && m_order.size() > 1) {
            m_bytes -= std::size_t(m_order.back().second.data.size());
            m_index.erase(m_order.back().first);
            m_order.pop_back();
        }
    }

private:
    std::list<std::pair<std::uint64_t, Object>> m_order;
    std::unordered_map<std::uint64_t, std::list<std::pair<std::uint64_t, Object>>::iterator> m_index;
    std::size_t m_bytes = 0;
};

class Inflater
{
public:
    Inflater() { m_ready = inflateInit(&m_stream) == Z_OK; }
    ~Inflater()
    {
        if (m_ready)
            inflateEnd(&m_stream);
    }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    // Exactly size bytes from the zlib stream at data, or nothing.
    std::optional<QByteArray> inflate(const unsigned char *data, std::uint64_t available, std::uint64_t size)
    {
        if (!m_ready || inflateReset(&m_stream) != Z_OK)
            return std::nullopt;
        QByteArray out(qsizetype(size + 1), Qt::Uninitialized); // one spare byte: a longer stream is an error
        m_stream.next_in = const_cast<unsigned char *>(data);
        m_stream.avail_in = uInt(std::min<std::uint64_t>(available, UINT32_MAX));
        m_stream.next_out = reinterpret_cast<unsigned char *>(out.data());
        m_stream.avail_out = uInt(size + 1);
        const int status = ::inflate(&m_stream, Z_FINISH);
        if (status != Z_STREAM_END || m_stream.total_out != size)
            return std::nullopt;
        out.truncate(qsizetype(size));
        return out;
    }

private:
    z_stream m_stream{};
    bool m_ready = false;
};

git_object_t objectType(int packType)
{
    switch (packType) {
    case Commit:
        return GIT_OBJECT_COMMIT;
    case Tree:
        return GIT_OBJECT_TREE;
    case Blob:
        return GIT_OBJECT_BLOB;
    case Tag:
        return GIT_OBJECT_TAG;
    default:
        return GIT_OBJECT_INVALID;
    }
}

struct PackCacheBackend
{
    git_odb_backend parent; // first: libgit2 passes this struct as a git_odb_backend
    std::vector<std::unique_ptr<Pack>> packs;
    DeltaBaseCache cache;
    Inflater inflater;

    // The object at offset in pack, its delta chain resolved from the nearest cached object down.
    std::optional<DeltaBaseCache::Object> unpack(std::size_t packNumber, std::uint64_t offset)
    {
        const Pack &pack = *packs[packNumber];
        const auto keyOf = [packNumber](std::uint64_t at) { return std::uint64_t(packNumber) << 48 | at; };
        std::vector<std::pair<std::uint64_t, Entry>> deltas; // from the object down to its base
        DeltaBaseCache::Object base;
        for (std::uint64_t at = offset;;) {
            if (const DeltaBaseCache::Object *cached = cache.find(keyOf(at))) {
                base = *cached;
                break;
            }
            const auto entry = entryAt(pack.data(), pack.end(), at);
            if (!entry || deltas.size() > std::size_t(maxChainLength))
                return std::nullopt;
            if (entry->type == OffsetDelta || entry->type == ReferenceDelta) {
                deltas.emplace_back(at, *entry);
                std::optional<std::uint64_t> next = entry->baseOffset;
                if (entry->type == ReferenceDelta) {
                    git_oid base;
                    git_oid_fromraw(&base, entry->baseId);
                    next = pack.offsetOf(base); // a base in another pack: left to libgit2
                }
                if (!next || *next >= at)
                    return std::nullopt;
                at = *next;
                continue;
            }
            auto data =
                inflater.inflate(pack.data() + entry->dataAt, pack.end() - entry->dataAt, entry->size);
            if (!data)
                return std::nullopt;
            base = {objectType(entry->type), std::move(*data)};
            cache.insert(keyOf(at), base);
            break;
        }
        // Each result is the base of the next delta up, and likely of other objects' chains too.
        for (auto it = deltas.rbegin(); it != deltas.rend(); ++it) {
            const Entry &entry = it->second;
            const auto delta =
                inflater.inflate(pack.data() + entry.dataAt, pack.end() - entry.dataAt, entry.size);
            if (!delta)
                return std::nullopt;
            auto result = applyDelta(base.data, *delta);
            if (!result)
                return std::nullopt;
            base.data = std::move(*result);
            cache.insert(keyOf(it->first), base);
        }
        return base;
    }

    static int read(void **out, size_t *length, git_object_t *type, git_odb_backend *backend,
                    const git_oid *id)
    {
        auto *self = reinterpret_cast<PackCacheBackend *>(backend);
        for (std::size_t number = 0; number < self->packs.size(); ++number) {
            const auto offset = self->packs[number]->offsetOf(*id);
            if (!offset)
                continue;
            const auto object = self->unpack(number, *offset);
            if (!object)
                return GIT_PASSTHROUGH; // libgit2's own pack backend reads it, or says what is wrong
            void *buffer = git_odb_backend_data_alloc(backend, std::size_t(object->data.size()));
            if (!buffer)
                return GIT_PASSTHROUGH;
            std::memcpy(buffer, object->data.constData(), std::size_t(object->data.size()));
            *out = buffer;
            *length = std::size_t(object->data.size());
            *type = object->type;
            return 0;
        }
        return GIT_ENOTFOUND;
    }

    static void free(git_odb_backend *backend) { delete reinterpret_cast<PackCacheBackend *>(backend); }
};

} // namespace

void addPackCache(git_repository *repository)
{
    const QString packFolder = QFile::decodeName(git_repository_commondir(repository)) + u"objects/pack";
    const QStringList indexes = QDir(packFolder).entryList({QStringLiteral("pack-*.idx")}, QDir::Files);
    if (indexes.isEmpty())
        return;
    auto backend = std::make_unique<PackCacheBackend>();
    if (git_odb_init_backend(&backend->parent, GIT_ODB_BACKEND_VERSION) != 0)
        return;
    for (const QString &index : indexes) {
        if (auto pack = Pack::open(QFile::encodeName(packFolder + u'/' + index)))
            backend->packs.push_back(std::move(pack));
    }
    if (backend->packs.empty())
        return;
    backend->parent.read = &PackCacheBackend::read;
    backend->parent.free = &PackCacheBackend::free;
    git_odb *odb = nullptr;
    if (git_repository_odb(&odb, repository) != 0)
        return;
    // Above libgit2's loose (1) and pack (2) backends; the odb owns the backend once added.
    if (git_odb_add_backend(odb, &backend->parent, 10) == 0)
        backend.release();
    git_odb_free(odb);
}

} // namespace Paddock::Core::Git

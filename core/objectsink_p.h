#pragma once

// Internal to core: where BranchReview::importBranch puts the objects it copies. Never include outside core/.

#include "core/result.h"

#include <git2.h>

#include <QByteArray>
#include <QTemporaryFile>

#include <memory>
#include <vector>

namespace Paddock::Core::Git {

// Collects objects and writes them into an object database all at once on finish(): a handful as loose
// objects, more as one pack (as git's fetch.unpackLimit does), which is several times quicker than thousands
// of loose files. Nothing is written before finish(), so an import cut short leaves nothing behind.
class ObjectSink
{
public:
    explicit ObjectSink(git_odb *target);
    ~ObjectSink();
    ObjectSink(const ObjectSink &) = delete;
    ObjectSink &operator=(const ObjectSink &) = delete;

    Result<> add(git_object_t type, const void *data, std::size_t size);
    Result<> finish();
    std::size_t count() const { return m_count; }

private:
    struct Pending
    {
        git_object_t type;
        QByteArray data;
    };
    Result<> startPack();
    Result<> appendToPack(git_object_t type, const void *data, std::size_t size);
    Result<> writePack();

    git_odb *m_target;
    std::vector<Pending> m_pending; // until there are enough to be worth a pack
    qsizetype m_pendingBytes = 0;
    std::unique_ptr<QTemporaryFile> m_pack; // the pack's entries, without header and trailer
    std::size_t m_count = 0;
};

} // namespace Paddock::Core::Git

#pragma once

// Internal to core: a read-only object backend over a repository's packs that keeps the objects it rebuilds
// from deltas, as git's delta base cache does. libgit2 (1.5) caches only the base at the bottom of a delta
// chain, so reading a blob 50 deltas deep applies 50 deltas every time; git's own packs chain deltas up to
// 50 deep by default, and a review reads thousands of blobs from them.

#include <git2.h>

namespace Paddock::Core::Git {

// Puts the backend in front of libgit2's own in repository's object database. Objects it cannot read (loose
// objects, packs made after this call, anything unusual) are left to libgit2's backends, and libgit2 still
// checks every object it returns against its id. Does nothing when the repository has no packs.
void addPackCache(git_repository *repository);

} // namespace Paddock::Core::Git

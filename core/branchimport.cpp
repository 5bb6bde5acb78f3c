// BranchReview: importing a sandbox's branch into the user's repository, listing and discarding it.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"
#include "core/objectsink_p.h"
#include "core/sandboxrecord.h"

#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

// The ids a raw commit names: its tree, then its parents. Anything else in it is only data.
Result<> commitLinks(const char *data, std::size_t size, std::vector<std::pair<git_oid, git_object_t>> &links)
{
    QByteArrayView text(data, qsizetype(size));
    if (const qsizetype headerEnd = text.indexOf("\n\n"); headerEnd >= 0)
        text = text.first(headerEnd);
    // "tree <hex>" first, then "parent <hex>" lines; what follows (author, message) names no object.
    while (!text.isEmpty()) {
        const qsizetype newline = text.indexOf('\n');
        const QByteArrayView line = newline < 0 ? text : text.first(newline);
        text = newline < 0 ? QByteArrayView() : text.sliced(newline + 1);
        const bool tree = links.empty() && line.startsWith("tree ");
        if (!tree && !(!links.empty() && line.startsWith("parent ")))
            break;
        const QByteArrayView id = line.sliced(tree ? 5 : 7);
        git_oid oid;
        if (id.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&oid, id.data(), std::size_t(id.size())) != 0)
            return fail(ErrorCode::Corrupt,
                        BranchReview::tr("The branch contains a malformed commit; it was not imported."));
        links.emplace_back(oid, tree ? GIT_OBJECT_TREE : GIT_OBJECT_COMMIT);
    }
    if (links.empty() || links.front().second != GIT_OBJECT_TREE)
        return fail(ErrorCode::Corrupt,
                    BranchReview::tr("The branch contains a malformed commit; it was not imported."));
    return {};
}

} // namespace

Result<QByteArray> BranchReview::importedRef(const QString &name)
{
    // SECURITY: the name becomes a ref and a path; only our own sandbox-name alphabet (no "/", "..", spaces,
    // control characters, leading '-'), then libgit2's own check on the result.
    if (auto valid = SandboxRecord::validateName(name); !valid)
        return std::unexpected(valid.error());
    const QByteArray ref = "refs/paddock/" + name.toUtf8();
    int valid = 0;
    if (git_reference_name_is_valid(&valid, ref.constData()) != 0 || !valid)
        return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not a valid branch name.").arg(name));
    return ref;
}

Result<QString> BranchReview::importBranch(const QString &clone, const QString &repository,
                                           const QString &name, const ImportLimits &limits)
{
    const auto ref = importedRef(name);
    if (!ref)
        return std::unexpected(ref.error());
    auto source = openHostileClone(clone, name);
    if (!source)
        return std::unexpected(source.error());
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    git_odb *rawTarget = nullptr;
    if (git_repository_odb(&rawTarget, user->get()) != 0)
        return fail(ErrorCode::Io, tr("Could not open the objects of %1: %2").arg(repository, lastError()));
    const Odb target(rawTarget);

    // Copy what the user's repository lacks, depth first, writing an object only once everything it names is
    // there: an import cut short (by a limit, a bad object) leaves no object whose history is incomplete.
    enum class State { Queued, Expanding, Written };
    struct Entry
    {
        git_oid oid;
        git_object_t type;
        OdbObject object; // read while its links are copied
    };
    std::unordered_map<git_oid, State, OidHash, OidEqual> states;
    std::vector<Entry> stack;
    std::int64_t objects = 0;
    std::int64_t bytes = 0;
    const auto bad = [&clone](const QString &why) {
        return fail(ErrorCode::Corrupt,
                    tr("Could not import the sandbox's branch from %1: %2").arg(clone, why));
    };
    const auto queue = [&](const git_oid &oid, git_object_t type) {
        if (git_odb_exists(target.get(), &oid))
            return;
        auto [it, inserted] = states.try_emplace(oid, State::Queued);
        if (!inserted && it->second == State::Written)
            return;
        stack.push_back(Entry{oid, type, nullptr});
    };
    // Written all at once when the walk is complete: one pack for a large branch instead of thousands of
    // files.
    ObjectSink sink(target.get());
    queue(source->tip, GIT_OBJECT_COMMIT);
    std::vector<std::pair<git_oid, git_object_t>> links;
    while (!stack.empty()) {
        const std::size_t top = stack.size() - 1;
        State &state = states[stack[top].oid];
        if (stack[top].object) { // its links are in: write it
            git_odb_object *object = stack[top].object.get();
            git_oid computed;
            if (git_odb_hash(&computed, git_odb_object_data(object), git_odb_object_size(object),
                             git_odb_object_type(object)) != 0)
                return fail(ErrorCode::Internal, lastError());
            // SECURITY: the id is recomputed from the content; an object that is not what its name says
            // (a forged or corrupt pack) never lands in the user's repository under that name.
            if (!git_oid_equal(&computed, &stack[top].oid))
                return bad(tr("object %1 does not match its content").arg(hex(stack[top].oid)));
            if (auto added = sink.add(git_odb_object_type(object), git_odb_object_data(object),
                                      git_odb_object_size(object));
                !added)
                return fail(ErrorCode::Io,
                            tr("Could not write to %1: %2").arg(repository, added.error().message));
            state = State::Written;
            stack.pop_back();
            continue;
        }
        if (state == State::Written) {
            stack.pop_back();
            continue;
        }
        if (state == State::Expanding) // names one of its own ancestors: impossible in real git data
            return bad(tr("object %1 refers to itself").arg(hex(stack[top].oid)));
        const git_oid oid = stack[top].oid;
        const git_object_t expected = stack[top].type;
        std::size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        if (git_odb_read_header(&size, &type, source->odb.get(), &oid) != 0)
            return bad(tr("object %1 is missing: %2").arg(hex(oid), lastError()));
        // SECURITY: bounded before reading, so a 10 GB blob or a million-object branch cannot exhaust the
        // host.
        ++objects;
        bytes += std::int64_t(size);
        if (objects > limits.maxObjects || bytes > limits.maxBytes)
            return fail(ErrorCode::Denied,
                        tr("The sandbox's branch is larger than Paddock imports (%n objects "
                           "so far); nothing was merged. Look at it in the sandbox.",
                           nullptr, int(qMin<std::int64_t>(objects, INT_MAX))));
        if (type != expected)
            return bad(tr("object %1 has the wrong type").arg(hex(oid)));
        git_odb_object *raw = nullptr;
        if (git_odb_read(&raw, source->odb.get(), &oid) != 0)
            return bad(tr("object %1 could not be read: %2").arg(hex(oid), lastError()));
        OdbObject object(raw);
        links.clear();
        const char *data = static_cast<const char *>(git_odb_object_data(raw));
        if (type == GIT_OBJECT_COMMIT) {
            if (auto parsed = commitLinks(data, git_odb_object_size(raw), links); !parsed)
                return std::unexpected(parsed.error());
        } else if (type == GIT_OBJECT_TREE) {
            const auto parsed = parseTree(data, git_odb_object_size(raw), [&links](const TreeEntry &entry) {
                if (entry.mode == 0160000) // a submodule's commit lives in another repository
                    return;
                links.emplace_back(entry.oid, entry.mode == 040000 ? GIT_OBJECT_TREE : GIT_OBJECT_BLOB);
            });
            if (!parsed)
                return std::unexpected(parsed.error());
        }
        state = State::Expanding;
        stack[top].object = std::move(object);
        for (const auto &[link, linkType] : links) {
            if (auto it = states.find(link); it != states.end() && it->second == State::Expanding)
                return bad(tr("object %1 refers to itself").arg(hex(link)));
            queue(link, linkType);
        }
    }

    if (auto written = sink.finish(); !written)
        return fail(ErrorCode::Io, tr("Could not write to %1: %2").arg(repository, written.error().message));
    git_reference *created = nullptr;
    if (git_reference_create(&created, user->get(), ref->constData(), &source->tip, 1,
                             "paddock: import from sandbox") != 0)
        return fail(
            ErrorCode::Io,
            tr("Could not create %1 in %2: %3").arg(QString::fromUtf8(*ref), repository, lastError()));
    git_reference_free(created);
    return hex(source->tip);
}

Result<QStringList> BranchReview::importedBranches(const QString &repository)
{
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    git_reference_iterator *raw = nullptr;
    if (git_reference_iterator_glob_new(&raw, user->get(), "refs/paddock/*") != 0)
        return fail(ErrorCode::Io, tr("Could not list the branches of %1: %2").arg(repository, lastError()));
    const ReferenceIterator iterator(raw);
    QStringList names;
    const char *refName = nullptr;
    while (git_reference_next_name(&refName, raw) == 0)
        names.append(QString::fromUtf8(refName).mid(13)); // "refs/paddock/"
    names.sort();
    return names;
}

Result<> BranchReview::discard(const QString &repository, const QString &name)
{
    const auto ref = importedRef(name);
    if (!ref)
        return std::unexpected(ref.error());
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    git_reference *raw = nullptr;
    if (git_reference_lookup(&raw, user->get(), ref->constData()) != 0)
        return fail(ErrorCode::NotFound,
                    tr("%1 has no imported branch %2.").arg(repository, QString::fromUtf8(*ref)));
    const Reference reference(raw);
    if (git_reference_delete(raw) != 0)
        return fail(ErrorCode::Io, tr("Could not delete %1: %2").arg(QString::fromUtf8(*ref), lastError()));
    return {};
}

Result<QString> BranchReview::currentBranch(const QString &repository)
{
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    git_reference *raw = nullptr;
    if (git_reference_lookup(&raw, user->get(), "HEAD") != 0)
        return fail(ErrorCode::Io, tr("Could not read HEAD of %1: %2").arg(repository, lastError()));
    const Reference head(raw);
    const char *target = git_reference_symbolic_target(raw);
    if (!target || std::strncmp(target, "refs/heads/", 11) != 0)
        return fail(
            ErrorCode::InvalidArgument,
            tr("%1 is not on a branch (detached HEAD); name the branch with --into.").arg(repository));
    return QString::fromUtf8(target + 11);
}

} // namespace Paddock::Core

#include "vm/microvmbackend.h"

#include "core/workspaceclone.h"
#include "proxy/trustbundle.h"
#include "vm/bwrapcommand.h"
#include "vm/guestagent.h"
#include "vm/guestimage.h"
#include "vm/guestsession.h"
#include "vm/imagetools_p.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"
#include "vm/systemdisk.h"
#include "vm/virtiofsdaemon.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QStorageInfo>
#include <QTemporaryFile>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

constexpr int defaultMemoryMiB = 1024;
constexpr int agentTimeoutKvmMs = 15'000;
constexpr int agentTimeoutTcgMs = 90'000;   // an emulated boot on a busy 2-core machine
constexpr int shutdownTimeoutMs = 6'000;    // the guest gives its processes 3 s
constexpr int hostToolTimeoutMs = 300'000;  // mke2fs and git on the host
constexpr int workspaceDiskMiB = 32 * 1024; // sparse: only what the clone uses takes space
constexpr int homeDiskMiB = 16 * 1024;      // likewise: agent CLIs, their settings and caches
// A microVM's uncommitted files, as a commit the guest sends with its branches (see fetchBranches).
constexpr char uncommittedRef[] = "refs/uncommitted/snapshot";

// Runs a command in the running guest with the given stdin and stdout (stderr is dropped): its exit code,
// or why it could not run.
Result<int> runCommandInGuest(const QString &control, const QStringList &command, int input, int output)
{
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const auto closeDevNull = qScopeGuard([devNull] { ::close(devNull); });
    SessionOptions options;
    options.command = command;
    options.workingDirectory = u"/"_s;
    options.descriptors = {input < 0 ? devNull : input, output < 0 ? devNull : output, devNull};
    auto session = GuestSession::open(control, options);
    if (!session)
        return std::unexpected(session.error());
    return (*session)->waitForExit();
}

// The same for a shell script, its arguments as $1...
Result<int> runInGuest(const QString &control, const QString &script, int input, int output,
                       const QStringList &arguments = {})
{
    return runCommandInGuest(control, QStringList{u"/bin/sh"_s, u"-c"_s, script, u"sh"_s} + arguments, input,
                             output);
}

// Copies a host file into the running guest through a session (the guest has no share for it). The
// guest's own static program writes it: a shell and cat would first be read from a fresh machine's disk.
Result<> copyIntoGuest(const QString &control, const QString &hostFile, const QStringList &guestPaths)
{
    const int input = ::open(QFile::encodeName(hostFile).constData(), O_RDONLY | O_CLOEXEC);
    if (input < 0)
        return fail(ErrorCode::NotFound, MicroVmBackend::tr("Cannot read %1.").arg(hostFile));
    const auto closeInput = qScopeGuard([input] { ::close(input); });
    const auto exitCode = runCommandInGuest(
        control, QStringList{u"/run/paddock/paddock-guest"_s, u"write"_s} + guestPaths, input, -1);
    if (!exitCode)
        return std::unexpected(exitCode.error());
    if (*exitCode != 0)
        return fail(ErrorCode::Io, MicroVmBackend::tr("Could not copy %1 into the microVM.").arg(hostFile));
    return {};
}

} // namespace

Result<> MicroVmBackend::makeDisk(const QString &disk, const QString &label, int sizeMiB,
                                  const QString &contents)
{
    if (QFileInfo::exists(disk))
        return {};
    QDir().mkpath(QFileInfo(disk).path());
    const QString partial = disk + u".partial"_s;
    QFile::remove(partial);
    QStringList arguments{u"-q"_s, u"-F"_s, u"-t"_s, u"ext4"_s, u"-m"_s, u"0"_s, u"-L"_s, label};
    if (contents.isEmpty())
        arguments << u"-E"_s << u"root_owner=0:0"_s; // the guest's sessions run as its root
    else
        arguments << u"-d"_s << contents;
    arguments << partial << QString::number(sizeMiB) + u'M';
    const ImageTools::Run made = ImageTools::run(u"mke2fs"_s, arguments, {}, {}, hostToolTimeoutMs);
    if (made.exitCode != 0) {
        QFile::remove(partial);
        return fail(ErrorCode::Io,
                    tr("Could not make the disk %1: %2").arg(disk, ImageTools::errorText(made)));
    }
    if (!QFile::rename(partial, disk))
        return fail(ErrorCode::Io, tr("Cannot write %1.").arg(disk));
    return {};
}

Result<> MicroVmBackend::fetchBranches(const QString &sandbox, const QString &hostClone)
{
    const auto it = m_running.find(sandbox);
    if (it == m_running.end() || it->second.workspaceDisk.isEmpty())
        return {};
    const auto git = [&hostClone](const QStringList &arguments, QByteArray *output = nullptr) {
        const ImageTools::Run ran = ImageTools::run(
            u"git"_s, QStringList{u"-C"_s, hostClone, u"-c"_s, u"core.hooksPath=/dev/null"_s} + arguments, {},
            {}, hostToolTimeoutMs);
        if (output)
            *output = ran.out;
        return ran.exitCode == 0 ? QString() : ImageTools::errorText(ran);
    };
    // What the host has: the guest sends nothing when its branches (and uncommitted files) are the same, and
    // otherwise only the commits the host lacks (a review refreshes often, and a whole repository each time
    // would be slow).
    QByteArray hostRefs;
    if (const QString failed = git({u"for-each-ref"_s, u"--format=%(objectname) %(refname)"_s,
                                    u"refs/heads"_s, QString::fromLatin1(uncommittedRef)},
                                   &hostRefs);
        !failed.isEmpty())
        return fail(ErrorCode::Io, tr("Cannot read the branches of %1: %2").arg(hostClone, failed));
    QStringList arguments{QString::fromUtf8(hostRefs.trimmed())};
    for (const QByteArray &line : hostRefs.trimmed().split('\n'))
        if (const qsizetype space = line.indexOf(' '); space > 0) // SHA-1 or SHA-256
            arguments << QString::fromLatin1(line.left(space));
    QTemporaryFile bundle(QDir::tempPath() + u"/paddock-fetch-XXXXXX.bundle"_s);
    if (!bundle.open())
        return fail(ErrorCode::Io, tr("Cannot make a temporary file: %1").arg(bundle.errorString()));
    // The uncommitted files become a commit on HEAD, made with a throw-away index (the agent's index and
    // files stay as they are) and fixed dates, so the same files give the same commit. It travels as a ref
    // that lives only while the bundle is made.
    // $1: the host's "sha ref" lines; then its tips, excluded where the guest has them.
    const QString script = uR"SH(cd /workspace || exit 1
git update-ref -d SNAPSHOT_REF 2>/dev/null # one left by an interrupted fetch
snapshot=
if head=$(git rev-parse -q --verify 'HEAD^{commit}'); then
    i=/tmp/.paddock-snapshot.index
    rm -f $i; cp .git/index $i 2>/dev/null
    tree=$(GIT_INDEX_FILE=$i git add -A >/dev/null 2>&1 && GIT_INDEX_FILE=$i git write-tree) &&
        [ "$tree" != "$(git rev-parse 'HEAD^{tree}')" ] &&
        snapshot=$(GIT_AUTHOR_DATE='@0 +0000' GIT_COMMITTER_DATE='@0 +0000' git -c user.name=Paddock \
            -c user.email=paddock@localhost commit-tree -p $head -m uncommitted $tree)
    rm -f $i
fi
refs=$(git for-each-ref --format='%(objectname) %(refname)' refs/heads) || exit 1
[ -n "$snapshot" ] && refs="$refs
$snapshot SNAPSHOT_REF"
[ "$refs" = "$1" ] && exit 3
shift
known=
for tip in "$@"; do git cat-file -e "$tip^{commit}" 2>/dev/null && known="$known ^$tip"; done
[ -n "$snapshot" ] && git update-ref SNAPSHOT_REF $snapshot
b=/tmp/.paddock-fetch.bundle
# A ref whose tip the host has (a branch moved back) is left out of a bundle: then the whole one.
complete() { git bundle list-heads $b > $b.heads && ! printf '%s\n' "$refs" | grep -Fxv -f $b.heads | grep -q .; }
{ { git bundle create -q $b --all $known && complete; } || git bundle create -q $b --all; } >/dev/null 2>&1
made=$?
git update-ref -d SNAPSHOT_REF 2>/dev/null
[ $made = 0 ] || exit 1
cat $b; status=$?; rm -f $b $b.heads; exit $status)SH"_s;
    const auto exitCode = runInGuest(
        it->second.control, QString(script).replace(u"SNAPSHOT_REF"_s, QLatin1StringView(uncommittedRef)), -1,
        int(bundle.handle()), arguments);
    if (!exitCode)
        return std::unexpected(exitCode.error());
    if (*exitCode == 3) // nothing new
        return {};
    if (*exitCode != 0)
        return fail(ErrorCode::Io, tr("The microVM could not bundle its branches."));
    // The host fetches the bundle as untrusted input (git checks every object) and makes the clone's files
    // match its branch and then the uncommitted files, so the review reads what the agent has now. No
    // snapshot in the bundle: nothing is uncommitted any more.
    git({u"update-ref"_s, u"-d"_s, QString::fromLatin1(uncommittedRef)});
    if (const QString failed =
            git({u"-c"_s, u"transfer.fsckObjects=true"_s, u"fetch"_s, u"-q"_s, u"--no-tags"_s,
                 u"--no-recurse-submodules"_s, u"--update-head-ok"_s, bundle.fileName(),
                 u"+refs/heads/*:refs/heads/*"_s, u"+refs/uncommitted/*:refs/uncommitted/*"_s});
        !failed.isEmpty())
        return fail(ErrorCode::Corrupt, tr("The microVM's branches could not be fetched: %1").arg(failed));
    // Only objects went through the git CLI; the files are written by libgit2 (security.md item 13).
    return Core::WorkspaceClone::checkOutHead(hostClone, QString::fromLatin1(uncommittedRef));
}

// The machine trusts what the host trusts, as a namespace sandbox does (its /etc/ssl is the host's): a
// company's own CA, say. With TLS interception, the bundle with Paddock's CA and the CA itself, as
// BwrapCommand binds them.
Result<> MicroVmBackend::installTrust(const QString &control, const BackendStart &request)
{
    const QString system = u"/etc/ssl/certs/ca-certificates.crt"_s;
    if (request.trustBundle.isEmpty()) {
        const auto hostBundle = Proxy::TrustBundle::findSystemBundle();
        return hostBundle ? copyIntoGuest(control, *hostBundle, {system}) : Result<>{};
    }
    QStringList bundlePaths{QString::fromLatin1(BwrapCommand::trustBundleInSandbox)};
    if (request.systemBundle.startsWith(u"/etc/ssl/"_s))
        bundlePaths.append(system);
    if (auto copied = copyIntoGuest(control, request.trustBundle, bundlePaths); !copied)
        return copied;
    if (!request.caCertificate.isEmpty())
        return copyIntoGuest(control, request.caCertificate,
                             {QString::fromLatin1(BwrapCommand::caCertificateInSandbox)});
    return {};
}

MicroVmBackend::MicroVmBackend(QString imageDirectory)
    : m_imageDirectory(std::move(imageDirectory))
{}

MicroVmBackend::~MicroVmBackend()
{
    while (!m_running.empty())
        stop(m_running.begin()->first);
}

Result<StartedSandbox> MicroVmBackend::start(const BackendStart &request)
{
    if (isRunning(request.sandbox))
        return fail(ErrorCode::AlreadyExists, tr("The sandbox \"%1\" runs already.").arg(request.sandbox));
    const auto image = GuestImage::findIn(m_imageDirectory);
    if (!image)
        return fail(ErrorCode::Unavailable,
                    tr("There is no microVM guest image of this Paddock version yet; build it with 'paddock "
                       "image build' (it downloads a Debian kernel and busybox)."));
    const Accelerator accelerator = chooseAccelerator();
    MicroVmSpec spec;
    spec.kernel = image->kernel;
    spec.initrd = image->initrd;
    spec.cpus = request.limits.cpus > 0 ? request.limits.cpus : 1;
    spec.memoryMiB = request.limits.memoryMiB > 0 ? request.limits.memoryMiB : defaultMemoryMiB;
    spec.runtimeDirectory = request.runtimeDirectory;
    // Clone mode keeps the clone on a disk of the machine's own (file work there is many times faster than
    // on a shared folder); the host brings its branches back (fetchBranches). Direct mode shares the folder.
    if (!request.workspaceDisk.isEmpty() && !image->root.isEmpty()) {
        if (auto made = makeDisk(request.workspaceDisk, u"paddock-workspace"_s,
                                 request.diskMiB > 0 ? request.diskMiB : workspaceDiskMiB, request.workspace);
            !made)
            return std::unexpected(made.error());
        spec.workspaceDisk = request.workspaceDisk;
    } else {
        spec.sharedFolder = request.workspace;
    }
    // A disk that cannot grow would pause the machine during its boot: say so now instead.
    for (const QString &disk : {spec.workspaceDisk, request.home, request.systemDisk})
        if (!disk.isEmpty() && !hasRoomFor(disk))
            return fail(ErrorCode::Io,
                        tr("The file system holding %1 is full (less than %2 MiB free); free some space and "
                           "start again.")
                            .arg(QFileInfo(disk).absolutePath())
                            .arg(minimumFreeBytes / (1024 * 1024)));
    QString systemNote;
    if (!request.systemDisk.isEmpty() && !image->root.isEmpty()) {
        QDir().mkpath(QFileInfo(request.systemDisk).absolutePath());
        const auto prepared = SystemDisk::prepare(request.systemDisk, image->root);
        if (!prepared)
            return std::unexpected(prepared.error());
        if (*prepared == SystemDisk::Prepared::Remade)
            systemNote = tr("its system was reset, as the guest image was rebuilt (/workspace and the home "
                            "folder are kept)");
        spec.systemDisk = request.systemDisk;
    }
    Running running;
    QString shareNote;
    // Direct mode shares over virtiofs where a virtiofsd runs here (git and npm work is several times
    // faster than on 9p); over 9p otherwise, and by default under emulation (see findProgram).
    if (const QString program = VirtioFsDaemon::findProgram(accelerator == Accelerator::Tcg);
        !spec.sharedFolder.isEmpty() && !program.isEmpty()) {
        running.share = std::make_unique<VirtioFsDaemon>();
        const QString socket = QDir(request.runtimeDirectory).filePath(u"virtiofs.sock"_s);
        if (auto shared = running.share->start(program, spec.sharedFolder, socket); shared) {
            spec.virtioFsSocket = socket;
        } else {
            shareNote =
                tr("the folder is shared over 9p, as virtiofs did not start: %1").arg(shared.error().message);
            running.share.reset();
        }
    }
    if (!request.home.isEmpty() && !image->root.isEmpty()) { // agent CLIs installed on first use stay there
        if (auto made = makeDisk(request.home, u"paddock-home"_s, homeDiskMiB); !made)
            return std::unexpected(made.error());
        spec.homeDisk = request.home;
    }
    running.machine = std::make_unique<QemuMachine>();
    QemuMachine::Options options;
    options.arguments = microVmArguments(spec, accelerator, hostTscKhz());
    options.runtimeDirectory = request.runtimeDirectory;
    options.hugePages = wantsHugePages(accelerator);
    if (auto started = running.machine->start(options); !started)
        return std::unexpected(started.error());

    // Every session gets the sandbox's environment, as bwrap gives it in a namespace sandbox.
    QMap<QString, QString> environment = BwrapCommand::baseEnvironment({});
    environment.insert(u"SHELL"_s, u"/bin/sh"_s);
    environment.insert(u"USER"_s, u"root"_s), environment.insert(u"LOGNAME"_s, u"root"_s);
    environment.insert(request.environment);
    const QString control = QDir(request.runtimeDirectory).filePath(u"control.sock"_s);
    running.agent =
        std::make_unique<GuestAgent>(GuestAgent::Options{request.proxySocket, control, environment});
    const int timeoutMs = accelerator == Accelerator::Kvm ? agentTimeoutKvmMs : agentTimeoutTcgMs;
    if (auto ready = running.agent->connectAndWait(QDir(request.runtimeDirectory).filePath(u"agent.sock"_s),
                                                   timeoutMs);
        !ready) {
        running.machine->stop(0, 1'000);
        QFile console(QDir(request.runtimeDirectory).filePath(u"console.log"_s));
        const QString tail = console.open(QIODevice::ReadOnly)
                                 ? QString::fromUtf8(console.readAll().right(1500)).trimmed()
                                 : QString();
        return fail(ErrorCode::Unavailable,
                    tail.isEmpty() ? ready.error().message : ready.error().message + u"\n"_s + tail);
    }
    if (auto trusted = installTrust(control, request); !trusted) {
        running.agent->shutdown(shutdownTimeoutMs);
        running.machine->stop(0, 1'000);
        return std::unexpected(trusted.error());
    }
    const QString sandbox = request.sandbox;
    connect(running.machine.get(), &QemuMachine::ended, this, [this, sandbox](const QString &reason) {
        const auto it = m_running.find(sandbox);
        if (it == m_running.end())
            return;
        Running ended = std::move(it->second);
        m_running.erase(it);
        ended.agent.reset();
        ended.share.reset();                    // it ends by itself once QEMU is gone
        ended.machine.release()->deleteLater(); // it is the sender
        Q_EMIT this->ended(sandbox, tr("The microVM of \"%1\" ended: %2").arg(sandbox, reason));
    });
    // The host's file system filled up under a disk: QEMU paused the machine. It goes on once there is room.
    auto *roomCheck = new QTimer(running.machine.get());
    roomCheck->setInterval(2'000);
    QemuMachine *machine = running.machine.get();
    const QString diskFolder =
        QFileInfo(spec.homeDisk.isEmpty() ? spec.workspaceDisk : spec.homeDisk).absolutePath();
    connect(roomCheck, &QTimer::timeout, machine, [machine, diskFolder] {
        if (hasRoomFor(diskFolder + u"/."_s))
            machine->resume();
    });
    connect(machine, &QemuMachine::pausedForSpace, this, [this, sandbox, roomCheck, diskFolder] {
        roomCheck->start();
        Q_EMIT paused(sandbox, tr("paused: the file system holding %1 is full; it goes on by itself once "
                                  "there is space again")
                                   .arg(diskFolder));
    });
    connect(machine, &QemuMachine::resumed, this, [this, sandbox, roomCheck] {
        roomCheck->stop();
        Q_EMIT resumed(sandbox);
    });
    StartedSandbox started;
    started.controlSocket = control;
    if (accelerator == Accelerator::Tcg)
        started.note = tr("emulated (slow): /dev/kvm is not usable here");
    for (const QString &note : {shareNote, systemNote})
        if (!note.isEmpty())
            started.note = started.note.isEmpty() ? note : started.note + u"; "_s + note;
    running.control = control;
    running.workspaceDisk = spec.workspaceDisk;
    m_running.emplace(sandbox, std::move(running));
    return started;
}

QList<int> MicroVmBackend::listeningPorts(const QString &sandbox) const
{
    const auto running = m_running.find(sandbox);
    return running == m_running.end() ? QList<int>() : running->second.agent->listeningPorts();
}

bool MicroVmBackend::hasRoomFor(const QString &path)
{
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    return !storage.isValid() || storage.bytesAvailable() >= minimumFreeBytes;
}

void MicroVmBackend::stop(const QString &sandbox)
{
    const auto it = m_running.find(sandbox);
    if (it == m_running.end())
        return;
    Running running = std::move(it->second);
    m_running.erase(it);
    running.machine->disconnect(this);
    // The guest ends its processes and powers off; QEMU is then quit, or killed, if it is still there.
    running.agent->shutdown(shutdownTimeoutMs);
    running.machine->stop(2'000, 2'000);
    running.agent.reset();
    if (running.share)
        running.share->stop();
}

std::optional<ProcessUsage> MicroVmBackend::usage(const QString &sandbox) const
{
    const auto running = m_running.find(sandbox);
    if (running == m_running.end())
        return std::nullopt;
    return ProcessUsage::ofTree(running->second.machine->processId());
}

} // namespace Paddock::Vm

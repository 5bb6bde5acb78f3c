#include "vm/seccompfilter.h"

#include <QString>

#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

struct ContextDeleter
{
    void operator()(scmp_filter_ctx context) const { seccomp_release(context); }
};

// The BPF program, or empty when libseccomp failed.
QByteArray compileProgram()
{
    std::unique_ptr<void, ContextDeleter> context(seccomp_init(SCMP_ACT_ALLOW));
    if (!context)
        return {};
    auto *ctx = context.get();
    const uint32_t eperm = SCMP_ACT_ERRNO(EPERM);
    int failures = 0;
    auto deny = [&](int syscall) { failures += seccomp_rule_add(ctx, eperm, syscall, 0) != 0; };

    // Kernel surfaces no agent needs, each a frequent source of privilege escalations.
    for (int syscall : {SCMP_SYS(mount),
                        SCMP_SYS(umount2),
                        SCMP_SYS(pivot_root),
                        SCMP_SYS(chroot),
                        SCMP_SYS(setns),
                        SCMP_SYS(add_key),
                        SCMP_SYS(keyctl),
                        SCMP_SYS(request_key),
                        SCMP_SYS(bpf),
                        SCMP_SYS(perf_event_open),
                        SCMP_SYS(userfaultfd),
                        SCMP_SYS(kexec_load),
                        SCMP_SYS(kexec_file_load),
                        SCMP_SYS(init_module),
                        SCMP_SYS(finit_module),
                        SCMP_SYS(delete_module),
                        SCMP_SYS(open_by_handle_at),
                        SCMP_SYS(name_to_handle_at),
                        SCMP_SYS(syslog),
                        SCMP_SYS(acct),
                        SCMP_SYS(quotactl),
                        SCMP_SYS(uselib),
                        SCMP_SYS(personality),
                        SCMP_SYS(swapon),
                        SCMP_SYS(swapoff),
                        SCMP_SYS(reboot),
                        SCMP_SYS(fsopen),
                        SCMP_SYS(fsmount),
                        SCMP_SYS(move_mount),
                        SCMP_SYS(open_tree),
                        SCMP_SYS(mount_setattr)})
        deny(syscall);
    // No nested user namespaces: they would give the agent capabilities over new namespaces.
    failures += seccomp_rule_add(ctx, eperm, SCMP_SYS(unshare), 1,
                                 SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER)) != 0;
    failures += seccomp_rule_add(ctx, eperm, SCMP_SYS(clone), 1,
                                 SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER)) != 0;
    // clone3 passes its flags in memory, which seccomp cannot read: ENOSYS makes libc fall back to clone.
    failures += seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) != 0;
    // Typing into the terminal around the sandbox.
    for (scmp_datum_t request : {scmp_datum_t(TIOCSTI), scmp_datum_t(TIOCLINUX)})
        failures += seccomp_rule_add(ctx, eperm, SCMP_SYS(ioctl), 1,
                                     SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, request)) != 0;
    // Socket families: no packet sockets, vsock or exotic protocols. Netlink stays: getifaddrs() (Node.js,
    // ip) needs it, and in a network namespace with only loopback it changes nothing outside.
    for (int family : {AF_PACKET, AF_VSOCK, AF_BLUETOOTH, AF_ALG, AF_KEY, AF_APPLETALK, AF_X25, AF_AX25,
                       AF_IPX, AF_NETROM, AF_ROSE, AF_DECnet, AF_RDS, AF_TIPC, AF_CAN, AF_XDP})
        failures += seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                                     SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(family))) != 0;
    if (failures > 0)
        return {};
    const int fd = memfd_create("paddock-seccomp-build", MFD_CLOEXEC);
    QByteArray program;
    if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
        program.resize(qsizetype(lseek(fd, 0, SEEK_END)));
        if (pread(fd, program.data(), size_t(program.size()), 0) != program.size())
            program.clear();
    }
    if (fd >= 0)
        close(fd);
    return program;
}

} // namespace

Core::Result<int> SeccompFilter::compileToFd()
{
    // Compiled once per process (a start of a sandbox should not pay for it); each sandbox gets its own copy.
    static const QByteArray program = compileProgram();
    if (program.isEmpty())
        return std::unexpected(
            Core::Error{Core::ErrorCode::Internal, tr("Could not build the sandbox's system call filter.")});
    const int fd = memfd_create("paddock-seccomp", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return std::unexpected(
            Core::Error{Core::ErrorCode::Internal, tr("Could not store the sandbox's system call filter: %1.")
                                                       .arg(QString::fromLocal8Bit(strerror(errno)))});
    if (write(fd, program.constData(), size_t(program.size())) != program.size() ||
        lseek(fd, 0, SEEK_SET) != 0 ||
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        close(fd);
        return std::unexpected(
            Core::Error{Core::ErrorCode::Internal, tr("Could not export the sandbox's system call filter.")});
    }
    return fd;
}

} // namespace Paddock::Vm

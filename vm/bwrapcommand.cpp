#include "vm/bwrapcommand.h"

#include "core/agentlaunch.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

QMap<QString, QString> BwrapCommand::baseEnvironment(const QString &term)
{
    const QString proxy = u"http://127.0.0.1:%1"_s.arg(proxyPort);
    QMap<QString, QString> environment{
        {u"PATH"_s, QLatin1StringView(Core::agentToolsBin) +
                        u":/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"_s},
        {u"HOME"_s, u"/home/agent"_s},
        {u"USER"_s, u"agent"_s},
        {u"LOGNAME"_s, u"agent"_s},
        {u"SHELL"_s, u"/bin/bash"_s},
        {u"LANG"_s, u"C.UTF-8"_s},
        {u"TERM"_s, term.isEmpty() ? u"xterm-256color"_s : term},
        {u"PADDOCK_SANDBOX"_s, u"1"_s},
        // Every client library reads one of these spellings; npm and git have their own as well.
        {u"NO_PROXY"_s, u"localhost,127.0.0.1,::1"_s},
        {u"no_proxy"_s, u"localhost,127.0.0.1,::1"_s},
        {u"npm_config_proxy"_s, proxy},
        {u"npm_config_https_proxy"_s, proxy},
        {u"GIT_CONFIG_COUNT"_s, u"2"_s},
        {u"GIT_CONFIG_KEY_0"_s, u"http.proxy"_s},
        {u"GIT_CONFIG_VALUE_0"_s, proxy},
        {u"GIT_CONFIG_KEY_1"_s, u"safe.directory"_s},
        {u"GIT_CONFIG_VALUE_1"_s, u"/workspace"_s},
    };
    for (const QString &name : {u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s, u"ALL_PROXY"_s})
        environment.insert(name, proxy), environment.insert(name.toLower(), proxy);
    return environment;
}

QMap<QString, QByteArray> BwrapCommand::etcFiles()
{
    const QByteArray uid = QByteArray::number(sandboxUid);
    return {
        {u"passwd"_s,
         "root:x:0:0:root:/root:/usr/sbin/nologin\nagent:x:" + uid + ':' + uid +
             ":Paddock agent:/home/agent:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/"
             "nologin\n"},
        {u"group"_s, "root:x:0:\nagent:x:" + uid + ":\nnogroup:x:65534:\n"},
        {u"hosts"_s, "127.0.0.1 localhost paddock\n::1 localhost\n"},
    };
}

QStringList BwrapCommand::arguments(const NamespaceSandboxSpec &spec)
{
    QStringList args{
        u"--unshare-user"_s,
        u"--unshare-ipc"_s,
        u"--unshare-pid"_s,
        u"--unshare-net"_s,
        u"--unshare-uts"_s,
        u"--unshare-cgroup-try"_s,
        u"--die-with-parent"_s,
        u"--cap-drop"_s,
        u"ALL"_s,
        u"--uid"_s,
        QString::number(sandboxUid),
        u"--gid"_s,
        QString::number(sandboxUid),
        u"--hostname"_s,
        u"paddock"_s,
        u"--ro-bind"_s,
        u"/usr"_s,
        u"/usr"_s,
    };
    // Merged-/usr hosts have /bin etc. as symlinks into /usr; older layouts have real directories.
    for (const QString &top : {u"/bin"_s, u"/sbin"_s, u"/lib"_s, u"/lib32"_s, u"/lib64"_s, u"/libx32"_s}) {
        const QFileInfo info(top);
        if (info.isSymLink())
            args << u"--symlink"_s << info.symLinkTarget().replace(u"/usr/"_s, u"usr/"_s) << top;
        else if (info.isDir())
            args << u"--ro-bind"_s << top << top;
    }
    args << u"--proc"_s << u"/proc"_s << u"--dev"_s << u"/dev"_s << u"--tmpfs"_s << u"/tmp"_s << u"--tmpfs"_s
         << u"/run"_s << u"--dir"_s << u"/var/tmp"_s << u"--tmpfs"_s << u"/home"_s << u"--tmpfs"_s
         << u"/root"_s;
    // /etc: only what programs need to work, never the host's users, keys or configuration.
    args << u"--dir"_s << u"/etc"_s;
    for (const QString &path :
         {u"/etc/ssl"_s, u"/etc/ca-certificates"_s, u"/etc/alternatives"_s, u"/etc/ld.so.cache"_s,
          u"/etc/localtime"_s, u"/etc/nsswitch.conf"_s, u"/etc/bash.bashrc"_s, u"/etc/profile"_s,
          u"/etc/inputrc"_s, u"/etc/mime.types"_s})
        args << u"--ro-bind-try"_s << path << path;
    if (!spec.etcDirectory.isEmpty()) {
        for (const QString &name : etcFiles().keys())
            args << u"--ro-bind"_s << QDir(spec.etcDirectory).filePath(name) << u"/etc/"_s + name;
    }
    // SECURITY: certificates only, never a key; the sandbox trusts Paddock's CA for the hosts it intercepts.
    if (!spec.trustBundle.isEmpty()) {
        args << u"--ro-bind"_s << spec.trustBundle << QString::fromLatin1(trustBundleInSandbox);
        if (spec.systemBundle.startsWith(u"/etc/ssl/"_s) && QFileInfo::exists(spec.systemBundle))
            args << u"--ro-bind"_s << spec.trustBundle << spec.systemBundle;
    }
    if (!spec.caCertificate.isEmpty())
        args << u"--ro-bind"_s << spec.caCertificate << QString::fromLatin1(caCertificateInSandbox);
    if (spec.home.isEmpty())
        args << u"--dir"_s << u"/home/agent"_s;
    else
        args << u"--bind"_s << spec.home << u"/home/agent"_s;
    args << u"--bind"_s << spec.workspace << u"/workspace"_s << u"--chdir"_s << u"/workspace"_s;
    args << u"--dir"_s << u"/run/paddock"_s;
    const bool agent = spec.agentFd >= 0;
    if (!spec.proxySocket.isEmpty() && !agent)
        args << u"--ro-bind"_s << spec.proxySocket << u"/run/paddock/proxy.sock"_s;
    args << u"--ro-bind"_s << spec.guestBinary << u"/run/paddock/paddock-guest"_s;
    if (spec.seccompFd >= 0)
        args << u"--seccomp"_s << QString::number(spec.seccompFd);
    // Without a terminal of its own, a sandbox must not share the caller's: TIOCSTI could type into it.
    if (!spec.ownTerminal)
        args << u"--new-session"_s;
    args << u"--clearenv"_s;
    QMap<QString, QString> environment = baseEnvironment(spec.environment.value(u"TERM"_s));
    environment.insert(spec.environment);
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        args << u"--setenv"_s << it.key() << it.value();
    args << u"--"_s << u"/run/paddock/paddock-guest"_s;
    if (agent) {
        args << u"agent"_s << u"--fd"_s << QString::number(spec.agentFd) << u"--port"_s
             << QString::number(proxyPort);
        if (spec.selfTest)
            args << u"--self-test"_s;
        return args;
    }
    args << u"run"_s;
    if (!spec.proxySocket.isEmpty())
        args << u"--proxy-socket"_s << u"/run/paddock/proxy.sock"_s << u"--port"_s
             << QString::number(proxyPort);
    if (!spec.proxySocket.isEmpty() && spec.selfTest)
        args << u"--self-test"_s;
    args << u"--"_s << spec.command;
    return args;
}

} // namespace Paddock::Vm

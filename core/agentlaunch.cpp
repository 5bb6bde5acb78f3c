#include "core/agentlaunch.h"

using namespace Qt::StringLiterals;

namespace Paddock::Core {

QString shellQuoted(const QStringList &words)
{
    QStringList quoted;
    for (QString word : words)
        quoted << u'\'' + word.replace(u"'"_s, u"'\\''"_s) + u'\'';
    return quoted.join(u' ');
}

QStringList agentSessionArguments(const AgentTemplate &agent)
{
    if (agent.installNpm.isEmpty() && agent.installCommand.isEmpty())
        return agent.launchArguments();
    // The npm cache goes to /tmp: a package is fetched once per sandbox, and the home stays small.
    const QString install =
        agent.installNpm.isEmpty()
            ? shellQuoted(agent.installCommand)
            : u"npm install --global --prefix \"$HOME/.local\" --no-audit --no-fund --no-update-notifier "
              u"--cache /tmp/paddock-npm-cache -- "_s +
                  shellQuoted({agent.installNpm});
    const QString what = agent.installNpm.isEmpty() ? agent.name : agent.installNpm;
    const QString installing =
        AgentTemplate::tr("Paddock: installing %1 in this sandbox (first use)…").arg(what);
    const QString failed =
        AgentTemplate::tr("Paddock: installing %1 failed. If the network log shows a refused "
                          "request, allow that host in the sandbox's policy and start the "
                          "agent again. Exit code:")
            .arg(what);
    // The marker holds the install line, so a template whose install changes installs again.
    const QString script = uR"SH(tools="$HOME/.local"
marker="$tools/share/paddock/installed-%1"
want=%2
if [ "$(cat "$marker" 2>/dev/null)" != "$want" ]; then
  printf '%s\n' %3
  mkdir -p "$tools/bin" "$tools/share/paddock" && %4
  status=$?
  if [ "$status" -ne 0 ]; then
    printf '%s %s\n' %5 "$status" >&2
    exit 127
  fi
  printf '%s\n' "$want" > "$marker"
fi
PATH="$tools/bin:$PATH" exec "$@"
)SH"_s.arg(agent.id, shellQuoted({install}), shellQuoted({installing}), install, shellQuoted({failed}));
    return QStringList{u"/bin/sh"_s, u"-c"_s, script, u"paddock-agent"_s} + agent.launchArguments();
}

} // namespace Paddock::Core

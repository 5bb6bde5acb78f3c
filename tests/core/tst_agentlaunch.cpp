// Starting a template's agent: the install on first use, run by a real shell in a private HOME.
#include "core/agentlaunch.h"

#include "testsupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// What a session would run, with HOME in home.
Run runSession(const QStringList &arguments, const QString &home)
{
    QProcess process;
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home);
    environment.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(home);
    process.start(arguments.first(), arguments.mid(1));
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// A tool "installed" by a command that counts its runs in $HOME/installs.
AgentTemplate toolTemplate(const QString &extra = {})
{
    AgentTemplate agent;
    agent.id = u"tool"_s;
    agent.name = u"The tool"_s;
    agent.installCommand = {u"sh"_s, u"-c"_s,
                            u"echo run >> \"$HOME/installs\"; printf '#!/bin/sh\\necho \"tool:$*\"\\n' > "
                            u"\"$HOME/.local/bin/mytool\" "
                            u"&& chmod +x \"$HOME/.local/bin/mytool\""_s +
                                extra};
    agent.command = {u"mytool"_s};
    agent.yoloFlags = {u"--it's yolo"_s, u"$HOME"_s};
    return agent;
}

int installsIn(const QString &home)
{
    QFile file(home + u"/installs"_s);
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
}

} // namespace

class TestAgentLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutInstallTheAgentRunsAsIs()
    {
        AgentTemplate agent;
        agent.command = {u"bash"_s, u"-l"_s};
        agent.yoloFlags = {u"--yes"_s};
        QCOMPARE(agentSessionArguments(agent), (QStringList{u"bash"_s, u"-l"_s, u"--yes"_s}));
    }

    void installsOnFirstUseThenOnlyRuns()
    {
        QTemporaryDir home;
        const Run first = runSession(agentSessionArguments(toolTemplate()), home.path());
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(first.out.contains(u"installing The tool in this sandbox (first use)"_s));
        // The agent gets its flags as they are: no word splitting, no expansion.
        QVERIFY2(first.out.contains(u"tool:--it's yolo $HOME\n"_s), qPrintable(first.out));
        QCOMPARE(installsIn(home.path()), 1);

        const Run second = runSession(agentSessionArguments(toolTemplate()), home.path());
        QCOMPARE(second.exitCode, 0);
        QVERIFY(!second.out.contains(u"installing"_s));
        QVERIFY(second.out.contains(u"tool:--it's yolo $HOME\n"_s));
        QCOMPARE(installsIn(home.path()), 1);
    }

    void aChangedInstallInstallsAgain()
    {
        QTemporaryDir home;
        QCOMPARE(runSession(agentSessionArguments(toolTemplate()), home.path()).exitCode, 0);
        const Run changed = runSession(agentSessionArguments(toolTemplate(u" # 2.0"_s)), home.path());
        QCOMPARE(changed.exitCode, 0);
        QVERIFY(changed.out.contains(u"installing"_s));
        QCOMPARE(installsIn(home.path()), 2);
    }

    void aFailedInstallSaysSoRunsNothingAndRetries()
    {
        QTemporaryDir home;
        AgentTemplate agent = toolTemplate();
        agent.installCommand = {u"sh"_s, u"-c"_s, u"echo run >> \"$HOME/installs\"; exit 3"_s};
        agent.command = {u"sh"_s, u"-c"_s, u"echo agent-ran"_s};
        agent.yoloFlags.clear();
        const Run failed = runSession(agentSessionArguments(agent), home.path());
        QCOMPARE(failed.exitCode, 127);
        QVERIFY2(failed.err.contains(u"installing The tool failed"_s) &&
                     failed.err.contains(u"Exit code: 3"_s),
                 qPrintable(failed.err));
        QVERIFY(!failed.out.contains(u"agent-ran"_s));
        QCOMPARE(runSession(agentSessionArguments(agent), home.path()).exitCode, 127);
        QCOMPARE(installsIn(home.path()), 2); // no marker was left, so it tried again
    }

    void npmInstallsIntoTheHome()
    {
        AgentTemplate agent;
        agent.id = u"claude"_s;
        agent.installNpm = u"@anthropic-ai/claude-code"_s;
        agent.command = {u"claude"_s};
        const QStringList arguments = agentSessionArguments(agent);
        QCOMPARE(arguments.mid(3), (QStringList{u"paddock-agent"_s, u"claude"_s}));
        QVERIFY(arguments.at(2).contains(
            u"npm install --global --prefix \"$HOME/.local\" --no-audit --no-fund --no-update-notifier "
            u"--cache /tmp/paddock-npm-cache -- '@anthropic-ai/claude-code'"_s));
    }

    void quotesForTheShell()
    {
        QCOMPARE(shellQuoted({u"a b"_s, u"it's"_s, u"$x"_s}), u"'a b' 'it'\\''s' '$x'"_s);
    }
};

QTEST_GUILESS_MAIN(TestAgentLaunch)
#include "tst_agentlaunch.moc"

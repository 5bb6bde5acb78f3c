#pragma once

// Helpers for tests that run the real paddock binary as a user does.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace Paddock::Test {

// What one run of the binary left: its exit code (-1 if it crashed or hung) and what it printed.
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs $PADDOCK_BINARY with the input (and environment, if given); beforeInput sees its pid before the input.
inline Run paddock(const QStringList &args, const QByteArray &input = {},
                   const QProcessEnvironment &environment = {},
                   const std::function<void(qint64)> &beforeInput = {}, int timeoutMs = 60000)
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("PADDOCK_BINARY"), args);
    if (!process.waitForStarted())
        return {};
    if (beforeInput)
        beforeInput(process.processId());
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace Paddock::Test

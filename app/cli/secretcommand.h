#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock secret set NAME | ls | rm NAME`: the API keys in the system keychain that the proxy injects. A
// value is read from standard input (without echo on a terminal), never from the command line.
class SecretCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::SecretCommand)

public:
    explicit SecretCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("secret"); }
    QString summary() const override { return tr("Set, list or remove the API keys in the keychain."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    int set(const QStringList &args, CliIo &io);
    int list(const QStringList &args, CliIo &io);
    int remove(const QStringList &args, CliIo &io);

    const Core::Paths &m_paths;
};

} // namespace Paddock::App

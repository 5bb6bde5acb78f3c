#include "app/cli/proxycommand.h"

#include "core/policy.h"
#include "core/policyfile.h"
#include "core/presetcatalog.h"
#include "proxy/auditlog.h"
#include "proxy/certificateauthority.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

QString formatEvent(const Proxy::DecisionEvent &e)
{
    //: One request in `paddock policy log`: time, verdict, sandbox, method, host:port/path, [rule], bytes
    //: sent and received.
    return ProxyCommand::tr("%1  %2  %3  %4 %5:%6%7  [%8]  up %9 B, down %10 B")
        .arg(e.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
             Proxy::DecisionEvent::verdictName(e.verdict).toUpper().leftJustified(5), e.sandbox, e.method,
             e.host)
        .arg(e.port)
        .arg(e.path, e.rule)
        .arg(e.bytesUp)
        .arg(e.bytesDown);
}

} // namespace

int ProxyCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption listen(
        u"listen"_s, tr("Where to listen: HOST:PORT (port 0 picks one) or unix:PATH."), u"ADDRESS"_s);
    const QCommandLineOption policyOption(u"policy"_s,
                                          tr("A preset (open, balanced, locked-down) or a policy file."),
                                          u"PRESET|FILE"_s, PresetCatalog::defaultPresetId());
    const QCommandLineOption allow(u"allow"_s, tr("An extra allow rule (repeatable)."), u"RULE"_s);
    const QCommandLineOption deny(u"deny"_s, tr("An extra deny rule (repeatable)."), u"RULE"_s);
    const QCommandLineOption log(u"log"_s, tr("The JSON-lines audit log (default: the state folder)."),
                                 u"FILE"_s);
    const QCommandLineOption sandbox(u"sandbox"_s, tr("The name decisions are logged under."), u"NAME"_s,
                                     u"proxy"_s);
    const QCommandLineOption intercept(
        u"intercept"_s,
        tr("Open the TLS of allowed tunnels to these hosts and scan their requests (repeatable)."),
        u"HOST[:PORT]"_s);
    const QCommandLineOption caDirectory(
        u"ca"_s, tr("The CA folder for --intercept (default: Paddock's own)."), u"DIR"_s);
    const QCommandLineOption upstreamCa(
        u"upstream-ca"_s,
        tr("Trust only the certificates in this PEM file upstream (default: the system's)."), u"FILE"_s);
    parser.addOptions({listen, policyOption, allow, deny, intercept, caDirectory, upstreamCa, log, sandbox});
    if (auto exit = parseOrExit(parser, u"proxy"_s, args, io))
        return *exit;
    if (!parser.isSet(listen))
        return usageError(io, tr("'paddock proxy' needs --listen HOST:PORT or --listen unix:PATH."));

    Policy policy;
    const QString policyValue = parser.value(policyOption);
    if (PresetCatalog::ids().contains(policyValue)) {
        policy.setLayer(PolicyLayer::Preset, PresetCatalog::load(policyValue)->rules());
    } else if (QFileInfo::exists(policyValue)) {
        auto document = PolicyFile::load(policyValue);
        if (!document)
            return failure(io, document.error().message);
        if (!document->preset.isEmpty()) {
            auto preset = PresetCatalog::load(document->preset);
            if (!preset)
                return failure(io, preset.error().message);
            policy.setLayer(PolicyLayer::Preset, preset->rules());
        }
        policy.setLayer(PolicyLayer::Global, document->rules);
    } else {
        return usageError(io, tr("--policy %1 is neither a preset (%2) nor an existing file.")
                                  .arg(policyValue, PresetCatalog::ids().join(u", "_s)));
    }
    QList<PolicyRule> extra;
    for (const auto &[option, action] : {std::pair{&allow, u"allow "_s}, std::pair{&deny, u"deny "_s},
                                         std::pair{&intercept, u"intercept "_s}}) {
        for (const QString &text : parser.values(*option)) {
            auto rule = PolicyRule::parse(QString(action + text));
            if (!rule)
                return usageError(io, rule.error().message);
            extra.append(*rule);
        }
    }
    policy.setLayer(PolicyLayer::Sandbox, extra);

    Proxy::AuditLog audit(parser.isSet(log) ? parser.value(log) : m_paths.auditLogDir() + u"/audit.jsonl"_s);
    if (auto opened = audit.open(); !opened)
        return failure(io, opened.error().message);

    auto inspection = std::make_shared<Proxy::Inspection>();
    if (!policy.matcher()->interceptTargets().isEmpty()) {
        const QString directory = parser.isSet(caDirectory)
                                      ? parser.value(caDirectory)
                                      : Proxy::CertificateAuthority::defaultDirectory(m_paths);
        const auto keys = Proxy::CertificateAuthority::keyStoreFor(directory);
        auto ca = Proxy::CertificateAuthority::loadOrCreate(directory, *keys);
        if (!ca)
            return failure(io, ca.error().message);
        inspection->authority = std::make_shared<const Proxy::CertificateAuthority>(std::move(*ca));
        io.out << tr("Intercepting with the CA in %1").arg(inspection->authority->certificateFile()) << u'\n';
    }
    if (parser.isSet(upstreamCa)) {
        inspection->upstreamTrust = QSslCertificate::fromPath(parser.value(upstreamCa), QSsl::Pem);
        if (inspection->upstreamTrust.isEmpty())
            return usageError(io, tr("%1 holds no PEM certificate.").arg(parser.value(upstreamCa)));
    }

    Proxy::SystemResolver resolver;
    Proxy::ProxyServer server(resolver);
    inspection->scanner = server.defaultScanner();
    // Written on the proxy's threads, as SandboxHost does: queueing each decision to the main thread would
    // wake it once per request.
    QMutex auditMutex;
    QObject::connect(
        &server, &Proxy::ProxyServer::decided, &server,
        [&audit, &auditMutex](const Proxy::DecisionEvent &event) {
            QMutexLocker lock(&auditMutex);
            audit.append(event);
        },
        Qt::DirectConnection);
    const QString where = parser.value(listen);
    const QString name = parser.value(sandbox);
    if (where.startsWith("unix:"_L1)) {
        if (auto listening = server.listenUnix(name, where.mid(5), policy.matcher()); !listening)
            return failure(io, listening.error().message);
        server.setInspection(name, inspection);
        io.out << tr("Listening on %1").arg(where) << u'\n';
    } else {
        const auto authority = HostCanonicalizer::canonicalizeAuthority(where);
        const quint16 port = where.endsWith(":0"_L1) ? 0 : authority ? authority->port.value_or(0) : 0;
        const QString hostText = where.left(where.lastIndexOf(u':'));
        const auto host = HostCanonicalizer::canonicalizeHost(hostText);
        if (!host || !host->isIpLiteral() || !where.contains(u':'))
            return usageError(io, tr("--listen needs an IP address and a port, such as 127.0.0.1:3128."));
        auto listening = server.listenTcp(name, host->address, port, policy.matcher());
        if (!listening)
            return failure(io, listening.error().message);
        server.setInspection(name, inspection);
        io.out << tr("Listening on %1:%2").arg(host->authorityHost()).arg(*listening) << u'\n';
    }
    io.out.flush();
    return QCoreApplication::exec();
}

int ProxyCommand::printLog(const Paths &paths, const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption follow({u"f"_s, u"follow"_s}, tr("Keep printing new decisions as they happen."));
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Only this sandbox's decisions."), u"NAME"_s);
    const QCommandLineOption file(u"file"_s, tr("Read this audit log instead of the default one."),
                                  u"FILE"_s);
    parser.addOptions({follow, sandbox, file});
    if (auto exit = parseOrExit(parser, u"policy log"_s, args, io))
        return *exit;
    const QString path = parser.isSet(file) ? parser.value(file) : paths.auditLogDir() + u"/audit.jsonl"_s;
    const QString only = parser.value(sandbox);
    auto offset = std::make_shared<qint64>(0);
    const auto printNew = [&io, path, only, offset] {
        QFile log(path);
        if (!log.open(QIODevice::ReadOnly))
            return;
        if (log.size() < *offset)
            *offset = 0; // rotated
        log.seek(*offset);
        QByteArray data = log.readAll();
        const qsizetype lastNewline = data.lastIndexOf('\n');
        data = data.left(lastNewline + 1); // a half-written line waits for the next round
        *offset += data.size();
        for (const Proxy::DecisionEvent &event : Proxy::AuditLog::parse(data)) {
            if (only.isEmpty() || event.sandbox == only)
                io.out << formatEvent(event) << u'\n';
        }
        io.out.flush();
    };
    if (!QFileInfo::exists(path) && !parser.isSet(follow)) {
        io.out << tr("No decisions logged yet (%1).").arg(path) << u'\n';
        io.out.flush();
        return ExitOk;
    }
    printNew();
    if (!parser.isSet(follow))
        return ExitOk;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, printNew);
    timer.start(250);
    return QCoreApplication::exec();
}

} // namespace Paddock::App

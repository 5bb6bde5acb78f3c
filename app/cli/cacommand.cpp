#include "app/cli/cacommand.h"

#include "app/host/controlclient.h"
#include "proxy/certificateauthority.h"

#include <QFileInfo>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace Paddock::App {

int CaCommand::run(const QStringList &args, CliIo &io)
{
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == "show"_L1)
        return show(io);
    if (sub == "reset"_L1)
        return reset(args.mid(1), io);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        io.out << tr("Usage: paddock ca [show | reset --yes]") << u"\n\n"_s << u"  show          "_s
               << tr("Where Paddock's CA is, its fingerprint and expiry.") << u'\n' << u"  reset --yes   "_s
               << tr("Make a new CA in its place; programs that trusted the old one need the new one.")
               << u'\n';
        io.out.flush();
        return ExitOk;
    }
    return usageError(io, tr("unknown ca command '%1'.").arg(sub));
}

int CaCommand::show(CliIo &io)
{
    const QString directory = Proxy::CertificateAuthority::defaultDirectory(m_paths);
    const QString file = Proxy::CertificateAuthority::certificateFile(directory);
    if (!QFileInfo::exists(file)) {
        io.out
            << tr("There is no CA yet: Paddock makes one when the first sandbox that needs TLS interception "
                  "starts.")
            << u'\n';
        io.out.flush();
        return ExitOk;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(file, QSsl::Pem);
    if (certificates.size() != 1)
        return failure(io, tr("%1 does not hold one certificate; see docs/interception.md.").arg(file));
    const QSslCertificate &ca = certificates.first();
    const QByteArray fingerprint = ca.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    // With the certificate present this only looks for the key file: no keychain is asked.
    const auto keys = Proxy::CertificateAuthority::keyStoreFor(directory);
    io.out << tr("Certificate: %1").arg(file) << u'\n' << tr("Subject:     %1").arg(ca.subjectDisplayName())
           << u'\n' << tr("SHA-256:     %1").arg(QString::fromLatin1(fingerprint)) << u'\n'
           << tr("Valid until: %1").arg(ca.expiryDate().toLocalTime().toString(u"yyyy-MM-dd"_s)) << u'\n'
           << tr("Key:         %1")
                  .arg(keys->kind() == Proxy::CaKeyStore::Kind::File
                           ? tr("in %1 (no keychain answered when it was made)").arg(keys->location({}))
                           : tr("in the keychain (service \"%1\")")
                                 .arg(QLatin1StringView(Proxy::CaKeyStore::keychainService)))
           << u'\n';
    io.out.flush();
    return ExitOk;
}

int CaCommand::reset(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption yes(u"yes"_s, tr("Really replace the CA."));
    parser.addOption(yes);
    if (auto exit = parseOrExit(parser, u"ca reset"_s, args, io))
        return *exit;
    if (!parser.isSet(yes))
        return usageError(io,
                          tr("'paddock ca reset' replaces the CA, and every program that trusted the old one "
                             "must be given the new one; run it with --yes to go ahead."));
    // The process that hosts sandboxes keeps the CA it loaded; it must not mint with one that is gone.
    if (ControlClient::connectToHost(m_paths))
        return failure(
            io, tr("Paddock is hosting sandboxes; quit it (or stop 'paddock serve') first, then reset."));
    const QString directory = Proxy::CertificateAuthority::defaultDirectory(m_paths);
    const auto keys = Proxy::CertificateAuthority::keyStoreFor(directory);
    const auto made = Proxy::CertificateAuthority::regenerate(directory, *keys);
    if (!made)
        return failure(io, made.error().message);
    io.out << tr("Made a new CA: %1").arg(made->certificateFile()) << u'\n'
           << tr("Sandboxes started from now on trust it. Programs on this computer that trusted the old one "
                 "need the new certificate (see docs/interception.md).")
           << u'\n';
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App

#pragma once

// What the microVM benchmarks share: the guest image, built (or found) under a private XDG home so that a
// bench's sandboxes and image never mix with the user's, its downloads kept in cache; and percentiles.
#include "core/paths.h"
#include "vm/cpioarchive.h"
#include "vm/guestimage.h"
#include "vm/sandboxmanager.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace Paddock::Bench {

inline std::optional<Vm::GuestImage> buildGuestImage(const QTemporaryDir &home, const QString &cache)
{
    for (const char *variable : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
        qputenv(variable, QDir(home.path()).filePath(QString::fromLatin1(variable)).toUtf8());
    Vm::GuestImageOptions options;
    options.workDirectory = cache + QStringLiteral("/downloads");
    options.outputDirectory =
        Vm::SandboxManager::guestImageDirectory(Core::Paths(QProcessEnvironment::systemEnvironment()));
    options.guestBinary = Vm::defaultGuestBinary();
    // A kernel of one's own (bench/guest-kernel.sh builds one) instead of Debian's.
    options.kernelFile = qEnvironmentVariable("PADDOCK_BENCH_KERNEL");
    const auto image = Vm::GuestImageBuilder::build(options);
    if (!image) {
        std::fprintf(stderr, "%s\n", qPrintable(image.error().message));
        return std::nullopt;
    }
    // The shell script that was /init before paddock-guest booted machines itself (bench/guest-init.sh). A
    // second archive after the image's: the kernel unpacks both, and the later /init replaces the link.
    if (const QString script = qEnvironmentVariable("PADDOCK_BENCH_INIT_SCRIPT"); !script.isEmpty()) {
        QFile scriptFile(script), initrd(image->initrd);
        if (!scriptFile.open(QIODevice::ReadOnly) || !initrd.open(QIODevice::Append)) {
            std::fprintf(stderr, "cannot read %s or append to %s\n", qPrintable(script),
                         qPrintable(image->initrd));
            return std::nullopt;
        }
        Vm::CpioArchive archive;
        archive.addFile(QStringLiteral("init"), scriptFile.readAll(), 0755);
        initrd.write(archive.finish());
    }
    return *image;
}

inline double percentile(std::vector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    return values.empty()
               ? 0
               : values[std::min(values.size() - 1, std::size_t(fraction * double(values.size())))];
}

} // namespace Paddock::Bench

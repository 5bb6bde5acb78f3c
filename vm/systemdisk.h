#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace Paddock::Vm {

// A microVM's own system disk: a qcow2 overlay over the guest image's root, which every machine shares
// read-only. What the agent installs outside /workspace and its home lands here and stays between starts.
class SystemDisk
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::SystemDisk)

public:
    enum class Prepared {
        Kept,   // the overlay was there, over this root
        Made,   // the machine's first start
        Remade, // it was over another root (the image was rebuilt): the machine's system starts afresh
    };

    // The file a qcow2 image is layered on, read from its header; empty when it is not a qcow2 image or
    // has none.
    static QString backingFileOf(const QString &path);
    // The qemu-img that makes overlays; empty when it is not installed.
    static QString findQemuImg();
    // Makes path an overlay over root unless it is one already.
    static Core::Result<Prepared> prepare(const QString &path, const QString &root);
};

} // namespace Paddock::Vm

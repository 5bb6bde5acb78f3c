#pragma once
// paddock-guest as a microVM's /init (PID 1): the boot a shell script did, without a process per step, which
// under emulation costs a tenth of a second and more. Mounts the kernel's file systems, loads the image's
// modules, mounts the machine's disks and shares, and moves into the machine's root.

namespace Paddock::Guest {

// Returns when the agent is to start, in the machine's root (or in the initramfs's, with busybox's tools,
// when there is none); a smoke boot powers off and an idle one waits, without returning.
void bootMachine();

} // namespace Paddock::Guest

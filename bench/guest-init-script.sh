#!/bin/busybox sh
# Paddock's microVM init until image format 8, kept for bench/guest-init.sh to compare with paddock-guest as
# /init (vm/guest/guestinit.cpp): mounts, loads the guest's modules, then hands the machine to paddock-guest.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /home/agent /root
mount -t devpts -o mode=0620,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /tmp
cmdline=" $(cat /proc/cmdline) "
while read -r wanted module; do
    case "$wanted $cmdline" in always*|*" paddock.$wanted "*) ;; *) continue ;; esac
    insmod "/lib/modules/$module" || echo "paddock-init: $module did not load"
done < /etc/paddock-modules
read -r uptime idle < /proc/uptime; echo "paddock-init: modules loaded at ${uptime}s"
ip link set lo up
hostname paddock
case " $(cat /proc/cmdline) " in
*" paddock.smoke "*)
    echo "PADDOCK-GUEST-BOOTED kernel=$(uname -r) ports=$(cat /sys/class/virtio-ports/*/name 2>/dev/null)"
    poweroff -f ;;
*" paddock.idle "*)
    echo "PADDOCK-GUEST-IDLE"
    while :; do sleep 3600; done ;;
esac
root=
case " $(cat /proc/cmdline) " in
*" paddock.root "*)
    # The machine's own system disk, over the image's root: what the agent installs stays between starts.
    # noinit_itable: the image's inode tables were left for the kernel to zero, which would fill the disk.
    mkdir -p /newroot
    if mount -t ext4 -o noinit_itable /dev/vda /newroot; then
        root=/newroot
        mount -t tmpfs -o mode=1777 tmpfs /newroot/tmp
        mount -t tmpfs -o mode=0755 tmpfs /newroot/run
        mkdir -p /newroot/run/paddock
        cp /bin/paddock-guest /newroot/run/paddock/paddock-guest
    else
        echo "paddock-init: the root file system could not be mounted; busybox only"
    fi ;;
esac
case " $(cat /proc/cmdline) " in
*" paddock.virtiofs "*)
    mount -t virtiofs workspace $root/workspace || echo "paddock-init: the workspace could not be mounted" ;;
*" paddock.workspace "*)
    mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288,access=any workspace $root/workspace ||
        echo "paddock-init: the workspace could not be mounted" ;;
*" paddock.workspacedisk "*)
    mount -t ext4 -o noinit_itable /dev/vdb $root/workspace || echo "paddock-init: the workspace disk could not be mounted" ;;
esac
case " $(cat /proc/cmdline) " in
*" paddock.homedisk "*)
    # The disk after the root and the workspace's: the agent's home, kept between starts.
    home=/dev/vdb
    case " $(cat /proc/cmdline) " in *" paddock.workspacedisk "*) home=/dev/vdc ;; esac
    mkdir -p $root/home/agent
    mount -t ext4 -o noinit_itable $home $root/home/agent || echo "paddock-init: the home disk could not be mounted" ;;
esac
read -r uptime idle < /proc/uptime; echo "paddock-init: file systems mounted at ${uptime}s"
if [ -n "$root" ]; then
    for fs in proc sys dev; do mount -o move /$fs $root/$fs; done
    exec switch_root $root /run/paddock/paddock-guest agent --port-name org.paddock.agent --self-test
fi
exec /bin/paddock-guest agent --port-name org.paddock.agent --self-test

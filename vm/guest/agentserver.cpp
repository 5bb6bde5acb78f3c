#include "agentserver.h"

#include "agentprotocol.h"
#include "guestsupport.h"
#include "listeningports.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace Paddock::Guest {

namespace {

using namespace Agent;
using Clock = std::chrono::steady_clock;

constexpr std::size_t linkBacklogLimit = 1024 * 1024; // frames waiting for the link: stop reading outputs
constexpr std::size_t exitDrainLimit = 128 * 1024;    // per stream; the host allows 256 KiB over the credit
constexpr auto hangUpGrace = std::chrono::seconds(3);
constexpr auto portScanInterval = std::chrono::seconds(2);

void setNonBlocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

void closeIfOpen(int &fd)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

class AgentServer
{
public:
    explicit AgentServer(const AgentOptions &options)
        : m_options(options)
    {}
    int run();

private:
    struct Channel
    {
        bool session = false;
        int input = -1;  // where the host's Data goes: stdin, the PTY, the connection
        int output = -1; // read into Data: stdout, the PTY, the connection
        int errors = -1; // read into ErrorData
        bool terminal = false;
        pid_t pid = 0;
        std::string pendingInput;
        bool inputEnded = false;  // the host sent EndOfData
        bool outputEnded = false; // this side sent EndOfData
        std::uint32_t unacknowledged = 0;
        bool connecting = false; // a forwarder connection waiting for Connected
        bool closed = false;     // the host closed it; only waiting for the process to end
        Clock::time_point killAt{};
    };

    void send(FrameType type, std::uint32_t channel, const std::string &payload = {});
    void fail(std::uint32_t channel, const std::string &why);
    void handle(const Frame &frame);
    void open(std::uint32_t id, const std::string &payload);
    void readOutput(std::uint32_t id, Channel &channel, int fd, FrameType type, bool ignoreCredit);
    void writeInput(std::uint32_t id, Channel &channel);
    void finishStream(std::uint32_t id, Channel &channel);
    void hangUp(Channel &channel);
    void reap();
    void exited(pid_t pid, int code);
    void acceptConnection();
    void scanPorts();
    void shutdown();
    bool flushLink(bool wait);

    AgentOptions m_options;
    FrameDecoder m_decoder;
    std::string m_outgoing;
    std::map<std::uint32_t, Channel> m_channels;
    std::uint32_t m_nextGuestChannel = 1;
    int m_listener = -1;
    int m_signals = -1;
    int m_selfTestPipe[2] = {-1, -1};
    bool m_greeted = false;
    bool m_running = true;
    std::set<int> m_ports;
    Clock::time_point m_nextPortScan{};
};

void AgentServer::send(FrameType type, std::uint32_t channel, const std::string &payload)
{
    m_outgoing += encodeFrame(type, channel, payload);
}

void AgentServer::fail(std::uint32_t channel, const std::string &why)
{
    send(FrameType::Failed, channel, why);
}

bool AgentServer::flushLink(bool wait)
{
    while (!m_outgoing.empty()) {
        const ssize_t n = write(m_options.link, m_outgoing.data(), m_outgoing.size());
        if (n > 0) {
            m_outgoing.erase(0, std::size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            if (!wait)
                return true;
            pollfd out{m_options.link, POLLOUT, 0};
            if (poll(&out, 1, 1000) <= 0)
                return false;
            continue;
        }
        return false;
    }
    return true;
}

void AgentServer::open(std::uint32_t id, const std::string &payload)
{
    const auto size = decodeSize(payload);
    const auto request = size ? decodeRequest(payload.substr(4)) : std::nullopt;
    if (!request || request->kind != "exec" || (id & guestChannelBit) || id == 0 || m_channels.count(id))
        return fail(id, "malformed session request");
    Channel channel;
    channel.session = true;
    channel.terminal = request->terminal;
    std::vector<int> descriptors;
    std::vector<int> theirs; // the child's ends, closed here once it has them
    if (request->terminal) {
        const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        const char *name =
            master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0 ? ptsname(master) : nullptr;
        const int slave = name ? ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
        if (slave < 0) {
            if (master >= 0)
                close(master);
            return fail(id, std::string("cannot open a terminal: ") + std::strerror(errno));
        }
        const winsize window{size->first, size->second, 0, 0};
        ioctl(master, TIOCSWINSZ, &window);
        channel.input = channel.output = master;
        descriptors = {slave, slave, slave};
        theirs = {slave};
    } else {
        int in[2], out[2], err[2];
        if (pipe2(in, O_CLOEXEC) != 0)
            return fail(id, std::string("pipe: ") + std::strerror(errno));
        if (pipe2(out, O_CLOEXEC) != 0) {
            close(in[0]), close(in[1]);
            return fail(id, std::string("pipe: ") + std::strerror(errno));
        }
        if (pipe2(err, O_CLOEXEC) != 0) {
            close(in[0]), close(in[1]), close(out[0]), close(out[1]);
            return fail(id, std::string("pipe: ") + std::strerror(errno));
        }
        channel.input = in[1];
        channel.output = out[0];
        channel.errors = err[0];
        descriptors = {in[0], out[1], err[1]};
        theirs = descriptors;
    }
    const pid_t pid = startSession(*request, descriptors);
    for (int fd : theirs)
        close(fd);
    if (pid < 0) {
        closeIfOpen(channel.input), closeIfOpen(channel.output), closeIfOpen(channel.errors);
        return fail(id, std::string("fork: ") + std::strerror(errno));
    }
    for (int fd : {channel.input, channel.output, channel.errors})
        if (fd >= 0)
            setNonBlocking(fd);
    channel.pid = pid;
    m_channels.emplace(id, std::move(channel));
    send(FrameType::Started, id, std::to_string(pid));
}

void AgentServer::hangUp(Channel &channel)
{
    channel.closed = true;
    closeIfOpen(channel.input), closeIfOpen(channel.output), closeIfOpen(channel.errors);
    channel.pendingInput.clear();
    kill(-channel.pid, SIGHUP);
    kill(-channel.pid, SIGCONT);
    channel.killAt = Clock::now() + hangUpGrace;
}

void AgentServer::handle(const Frame &frame)
{
    if (frame.type == FrameType::Hello) {
        if (frame.channel != 0 || frame.payload.rfind("paddock-agent ", 0) != 0)
            return fail(0, "not a Paddock host");
        if (m_options.asInit && !m_greeted)
            logUptime("paddock-guest", "host greeted");
        send(FrameType::Hello, 0, helloPayload());
        if (!m_greeted && m_options.selfTest && pipe2(m_selfTestPipe, O_CLOEXEC) == 0) {
            const int port = m_options.forwarderPort, report = m_selfTestPipe[1];
            std::thread([port, report] {
                const std::string failure = selfTest(port);
                writeAll(report, failure.empty() ? std::string("\n") : failure);
                close(report);
            }).detach();
        } else if (!m_greeted) {
            send(FrameType::Ready, 0);
        }
        m_greeted = true;
        return;
    }
    if (!m_greeted)
        return;
    if (frame.type == FrameType::Shutdown)
        return shutdown();
    if (frame.type == FrameType::Open)
        return open(frame.channel, frame.payload);
    const auto found = m_channels.find(frame.channel);
    if (found == m_channels.end() || found->second.closed)
        return; // a channel that just ended: frames in flight are dropped
    Channel &channel = found->second;
    switch (frame.type) {
    case FrameType::Data:
        if (channel.inputEnded || channel.connecting ||
            channel.pendingInput.size() + frame.payload.size() > creditWindow) {
            if (channel.session) {
                fail(frame.channel, "data beyond the credit window");
                hangUp(channel);
            } else {
                send(FrameType::Close, frame.channel);
                closeIfOpen(channel.input), m_channels.erase(found);
            }
            return;
        }
        channel.pendingInput += frame.payload;
        writeInput(frame.channel, channel);
        return;
    case FrameType::EndOfData:
        channel.inputEnded = true;
        writeInput(frame.channel, channel);
        return;
    case FrameType::Credit:
        if (const auto count = decodeCount(frame.payload))
            channel.unacknowledged -= std::min(*count, channel.unacknowledged);
        return;
    case FrameType::Resize:
        if (const auto size = decodeSize(frame.payload); size && channel.terminal) {
            const winsize window{size->first, size->second, 0, 0};
            ioctl(channel.input, TIOCSWINSZ, &window);
        }
        return;
    case FrameType::Signal:
        if (!frame.payload.empty() && channel.session) {
            const int signal = static_cast<unsigned char>(frame.payload[0]);
            if (signal > 0 && signal < NSIG)
                kill(-channel.pid, signal);
        }
        return;
    case FrameType::Connected:
        channel.connecting = false;
        return;
    case FrameType::Close:
        if (channel.session) {
            hangUp(channel);
        } else {
            closeIfOpen(channel.input);
            m_channels.erase(found);
        }
        return;
    default:
        return; // a frame only the guest sends: ignored
    }
}

void AgentServer::writeInput(std::uint32_t id, Channel &channel)
{
    while (!channel.pendingInput.empty() && channel.input >= 0) {
        const ssize_t n = write(channel.input, channel.pendingInput.data(), channel.pendingInput.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) { // nobody reads any more: what is left is dropped, but credited so the host goes on
            send(FrameType::Credit, id, encodeCount(std::uint32_t(channel.pendingInput.size())));
            channel.pendingInput.clear();
            break;
        }
        channel.pendingInput.erase(0, std::size_t(n));
        send(FrameType::Credit, id, encodeCount(std::uint32_t(n)));
    }
    if (channel.inputEnded && channel.pendingInput.empty() && channel.input >= 0) {
        if (!channel.session) {
            ::shutdown(channel.input, SHUT_WR);
            finishStream(id, channel);
        } else if (!channel.terminal) {
            closeIfOpen(channel.input); // the session reads its end of input
        }
    }
}

void AgentServer::readOutput(std::uint32_t id, Channel &channel, int fd, FrameType type, bool ignoreCredit)
{
    char buffer[maxDataChunk];
    std::size_t drained = 0; // at an exit, beyond the credit: bounded, as the host allows only so much
    for (;;) {
        if (ignoreCredit && drained >= exitDrainLimit)
            return;
        const std::size_t room =
            ignoreCredit ? sizeof buffer
                         : std::min<std::size_t>(sizeof buffer, creditWindow - channel.unacknowledged);
        if (room == 0)
            return;
        const ssize_t n = read(fd, buffer, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) { // the end (a PTY says EIO once its last process is gone)
            if (fd == channel.errors) {
                closeIfOpen(channel.errors);
                return;
            }
            if (channel.output == fd && channel.output != channel.input)
                closeIfOpen(channel.output);
            else
                channel.output = -1; // a PTY or connection: one descriptor both ways, closed at the end
            channel.outputEnded = true;
            send(FrameType::EndOfData, id);
            if (!channel.session)
                finishStream(id, channel);
            return;
        }
        channel.unacknowledged += std::uint32_t(n);
        drained += std::size_t(n);
        send(type, id, std::string(buffer, std::size_t(n)));
        if (!ignoreCredit)
            return; // one chunk per turn: the others get theirs
    }
}

void AgentServer::finishStream(std::uint32_t id, Channel &channel)
{
    if (!channel.outputEnded || !channel.inputEnded || !channel.pendingInput.empty())
        return;
    closeIfOpen(channel.input);
    send(FrameType::Close, id);
    m_channels.erase(id);
}

void AgentServer::exited(pid_t pid, int code)
{
    for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
        Channel &channel = it->second;
        if (!channel.session || channel.pid != pid)
            continue;
        if (!channel.closed) {
            // What it wrote before it ended is in the pipe or PTY now: all of it goes before Exit.
            if (channel.output >= 0)
                readOutput(it->first, channel, channel.output, FrameType::Data, true);
            if (channel.errors >= 0)
                readOutput(it->first, channel, channel.errors, FrameType::ErrorData, true);
            if (channel.input == channel.output)
                channel.output = -1;
            closeIfOpen(channel.input), closeIfOpen(channel.output), closeIfOpen(channel.errors);
            send(FrameType::Exit, it->first, std::to_string(code));
        }
        m_channels.erase(it);
        return;
    }
}

void AgentServer::reap()
{
    signalfd_siginfo info;
    while (read(m_signals, &info, sizeof info) > 0) {
    }
    for (;;) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid <= 0)
            return;
        exited(pid, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
}

void AgentServer::acceptConnection()
{
    const int client = accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (client < 0)
        return;
    const std::uint32_t id = guestChannelBit | (m_nextGuestChannel++ & ~guestChannelBit);
    Channel channel;
    channel.input = channel.output = client;
    channel.connecting = true;
    m_channels.emplace(id, std::move(channel));
    send(FrameType::Connect, id);
}

void AgentServer::scanPorts()
{
    const std::set<int> now = Guest::listeningPorts();
    for (int port : now)
        if (!m_ports.count(port) && port != m_options.forwarderPort)
            send(FrameType::Listening, 0, std::to_string(port));
    for (int port : m_ports)
        if (!now.count(port) && port != m_options.forwarderPort)
            send(FrameType::Listening, 0, "-" + std::to_string(port));
    m_ports = now;
}

void AgentServer::shutdown()
{
    // In a sandbox's own PID namespace (a VM's init, or bwrap's child) every process goes, including what
    // left its session; outside one, as in a test on the host, kill(-1) would reach the user's own.
    const bool ownPidNamespace = m_options.asInit || getpid() == 2;
    const auto signalAll = [this, ownPidNamespace](int signal) {
        bool any = false;
        for (auto &[id, channel] : m_channels)
            if (channel.session)
                any = kill(-channel.pid, signal) == 0 || any;
        if (ownPidNamespace)
            any = kill(-1, signal) == 0 || any;
        return any;
    };
    signalAll(SIGHUP);
    signalAll(SIGTERM);
    signalAll(SIGCONT);
    const auto deadline = Clock::now() + hangUpGrace;
    while (Clock::now() < deadline) {
        reap(); // zombies still count for kill(0): they go first
        if (!signalAll(0))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    signalAll(SIGKILL);
    reap();
    send(FrameType::Exit, 0, "0");
    flushLink(true);
    m_running = false;
}

// The machine's disks unmounted (the root made read-only) once every process is gone: they are clean at the
// next boot, which then replays no journal (a tenth of a second per disk under emulation).
void unmountDisks()
{
    std::ifstream mounts("/proc/mounts");
    std::vector<std::string> points;
    for (std::string device, point, rest; mounts >> device >> point && std::getline(mounts, rest);)
        if (device.rfind("/dev/vd", 0) == 0)
            points.push_back(point);
    for (auto point = points.rbegin(); point != points.rend(); ++point)
        if (umount2(point->c_str(), 0) != 0)
            mount(nullptr, point->c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr);
}

int AgentServer::run()
{
    signal(SIGPIPE, SIG_IGN);
    setNonBlocking(m_options.link);
    sigset_t childSignals;
    sigemptyset(&childSignals);
    sigaddset(&childSignals, SIGCHLD);
    sigprocmask(SIG_BLOCK, &childSignals, nullptr);
    m_signals = signalfd(-1, &childSignals, SFD_NONBLOCK | SFD_CLOEXEC);
    m_listener = listenLoopback(m_options.forwarderPort);
    setNonBlocking(m_listener);
    if (m_options.asInit)
        logUptime("paddock-guest", "agent started");

    std::vector<pollfd> watched;
    std::vector<std::pair<std::uint32_t, int>> owners; // which channel and descriptor each entry is
    while (m_running) {
        watched.clear();
        owners.clear();
        const auto watch = [&](int fd, short events, std::uint32_t channel) {
            watched.push_back({fd, events, 0});
            owners.emplace_back(channel, fd);
        };
        const bool linkFull = m_outgoing.size() >= linkBacklogLimit;
        watch(m_options.link, short(POLLIN | (m_outgoing.empty() ? 0 : POLLOUT)), 0);
        watch(m_signals, POLLIN, 0);
        if (m_greeted && !linkFull)
            watch(m_listener, POLLIN, 0);
        if (m_selfTestPipe[0] >= 0)
            watch(m_selfTestPipe[0], POLLIN, 0);
        auto timeout = Clock::now() + portScanInterval;
        for (auto &[id, channel] : m_channels) {
            if (channel.closed) {
                timeout = std::min(timeout, channel.killAt);
                continue;
            }
            const bool mayRead = !linkFull && !channel.connecting && channel.unacknowledged < creditWindow;
            const bool wantsWrite = !channel.pendingInput.empty();
            if (channel.input >= 0 && channel.input == channel.output)
                watch(channel.input, short((mayRead ? POLLIN : 0) | (wantsWrite ? POLLOUT : 0)), id);
            else {
                if (channel.input >= 0 && wantsWrite)
                    watch(channel.input, POLLOUT, id);
                if (channel.output >= 0 && mayRead)
                    watch(channel.output, POLLIN, id);
            }
            if (channel.errors >= 0 && mayRead)
                watch(channel.errors, POLLIN, id);
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(timeout - Clock::now());
        const int ready =
            poll(watched.data(), nfds_t(watched.size()), int(std::max<long long>(0, wait.count())));
        if (ready < 0 && errno != EINTR)
            return 125;

        for (std::size_t i = 0; i < watched.size(); ++i) {
            const short events = watched[i].revents;
            if (!events)
                continue;
            const int fd = watched[i].fd;
            if (fd == m_options.link) {
                if (events & POLLOUT)
                    flushLink(false);
                if (events & (POLLIN | POLLHUP | POLLERR)) {
                    char buffer[64 * 1024];
                    const ssize_t n = read(fd, buffer, sizeof buffer);
                    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                        if (!m_options.asInit)
                            return 0; // the host went away
                        // A VM's port reads 0 while no host is connected: wait for one.
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    } else if (n > 0) {
                        m_decoder.feed(buffer, std::size_t(n));
                    }
                }
                continue;
            }
            if (fd == m_signals) {
                reap();
                continue;
            }
            if (fd == m_listener) {
                acceptConnection();
                continue;
            }
            if (fd == m_selfTestPipe[0]) {
                char buffer[2048];
                const ssize_t n = read(fd, buffer, sizeof buffer);
                closeIfOpen(m_selfTestPipe[0]);
                const std::string result = n > 0 ? std::string(buffer, std::size_t(n)) : "no answer";
                if (result == "\n") {
                    send(FrameType::Ready, 0);
                    if (m_options.asInit) // on the console, for whoever wonders where a slow start went
                        logUptime("paddock-guest", "self-test passed");
                } else
                    fail(0, "the sandbox's network self-test failed: " + result);
                continue;
            }
            const auto found = m_channels.find(owners[i].first);
            if (found == m_channels.end() || found->second.closed)
                continue;
            Channel &channel = found->second;
            const std::uint32_t id = found->first;
            if ((events & POLLOUT) ||
                ((events & (POLLERR | POLLHUP)) && fd == channel.input && fd != channel.output))
                writeInput(id, channel);
            if (!m_channels.count(id))
                continue;
            if ((events & (POLLIN | POLLHUP | POLLERR)) && fd == channel.output)
                readOutput(id, channel, fd, FrameType::Data, false);
            else if ((events & (POLLIN | POLLHUP | POLLERR)) && fd == channel.errors)
                readOutput(id, channel, fd, FrameType::ErrorData, false);
        }

        while (auto frame = m_decoder.next())
            handle(*frame);
        if (m_decoder.failed()) {
            std::fprintf(stderr, "paddock-guest: the host broke the protocol: %s\n",
                         m_decoder.error().c_str());
            m_decoder = FrameDecoder(); // a VM's agent cannot give up; the next host starts afresh
            m_greeted = false;
            if (!m_options.asInit)
                return 125;
        }
        const auto now = Clock::now();
        for (auto &[id, channel] : m_channels)
            if (channel.closed && now >= channel.killAt) {
                kill(-channel.pid, SIGKILL);
                channel.killAt = now + hangUpGrace;
            }
        if (m_greeted && now >= m_nextPortScan) {
            scanPorts();
            m_nextPortScan = now + portScanInterval;
        }
        if (!flushLink(false))
            return m_options.asInit ? 125 : 0;
    }
    if (m_options.asInit) {
        unmountDisks();
        sync();
        reboot(RB_POWER_OFF);
    }
    return 0;
}

} // namespace

int runAgent(const AgentOptions &options)
{
    AgentServer server(options);
    return server.run();
}

} // namespace Paddock::Guest

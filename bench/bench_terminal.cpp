// Terminal pane throughput (issue 5), the Paddock half of bench/terminal-bench.sh.
//   bench_terminal --generate FILE MEGABYTES   writes the mixed text and escape sequences both terminals show
//   bench_terminal --pane FILE                 shows FILE through a real pane: `cat` in a namespace sandbox,
//                                              a host PTY, TerminalSession, TerminalModel and a visible
//                                              TerminalView, 120x40 cells. Prints one line:
//                                              seconds max_latency_ms p99_latency_ms idle_cpu_percent rss_mib
//   bench_terminal --model FILE                feeds FILE to a TerminalModel alone (where the time goes)
//   bench_terminal --reflow                    times resizes that rewrap a full 10,000-line scrollback, as
//                                              when a window edge is dragged: median and slowest, in ms
// The latency is how late a 5 ms timer fires while the flood runs (the GUI's event loop); idle CPU is
// measured over 3 s with a shell waiting in the pane after the flood.
#include "app/gui/terminalview.h"
#include "app/terminal/terminalmodel.h"
#include "app/terminal/terminalsession.h"
#include "core/paths.h"
#include "core/policy.h"
#include "core/presetcatalog.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/sandboxmanager.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>
#include <sys/resource.h>

using namespace Paddock;
using namespace Qt::StringLiterals;

namespace {

// Deterministic mix: plain text, 16/256/true colours, bold and underline, wide characters and emoji, progress
// lines redrawn with \r and erase-line, cursor motion, scroll regions and occasional clears.
QByteArray mixedChunk(std::mt19937 &random)
{
    static const char *words[] = {
        "compile",     "src/main.cpp", "warning:", "test",   "passed", "ok", "npm", "diff",
        "+added line", "-removed",     "function", "return", "const",  "{",  "}",   "=>"};
    static const char *wide[] = {"漢字", "テスト", "😀", "🚀", "é", "ß", "→"};
    QByteArray out;
    const int kind = int(random() % 100);
    auto word = [&] { return QByteArray(words[random() % std::size(words)]); };
    if (kind < 50) { // plain text lines
        for (int i = 0; i < 12; ++i)
            out.append(word()).append(' ');
        out.append("\r\n");
    } else if (kind < 65) { // 16 colours, bold, underline
        for (int i = 0; i < 8; ++i)
            out.append("\x1b[")
                .append(QByteArray::number(30 + random() % 8))
                .append(i % 3 ? "m" : ";1;4m")
                .append(word())
                .append("\x1b[0m ");
        out.append("\r\n");
    } else if (kind < 75) { // 256 colours and true colour
        for (int i = 0; i < 8; ++i) {
            if (i % 2)
                out.append("\x1b[38;5;").append(QByteArray::number(random() % 256)).append('m');
            else
                out.append("\x1b[38;2;")
                    .append(QByteArray::number(random() % 256))
                    .append(';')
                    .append(QByteArray::number(random() % 256))
                    .append(';')
                    .append(QByteArray::number(random() % 256))
                    .append("m");
            out.append(word()).append(' ');
        }
        out.append("\x1b[m\r\n");
    } else if (kind < 83) { // wide characters and emoji
        for (int i = 0; i < 10; ++i)
            out.append(wide[random() % std::size(wide)]).append(' ').append(word()).append(' ');
        out.append("\r\n");
    } else if (kind < 93) { // a progress line redrawn in place
        for (int p = 0; p <= 100; p += 10)
            out.append("\r\x1b[2K[")
                .append(QByteArray(p / 5, '#'))
                .append(QByteArray(20 - p / 5, ' '))
                .append("] ")
                .append(QByteArray::number(p))
                .append('%');
        out.append("\r\n");
    } else if (kind < 99) { // cursor motion and a scroll region, as full-screen programs do
        out.append("\x1b[s\x1b[5;20r\x1b[20;1H")
            .append(word())
            .append("\r\n")
            .append(word())
            .append("\x1b[r\x1b[u\x1b[3A\x1b[10C")
            .append(word())
            .append("\x1b[3B\r\n");
    } else {
        out.append("\x1b[H\x1b[2J");
    }
    return out;
}

int generate(const QString &path, int megabytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 2;
    std::mt19937 random(42);
    const qint64 target = qint64(megabytes) * 1024 * 1024;
    QByteArray buffer;
    qint64 written = 0;
    while (written < target) {
        buffer.append(mixedChunk(random));
        if (buffer.size() > 1024 * 1024) {
            written += file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return 0;
}

double cpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double rssMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

void wait(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

int pane(const QString &path)
{
    const QFileInfo file(path);
    Proxy::SystemResolver resolver;
    Proxy::ProxyServer proxy(resolver);
    Vm::SandboxManager manager(Core::Paths(QProcessEnvironment::systemEnvironment()), &proxy);
    const QString name = u"termbench-%1"_s.arg(QCoreApplication::applicationPid());
    Vm::CreateOptions options;
    options.name = name;
    options.workspace = file.absolutePath();
    options.mode = Core::SandboxRecord::Mode::Direct;
    if (auto created = manager.create(options); !created) {
        std::fprintf(stderr, "create: %s\n", qPrintable(created.error().message));
        return 2;
    }
    Core::Policy policy;
    policy.setLayer(Core::PolicyLayer::Preset, Core::PresetCatalog::load(u"locked-down"_s)->rules());
    const auto control = manager.start(name, policy.matcher());
    if (!control) {
        std::fprintf(stderr, "start: %s\n", qPrintable(control.error().message));
        manager.remove(name, true);
        return 2;
    }

    App::TerminalModel model(40, 120);
    App::TerminalView view(model);
    view.setWindowTitle(u"Paddock terminal benchmark"_s);
    view.show();
    wait(300); // the window is mapped and the font metrics are known
    const QSize cell = view.cellSize();
    const QMargins frame = view.contentsMargins();
    view.resize(cell.width() * 120 + frame.left() + frame.right(),
                cell.height() * 40 + frame.top() + frame.bottom());
    wait(100);

    // The event loop's latency: how late a 5 ms timer fires while the flood runs.
    std::vector<double> lateness;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (sinceTick.isValid())
            lateness.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - 5.0));
        sinceTick.start();
    });

    App::TerminalSession flood(model);
    QEventLoop done;
    int exitCode = -1;
    QObject::connect(&flood, &App::TerminalSession::finished, [&](int code) {
        exitCode = code;
        done.quit();
    });
    QObject::connect(&flood, &App::TerminalSession::failed, [&](const QString &reason) {
        std::fprintf(stderr, "session: %s\n", qPrintable(reason));
        done.quit();
    });
    QElapsedTimer elapsed;
    elapsed.start();
    ticker.start(5);
    if (!flood.start(*control, {u"cat"_s, u"/workspace/"_s + file.fileName()})) {
        std::fprintf(stderr, "could not start cat\n");
        return 2;
    }
    done.exec();
    QCoreApplication::processEvents(); // the last bytes, then the final frame
    view.viewport()->repaint();
    const double seconds = double(elapsed.nsecsElapsed()) / 1e9;
    ticker.stop();

    // Idle: a shell waiting in the pane, the cursor shown, nothing printed.
    App::TerminalSession shell(model);
    if (!shell.start(*control, {u"sh"_s}))
        return 2;
    wait(500);
    const double cpuBefore = cpuSeconds();
    QElapsedTimer idle;
    idle.start();
    wait(3000);
    const double idlePercent = 100.0 * (cpuSeconds() - cpuBefore) / (double(idle.nsecsElapsed()) / 1e9);
    const double rss = rssMiB();

    manager.stop(name);
    manager.remove(name, true);
    std::sort(lateness.begin(), lateness.end());
    const double maxLate = lateness.empty() ? 0 : lateness.back();
    const double p99 = lateness.empty() ? 0 : lateness[std::size_t(double(lateness.size() - 1) * 0.99)];
    std::printf("%.3f %.1f %.1f %.2f %.0f\n", seconds, maxLate, p99, idlePercent, rss);
    return exitCode == 0 ? 0 : 1;
}

// The model alone, no PTY and no painting: where the pane's time goes.
int modelOnly(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray bytes = file.readAll();
    App::TerminalModel model(40, 120);
    QElapsedTimer elapsed;
    elapsed.start();
    const qsizetype chunk =
        qEnvironmentVariableIntValue("CHUNK") > 0 ? qEnvironmentVariableIntValue("CHUNK") : 64 * 1024;
    for (qsizetype at = 0; at < bytes.size(); at += chunk)
        model.feed(QByteArrayView(bytes).sliced(at, std::min<qsizetype>(chunk, bytes.size() - at)));
    std::printf("%.3f s, %.0f MiB resident, %d scrollback lines\n", double(elapsed.nsecsElapsed()) / 1e9,
                rssMiB(), model.scrollbackLines());
    return 0;
}

// Rewrapping on resize: a 120x40 model with a full scrollback of lines from 20 to 300 characters (a third
// wrap), then the width dragged from 120 down to 60 columns and back, one column at a time.
int reflow()
{
    App::TerminalModel model(40, 120);
    QByteArray text;
    for (int line = 0; line < App::TerminalModel::defaultScrollback + 40; ++line) {
        const int length = 20 + (line * 37) % 281;
        for (int i = 0; i < length; ++i)
            text += char('a' + (line + i) % 26);
        text += line % 5 == 0 ? "\x1b[1;32m ok\x1b[m\r\n" : "\r\n";
    }
    model.feed(text);
    std::vector<double> milliseconds;
    QElapsedTimer elapsed;
    for (int step = 0; step < 120; ++step) {
        const int columns = step < 60 ? 119 - step : 61 + (step - 60);
        elapsed.start();
        model.resize(40, columns);
        milliseconds.push_back(double(elapsed.nsecsElapsed()) / 1e6);
    }
    std::sort(milliseconds.begin(), milliseconds.end());
    std::printf("%d resizes with %d scrollback lines: median %.2f ms, slowest %.2f ms\n",
                int(milliseconds.size()), model.scrollbackLines(), milliseconds[milliseconds.size() / 2],
                milliseconds.back());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 4 && QByteArray(argv[1]) == "--generate")
        return generate(QString::fromLocal8Bit(argv[2]), std::atoi(argv[3]));
    if (argc == 3 && QByteArray(argv[1]) == "--model") {
        QCoreApplication app(argc, argv);
        return modelOnly(QString::fromLocal8Bit(argv[2]));
    }
    if (argc == 2 && QByteArray(argv[1]) == "--reflow") {
        QCoreApplication app(argc, argv);
        return reflow();
    }
    if (argc == 3 && QByteArray(argv[1]) == "--pane") {
        QApplication app(argc, argv);
        return pane(QString::fromLocal8Bit(argv[2]));
    }
    std::fprintf(stderr,
                 "usage: bench_terminal --generate FILE MEGABYTES | --pane FILE | --model FILE | --reflow\n");
    return 2;
}

// Desktop app memory (issue 6), the Paddock half of bench/gui-memory-bench.sh.
//   bench_gui_memory --generate FILE   writes what every pane (and every xterm) shows: 12,000 lines of 100
//                                      characters, like a build log, every tenth line with a coloured word
//   bench_gui_memory --panes N FILE    the real desktop app: a SandboxHost on a private XDG folder and the
//                                      MainWindow, maximised; N namespace sandboxes (the "shell" template) on
//                                      small temporary workspaces, attached so that N panes run a shell, and
//                                      in each `cat FILE` until its 10,000-line scrollback is full. Prints
//                                      one line (MiB): panes rss hwm pss heap_in_use heap_free rss_after_trim
//                                      sandbox_rss pane_columns pane_rows sandbox_pss
// heap_in_use and heap_free are glibc's (mallinfo2: allocated, and freed but kept); rss_after_trim is the
// resident size once malloc_trim(0) gave the free pages back; sandbox_rss and sandbox_pss sum the sandboxes'
// own processes (bubblewrap and paddock-guest, not the shells), which are not part of the app's process; PSS
// divides shared pages among the processes sharing them. Where the memory goes, stage by stage, is written
// to stderr.
#include "app/cli/cli.h"
#include "app/gui/mainwindow.h"
#include "app/gui/panegrid.h"
#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"
#include "app/host/sandboxhost.h"
#include "app/terminal/terminalmodel.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QProcessEnvironment>
#include <QScreen>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <malloc.h>

using namespace Paddock;
using namespace Qt::StringLiterals;

namespace {

constexpr int fileLines = 12'000;
constexpr int lineLength = 100;
constexpr int timeoutMs = 180'000;

int generate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 2;
    static const char *words[] = {"Building", "CXX",    "object",   "src/core/policy.cpp.o",
                                  "warning:", "unused", "variable", "test",
                                  "passed",   "Linking"};
    QByteArray text;
    for (int line = 1; line <= fileLines; ++line) {
        QByteArray out = "[" + QByteArray::number(line).rightJustified(5, '0') + "]";
        for (int word = line; out.size() < lineLength;) {
            out += ' ';
            out += words[word++ % std::size(words)];
        }
        out.truncate(lineLength);
        if (line % 10 == 0) // the last word in green, as a test runner marks a pass
            out = out.left(lineLength - 7) + "\x1b[32m" + out.right(7) + "\x1b[m";
        text += out + '\n';
    }
    return file.write(text) == text.size() ? 0 : 2;
}

// The fields of /proc/PID/status or smaps_rollup that are counted in kB, in MiB.
double procMiB(const QString &path, const QByteArray &field)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

double rssMiB()
{
    return procMiB(u"/proc/self/status"_s, "VmRSS:");
}

struct Heap
{
    double inUse = 0; // MiB handed out by malloc, in arenas and in mmapped blocks
    double free = 0;  // MiB freed but kept by malloc
};

Heap heap()
{
    const struct mallinfo2 info = ::mallinfo2();
    Heap result;
    result.inUse = double(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
    result.free = double(info.fordblks) / (1024.0 * 1024.0);
    return result;
}

struct Processes
{
    int count = 0;
    double rss = 0; // MiB
    double pss = 0; // MiB, shared pages divided among the processes that share them
};

// The processes started by this one (bubblewrap, the guests, and what runs in the sandboxes), by name.
QMap<QString, Processes> descendants()
{
    QHash<qint64, qint64> parentOf;
    QHash<qint64, QString> nameOf;
    QDirIterator proc(u"/proc"_s, QDir::Dirs | QDir::NoDotAndDotDot);
    while (proc.hasNext()) {
        const QString path = proc.next();
        bool numeric = false;
        const qint64 pid = proc.fileName().toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(path + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        nameOf.insert(pid, QString::fromUtf8(line.mid(open + 1, close - open - 1)));
        parentOf.insert(pid, line.mid(close + 2).split(' ').value(1).toLongLong());
    }
    const qint64 self = QCoreApplication::applicationPid();
    QMap<QString, Processes> byName;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
        for (qint64 up = it.value(); up > 1; up = parentOf.value(up, 0)) {
            if (up == self) {
                Processes &entry = byName[nameOf.value(it.key())];
                entry.count += 1;
                entry.rss += procMiB(u"/proc/%1/status"_s.arg(it.key()), "VmRSS:");
                entry.pss += procMiB(u"/proc/%1/smaps_rollup"_s.arg(it.key()), "Pss:");
                break;
            }
        }
    }
    return byName;
}

// The resident size by kind of mapping (/proc/self/smaps), in MiB: what is not the heap.
QMap<QString, double> residentByKind()
{
    QMap<QString, double> kinds;
    QFile smaps(u"/proc/self/smaps"_s);
    if (!smaps.open(QIODevice::ReadOnly))
        return kinds;
    QString kind;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 5 && fields[0].contains('-') && !line.endsWith(':')) { // a mapping's header
            const QString path = fields.size() >= 6 ? QString::fromUtf8(fields[5]) : QString();
            if (path.isEmpty() || path == u"[heap]"_s)
                kind = u"anonymous (malloc, thread stacks)"_s;
            else if (path.startsWith(u"/SYSV"_s) || path.startsWith(u"/dev/shm"_s) ||
                     path.startsWith(u"/memfd"_s))
                kind = u"shared memory (window backing store)"_s;
            else if (path.contains(u".so"_s))
                kind = u"libraries (code and data)"_s;
            else if (path.startsWith(u'['))
                kind = path;
            else
                kind = u"other mapped files (fonts, caches, locale)"_s;
        } else if (line.startsWith("Rss:")) {
            kinds[kind] += fields.value(1).toDouble() / 1024.0;
        }
    }
    return kinds;
}

void wait(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()> &condition)
{
    QElapsedTimer elapsed;
    elapsed.start();
    while (!condition()) {
        if (elapsed.elapsed() > timeoutMs)
            return false;
        wait(20);
    }
    return true;
}

bool screenContains(App::TerminalPane *pane, const QString &text)
{
    for (int line = 0; line < pane->model().rows(); ++line) {
        if (pane->model().lineText(line).contains(text))
            return true;
    }
    return false;
}

void report(const char *stage)
{
    static QElapsedTimer sinceStart;
    if (!sinceStart.isValid())
        sinceStart.start();
    const Heap now = heap();
    std::fprintf(stderr, "%5.1f s  %-40s rss %6.1f MiB, heap in use %6.1f MiB, heap free %5.1f MiB\n",
                 double(sinceStart.elapsed()) / 1000.0, stage, rssMiB(), now.inUse, now.free);
}

// A private XDG environment, set before Qt reads it: no record, setting or audit log of the user's is read
// or written.
void isolate(const QTemporaryDir &root)
{
    for (const char *name :
         {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString path = root.path() + u'/' + QString::fromLatin1(name).toLower();
        QDir().mkpath(path);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv(name, QFile::encodeName(path));
    }
}

int panes(int count, const QString &linesFile, const QTemporaryDir &root)
{
    App::Cli::setApplicationIdentity();
    QApplication::setApplicationDisplayName(u"Paddock"_s);
    report("QApplication");

    App::SandboxHost host(Core::Paths(QProcessEnvironment::systemEnvironment()));
    if (auto opened = host.open(); !opened) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.error().message));
        return 2;
    }
    QStringList names;
    for (int i = 0; i < count; ++i) {
        Vm::CreateOptions options;
        options.name = u"agent-%1"_s.arg(i + 1);
        options.templateId = u"shell"_s;
        options.presetId = u"balanced"_s;
        options.workspace = root.path() + u"/workspace-%1"_s.arg(i + 1);
        QDir().mkpath(options.workspace);
        if (!QFile::copy(linesFile, options.workspace + u"/lines.txt"_s)) {
            std::fprintf(stderr, "cannot copy %s\n", qPrintable(linesFile));
            return 2;
        }
        if (const auto created = host.manager().create(options); !created) {
            std::fprintf(stderr, "create: %s\n", qPrintable(created.error().message));
            return 2;
        }
        names.append(options.name);
    }
    report("SandboxHost open, sandboxes created");

    auto window = std::make_unique<App::MainWindow>(host);
    // Maximised, as a user with eight agents has it; without a window manager (Xvfb) by hand.
    window->setGeometry(QApplication::primaryScreen()->availableGeometry());
    window->showMaximized();
    if (!waitFor([&] { return window->windowHandle() && window->windowHandle()->isExposed(); })) {
        std::fprintf(stderr, "the window was never shown\n");
        return 2;
    }
    wait(500);
    report("MainWindow shown");

    for (const QString &name : names) {
        if (!window->attach(name)) {
            std::fprintf(stderr, "cannot attach %s\n", qPrintable(name));
            return 2;
        }
    }
    const QList<App::TerminalPane *> open = window->paneGrid()->panes();
    const auto all = [&open](const std::function<bool(App::TerminalPane *)> &condition) {
        return std::all_of(open.cbegin(), open.cend(), condition);
    };
    if (!waitFor([&] { return all([](App::TerminalPane *pane) { return screenContains(pane, u"$"_s); }); })) {
        std::fprintf(stderr, "no prompt in every pane\n");
        return 2;
    }
    wait(500);
    report(qPrintable(u"%1 panes attached, shells waiting"_s.arg(count)));
    if (!open.isEmpty())
        std::fprintf(stderr, "         window %dx%d, panes of %dx%d cells of %dx%d pixels\n", window->width(),
                     window->height(), open.first()->model().columns(), open.first()->model().rows(),
                     open.first()->view()->cellSize().width(), open.first()->view()->cellSize().height());

    for (App::TerminalPane *pane : open) {
        window->paneGrid()->focusPane(pane);
        pane->model().sendText(u"cat /workspace/lines.txt; echo filled-$((20+3))"_s);
        pane->model().sendKey(Qt::Key_Return, Qt::NoModifier);
    }
    const bool filled = waitFor([&] {
        return all([](App::TerminalPane *pane) {
            return pane->model().scrollbackLines() == pane->model().scrollbackLimit() &&
                   screenContains(pane, u"filled-23"_s);
        });
    });
    if (!filled) {
        std::fprintf(stderr, "the scrollbacks did not fill\n");
        return 2;
    }
    wait(1000); // the last frames are painted, the blinking cursor settles
    window->repaint();
    QCoreApplication::processEvents();
    report(qPrintable(u"%1 scrollbacks full"_s.arg(count)));

    const double rss = rssMiB();
    const double hwm = procMiB(u"/proc/self/status"_s, "VmHWM:");
    const double pss = procMiB(u"/proc/self/smaps_rollup"_s, "Pss:");
    const Heap full = heap();
    Processes sandboxes;
    const auto children = descendants();
    for (auto it = children.cbegin(); it != children.cend(); ++it) {
        std::fprintf(stderr, "         child processes: %d %s, %.1f MiB resident, %.1f MiB PSS\n",
                     it.value().count, qPrintable(it.key()), it.value().rss, it.value().pss);
        if (it.key() == u"bwrap"_s || it.key() == u"paddock-guest"_s) {
            sandboxes.rss += it.value().rss;
            sandboxes.pss += it.value().pss;
        }
    }
    const auto kinds = residentByKind();
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
        if (it.value() >= 0.1)
            std::fprintf(stderr, "         resident, %s: %.1f MiB\n", qPrintable(it.key()), it.value());
    }
    ::malloc_trim(0);
    const double trimmed = rssMiB();
    report("after malloc_trim(0)");
    for (App::TerminalPane *pane : open) {
        if (pane->model().scrollbackLines() != App::TerminalModel::defaultScrollback) {
            std::fprintf(stderr, "a pane keeps %d lines, not the default\n", pane->model().scrollbackLines());
            return 2;
        }
    }
    const QSize cells =
        open.isEmpty() ? QSize() : QSize(open.first()->model().columns(), open.first()->model().rows());
    std::printf("%d %.1f %.1f %.1f %.1f %.1f %.1f %.1f %d %d %.1f\n", count, rss, hwm, pss, full.inUse,
                full.free, trimmed, sandboxes.rss, cells.width(), cells.height(), sandboxes.pss);

    // As quitting does: the agents are hung up before their sandboxes stop.
    for (App::TerminalPane *pane : open)
        window->paneGrid()->removePane(pane);
    host.manager().stopAll();
    window.reset();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && QByteArray(argv[1]) == "--generate")
        return generate(QString::fromLocal8Bit(argv[2]));
    if (argc == 4 && QByteArray(argv[1]) == "--panes") {
        const QTemporaryDir root;
        isolate(root);
        QApplication app(argc, argv);
        return panes(std::atoi(argv[2]), QFileInfo(QString::fromLocal8Bit(argv[3])).absoluteFilePath(), root);
    }
    std::fprintf(stderr, "usage: bench_gui_memory --generate FILE | --panes N FILE\n");
    return 2;
}

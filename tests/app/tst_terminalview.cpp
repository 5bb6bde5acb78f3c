// The terminal pane as a person uses it: typing, selecting, copying, and a real shell in a real sandbox.
// Screenshots go to $PADDOCK_SCREENSHOTS (default: the temporary folder) to be looked at.
#include "app/gui/terminalview.h"
#include "app/terminal/terminalmodel.h"
#include "app/terminal/terminalsession.h"
#include "core/paths.h"
#include "core/policy.h"
#include "core/presetcatalog.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/sandboxmanager.h"

#include "testsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

// Whether any pixel in rect is close to colour.
bool hasColour(const QImage &image, const QRect &rect, const QColor &colour)
{
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) < 40 && std::abs(pixel.green() - colour.green()) < 40 &&
                std::abs(pixel.blue() - colour.blue()) < 40)
                return true;
        }
    }
    return false;
}

} // namespace

class TestTerminalView : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;

private Q_SLOTS:
    void typingReachesTheProgram()
    {
        TerminalModel model(24, 80);
        TerminalView view(model);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy output(&model, &TerminalModel::output);
        QTest::keyClicks(&view, u"ls -l"_s);
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_Up);
        QTest::keyClick(&view, Qt::Key_Tab);
        QByteArray sent;
        for (const auto &call : output)
            sent += call.at(0).toByteArray();
        QCOMPARE(sent, QByteArray("ls -l\r\x03\x1b[A\t"));
        // The pane follows its size.
        QCOMPARE(model.columns(), view.viewport()->width() / view.cellSize().width());
        QCOMPARE(model.rows(), view.viewport()->height() / view.cellSize().height());
    }

    void selectingAndCopying()
    {
        TerminalModel model(24, 80);
        TerminalView view(model);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        model.feed("first line\r\nsecond word here\r\n");
        QTest::qWait(40);
        const QSize cell = view.cellSize();
        // Double click on "word" selects the word.
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {},
                           QPoint(cell.width() * 8, cell.height() * 1 + 2));
        QCOMPARE(view.selectedText(), u"word"_s);
        // A third click right after selects the line.
        QTest::mousePress(view.viewport(), Qt::LeftButton, {},
                          QPoint(cell.width() * 8, cell.height() * 1 + 2));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {},
                            QPoint(cell.width() * 8, cell.height() * 1 + 2));
        QCOMPARE(view.selectedText(), u"second word here"_s);
        // A drag from the start of line one to the middle of line two.
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(0, 2));
        QMouseEvent move(QEvent::MouseMove, QPointF(cell.width() * 6, cell.height() + 2),
                         view.viewport()->mapToGlobal(QPointF(cell.width() * 6, cell.height() + 2)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &move);
        QCOMPARE(view.selectedText(), u"first line\nsecond"_s);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"first line\nsecond"_s);
    }

    void wideningRewrapsAndDropsTheSelection()
    {
        TerminalModel model(24, 80);
        TerminalView view(model);
        view.resize(480, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int columns = model.columns();
        const QString text = QString(columns + 10, u'w') + u" tail"_s;
        model.feed(QByteArray(text.toUtf8() + "\r\n"));
        QCOMPARE(model.lineText(1), u"wwwwwwwwww tail"_s);
        view.selectCells(0, 0, 5);
        QCOMPARE(view.selectedText(), u"wwwww"_s);
        view.resize(480 + 20 * view.cellSize().width(), 300);
        QTRY_VERIFY(model.columns() > columns + 15);
        QCOMPARE(model.lineText(0), text);
        QCOMPARE(view.selectedText(), QString()); // what it covered moved
    }

    // security.md item 15: OSC 52 puts nothing on the clipboard until the user clicks Copy.
    void clipboardWritesNeedAClick()
    {
        TerminalModel model(24, 80);
        TerminalView view(model);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QGuiApplication::clipboard()->setText(u"mine"_s);
        model.feed("\x1b]52;c;cm0gLXJmIH4K\x07"); // "rm -rf ~\n"
        auto *bar = view.findChild<QFrame *>(u"confirmationBar"_s);
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(QGuiApplication::clipboard()->text(), u"mine"_s); // not yet
        QVERIFY(view.grab().save(Test::screenshotPath(u"terminal-clipboard-request.png"_s)));
        QTest::mouseClick(view.findChild<QPushButton *>(u"dismiss"_s), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QCOMPARE(QGuiApplication::clipboard()->text(), u"mine"_s);
        model.feed("\x1b]52;c;aGVsbG8=\x07"); // "hello"
        QTest::mouseClick(view.findChild<QPushButton *>(u"accept"_s), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"hello"_s);
    }

    void linksShowTheirTargetFirst()
    {
        TerminalModel model(24, 100);
        TerminalView view(model);
        view.setOpensLinks(false);
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy opened(&view, &TerminalView::linkOpened);
        model.feed("docs: https://example.com/guide?a=1. and file:///etc/passwd\r\n");
        QTest::qWait(40);
        const QSize cell = view.cellSize();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier,
                          QPoint(cell.width() * 12, cell.height() / 2));
        auto *bar = view.findChild<QFrame *>(u"confirmationBar"_s);
        QVERIFY(bar->isVisible());
        QVERIFY(bar->findChild<QLabel *>()->text().contains(u"https://example.com/guide?a=1"_s));
        QVERIFY(!bar->findChild<QLabel *>()->text().contains(
            u"a=1."_s)); // sentence punctuation is not the link's
        QVERIFY(view.grab().save(Test::screenshotPath(u"terminal-link-request.png"_s)));
        QCOMPARE(opened.size(), 0); // nothing before the click
        QTest::mouseClick(view.findChild<QPushButton *>(u"accept"_s), Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).toUrl(), QUrl(u"https://example.com/guide?a=1"_s));
        // Other schemes are not links; a plain click is a selection, not a link.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier,
                          QPoint(cell.width() * 45, cell.height() / 2));
        QVERIFY(!bar->isVisible());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cell.width() * 12, cell.height() / 2));
        QVERIFY(!bar->isVisible());
    }

    void coloursAndAttributesAreDrawn()
    {
        TerminalModel model(6, 40);
        TerminalView view(model);
        view.resize(view.cellSize().width() * 40, view.cellSize().height() * 6);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        model.feed("\x1b[1;31mred bold\x1b[0m \x1b[42;30m green bg \x1b[0m "
                   "\x1b[4;3;38;2;255;170;0munderlined\x1b[0m\r\n"
                   "\x1b[7mreverse\x1b[0m plain \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80\r\n$ ");
        QTest::qWait(60);
        const QImage image = view.grab().toImage();
        QVERIFY(image.save(Test::screenshotPath(u"terminal-colours.png"_s)));
        const QSize cell = view.cellSize();
        QVERIFY(hasColour(image, QRect(0, 0, cell.width() * 3, cell.height()), QColor(0xe0, 0x6c, 0x75)));
        QVERIFY(hasColour(image, QRect(cell.width() * 10, 0, cell.width() * 4, cell.height()),
                          QColor(0x98, 0xc3, 0x79)));
        QVERIFY(hasColour(image, QRect(cell.width() * 20, 0, cell.width() * 8, cell.height()),
                          QColor(255, 170, 0)));
    }

    // A blinking cursor blinks while the pane has focus; a steady one stays.
    void theCursorBlinksWhenAsked()
    {
        TerminalModel model(6, 30);
        TerminalView view(model);
        view.resize(view.cellSize().width() * 30, view.cellSize().height() * 6);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        QTRY_VERIFY(view.hasFocus());
        const QRect cursorCell(0, 0, view.cellSize().width(), view.cellSize().height());
        const auto cursorPixels = [&] { return view.viewport()->grab(cursorCell).toImage(); };
        model.feed("\x1b[2 q"); // steady block
        QTest::qWait(40);
        const QImage steady = cursorPixels();
        QTest::qWait(1200);
        QCOMPARE(cursorPixels(), steady);
        model.feed("\x1b[1 q"); // blinking block
        QVERIFY(model.cursorBlinks());
        QTRY_VERIFY_WITH_TIMEOUT(cursorPixels() != steady, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(cursorPixels() == steady, 2000);
    }

    // A real shell in a real sandbox, typed into through the pane.
    void aShellInASandbox()
    {
        QTemporaryDir workspace;
        Proxy::SystemResolver resolver;
        Proxy::ProxyServer proxy(resolver);
        Vm::SandboxManager manager(Core::Paths(QProcessEnvironment::systemEnvironment()), &proxy);
        Vm::CreateOptions options;
        options.name = u"pane"_s;
        options.workspace = workspace.path();
        QVERIFY(manager.create(options));
        Core::Policy policy;
        policy.setLayer(Core::PolicyLayer::Preset, Core::PresetCatalog::load(u"balanced"_s)->rules());
        const auto control = manager.start(u"pane"_s, policy.matcher());
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));

        TerminalModel model(24, 80);
        TerminalView view(model);
        view.resize(720, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        TerminalSession session(model);
        QSignalSpy finished(&session, &TerminalSession::finished);
        QVERIFY(session.start(*control, {u"bash"_s, u"--norc"_s, u"-i"_s}));
        const auto screenContains = [&model](const QString &text) {
            for (int line = 0; line < model.rows(); ++line) {
                if (model.lineText(line).contains(text))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(screenContains(u"$"_s));
        QTest::keyClicks(&view, u"printf '\\033[32m%s\\033[0m\\n' \"ok-$((6*7))\"; stty size"_s);
        QTest::keyClick(&view, Qt::Key_Return);
        QTRY_VERIFY(screenContains(u"ok-42"_s));
        const QString size = u"%1 %2"_s.arg(model.rows()).arg(model.columns());
        QTRY_VERIFY(screenContains(size)); // the PTY has the pane's size
        QTest::qWait(50);
        QVERIFY(view.grab().save(Test::screenshotPath(u"terminal-sandbox-shell.png"_s)));
        QTest::keyClicks(&view, u"exit 3"_s);
        QTest::keyClick(&view, Qt::Key_Return);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toInt(), 3);
        QVERIFY(manager.stop(u"pane"_s));
    }
};

QTEST_MAIN(TestTerminalView)
#include "tst_terminalview.moc"

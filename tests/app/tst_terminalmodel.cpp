// The terminal model over libvterm: escape sequences in, cells out; scrollback and reflow; user input as
// programs expect it; and the escape-sequence safety of security.md item 15.
#include "app/terminal/terminalmodel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Paddock::App;
using namespace Qt::StringLiterals;

class TestTerminalModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textAndAttributesBecomeCells()
    {
        TerminalModel model(5, 20);
        model.feed("\x1b[31mred\x1b[0m \x1b[1;3;4mbiu\x1b[0m \x1b[7mrev\x1b[0m");
        QCOMPARE(model.lineText(0), u"red biu rev"_s);
        const TerminalLine line = model.line(0);
        QVERIFY(!line[0].defaultForeground);
        QCOMPARE(line[0].foreground, qRgb(0xe0, 0x6c, 0x75)); // the pane's red, not libvterm's
        QVERIFY(line[3].defaultForeground);                   // the space after the reset
        QVERIFY(line[4].bold && line[4].italic && line[4].underline == 1);
        QVERIFY(line[8].reverse);
        QCOMPARE(model.cursor(), QPoint(11, 0));
    }

    void colours_data()
    {
        QTest::addColumn<QByteArray>("sequence");
        QTest::addColumn<QRgb>("expected");
        QTest::newRow("256-colour cube") << QByteArray("\x1b[38;5;196mx") << qRgb(255, 0, 0);
        QTest::newRow("256-colour grey")
            << QByteArray("\x1b[38;5;244mx") << qRgb(133, 133, 133); // libvterm's ramp
        QTest::newRow("true colour") << QByteArray("\x1b[38;2;1;2;3mx") << qRgb(1, 2, 3);
    }
    void colours()
    {
        QFETCH(QByteArray, sequence);
        QFETCH(QRgb, expected);
        TerminalModel model(2, 10);
        model.feed(sequence);
        QCOMPARE(model.line(0)[0].foreground, expected);
        model.feed("\x1b[48;2;10;20;30my");
        QCOMPARE(model.line(0)[1].background, qRgb(10, 20, 30));
        QVERIFY(!model.line(0)[1].defaultBackground);
    }

    void wideCharactersTakeTwoCells()
    {
        TerminalModel model(2, 10);
        model.feed("a\xe4\xbd\xa0"
                   "b\xf0\x9f\x98\x80"); // a 你 b 😀
        const TerminalLine line = model.line(0);
        QCOMPARE(line[1].text, u"你"_s);
        QCOMPARE(line[1].width, quint8(2));
        QCOMPARE(line[2].width, quint8(0)); // its right half
        QCOMPARE(line[3].text, u"b"_s);
        QCOMPARE(line[4].text, u"😀"_s);
        QCOMPARE(model.lineText(0), u"a你b😀"_s);
        QCOMPARE(model.cursor().x(), 6);
    }

    // A C1 control encoded in UTF-8 is not text: libvterm gave it width -1 and put its cursor in column -1,
    // from where later writes went out of bounds (found by fuzzing). It shows as one replacement character.
    void c1ControlsInUtf8TakeOneCell()
    {
        TerminalModel model(5, 20);
        model.feed("a\xc2\x92"
                   "b\r\n\xc2\x92\x1b[4h\xc2\x85x\t\x1b[4l");
        QCOMPARE(model.lineText(0), u"a\ufffdb"_s);
        QCOMPARE(model.lineText(1), u"\ufffd\ufffdx"_s);
        QVERIFY(model.cursor().x() >= 0);
    }

    void scrollbackKeepsWhatScrolledOff()
    {
        TerminalModel model(5, 20, 50);
        QSignalSpy grew(&model, &TerminalModel::scrollbackChanged);
        for (int i = 0; i < 100; ++i)
            model.feed(QByteArray(QByteArray("line ") + QByteArray::number(i) + "\r\n"));
        QCOMPARE(model.scrollbackLines(), 50); // the limit holds
        QCOMPARE(model.lineText(-1), u"line 95"_s);
        QCOMPARE(model.lineText(-50), u"line 46"_s);
        QCOMPARE(model.lineText(0), u"line 96"_s);
        QVERIFY(grew.size() > 0);
        model.feed("\x1b[3J"); // programs may clear it
        QCOMPARE(model.scrollbackLines(), 0);
    }

    // Scrolled-off lines are stored packed; they come back with the same cells.
    void scrollbackKeepsLooksAndWideCharacters()
    {
        TerminalModel model(5, 20);
        model.feed("\x1b[1;31ma\x1b[0m\xe4\xbd\xa0"
                   "e\xcc\x81\x1b[38;2;1;2;3;4mz\x1b[m   \r\n"); // bold red a, 你, e + combining acute, z
        const TerminalLine onScreen = model.line(0);
        model.feed("\r\n\r\n\r\n\r\n"); // the cursor was on row 1: one line scrolls off
        QCOMPARE(model.scrollbackLines(), 1);
        const TerminalLine scrolled = model.line(-1);
        QCOMPARE(model.lineText(-1), u"a你e\u0301z"_s);
        QCOMPARE(int(scrolled.size()), 5); // a, 你 and its right half, é, z: the blank tail is dropped
        for (std::size_t i = 0; i < scrolled.size(); ++i) {
            QCOMPARE(scrolled[i].text, onScreen[i].text);
            QCOMPARE(scrolled[i].width, onScreen[i].width);
            QCOMPARE(scrolled[i].foreground, onScreen[i].foreground);
            QCOMPARE(scrolled[i].defaultForeground, onScreen[i].defaultForeground);
            QCOMPARE(scrolled[i].bold, onScreen[i].bold);
            QCOMPARE(scrolled[i].underline, onScreen[i].underline);
        }
        QVERIFY(scrolled[0].bold);
        QCOMPARE(scrolled[4].foreground, qRgb(1, 2, 3));
        QCOMPARE(scrolled[4].underline, quint8(1));
        // Growing the screen brings the line back from the scrollback, unchanged.
        model.resize(6, 20);
        QCOMPARE(model.scrollbackLines(), 0);
        QCOMPARE(model.lineText(0), u"a你e\u0301z"_s);
        QVERIFY(model.line(0)[0].bold);
        QCOMPARE(model.line(0)[1].width, quint8(2));
    }

    // Packed cells: a line's first cell made of several code points, and code points above U+FFFF, survive
    // the scrollback and a reflow of it.
    void scrollbackKeepsCombiningMarksAndEmoji()
    {
        TerminalModel model(5, 20);
        const QString text = u"e\u0301\U0001F600x\U0001F680y\u00e9\u0300"_s; // é, 😀, x, 🚀, y, è
        model.feed(text.toUtf8());
        model.feed("\r\n\r\n\r\n\r\n\r\n");
        QCOMPARE(model.scrollbackLines(), 1);
        QCOMPARE(model.lineText(-1), text);
        QCOMPARE(model.line(-1)[1].width, quint8(2));
        QCOMPARE(model.line(-1)[2].width, quint8(0));
        model.resize(5, 21); // a reflow: the scrollback is rewritten
        QCOMPARE(model.lineText(-1), text);
        model.resize(6, 21); // and brought back to the screen
        QCOMPARE(model.lineText(0), text);
    }

    void resizingKeepsTheScreen()
    {
        TerminalModel model(5, 20);
        model.feed("abcdefghijklmnopqrst\r\nnext");
        model.resize(8, 40); // wider and taller: lines that did not wrap stay apart, the cursor stays put
        QCOMPARE(model.lineText(0), u"abcdefghijklmnopqrst"_s);
        QCOMPARE(model.lineText(1), u"next"_s);
        QCOMPARE(model.cursor(), QPoint(4, 1));
        QCOMPARE(model.rows(), 8);
        TerminalModel region(40, 20); // a scrolling region below the bottom of a shrunken screen
        region.feed("\x1b[30;38r\x1b[38H");
        region.resize(10, 20);
        region.feed("\n\n\n\x1bM\x1bM\r\nafter");
        QVERIFY(region.lineText(region.cursor().y()).startsWith(u"after"_s));
        model.resize(1, 3); // never below the minimum
        QCOMPARE(model.rows(), TerminalModel::minRows);
        QCOMPARE(model.columns(), TerminalModel::minColumns);
    }

    void reflowRewrapsWhatWrapped()
    {
        TerminalModel model(5, 20);
        model.feed("abcdefghijklmnopqrstUVWXYZ\r\nnext");
        QCOMPARE(model.lineText(0), u"abcdefghijklmnopqrst"_s);
        QCOMPARE(model.lineText(1), u"UVWXYZ"_s);
        model.resize(5, 40);
        QCOMPARE(model.lineText(0), u"abcdefghijklmnopqrstUVWXYZ"_s);
        QCOMPARE(model.lineText(1), u"next"_s);
        QCOMPARE(model.cursor(), QPoint(4, 1));
        model.resize(5, 24);
        QCOMPARE(model.lineText(0), u"abcdefghijklmnopqrstUVWX"_s);
        QCOMPARE(model.lineText(1), u"YZ"_s);
        QCOMPARE(model.lineText(2), u"next"_s);
        QCOMPARE(model.cursor(), QPoint(4, 2));
        model.feed("\r\nmore"); // libvterm knows the rows it was given: the next resize joins them again
        model.resize(5, 30);
        QCOMPARE(model.lineText(0), u"abcdefghijklmnopqrstUVWXYZ"_s);
        QCOMPARE(model.lineText(1), u"next"_s);
        QCOMPARE(model.lineText(2), u"more"_s);
    }

    void reflowKeepsSpacesWhereLinesWrapped()
    {
        TerminalModel model(5, 20);
        model.feed("aaaaaaaaaaaaaaaaaaa bbb\r\n"); // the space is the last cell of the first row
        model.resize(5, 30);
        QCOMPARE(model.lineText(0), u"aaaaaaaaaaaaaaaaaaa bbb"_s);
    }

    void reflowRewrapsTheScrollback()
    {
        TerminalModel model(5, 20);
        QStringList lines;
        for (int i = 0; i < 12; ++i) {
            lines << u"line %1 "_s.arg(i, 2, 10, QChar(u'0')).leftJustified(30, u'.') + u"|"_s;
            model.feed(QByteArray(lines.last().toUtf8() + "\r\n"));
        }
        QCOMPARE(model.lineText(-2), lines[9].left(20)); // every line took two rows
        const int before = model.scrollbackLines();
        QCOMPARE(before, 20);
        model.resize(5, 40);
        QCOMPARE(model.scrollbackLines(), 8); // one row each now, and the screen still ends at the cursor
        for (int i = 0; i < 8; ++i)
            QCOMPARE(model.lineText(-8 + i), lines[i]);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(model.lineText(row), lines[8 + row]);
        model.resize(5, 20); // and back again, through the scrollback and the screen
        QCOMPARE(model.scrollbackLines(), before);
        QCOMPARE(model.lineText(-1), lines[9].mid(20));
        QCOMPARE(model.lineText(0), lines[10].left(20));
        QCOMPARE(model.lineText(3), lines[11].mid(20));
        QCOMPARE(model.cursor(), QPoint(0, 4));
    }

    void reflowKeepsWideCharactersWhole()
    {
        TerminalModel model(5, 20);
        model.feed(QString(15, QChar(0x4f60)).toUtf8()); // 你 x15: 30 cells
        QCOMPARE(model.lineText(0), QString(10, QChar(0x4f60)));
        model.resize(5, 21); // ten fit, the eleventh does not
        QCOMPARE(model.lineText(0), QString(10, QChar(0x4f60)));
        QCOMPARE(model.lineText(1), QString(5, QChar(0x4f60)));
        model.resize(5, 25);
        QCOMPARE(model.lineText(0), QString(12, QChar(0x4f60)));
        QCOMPARE(model.line(0)[1].width, quint8(0));
        QCOMPARE(model.lineText(1), QString(3, QChar(0x4f60)));
        QCOMPARE(model.cursor(), QPoint(6, 1));
    }

    void reflowKeepsLooksAndThePen()
    {
        TerminalModel model(5, 20);
        model.feed(QByteArray("\x1b[1;38;2;200;10;10m" + QByteArray(25, 'r') +
                              "\x1b[0;4;42m")); // the pen: underlined, green
        model.resize(5, 30);
        QCOMPARE(model.lineText(0), QString(25, u'r'));
        QVERIFY(model.line(0)[22].bold);
        QCOMPARE(model.line(0)[22].foreground, qRgb(200, 10, 10));
        model.feed("x");
        const TerminalCell typed = model.line(0)[25];
        QCOMPARE(typed.text, u"x"_s);
        QVERIFY(!typed.bold);
        QCOMPARE(typed.underline, quint8(1));
        QVERIFY(!typed.defaultBackground);
    }

    void reflowDrawsTextAsText()
    {
        // The screen is drawn back through the parser: what the program left half done or switched must
        // not change how the text reads.
        TerminalModel model(5, 20);
        model.feed("abc\r\ndef\x1b(0"); // then the DEC line-drawing set, where "a" is a checkerboard
        model.resize(5, 30);
        QCOMPARE(model.lineText(0), u"abc"_s);
        QCOMPARE(model.lineText(1), u"def"_s);
        TerminalModel titled(5, 20);
        titled.feed("abc\x1b]0;half a tit"); // a title still coming
        titled.resize(5, 30);
        QCOMPARE(titled.lineText(0), u"abc"_s);
        QCOMPARE(titled.cursor(), QPoint(3, 0));
        TerminalModel utf8(5, 20);
        utf8.feed("\xe4\xbd\xa0\xe4\xbd"); // 你 and half of another
        utf8.resize(5, 30);
        QCOMPARE(utf8.lineText(0), u"你"_s);
        QCOMPARE(utf8.lineText(1), QString());
    }

    void reflowKeepsTheCursorOnScreen()
    {
        TerminalModel model(5, 40);
        model.feed(QByteArray("one\r\ntwo\r\nthree\r\nfour\r\n$ " + QByteArray(30, 'x'))); // a long command
        model.resize(5, 20); // the command takes two rows now: the screen scrolls, the top row goes back
        QCOMPARE(model.scrollbackLines(), 1);
        QCOMPARE(model.lineText(-1), u"one"_s);
        QCOMPARE(model.lineText(3), u"$ " + QString(18, u'x'));
        QCOMPARE(model.lineText(4), QString(12, u'x'));
        QCOMPARE(model.cursor(), QPoint(12, 4));
        TerminalModel cleared(10, 40); // after "clear", the prompt at the top stays at the top
        cleared.feed("old\r\n\x1b[H\x1b[2J$ ");
        cleared.resize(12, 30);
        QCOMPARE(cleared.lineText(0), u"$"_s);
        QCOMPARE(cleared.cursor(), QPoint(2, 0));
    }

    void fullScreenProgramsKeepTheShellsScrollback()
    {
        TerminalModel model(10, 20);
        for (int row = 0; row < 10; ++row)
            model.feed(QByteArray("\r\nshell " + QByteArray::number(row)));
        model.feed("\x1b[?1049h");
        for (int row = 0; row < 10; ++row)
            model.feed(QByteArray("\x1b[" + QByteArray::number(row + 1) + ";1Hprogram"));
        model.resize(5, 20); // the shell's screen behind the program loses five rows to the scrollback
        QCOMPARE(model.scrollbackLines(), 6);
        for (int line = 1; line <= 5; ++line)
            QCOMPARE(model.lineText(-line), u"shell %1"_s.arg(5 - line));
        model.feed("\x1b[?1049l");
        QVERIFY(!model.altScreen());
        QCOMPARE(model.lineText(0), u"shell 5"_s);
    }

    void aCursorSavedBeforeAResizeComesBackOnScreen()
    {
        // libvterm 0.3.3 restored it below the new bottom, and the next character wrote past its row array.
        TerminalModel model(40, 20);
        model.feed("\x1b[38;15H\x1b"
                   "7");
        model.resize(10, 20);
        model.feed("\x1b"
                   "8x");
        QVERIFY(model.cursor().y() < model.rows());
        QCOMPARE(model.lineText(9).trimmed(), u"x"_s);
        TerminalModel program(40, 20); // the same through a full-screen program, which saves it on entry
        program.feed("\x1b[38;1Hshell\x1b[?1049h");
        program.resize(10, 20);
        program.feed("\x1b[?1049lx");
        QVERIFY(program.cursor().y() < program.rows());
    }

    void reflowWithoutScrollback()
    {
        TerminalModel model(5, 20, 0);
        model.feed(QByteArray(30, 'z'));
        model.resize(5, 40);
        QCOMPARE(model.lineText(0), QString(30, u'z'));
        QCOMPARE(model.scrollbackLines(), 0);
    }

    void damageNamesTheChangedRows()
    {
        TerminalModel model(5, 10);
        model.takeDamage();
        QSignalSpy changed(&model, &TerminalModel::changed);
        model.feed("\x1b[3;1Hx");
        QVERIFY(model.takeDamage().contains(2));
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.takeDamage().isEmpty());
    }

    void keysReachProgramsAsTheyExpect()
    {
        TerminalModel model(5, 10);
        QSignalSpy output(&model, &TerminalModel::output);
        QVERIFY(model.sendKey(Qt::Key_Up, Qt::NoModifier));
        model.feed("\x1b[?1h"); // application cursor keys
        QVERIFY(model.sendKey(Qt::Key_Up, Qt::NoModifier));
        model.sendText(u"c"_s, Qt::ControlModifier);
        model.sendText(u"é"_s);
        QVERIFY(model.sendKey(Qt::Key_F5, Qt::NoModifier));
        QVERIFY(!model.sendKey(Qt::Key_Shift, Qt::NoModifier));
        QByteArray all;
        for (const auto &call : output)
            all += call.at(0).toByteArray();
        QCOMPARE(all, QByteArray("\x1b[A\x1bOA\x03\xc3\xa9\x1b[15~"));
    }

    void pastesAreBracketedAndCannotBreakOut()
    {
        TerminalModel model(5, 20);
        QSignalSpy output(&model, &TerminalModel::output);
        const auto sent = [&output] {
            QByteArray all;
            for (const auto &call : output)
                all += call.at(0).toByteArray();
            output.clear();
            return all;
        };
        model.paste(u"ls\nrm -rf x"_s); // the program did not ask for brackets: plain text, Enter as CR
        QCOMPARE(sent(), QByteArray("ls\rrm -rf x"));
        model.feed("\x1b[?2004h"); // the program asks for bracketed paste
        model.paste(u"a\x1b[201~b\nc"_s);
        QCOMPARE(sent(), QByteArray("\x1b[200~ab\rc\x1b[201~"));
    }

    // security.md item 15: nothing the program sends makes the pane type on its own.
    void answerbacksCarryNothingTheProgramChose_data()
    {
        QTest::addColumn<QByteArray>("sequence");
        QTest::addColumn<QByteArray>("reply"); // empty: nothing may be sent
        QTest::newRow("device attributes") << QByteArray("\x1b[c") << QByteArray("\x1b[?1;2c");
        QTest::newRow("secondary DA") << QByteArray("\x1b[>c") << QByteArray("\x1b[>0;100;0c");
        QTest::newRow("cursor position") << QByteArray("\x1b[2;3H\x1b[6n") << QByteArray("\x1b[2;3R");
        QTest::newRow("status") << QByteArray("\x1b[5n") << QByteArray("\x1b[0n");
        QTest::newRow("DECRQSS echoes settings") << QByteArray("\x1bP$qm\x1b\\") << QByteArray();
        QTest::newRow("DECRQSS with a payload") << QByteArray("\x1bP$q\";rm -rf ~\r\x1b\\") << QByteArray();
        QTest::newRow("XTVERSION") << QByteArray("\x1b[>q") << QByteArray();
        QTest::newRow("clipboard read") << QByteArray("\x1b]52;c;?\x07") << QByteArray();
        QTest::newRow("title report") << QByteArray("\x1b]0;x\x07\x1b[21t") << QByteArray();
        QTest::newRow("ENQ answerback") << QByteArray("\x05") << QByteArray();
    }
    void answerbacksCarryNothingTheProgramChose()
    {
        QFETCH(QByteArray, sequence);
        QFETCH(QByteArray, reply);
        TerminalModel model(5, 20);
        QSignalSpy output(&model, &TerminalModel::output);
        model.feed(sequence);
        QByteArray all;
        for (const auto &call : output)
            all += call.at(0).toByteArray();
        QCOMPARE(all, reply);
    }

    void harmlessRepliesAreNarrow()
    {
        QVERIFY(TerminalModel::isHarmlessReply("\x1b[?1;2c"));
        QVERIFY(TerminalModel::isHarmlessReply("\x1b[?2004;2$y"));
        QVERIFY(!TerminalModel::isHarmlessReply("\x1b[?1;2c\r"));
        QVERIFY(!TerminalModel::isHarmlessReply("\x1b[1;2cls\r"));
        QVERIFY(!TerminalModel::isHarmlessReply("\x1bP1$r0m\x1b\\"));
        QVERIFY(!TerminalModel::isHarmlessReply("echo hi\r"));
    }

    void clipboardWritesWaitForTheUser()
    {
        TerminalModel model(5, 20);
        QSignalSpy asked(&model, &TerminalModel::clipboardWriteRequested);
        QSignalSpy output(&model, &TerminalModel::output);
        model.feed("\x1b]52;c;aGVsbG8gd29ybGQ=\x07"); // "hello world"
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).toString(), u"hello world"_s);
        QCOMPARE(output.size(), 0);
        // More than a megabyte is not offered at all.
        const QByteArray huge = QByteArray(2 * 1024 * 1024, 'A').toBase64();
        model.feed(QByteArray("\x1b]52;c;" + huge + "\x07"));
        QCOMPARE(asked.size(), 1);
    }

    void titlesAreStrippedOfControls()
    {
        TerminalModel model(5, 20);
        QSignalSpy titled(&model, &TerminalModel::titleChanged);
        model.feed("\x1b]0;build \xc2\x85ok\xe2\x80\xae"
                   "evil\x07"); // a C1 NEL and a right-to-left override
        QCOMPARE(model.title(), u"build okevil"_s);
        QCOMPARE(titled.size(), 1);
        QCOMPARE(TerminalModel::sanitizedTitle(QString(500, u'x')).size(), TerminalModel::maxTitleLength);
        QCOMPARE(TerminalModel::sanitizedTitle(u"a\tb\x7f"_s), u"ab"_s);
    }

    // security.md item 16: a few bytes must not keep the GUI busy. libvterm 0.3.3 loops forever on a REP
    // with no character before it.
    void repeatsCannotHangThePane()
    {
        QElapsedTimer timer;
        timer.start();
        TerminalModel many(5, 20); // 40 parameters would write past libvterm's 16 slots
        many.feed(QByteArray("\x1b[" + QByteArray("1;").repeated(40) + "31mstill fine"));
        QCOMPARE(many.lineText(0), u"still fine"_s);
        TerminalModel torn(5, 20); // a write that ends with ESC and a control inside a title
        torn.feed("\x1b]0;ti\x1b\x13");
        torn.feed("\x1b\\ok");
        QCOMPARE(torn.lineText(0), u"ok"_s);
        TerminalModel fresh(5, 20);
        fresh.feed("\x1b[b"); // REP first thing: nothing to repeat
        fresh.feed("\x1b[\x00\x00b");
        TerminalModel huge(5, 20);
        huge.feed("x\x1b[2000000000b");
        QVERIFY(huge.lineText(0).startsWith(u"xxxxxxxx"_s)); // a screenful of x, no more
        TerminalModel split(5, 20);                          // the same sequence arriving in pieces
        split.feed("y\x1b");
        split.feed("[3");
        split.feed("b");
        QCOMPARE(split.lineText(0), u"yyyy"_s);
        TerminalModel small(5, 20);
        small.feed("ab\r\n\x1b[3bc"); // the preceding graphic character, even across a line end
        QCOMPARE(small.lineText(1), u"bbbc"_s);
        QVERIFY(timer.elapsed() < 5000);
    }

    void repeatExpanderPassesEverythingElse_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("text") << QList<QByteArray>{"hello"} << QByteArray("hello");
        QTest::newRow("colours") << QList<QByteArray>{"\x1b[31mred\x1b[0m"}
                                 << QByteArray("\x1b[31mred\x1b[0m");
        QTest::newRow("split colour") << QList<QByteArray>{"a\x1b[3", "1mb"} << QByteArray("a\x1b[31mb");
        QTest::newRow("REP") << QList<QByteArray>{"z\x1b[4b"} << QByteArray("zzzzz");
        QTest::newRow("REP bounded") << QList<QByteArray>{"z\x1b[5000b"}
                                     << QByteArray("z") + QByteArray(6, 'z');
        // CAN before every 15th parameter separator in a run (libvterm's 16 slots), across writes too.
        QTest::newRow("separator runs")
            << QList<QByteArray>{QByteArray(30, ';')}
            << QByteArray(14, ';') + '\x18' + QByteArray(14, ';') + '\x18' + QByteArray(2, ';');
        QTest::newRow("separator run split")
            << QList<QByteArray>{QByteArray(14, ':'), ";1;"} << QByteArray(14, ':') + "\x18;1;";
        QTest::newRow("separator run ended")
            << QList<QByteArray>{QByteArray(14, ';') + 'm' + ";"} << QByteArray(14, ';') + "m;";
        QTest::newRow("REP of UTF-8")
            << QList<QByteArray>{"\xc3\xa9\x1b[2b"} << QByteArray("\xc3\xa9\xc3\xa9\xc3\xa9");
        QTest::newRow("split REP") << QList<QByteArray>{"q\x1b", "[", "2b"} << QByteArray("qqq");
        QTest::newRow("REP first") << QList<QByteArray>{"\x1b[9b!"} << QByteArray("\x18!"); // CAN: dropped
        QTest::newRow("private b") << QList<QByteArray>{"\x1b[?5b"} << QByteArray("\x18");
        QTest::newRow("huge number") << QList<QByteArray>{"\x1b[1;99999999999999999999H"}
                                     << QByteArray("\x1b[1;999999999H");
        QTest::newRow("endless sequence")
            << QList<QByteArray>{"\x1b[" + QByteArray(300, '1') + "mok"} << QByteArray("\x18ok");
        QTest::newRow("escape with controls, split")
            << QList<QByteArray>{"\x1b]0;t\x1b\x13", "\\x"} << QByteArray("\x1b]0;t\x1b\x13\\x");
        QTest::newRow("huge OSC number")
            << QList<QByteArray>{"\x1b]59999999999;x\x07"} << QByteArray("\x1b]599999;x\x07");
        QTest::newRow("split OSC") << QList<QByteArray>{"\x1b]", "0;ti", "tle\x07"}
                                   << QByteArray("\x1b]0;title\x07");
        QTest::newRow("number around a control") << QList<QByteArray>{"\x1b[99999\x01"
                                                                      "99999m"}
                                                 << QByteArray("\x1b[99999\x01"
                                                               "9999m");
        QTest::newRow("OSC number around a control") << QList<QByteArray>{"\x1b]5555\x01"
                                                                          "5555;x"}
                                                     << QByteArray("\x1b]5555\x01"
                                                                   "55;x");
        QTest::newRow("abandoned huge number") << QList<QByteArray>{"\x1b[22222222222\x1b"
                                                                    "7"}
                                               << QByteArray("\x1b[222222222\x1b"
                                                             "7");
        QTest::newRow("CSI behind an ignored byte")
            << QList<QByteArray>{"k\x1b\xbf[3b"} << QByteArray("kkkk");
        QTest::newRow("too many parameters")
            << QList<QByteArray>{"\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1mx"} << QByteArray("\x18x");
        QTest::newRow("too many, abandoned") << QList<QByteArray>{"\x1b[1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1\x1b"
                                                                  "7"}
                                             << QByteArray("\x18\x1b"
                                                           "7");
        QTest::newRow("too many REP parameters")
            << QList<QByteArray>{"z\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1b"} << QByteArray("z\x18");
        QTest::newRow("separators across writes")
            << QList<QByteArray>{"\x1b[1;1;1;1;1;1;1;", "1;1;1;1;1;1;1;1;1;1m"}
            << QByteArray("\x18"); // held, then dropped whole
        QTest::newRow("semicolons in text")
            << QList<QByteArray>{QByteArray(20, ';')} << QByteArray(14, ';') + "\x18" + QByteArray(6, ';');
        QTest::newRow("fifteen are fine") << QList<QByteArray>{"\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1m"}
                                          << QByteArray("\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1m");
        QTest::newRow("dropped after an abandoned one") << QList<QByteArray>{"\x1b[\x01\x1b[bbb"}
                                                        << QByteArray("\x1b[\x01\x18"
                                                                      "bb");
        QTest::newRow("ESC ESC") << QList<QByteArray>{"\x1b]0;t\x1b\x01\x1b\\"}
                                 << QByteArray("\x1b]0;t\x01\x1b\\");
        QTest::newRow("abandoned") << QList<QByteArray>{"\x1b[12\x1b[1m"} << QByteArray("\x1b[12\x1b[1m");
        QTest::newRow("other escapes") << QList<QByteArray>{"\x1b]0;t\x07\x1b"
                                                            "7"}
                                       << QByteArray("\x1b]0;t\x07\x1b"
                                                     "7");
    }
    void repeatExpanderPassesEverythingElse()
    {
        QFETCH(QList<QByteArray>, chunks);
        QFETCH(QByteArray, expected);
        RepeatExpander expander;
        QByteArray all;
        for (const QByteArray &chunk : chunks)
            all += expander.filter(chunk, 6);
        QCOMPARE(all, expected);
    }

    void repetitionIsBoundedPerWrite()
    {
        // Each REP stays within the limit, and a write's repetitions together within 4 * limit + 64 per byte:
        // 4 KiB of REP would be megabytes of text otherwise.
        RepeatExpander expander;
        QByteArray write = "z";
        for (int i = 0; i < 50; ++i)
            write += "\x1b[999b";
        const QByteArray expanded = expander.filter(write, 1000);
        QCOMPARE(expanded.count('z'), expanded.size());
        QCOMPARE(expanded.size(), 1 + 4 * 1000 + 64 * write.size());
        // The budget is per write: the next one repeats again.
        QCOMPARE(expander.filter("\x1b[999b", 1000), QByteArray(999, 'z'));
    }

    void bellAndModesAreReported()
    {
        TerminalModel model(5, 20);
        QSignalSpy rang(&model, &TerminalModel::bell);
        model.feed("\x07");
        QCOMPARE(rang.size(), 1);
        model.feed("\x1b[?1000h");
        QVERIFY(model.mouseMode() != 0);
        model.feed("\x1b[?1049h");
        QVERIFY(model.altScreen());
        model.feed("\x1b[?25l");
        QVERIFY(!model.cursorVisible());
        model.feed("\x1b[6 q");
        QCOMPARE(model.cursorShape(), TerminalModel::CursorShape::Bar);
    }
};

QTEST_GUILESS_MAIN(TestTerminalModel)
#include "tst_terminalmodel.moc"

// UnifiedDiff: git's patch text split into the lines the diff view shows.
#include "app/gui/unifieddiff.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using Paddock::App::UnifiedDiff;
using Kind = UnifiedDiff::Line::Kind;

class TestUnifiedDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersLinesAndDropsTheFileHeader()
    {
        const UnifiedDiff diff = UnifiedDiff::parse("diff --git a/x.c b/x.c\n"
                                                    "index 1111111..2222222 100644\n"
                                                    "--- a/x.c\n"
                                                    "+++ b/x.c\n"
                                                    "@@ -10,3 +10,3 @@ int f()\n"
                                                    " a\n"
                                                    "-int value = 1;\n"
                                                    "+int value = 2;\n"
                                                    " c\n"
                                                    "@@ -40,1 +40,2 @@\n"
                                                    " z\n"
                                                    "+new\n"
                                                    "\\ No newline at end of file\n");
        QCOMPARE(diff.lines.size(), 9);
        QCOMPARE(diff.lines.at(0).kind, Kind::Hunk);
        QCOMPARE(diff.lines.at(0).text, u"@@ -10,3 +10,3 @@ int f()"_s);
        QCOMPARE(diff.lines.at(1).oldLine, 10);
        QCOMPARE(diff.lines.at(1).newLine, 10);
        QCOMPARE(diff.lines.at(2).kind, Kind::Removed);
        QCOMPARE(diff.lines.at(2).oldLine, 11);
        QCOMPARE(diff.lines.at(2).newLine, 0);
        QCOMPARE(diff.lines.at(3).kind, Kind::Added);
        QCOMPARE(diff.lines.at(3).newLine, 11);
        QCOMPARE(diff.lines.at(3).text, u"int value = 2;"_s);
        QCOMPARE(diff.lines.at(4).oldLine, 12);
        QCOMPARE(diff.lines.at(6).oldLine, 40);
        QCOMPARE(diff.lines.at(7).newLine, 41);
        QCOMPARE(diff.lines.at(8).kind, Kind::Note);
        QCOMPARE(diff.lines.at(8).text, u"No newline at end of file"_s);
        QCOMPARE(diff.additions, 2);
        QCOMPARE(diff.deletions, 1);
    }

    void marksTheChangedPartOfAReplacedLine()
    {
        const UnifiedDiff diff = UnifiedDiff::parse("@@ -1,2 +1,2 @@\n"
                                                    "-int value = 7;\n"
                                                    "-return value;\n"
                                                    "+int value = 21;\n"
                                                    "+something else entirely\n");
        QCOMPARE(diff.lines.at(1).changed.size(), 1);
        QCOMPARE(diff.lines.at(1).changed.first().start, 12);
        QCOMPARE(diff.lines.at(1).changed.first().length, 1);
        QCOMPARE(diff.lines.at(3).changed.first().start, 12);
        QCOMPARE(diff.lines.at(3).changed.first().length, 2);
        // Too little in common: the whole line is the change, nothing is marked.
        QVERIFY(diff.lines.at(2).changed.isEmpty());
        QVERIFY(diff.lines.at(4).changed.isEmpty());
    }

    void unevenRunsAreNotPaired()
    {
        const UnifiedDiff diff = UnifiedDiff::parse("@@ -1,1 +1,2 @@\n-a = 1\n+a = 2\n+b = 3\n");
        for (const UnifiedDiff::Line &line : diff.lines)
            QVERIFY(line.changed.isEmpty());
    }

    void showsInvisibleCharacters()
    {
        const UnifiedDiff diff = UnifiedDiff::parse("@@ -0,0 +1,1 @@\n"
                                                    "+x = \"admin\xe2\x80\xae\xe2\x81\xa6\" \x1b[2J\r\n");
        const UnifiedDiff::Line &line = diff.lines.at(1);
        QCOMPARE(line.text, u"x = \"admin<U+202E><U+2066>\" ^[[2J"_s);
        QCOMPARE(line.escaped.size(), 3);
        QCOMPARE(line.escaped.at(0).start, 10);
        QCOMPARE(line.escaped.at(0).length, 8);
    }

    // Side by side: each removed line beside the line that replaced it, fillers where one side has more, and
    // the "no newline" note on the side it belongs to.
    void splitsIntoTwoAlignedColumns()
    {
        const QByteArray patch = "@@ -1,5 +1,5 @@\n"
                                 " same\n"
                                 "-old one\n"
                                 "-old two\n"
                                 "+new one\n"
                                 " middle\n"
                                 "+added\n"
                                 " end\n"
                                 "-last\n"
                                 "\\ No newline at end of file\n"
                                 "+last\n";
        const UnifiedDiff::Columns columns = UnifiedDiff::sideBySide(UnifiedDiff::parse(patch));
        // Each row as "kind text | kind text": 0 context, 1 added, 2 removed, 3 hunk, 4 note, 5 filler.
        const auto row = [&](qsizetype i) {
            const auto &l = columns.left.lines.at(i);
            const auto &r = columns.right.lines.at(i);
            return u"%1 %2 | %3 %4"_s.arg(int(l.kind)).arg(l.text).arg(int(r.kind)).arg(r.text);
        };
        QCOMPARE(columns.left.lines.size(), columns.right.lines.size());
        QCOMPARE(columns.left.lines.size(), 9);
        QCOMPARE(columns.left.lines.at(0).kind, Kind::Hunk);
        QCOMPARE(columns.right.lines.at(0).kind, Kind::Hunk);
        QCOMPARE(row(1), u"0 same | 0 same"_s);
        QCOMPARE(row(2), u"2 old one | 1 new one"_s);
        QCOMPARE(row(3), u"2 old two | 5 "_s);
        QCOMPARE(row(4), u"0 middle | 0 middle"_s);
        QCOMPARE(row(5), u"5  | 1 added"_s);
        QCOMPARE(row(6), u"0 end | 0 end"_s);
        QCOMPARE(row(7), u"2 last | 1 last"_s);
        QCOMPARE(columns.left.lines.at(8).kind, Kind::Note); // after "-last": the old file had no newline
        QCOMPARE(columns.right.lines.at(8).kind, Kind::Filler);
        // Line numbers stay each side's own.
        QCOMPARE(columns.left.lines.at(3).oldLine, 3);
        QCOMPARE(columns.right.lines.at(5).newLine, 4);
    }

    void toleratesGarbage()
    {
        QVERIFY(UnifiedDiff::parse({}).lines.isEmpty());
        QVERIFY(UnifiedDiff::parse("Binary files a/x and b/x differ\n").lines.isEmpty());
        const UnifiedDiff diff = UnifiedDiff::parse("@@ nonsense\n+x\n-y\n\n");
        QCOMPARE(diff.lines.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestUnifiedDiff)
#include "tst_unifieddiff.moc"

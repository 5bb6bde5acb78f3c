#pragma once

#include "app/terminal/repeatexpander.h"
#include "app/terminal/scrollbackbuffer.h"
#include "app/terminal/terminalcell.h"

#include <QByteArray>
#include <QColor>
#include <QObject>
#include <QPoint>
#include <QSet>
#include <QString>

#include <optional>

struct VTerm;
struct VTermScreen;
struct VTermState;

namespace Paddock::App {

// The screen and scrollback of one terminal session, over libvterm 0.3 (no widgets). Bytes from the session
// go in through feed(); keys, pastes and mouse events from the user come out through output(). It is also
// the security boundary of security.md item 15: replies the terminal would send on its own (answerbacks)
// are limited to fixed-form reports that carry nothing the program chose, OSC 52 clipboard writes only become
// a request the user must approve, and the title is stripped of control characters.
class TerminalModel : public QObject
{
    Q_OBJECT

public:
    enum class CursorShape { Block, Underline, Bar };
    static constexpr int defaultScrollback = 10'000;
    static constexpr int maxTitleLength = 200;
    static constexpr qsizetype maxClipboardBytes = 1024 * 1024;
    // No pane is smaller; libvterm's resize is only exercised (and fuzzed) from this size up.
    static constexpr int minRows = 5;
    static constexpr int minColumns = 20;

    TerminalModel(int rows, int columns, int scrollbackLines = defaultScrollback, QObject *parent = nullptr);
    ~TerminalModel() override;

    // Bytes from the session.
    void feed(QByteArrayView bytes);
    // Lines that wrapped are rewrapped at the new width, in the scrollback and on the screen; under a
    // full-screen program (the alternate screen) lines are cut or padded, and the program redraws.
    void resize(int rows, int columns);

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    int scrollbackLines() const { return m_scrollback.size(); }
    int scrollbackLimit() const { return m_scrollback.limit(); }
    // index 0 .. rows()-1 is the screen; -1 the newest scrollback line, -scrollbackLines() the oldest.
    TerminalLine line(int index) const;
    QString lineText(int index) const; // trailing blanks trimmed

    struct Match
    {
        int line = 0;   // as for line()
        int column = 0; // the first cell
        int cells = 0;  // how many cells it covers
    };
    // The next line holding text after (or before) line `from`, wrapping around the scrollback and screen.
    std::optional<Match> find(const QString &text, int from, bool backwards,
                              Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive) const;
    // The rows changed since the last call (screen rows; the scrollback only grows at its end).
    QSet<int> takeDamage();

    QPoint cursor() const { return m_cursor; } // x: column, y: screen row
    bool cursorVisible() const { return m_cursorVisible; }
    bool cursorBlinks() const { return m_cursorBlink; }
    CursorShape cursorShape() const { return m_cursorShape; }
    bool altScreen() const { return m_altScreen; }
    bool reverseVideo() const { return m_reverseVideo; }
    int mouseMode() const { return m_mouseMode; } // VTERM_PROP_MOUSE_*: 0 when the program wants no mouse
    QString title() const { return m_title; }
    int droppedReplies() const { return m_droppedReplies; }

    // User input, turned into what the program expects (application cursor keys, bracketed paste...).
    void sendText(const QString &text, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    bool sendKey(int qtKey, Qt::KeyboardModifiers modifiers); // false: not a key the terminal knows
    void paste(const QString &text);
    void sendMouseMove(int row, int column, Qt::KeyboardModifiers modifiers);
    void sendMouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers);
    void setFocused(bool focused);

    // Strips what a title must not contain: control characters (C0, C1, DEL) and bidirectional overrides.
    static QString sanitizedTitle(const QString &title);
    // True for the reports a terminal may send without the user: device attributes, status, cursor
    // position and mode reports. Everything else the terminal would say on its own is dropped.
    static bool isHarmlessReply(QByteArrayView reply);

Q_SIGNALS:
    void output(const QByteArray &bytes); // to the session
    void userInput();                     // the user typed, pasted or clicked into the program
    void changed();                       // something on screen changed (the view coalesces)
    void titleChanged(const QString &title);
    void bell();
    void clipboardWriteRequested(const QString &text); // OSC 52: apply only when the user agrees
    void scrollbackChanged();
    void resized(int rows, int columns);

private:
    static int onDamage(int, int, int, int, void *);
    void connectCallbacks();
    void emitOutput(const char *bytes, size_t length);
    CellStyle styleOf(const void *vtermCell) const;
    TerminalCell convert(const void *vtermCell) const;
    void markRows(int from, int to);
    void resizeReflowing(int rows, int columns);
    void resizeUnderFullScreenProgram(int rows, int columns);
    void moveCursorTo(int row, int column);
    bool rowIsBlank(int row) const;
    QByteArray penSequence() const;

    VTerm *m_vterm = nullptr;
    VTermScreen *m_screen = nullptr;
    VTermState *m_state = nullptr;
    int m_rows;
    int m_columns;
    ScrollbackBuffer m_scrollback;
    QSet<int> m_damage;
    QPoint m_cursor;
    bool m_cursorVisible = true;
    bool m_cursorBlink = false;
    CursorShape m_cursorShape = CursorShape::Block;
    bool m_altScreen = false;
    bool m_reverseVideo = false;
    int m_mouseMode = 0;
    QString m_title;
    QByteArray m_titleBuffer;
    QByteArray m_clipboardBuffer;
    bool m_clipboardOverflow = false;
    bool m_userInput = false; // output produced now is the user's, not an answerback
    int m_droppedReplies = 0;
    bool m_changedPending = false;
    RepeatExpander m_repeatExpander;
    // While resizing, libvterm's own scrollback traffic is not the program's: see resize().
    enum class Resizing { No, Reflowing, UnderFullScreenProgram };
    Resizing m_resizing = Resizing::No;

    friend struct TerminalModelCallbacks;
};

} // namespace Paddock::App

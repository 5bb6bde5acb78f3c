#pragma once

#include <QByteArray>

namespace Paddock::App {

// Replaces REP (CSI Pn b, "repeat the preceding graphic character") with the character itself before
// libvterm sees it, keeps CSI parameters within what libvterm's parser handles (their count and size), and
// never ends a write inside an escape. libvterm 0.3.3 loops forever on a REP that follows no character (or a
// zero-width one): four bytes from a sandbox would freeze the GUI (found by fuzzing). Written out, the
// repetition goes through libvterm's ordinary text path instead. A sequence split across reads is held back
// until it is complete; everything else passes unchanged.
class RepeatExpander
{
public:
    // What to give libvterm for this chunk; limit bounds one repetition (a screenful is plenty), and all of a
    // chunk's repetitions together add at most 4 * limit + 64 bytes for each byte of the chunk.
    QByteArray filter(QByteArrayView bytes, int limit);

private:
    void noteText(QByteArrayView text);
    QByteArray expand(const QByteArray &sequence, int limit) const;
    QByteArray boundSeparatorRuns(const QByteArray &bytes);

    enum class State { Ground, Escape, Csi, OscCommand };
    State m_state = State::Ground;
    QByteArray m_pending;     // an unfinished ESC [ … or ESC ] number
    QByteArray m_lastGraphic; // the UTF-8 of the last printable character seen
    int m_oscDigits = 0;
    int m_separatorRun = 0; // ';' and ':' since the last byte that ends any CSI
    bool m_escapeIntermediates = false;
    bool m_oversized = false; // the pending sequence grew past any real one
};

} // namespace Paddock::App

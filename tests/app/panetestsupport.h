#pragma once

// Helpers for GUI tests that work in agent terminal panes as a person does.

#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"
#include "app/terminal/terminalmodel.h"

#include <QTest>

namespace Paddock::Test {

// Whether a row of the pane's screen (not its scrollback) shows the text.
inline bool screenContains(App::TerminalPane *pane, const QString &text)
{
    for (int line = 0; line < pane->model().rows(); ++line) {
        if (pane->model().lineText(line).contains(text))
            return true;
    }
    return false;
}

// Types a command line into the pane and presses Return.
inline void typeLine(App::TerminalPane *pane, const QString &line)
{
    QTest::keyClicks(pane->view(), line);
    QTest::keyClick(pane->view(), Qt::Key_Return);
}

} // namespace Paddock::Test

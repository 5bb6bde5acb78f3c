#pragma once

#include <QColor>
#include <QString>

class QLabel;
class QWidget;

namespace Paddock::App {

// A second line under a field: smaller and quieter than the field itself, wrapped.
QLabel *createNoteLabel(QWidget *parent, const QString &text = {});

// The red of what must be fixed before going on.
inline QColor problemColour()
{
    return QColor(0xc0, 0x1c, 0x28);
}
// A label that says what is wrong: plain text, wrapped, in problemColour().
void styleAsProblem(QLabel *label);

} // namespace Paddock::App

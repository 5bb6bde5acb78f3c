#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace Paddock::App {

// A second line under a field: smaller and quieter than the field itself, wrapped.
QLabel *createNoteLabel(QWidget *parent, const QString &text = {});

} // namespace Paddock::App

#pragma once

#include <QColor>
#include <QPixmap>

namespace Paddock::App {

// How a sandbox or an agent is doing, as the window shows it: one colour each, the same everywhere.
enum class StateLook { Starting, Running, Stopped, Failed };

QColor stateColour(StateLook look);
// A small round dot in the state's colour (cached: views ask for it on every paint).
QPixmap stateDot(StateLook look);

} // namespace Paddock::App

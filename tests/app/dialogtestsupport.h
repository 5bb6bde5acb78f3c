#pragma once

// Helpers for GUI tests that answer the modal dialogs a widget opens.

#include <QApplication>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace Paddock::Test {

// Runs `act` on the next modal dialog of type T once it shows (exec() blocks the test until then).
template<typename T>
void whenShown(QObject *context, std::function<void(T *)> act)
{
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer, act] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            act(dialog);
        }
    });
    timer->start();
}

} // namespace Paddock::Test

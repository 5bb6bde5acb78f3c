#pragma once

#include <QMainWindow>

namespace Paddock::App {

// The main window: sandbox list, terminals, network log and review.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Paddock::App

#pragma once

#include <QLabel>

namespace Paddock::App {

// A one-line label that gives way when space is short: its text ends in "…" instead of being cut off.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace Paddock::App

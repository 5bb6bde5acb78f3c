#pragma once

#include <QWidget>

namespace Paddock::App {

class DiffView;

// One file's diff in two columns, old on the left and new on the right, each removed line beside the line
// that replaced it; the columns scroll together.
class SideBySideDiffView : public QWidget
{
    Q_OBJECT

public:
    explicit SideBySideDiffView(QWidget *parent = nullptr);

    void showDiff(const QString &path, const QByteArray &patch);
    void clearDiff();
    DiffView *oldSide() const { return m_old; }
    DiffView *newSide() const { return m_new; }

private:
    DiffView *m_old;
    DiffView *m_new;
};

} // namespace Paddock::App

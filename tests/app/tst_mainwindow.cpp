// The main window as a person sees it: shown, titled, and rendered.
#include "app/gui/mainwindow.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensTitledPaddock()
    {
        Paddock::App::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"Paddock"_s);
        const QPixmap shot = window.grab();
        QVERIFY(!shot.isNull());
        if (const QByteArray dir = qgetenv("PADDOCK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(dir) + u"/mainwindow.png"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

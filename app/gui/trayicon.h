#pragma once

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Paddock::App {

// Paddock's icon in the system tray: its tooltip and badge show how many sandboxes run and how many need
// attention, its menu shows the window, creates a sandbox or quits, and it carries the notifications.
// Create it only where QSystemTrayIcon::isSystemTrayAvailable().
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    void setState(int running, int needingAttention);
    QString toolTip() const;
    bool hasBadge() const { return m_needingAttention > 0; }
    void showMessage(const QString &title, const QString &text);
    QMenu *menu() const { return m_menu; }

Q_SIGNALS:
    void showWindowRequested(); // a click on the icon, or "Show Paddock"
    void newSandboxRequested();
    void quitRequested();
    void messageClicked();
    void messageShown(const QString &title);

private:
    void updateIcon();

    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    int m_running = 0;
    int m_needingAttention = 0;
};

} // namespace Paddock::App

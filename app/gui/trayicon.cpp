#include "app/gui/trayicon.h"

#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// The application icon with an orange dot in its corner: something waits for the user.
QIcon badged(const QIcon &icon)
{
    QIcon result;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = icon.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal diameter = size * 0.5;
        const QRectF dot(size - diameter, 0, diameter, diameter);
        painter.setPen(QPen(Qt::white, qMax(1.0, size / 16.0)));
        painter.setBrush(QColor(0xf0, 0x8c, 0x00));
        painter.drawEllipse(dot.adjusted(1, 1, -1, -1));
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_menu->addAction(tr("Show Paddock"), this, &TrayIcon::showWindowRequested);
    m_menu->addAction(tr("New Sandbox…"), this, &TrayIcon::newSandboxRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit Paddock"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
    updateIcon();
    m_tray->show();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a context menu has no parent: QSystemTrayIcon does not own it
}

void TrayIcon::setState(int running, int needingAttention)
{
    if (running == m_running && needingAttention == m_needingAttention)
        return;
    m_running = running;
    m_needingAttention = needingAttention;
    updateIcon();
}

QString TrayIcon::toolTip() const
{
    QStringList lines{tr("Paddock")};
    lines << (m_running == 0 ? tr("No sandbox running") : tr("%n sandbox(es) running", nullptr, m_running));
    if (m_needingAttention > 0)
        lines << tr("%n need(s) attention", nullptr, m_needingAttention);
    return lines.join(u'\n');
}

void TrayIcon::showMessage(const QString &title, const QString &text)
{
    m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
    Q_EMIT messageShown(title);
}

void TrayIcon::updateIcon()
{
    const QIcon icon(u":/icons/paddock.svg"_s);
    m_tray->setIcon(hasBadge() ? badged(icon) : icon);
    m_tray->setToolTip(toolTip());
}

} // namespace Paddock::App

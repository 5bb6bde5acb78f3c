#include "app/gui/reviewworker.h"

using namespace Qt::StringLiterals;

namespace Paddock::App {

ReviewWorker::ReviewWorker()
    : m_context(new QObject)
{
    m_thread.setObjectName(u"review"_s);
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

ReviewWorker::~ReviewWorker()
{
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

} // namespace Paddock::App

#include "app/gui/policytestbox.h"

#include "app/cli/policycommand.h"
#include "app/gui/statedot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

void setColour(QLabel *label, std::optional<QColor> colour,
               QPalette::ColorRole otherwise = QPalette::WindowText)
{
    if (colour) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, *colour);
        label->setPalette(palette);
        label->setForegroundRole(QPalette::WindowText);
    } else {
        label->setPalette({});
        label->setForegroundRole(otherwise);
    }
}

} // namespace

PolicyTestBox::PolicyTestBox(PolicySource source, QWidget *parent)
    : QGroupBox(tr("Test a URL"), parent)
    , m_source(std::move(source))
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_context(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_explanation(new QLabel(this))
{
    setObjectName(u"policyTest"_s);
    m_method->setObjectName(u"testMethod"_s);
    m_method->addItems({u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s});
    m_url->setObjectName(u"testUrl"_s);
    m_url->setPlaceholderText(tr("https://api.github.com/repos, http://host:8080/path or host:port"));
    m_url->setClearButtonEnabled(true);
    m_context->setObjectName(u"testContext"_s);
    m_context->setWordWrap(true);
    m_context->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_context->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    m_context->setFont(small);
    m_verdict->setObjectName(u"testVerdict"_s);
    m_verdict->setTextFormat(Qt::PlainText); // the URL is the user's
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_explanation->setObjectName(u"testExplanation"_s);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Room for a typical answer, so the window does not jump as the user types.
    m_explanation->setMinimumHeight(m_explanation->fontMetrics().lineSpacing() * 4);

    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    auto *row = new QHBoxLayout;
    row->addWidget(urlLabel);
    row->addWidget(m_method);
    row->addWidget(m_url, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_context);
    layout->addSpacing(4);
    layout->addWidget(m_verdict);
    layout->addWidget(m_explanation);

    connect(m_url, &QLineEdit::textChanged, this, &PolicyTestBox::update);
    connect(m_method, &QComboBox::currentIndexChanged, this, &PolicyTestBox::update);
    update();
}

void PolicyTestBox::setContext(const QString &text)
{
    m_context->setText(text);
}

void PolicyTestBox::setFootnote(const QString &text)
{
    m_footnote = text;
}

void PolicyTestBox::showProblem(const QString &message)
{
    m_verdict->clear();
    m_explanation->setText(message);
    setColour(m_explanation, stateColour(StateLook::Failed));
}

void PolicyTestBox::update()
{
    const QString url = m_url->text().trimmed();
    if (url.isEmpty()) {
        m_verdict->clear();
        m_explanation->setText(
            tr("Type a URL to see whether a sandbox may reach it, and which rule decides."));
        setColour(m_explanation, std::nullopt, QPalette::PlaceholderText);
        return;
    }
    const auto request = PolicyCommand::explainRequest(url, m_method->currentText());
    if (!request)
        return showProblem(request.error().message);
    const auto policy = m_source();
    if (!policy)
        return showProblem(policy.error().message);
    const PolicyDecision decision = policy->matcher()->explain(*request);
    const QString target =
        request->host.authorityHost() + u':' + QString::number(request->port) + request->path;
    //: The answer of "Test a URL": the method and the URL, e.g. "Allowed: GET api.github.com:443/repos".
    m_verdict->setText(decision.allowed ? tr("Allowed: %1 %2").arg(request->method, target)
                                        : tr("Blocked: %1 %2").arg(request->method, target));
    setColour(m_verdict, stateColour(decision.allowed ? StateLook::Running : StateLook::Failed));
    QStringList lines = PolicyCommand::explanationLines(decision);
    if (!m_footnote.isEmpty())
        lines.append(m_footnote);
    m_explanation->setText(lines.join(u'\n'));
    setColour(m_explanation, std::nullopt);
}

} // namespace Paddock::App

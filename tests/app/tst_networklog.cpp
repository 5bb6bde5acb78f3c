// The live network log: its models (rows, bounds, filters, counts per host) on scripted decisions, the rules
// a row proposes, export, and end to end with a real namespace sandbox whose blocked request becomes an
// allowed one after a click, persisted as the CLI would and applied to the running sandbox at once. The
// screenshot goes to $PADDOCK_SCREENSHOTS (default: the temporary folder) to be looked at.
#include "app/gui/hostcountmodel.h"
#include "app/gui/networklogexport.h"
#include "app/gui/networklogfilter.h"
#include "app/gui/networklogmodel.h"
#include "app/gui/networklogwidget.h"
#include "app/gui/ruleproposal.h"
#include "app/gui/ruleproposalbar.h"
#include "app/host/sandboxhost.h"
#include "core/policyfile.h"
#include "core/sandboxstore.h"

#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;
using Verdict = Proxy::DecisionEvent::Verdict;

namespace {

Proxy::DecisionEvent decision(const QString &sandbox, Verdict verdict, const QString &method,
                              const QString &host, quint16 port, const QString &path = {},
                              const QString &rule = {}, qint64 up = 0, qint64 down = 0)
{
    static QDateTime clock = QDateTime(QDate(2025, 3, 14), QTime(9, 41, 0), Qt::UTC);
    clock = clock.addMSecs(1700);
    Proxy::DecisionEvent event;
    event.time = clock;
    event.sandbox = sandbox;
    event.verdict = verdict;
    event.method = method;
    event.host = host;
    event.port = port;
    event.path = path;
    event.rule = rule.isEmpty() ? (verdict == Verdict::Allow ? u"allow "_s + host : u"default-deny"_s) : rule;
    event.reason = verdict == Verdict::Allow ? u"Allowed by a rule."_s : u"No rule allows this host."_s;
    event.bytesUp = up;
    event.bytesDown = down;
    return event;
}

QStringList hostsShown(const QAbstractItemModel &model)
{
    QStringList hosts;
    for (int row = 0; row < model.rowCount(); ++row)
        hosts.append(model.index(row, NetworkLogModel::Host).data().toString());
    return hosts;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestNetworkLog : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspaces;
    Test::LoopbackOrigin m_origin;
    std::unique_ptr<SandboxHost> m_host;

    // A plain HTTP request from agent-1 to the loopback origin, through its proxy: the answer's bytes.
    QByteArray requestFromSandbox(const QString &path)
    {
        return Test::requestFromSandbox(m_host->manager().controlSocketOf(u"agent-1"_s),
                                        u"127.0.0.1:%1"_s.arg(m_origin.serverPort()), path);
    }

    // The rows a widget lists, one line each: what a failed count shows (it failed once, under load, with 2).
    static QString rowsOf(const NetworkLogWidget &widget)
    {
        QStringList rows;
        for (int row = 0; row < widget.model()->rowCount(); ++row) {
            const Proxy::DecisionEvent &event = widget.model()->event(row);
            rows.append(u"%1 %2 %3:%4%5 %6 (%7)"_s
                            .arg(event.time.toString(Qt::ISODateWithMs), event.sandbox, event.host)
                            .arg(event.port)
                            .arg(event.path, event.rule, event.reason));
        }
        return rows.join(u'\n');
    }

    static QPushButton *button(const NetworkLogWidget &widget, const QString &name)
    {
        return widget.findChild<QPushButton *>(name);
    }

    // Selects the newest row shown and clicks a row action's button; returns the proposal bar.
    static RuleProposalBar *clickOnNewest(NetworkLogWidget &widget, const QString &buttonName)
    {
        QTableView *view = widget.view();
        const QModelIndex newest = view->model()->index(view->model()->rowCount() - 1, NetworkLogModel::Host);
        view->scrollTo(newest);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(newest).center());
        QTest::mouseClick(button(widget, buttonName), Qt::LeftButton);
        return widget.findChild<RuleProposalBar *>();
    }

    QList<QString> sandboxRules(const QString &name)
    {
        return Core::SandboxStore(m_host->paths().sandboxesDir()).find(name)->policyRules;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"bwrap"_s).isEmpty())
            QFAIL("bwrap is missing: scripts/setup-deps.sh installs bubblewrap");
        QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_GUEST")));
        QVERIFY(m_origin.listen(QHostAddress::LocalHost, 0));
        m_host = std::make_unique<SandboxHost>(Core::Paths(QProcessEnvironment::systemEnvironment()));
        QVERIFY(m_host->open());
        for (const QString &name : {u"agent-1"_s, u"agent-2"_s}) {
            Vm::CreateOptions options;
            options.name = name;
            options.templateId = u"shell"_s;
            options.presetId = u"balanced"_s;
            options.workspace = m_workspaces.filePath(name);
            QDir().mkpath(options.workspace);
            const auto created = m_host->manager().create(options);
            QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        }
    }

    void cleanupTestCase()
    {
        m_host->manager().stopAll();
        m_host.reset();
    }

    void modelListsDecisionsOldestFirst()
    {
        NetworkLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), 10);
        QCOMPARE(model.headerData(NetworkLogModel::Verdict, Qt::Horizontal, Qt::DisplayRole).toString(),
                 u"Verdict"_s);
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"api.anthropic.com"_s, 443, {},
                              u"allow api.anthropic.com:443"_s, 18400, 92100));
        model.append(decision(u"agent-2"_s, Verdict::Deny, u"GET"_s, u"blocked.example"_s, 80, u"/x"_s));
        model.append(decision(u"agent-2"_s, Verdict::Error, u"CONNECT"_s, u"gone.example"_s, 443));
        QCOMPARE(model.rowCount(), 3);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, NetworkLogModel::Host).toString(), u"api.anthropic.com"_s);
        QCOMPARE(cell(0, NetworkLogModel::Verdict).toString(), u"Allowed"_s);
        QCOMPARE(cell(0, NetworkLogModel::Port).toString(), u"443"_s);
        QCOMPARE(cell(0, NetworkLogModel::Rule).toString(), u"allow api.anthropic.com:443"_s);
        QCOMPARE(cell(0, NetworkLogModel::Up).toString(), u"18.4 kB"_s);
        QCOMPARE(cell(0, NetworkLogModel::Down).toString(), u"92.1 kB"_s);
        QCOMPARE(cell(0, NetworkLogModel::Time).toString(),
                 model.event(0).time.toLocalTime().toString(u"HH:mm:ss"_s));
        QCOMPARE(cell(1, NetworkLogModel::Verdict).toString(), u"Blocked"_s);
        QCOMPARE(cell(1, NetworkLogModel::Path).toString(), u"/x"_s);
        QCOMPARE(cell(1, NetworkLogModel::Up).toString(), QString()); // nothing moved
        QCOMPARE(cell(1, NetworkLogModel::Method, Qt::ToolTipRole).toString(),
                 u"No rule allows this host."_s);
        QCOMPARE(cell(2, NetworkLogModel::Verdict).toString(), u"Failed"_s);
        QCOMPARE(cell(2, 0, NetworkLogModel::OutcomeRole).toInt(), int(NetworkLogModel::Outcome::Blocked));
        QCOMPARE(cell(0, 0, NetworkLogModel::OutcomeRole).toInt(), int(NetworkLogModel::Outcome::Allowed));
        // Each verdict has its own colour.
        const QPixmap allowed = cell(0, NetworkLogModel::Verdict, Qt::DecorationRole).value<QPixmap>();
        const QPixmap blocked = cell(1, NetworkLogModel::Verdict, Qt::DecorationRole).value<QPixmap>();
        QVERIFY(!allowed.isNull() && !blocked.isNull());
        QVERIFY(allowed.toImage().pixelColor(5, 5) != blocked.toImage().pixelColor(5, 5));
        QVERIFY(cell(0, NetworkLogModel::Host, Qt::DecorationRole).isNull());
    }

    void modelDropsTheOldestPastItsCapacity()
    {
        NetworkLogModel model(3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsAboutToBeRemoved);
        for (int i = 1; i <= 5; ++i)
            model.append(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"host-%1.example"_s.arg(i), 80));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(hostsShown(model),
                 (QStringList{u"host-3.example"_s, u"host-4.example"_s, u"host-5.example"_s}));
        QCOMPARE(removed.size(), 2);
        for (const QList<QVariant> &arguments : std::as_const(removed)) {
            QCOMPARE(arguments.at(1).toInt(), 0);
            QCOMPARE(arguments.at(2).toInt(), 0);
        }
        QCOMPARE(NetworkLogModel().capacity(), 10000);
    }

    void filterBySandboxVerdictAndHost_data()
    {
        QTest::addColumn<QString>("sandbox");
        QTest::addColumn<int>("outcome"); // -1: both
        QTest::addColumn<QString>("hostText");
        QTest::addColumn<QStringList>("expected");
        const QStringList all{u"github.com"_s, u"blocked.example"_s, u"api.github.com"_s, u"gone.example"_s};
        QTest::newRow("everything") << QString() << -1 << QString() << all;
        QTest::newRow("one sandbox") << u"agent-2"_s << -1 << QString()
                                     << QStringList{u"blocked.example"_s, u"gone.example"_s};
        QTest::newRow("allowed") << QString() << int(NetworkLogModel::Outcome::Allowed) << QString()
                                 << QStringList{u"github.com"_s, u"api.github.com"_s};
        QTest::newRow("blocked, errors included")
            << QString() << int(NetworkLogModel::Outcome::Blocked) << QString()
            << QStringList{u"blocked.example"_s, u"gone.example"_s};
        QTest::newRow("host, any case")
            << QString() << -1 << u" GitHub "_s << QStringList{u"github.com"_s, u"api.github.com"_s};
        QTest::newRow("all three") << u"agent-1"_s << int(NetworkLogModel::Outcome::Allowed) << u"api"_s
                                   << QStringList{u"api.github.com"_s};
        QTest::newRow("nothing") << u"agent-3"_s << -1 << QString() << QStringList();
    }

    void filterBySandboxVerdictAndHost()
    {
        QFETCH(QString, sandbox);
        QFETCH(int, outcome);
        QFETCH(QString, hostText);
        QFETCH(QStringList, expected);
        NetworkLogModel model;
        NetworkLogFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443));
        model.append(decision(u"agent-2"_s, Verdict::Deny, u"GET"_s, u"blocked.example"_s, 80, u"/"_s));
        filter.setSandbox(sandbox);
        filter.setOutcome(outcome < 0 ? std::nullopt : std::optional(NetworkLogModel::Outcome(outcome)));
        filter.setHostText(hostText);
        QCOMPARE(filter.isFiltering(), !sandbox.isEmpty() || outcome >= 0 || !hostText.trimmed().isEmpty());
        // Rows that arrive while a filter is set are filtered too.
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"api.github.com"_s, 443));
        model.append(decision(u"agent-2"_s, Verdict::Error, u"CONNECT"_s, u"gone.example"_s, 443));
        QCOMPARE(hostsShown(filter), expected);
    }

    void hostCountsFollowTheRowsShown()
    {
        NetworkLogModel model(4);
        NetworkLogFilter filter;
        filter.setSourceModel(&model);
        HostCountModel counts;
        counts.setSourceModel(&filter);
        QAbstractItemModelTester tester(&counts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto countsOf = [&](const QString &host) {
            const int row = counts.rowOf(host);
            if (row < 0)
                return QPair<int, int>(-1, -1);
            return QPair<int, int>(counts.index(row, HostCountModel::Requests).data().toInt(),
                                   counts.index(row, HostCountModel::Blocked).data().toInt());
        };
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443));
        model.append(decision(u"agent-1"_s, Verdict::Deny, u"CONNECT"_s, u"github.com"_s, 22));
        model.append(decision(u"agent-2"_s, Verdict::Deny, u"GET"_s, u"blocked.example"_s, 80, u"/"_s));
        model.append(decision(u"agent-2"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443));
        QCOMPARE(counts.rowCount(), 2);
        QCOMPARE(countsOf(u"github.com"_s), qMakePair(3, 1));
        QCOMPARE(countsOf(u"blocked.example"_s), qMakePair(1, 1));
        QCOMPARE(counts.index(0, HostCountModel::Host).data().toString(), u"github.com"_s);
        // The filter narrows the counts to the rows shown...
        filter.setSandbox(u"agent-2"_s);
        QCOMPARE(countsOf(u"github.com"_s), qMakePair(1, 0));
        QCOMPARE(countsOf(u"blocked.example"_s), qMakePair(1, 1));
        filter.setOutcome(NetworkLogModel::Outcome::Allowed);
        QCOMPARE(countsOf(u"blocked.example"_s), qMakePair(-1, -1));
        filter.setSandbox({});
        filter.setOutcome(std::nullopt);
        QCOMPARE(countsOf(u"github.com"_s), qMakePair(3, 1));
        // ...and rows dropped from the log are counted out: the oldest github.com row goes, then
        // blocked.example's only row.
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"pypi.org"_s, 443, u"/simple/"_s));
        QCOMPARE(countsOf(u"github.com"_s), qMakePair(2, 1));
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"pypi.org"_s, 443, u"/simple/"_s));
        model.append(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"pypi.org"_s, 443, u"/simple/"_s));
        QCOMPARE(countsOf(u"blocked.example"_s), qMakePair(-1, -1));
        QCOMPARE(countsOf(u"pypi.org"_s), qMakePair(3, 0));
        QCOMPARE(counts.rowCount(), 2);
        model.clear();
        QCOMPARE(counts.rowCount(), 0);
    }

    void proposesTheNarrowestRule_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("allow");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("tunnel: host and port only")
            << u"CONNECT"_s << u"api.example.com"_s << 443 << QString() << true
            << QStringList{u"allow api.example.com:443"_s};
        QTest::newRow("plain http: method and path first")
            << u"GET"_s << u"deb.example.org"_s << 80 << u"/debian/dists/InRelease"_s << true
            << QStringList{u"allow GET deb.example.org:80/debian/dists/InRelease"_s,
                           u"allow deb.example.org:80"_s};
        QTest::newRow("deny") << u"POST"_s << u"upload.example"_s << 8080 << u"/v1"_s << false
                              << QStringList{u"deny POST upload.example:8080/v1"_s,
                                             u"deny upload.example:8080"_s};
        QTest::newRow("IPv4 address")
            << u"GET"_s << u"127.0.0.1"_s << 4242 << u"/x"_s << true
            << QStringList{u"allow GET 127.0.0.1:4242/x"_s, u"allow 127.0.0.1:4242"_s};
        QTest::newRow("IPv6 address") << u"CONNECT"_s << u"fd00::1"_s << 443 << QString() << true
                                      << QStringList{u"allow [fd00::1]:443"_s};
        QTest::newRow("a path the grammar cannot state")
            << u"GET"_s << u"a.example"_s << 80 << u"/a,b*"_s << true << QStringList{u"allow a.example:80"_s};
        QTest::newRow("a method that is not a token")
            << u"get"_s << u"a.example"_s << 80 << u"/"_s << true << QStringList{u"allow a.example:80"_s};
        QTest::newRow("malformed host")
            << u"GET"_s << u"bad host%"_s << 80 << u"/"_s << true << QStringList();
        QTest::newRow("no port") << u"GET"_s << u"a.example"_s << 0 << u"/"_s << true << QStringList();
    }

    void proposesTheNarrowestRule()
    {
        QFETCH(QString, method);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, path);
        QFETCH(bool, allow);
        QFETCH(QStringList, expected);
        const auto event = decision(u"agent-1"_s, Verdict::Deny, method, host, quint16(port), path);
        QStringList rules;
        for (const RuleProposal::Candidate &candidate : RuleProposal::candidates(
                 event, allow ? Core::PolicyRule::Action::Allow : Core::PolicyRule::Action::Deny)) {
            rules.append(candidate.rule);
            QVERIFY(!candidate.description.isEmpty());
            QVERIFY(RuleProposal::matches(*Core::PolicyRule::parse(candidate.rule), event));
        }
        QCOMPARE(rules, expected);
        // A rule for another host or port does not match.
        QVERIFY(!RuleProposal::matches(*Core::PolicyRule::parse(u"allow other.example:443"_s), event));
    }

    void exportWritesTheRowsShown()
    {
        NetworkLogWidget widget(*m_host);
        auto tricky = decision(u"agent-1"_s, Verdict::Deny, u"GET"_s, u"a.example"_s, 80, u"/q,\"x\""_s);
        tricky.reason = u"=HYPERLINK(\"http://evil\")"_s;
        Q_EMIT m_host->decided(decision(u"agent-2"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443, {},
                                        u"allow github.com:443"_s, 1200, 34000));
        Q_EMIT m_host->decided(tricky);
        Q_EMIT m_host->decided(decision(u"agent-2"_s, Verdict::Deny, u"CONNECT"_s, u"x.example"_s, 443));
        QCOMPARE(widget.model()->rowCount(), 3);
        widget.findChild<QComboBox *>(u"sandboxFilter"_s)
            ->setCurrentIndex(widget.findChild<QComboBox *>(u"sandboxFilter"_s)->findData(u"agent-2"_s));
        QCOMPARE(widget.filter()->rowCount(), 2);
        QVERIFY(widget.view()->isColumnHidden(NetworkLogModel::Sandbox));

        QTemporaryDir folder;
        const QString csvPath = folder.filePath(u"log.csv"_s);
        QVERIFY(widget.exportTo(csvPath, NetworkLogExport::Format::Csv));
        const QList<QByteArray> lines = readFile(csvPath).split('\n');
        QCOMPARE(lines.size(), 4); // header, two rows, the final line break
        QCOMPARE(lines[0],
                 QByteArray("time,sandbox,verdict,method,host,port,path,rule,reason,bytesUp,bytesDown\r"));
        QVERIFY2(lines[1].endsWith(",agent-2,allow,CONNECT,github.com,443,,allow github.com:443,Allowed by a "
                                   "rule.,1200,34000\r"),
                 lines[1].constData());
        QVERIFY(lines[1].startsWith("2025-03-14T"));
        QVERIFY(lines[2].contains(",agent-2,deny,CONNECT,x.example,443,,default-deny,"));

        // JSON has the audit log's fields; quotes, commas and formulas in CSV are kept as text.
        widget.findChild<QComboBox *>(u"sandboxFilter"_s)->setCurrentIndex(0);
        const QString jsonPath = folder.filePath(u"log.json"_s);
        QVERIFY(widget.exportTo(jsonPath, NetworkLogExport::Format::Json));
        const QJsonArray array = QJsonDocument::fromJson(readFile(jsonPath)).array();
        QCOMPARE(array.size(), 3);
        QCOMPARE(array[0].toObject().value(u"host"_s).toString(), u"github.com"_s);
        QCOMPARE(array[0].toObject().value(u"bytesDown"_s).toInteger(), 34000);
        QCOMPARE(array[1].toObject().value(u"path"_s).toString(), u"/q,\"x\""_s);
        QCOMPARE(array[1].toObject().value(u"verdict"_s).toString(), u"deny"_s);
        QCOMPARE(Proxy::DecisionEvent::fromJson(array[2].toObject())->host, u"x.example"_s);
        QVERIFY(widget.exportTo(csvPath, NetworkLogExport::Format::Csv));
        const QByteArray csv = readFile(csvPath);
        QVERIFY2(csv.contains(",\"/q,\"\"x\"\"\",default-deny,\"'=HYPERLINK(\"\"http://evil\"\")\",0,0\r\n"),
                 csv.constData());
        QVERIFY(
            !widget.exportTo(folder.filePath(u"no/such/folder/log.csv"_s), NetworkLogExport::Format::Csv));
    }

    void showsWhatWillAppearUntilRowsDo()
    {
        NetworkLogWidget widget(*m_host);
        widget.resize(900, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        auto *empty = widget.findChild<QLabel *>(u"networkLogEmpty"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"Each request a sandbox makes"_s));
        QVERIFY(!button(widget, u"exportLog"_s)->isEnabled());
        QVERIFY(!widget.view()->isVisible());
        QVERIFY(!button(widget, u"allowForSandboxButton"_s)->isEnabled()); // nothing selected
        QVERIFY(widget.grab().save(Test::screenshotPath(u"network-log-empty.png"_s)));
        Q_EMIT m_host->decided(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443));
        QVERIFY(widget.view()->isVisible());
        QVERIFY(!empty->isVisible());
        QCOMPARE(widget.findChild<QLabel *>(u"networkLogTotal"_s)->text(), u"One request"_s);
        QVERIFY(button(widget, u"exportLog"_s)->isEnabled());
        widget.findChild<QLineEdit *>(u"hostFilter"_s)->setText(u"nothing-like-this"_s);
        QVERIFY(empty->isVisible());
        QCOMPARE(empty->text(), u"No request matches the filter."_s);
        QCOMPARE(widget.findChild<QLabel *>(u"networkLogTotal"_s)->text(), u"0 of 1 shown"_s);
    }

    // At the bottom, new rows scroll into view; scrolled up to read, the view stays where the user is.
    void followsNewRowsOnlyFromTheBottom()
    {
        NetworkLogWidget widget(*m_host);
        widget.resize(900, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        for (int i = 0; i < 200; ++i)
            Q_EMIT m_host->decided(
                decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"host-%1.example"_s.arg(i), 80));
        QScrollBar *bar = widget.view()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());
        const QRect last = widget.view()->visualRect(widget.filter()->index(199, 0));
        QVERIFY(widget.view()->viewport()->rect().intersects(last));
        bar->setValue(0);
        Q_EMIT m_host->decided(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"late.example"_s, 80));
        QTest::qWait(20);
        QCOMPARE(bar->value(), 0);
        bar->setValue(bar->maximum());
        Q_EMIT m_host->decided(decision(u"agent-1"_s, Verdict::Allow, u"GET"_s, u"later.example"_s, 80));
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    // The proposal is shown first, checked with the parser as it is edited, and saved only on Add Rule.
    void proposalIsCheckedBeforeItIsSaved()
    {
        NetworkLogWidget widget(*m_host);
        widget.resize(1000, 400);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        Q_EMIT m_host->decided(decision(u"agent-2"_s, Verdict::Deny, u"CONNECT"_s, u"api.openai.com"_s, 443));
        RuleProposalBar *bar = clickOnNewest(widget, u"allowForSandboxButton"_s);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->ruleText(), u"allow api.openai.com:443"_s);
        QCOMPARE(bar->sandbox(), u"agent-2"_s);
        auto *message = bar->findChild<QLabel *>(u"ruleMessage"_s);
        QCOMPARE(message->text(), u"This host on port 443."_s);
        auto *text = bar->findChild<QComboBox *>(u"ruleText"_s);
        auto *add = bar->findChild<QPushButton *>(u"addRule"_s);
        text->lineEdit()->selectAll();
        QTest::keyClicks(text->lineEdit(), u"allow api.openai.com:99999"_s);
        QVERIFY(!add->isEnabled());
        QVERIFY2(message->text().contains(u"99999"_s), qPrintable(message->text()));
        text->lineEdit()->selectAll();
        QTest::keyClicks(text->lineEdit(), u"allow **.openai.com:443"_s);
        QVERIFY(add->isEnabled());
        QCOMPARE(message->text(), u"Matches the selected request."_s);
        text->lineEdit()->selectAll();
        QTest::keyClicks(text->lineEdit(), u"allow example.org:443"_s);
        QCOMPARE(message->text(), u"This rule does not match the selected request."_s);
        // Allow Everywhere proposes the same rule for the global rules; Cancel saves nothing.
        bar = clickOnNewest(widget, u"allowEverywhereButton"_s);
        QCOMPARE(bar->sandbox(), QString());
        QTest::mouseClick(bar->findChild<QPushButton *>(u"cancelRule"_s), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QVERIFY(sandboxRules(u"agent-2"_s).isEmpty());
        QVERIFY(Core::PolicyFile::load(m_host->paths().globalPolicyFile())->rules.isEmpty());
    }

    void contextMenuOffersTheRowActions()
    {
        NetworkLogWidget widget(*m_host);
        widget.resize(1000, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        Q_EMIT m_host->decided(decision(u"agent-1"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443));
        Q_EMIT m_host->decided(decision(u"agent-1"_s, Verdict::Deny, u"CONNECT"_s, u"x.example"_s, 443));
        QTableView *view = widget.view();
        const QPoint where = view->visualRect(view->model()->index(1, NetworkLogModel::Host)).center();
        QStringList offered;
        QTimer::singleShot(100, this, [&offered] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction *action : menu->actions()) {
                if (!action->isSeparator())
                    offered.append(action->text());
            }
            menu->actions().last()->trigger(); // Show Only This Host
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, where, view->viewport()->mapToGlobal(where));
        QApplication::sendEvent(view->viewport(), &event);
        QCOMPARE(offered, (QStringList{u"Allow for This Sandbox…"_s, u"Allow Everywhere…"_s, u"Deny…"_s,
                                       u"Show Only This Host"_s}));
        QCOMPARE(widget.findChild<QLineEdit *>(u"hostFilter"_s)->text(), u"x.example"_s);
        QCOMPARE(hostsShown(*widget.filter()), QStringList{u"x.example"_s});
    }

    void screenshot()
    {
        NetworkLogWidget widget(*m_host);
        // A morning's traffic of two agents: their APIs and registries often, a few blocked surprises.
        const QList<Proxy::DecisionEvent> traffic{
            decision(u"claude-api"_s, Verdict::Allow, u"CONNECT"_s, u"api.anthropic.com"_s, 443, {},
                     u"allow api.anthropic.com:443"_s, 48213, 391877),
            decision(u"claude-api"_s, Verdict::Allow, u"CONNECT"_s, u"registry.npmjs.org"_s, 443, {},
                     u"allow registry.npmjs.org:443"_s, 3120, 2841003),
            decision(u"codex-web"_s, Verdict::Allow, u"CONNECT"_s, u"api.openai.com"_s, 443, {},
                     u"allow **.openai.com:443"_s, 22190, 80412),
            decision(u"claude-api"_s, Verdict::Allow, u"CONNECT"_s, u"github.com"_s, 443, {},
                     u"allow github.com:443"_s, 9877, 120443),
            decision(u"codex-web"_s, Verdict::Deny, u"CONNECT"_s, u"telemetry.example-analytics.io"_s, 443),
            decision(u"claude-api"_s, Verdict::Allow, u"GET"_s, u"deb.debian.org"_s, 80,
                     u"/debian/dists/bookworm/InRelease"_s, u"allow **.debian.org:80"_s, 412, 151224),
            decision(u"codex-web"_s, Verdict::Deny, u"GET"_s, u"169.254.169.254"_s, 80,
                     u"/latest/meta-data/iam/security-credentials/"_s, u"address-vetting"_s),
            decision(u"claude-api"_s, Verdict::Allow, u"CONNECT"_s, u"objects.githubusercontent.com"_s, 443,
                     {}, u"allow **.githubusercontent.com:443"_s, 2210, 1048576),
            decision(u"codex-web"_s, Verdict::Deny, u"POST"_s, u"paste.example.net"_s, 80, u"/api/upload"_s),
            decision(u"claude-api"_s, Verdict::Error, u"CONNECT"_s, u"pypi.org"_s, 443, {},
                     u"allow pypi.org:443"_s),
            decision(u"claude-api"_s, Verdict::Allow, u"CONNECT"_s, u"files.pythonhosted.org"_s, 443, {},
                     u"allow files.pythonhosted.org:443"_s, 1804, 5320112),
            decision(u"codex-web"_s, Verdict::Deny, u"CONNECT"_s, u"api.stripe.com"_s, 443),
        };
        QDateTime time(QDate(2025, 3, 14), QTime(9, 41, 0));
        const auto add = [&](Proxy::DecisionEvent event) {
            time = time.addMSecs(2300);
            event.time = time;
            Q_EMIT m_host->decided(event);
        };
        // The frequent ones again and again, so the counts per host say something.
        for (int round = 0; round < 6; ++round) {
            for (int i : {0, 1, 2, 0, 3, 2, 0})
                add(traffic[i]);
            if (round % 2 == 0)
                add(traffic[4]);
        }
        for (const Proxy::DecisionEvent &event : traffic)
            add(event);
        widget.resize(1400, 460);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        clickOnNewest(widget, u"allowForSandboxButton"_s);
        QTest::qWait(50);
        QVERIFY(widget.grab().save(Test::screenshotPath(u"network-log.png"_s)));
    }

    // A real sandbox's request to a host no rule allows is blocked and listed; "Allow for This Sandbox"
    // saves the narrowest rule in that sandbox's record and the same request goes through at once.
    void allowingABlockedRequestTakesEffectLive()
    {
        NetworkLogWidget widget(*m_host);
        widget.resize(1200, 400);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        const auto started = m_host->start(u"agent-1"_s);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        const QString authority = u"127.0.0.1:%1"_s.arg(m_origin.serverPort());

        const QByteArray blocked = requestFromSandbox(u"/x"_s);
        QVERIFY2(blocked.startsWith("HTTP/1.1 403"), blocked.constData());
        QTRY_VERIFY2(widget.model()->rowCount() == 1, qPrintable(rowsOf(widget)));
        const Proxy::DecisionEvent &row = widget.model()->event(0);
        QCOMPARE(row.sandbox, u"agent-1"_s);
        QCOMPARE(row.verdict, Verdict::Deny);
        QCOMPARE(row.host, u"127.0.0.1"_s);
        QCOMPARE(row.port, m_origin.serverPort());
        QCOMPARE(widget.filter()->index(0, NetworkLogModel::Verdict).data().toString(), u"Blocked"_s);
        // The start-up self-test's metadata probe is in the audit log, marked as such, and not listed.
        const QByteArray audit = readFile(m_host->paths().auditLogDir() + u"/audit.jsonl"_s);
        QVERIFY2(audit.contains("\"host\":\"169.254.169.254\""), audit.constData());
        for (const QByteArray &line : audit.split('\n')) {
            if (line.contains("169.254.169.254"))
                QVERIFY2(line.contains("\"startingUp\":true"), line.constData());
            else if (line.contains("127.0.0.1"))
                QVERIFY2(!line.contains("startingUp"), line.constData());
        }

        RuleProposalBar *bar = clickOnNewest(widget, u"allowForSandboxButton"_s);
        const QString rule = u"allow GET %1/x"_s.arg(authority);
        QCOMPARE(bar->ruleText(), rule);
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QVERIFY2(widget.findChild<QLabel *>(u"networkLogStatus"_s)->text().contains(rule),
                 qPrintable(widget.findChild<QLabel *>(u"networkLogStatus"_s)->text()));
        // Saved where `paddock policy allow --sandbox agent-1` saves it, and nowhere else.
        QCOMPARE(sandboxRules(u"agent-1"_s), QStringList{rule});
        QVERIFY(sandboxRules(u"agent-2"_s).isEmpty());
        QVERIFY(Core::PolicyFile::load(m_host->paths().globalPolicyFile())->rules.isEmpty());

        const QByteArray allowed = requestFromSandbox(u"/x"_s);
        QVERIFY2(allowed.startsWith("HTTP/1.1 200 OK") && allowed.endsWith("hello-from-origin"),
                 allowed.constData());
        QTRY_COMPARE(widget.model()->rowCount(), 2);
        QCOMPARE(widget.model()->event(1).verdict, Verdict::Allow);
        QCOMPARE(widget.model()->event(1).rule, rule);
        // Only what the rule names: another path is still blocked.
        QVERIFY(requestFromSandbox(u"/other"_s).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(widget.model()->rowCount(), 3);
    }

    // "Allow Everywhere" writes the global policy file and reaches every running sandbox; "Deny" then blocks
    // the same request again, without a restart.
    void allowEverywhereAndDenyTakeEffectLive()
    {
        QVERIFY(m_host->manager().isRunning(u"agent-1"_s));
        NetworkLogWidget widget(*m_host);
        widget.resize(1200, 400);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        const QString authority = u"127.0.0.1:%1"_s.arg(m_origin.serverPort());

        QVERIFY(requestFromSandbox(u"/y"_s).startsWith("HTTP/1.1 403"));
        QTRY_VERIFY2(widget.model()->rowCount() == 1, qPrintable(rowsOf(widget)));
        RuleProposalBar *bar = clickOnNewest(widget, u"allowEverywhereButton"_s);
        QCOMPARE(bar->sandbox(), QString());
        // The broader of the two proposals: this address and port, any method and path.
        auto *text = bar->findChild<QComboBox *>(u"ruleText"_s);
        QCOMPARE(text->count(), 2);
        text->setCurrentIndex(1);
        QCOMPARE(bar->ruleText(), u"allow %1"_s.arg(authority));
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        const auto global = Core::PolicyFile::load(m_host->paths().globalPolicyFile());
        QVERIFY(global);
        QCOMPARE(global->rules.size(), 1);
        QCOMPARE(global->rules.first().toString(), u"allow %1"_s.arg(authority));
        QVERIFY(requestFromSandbox(u"/y"_s).endsWith("hello-from-origin"));
        QTRY_COMPARE(widget.model()->rowCount(), 2);
        QCOMPARE(widget.model()->event(1).verdict, Verdict::Allow);

        bar = clickOnNewest(widget, u"denyButton"_s);
        QCOMPARE(bar->sandbox(), u"agent-1"_s);
        QCOMPARE(bar->ruleText(), u"deny GET %1/y"_s.arg(authority));
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QVERIFY(sandboxRules(u"agent-1"_s).contains(u"deny GET %1/y"_s.arg(authority)));
        QVERIFY(requestFromSandbox(u"/y"_s).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(widget.model()->rowCount(), 3);
        QCOMPARE(widget.model()->event(2).rule, u"deny GET %1/y"_s.arg(authority));
    }

    // A rule that a more specific one overrides is saved, and the user is told it changes nothing here.
    void saysWhenAMoreSpecificRuleStillDecides()
    {
        const QString denied = u"deny GET 127.0.0.1:%1/z"_s.arg(m_origin.serverPort());
        QVERIFY(m_host->addRule(*Core::PolicyRule::parse(denied), u"agent-2"_s)); // agent-2 is not running
        QVERIFY(sandboxRules(u"agent-2"_s).contains(denied));
        NetworkLogWidget widget(*m_host);
        widget.show();
        Q_EMIT m_host->decided(decision(u"agent-2"_s, Verdict::Deny, u"GET"_s, u"127.0.0.1"_s,
                                        m_origin.serverPort(), u"/z"_s, denied));
        RuleProposalBar *bar = clickOnNewest(widget, u"allowForSandboxButton"_s);
        auto *text = bar->findChild<QComboBox *>(u"ruleText"_s);
        text->setCurrentIndex(1); // allow 127.0.0.1:PORT: less specific than the deny for /z
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        const QString status = widget.findChild<QLabel *>(u"networkLogStatus"_s)->text();
        QVERIFY2(status.contains(u"still decides"_s) && status.contains(denied), qPrintable(status));
        // The narrowest proposal, equally specific, still loses to the deny: at equal specificity deny wins.
        bar = clickOnNewest(widget, u"allowForSandboxButton"_s);
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QVERIFY(
            widget.findChild<QLabel *>(u"networkLogStatus"_s)->text().contains(u"equally specific deny"_s));
        // A rule that now decides the request says only where it went.
        bar = clickOnNewest(widget, u"denyButton"_s);
        text = bar->findChild<QComboBox *>(u"ruleText"_s);
        text->setCurrentIndex(1);
        QTest::mouseClick(bar->findChild<QPushButton *>(u"addRule"_s), Qt::LeftButton);
        QCOMPARE(widget.findChild<QLabel *>(u"networkLogStatus"_s)->text(),
                 u"Added \"deny 127.0.0.1:%1\" to the rules of agent-2."_s.arg(m_origin.serverPort()));
    }
};

QTEST_MAIN(TestNetworkLog)
#include "tst_networklog.moc"

// The policy editor: its rules model on its own, then the widget on real files and records (scopes, inline
// validation with the parser's messages, Save and Revert, import and export, "Test a URL"), and end to end
// with a real namespace sandbox whose request to a loopback origin goes through once a rule added in the
// editor is saved. The screenshot goes to $PADDOCK_SCREENSHOTS (default: the temporary folder).
#include "app/gui/policyeditor.h"
#include "app/gui/policyrulesmodel.h"
#include "app/host/sandboxhost.h"
#include "core/policyfile.h"
#include "core/sandboxstore.h"

#include "app/dialogtestsupport.h"
#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Paddock;
using Paddock::Test::whenShown;
using namespace Paddock::App;
using namespace Qt::StringLiterals;
using Scope = PolicyEditor::Scope;

namespace {

void writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

QStringList ruleTexts(const QList<Core::PolicyRule> &rules)
{
    QStringList texts;
    for (const Core::PolicyRule &rule : rules)
        texts.append(rule.toString());
    return texts;
}

template<typename T>
T *child(const QWidget &parent, const QString &name)
{
    T *found = parent.findChild<T *>(name);
    if (!found)
        qWarning("no child named %s", qPrintable(name));
    return found;
}

QString verdictOf(const PolicyEditor &editor)
{
    return child<QLabel>(editor, u"testVerdict"_s)->text();
}

QString explanationOf(const PolicyEditor &editor)
{
    return child<QLabel>(editor, u"testExplanation"_s)->text();
}

// Types a rule into the "New rule" field and clicks Add.
void addRule(PolicyEditor &editor, const QString &text)
{
    auto *field = child<QLineEdit>(editor, u"newRule"_s);
    field->clear();
    QTest::keyClicks(field, text);
    QTest::mouseClick(child<QPushButton>(editor, u"addRule"_s), Qt::LeftButton);
}

void testUrl(PolicyEditor &editor, const QString &url)
{
    auto *field = child<QLineEdit>(editor, u"testUrl"_s);
    field->clear();
    QTest::keyClicks(field, url);
}

} // namespace

class TestPolicyEditor : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspaces;
    Test::LoopbackOrigin m_origin;
    std::unique_ptr<SandboxHost> m_host;

    const Core::Paths &paths() const { return m_host->paths(); }
    QString workspace() const { return m_workspaces.filePath(u"agent-1"_s); }

    Core::SandboxRecord record(const QString &name)
    {
        return *Core::SandboxStore(paths().sandboxesDir()).find(name);
    }

    // Every test starts from no global rules and no sandbox rules.
    void resetPolicies()
    {
        QFile::remove(paths().globalPolicyFile());
        QFile::remove(workspace() + u"/.paddock/policy.json"_s);
        Core::SandboxStore store(paths().sandboxesDir());
        auto sandbox = store.find(u"agent-1"_s);
        sandbox->policyRules.clear();
        sandbox->presetId = u"balanced"_s;
        QVERIFY(store.save(*sandbox));
    }

    // A plain HTTP request from agent-1 to the loopback origin, through its proxy: the answer's bytes.
    QByteArray requestFromSandbox(const QString &path)
    {
        return Test::requestFromSandbox(m_host->manager().controlSocketOf(u"agent-1"_s),
                                        u"127.0.0.1:%1"_s.arg(m_origin.serverPort()), path);
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
        Vm::CreateOptions options;
        options.name = u"agent-1"_s;
        options.templateId = u"shell"_s;
        options.presetId = u"balanced"_s;
        options.workspace = workspace();
        QDir().mkpath(options.workspace);
        const auto created = m_host->manager().create(options);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    }

    void init() { resetPolicies(); }

    void cleanupTestCase()
    {
        m_host->manager().stopAll();
        m_host.reset();
    }

    void modelKeepsWhatDoesNotParseWithTheParsersMessage()
    {
        PolicyRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules({*Core::PolicyRule::parse(u"allow **.github.com:443"_s),
                        *Core::PolicyRule::parse(u"deny GET api.example.com:443/admin/**"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 3);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, PolicyRulesModel::Action).toString(), u"Allow"_s);
        QCOMPARE(cell(0, PolicyRulesModel::Rule).toString(), u"**.github.com:443"_s);
        QCOMPARE(cell(0, PolicyRulesModel::Rule, Qt::EditRole).toString(), u"allow **.github.com:443"_s);
        QCOMPARE(cell(0, PolicyRulesModel::Note).toString(), QString());
        QCOMPARE(cell(1, PolicyRulesModel::Action).toString(), u"Deny"_s);
        QVERIFY(cell(1, PolicyRulesModel::Note)
                    .toString()
                    .contains(u"Plain HTTP or intercepted hosts only"_s)); // tunnels show no path
        QVERIFY(!cell(0, PolicyRulesModel::Action, Qt::DecorationRole).isNull());
        QVERIFY(model.flags(model.index(0, PolicyRulesModel::Rule)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, PolicyRulesModel::Action)) & Qt::ItemIsEditable));

        // A rule that does not parse stays as written, with the parser's message.
        const int bad = model.appendRule(u"allow exa mple.com"_s);
        QCOMPARE(bad, 2);
        QCOMPARE(model.invalidCount(), 1);
        QCOMPARE(cell(bad, PolicyRulesModel::Action).toString(), u"Invalid"_s);
        QCOMPARE(cell(bad, PolicyRulesModel::Rule).toString(), u"allow exa mple.com"_s);
        const QString message = cell(bad, PolicyRulesModel::Note).toString();
        QVERIFY2(message.contains(u"column 11"_s) && message.contains(u"mple.com"_s), qPrintable(message));
        QCOMPARE(cell(bad, 0, PolicyRulesModel::ProblemRole).toString(), message);
        QCOMPARE(model.rules().size(), 2); // left out of what is saved or tested
        QCOMPARE(model.texts().size(), 3);

        // Corrected in place; typed without an action, a rule keeps the one it had.
        QVERIFY(model.setData(model.index(bad, PolicyRulesModel::Rule), u"example.com:80"_s));
        QCOMPARE(model.invalidCount(), 0);
        QCOMPARE(cell(bad, PolicyRulesModel::Rule, Qt::EditRole).toString(), u"allow example.com:80"_s);
        QVERIFY(model.setData(model.index(bad, PolicyRulesModel::Rule), u"deny example.com:80"_s));
        QCOMPARE(cell(bad, PolicyRulesModel::Action).toString(), u"Deny"_s);
        QVERIFY(model.setData(model.index(bad, PolicyRulesModel::Rule), u"example.com:81"_s));
        QCOMPARE(model.rule(bad)->toString(), u"deny example.com:81"_s);
        QVERIFY(!model.setData(model.index(bad, PolicyRulesModel::Rule), u"  "_s)); // emptied: kept

        // A copy is harmless but pointless: said in its row.
        const int copy = model.appendRule(u"allow  **.github.com:443"_s);
        QVERIFY(model.contains(*Core::PolicyRule::parse(u"allow **.github.com:443"_s)));
        QVERIFY(cell(copy, PolicyRulesModel::Note).toString().contains(u"twice"_s));
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(cell(copy - 1, PolicyRulesModel::Note).toString(), QString());
        QVERIFY(!model.removeRows(5, 1));
        QCOMPARE(ruleTexts(model.rules()),
                 (QStringList{u"deny GET api.example.com:443/admin/**"_s, u"deny example.com:81"_s,
                              u"allow **.github.com:443"_s}));
    }

    void offersEveryScope()
    {
        PolicyEditor editor(paths(), m_host.get());
        QAbstractItemModelTester tester(editor.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *scopes = child<QComboBox>(editor, u"policyScope"_s);
        QStringList texts;
        for (int i = 0; i < scopes->count(); ++i)
            texts.append(scopes->itemText(i));
        QCOMPARE(editor.scope(), Scope::Global);
        QCOMPARE(scopes->currentText(), u"Global (every sandbox)"_s);
        QVERIFY2(texts.contains(u"Sandbox agent-1"_s), qPrintable(texts.join(u", "_s)));
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(),
                            [](const QString &text) { return text.startsWith(u"Project "_s); }));
        QVERIFY(texts.contains(u"Other Project Folder…"_s));
        // The preset comes with a line saying what it allows; order does not matter, and the editor says so.
        QCOMPARE(child<QComboBox>(editor, u"policyPreset"_s)->currentData().toString(), u"balanced"_s);
        QVERIFY(child<QLabel>(editor, u"presetDescription"_s)->text().contains(u"AI services"_s));
        QVERIFY(
            child<QLabel>(editor, u"rulesNote"_s)->text().contains(u"order of the rules does not matter"_s));
        QVERIFY(!child<QPushButton>(editor, u"savePolicy"_s)->isEnabled());
    }

    // Adding a rule changes what "Test a URL" says at once, before anything is saved; Save writes it where
    // `paddock policy allow` would.
    void addingARuleChangesTheExplanation()
    {
        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        QSignalSpy modified(&editor, &PolicyEditor::modifiedChanged);
        testUrl(editor, u"https://api.example.org/v1/x"_s);
        QCOMPARE(verdictOf(editor), u"Blocked: GET api.example.org:443/v1/x"_s);
        QVERIFY(explanationOf(editor).contains(u"No rule"_s) || explanationOf(editor).contains(u"denied"_s));

        addRule(editor, u"**.example.org:443"_s);
        QCOMPARE(editor.model()->rowCount(), 1);
        QCOMPARE(verdictOf(editor), u"Allowed: GET api.example.org:443/v1/x"_s);
        QVERIFY2(explanationOf(editor).contains(u"Winning rule: allow **.example.org:443 (global layer)"_s),
                 qPrintable(explanationOf(editor)));
        QVERIFY(child<QLineEdit>(editor, u"newRule"_s)->text().isEmpty());
        QCOMPARE(modified.size(), 1);
        QVERIFY(editor.isModified());
        QVERIFY(Core::PolicyFile::load(paths().globalPolicyFile())->rules.isEmpty()); // not saved yet

        // A more specific deny wins, and the explanation lists the allow it beat.
        auto *action = child<QComboBox>(editor, u"newRuleAction"_s);
        action->setCurrentIndex(action->findData(u"deny"_s));
        addRule(editor, u"api.example.org:443"_s);
        QCOMPARE(verdictOf(editor), u"Blocked: GET api.example.org:443/v1/x"_s);
        QVERIFY(explanationOf(editor).contains(u"allow **.example.org:443 (global)"_s));

        QTest::mouseClick(child<QPushButton>(editor, u"savePolicy"_s), Qt::LeftButton);
        QVERIFY(!editor.isModified());
        QCOMPARE(modified.size(), 2);
        QVERIFY(!child<QPushButton>(editor, u"savePolicy"_s)->isEnabled());
        const auto saved = Core::PolicyFile::load(paths().globalPolicyFile());
        QCOMPARE(ruleTexts(saved->rules),
                 (QStringList{u"allow **.example.org:443"_s, u"deny api.example.org:443"_s}));
        QCOMPARE(saved->preset, QString()); // not chosen, so not written
        QVERIFY(child<QLabel>(editor, u"policyStatus"_s)->text().startsWith(u"Saved."_s));

        // Remove, then Revert brings back what is saved.
        editor.view()->selectRow(0);
        QTest::mouseClick(child<QPushButton>(editor, u"removeRule"_s), Qt::LeftButton);
        QCOMPARE(editor.model()->rowCount(), 1);
        QVERIFY(editor.isModified());
        QTest::mouseClick(child<QPushButton>(editor, u"revertPolicy"_s), Qt::LeftButton);
        QCOMPARE(editor.model()->rowCount(), 2);
        QVERIFY(!editor.isModified());

        // The preset is part of the global policy.
        auto *preset = child<QComboBox>(editor, u"policyPreset"_s);
        preset->setCurrentIndex(preset->findData(u"open"_s));
        testUrl(editor, u"https://anything.example.net/"_s);
        QVERIFY(verdictOf(editor).startsWith(u"Allowed"_s));
        QVERIFY(editor.save());
        QCOMPARE(Core::PolicyFile::load(paths().globalPolicyFile())->preset, u"open"_s);
    }

    void interceptIsAThirdAction()
    {
        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        auto *action = child<QComboBox>(editor, u"newRuleAction"_s);
        action->setCurrentIndex(action->findData(u"intercept"_s));
        QCOMPARE(action->currentText(), u"Intercept"_s);
        addRule(editor, u"**.example.org:443"_s);
        QCOMPARE(editor.model()->rowCount(), 1);
        const QModelIndex actionCell = editor.model()->index(0, PolicyRulesModel::Action);
        QCOMPARE(actionCell.data().toString(), u"Intercept"_s);
        // It allows nothing by itself: the URL stays blocked until an allow rule comes.
        testUrl(editor, u"https://api.example.org/v1/x"_s);
        QVERIFY(verdictOf(editor).startsWith(u"Blocked"_s));
        // Methods or paths are refused with the parser's message, and nothing is added.
        addRule(editor, u"api.example.org/v1"_s);
        QCOMPARE(editor.model()->rowCount(), 1);
        QVERIFY(child<QLabel>(editor, u"newRuleMessage"_s)->text().contains(u"not paths"_s));
        QVERIFY(editor.save());
        QCOMPARE(ruleTexts(Core::PolicyFile::load(paths().globalPolicyFile())->rules),
                 QStringList{u"intercept **.example.org:443"_s});
    }

    // The parser's message appears under the new rule field and in an edited row; Save stays disabled while
    // any rule cannot be read.
    void invalidRuleShowsTheParsersMessageAndCannotBeSaved()
    {
        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *field = child<QLineEdit>(editor, u"newRule"_s);
        auto *message = child<QLabel>(editor, u"newRuleMessage"_s);
        auto *add = child<QPushButton>(editor, u"addRule"_s);
        QTest::keyClicks(field, u"exa mple.com"_s);
        QVERIFY2(message->text().contains(u"Invalid rule \"allow exa mple.com\": column 11"_s),
                 qPrintable(message->text()));
        QVERIFY(!add->isEnabled());
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(editor.model()->rowCount(), 0); // Enter adds nothing either
        field->clear();
        QTest::keyClicks(field, u"example.com:99999"_s);
        QVERIFY(message->text().contains(u"99999"_s));
        field->clear();
        QTest::keyClicks(field, u"example.com:443"_s);
        QVERIFY(add->isEnabled());
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(editor.model()->rowCount(), 1);
        QTest::keyClicks(field, u"example.com:443"_s);
        QVERIFY(message->text().contains(u"listed already"_s));
        QVERIFY(!add->isEnabled());

        // Edited in the table (F2) into something that does not parse: kept, marked, not saved.
        QTableView *view = editor.view();
        view->setFocus();
        view->setCurrentIndex(editor.model()->index(0, PolicyRulesModel::Rule));
        QTest::keyClick(view, Qt::Key_F2);
        auto *cellEditor = view->findChild<QLineEdit *>();
        QVERIFY(cellEditor);
        QCOMPARE(cellEditor->text(), u"allow example.com:443"_s);
        cellEditor->selectAll();
        QTest::keyClicks(cellEditor, u"allow example.com:http"_s);
        QTest::keyClick(cellEditor, Qt::Key_Return); // the delegate commits from the event loop
        QTRY_COMPARE(editor.model()->invalidCount(), 1);
        const QString problem = editor.model()->index(0, PolicyRulesModel::Note).data().toString();
        QVERIFY2(problem.contains(u"\"http\" is not a port"_s), qPrintable(problem));
        QVERIFY(!child<QPushButton>(editor, u"savePolicy"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(editor, u"exportPolicy"_s)->isEnabled());
        QVERIFY(child<QLabel>(editor, u"policyStatus"_s)->text().contains(u"cannot be read"_s));
        QVERIFY(!editor.save());
        QVERIFY(!QFile::exists(paths().globalPolicyFile()));

        // Fixed in the table, it can be saved.
        view->setCurrentIndex(editor.model()->index(0, PolicyRulesModel::Action));
        QTest::mouseClick(child<QPushButton>(editor, u"editRule"_s), Qt::LeftButton);
        cellEditor = view->findChild<QLineEdit *>();
        QVERIFY(cellEditor);
        cellEditor->selectAll();
        QTest::keyClicks(cellEditor, u"deny example.com:8080"_s);
        QTest::keyClick(cellEditor, Qt::Key_Return);
        QTRY_COMPARE(editor.model()->invalidCount(), 0);
        QVERIFY(child<QPushButton>(editor, u"savePolicy"_s)->isEnabled());
        QVERIFY(editor.save());
        QCOMPARE(ruleTexts(Core::PolicyFile::load(paths().globalPolicyFile())->rules),
                 QStringList{u"deny example.com:8080"_s});
    }

    // A malformed file (one typed by hand, a future version) is reported; the rules shown stay as they were.
    void importingAMalformedFileKeepsTheRules()
    {
        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        addRule(editor, u"keep.example:443"_s);
        QTemporaryDir folder;
        const QString bad = folder.filePath(u"bad.json"_s);
        writeFile(bad, R"({"version": 1, "rules": ["allow good.example:443", "allow exa mple.com"]})");
        const auto imported = editor.importFrom(bad);
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.contains(u"bad.json"_s), qPrintable(imported.error().message));
        QCOMPARE(editor.model()->texts(), QStringList{u"allow keep.example:443"_s});
        QVERIFY(!editor.importFrom(folder.filePath(u"missing.json"_s)));

        // The reason is shown under the buttons.
        const QString future = folder.filePath(u"future.json"_s);
        writeFile(future, R"({"version": 7, "rules": []})");
        QVERIFY(!editor.importFrom(future));
        const QString status = child<QLabel>(editor, u"policyStatus"_s)->text();
        QVERIFY2(status.startsWith(u"Nothing was imported."_s) && status.contains(u"future.json"_s),
                 qPrintable(status));
        QCOMPARE(editor.model()->texts(), QStringList{u"allow keep.example:443"_s});
        QVERIFY(editor.isModified());
    }

    // Exported from the global scope, imported into a project's file: the same rules, nothing twice.
    void exportThenImportRoundTrips()
    {
        PolicyEditor editor(paths(), m_host.get());
        for (const QString &rule : {u"**.github.com:443"_s, u"GET,HEAD registry.npmjs.org:443"_s,
                                    u"deny 10.0.0.0/8"_s, u"127.0.0.1:8080"_s})
            addRule(editor, rule);
        const QStringList rules = editor.model()->texts();
        QCOMPARE(rules.size(), 4);
        QTemporaryDir folder;
        const QString exported = folder.filePath(u"exported/policy.json"_s);
        QVERIFY(editor.exportTo(exported));
        QCOMPARE(ruleTexts(Core::PolicyFile::load(exported)->rules), rules);

        PolicyEditor project(paths(), m_host.get());
        QVERIFY(project.setScope(Scope::Project, workspace()));
        QCOMPARE(child<QComboBox>(project, u"policyScope"_s)->currentData(Qt::UserRole + 2).toString(),
                 workspace());
        QVERIFY(!child<QComboBox>(project, u"policyPreset"_s)->isEnabled()); // a project file has no preset
        addRule(project, u"**.github.com:443"_s);
        QCOMPARE(project.importFrom(exported), 3); // the one listed already is not added twice
        QCOMPARE(project.model()->texts().size(), 4);
        QVERIFY(project.save());
        const QString projectFile = workspace() + u"/.paddock/policy.json"_s;
        const auto saved = Core::PolicyFile::load(projectFile);
        QVERIFY(saved);
        const QStringList savedRules = ruleTexts(saved->rules);
        QCOMPARE(QSet<QString>(savedRules.cbegin(), savedRules.cend()),
                 QSet<QString>(rules.cbegin(), rules.cend()));
        // Exported again and read back: the same file.
        QVERIFY(project.exportTo(folder.filePath(u"again.json"_s)));
        QCOMPARE(Core::PolicyFile::load(folder.filePath(u"again.json"_s))->rules, saved->rules);
        // The project's rules count for a sandbox working on it. Its agent writes this folder (direct mode),
        // so a sandbox keeps the project rules it was created with: agent-1 does not get the new ones, a
        // sandbox created now does.
        PolicyEditor sandbox(paths(), m_host.get());
        QVERIFY(sandbox.setScope(Scope::Sandbox, u"agent-1"_s));
        testUrl(sandbox, u"http://127.0.0.1:8080/"_s);
        QVERIFY2(!explanationOf(sandbox).contains(u"(project layer)"_s), qPrintable(explanationOf(sandbox)));
        Vm::CreateOptions options;
        options.name = u"agent-late"_s;
        options.templateId = u"shell"_s;
        options.workspace = workspace();
        QVERIFY(m_host->manager().create(options));
        PolicyEditor late(paths(), m_host.get());
        QVERIFY(late.setScope(Scope::Sandbox, u"agent-late"_s));
        testUrl(late, u"http://127.0.0.1:8080/"_s);
        QVERIFY2(explanationOf(late).contains(u"(project layer)"_s), qPrintable(explanationOf(late)));
        QVERIFY(m_host->manager().remove(u"agent-late"_s, true));
    }

    // A sandbox's rules and preset are saved in its record, as `paddock policy allow --sandbox` saves them.
    void sandboxScopeEditsTheRecord()
    {
        PolicyEditor editor(paths(), m_host.get());
        QVERIFY(editor.setScope(Scope::Sandbox, u"agent-1"_s));
        QCOMPARE(child<QComboBox>(editor, u"policyScope"_s)->currentText(), u"Sandbox agent-1"_s);
        auto *preset = child<QComboBox>(editor, u"policyPreset"_s);
        QCOMPARE(preset->currentData().toString(), u"balanced"_s);
        QVERIFY(preset->itemText(0).startsWith(u"Same as the global policy"_s));
        addRule(editor, u"deny **.example.com"_s);
        preset->setCurrentIndex(preset->findData(u"locked-down"_s));
        testUrl(editor, u"https://registry.npmjs.org/"_s);
        QVERIFY(verdictOf(editor).startsWith(u"Blocked"_s)); // Balanced allows it, Locked Down does not
        QVERIFY(editor.save());
        QCOMPARE(record(u"agent-1"_s).policyRules, QStringList{u"deny **.example.com"_s});
        QCOMPARE(record(u"agent-1"_s).presetId, u"locked-down"_s);
        QVERIFY(!QFile::exists(paths().globalPolicyFile())); // nothing global changed
        preset->setCurrentIndex(0);
        QVERIFY(editor.save());
        QCOMPARE(record(u"agent-1"_s).presetId, QString());
    }

    // Switching scopes with unsaved edits asks; Cancel keeps them, Discard drops them.
    void unsavedEditsAreNotLostSilently()
    {
        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        addRule(editor, u"kept.example:443"_s);
        QString question;
        whenShown<QMessageBox>(this, [&question](QMessageBox *box) {
            question = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!editor.setScope(Scope::Sandbox, u"agent-1"_s));
        QCOMPARE(question, u"Save the changes to the global policy?"_s);
        QCOMPARE(editor.scope(), Scope::Global);
        QCOMPARE(editor.model()->rowCount(), 1);
        whenShown<QMessageBox>(this, [](QMessageBox *box) { box->button(QMessageBox::Save)->click(); });
        QVERIFY(editor.setScope(Scope::Sandbox, u"agent-1"_s));
        QCOMPARE(editor.scope(), Scope::Sandbox);
        QCOMPARE(ruleTexts(Core::PolicyFile::load(paths().globalPolicyFile())->rules),
                 QStringList{u"allow kept.example:443"_s});
        addRule(editor, u"dropped.example:443"_s);
        whenShown<QMessageBox>(this, [](QMessageBox *box) { box->button(QMessageBox::Discard)->click(); });
        QVERIFY(editor.confirmClose());
        QVERIFY(record(u"agent-1"_s).policyRules.isEmpty());
        QVERIFY(!editor.isModified());
    }

    // A policy file that cannot be read is shown as the problem it is, and never saved over.
    void malformedPolicyFileIsNotOverwritten()
    {
        writeFile(paths().globalPolicyFile(), "{\"version\": 1, \"rules\": [42]}");
        PolicyEditor editor(paths(), m_host.get());
        const QString status = child<QLabel>(editor, u"policyStatus"_s)->text();
        QVERIFY2(status.contains(u"policy.json"_s), qPrintable(status));
        QVERIFY(!editor.view()->isEnabled());
        QVERIFY(!child<QPushButton>(editor, u"savePolicy"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(editor, u"addRule"_s)->isEnabled());
        QVERIFY(!editor.save());
        QVERIFY(!editor.isModified());
        QFile file(paths().globalPolicyFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"version\": 1, \"rules\": [42]}"));
        // Fixed outside, Revert reads it again.
        file.close();
        writeFile(paths().globalPolicyFile(), R"({"version": 1, "rules": ["allow fixed.example:443"]})");
        QTest::mouseClick(child<QPushButton>(editor, u"revertPolicy"_s), Qt::LeftButton);
        QVERIFY(editor.view()->isEnabled());
        QCOMPARE(editor.model()->texts(), QStringList{u"allow fixed.example:443"_s});
    }

    void screenshot()
    {
        writeFile(paths().globalPolicyFile(), R"({"version": 1, "preset": "balanced", "rules": [
            "allow **.github.com:443", "allow GET,HEAD registry.npmjs.org:443", "allow 127.0.0.1:8080",
            "deny POST **.pastebin.com", "deny api.example-analytics.io:443", "intercept **.openai.com:443"]})");
        PolicyEditor editor(paths(), m_host.get());
        editor.resize(editor.sizeHint());
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        addRule(editor, u"**.pythonhosted.org:443"_s);
        QTest::keyClicks(child<QLineEdit>(editor, u"newRule"_s), u"files.example.com:44e"_s);
        testUrl(editor, u"https://api.github.com/repos/paddock/paddock"_s);
        QVERIFY(verdictOf(editor).startsWith(u"Allowed"_s));
        QTest::qWait(50);
        QVERIFY(editor.grab().save(Test::screenshotPath(u"policy-editor.png"_s)));
    }

    // A rule added in the editor changes nothing until saved; saved globally it reaches the running sandbox
    // at once, and a sandbox rule saved for that sandbox blocks the request again.
    void savedRulesReachTheRunningSandbox()
    {
        const auto started = m_host->start(u"agent-1"_s);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        const QString authority = u"127.0.0.1:%1"_s.arg(m_origin.serverPort());
        QByteArray answer = requestFromSandbox(u"/x"_s);
        QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());

        PolicyEditor editor(paths(), m_host.get());
        editor.show();
        testUrl(editor, u"http://%1/x"_s.arg(authority));
        QVERIFY(verdictOf(editor).startsWith(u"Blocked"_s));
        addRule(editor, authority);
        QCOMPARE(verdictOf(editor), u"Allowed: GET %1/x"_s.arg(authority));
        QVERIFY(requestFromSandbox(u"/x"_s).startsWith("HTTP/1.1 403")); // not saved: nothing changed
        QTest::mouseClick(child<QPushButton>(editor, u"savePolicy"_s), Qt::LeftButton);
        QVERIFY(!editor.isModified());
        QVERIFY2(child<QLabel>(editor, u"policyStatus"_s)->text().contains(u"running sandbox"_s),
                 qPrintable(child<QLabel>(editor, u"policyStatus"_s)->text()));
        answer = requestFromSandbox(u"/x"_s);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK") && answer.endsWith("hello-from-origin"),
                 answer.constData());

        QVERIFY(editor.setScope(Scope::Sandbox, u"agent-1"_s));
        testUrl(editor, u"http://%1/x"_s.arg(authority));
        QVERIFY(verdictOf(editor).startsWith(u"Allowed"_s));
        auto *action = child<QComboBox>(editor, u"newRuleAction"_s);
        action->setCurrentIndex(action->findData(u"deny"_s));
        addRule(editor, u"GET %1/x"_s.arg(authority));
        QVERIFY(verdictOf(editor).startsWith(u"Blocked"_s));
        QVERIFY(explanationOf(editor).contains(u"(sandbox layer)"_s));
        QTest::mouseClick(child<QPushButton>(editor, u"savePolicy"_s), Qt::LeftButton);
        QCOMPARE(record(u"agent-1"_s).policyRules, QStringList{u"deny GET %1/x"_s.arg(authority)});
        QVERIFY(requestFromSandbox(u"/x"_s).startsWith("HTTP/1.1 403"));
        answer = requestFromSandbox(u"/y"_s); // the deny names one path of the address; others still pass
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK"), answer.constData());
    }

    // `paddock policy allow|rm` in a terminal while the window hosts the sandbox: the host applies the saved
    // rule at once, as the editor's Save does.
    void theCommandLineReachesTheRunningSandboxToo()
    {
        QVERIFY(m_host->start(u"agent-1"_s));
        QVERIFY(m_host->reloadPolicy(u"agent-1"_s)); // init() reset the files behind the earlier test's back
        const QString rule = u"127.0.0.1/32:%1"_s.arg(m_origin.serverPort());
        QVERIFY(requestFromSandbox(u"/cli"_s).startsWith("HTTP/1.1 403"));
        const auto paddock = [](const QStringList &arguments) {
            QProcess process; // the host answers its control socket while the test waits
            process.start(qEnvironmentVariable("PADDOCK_BINARY"), arguments);
            [&] { QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000); }();
            return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        };
        QString output = paddock({u"policy"_s, u"allow"_s, u"--sandbox"_s, u"agent-1"_s, rule});
        QVERIFY2(output.contains(u"In effect now for agent-1"_s), qPrintable(output));
        const QByteArray answer = requestFromSandbox(u"/cli"_s);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK"), answer.constData());
        output = paddock({u"policy"_s, u"rm"_s, u"--sandbox"_s, u"agent-1"_s, u"allow "_s + rule});
        QVERIFY2(output.contains(u"In effect now for agent-1"_s), qPrintable(output));
        QVERIFY(requestFromSandbox(u"/cli"_s).startsWith("HTTP/1.1 403"));
    }
};

QTEST_MAIN(TestPolicyEditor)
#include "tst_policyeditor.moc"

// riskOf: which changed files the review page lists first, and why.
#include "app/gui/changerisk.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using Paddock::App::ChangeRisk;

Q_DECLARE_METATYPE(ChangeRisk)

class TestChangeRisk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifiesPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<ChangeRisk>("risk");
        QTest::newRow("husky hook") << u".husky/pre-commit"_s << ChangeRisk::GitHook;
        QTest::newRow("githooks folder") << u"tools/githooks/post-checkout"_s << ChangeRisk::GitHook;
        QTest::newRow("pre-commit config") << u".pre-commit-config.yaml"_s << ChangeRisk::GitHook;
        QTest::newRow("github workflow") << u".github/workflows/ci.yml"_s << ChangeRisk::CiWorkflow;
        QTest::newRow("github action") << u".github/actions/setup/action.yml"_s << ChangeRisk::CiWorkflow;
        QTest::newRow("gitlab ci") << u".gitlab-ci.yml"_s << ChangeRisk::CiWorkflow;
        QTest::newRow("nested gitlab-ci is data") << u"docs/.gitlab-ci.yml"_s << ChangeRisk::None;
        QTest::newRow("jenkinsfile") << u"Jenkinsfile"_s << ChangeRisk::CiWorkflow;
        QTest::newRow("circleci") << u".circleci/config.yml"_s << ChangeRisk::CiWorkflow;
        QTest::newRow("makefile") << u"Makefile"_s << ChangeRisk::BuildScript;
        QTest::newRow("nested cmake") << u"src/lib/CMakeLists.txt"_s << ChangeRisk::BuildScript;
        QTest::newRow("cmake module") << u"cmake/FindFoo.cmake"_s << ChangeRisk::BuildScript;
        QTest::newRow("gradle") << u"app/build.gradle.kts"_s << ChangeRisk::BuildScript;
        QTest::newRow("setup.py") << u"setup.py"_s << ChangeRisk::BuildScript;
        QTest::newRow("package.json scripts") << u"web/package.json"_s << ChangeRisk::BuildScript;
        QTest::newRow("build.rs") << u"build.rs"_s << ChangeRisk::BuildScript;
        QTest::newRow("dockerfile") << u"Dockerfile"_s << ChangeRisk::BuildScript;
        QTest::newRow("envrc") << u".envrc"_s << ChangeRisk::BuildScript;
        QTest::newRow("lockfile") << u"package-lock.json"_s << ChangeRisk::Dependencies;
        QTest::newRow("yarn") << u"yarn.lock"_s << ChangeRisk::Dependencies;
        QTest::newRow("requirements") << u"requirements-dev.txt"_s << ChangeRisk::Dependencies;
        QTest::newRow("cargo") << u"crates/x/Cargo.toml"_s << ChangeRisk::Dependencies;
        QTest::newRow("go.sum") << u"go.sum"_s << ChangeRisk::Dependencies;
        QTest::newRow("gemspec") << u"foo.gemspec"_s << ChangeRisk::Dependencies;
        QTest::newRow("npmrc") << u".npmrc"_s << ChangeRisk::Dependencies;
        QTest::newRow("submodules") << u".gitmodules"_s << ChangeRisk::Dependencies;
        QTest::newRow("claude.md") << u"CLAUDE.md"_s << ChangeRisk::AgentConfig;
        QTest::newRow("nested agents.md") << u"services/api/AGENTS.md"_s << ChangeRisk::AgentConfig;
        QTest::newRow("claude settings") << u".claude/settings.json"_s << ChangeRisk::AgentConfig;
        QTest::newRow("cursor rules") << u".cursor/rules/style.mdc"_s << ChangeRisk::AgentConfig;
        QTest::newRow("copilot") << u".github/copilot-instructions.md"_s << ChangeRisk::AgentConfig;
        QTest::newRow("mcp") << u".mcp.json"_s << ChangeRisk::AgentConfig;
        QTest::newRow("paddock policy") << u".paddock/policy.json"_s << ChangeRisk::AgentConfig;
        QTest::newRow("vscode tasks") << u".vscode/tasks.json"_s << ChangeRisk::AgentConfig;
        QTest::newRow("case-insensitive") << u"makefile"_s << ChangeRisk::BuildScript;
        QTest::newRow("source") << u"src/main.cpp"_s << ChangeRisk::None;
        QTest::newRow("readme") << u"README.md"_s << ChangeRisk::None;
        QTest::newRow("a file named like a folder") << u"docs/.husky"_s << ChangeRisk::None;
        QTest::newRow("workflow docs outside .github") << u"docs/workflows/ci.yml"_s << ChangeRisk::None;
        QTest::newRow("mentions package.json") << u"package.json.md"_s << ChangeRisk::None;
        QTest::newRow("empty") << QString() << ChangeRisk::None;
        QTest::newRow("slashes only") << u"//"_s << ChangeRisk::None;
    }
    void classifiesPaths()
    {
        QFETCH(QString, path);
        QFETCH(ChangeRisk, risk);
        QCOMPARE(Paddock::App::riskOf(path), risk);
    }

    void everyRiskIsExplained()
    {
        for (const ChangeRisk risk : {ChangeRisk::GitHook, ChangeRisk::CiWorkflow, ChangeRisk::BuildScript,
                                      ChangeRisk::Dependencies, ChangeRisk::AgentConfig}) {
            QVERIFY(!Paddock::App::ChangeRiskText::label(risk).isEmpty());
            QVERIFY(Paddock::App::ChangeRiskText::reason(risk).endsWith(u'.'));
        }
        QVERIFY(Paddock::App::ChangeRiskText::label(ChangeRisk::None).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChangeRisk)
#include "tst_changerisk.moc"

#pragma once

#include <QCoreApplication>
#include <QString>

namespace Paddock::App {

// Why a changed file deserves a look before the rest of a branch: it is code that runs on the user's machine
// or in CI once merged, or it steers later agents. Ordered by how early the review page lists it.
enum class ChangeRisk {
    GitHook,      // .husky/, .githooks/, hook managers' configuration
    CiWorkflow,   // .github/workflows/, .gitlab-ci.yml, Jenkinsfile …
    BuildScript,  // Makefile, CMakeLists.txt, build.gradle, setup.py, package.json (its scripts) …
    Dependencies, // manifests and lockfiles: requirements.txt, Cargo.lock, go.sum …
    AgentConfig,  // CLAUDE.md, AGENTS.md, .claude/, .cursor/, .paddock/ …
    None,
};

// The risk of a path in a repository ('/'-separated, relative to its root). Pure: reads no file.
ChangeRisk riskOf(const QString &path);

// Names and explanations of the risks, as the review page shows them.
class ChangeRiskText
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ChangeRiskText)

public:
    static QString label(ChangeRisk risk);  // "CI workflow"; empty for None
    static QString reason(ChangeRisk risk); // a sentence saying why to look; empty for None
};

} // namespace Paddock::App

#include "app/gui/changerisk.h"

#include <QStringList>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

bool isOneOf(const QString &name, std::initializer_list<QLatin1StringView> names)
{
    for (const QLatin1StringView candidate : names) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool endsWithOneOf(const QString &name, std::initializer_list<QLatin1StringView> suffixes)
{
    for (const QLatin1StringView suffix : suffixes) {
        if (name.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// Whether one of the path's folders (not its file name) is called one of names.
bool inFolder(const QStringList &parts, std::initializer_list<QLatin1StringView> names)
{
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (isOneOf(parts.at(i), names))
            return true;
    }
    return false;
}

// Whether the path starts with the folders prefix, e.g. {".github", "workflows"}.
bool under(const QStringList &parts, std::initializer_list<QLatin1StringView> prefix)
{
    if (parts.size() <= qsizetype(prefix.size()))
        return false;
    qsizetype i = 0;
    for (const QLatin1StringView folder : prefix) {
        if (parts.at(i++).compare(folder, Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

bool isGitHook(const QStringList &parts, const QString &name)
{
    // Folders hook managers and core.hooksPath settings commonly use, and the managers' own configuration.
    return inFolder(parts, {".husky"_L1, ".githooks"_L1, "githooks"_L1, ".git-hooks"_L1, "git-hooks"_L1,
                            ".hooks"_L1}) ||
           isOneOf(name,
                   {".pre-commit-config.yaml"_L1, ".pre-commit-hooks.yaml"_L1, "lefthook.yml"_L1,
                    "lefthook.yaml"_L1, ".lefthook.yml"_L1, ".lefthook.yaml"_L1, "lefthook-local.yml"_L1,
                    ".huskyrc"_L1, ".huskyrc.json"_L1, ".lintstagedrc"_L1, ".overcommit.yml"_L1});
}

bool isCi(const QStringList &parts, const QString &name)
{
    return under(parts, {".github"_L1, "workflows"_L1}) || under(parts, {".github"_L1, "actions"_L1}) ||
           under(parts, {".gitlab"_L1}) || under(parts, {".circleci"_L1}) ||
           under(parts, {".buildkite"_L1}) || under(parts, {".woodpecker"_L1}) ||
           under(parts, {".forgejo"_L1, "workflows"_L1}) || under(parts, {".gitea"_L1, "workflows"_L1}) ||
           under(parts, {".azure-pipelines"_L1}) || under(parts, {".tekton"_L1}) ||
           (parts.size() == 1 && name.startsWith(".gitlab-ci"_L1, Qt::CaseInsensitive)) ||
           isOneOf(name, {"Jenkinsfile"_L1, ".travis.yml"_L1, "azure-pipelines.yml"_L1,
                          "azure-pipelines.yaml"_L1, "bitbucket-pipelines.yml"_L1, ".drone.yml"_L1,
                          "appveyor.yml"_L1, ".appveyor.yml"_L1, ".woodpecker.yml"_L1, "cloudbuild.yaml"_L1,
                          "cloudbuild.yml"_L1, "codemagic.yaml"_L1, ".cirrus.yml"_L1, "buildspec.yml"_L1});
}

bool isBuildScript(const QString &name)
{
    return isOneOf(name, {"Makefile"_L1,
                          "GNUmakefile"_L1,
                          "CMakeLists.txt"_L1,
                          "CMakePresets.json"_L1,
                          "CMakeUserPresets.json"_L1,
                          "meson.build"_L1,
                          "meson_options.txt"_L1,
                          "meson.options"_L1,
                          "build.gradle"_L1,
                          "build.gradle.kts"_L1,
                          "settings.gradle"_L1,
                          "settings.gradle.kts"_L1,
                          "gradlew"_L1,
                          "gradlew.bat"_L1,
                          "gradle-wrapper.properties"_L1,
                          "mvnw"_L1,
                          "setup.py"_L1,
                          "setup.cfg"_L1,
                          "package.json"_L1,
                          "build.rs"_L1,
                          "build.zig"_L1,
                          "BUILD"_L1,
                          "BUILD.bazel"_L1,
                          "WORKSPACE"_L1,
                          "WORKSPACE.bazel"_L1,
                          "MODULE.bazel"_L1,
                          ".bazelrc"_L1,
                          "configure"_L1,
                          "configure.ac"_L1,
                          "configure.in"_L1,
                          "Makefile.am"_L1,
                          "Makefile.in"_L1,
                          "Rakefile"_L1,
                          "Dockerfile"_L1,
                          "Containerfile"_L1,
                          "docker-compose.yml"_L1,
                          "docker-compose.yaml"_L1,
                          "compose.yml"_L1,
                          "compose.yaml"_L1,
                          "justfile"_L1,
                          "Taskfile.yml"_L1,
                          "Taskfile.yaml"_L1,
                          "build.sh"_L1,
                          ".envrc"_L1,
                          "Vagrantfile"_L1,
                          "SConstruct"_L1,
                          "SConscript"_L1,
                          "build.xml"_L1,
                          "build.sbt"_L1,
                          "tox.ini"_L1,
                          "noxfile.py"_L1,
                          "conftest.py"_L1,
                          "Earthfile"_L1}) ||
           endsWithOneOf(
               name, {".mk"_L1, ".cmake"_L1, ".bzl"_L1, ".gradle"_L1, ".gradle.kts"_L1, ".dockerfile"_L1});
}

bool isDependencies(const QString &name)
{
    return isOneOf(name, {"package-lock.json"_L1,
                          "npm-shrinkwrap.json"_L1,
                          "yarn.lock"_L1,
                          "pnpm-lock.yaml"_L1,
                          "pnpm-workspace.yaml"_L1,
                          "bun.lockb"_L1,
                          "bun.lock"_L1,
                          ".npmrc"_L1,
                          ".yarnrc"_L1,
                          ".yarnrc.yml"_L1,
                          ".pnpmfile.cjs"_L1,
                          "Pipfile"_L1,
                          "Pipfile.lock"_L1,
                          "pyproject.toml"_L1,
                          "poetry.lock"_L1,
                          "pdm.lock"_L1,
                          "uv.lock"_L1,
                          "Cargo.toml"_L1,
                          "Cargo.lock"_L1,
                          "go.mod"_L1,
                          "go.sum"_L1,
                          "go.work"_L1,
                          "go.work.sum"_L1,
                          "Gemfile"_L1,
                          "Gemfile.lock"_L1,
                          "composer.json"_L1,
                          "composer.lock"_L1,
                          "pom.xml"_L1,
                          "gradle.lockfile"_L1,
                          "libs.versions.toml"_L1,
                          "packages.config"_L1,
                          "packages.lock.json"_L1,
                          "Directory.Packages.props"_L1,
                          "Directory.Build.props"_L1,
                          "Directory.Build.targets"_L1,
                          "nuget.config"_L1,
                          "Package.swift"_L1,
                          "Package.resolved"_L1,
                          "Podfile"_L1,
                          "Podfile.lock"_L1,
                          "Cartfile"_L1,
                          "Cartfile.resolved"_L1,
                          "mix.exs"_L1,
                          "mix.lock"_L1,
                          "pubspec.yaml"_L1,
                          "pubspec.lock"_L1,
                          "conanfile.txt"_L1,
                          "conanfile.py"_L1,
                          "vcpkg.json"_L1,
                          "flake.nix"_L1,
                          "flake.lock"_L1,
                          ".gitmodules"_L1,
                          "deno.json"_L1,
                          "deno.lock"_L1,
                          "environment.yml"_L1,
                          "renv.lock"_L1,
                          "stack.yaml"_L1,
                          "cabal.project"_L1}) ||
           (name.startsWith("requirements"_L1, Qt::CaseInsensitive) &&
            endsWithOneOf(name, {".txt"_L1, ".in"_L1})) ||
           endsWithOneOf(name, {".gemspec"_L1, ".csproj"_L1, ".fsproj"_L1, ".vbproj"_L1, ".cabal"_L1,
                                ".nimble"_L1, ".rockspec"_L1});
}

bool isAgentConfig(const QStringList &parts, const QString &name)
{
    return under(parts, {".claude"_L1}) || under(parts, {".cursor"_L1}) || under(parts, {".continue"_L1}) ||
           under(parts, {".windsurf"_L1}) || under(parts, {".roo"_L1}) || under(parts, {".clinerules"_L1}) ||
           under(parts, {".gemini"_L1}) || under(parts, {".codex"_L1}) || under(parts, {".aider"_L1}) ||
           under(parts, {".amazonq"_L1}) || under(parts, {".paddock"_L1}) || under(parts, {".vscode"_L1}) ||
           under(parts, {".devcontainer"_L1}) || under(parts, {".github"_L1, "instructions"_L1}) ||
           under(parts, {".github"_L1, "prompts"_L1}) ||
           isOneOf(name,
                   {"CLAUDE.md"_L1, "CLAUDE.local.md"_L1, "AGENTS.md"_L1, "AGENT.md"_L1, "GEMINI.md"_L1,
                    ".cursorrules"_L1, ".windsurfrules"_L1, ".clinerules"_L1, ".roorules"_L1,
                    "copilot-instructions.md"_L1, ".aider.conf.yml"_L1, ".aiderignore"_L1, ".mcp.json"_L1,
                    "mcp.json"_L1, ".cursorignore"_L1, ".geminiignore"_L1, "CONVENTIONS.md"_L1});
}

} // namespace

ChangeRisk riskOf(const QString &path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return ChangeRisk::None;
    const QString &name = parts.constLast();
    if (isGitHook(parts, name))
        return ChangeRisk::GitHook;
    if (isCi(parts, name))
        return ChangeRisk::CiWorkflow;
    if (isBuildScript(name))
        return ChangeRisk::BuildScript;
    if (isDependencies(name))
        return ChangeRisk::Dependencies;
    if (isAgentConfig(parts, name))
        return ChangeRisk::AgentConfig;
    return ChangeRisk::None;
}

QString ChangeRiskText::label(ChangeRisk risk)
{
    switch (risk) {
    case ChangeRisk::GitHook:
        return tr("Git hook");
    case ChangeRisk::CiWorkflow:
        return tr("CI workflow");
    case ChangeRisk::BuildScript:
        return tr("Build script");
    case ChangeRisk::Dependencies:
        return tr("Dependencies");
    case ChangeRisk::AgentConfig:
        //: Configuration of AI coding agents (CLAUDE.md, AGENTS.md, .cursor/ …)
        return tr("Agent configuration");
    case ChangeRisk::None:
        break;
    }
    return {};
}

QString ChangeRiskText::reason(ChangeRisk risk)
{
    switch (risk) {
    case ChangeRisk::GitHook:
        return tr("Git hooks run on your machine when you commit, check out or push.");
    case ChangeRisk::CiWorkflow:
        return tr("CI workflows run in your CI, with its secrets, once this is merged.");
    case ChangeRisk::BuildScript:
        return tr("Build scripts run on every machine that builds or installs the project.");
    case ChangeRisk::Dependencies:
        return tr("Dependency manifests and lockfiles decide which third-party code is downloaded and run.");
    case ChangeRisk::AgentConfig:
        return tr("Agent configuration steers every coding agent that works in this repository later.");
    case ChangeRisk::None:
        break;
    }
    return {};
}

} // namespace Paddock::App

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Paddock::App::AttentionMonitor</name>
    <message>
        <source>The terminal rang its bell.</source>
        <translation>Das Terminal hat geklingelt.</translation>
    </message>
    <message>
        <source>Bell</source>
        <translation>Glocke</translation>
    </message>
    <message>
        <source>Output stopped</source>
        <translation>Keine Ausgabe mehr</translation>
    </message>
    <message>
        <source>Waiting for input</source>
        <translation>Wartet auf Eingabe</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Request blocked</source>
        <translation>Anfrage blockiert</translation>
    </message>
    <message>
        <source>No output for a while after a stretch of work.</source>
        <translation>Nach einer Weile Arbeit seit einiger Zeit keine Ausgabe mehr.</translation>
    </message>
    <message>
        <source>The agent exited with code %1.</source>
        <translation>Der Agent wurde mit Code %1 beendet.</translation>
    </message>
    <message>
        <source>The proxy blocked a request to %1.</source>
        <translation>Der Proxy hat eine Anfrage an %1 blockiert.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::BranchListModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Verworfen</translation>
    </message>
    <message numerus="yes">
        <source>%n ahead</source>
        <translation>
            <numerusform>%n voraus</numerusform>
            <numerusform>%n voraus</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ahead, %2 behind</source>
        <extracomment>Commits the branch has that its target lacks, and the other way round</extracomment>
        <translation>%1 voraus, %2 zurück</translation>
    </message>
    <message>
        <source>+%1 −%2</source>
        <translation>+%1 −%2</translation>
    </message>
    <message>
        <source>paddock/%1 against %2</source>
        <translation>paddock/%1 verglichen mit %2</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Commits</source>
        <translation>Commits</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>No requests</source>
        <translation>Keine Anfragen</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n Host</numerusform>
            <numerusform>%n Hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blockiert</numerusform>
            <numerusform>%n blockiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s) caught</source>
        <translation>
            <numerusform>%n Geheimnis abgefangen</numerusform>
            <numerusform>%n Geheimnisse abgefangen</numerusform>
        </translation>
    </message>
    <message>
        <source>The sandbox has made no request through the proxy.</source>
        <translation>Die Sandbox hat keine Anfrage über den Proxy gestellt.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) through the proxy:</source>
        <translation>
            <numerusform>%n Anfrage über den Proxy:</numerusform>
            <numerusform>%n Anfragen über den Proxy:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2, %3 blocked</source>
        <translation>%1: %2, %3 blockiert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>and %n more host(s)</source>
        <translation>
            <numerusform>und %n weiterer Host</numerusform>
            <numerusform>und %n weitere Hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The secret scanner stopped %n request(s) carrying a secret.</source>
        <translation>
            <numerusform>Der Geheimnis-Scanner hat %n Anfrage mit einem Geheimnis gestoppt.</numerusform>
            <numerusform>Der Geheimnis-Scanner hat %n Anfragen mit einem Geheimnis gestoppt.</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <extracomment>Lines added and removed, e.g. "+120 −8"</extracomment>
        <translation>wird gezählt …</translation>
    </message>
    <message>
        <source>What the sandbox did through the proxy: hosts reached, requests blocked, secrets caught</source>
        <translation>Was die Sandbox über den Proxy getan hat: erreichte Hosts, blockierte Anfragen, abgefangene Geheimnisse</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
</context>
<context>
    <name>Paddock::App::CaCommand</name>
    <message>
        <source>Usage: paddock ca [show | reset --yes]</source>
        <translation>Aufruf: paddock ca [show | reset --yes]</translation>
    </message>
    <message>
        <source>Where Paddock's CA is, its fingerprint and expiry.</source>
        <translation>Wo die CA von Paddock liegt, ihr Fingerabdruck und ihr Ablaufdatum.</translation>
    </message>
    <message>
        <source>Make a new CA in its place; programs that trusted the old one need the new one.</source>
        <translation>Eine neue CA an ihrer Stelle erstellen; Programme, die der alten vertrauten, brauchen die neue.</translation>
    </message>
    <message>
        <source>unknown ca command '%1'.</source>
        <translation>unbekannter ca-Befehl „%1“.</translation>
    </message>
    <message>
        <source>There is no CA yet: Paddock makes one when the first sandbox that needs TLS interception starts.</source>
        <translation>Es gibt noch keine CA: Paddock erstellt eine, wenn die erste Sandbox startet, die TLS-Abfangen braucht.</translation>
    </message>
    <message>
        <source>%1 does not hold one certificate; see docs/interception.md.</source>
        <translation>%1 enthält nicht genau ein Zertifikat; siehe docs/interception.md.</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Zertifikat: %1</translation>
    </message>
    <message>
        <source>Subject:     %1</source>
        <translation>Inhaber:    %1</translation>
    </message>
    <message>
        <source>SHA-256:     %1</source>
        <translation>SHA-256:    %1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>Gültig bis: %1</translation>
    </message>
    <message>
        <source>Key:         %1</source>
        <translation>Schlüssel:  %1</translation>
    </message>
    <message>
        <source>in %1 (no keychain answered when it was made)</source>
        <translation>in %1 (kein Schlüsselbund antwortete, als sie erstellt wurde)</translation>
    </message>
    <message>
        <source>in the keychain (service "%1")</source>
        <translation>im Schlüsselbund (Dienst „%1“)</translation>
    </message>
    <message>
        <source>Really replace the CA.</source>
        <translation>Die CA wirklich ersetzen.</translation>
    </message>
    <message>
        <source>'paddock ca reset' replaces the CA, and every program that trusted the old one must be given the new one; run it with --yes to go ahead.</source>
        <translation>„paddock ca reset“ ersetzt die CA, und jedes Programm, das der alten vertraute, braucht die neue; führen Sie es mit --yes aus, um fortzufahren.</translation>
    </message>
    <message>
        <source>Paddock is hosting sandboxes; quit it (or stop 'paddock serve') first, then reset.</source>
        <translation>Paddock betreibt gerade Sandboxen; beenden Sie es (oder „paddock serve“) zuerst und setzen Sie dann zurück.</translation>
    </message>
    <message>
        <source>Made a new CA: %1</source>
        <translation>Neue CA erstellt: %1</translation>
    </message>
    <message>
        <source>Sandboxes started from now on trust it. Programs on this computer that trusted the old one need the new certificate (see docs/interception.md).</source>
        <translation>Ab jetzt gestartete Sandboxen vertrauen ihr. Programme auf diesem Computer, die der alten vertrauten, brauchen das neue Zertifikat (siehe docs/interception.md).</translation>
    </message>
    <message>
        <source>Show or reset the CA that TLS interception uses.</source>
        <translation>Die CA für TLS-Abfangen anzeigen oder zurücksetzen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ChangeRiskText</name>
    <message>
        <source>Git hook</source>
        <translation>Git-Hook</translation>
    </message>
    <message>
        <source>CI workflow</source>
        <translation>CI-Workflow</translation>
    </message>
    <message>
        <source>Build script</source>
        <translation>Build-Skript</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Agent configuration</source>
        <extracomment>Configuration of AI coding agents (CLAUDE.md, AGENTS.md, .cursor/ …)</extracomment>
        <translation>Agent-Konfiguration</translation>
    </message>
    <message>
        <source>Git hooks run on your machine when you commit, check out or push.</source>
        <translation>Git-Hooks laufen auf Ihrem Rechner, wenn Sie committen, auschecken oder pushen.</translation>
    </message>
    <message>
        <source>CI workflows run in your CI, with its secrets, once this is merged.</source>
        <translation>CI-Workflows laufen nach dem Zusammenführen in Ihrer CI, mit deren Geheimnissen.</translation>
    </message>
    <message>
        <source>Build scripts run on every machine that builds or installs the project.</source>
        <translation>Build-Skripte laufen auf jedem Rechner, der das Projekt baut oder installiert.</translation>
    </message>
    <message>
        <source>Dependency manifests and lockfiles decide which third-party code is downloaded and run.</source>
        <translation>Abhängigkeitsmanifeste und Lockfiles bestimmen, welcher fremde Code heruntergeladen und ausgeführt wird.</translation>
    </message>
    <message>
        <source>Agent configuration steers every coding agent that works in this repository later.</source>
        <translation>Die Agent-Konfiguration steuert jeden Programmieragenten, der später in diesem Repository arbeitet.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ChangedFilesModel</name>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Renamed from %1 (%2 % similar)</source>
        <translation>Umbenannt von %1 (%2 % ähnlich)</translation>
    </message>
    <message>
        <source>Copied from %1 (%2 % similar)</source>
        <translation>Kopiert von %1 (%2 % ähnlich)</translation>
    </message>
    <message>
        <source>Type changed</source>
        <translation>Typ geändert</translation>
    </message>
    <message>
        <source>%1, symbolic link</source>
        <translation>%1, symbolischer Link</translation>
    </message>
    <message>
        <source>A added, M modified, D deleted, R renamed, C copied, T type changed</source>
        <translation>A hinzugefügt, M geändert, D gelöscht, R umbenannt, C kopiert, T Typ geändert</translation>
    </message>
    <message>
        <source>Files that run code or steer agents once merged are listed first.</source>
        <translation>Dateien, die nach dem Zusammenführen Code ausführen oder Agenten steuern, stehen oben.</translation>
    </message>
    <message>
        <source>Lines added</source>
        <translation>Hinzugefügte Zeilen</translation>
    </message>
    <message>
        <source>Lines removed</source>
        <translation>Entfernte Zeilen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Review First</source>
        <translation>Zuerst prüfen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::Cli</name>
    <message>
        <source>paddock: unknown command '%1'.</source>
        <translation>paddock: unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Run 'paddock --help' for the list of commands.</source>
        <translation>„paddock --help“ zeigt die Liste der Befehle.</translation>
    </message>
    <message>
        <source>Usage: paddock [COMMAND] [OPTIONS]</source>
        <translation>Aufruf: paddock [BEFEHL] [OPTIONEN]</translation>
    </message>
    <message>
        <source>Runs AI coding agents in sandboxes whose network goes only through Paddock's filtering proxy.</source>
        <translation>Führt KI-Programmieragenten in Sandboxen aus, deren Netzwerkverkehr nur über den filternden Proxy von Paddock läuft.</translation>
    </message>
    <message>
        <source>With no command, opens the desktop application.</source>
        <translation>Ohne Befehl öffnet sich die Desktop-Anwendung.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Run 'paddock COMMAND --help' for a command's options.</source>
        <translation>„paddock BEFEHL --help“ zeigt die Optionen eines Befehls.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::CliCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>paddock: %1</source>
        <translation>paddock: %1</translation>
    </message>
    <message>
        <source>Run 'paddock --help' for usage.</source>
        <translation>„paddock --help“ zeigt die Verwendung.</translation>
    </message>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>'paddock %1' needs one sandbox name.</source>
        <translation>„paddock %1“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>paddock: warning: %1</source>
        <translation>paddock: Warnung: %1</translation>
    </message>
</context>
<context>
    <name>Paddock::App::CommitListModel</name>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ConfirmationBar</name>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ControlClient</name>
    <message>
        <source>Could not start the Paddock host process.</source>
        <translation>Der Paddock-Hostprozess konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The Paddock host process did not come up; see %1.</source>
        <translation>Der Paddock-Hostprozess ist nicht hochgefahren; siehe %1.</translation>
    </message>
    <message>
        <source>The Paddock host process does not listen.</source>
        <translation>Der Paddock-Hostprozess nimmt keine Verbindungen an.</translation>
    </message>
    <message>
        <source>The Paddock host process did not answer.</source>
        <translation>Der Paddock-Hostprozess hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The Paddock host process gave an answer that is not JSON.</source>
        <translation>Der Paddock-Hostprozess hat mit etwas geantwortet, das kein JSON ist.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::CreateCommand</name>
    <message>
        <source>The sandbox's name; its branch is paddock/NAME.</source>
        <translation>Der Name der Sandbox; ihr Branch heißt paddock/NAME.</translation>
    </message>
    <message>
        <source>The project folder.</source>
        <translation>Der Projektordner.</translation>
    </message>
    <message>
        <source>The agent template ('paddock template ls').</source>
        <translation>Die Agentenvorlage („paddock template ls“).</translation>
    </message>
    <message>
        <source>The network policy preset: %1.</source>
        <translation>Die Vorgabe für die Netzwerkrichtlinie: %1.</translation>
    </message>
    <message>
        <source>clone (default for git repositories) or direct.</source>
        <translation>clone (Standard für Git-Repositorys) oder direct.</translation>
    </message>
    <message>
        <source>namespace (default) or microvm.</source>
        <translation>namespace (Standard) oder microvm.</translation>
    </message>
    <message>
        <source>At most this many CPUs (where cgroup limits are possible).</source>
        <translation>Höchstens so viele CPUs (wo cgroup-Grenzen möglich sind).</translation>
    </message>
    <message>
        <source>At most this much memory, e.g. 4G or 512M.</source>
        <translation>Höchstens so viel Arbeitsspeicher, z. B. 4G oder 512M.</translation>
    </message>
    <message>
        <source>'paddock create' needs one sandbox name.</source>
        <translation>„paddock create“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>'paddock create' needs --workspace DIR.</source>
        <translation>„paddock create“ braucht --workspace ORDNER.</translation>
    </message>
    <message>
        <source>--policy must be one of: %1.</source>
        <translation>--policy muss eines davon sein: %1.</translation>
    </message>
    <message>
        <source>--mode must be clone or direct.</source>
        <translation>--mode muss clone oder direct sein.</translation>
    </message>
    <message>
        <source>--backend must be namespace or microvm.</source>
        <translation>--backend muss namespace oder microvm sein.</translation>
    </message>
    <message>
        <source>--cpus must be a whole number of CPUs, at least 1.</source>
        <translation>--cpus muss eine ganze Zahl von CPUs sein, mindestens 1.</translation>
    </message>
    <message>
        <source>--memory must be a size of at least 64M, such as 512M or 4G.</source>
        <translation>--memory muss eine Größe von mindestens 64M sein, etwa 512M oder 4G.</translation>
    </message>
    <message>
        <source>Created sandbox "%1" (%2 mode).</source>
        <translation>Sandbox „%1“ erstellt (Modus %2).</translation>
    </message>
    <message>
        <source>The agent works on branch %1 in %2.</source>
        <translation>Der Agent arbeitet auf dem Branch %1 in %2.</translation>
    </message>
    <message>
        <source>paddock: note: %1 has uncommitted changes; the sandbox starts from the last commit.</source>
        <translation>paddock: Hinweis: %1 hat nicht committete Änderungen; die Sandbox beginnt mit dem letzten Commit.</translation>
    </message>
    <message>
        <source>paddock: note: the CPU and memory limits cannot be applied on this machine (%1); the sandbox will run without them.</source>
        <translation>paddock: Hinweis: Die Grenzen für CPU und Arbeitsspeicher lassen sich auf diesem Rechner nicht anwenden (%1); die Sandbox läuft ohne sie.</translation>
    </message>
    <message>
        <source>Create a sandbox for a project folder.</source>
        <translation>Eine Sandbox für einen Projektordner erstellen.</translation>
    </message>
    <message>
        <source>A microVM clone's own disk, e.g. 64G (sparse; default 32G).</source>
        <translation>Die eigene Festplatte eines MicroVM-Klons, z. B. 64G (dünn belegt; Standard 32G).</translation>
    </message>
    <message>
        <source>--disk must be a size of at least 256M, such as 64G.</source>
        <translation>--disk muss eine Größe von mindestens 256M sein, etwa 64G.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::DiffCommand</name>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>Only the changed files and their line counts.</source>
        <translation>Nur die geänderten Dateien und ihre Zeilenzahlen.</translation>
    </message>
    <message>
        <source>Print the diff unchanged (control characters included), e.g. for git apply.</source>
        <translation>Den Diff unverändert ausgeben (mit Steuerzeichen), z. B. für git apply.</translation>
    </message>
    <message>
        <source>Compare with this branch (default: the checked-out one).</source>
        <translation>Mit diesem Branch vergleichen (Standard: dem ausgecheckten).</translation>
    </message>
    <message>
        <source>'paddock diff' needs one sandbox name.</source>
        <translation>„paddock diff“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>paddock: the sandbox's uncommitted changes could not be read: %1</source>
        <translation>paddock: Die nicht committeten Änderungen der Sandbox konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Uncommitted changes in the sandbox (not part of paddock/%1, not merged):</source>
        <translation>Nicht committete Änderungen in der Sandbox (nicht Teil von paddock/%1, werden nicht zusammengeführt):</translation>
    </message>
    <message>
        <source>(more changed files than Paddock lists)</source>
        <translation>(mehr geänderte Dateien, als Paddock auflistet)</translation>
    </message>
    <message>
        <source>Show what a sandbox's agent changed.</source>
        <translation>Anzeigen, was der Agent einer Sandbox geändert hat.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::DiffView</name>
    <message numerus="yes">
        <source>%1 … (%n more characters)</source>
        <translation>
            <numerusform>%1 … (%n weiteres Zeichen)</numerusform>
            <numerusform>%1 … (%n weitere Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment on This Line…</source>
        <translation>Diese Zeile kommentieren …</translation>
    </message>
</context>
<context>
    <name>Paddock::App::DiscardCommand</name>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>Also remove the sandbox and its clone, with all of its work.</source>
        <translation>Auch die Sandbox und ihren Klon entfernen, mit all ihrer Arbeit.</translation>
    </message>
    <message>
        <source>'paddock discard' needs one sandbox name.</source>
        <translation>„paddock discard“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>The sandbox "%1" is running; stop it first with 'paddock stop %1'.</source>
        <translation>Die Sandbox „%1“ läuft; stoppen Sie sie zuerst mit „paddock stop %1“.</translation>
    </message>
    <message>
        <source>Deleted refs/paddock/%1 from %2.</source>
        <translation>refs/paddock/%1 aus %2 gelöscht.</translation>
    </message>
    <message>
        <source>Removed sandbox "%1".</source>
        <translation>Sandbox „%1“ entfernt.</translation>
    </message>
    <message>
        <source>The sandbox still has its branch; 'paddock discard --remove-sandbox %1' removes it too.</source>
        <translation>Die Sandbox hat ihren Branch noch; „paddock discard --remove-sandbox %1“ entfernt auch sie.</translation>
    </message>
    <message>
        <source>Throw away a sandbox's branch.</source>
        <translation>Den Branch einer Sandbox verwerfen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ExecCommand</name>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>The command and its arguments, after --.</source>
        <translation>Der Befehl und seine Argumente, nach --.</translation>
    </message>
    <message>
        <source>Pass this terminal's input on (piped input always is).</source>
        <translation>Die Eingabe dieses Terminals weiterreichen (eine Eingabe über eine Pipe wird immer weitergereicht).</translation>
    </message>
    <message>
        <source>Give the command a terminal (a PTY of its own) connected to this one.</source>
        <translation>Dem Befehl ein eigenes Terminal (ein eigenes PTY) geben, das mit diesem verbunden ist.</translation>
    </message>
    <message>
        <source>usage: paddock exec [-i] [-t] NAME -- COMMAND [ARG...]</source>
        <translation>Aufruf: paddock exec [-i] [-t] NAME -- BEFEHL [ARGUMENT...]</translation>
    </message>
    <message>
        <source>Run a command in a sandbox.</source>
        <translation>Einen Befehl in einer Sandbox ausführen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::GeneralSettingsPage</name>
    <message>
        <source>System default (%1)</source>
        <translation>Systemstandard (%1)</translation>
    </message>
    <message>
        <source>Paddock uses the new language the next time it starts.</source>
        <translation>Paddock verwendet die neue Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source> lines</source>
        <translation> Zeilen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Default &amp;agent:</source>
        <translation>Standard-&amp;Agent:</translation>
    </message>
    <message>
        <source>Default network &amp;preset:</source>
        <translation>Standard-&amp;Netzwerkvorgabe:</translation>
    </message>
    <message>
        <source>&amp;Scrollback per pane:</source>
        <translation>&amp;Verlauf pro Bereich:</translation>
    </message>
    <message>
        <source>New sandboxes start with the default agent and preset; the New Sandbox dialog lets you choose others. Scrollback applies to panes opened from now on.</source>
        <translation>Neue Sandboxen beginnen mit dem Standard-Agenten und der Standardvorgabe; im Dialog „Neue Sandbox“ können Sie andere wählen. Der Verlauf gilt für Bereiche, die ab jetzt geöffnet werden.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>MicroVM &amp;kernel:</source>
        <translation>MicroVM-&amp;Kernel:</translation>
    </message>
    <message>
        <source>Paddock's own kernel starts microVMs in half the time. Building it takes 5 to 12 minutes once and needs the Debian packages make, gcc, flex, bison, bc and libelf-dev.</source>
        <translation>Paddocks eigener Kernel startet MicroVMs in der halben Zeit. Ihn zu bauen dauert einmalig 5 bis 12 Minuten und braucht die Debian-Pakete make, gcc, flex, bison, bc und libelf-dev.</translation>
    </message>
    <message>
        <source>Debian's (built with the guest image, at the first microVM)</source>
        <translation>Debians (wird mit dem Gast-Image bei der ersten MicroVM gebaut)</translation>
    </message>
    <message>
        <source>Debian's (%1)</source>
        <translation>Debians (%1)</translation>
    </message>
    <message>
        <source>Paddock's own (%1)</source>
        <translation>Paddocks eigener (%1)</translation>
    </message>
    <message>
        <source>Your own (%1)</source>
        <translation>Ihr eigener (%1)</translation>
    </message>
    <message>
        <source>Build Paddock's Own…</source>
        <translation>Paddocks eigenen bauen…</translation>
    </message>
    <message>
        <source>Use Debian's…</source>
        <translation>Debians verwenden…</translation>
    </message>
</context>
<context>
    <name>Paddock::App::GuestImageDialog</name>
    <message>
        <source>Building the MicroVM Guest Image</source>
        <translation>Gastabbild für MicroVMs wird erstellt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Building the microVM guest image&lt;/b&gt;</source>
        <translation>&lt;b&gt;Das Gastabbild für MicroVMs wird erstellt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>MicroVMs boot a Linux kernel and a small system of their own: git, Node.js and npm, made once from Debian's packages. This takes a few minutes and downloads about 125 MB.</source>
        <translation>MicroVMs starten einen eigenen Linux-Kernel und ein kleines eigenes System mit git, Node.js und npm, das einmalig aus Debian-Paketen erstellt wird. Das dauert einige Minuten und lädt etwa 125 MB herunter.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>The guest image could not be built.</source>
        <translation>Das Gastabbild konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Building Paddock's Own Kernel</source>
        <translation>Paddocks eigener Kernel wird gebaut</translation>
    </message>
    <message>
        <source>&lt;b&gt;Building Paddock's own kernel for microVMs&lt;/b&gt;</source>
        <translation>&lt;b&gt;Paddocks eigener Kernel für MicroVMs wird gebaut&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Linux from Debian's source, with only what a microVM needs built in: machines start in half the time. It is built once, in 5 to 12 minutes, and downloads about 140 MB.</source>
        <translation>Linux aus Debians Quellen, nur mit dem, was eine MicroVM braucht: Maschinen starten in der halben Zeit. Er wird einmal gebaut, in 5 bis 12 Minuten, und lädt etwa 140 MB herunter.</translation>
    </message>
    <message>
        <source>Paddock's kernel could not be built.</source>
        <translation>Paddocks Kernel konnte nicht gebaut werden.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop building the kernel; its files are removed and nothing changes</source>
        <translation>Den Bau des Kernels anhalten; seine Dateien werden entfernt, und nichts ändert sich</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
</context>
<context>
    <name>Paddock::App::HostClaim</name>
    <message>
        <source>Show the Background Sandboxes Here?</source>
        <translation>Sandboxen aus dem Hintergrund hier zeigen?</translation>
    </message>
    <message>
        <source>'paddock serve' (process %1) hosts sandboxes in the background.</source>
        <translation>„paddock serve“ (Prozess %1) betreibt Sandboxen im Hintergrund.</translation>
    </message>
    <message>
        <source>'paddock serve' (process %1) runs %2 in the background.</source>
        <translation>„paddock serve“ (Prozess %1) betreibt %2 im Hintergrund.</translation>
    </message>
    <message>
        <source>This window can host them once that process has stopped them: the programs in them end, their workspaces and branches stay, and they start again here.</source>
        <translation>Dieses Fenster kann sie übernehmen, sobald jener Prozess sie gestoppt hat: Die Programme darin enden, ihre Arbeitsbereiche und Branches bleiben, und sie starten hier neu.</translation>
    </message>
    <message>
        <source>Stop Them and Open Here</source>
        <translation>Stoppen und hier öffnen</translation>
    </message>
    <message>
        <source>Paddock cannot start</source>
        <translation>Paddock kann nicht starten</translation>
    </message>
    <message>
        <source>A 'paddock exec' or 'paddock run' command (process %1) hosts %2 until it ends. Open Paddock once it has ended.</source>
        <translation>Ein Befehl „paddock exec“ oder „paddock run“ (Prozess %1) betreibt %2, bis er endet. Öffnen Sie Paddock, sobald er beendet ist.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::HostCountModel</name>
    <message>
        <source>One request to %1, %2 blocked.</source>
        <translation>Eine Anfrage an %1, %2 blockiert.</translation>
    </message>
    <message>
        <source>%1 requests to %2, %3 blocked.</source>
        <translation>%1 Anfragen an %2, %3 blockiert.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
</context>
<context>
    <name>Paddock::App::HostHandover</name>
    <message>
        <source>The Paddock process that hosts the sandboxes does not answer.</source>
        <translation>Der Paddock-Prozess, der die Sandboxen betreibt, antwortet nicht.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ImageCommand</name>
    <message>
        <source>Where the microVM guest image is and what it was built from.</source>
        <translation>Wo das Gast-Image der MicroVM liegt und woraus es gebaut wurde.</translation>
    </message>
    <message>
        <source>Download a Debian kernel and busybox with apt and build the image (no root needed).</source>
        <translation>Einen Debian-Kernel und busybox mit apt herunterladen und das Image bauen (ohne Root-Rechte).</translation>
    </message>
    <message>
        <source>unknown image command '%1'.</source>
        <translation>unbekannter image-Befehl '%1'.</translation>
    </message>
    <message>
        <source>There is no guest image yet; build it with 'paddock image build'.</source>
        <translation>Es gibt noch kein Gast-Image; bauen Sie es mit 'paddock image build'.</translation>
    </message>
    <message>
        <source>Folder:  %1</source>
        <translation>Ordner:  %1</translation>
    </message>
    <message>
        <source>Kernel:  %1 %2</source>
        <translation>Kernel:  %1 %2</translation>
    </message>
    <message>
        <source>Busybox: %1</source>
        <translation>Busybox: %1</translation>
    </message>
    <message>
        <source>The Debian kernel package (default: linux-image-amd64, as apt resolves it).</source>
        <translation>Das Debian-Kernelpaket (Vorgabe: linux-image-amd64, wie apt es auflöst).</translation>
    </message>
    <message>
        <source>Show or build the microVM guest image.</source>
        <translation>Das Gast-Image der MicroVM anzeigen oder bauen.</translation>
    </message>
    <message>
        <source>Root:    %1: %2, npm %3 (%4 packages)</source>
        <translation>Wurzel:  %1: %2, npm %3 (%4 Pakete)</translation>
    </message>
    <message>
        <source>This image was made by another version of Paddock; build it again with 'paddock image build'.</source>
        <translation>Dieses Image stammt von einer anderen Paddock-Version; erstellen Sie es erneut mit „paddock image build“.</translation>
    </message>
    <message>
        <source>Building the microVM guest image, once (a few minutes; 'paddock image' shows it later):</source>
        <translation>Das Gastabbild für MicroVMs wird einmalig erstellt (einige Minuten; 'paddock image' zeigt es danach):</translation>
    </message>
    <message>
        <source>Kernel:  %1 from %2, drivers built in</source>
        <translation>Kernel:  %1 aus %2, Treiber eingebaut</translation>
    </message>
    <message>
        <source>An uncompressed kernel (vmlinux) with PVH and the guest's drivers built in, to boot instead of Debian's.</source>
        <translation>Ein unkomprimierter Kernel (vmlinux) mit PVH und eingebauten Treibern des Gasts, der statt Debians Kernel bootet.</translation>
    </message>
    <message>
        <source>Usage: paddock image [show | build [--own-kernel | --kernel-package PACKAGE | --kernel FILE] | kernel]</source>
        <translation>Aufruf: paddock image [show | build [--own-kernel | --kernel-package PAKET | --kernel DATEI] | kernel]</translation>
    </message>
    <message>
        <source>Build Paddock's own guest kernel from Debian's Linux source, or find the one built before, and print its file.</source>
        <translation>Paddocks eigenen Gast-Kernel aus Debians Linux-Quellen bauen (oder den schon gebauten finden) und seine Datei ausgeben.</translation>
    </message>
    <message>
        <source>Boot Paddock's own kernel, built from Debian's Linux source once (5 to 12 minutes; needs make, gcc, flex, bison, bc and libelf-dev): machines start in half the time.</source>
        <translation>Paddocks eigenen Kernel booten, einmal aus Debians Linux-Quellen gebaut (5 bis 12 Minuten; braucht make, gcc, flex, bison, bc und libelf-dev): Maschinen starten in der halben Zeit.</translation>
    </message>
    <message>
        <source>Give only one of --own-kernel, --kernel-package and --kernel.</source>
        <translation>Nur eine der Optionen --own-kernel, --kernel-package und --kernel angeben.</translation>
    </message>
    <message>
        <source>Kernel:  Paddock's own, %1 (%2)</source>
        <translation>Kernel:  Paddocks eigener, %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ListCommand</name>
    <message>
        <source>Print JSON instead of a table.</source>
        <translation>JSON statt einer Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>'paddock ls' takes no arguments.</source>
        <translation>„paddock ls“ nimmt keine Argumente.</translation>
    </message>
    <message>
        <source>limits not applied: %1</source>
        <translation>Grenzen nicht angewendet: %1</translation>
    </message>
    <message>
        <source>its Paddock process ended</source>
        <translation>ihr Paddock-Prozess wurde beendet</translation>
    </message>
    <message>
        <source>No sandboxes.</source>
        <translation>Keine Sandboxen.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>AGENT</source>
        <translation>AGENT</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>BACKEND</source>
        <translation>BACKEND</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>MODUS</translation>
    </message>
    <message>
        <source>WORKSPACE</source>
        <translation>ARBEITSBEREICH</translation>
    </message>
    <message>
        <source>NOTE</source>
        <translation>HINWEIS</translation>
    </message>
    <message>
        <source>List sandboxes.</source>
        <translation>Sandboxen auflisten.</translation>
    </message>
    <message>
        <source>%1 (emulated, slow)</source>
        <translation>%1 (emuliert, langsam)</translation>
    </message>
    <message>
        <source>PUBLISHED</source>
        <translation>VERÖFFENTLICHT</translation>
    </message>
</context>
<context>
    <name>Paddock::App::MainWindow</name>
    <message>
        <source>Paddock</source>
        <translation>Paddock</translation>
    </message>
    <message>
        <source>&amp;New Sandbox…</source>
        <translation>&amp;Neue Sandbox …</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Create a sandbox for a project folder and an agent</source>
        <translation>Eine Sandbox für einen Projektordner und einen Agenten erstellen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start the sandbox without opening a pane (its network self-test first)</source>
        <translation>Die Sandbox starten, ohne einen Bereich zu öffnen (zuerst ihr Netzwerk-Selbsttest)</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Run the sandbox's agent in a terminal pane, starting the sandbox if needed</source>
        <translation>Den Agenten der Sandbox in einem Terminalbereich ausführen und die Sandbox dazu bei Bedarf starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop every process in the sandbox</source>
        <translation>Alle Prozesse in der Sandbox beenden</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove a stopped sandbox and its clone; your folder is not touched</source>
        <translation>Eine gestoppte Sandbox und ihren Klon entfernen; Ihr Ordner bleibt unberührt</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>Paddock is still running</source>
        <translation>Paddock läuft weiter</translation>
    </message>
    <message>
        <source>Your sandboxes keep running. Open Paddock from its tray icon, or choose Quit Paddock there to stop them.</source>
        <translation>Ihre Sandboxen laufen weiter. Öffnen Sie Paddock über sein Symbol in der Kontrollleiste, oder wählen Sie dort „Paddock beenden“, um sie zu stoppen.</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>Needs Attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Nothing needs you.
Agents that finish, wait for input, ring or have a request blocked are listed here.</source>
        <translation>Gerade braucht Sie nichts.
Agenten, die fertig sind, auf Eingabe warten, klingeln oder bei denen eine Anfrage blockiert wurde, erscheinen hier.</translation>
    </message>
    <message>
        <source>Network Log</source>
        <translation>Netzwerkprotokoll</translation>
    </message>
    <message>
        <source>Cannot start %1</source>
        <translation>%1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>Its clone and the branch %1 in it are deleted. Your folder %2 is not touched.</source>
        <translation>Ihr Klon und der Branch %1 darin werden gelöscht. Ihr Ordner %2 bleibt unberührt.</translation>
    </message>
    <message>
        <source>Its record goes; the folder %1 it worked in stays as it is.</source>
        <translation>Ihr Eintrag wird entfernt; der Ordner %1, in dem sie gearbeitet hat, bleibt, wie er ist.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>Remove %1 and lose its work?</source>
        <translation>%1 entfernen und ihre Arbeit verlieren?</translation>
    </message>
    <message>
        <source>Remove and Lose the Commits</source>
        <translation>Entfernen und Commits verlieren</translation>
    </message>
    <message>
        <source>Cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>Cannot attach</source>
        <translation>Verbinden nicht möglich</translation>
    </message>
    <message>
        <source>The sandbox's agent template "%1" does not exist any more.</source>
        <translation>Die Agentenvorlage „%1“ der Sandbox gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Cannot stop %1</source>
        <translation>%1 kann nicht gestoppt werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Quit Paddock?</source>
        <translation>Paddock beenden?</translation>
    </message>
    <message>
        <source>The sandbox %1 is running. Quitting stops it and every agent in it.</source>
        <translation>Die Sandbox %1 läuft. Beenden stoppt sie und jeden Agenten darin.</translation>
    </message>
    <message>
        <source>%1 sandboxes are running (%2). Quitting stops them and every agent in them.</source>
        <translation>%1 Sandboxen laufen (%2). Beenden stoppt sie und jeden Agenten darin.</translation>
    </message>
    <message>
        <source>Network &amp;Policy…</source>
        <translation>Netzwerk&amp;richtlinie …</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Edit the network policy of the selected sandbox, or the global one</source>
        <translation>Die Netzwerkrichtlinie der ausgewählten Sandbox oder die globale bearbeiten</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Einste&amp;llungen …</translation>
    </message>
    <message>
        <source>Language, defaults, network policy, agent templates and secrets</source>
        <translation>Sprache, Standards, Netzwerkrichtlinie, Agentenvorlagen und Geheimnisse</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Network Policy</source>
        <translation>Netzwerkrichtlinie</translation>
    </message>
    <message>
        <source>Agent Templates</source>
        <translation>Agentenvorlagen</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agenten</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Re&amp;view</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Review the selected sandbox's branch: its diff, then merge or discard it</source>
        <translation>Den Branch der ausgewählten Sandbox prüfen: seinen Diff ansehen, dann zusammenführen oder verwerfen</translation>
    </message>
    <message>
        <source>%1 is paused</source>
        <translation>%1 ist angehalten</translation>
    </message>
    <message>
        <source>Cannot publish port %1 of %2</source>
        <translation>Port %1 von %2 kann nicht veröffentlicht werden</translation>
    </message>
</context>
<context>
    <name>Paddock::App::MergeCommand</name>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>Make one new commit with all of the branch's changes.</source>
        <translation>Einen einzigen neuen Commit mit allen Änderungen des Branches erstellen.</translation>
    </message>
    <message>
        <source>Only fast-forward; refuse when a merge commit is needed.</source>
        <translation>Nur vorspulen (Fast-Forward); ablehnen, wenn ein Merge-Commit nötig ist.</translation>
    </message>
    <message>
        <source>Always make a merge commit.</source>
        <translation>Immer einen Merge-Commit erstellen.</translation>
    </message>
    <message>
        <source>The branch to merge into (default: the checked-out one).</source>
        <translation>Der Branch, in den zusammengeführt wird (Standard: der ausgecheckte).</translation>
    </message>
    <message>
        <source>The message of the merge or squash commit.</source>
        <translation>Die Nachricht des Merge- oder Squash-Commits.</translation>
    </message>
    <message>
        <source>'paddock merge' needs one sandbox name.</source>
        <translation>„paddock merge“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>Choose one of --squash, --ff-only and --no-ff.</source>
        <translation>Wählen Sie nur eines von --squash, --ff-only und --no-ff.</translation>
    </message>
    <message>
        <source>A fast-forward makes no commit, so it takes no --message.</source>
        <translation>Ein Fast-Forward erstellt keinen Commit und nimmt daher kein --message.</translation>
    </message>
    <message>
        <source>Merging %1 into %2 conflicts in: %3. Nothing was changed. Ask the agent to merge %2 into its branch, then review it again.</source>
        <translation>Das Zusammenführen von %1 in %2 erzeugt Konflikte in: %3. Es wurde nichts geändert. Bitten Sie den Agenten, %2 in seinen Branch zusammenzuführen, und prüfen Sie ihn dann erneut.</translation>
    </message>
    <message>
        <source>%1 already contains everything in %2.</source>
        <translation>%1 enthält bereits alles aus %2.</translation>
    </message>
    <message>
        <source>Fast-forwarded %1 to %2 (%3).</source>
        <translation>%1 auf %2 vorgespult (%3).</translation>
    </message>
    <message>
        <source>Merged %1 into %2: commit %3.</source>
        <translation>%1 in %2 zusammengeführt: Commit %3.</translation>
    </message>
    <message>
        <source>Squashed %1 into %2: commit %3.</source>
        <translation>%1 in %2 zusammengefasst (Squash): Commit %3.</translation>
    </message>
    <message>
        <source>Merge a reviewed sandbox branch into your branch.</source>
        <translation>Einen geprüften Sandbox-Branch in Ihren Branch zusammenführen.</translation>
    </message>
    <message>
        <source>Sign the merge or squash commit with your git signing key (as 'git commit -S'), even if commit.gpgsign is not set.</source>
        <translation>Den Merge- oder Squash-Commit mit Ihrem git-Signaturschlüssel signieren (wie 'git commit -S'), auch wenn commit.gpgsign nicht gesetzt ist.</translation>
    </message>
    <message>
        <source>Do not sign, even if commit.gpgsign is set.</source>
        <translation>Nicht signieren, auch wenn commit.gpgsign gesetzt ist.</translation>
    </message>
    <message>
        <source>Choose one of --sign and --no-sign.</source>
        <translation>Wählen Sie entweder --sign oder --no-sign.</translation>
    </message>
    <message>
        <source>A fast-forward makes no commit, so there is nothing to sign.</source>
        <translation>Ein Fast-Forward erzeugt keinen Commit, es gibt also nichts zu signieren.</translation>
    </message>
    <message>
        <source>Merged %1 into %2: commit %3, signed.</source>
        <translation>%1 in %2 gemergt: Commit %3, signiert.</translation>
    </message>
    <message>
        <source>Squashed %1 into %2: commit %3, signed.</source>
        <translation>%1 in %2 zusammengefasst: Commit %3, signiert.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::MergeDialog</name>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>%1 zusammenführen</translation>
    </message>
    <message numerus="yes">
        <source>Merge the %n commit(s) of %1 into one of your branches. Nothing is changed if the merge would conflict.</source>
        <translation>
            <numerusform>Den %n Commit von %1 in einen Ihrer Branches zusammenführen. Gäbe es Konflikte, wird nichts geändert.</numerusform>
            <numerusform>Die %n Commits von %1 in einen Ihrer Branches zusammenführen. Gäbe es Konflikte, wird nichts geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>A local branch of your repository. If it is checked out, it must have no uncommitted changes.</source>
        <translation>Ein lokaler Branch Ihres Repositorys. Ist er ausgecheckt, darf er keine nicht committeten Änderungen haben.</translation>
    </message>
    <message>
        <source>&amp;Squash into one commit</source>
        <translation>Zu einem Commit zu&amp;sammenfassen (Squash)</translation>
    </message>
    <message>
        <source>One new commit on the target with all of the branch's changes and the message below.</source>
        <translation>Ein neuer Commit auf dem Ziel mit allen Änderungen des Branches und der Nachricht unten.</translation>
    </message>
    <message>
        <source>Create a merge &amp;commit</source>
        <translation>Merge-&amp;Commit erstellen</translation>
    </message>
    <message>
        <source>Keeps the agent's commits and joins them with a merge commit.</source>
        <translation>Behält die Commits des Agenten und verbindet sie mit einem Merge-Commit.</translation>
    </message>
    <message>
        <source>&amp;Fast-forward only</source>
        <translation>Nur &amp;vorspulen (Fast-Forward)</translation>
    </message>
    <message>
        <source>Moves the target to the branch's last commit; refused if the target has commits the branch lacks.</source>
        <translation>Setzt das Ziel auf den letzten Commit des Branches; abgelehnt, wenn das Ziel Commits hat, die dem Branch fehlen.</translation>
    </message>
    <message>
        <source>&amp;Into:</source>
        <translation>Zie&amp;l:</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Wie:</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>A fast-forward makes no commit.</source>
        <translation>Vorspulen erstellt keinen Commit.</translation>
    </message>
    <message>
        <source>Leave empty for a message listing the agent's commits.</source>
        <translation>Leer lassen für eine Nachricht, die die Commits des Agenten auflistet.</translation>
    </message>
    <message>
        <source>Leave empty for "Merge %1 into %2".</source>
        <translation>Leer lassen für „%1 in %2 zusammenführen“.</translation>
    </message>
    <message>
        <source>Si&amp;gn the commit with your key</source>
        <translation>Commit mit Ihrem Schlüssel si&amp;gnieren</translation>
    </message>
    <message>
        <source>Si&amp;gn the commit (%1)</source>
        <translation>Commit si&amp;gnieren (%1)</translation>
    </message>
    <message>
        <source>Signs the merge or squash commit here, on your computer, with %1, as 'git commit -S' would. Checked when your git configuration sets commit.gpgsign.</source>
        <translation>Signiert den Merge- oder Squash-Commit hier auf Ihrem Rechner mit %1, wie 'git commit -S' es täte. Angehakt, wenn Ihre git-Konfiguration commit.gpgsign setzt.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::NetworkLogExport</name>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::NetworkLogModel</name>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>The proxy allowed the request but could not complete it (DNS, connection, a scan failed).</extracomment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation>%1 gesendet, %2 empfangen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Sent</source>
        <extracomment>Bytes the sandbox sent.</extracomment>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Bytes the sandbox received.</extracomment>
        <translation>Empfangen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::NetworkLogWidget</name>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Double-click a host to show only its requests.</source>
        <translation>Doppelklicken Sie auf einen Host, um nur seine Anfragen anzuzeigen.</translation>
    </message>
    <message>
        <source>All sandboxes</source>
        <translation>Alle Sandboxen</translation>
    </message>
    <message>
        <source>All requests</source>
        <extracomment>Verdict filter: allowed and blocked requests alike.</extracomment>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <source>Filter by host</source>
        <translation>Nach Host filtern</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Save the requests shown as CSV or JSON</source>
        <translation>Die angezeigten Anfragen als CSV oder JSON speichern</translation>
    </message>
    <message>
        <source>Allow for This Sandbox…</source>
        <translation>Für diese Sandbox erlauben …</translation>
    </message>
    <message>
        <source>Propose a rule that lets requests like this one through in its sandbox</source>
        <translation>Eine Regel vorschlagen, die Anfragen wie diese in ihrer Sandbox durchlässt</translation>
    </message>
    <message>
        <source>Allow Everywhere…</source>
        <translation>Überall erlauben …</translation>
    </message>
    <message>
        <source>Propose a global rule that lets requests like this one through</source>
        <translation>Eine globale Regel vorschlagen, die Anfragen wie diese durchlässt</translation>
    </message>
    <message>
        <source>Deny…</source>
        <translation>Verweigern …</translation>
    </message>
    <message>
        <source>Propose a rule that blocks requests like this one in its sandbox</source>
        <translation>Eine Regel vorschlagen, die Anfragen wie diese in ihrer Sandbox blockiert</translation>
    </message>
    <message>
        <source>Show Only This Host</source>
        <translation>Nur diesen Host anzeigen</translation>
    </message>
    <message>
        <source>Added "%1" to the global rules.</source>
        <translation>„%1“ zu den globalen Regeln hinzugefügt.</translation>
    </message>
    <message>
        <source>Added "%1" to the rules of %2.</source>
        <translation>„%1“ zu den Regeln von %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>Added "%1", but "%2" still decides this request: it is more specific, or an equally specific deny.</source>
        <translation>„%1“ hinzugefügt, aber über diese Anfrage entscheidet weiterhin „%2“: Diese Regel ist spezifischer oder ein ebenso spezifisches Verbot.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export Network Log</source>
        <translation>Netzwerkprotokoll exportieren</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Each request a sandbox makes will appear here as it happens, with the rule that allowed or blocked it.</source>
        <translation>Jede Anfrage einer Sandbox erscheint hier, sobald sie geschieht, mit der Regel, die sie erlaubt oder blockiert hat.</translation>
    </message>
    <message>
        <source>No request matches the filter.</source>
        <translation>Keine Anfrage passt zum Filter.</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>One request</source>
        <translation>Eine Anfrage</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 Anfragen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::NewSandboxDialog</name>
    <message>
        <source>A clone, on a branch of its own</source>
        <translation>In einem Klon, auf einem eigenen Branch</translation>
    </message>
    <message>
        <source>The folder itself</source>
        <translation>Im Ordner selbst</translation>
    </message>
    <message>
        <source>New Sandbox</source>
        <translation>Neue Sandbox</translation>
    </message>
    <message>
        <source>The project folder the agent works in</source>
        <translation>Der Projektordner, in dem der Agent arbeitet</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>lower-case letters, digits and -</source>
        <translation>Kleinbuchstaben, Ziffern und -</translation>
    </message>
    <message>
        <source>Linux namespaces (bubblewrap)</source>
        <translation>Linux-Namespaces (bubblewrap)</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPUs</translation>
    </message>
    <message>
        <source>Limits cannot be applied on this computer: %1</source>
        <translation>Grenzen lassen sich auf diesem Computer nicht anwenden: %1</translation>
    </message>
    <message>
        <source>&amp;Project folder:</source>
        <translation>&amp;Projektordner:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Agent:</source>
        <translation>Agen&amp;t:</translation>
    </message>
    <message>
        <source>Net&amp;work policy:</source>
        <translation>Netz&amp;werkrichtlinie:</translation>
    </message>
    <message>
        <source>The agent works in:</source>
        <translation>Der Agent arbeitet:</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <source>&amp;Limits:</source>
        <translation>&amp;Grenzen:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>Create &amp;&amp; &amp;Run</source>
        <translation>Erstellen und &amp;starten</translation>
    </message>
    <message>
        <source>Project Folder</source>
        <translation>Projektordner</translation>
    </message>
    <message>
        <source>The agent commits to the branch paddock/%1 in a clone; your folder and its branches are untouched until you merge.</source>
        <translation>Der Agent committet auf den Branch paddock/%1 in einem Klon; Ihr Ordner und seine Branches bleiben unberührt, bis Sie zusammenführen.</translation>
    </message>
    <message>
        <source>Not a git repository, so the agent changes the folder itself.</source>
        <translation>Kein Git-Repository, daher ändert der Agent den Ordner selbst.</translation>
    </message>
    <message>
        <source>The agent changes the folder itself; nothing to review or merge later.</source>
        <translation>Der Agent ändert den Ordner selbst; später gibt es nichts zu prüfen oder zusammenzuführen.</translation>
    </message>
    <message>
        <source>Choose the project folder the agent works in.</source>
        <translation>Wählen Sie den Projektordner, in dem der Agent arbeitet.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Give the sandbox a name.</source>
        <translation>Geben Sie der Sandbox einen Namen.</translation>
    </message>
    <message>
        <source>A sandbox named "%1" exists already.</source>
        <translation>Eine Sandbox namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>Write the memory limit as a size, such as 4G or 512M.</source>
        <translation>Geben Sie die Speichergrenze als Größe an, etwa 4G oder 512M.</translation>
    </message>
    <message>
        <source>MicroVM (QEMU) — emulated (slow)</source>
        <translation>MicroVM (QEMU) — emuliert (langsam)</translation>
    </message>
    <message>
        <source>MicroVM (QEMU)</source>
        <translation>MicroVM (QEMU)</translation>
    </message>
    <message>
        <source>Namespace sandboxes see only their workspace and reach the network only through Paddock's proxy.</source>
        <translation>Namespace-Sandboxes sehen nur ihren Arbeitsbereich und erreichen das Netz nur über Paddocks Proxy.</translation>
    </message>
    <message>
        <source>A microVM runs its own kernel. There is no usable KVM here, so it is emulated: several times slower.</source>
        <translation>Eine MicroVM hat ihren eigenen Kernel. Hier gibt es kein nutzbares KVM, daher wird sie emuliert: um ein Mehrfaches langsamer.</translation>
    </message>
    <message>
        <source>A microVM runs its own kernel, sees only its workspace and reaches the network only through Paddock's proxy.</source>
        <translation>Eine MicroVM hat ihren eigenen Kernel, sieht nur ihren Arbeitsbereich und erreicht das Netz nur über Paddocks Proxy.</translation>
    </message>
    <message>
        <source>A microVM runs its own kernel. The first one builds the guest image: a few minutes, about 125 MB to download.</source>
        <translation>Eine MicroVM startet ihren eigenen Kernel. Die erste erstellt das Gastabbild: einige Minuten, etwa 125 MB Download.</translation>
    </message>
    <message>
        <source>A microVM needs the guest image, which was not built; choose Linux namespaces or try again.</source>
        <translation>Eine MicroVM braucht das Gastabbild, das nicht erstellt wurde; wählen Sie Linux-Namespaces oder versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>D&amp;isk:</source>
        <translation>P&amp;latte:</translation>
    </message>
    <message>
        <source>M&amp;emory:</source>
        <translation>Spei&amp;cher:</translation>
    </message>
    <message>
        <source>&amp;Machine:</source>
        <translation>&amp;Maschine:</translation>
    </message>
    <message>
        <source>1 CPU</source>
        <translation>1 CPU</translation>
    </message>
    <message>
        <source>1G</source>
        <translation>1G</translation>
    </message>
    <message>
        <source>No limit (e.g. 4G)</source>
        <translation>Keine Grenze (z. B. 4G)</translation>
    </message>
    <message>
        <source>32G</source>
        <translation>32G</translation>
    </message>
    <message>
        <source>The clone's own disk. It is sparse: it takes only the space the clone uses.</source>
        <translation>Die eigene Platte des Klons. Sie ist dünn belegt: Sie braucht nur den Platz, den der Klon nutzt.</translation>
    </message>
    <message>
        <source>The folder itself is shared into the machine, so there is no disk to size.</source>
        <translation>Der Ordner selbst wird in die Maschine geteilt, es gibt also keine Platte zu bemessen.</translation>
    </message>
    <message>
        <source>Its CPUs, memory and, for a clone, its disk (sparse: it takes only what is used).</source>
        <translation>Ihre CPUs, ihr Speicher und, bei einem Klon, ihre Platte (dünn belegt: sie braucht nur, was genutzt wird).</translation>
    </message>
    <message>
        <source>Write the disk size as a size of at least 256M, such as 64G.</source>
        <translation>Geben Sie die Plattengröße als Größe von mindestens 256M an, etwa 64G.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PaneGrid</name>
    <message>
        <source>No agent terminals open.
Create a sandbox with New Sandbox (Ctrl+N), or select one and choose Attach (Ctrl+T) to run its agent here.</source>
        <translation>Keine Agenten-Terminals geöffnet.
Erstellen Sie eine Sandbox mit „Neue Sandbox“ (Strg+N), oder wählen Sie eine aus und dann „Verbinden“ (Strg+T), um ihren Agenten hier auszuführen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PolicyCommand</name>
    <message>
        <source>"%1" is not an http or https URL.</source>
        <translation>„%1“ ist keine http- oder https-URL.</translation>
    </message>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>Usage: paddock policy COMMAND</source>
        <translation>Aufruf: paddock policy BEFEHL</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Show the preset and the rules.</source>
        <translation>Die Vorgabe und die Regeln anzeigen.</translation>
    </message>
    <message>
        <source>Add an allow rule, e.g. '**.github.com:443'.</source>
        <translation>Eine Erlauben-Regel hinzufügen, z. B. „**.github.com:443“.</translation>
    </message>
    <message>
        <source>Add a deny rule.</source>
        <translation>Eine Verweigern-Regel hinzufügen.</translation>
    </message>
    <message>
        <source>Remove a rule.</source>
        <translation>Eine Regel entfernen.</translation>
    </message>
    <message>
        <source>Choose the preset: %1.</source>
        <translation>Die Vorgabe wählen: %1.</translation>
    </message>
    <message>
        <source>Show which rule decides a URL, and why.</source>
        <translation>Anzeigen, welche Regel über eine URL entscheidet, und warum.</translation>
    </message>
    <message>
        <source>Rule syntax: [METHODS] host[:port][/path-glob] with host exact, *.x, **.x, ** or a CIDR.</source>
        <translation>Regelsyntax: [METHODEN] host[:port][/pfad-muster], mit host exakt, *.x, **.x, ** oder einem CIDR-Bereich.</translation>
    </message>
    <message>
        <source>unknown policy command '%1'.</source>
        <translation>unbekannter policy-Befehl „%1“.</translation>
    </message>
    <message>
        <source>Also list the preset's rules.</source>
        <translation>Auch die Regeln der Vorgabe auflisten.</translation>
    </message>
    <message>
        <source>Show this sandbox's rules too.</source>
        <translation>Auch die Regeln dieser Sandbox anzeigen.</translation>
    </message>
    <message>
        <source>'paddock policy ls' takes no arguments.</source>
        <translation>„paddock policy ls“ nimmt keine Argumente.</translation>
    </message>
    <message>
        <source>Preset: %1 (%2)</source>
        <translation>Vorgabe: %1 (%2)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Global rules (%1):</source>
        <translation>Globale Regeln (%1):</translation>
    </message>
    <message>
        <source>Project rules (%1):</source>
        <translation>Projektregeln (%1):</translation>
    </message>
    <message>
        <source>Sandbox rules (%1):</source>
        <translation>Sandbox-Regeln (%1):</translation>
    </message>
    <message>
        <source>Add the rule to this sandbox instead of globally.</source>
        <translation>Die Regel dieser Sandbox statt global hinzufügen.</translation>
    </message>
    <message>
        <source>[METHODS] host[:port][/path-glob], e.g. **.github.com:443</source>
        <translation>[METHODEN] host[:port][/pfad-muster], z. B. **.github.com:443</translation>
    </message>
    <message>
        <source>'paddock policy %1' needs a rule, e.g. '**.github.com:443'.</source>
        <translation>„paddock policy %1“ braucht eine Regel, z. B. „**.github.com:443“.</translation>
    </message>
    <message>
        <source>Sandbox %1: %2</source>
        <translation>Sandbox %1: %2</translation>
    </message>
    <message>
        <source>The rule "%1" is already in the global policy.</source>
        <translation>Die Regel „%1“ steht schon in der globalen Richtlinie.</translation>
    </message>
    <message>
        <source>Added the global rule "%1".</source>
        <translation>Globale Regel „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Remove the rule from this sandbox.</source>
        <translation>Die Regel aus dieser Sandbox entfernen.</translation>
    </message>
    <message>
        <source>The rule as 'paddock policy ls' shows it.</source>
        <translation>Die Regel, wie „paddock policy ls“ sie anzeigt.</translation>
    </message>
    <message>
        <source>'paddock policy rm' needs the rule to remove.</source>
        <translation>„paddock policy rm“ braucht die zu entfernende Regel.</translation>
    </message>
    <message>
        <source>Sandbox %1 has no rule "%2".</source>
        <translation>Die Sandbox %1 hat keine Regel „%2“.</translation>
    </message>
    <message>
        <source>The global policy has no rule "%1"; 'paddock policy ls' lists the rules.</source>
        <translation>Die globale Richtlinie hat keine Regel „%1“; „paddock policy ls“ listet die Regeln auf.</translation>
    </message>
    <message>
        <source>Removed "%1".</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <source>'paddock policy preset' needs one preset name: %1.</source>
        <translation>„paddock policy preset“ braucht genau einen Vorgabennamen: %1.</translation>
    </message>
    <message>
        <source>The preset is now %1: %2</source>
        <translation>Die Vorgabe ist jetzt %1: %2</translation>
    </message>
    <message>
        <source>Explain for this sandbox's policy.</source>
        <translation>Für die Richtlinie dieser Sandbox erklären.</translation>
    </message>
    <message>
        <source>The HTTP method (default GET).</source>
        <translation>Die HTTP-Methode (Standard: GET).</translation>
    </message>
    <message>
        <source>https://host/path, http://host:port/path or host:port</source>
        <translation>https://host/pfad, http://host:port/pfad oder host:port</translation>
    </message>
    <message>
        <source>'paddock policy explain' needs one URL.</source>
        <translation>„paddock policy explain“ braucht genau eine URL.</translation>
    </message>
    <message>
        <source>ALLOWED</source>
        <translation>ERLAUBT</translation>
    </message>
    <message>
        <source>DENIED</source>
        <translation>VERWEIGERT</translation>
    </message>
    <message>
        <source>Winning rule: %1 (%2 layer)</source>
        <translation>Entscheidende Regel: %1 (Ebene: %2)</translation>
    </message>
    <message>
        <source>Also matched, but less specific:</source>
        <translation>Ebenfalls zutreffend, aber weniger spezifisch:</translation>
    </message>
    <message>
        <source>To allow it: paddock policy allow '%1:%2'</source>
        <translation>Zum Erlauben: paddock policy allow '%1:%2'</translation>
    </message>
    <message>
        <source>Show, change and explain the network policy.</source>
        <translation>Die Netzwerkrichtlinie anzeigen, ändern und erklären.</translation>
    </message>
    <message>
        <source>Saved, but the running sandboxes still use the policy they had: %1</source>
        <translation>Gespeichert, aber die laufenden Sandboxen verwenden noch ihre bisherige Richtlinie: %1</translation>
    </message>
    <message>
        <source>In effect now for %1.</source>
        <translation>Gilt jetzt für %1.</translation>
    </message>
    <message>
        <source>Open the TLS of allowed tunnels to these hosts, to scan them and apply method and path rules.</source>
        <translation>Das TLS erlaubter Tunnel zu diesen Hosts öffnen, um sie zu prüfen und Methoden- und Pfadregeln anzuwenden.</translation>
    </message>
    <message>
        <source>'paddock policy' needs a command: ls, allow, deny, intercept, rm, preset or explain.</source>
        <translation>„paddock policy“ braucht einen Befehl: ls, allow, deny, intercept, rm, preset oder explain.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PolicyEditor</name>
    <message>
        <source>Network Policy</source>
        <translation>Netzwerkrichtlinie</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Verweigern</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Change the selected rule (F2 or double-click)</source>
        <translation>Die ausgewählte Regel ändern (F2 oder Doppelklick)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected rules (Delete)</source>
        <translation>Die ausgewählten Regeln entfernen (Entf)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>[METHODS] host[:port][/path], e.g. **.example.com:443</source>
        <translation>[METHODEN] host[:port][/pfad], z. B. **.example.com:443</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;New rule:</source>
        <translation>&amp;Neue Regel:</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Add the rules of a policy file, such as a project's .paddock/policy.json</source>
        <translation>Die Regeln einer Richtliniendatei hinzufügen, etwa der .paddock/policy.json eines Projekts</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save these rules as a policy file, for example to commit as .paddock/policy.json</source>
        <translation>Diese Regeln als Richtliniendatei speichern, etwa um sie als .paddock/policy.json zu committen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Forget the changes and show the saved rules</source>
        <translation>Die Änderungen verwerfen und die gespeicherten Regeln anzeigen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Showing the saved rules.</source>
        <translation>Die gespeicherten Regeln werden angezeigt.</translation>
    </message>
    <message>
        <source>Project %1</source>
        <extracomment>A scope of the policy editor: the policy file of a project folder.</extracomment>
        <translation>Projekt %1</translation>
    </message>
    <message>
        <source>Other Project Folder…</source>
        <translation>Anderer Projektordner …</translation>
    </message>
    <message>
        <source>Choose a project folder to edit its policy file</source>
        <translation>Einen Projektordner wählen, um seine Richtliniendatei zu bearbeiten</translation>
    </message>
    <message>
        <source>Sandbox %1</source>
        <extracomment>A scope of the policy editor: one sandbox's own rules.</extracomment>
        <translation>Sandbox %1</translation>
    </message>
    <message>
        <source>The rules of this sandbox only</source>
        <translation>Nur die Regeln dieser Sandbox</translation>
    </message>
    <message>
        <source>Project Folder</source>
        <translation>Projektordner</translation>
    </message>
    <message>
        <source>%1 Fix the file in a text editor, then choose Revert.</source>
        <translation>%1 Korrigieren Sie die Datei in einem Texteditor und wählen Sie dann „Zurücksetzen“.</translation>
    </message>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>Not set by a project file</source>
        <extracomment>The preset field when a project's policy file is edited.</extracomment>
        <translation>Nicht durch eine Projektdatei festgelegt</translation>
    </message>
    <message>
        <source>Same as the global policy (%1)</source>
        <translation>Wie die globale Richtlinie (%1)</translation>
    </message>
    <message>
        <source>A project's file holds rules only: each sandbox starts from its own preset or the global one.</source>
        <translation>Die Datei eines Projekts enthält nur Regeln: Jede Sandbox geht von ihrer eigenen Vorgabe oder der globalen aus.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n rules)</source>
        <translation>
            <numerusform>%1 (%n Regel)</numerusform>
            <numerusform>%1 (%n Regeln)</numerusform>
        </translation>
    </message>
    <message>
        <source>For example **.github.com:443, GET,HEAD registry.npmjs.org:443 or 10.0.0.0/8:8080.</source>
        <translation>Zum Beispiel **.github.com:443, GET,HEAD registry.npmjs.org:443 oder 10.0.0.0/8:8080.</translation>
    </message>
    <message>
        <source>"%1" is listed already.</source>
        <translation>„%1“ ist bereits aufgeführt.</translation>
    </message>
    <message>
        <source>Press Enter to add "%1".</source>
        <translation>Drücken Sie die Eingabetaste, um „%1“ hinzuzufügen.</translation>
    </message>
    <message>
        <source>The most specific rule wins, and at equal specificity deny wins, so the order of the rules does not matter. Anything no rule allows is blocked.</source>
        <translation>Die spezifischste Regel gewinnt, bei gleicher Spezifität gewinnt „Verweigern“; die Reihenfolge der Regeln spielt also keine Rolle. Was keine Regel erlaubt, wird blockiert.</translation>
    </message>
    <message>
        <source>The hosts %1 needs are allowed as well: %2.</source>
        <translation>Die Hosts, die %1 braucht, sind ebenfalls erlaubt: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) cannot be read: correct or remove them before saving.</source>
        <translation>
            <numerusform>%n Regel ist nicht lesbar: Korrigieren oder entfernen Sie sie vor dem Speichern.</numerusform>
            <numerusform>%n Regeln sind nicht lesbar: Korrigieren oder entfernen Sie sie vor dem Speichern.</numerusform>
        </translation>
    </message>
    <message>
        <source>With the preset and the global rules above, changes not saved yet included. A project's file and a sandbox's rules can change the answer.</source>
        <translation>Mit der Vorgabe und den globalen Regeln oben, einschließlich noch nicht gespeicherter Änderungen. Die Datei eines Projekts und die Regeln einer Sandbox können die Antwort ändern.</translation>
    </message>
    <message>
        <source>With the global policy and this project's rules above, changes not saved yet included. A sandbox's own rules can change the answer.</source>
        <translation>Mit der globalen Richtlinie und den Regeln dieses Projekts oben, einschließlich noch nicht gespeicherter Änderungen. Die eigenen Regeln einer Sandbox können die Antwort ändern.</translation>
    </message>
    <message>
        <source>With everything that applies to %1: its preset, the global rules, its project's file and its rules above, changes not saved yet included.</source>
        <translation>Mit allem, was für %1 gilt: ihre Vorgabe, die globalen Regeln, die Datei ihres Projekts und ihre Regeln oben, einschließlich noch nicht gespeicherter Änderungen.</translation>
    </message>
    <message>
        <source>Rules that cannot be read are left out.</source>
        <translation>Nicht lesbare Regeln werden ausgelassen.</translation>
    </message>
    <message>
        <source>the global policy</source>
        <translation>die globale Richtlinie</translation>
    </message>
    <message>
        <source>the policy file of %1</source>
        <translation>die Richtliniendatei von %1</translation>
    </message>
    <message>
        <source>the rules of %1</source>
        <translation>die Regeln von %1</translation>
    </message>
    <message>
        <source>%1 keeps its old policy: %2</source>
        <translation>%1 behält ihre alte Richtlinie: %2</translation>
    </message>
    <message>
        <source>Saved, but %1</source>
        <translation>Gespeichert, aber %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved. The %n running sandbox(es) use the new rules from their next request.</source>
        <translation>
            <numerusform>Gespeichert. Die %n laufende Sandbox verwendet die neuen Regeln ab ihrer nächsten Anfrage.</numerusform>
            <numerusform>Gespeichert. Die %n laufenden Sandboxen verwenden die neuen Regeln ab ihrer nächsten Anfrage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved. Sandboxes use the new rules from their next start.</source>
        <translation>Gespeichert. Sandboxen verwenden die neuen Regeln ab ihrem nächsten Start.</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>Die Änderungen an %1 speichern?</translation>
    </message>
    <message>
        <source>The rules you added, changed or removed are lost otherwise.</source>
        <translation>Sonst gehen die Regeln verloren, die Sie hinzugefügt, geändert oder entfernt haben.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Es gibt keine Datei %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) cannot be read: correct or remove them before exporting.</source>
        <translation>
            <numerusform>%n Regel ist nicht lesbar: Korrigieren oder entfernen Sie sie vor dem Exportieren.</numerusform>
            <numerusform>%n Regeln sind nicht lesbar: Korrigieren oder entfernen Sie sie vor dem Exportieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Policy File</source>
        <translation>Richtliniendatei importieren</translation>
    </message>
    <message>
        <source>Policy files (*.json);;All files (*)</source>
        <translation>Richtliniendateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Es wurde nichts importiert. %1</translation>
    </message>
    <message>
        <source>%1 has no rule that is not listed already.</source>
        <translation>%1 enthält keine Regel, die nicht schon aufgeführt ist.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n rule(s) from %1; save to keep them.</source>
        <translation>
            <numerusform>%n Regel aus %1 importiert; speichern Sie, um sie zu behalten.</numerusform>
            <numerusform>%n Regeln aus %1 importiert; speichern Sie, um sie zu behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Policy File</source>
        <translation>Richtliniendatei exportieren</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>&amp;Policy:</source>
        <translation>&amp;Richtlinie:</translation>
    </message>
    <message>
        <source>Prese&amp;t:</source>
        <translation>&amp;Vorgabe:</translation>
    </message>
    <message>
        <source>Global (every sandbox)</source>
        <translation>Global (alle Sandboxen)</translation>
    </message>
    <message>
        <source>Intercept</source>
        <extracomment>A policy rule that has Paddock open the TLS of a host's connections, to scan them.</extracomment>
        <translation>Abfangen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PolicyRulesModel</name>
    <message>
        <source>Listed twice: this copy changes nothing.</source>
        <translation>Doppelt aufgeführt: Diese Kopie ändert nichts.</translation>
    </message>
    <message>
        <source>Invalid</source>
        <extracomment>A rule the policy parser does not accept.</extracomment>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Verweigern</translation>
    </message>
    <message>
        <source>Action</source>
        <extracomment>Column header: allow or deny.</extracomment>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Rule</source>
        <extracomment>Column header: the hosts, ports, paths and methods a rule names.</extracomment>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Intercept</source>
        <translation>Abfangen</translation>
    </message>
    <message>
        <source>Requests scanned; the hosts still need an allow rule.</source>
        <translation>Anfragen werden geprüft; die Hosts brauchen trotzdem eine Erlaubnisregel.</translation>
    </message>
    <message>
        <source>Plain HTTP or intercepted hosts only: a tunnel hides methods and paths.</source>
        <translation>Nur einfaches HTTP oder abgefangene Hosts: Ein Tunnel verbirgt Methoden und Pfade.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PolicyTestBox</name>
    <message>
        <source>Test a URL</source>
        <translation>Eine URL testen</translation>
    </message>
    <message>
        <source>https://api.github.com/repos, http://host:8080/path or host:port</source>
        <translation>https://api.github.com/repos, http://host:8080/pfad oder host:port</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Type a URL to see whether a sandbox may reach it, and which rule decides.</source>
        <translation>Geben Sie eine URL ein, um zu sehen, ob eine Sandbox sie erreichen darf und welche Regel entscheidet.</translation>
    </message>
    <message>
        <source>Allowed: %1 %2</source>
        <extracomment>The answer of "Test a URL": the method and the URL, e.g. "Allowed: GET api.github.com:443/repos".</extracomment>
        <translation>Erlaubt: %1 %2</translation>
    </message>
    <message>
        <source>Blocked: %1 %2</source>
        <translation>Blockiert: %1 %2</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ProxyCommand</name>
    <message>
        <source>%1  %2  %3  %4 %5:%6%7  [%8]  up %9 B, down %10 B</source>
        <extracomment>One request in `paddock policy log`: time, verdict, sandbox, method, host:port/path, [rule], bytes sent and received.</extracomment>
        <translation>%1  %2  %3  %4 %5:%6%7  [%8]  gesendet %9 B, empfangen %10 B</translation>
    </message>
    <message>
        <source>Where to listen: HOST:PORT (port 0 picks one) or unix:PATH.</source>
        <translation>Wo gelauscht wird: HOST:PORT (Port 0 wählt einen) oder unix:PFAD.</translation>
    </message>
    <message>
        <source>A preset (open, balanced, locked-down) or a policy file.</source>
        <translation>Eine Vorgabe (open, balanced, locked-down) oder eine Richtliniendatei.</translation>
    </message>
    <message>
        <source>An extra allow rule (repeatable).</source>
        <translation>Eine zusätzliche Erlauben-Regel (wiederholbar).</translation>
    </message>
    <message>
        <source>An extra deny rule (repeatable).</source>
        <translation>Eine zusätzliche Verweigern-Regel (wiederholbar).</translation>
    </message>
    <message>
        <source>The JSON-lines audit log (default: the state folder).</source>
        <translation>Das Prüfprotokoll im JSON-Lines-Format (Standard: der Statusordner).</translation>
    </message>
    <message>
        <source>The name decisions are logged under.</source>
        <translation>Der Name, unter dem Entscheidungen protokolliert werden.</translation>
    </message>
    <message>
        <source>'paddock proxy' needs --listen HOST:PORT or --listen unix:PATH.</source>
        <translation>„paddock proxy“ braucht --listen HOST:PORT oder --listen unix:PFAD.</translation>
    </message>
    <message>
        <source>--policy %1 is neither a preset (%2) nor an existing file.</source>
        <translation>--policy %1 ist weder eine Vorgabe (%2) noch eine vorhandene Datei.</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <source>--listen needs an IP address and a port, such as 127.0.0.1:3128.</source>
        <translation>--listen braucht eine IP-Adresse und einen Port, etwa 127.0.0.1:3128.</translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation>Lauscht auf %1:%2</translation>
    </message>
    <message>
        <source>Keep printing new decisions as they happen.</source>
        <translation>Neue Entscheidungen weiter ausgeben, sobald sie fallen.</translation>
    </message>
    <message>
        <source>Only this sandbox's decisions.</source>
        <translation>Nur die Entscheidungen dieser Sandbox.</translation>
    </message>
    <message>
        <source>Read this audit log instead of the default one.</source>
        <translation>Dieses Prüfprotokoll statt des voreingestellten lesen.</translation>
    </message>
    <message>
        <source>No decisions logged yet (%1).</source>
        <translation>Noch keine Entscheidungen protokolliert (%1).</translation>
    </message>
    <message>
        <source>Run the filtering proxy on its own.</source>
        <translation>Den filternden Proxy eigenständig ausführen.</translation>
    </message>
    <message>
        <source>Open the TLS of allowed tunnels to these hosts and scan their requests (repeatable).</source>
        <translation>Das TLS erlaubter Tunnel zu diesen Hosts öffnen und ihre Anfragen prüfen (wiederholbar).</translation>
    </message>
    <message>
        <source>The CA folder for --intercept (default: Paddock's own).</source>
        <translation>Der CA-Ordner für --intercept (Standard: der von Paddock).</translation>
    </message>
    <message>
        <source>Trust only the certificates in this PEM file upstream (default: the system's).</source>
        <translation>Auf Serverseite nur den Zertifikaten in dieser PEM-Datei vertrauen (Standard: denen des Systems).</translation>
    </message>
    <message>
        <source>Intercepting with the CA in %1</source>
        <translation>Abfangen mit der CA in %1</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::PublishCommand</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" is not running ('paddock start %1').</source>
        <translation>Die Sandbox „%1“ läuft nicht („paddock start %1“).</translation>
    </message>
    <message>
        <source>The running sandbox.</source>
        <translation>Die laufende Sandbox.</translation>
    </message>
    <message>
        <source>The port a server in it listens on.</source>
        <translation>Der Port, auf dem ein Server darin lauscht.</translation>
    </message>
    <message>
        <source>The port on this computer (default: the same number if free, else any).</source>
        <translation>Der Port auf diesem Computer (Standard: dieselbe Nummer, wenn frei, sonst ein beliebiger).</translation>
    </message>
    <message>
        <source>'paddock publish' needs a sandbox name and a port.</source>
        <translation>„paddock publish“ braucht einen Sandbox-Namen und einen Port.</translation>
    </message>
    <message>
        <source>A port is a number from 1 to 65535.</source>
        <translation>Ein Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Port %1 of "%2" is at http://127.0.0.1:%3/ on this computer.</source>
        <translation>Port %1 von „%2“ ist auf diesem Computer unter http://127.0.0.1:%3/ erreichbar.</translation>
    </message>
    <message>
        <source>Make a sandbox's port reachable from this computer.</source>
        <translation>Einen Port einer Sandbox von diesem Computer aus erreichbar machen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::RemoveCommand</name>
    <message>
        <source>The sandbox.</source>
        <translation>Die Sandbox.</translation>
    </message>
    <message>
        <source>Remove it even if its clone has commits that are not merged.</source>
        <translation>Auch entfernen, wenn ihr Klon nicht zusammengeführte Commits enthält.</translation>
    </message>
    <message>
        <source>'paddock rm' needs one sandbox name.</source>
        <translation>„paddock rm“ braucht genau einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>The sandbox "%1" is running; stop it first with 'paddock stop %1'.</source>
        <translation>Die Sandbox „%1“ läuft; stoppen Sie sie zuerst mit „paddock stop %1“.</translation>
    </message>
    <message>
        <source>Removed sandbox "%1".</source>
        <translation>Sandbox „%1“ entfernt.</translation>
    </message>
    <message>
        <source>Remove a sandbox (keeps work that is not merged, unless forced).</source>
        <translation>Eine Sandbox entfernen (behält nicht zusammengeführte Arbeit, außer mit --force).</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewCommand</name>
    <message>
        <source>Usage: paddock review ls [NAME] [--against BRANCH]</source>
        <translation>Aufruf: paddock review ls [NAME] [--against BRANCH]</translation>
    </message>
    <message>
        <source>Brings each sandbox's branch into its repository and lists it.</source>
        <translation>Holt den Branch jeder Sandbox in ihr Repository und listet ihn auf.</translation>
    </message>
    <message>
        <source>'paddock review' needs a subcommand: ls.</source>
        <translation>„paddock review“ braucht einen Unterbefehl: ls.</translation>
    </message>
    <message>
        <source>Only this sandbox.</source>
        <translation>Nur diese Sandbox.</translation>
    </message>
    <message>
        <source>Compare with this branch (default: the checked-out one).</source>
        <translation>Mit diesem Branch vergleichen (Standard: dem ausgecheckten).</translation>
    </message>
    <message>
        <source>'paddock review ls' takes at most one sandbox name.</source>
        <translation>„paddock review ls“ nimmt höchstens einen Sandbox-Namen.</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>SANDBOX</translation>
    </message>
    <message>
        <source>BRANCH</source>
        <translation>BRANCH</translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation>ZIEL</translation>
    </message>
    <message>
        <source>AHEAD</source>
        <translation>VORAUS</translation>
    </message>
    <message>
        <source>BEHIND</source>
        <translation>ZURÜCK</translation>
    </message>
    <message>
        <source>FILES</source>
        <translation>DATEIEN</translation>
    </message>
    <message>
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <source>UNCOMMITTED</source>
        <translation>NICHT COMMITTET</translation>
    </message>
    <message>
        <source>paddock: %1: %2</source>
        <translation>paddock: %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>List the sandboxes' branches to review.</source>
        <translation>Die zu prüfenden Branches der Sandboxen auflisten.</translation>
    </message>
    <message>
        <source>Commits (newest first):</source>
        <translation>Commits (neueste zuerst):</translation>
    </message>
    <message>
        <source>(older commits not listed)</source>
        <translation>(ältere Commits nicht aufgeführt)</translation>
    </message>
    <message numerus="yes">
        <source>Network: %n request(s)</source>
        <translation>
            <numerusform>Netzwerk: %n Anfrage</numerusform>
            <numerusform>Netzwerk: %n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) reached</source>
        <translation>
            <numerusform>%n Host erreicht</numerusform>
            <numerusform>%n Hosts erreicht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blockiert</numerusform>
            <numerusform>%n blockiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s) caught</source>
        <translation>
            <numerusform>%n Geheimnis abgefangen</numerusform>
            <numerusform>%n Geheimnisse abgefangen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewComments</name>
    <message>
        <source>%1:%2 — %3</source>
        <translation>%1:%2 — %3</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewDiffPane</name>
    <message>
        <source>Review this first: %1</source>
        <extracomment>Above the diff of a CI workflow, build script, … %1 says why, e.g. "Git hooks run on your machine …"</extracomment>
        <translation>Zuerst prüfen: %1</translation>
    </message>
    <message>
        <source>Binary file: its contents are not shown. (Files larger than 16 MiB count as binary too.)</source>
        <translation>Binärdatei: Ihr Inhalt wird nicht angezeigt. (Dateien über 16 MiB gelten ebenfalls als binär.)</translation>
    </message>
    <message>
        <source>This file's diff was not loaded: the branch's diff is larger than Paddock keeps in memory. Run 'paddock diff %1' in a terminal to read it.</source>
        <translation>Der Diff dieser Datei wurde nicht geladen: Der Diff des Branches ist größer, als Paddock im Speicher hält. Führen Sie „paddock diff %1“ in einem Terminal aus, um ihn zu lesen.</translation>
    </message>
    <message>
        <source>This file's diff is too large to show here (%1). Run 'paddock diff %2' in a terminal to read it.</source>
        <translation>Der Diff dieser Datei ist zu groß für die Anzeige hier (%1). Führen Sie „paddock diff %2“ in einem Terminal aus, um ihn zu lesen.</translation>
    </message>
    <message>
        <source>Renamed without changes to its contents.</source>
        <translation>Umbenannt, ohne Änderungen am Inhalt.</translation>
    </message>
    <message>
        <source>No changes to the contents (for example only the file mode changed).</source>
        <translation>Keine Änderungen am Inhalt (zum Beispiel hat sich nur der Dateimodus geändert).</translation>
    </message>
    <message>
        <source>Commit %1</source>
        <translation>Commit %1</translation>
    </message>
    <message>
        <source>Author: %1 &lt;%2&gt;
Date:   %3
Commit: %4

%5</source>
        <extracomment>The header of a commit's details: author, date and id, then the message</extracomment>
        <translation>Autor:  %1 &lt;%2&gt;
Datum:  %3
Commit: %4

%5</translation>
    </message>
    <message>
        <source>Unified</source>
        <translation>Einspaltig</translation>
    </message>
    <message>
        <source>Old and new lines in one column</source>
        <translation>Alte und neue Zeilen in einer Spalte</translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>The old file on the left, the new file on the right</source>
        <translation>Die alte Datei links, die neue Datei rechts</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Bring every sandbox's branch in again</source>
        <translation>Den Branch jeder Sandbox erneut holen</translation>
    </message>
    <message>
        <source>Branches to review</source>
        <translation>Zu prüfende Branches</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen …</translation>
    </message>
    <message>
        <source>Delete the branch from your repository</source>
        <translation>Den Branch aus Ihrem Repository löschen</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen …</translation>
    </message>
    <message>
        <source>Merge the branch as shown into one of your branches</source>
        <translation>Den Branch wie angezeigt in einen Ihrer Branches zusammenführen</translation>
    </message>
    <message>
        <source>No sandbox works on a branch yet. Sandboxes created for a git repository work on their own branch in a clone; their work shows up here.</source>
        <translation>Noch arbeitet keine Sandbox auf einem Branch. Sandboxen für ein Git-Repository arbeiten in einem Klon auf einem eigenen Branch; ihre Arbeit erscheint hier.</translation>
    </message>
    <message>
        <source>Bringing paddock/%1 into %2…</source>
        <translation>paddock/%1 wird nach %2 geholt …</translation>
    </message>
    <message>
        <source>The branch was discarded. Refresh brings it in again while the sandbox exists.</source>
        <translation>Der Branch wurde verworfen. „Aktualisieren“ holt ihn erneut, solange die Sandbox existiert.</translation>
    </message>
    <message>
        <source>Loading the diff…</source>
        <translation>Der Diff wird geladen …</translation>
    </message>
    <message>
        <source>This branch changes no files.</source>
        <translation>Dieser Branch ändert keine Dateien.</translation>
    </message>
    <message>
        <source>%1 → %2 · %3 · %4, %5</source>
        <extracomment>paddock/NAME → TARGET · N commits ahead · N files, +N −N</extracomment>
        <translation>%1 → %2 · %3 · %4, %5</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) ahead</source>
        <translation>
            <numerusform>%n Commit voraus</numerusform>
            <numerusform>%n Commits voraus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n behind</source>
        <translation>
            <numerusform>, %n zurück</numerusform>
            <numerusform>, %n zurück</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 −%2</source>
        <translation>+%1 −%2</translation>
    </message>
    <message>
        <source>%1 was not merged: %2</source>
        <translation>%1 wurde nicht zusammengeführt: %2</translation>
    </message>
    <message>
        <source>Merging %1 into %2 would conflict in the files below. Nothing was changed. Ask the agent to merge %2 into its branch, then review it again.</source>
        <translation>Das Zusammenführen von %1 in %2 erzeugt Konflikte in den Dateien unten. Es wurde nichts geändert. Bitten Sie den Agenten, %2 in seinen Branch zusammenzuführen, und prüfen Sie ihn dann erneut.</translation>
    </message>
    <message>
        <source>%1 already contains everything in %2.</source>
        <translation>%1 enthält bereits alles aus %2.</translation>
    </message>
    <message>
        <source>Fast-forwarded %1 to %2 (%3).</source>
        <translation>%1 auf %2 vorgespult (%3).</translation>
    </message>
    <message>
        <source>Merged %1 into %2: commit %3.</source>
        <translation>%1 in %2 zusammengeführt: Commit %3.</translation>
    </message>
    <message>
        <source>Squashed %1 into %2: commit %3.</source>
        <translation>%1 in %2 zusammengefasst (Squash): Commit %3.</translation>
    </message>
    <message>
        <source>Discard paddock/%1?</source>
        <translation>paddock/%1 verwerfen?</translation>
    </message>
    <message>
        <source>Delete the branch paddock/%1 from %2?</source>
        <translation>Den Branch paddock/%1 aus %2 löschen?</translation>
    </message>
    <message>
        <source>The sandbox keeps its own copy of the branch, so Refresh brings it back unless you also remove the sandbox.</source>
        <translation>Die Sandbox behält ihre eigene Kopie des Branches; „Aktualisieren“ holt ihn daher zurück, wenn Sie nicht auch die Sandbox entfernen.</translation>
    </message>
    <message>
        <source>&amp;Discard Branch</source>
        <translation>Branch &amp;verwerfen</translation>
    </message>
    <message>
        <source>Also remove the sandbox and its clone, with all of its work</source>
        <translation>Auch die Sandbox und ihren Klon entfernen, mit all ihrer Arbeit</translation>
    </message>
    <message>
        <source>Stop the sandbox first.</source>
        <translation>Stoppen Sie zuerst die Sandbox.</translation>
    </message>
    <message>
        <source>Removed the sandbox "%1" and its branch.</source>
        <translation>Die Sandbox „%1“ und ihr Branch wurden entfernt.</translation>
    </message>
    <message>
        <source>Deleted paddock/%1 from %2.</source>
        <translation>paddock/%1 aus %2 gelöscht.</translation>
    </message>
    <message>
        <source>What the agent changed in its clone but has not committed: not part of the branch, so Merge leaves it out</source>
        <translation>Was der Agent in seinem Klon geändert, aber nicht committet hat: nicht Teil des Branches, daher lässt „Zusammenführen“ es aus</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Files</source>
        <translation>&amp;Dateien</translation>
    </message>
    <message>
        <source>&amp;Commits</source>
        <translation>&amp;Commits</translation>
    </message>
    <message>
        <source>&amp;Uncommitted</source>
        <translation>&amp;Nicht committet</translation>
    </message>
    <message>
        <source>Select a commit to read its message.</source>
        <translation>Wählen Sie einen Commit, um seine Nachricht zu lesen.</translation>
    </message>
    <message>
        <source>The branch has no commits of its own.</source>
        <translation>Der Branch hat keine eigenen Commits.</translation>
    </message>
    <message>
        <source>The sandbox's uncommitted changes could not be read: %1</source>
        <translation>Die nicht committeten Änderungen der Sandbox konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Select a file. The sandbox changed more files than are listed here.</source>
        <translation>Wählen Sie eine Datei. Die Sandbox hat mehr Dateien geändert, als hier aufgeführt sind.</translation>
    </message>
    <message>
        <source>Select a file to see what the agent changed but has not committed.</source>
        <translation>Wählen Sie eine Datei, um zu sehen, was der Agent geändert, aber nicht committet hat.</translation>
    </message>
    <message>
        <source>Nothing uncommitted: everything the agent changed in its clone is in its commits.</source>
        <translation>Nichts Unfertiges: Alles, was der Agent in seinem Klon geändert hat, steckt in seinen Commits.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>counting lines…</source>
        <translation>Zeilen werden gezählt …</translation>
    </message>
    <message>
        <source>&amp;Send to Agent</source>
        <translation>An den Agenten &amp;senden</translation>
    </message>
    <message>
        <source>Write the comments into the sandbox's workspace and ask its agent to read them</source>
        <translation>Die Kommentare in den Arbeitsbereich der Sandbox schreiben und ihren Agenten bitten, sie zu lesen</translation>
    </message>
    <message>
        <source>Discard Comments</source>
        <translation>Kommentare verwerfen</translation>
    </message>
    <message>
        <source>Comment for the Agent</source>
        <translation>Kommentar für den Agenten</translation>
    </message>
    <message>
        <source>On %1, line %2:
%3</source>
        <extracomment>%1 a file, %2 a line number, %3 the line's text</extracomment>
        <translation>Zu %1, Zeile %2:
%3</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s) for the agent</source>
        <translation>
            <numerusform>%n Kommentar für den Agenten</numerusform>
            <numerusform>%n Kommentare für den Agenten</numerusform>
        </translation>
    </message>
    <message>
        <source>The comments were not sent: %1</source>
        <translation>Die Kommentare wurden nicht gesendet: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n comment(s) to %1: they are in %2 in its workspace, and its agent is asked to read them if it runs in a pane.</source>
        <translation>
            <numerusform>%n Kommentar an %1 gesendet: Er liegt in %2 in ihrem Arbeitsbereich, und ihr Agent wird gebeten, ihn zu lesen, wenn er in einem Bereich läuft.</numerusform>
            <numerusform>%n Kommentare an %1 gesendet: Sie liegen in %2 in ihrem Arbeitsbereich, und ihr Agent wird gebeten, sie zu lesen, wenn er in einem Bereich läuft.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged %1 into %2: commit %3, signed.</source>
        <translation>%1 in %2 gemergt: Commit %3, signiert.</translation>
    </message>
    <message>
        <source>Squashed %1 into %2: commit %3, signed.</source>
        <translation>%1 in %2 zusammengefasst: Commit %3, signiert.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewSupport</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" works directly in %2 (direct mode), so it has no branch to review; look at the folder with your usual tools.</source>
        <translation>Die Sandbox „%1“ arbeitet direkt in %2 (direkter Modus) und hat daher keinen Branch zum Prüfen; sehen Sie sich den Ordner mit Ihren üblichen Werkzeugen an.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::RuleProposal</name>
    <message>
        <source>Only %1 requests to this path.</source>
        <translation>Nur %1-Anfragen an diesen Pfad.</translation>
    </message>
    <message>
        <source>This address on port %1.</source>
        <translation>Diese Adresse auf Port %1.</translation>
    </message>
    <message>
        <source>This host on port %1.</source>
        <translation>Dieser Host auf Port %1.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::RuleProposalBar</name>
    <message>
        <source>Add Rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>&amp;Regel:</translation>
    </message>
    <message>
        <source>Add &amp;to:</source>
        <translation>Hinzufügen &amp;zu:</translation>
    </message>
    <message>
        <source>%1's rules</source>
        <extracomment>Where a new rule is saved: the sandbox's own rules.</extracomment>
        <translation>Regeln von %1</translation>
    </message>
    <message>
        <source>Global rules (every sandbox)</source>
        <extracomment>Where a new rule is saved: the global rules, which apply to every sandbox.</extracomment>
        <translation>Globale Regeln (jede Sandbox)</translation>
    </message>
    <message>
        <source>This rule does not match the selected request.</source>
        <translation>Diese Regel passt nicht zur ausgewählten Anfrage.</translation>
    </message>
    <message>
        <source>Matches the selected request.</source>
        <translation>Passt zur ausgewählten Anfrage.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::RunCommand</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>The sandbox's template "%1" does not exist ('paddock template ls').</source>
        <translation>Die Vorlage „%1“ der Sandbox gibt es nicht („paddock template ls“).</translation>
    </message>
    <message>
        <source>Start a sandbox's agent in this terminal.</source>
        <translation>Den Agenten einer Sandbox in diesem Terminal starten.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SandboxAccess</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>Cannot reach the Paddock process that hosts sandboxes.</source>
        <translation>Der Paddock-Prozess, der die Sandboxen betreibt, ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SandboxHost</name>
    <message>
        <source>Another Paddock process hosts the sandboxes already.</source>
        <translation>Ein anderer Paddock-Prozess betreibt die Sandboxen bereits.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>Auf %1 kann nicht gelauscht werden: %2</translation>
    </message>
    <message>
        <source>The sandbox "%1" is not running.</source>
        <translation>Die Sandbox „%1“ läuft nicht.</translation>
    </message>
    <message>
        <source>The request is not JSON.</source>
        <translation>Die Anfrage ist kein JSON.</translation>
    </message>
    <message>
        <source>Unknown request "%1".</source>
        <translation>Unbekannte Anfrage „%1“.</translation>
    </message>
    <message>
        <source>This Paddock process (%1) does not hand its sandboxes over.</source>
        <translation>Dieser Paddock-Prozess (%1) gibt seine Sandboxen nicht ab.</translation>
    </message>
    <message>
        <source>This Paddock process has no window.</source>
        <translation>Dieser Paddock-Prozess hat kein Fenster.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SandboxListModel</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped (crashed)</source>
        <translation>Gestoppt (abgestürzt)</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>(direct)</source>
        <translation>(direkt)</translation>
    </message>
    <message>
        <source>microVM</source>
        <translation>MicroVM</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>%1 allowed</source>
        <translation>%1 erlaubt</translation>
    </message>
    <message>
        <source>%1 allowed, %2 blocked</source>
        <translation>%1 erlaubt, %2 blockiert</translation>
    </message>
    <message>
        <source>Resident memory of every process in the sandbox, summed as ps shows it</source>
        <translation>Residenter Speicher aller Prozesse in der Sandbox, summiert, wie ps ihn anzeigt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>microVM (emulated, slow)</source>
        <translation>MicroVM (emuliert, langsam)</translation>
    </message>
    <message>
        <source>Paused (disk full)</source>
        <translation>Angehalten (Platte voll)</translation>
    </message>
    <message>
        <source>%1 blocked</source>
        <translation>%1 blockiert</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SandboxNetworkSetup</name>
    <message>
        <source>Paddock's CA, which it needs to intercept this sandbox's TLS, could not be loaded: %1</source>
        <translation>Die CA von Paddock, die es zum Abfangen des TLS dieser Sandbox braucht, konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The sandbox's certificate bundle could not be made: %1</source>
        <translation>Das Zertifikatsbündel der Sandbox konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>not set: %1 (paddock secret set %2)</source>
        <extracomment>%1 is a list of secret names; the command sets one of them.</extracomment>
        <translation>nicht gesetzt: %1 (paddock secret set %2)</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SecretCommand</name>
    <message>
        <source>Usage: paddock secret set NAME | ls | rm NAME</source>
        <translation>Aufruf: paddock secret set NAME | ls | rm NAME</translation>
    </message>
    <message>
        <source>The API keys and tokens the proxy adds to an agent's requests, kept in the system keychain. 'set' reads the value from standard input, or asks for it without showing it.</source>
        <translation>Die API-Schlüssel und Tokens, die der Proxy den Anfragen eines Agenten hinzufügt, aufbewahrt im Schlüsselbund des Systems. „set“ liest den Wert von der Standardeingabe oder fragt ihn ab, ohne ihn anzuzeigen.</translation>
    </message>
    <message>
        <source>'paddock secret' needs a command: set, ls or rm.</source>
        <translation>„paddock secret“ braucht einen Befehl: set, ls oder rm.</translation>
    </message>
    <message>
        <source>unknown secret command '%1'.</source>
        <translation>unbekannter secret-Befehl „%1“.</translation>
    </message>
    <message>
        <source>Saves a secret in the system keychain. The value is read from standard input (one trailing line break is dropped); on a terminal it is asked for and not shown.</source>
        <translation>Speichert ein Geheimnis im Schlüsselbund des Systems. Der Wert wird von der Standardeingabe gelesen (ein abschließender Zeilenumbruch entfällt); an einem Terminal wird er abgefragt und nicht angezeigt.</translation>
    </message>
    <message>
        <source>The secret's name, such as anthropic-api-key.</source>
        <translation>Der Name des Geheimnisses, etwa anthropic-api-key.</translation>
    </message>
    <message>
        <source>'paddock secret set' needs the secret's name, such as anthropic-api-key.</source>
        <translation>„paddock secret set“ braucht den Namen des Geheimnisses, etwa anthropic-api-key.</translation>
    </message>
    <message>
        <source>'paddock secret set' takes only the name. The value is read from standard input, never from the command line, where other programs and your shell's history would see it: paddock secret set %1 &lt; key.txt</source>
        <translation>„paddock secret set“ nimmt nur den Namen. Der Wert wird von der Standardeingabe gelesen, nie von der Befehlszeile, wo andere Programme und der Verlauf Ihrer Shell ihn sähen: paddock secret set %1 &lt; key.txt</translation>
    </message>
    <message>
        <source>Value for %1 (not shown as you type): </source>
        <translation>Wert für %1 (wird bei der Eingabe nicht angezeigt): </translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>Abgebrochen; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The value is empty, so nothing was saved. Type or paste the key when asked, or pipe it in: paddock secret set %1 &lt; key.txt</source>
        <translation>Der Wert ist leer, daher wurde nichts gespeichert. Tippen oder fügen Sie den Schlüssel ein, wenn Sie gefragt werden, oder leiten Sie ihn um: paddock secret set %1 &lt; key.txt</translation>
    </message>
    <message>
        <source>Saved %1 in the keychain.</source>
        <translation>%1 im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Lists the secrets that are set and the ones templates need, with the templates that use each. Values are never shown.</source>
        <translation>Listet die festgelegten Geheimnisse und die von Vorlagen benötigten auf, jeweils mit den Vorlagen, die sie verwenden. Werte werden nie angezeigt.</translation>
    </message>
    <message>
        <source>'paddock secret ls' takes no arguments.</source>
        <translation>„paddock secret ls“ nimmt keine Argumente.</translation>
    </message>
    <message>
        <source>paddock: warning: %1</source>
        <translation>paddock: Warnung: %1</translation>
    </message>
    <message>
        <source>No secrets are set, and no template needs one.</source>
        <translation>Es sind keine Geheimnisse festgelegt, und keine Vorlage braucht eines.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>USED BY</source>
        <translation>VERWENDET VON</translation>
    </message>
    <message>
        <source>set</source>
        <translation>festgelegt</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>Removes a secret from the system keychain.</source>
        <translation>Entfernt ein Geheimnis aus dem Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>The secret's name, as 'paddock secret ls' lists it.</source>
        <translation>Der Name des Geheimnisses, wie „paddock secret ls“ ihn auflistet.</translation>
    </message>
    <message>
        <source>'paddock secret rm' needs one secret name.</source>
        <translation>„paddock secret rm“ braucht genau einen Geheimnisnamen.</translation>
    </message>
    <message>
        <source>Removed %1 from the keychain.</source>
        <translation>%1 aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Set, list or remove the API keys in the keychain.</source>
        <translation>Die API-Schlüssel im Schlüsselbund festlegen, auflisten oder entfernen.</translation>
    </message>
    <message>
        <source>Templates need these, and they are not set: %1. Set one with: paddock secret set NAME</source>
        <translation>Vorlagen brauchen diese, und sie sind nicht festgelegt: %1. Eines festlegen mit: paddock secret set NAME</translation>
    </message>
    <message>
        <source>The input is longer than %1 characters; that is not an API key or token.</source>
        <translation>Die Eingabe ist länger als %1 Zeichen; das ist kein API-Schlüssel und kein Token.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SecretsPage</name>
    <message>
        <source>Add Secret</source>
        <translation>Geheimnis hinzufügen</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation>%1 ersetzen</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>%1 festlegen</translation>
    </message>
    <message>
        <source>such as anthropic-api-key</source>
        <translation>etwa anthropic-api-key</translation>
    </message>
    <message>
        <source>Paste the new key or token</source>
        <translation>Den neuen Schlüssel oder das neue Token einfügen</translation>
    </message>
    <message>
        <source>Paste the key or token</source>
        <translation>Den Schlüssel oder das Token einfügen</translation>
    </message>
    <message>
        <source>No template uses %1 at the moment.</source>
        <translation>Zurzeit verwendet keine Vorlage %1.</translation>
    </message>
    <message>
        <source>The proxy adds %1 to the requests of %2.</source>
        <translation>Der Proxy fügt %1 den Anfragen von %2 hinzu.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Kept in the system keychain. Paddock never shows it again, and sandboxes only see a placeholder.</source>
        <translation>Wird im Schlüsselbund des Systems aufbewahrt. Paddock zeigt ihn nie wieder an, und Sandboxen sehen nur einen Platzhalter.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Set…</source>
        <translation>&amp;Festlegen …</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>API keys and tokens that the proxy adds to an agent's requests. They are kept in the system keychain; sandboxes only ever see a placeholder, and Paddock never shows a value again once it is saved.</source>
        <translation>API-Schlüssel und Tokens, die der Proxy den Anfragen eines Agenten hinzufügt. Sie werden im Schlüsselbund des Systems aufbewahrt; Sandboxen sehen immer nur einen Platzhalter, und Paddock zeigt einen gespeicherten Wert nie wieder an.</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Used By</source>
        <translation>Verwendet von</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Save a secret that no template names yet</source>
        <translation>Ein Geheimnis speichern, das noch keine Vorlage nennt</translation>
    </message>
    <message>
        <source>Delete the selected secret from the keychain</source>
        <translation>Das ausgewählte Geheimnis aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Festgelegt</translation>
    </message>
    <message>
        <source>No template</source>
        <translation>Keine Vorlage</translation>
    </message>
    <message>
        <source>Saved in the keychain; Replace… saves a new value.</source>
        <translation>Im Schlüsselbund gespeichert; „Ersetzen …“ speichert einen neuen Wert.</translation>
    </message>
    <message>
        <source>Not set.</source>
        <translation>Nicht festgelegt.</translation>
    </message>
    <message>
        <source>Not set: %1 cannot sign in until it is. Set… saves it.</source>
        <translation>Nicht festgelegt: %1 kann sich erst anmelden, wenn es festgelegt ist. „Festlegen …“ speichert es.</translation>
    </message>
    <message>
        <source>Asking the keychain…</source>
        <translation>Schlüsselbund wird abgefragt …</translation>
    </message>
    <message>
        <source>Re&amp;place…</source>
        <translation>Er&amp;setzen …</translation>
    </message>
    <message>
        <source>Save a new value for the selected secret</source>
        <translation>Einen neuen Wert für das ausgewählte Geheimnis speichern</translation>
    </message>
    <message>
        <source>Save a value for the selected secret</source>
        <translation>Einen Wert für das ausgewählte Geheimnis speichern</translation>
    </message>
    <message>
        <source>Saving %1 in the keychain…</source>
        <translation>%1 wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Could Not Save the Secret</source>
        <translation>Geheimnis konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>Remove %1 from the keychain?</source>
        <translation>%1 aus dem Schlüsselbund entfernen?</translation>
    </message>
    <message>
        <source>No template uses it.</source>
        <translation>Keine Vorlage verwendet es.</translation>
    </message>
    <message>
        <source>The proxy then stops adding it to requests, so %1 cannot sign in until you set it again.</source>
        <translation>Der Proxy fügt es dann den Anfragen nicht mehr hinzu, sodass %1 sich erst wieder anmelden kann, wenn Sie es erneut festlegen.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Removing %1 from the keychain…</source>
        <translation>%1 wird aus dem Schlüsselbund entfernt …</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Could Not Remove the Secret</source>
        <translation>Geheimnis konnte nicht entfernt werden</translation>
    </message>
    <message>
        <source>Name the secret as templates refer to it, and paste its value.</source>
        <translation>Benennen Sie das Geheimnis so, wie Vorlagen es nennen, und fügen Sie seinen Wert ein.</translation>
    </message>
    <message>
        <source>Set Up a Keychain to Save API Keys</source>
        <translation>Schlüsselbund einrichten, um API-Schlüssel zu speichern</translation>
    </message>
</context>
<context>
    <name>Paddock::App::ServeCommand</name>
    <message>
        <source>End when no sandbox runs any more (how 'paddock start' uses it).</source>
        <translation>Enden, sobald keine Sandbox mehr läuft (so verwendet es „paddock start“).</translation>
    </message>
    <message>
        <source>Paddock hosts sandboxes (process %1); Ctrl-C stops them.</source>
        <translation>Paddock betreibt Sandboxen (Prozess %1); Strg+C stoppt sie.</translation>
    </message>
    <message>
        <source>Host sandboxes for other paddock commands (used by start).</source>
        <translation>Sandboxen für andere paddock-Befehle betreiben (von start verwendet).</translation>
    </message>
    <message>
        <source>A Paddock window took the sandboxes over.</source>
        <translation>Ein Paddock-Fenster hat die Sandboxen übernommen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::StartCommand</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>Started sandbox "%1"; 'paddock run %1' attaches to its agent, 'paddock stop %1' stops it.</source>
        <translation>Sandbox „%1“ gestartet; „paddock run %1“ verbindet mit ihrem Agenten, „paddock stop %1“ stoppt sie.</translation>
    </message>
    <message>
        <source>Start a sandbox and keep it running.</source>
        <translation>Eine Sandbox starten und laufen lassen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::StopCommand</name>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" is not running.</source>
        <translation>Die Sandbox „%1“ läuft nicht.</translation>
    </message>
    <message>
        <source>Stopped sandbox "%1".</source>
        <translation>Sandbox „%1“ gestoppt.</translation>
    </message>
    <message>
        <source>Stop a running sandbox.</source>
        <translation>Eine laufende Sandbox stoppen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TemplateCommand</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>ART</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>BEFEHL</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>user</source>
        <translation>eigene</translation>
    </message>
    <message>
        <source>The template's id, as 'paddock template ls' lists it.</source>
        <translation>Die ID der Vorlage, wie „paddock template ls“ sie auflistet.</translation>
    </message>
    <message>
        <source>'paddock template show' needs one template id.</source>
        <translation>„paddock template show“ braucht genau eine Vorlagen-ID.</translation>
    </message>
    <message>
        <source>There is no template "%1"; 'paddock template ls' lists them.</source>
        <translation>Es gibt keine Vorlage „%1“; „paddock template ls“ listet sie auf.</translation>
    </message>
    <message>
        <source>Usage: paddock template ls | show ID</source>
        <translation>Aufruf: paddock template ls | show ID</translation>
    </message>
    <message>
        <source>'paddock template' needs a command: ls or show.</source>
        <translation>„paddock template“ braucht einen Befehl: ls oder show.</translation>
    </message>
    <message>
        <source>unknown template command '%1'.</source>
        <translation>unbekannter template-Befehl „%1“.</translation>
    </message>
    <message>
        <source>List agent templates or show one.</source>
        <translation>Agentenvorlagen auflisten oder eine anzeigen.</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TemplateListModel</name>
    <message>
        <source>%1 · Built-in, read-only</source>
        <translation>%1 · Eingebaut, schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot be loaded: select it to see why</source>
        <translation>Kann nicht geladen werden: Auswählen zeigt den Grund</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TemplatesPage</name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu …</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;uplizieren …</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Make a new template of your own</source>
        <translation>Eine neue eigene Vorlage anlegen</translation>
    </message>
    <message>
        <source>Copy the selected template under a new id, to change the copy</source>
        <translation>Die ausgewählte Vorlage unter einer neuen ID kopieren, um die Kopie zu ändern</translation>
    </message>
    <message>
        <source>Delete the selected template's file</source>
        <translation>Die Datei der ausgewählten Vorlage löschen</translation>
    </message>
    <message>
        <source>lower-case letters, digits and -</source>
        <translation>Kleinbuchstaben, Ziffern und -</translation>
    </message>
    <message>
        <source>The name shown in Paddock</source>
        <translation>Der in Paddock angezeigte Name</translation>
    </message>
    <message>
        <source>Optional: a sentence on what it is</source>
        <translation>Optional: ein Satz dazu, was sie ist</translation>
    </message>
    <message>
        <source>Nothing to install</source>
        <translation>Nichts zu installieren</translation>
    </message>
    <message>
        <source>npm package</source>
        <translation>npm-Paket</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>The program and its arguments, such as aider --model sonnet</source>
        <translation>Das Programm und seine Argumente, etwa aider --model sonnet</translation>
    </message>
    <message>
        <source>The flags that turn the agent's prompts off, such as --yes-always</source>
        <translation>Die Schalter, die die Rückfragen des Agenten abschalten, etwa --yes-always</translation>
    </message>
    <message>
        <source>NAME=value, one per line</source>
        <translation>NAME=Wert, einer pro Zeile</translation>
    </message>
    <message>
        <source>One per line, such as api.example.com:443</source>
        <translation>Einer pro Zeile, etwa api.example.com:443</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>The proxy adds "Header: Format" to requests to the host, with {secret} replaced by the secret of that name; the sandbox only sees a placeholder in the variable.</source>
        <translation>Der Proxy fügt Anfragen an den Host „Header: Format“ hinzu, wobei {secret} durch das Geheimnis dieses Namens ersetzt wird; die Sandbox sieht in der Variable nur einen Platzhalter.</translation>
    </message>
    <message>
        <source>Regular expressions, one per line</source>
        <translation>Reguläre Ausdrücke, einer pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>Beschre&amp;ibung:</translation>
    </message>
    <message>
        <source>Ins&amp;tall:</source>
        <translation>Ins&amp;tallation:</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>&amp;YOLO flags:</source>
        <translation>&amp;YOLO-Schalter:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>U&amp;mgebung:</translation>
    </message>
    <message>
        <source>Variables set in the sandbox.</source>
        <translation>Variablen, die in der Sandbox gesetzt werden.</translation>
    </message>
    <message>
        <source>Required &amp;hosts:</source>
        <translation>Benötigte &amp;Hosts:</translation>
    </message>
    <message>
        <source>Allowed in the policy of every sandbox that runs this agent.</source>
        <translation>In der Richtlinie jeder Sandbox erlaubt, die diesen Agenten ausführt.</translation>
    </message>
    <message>
        <source>Cre&amp;dentials:</source>
        <translation>Zugangs&amp;daten:</translation>
    </message>
    <message>
        <source>&amp;Waiting for input:</source>
        <translation>&amp;Wartet auf Eingabe:</translation>
    </message>
    <message>
        <source>Terminal output that means the agent waits for you.</source>
        <translation>Terminalausgabe, die bedeutet, dass der Agent auf Sie wartet.</translation>
    </message>
    <message>
        <source>D&amp;one:</source>
        <translation>Fe&amp;rtig:</translation>
    </message>
    <message>
        <source>Terminal output that means the agent is done.</source>
        <translation>Terminalausgabe, die bedeutet, dass der Agent fertig ist.</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The template "%1" has changes that are not saved. Save them?</source>
        <translation>Die Vorlage „%1“ hat nicht gespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>No Template</source>
        <translation>Keine Vorlage</translation>
    </message>
    <message>
        <source>Built-in template "%1"</source>
        <translation>Eingebaute Vorlage „%1“</translation>
    </message>
    <message>
        <source>Built-in templates are read-only. To change this one, duplicate it: the copy is yours to edit.</source>
        <translation>Eingebaute Vorlagen sind schreibgeschützt. Um diese zu ändern, duplizieren Sie sie: Die Kopie können Sie bearbeiten.</translation>
    </message>
    <message>
        <source>Paddock skips this file until it is fixed. Correct it below and save, or delete it.</source>
        <translation>Paddock überspringt diese Datei, bis sie repariert ist. Korrigieren Sie sie unten und speichern Sie, oder löschen Sie sie.</translation>
    </message>
    <message>
        <source>package[@version]</source>
        <translation>paket[@version]</translation>
    </message>
    <message>
        <source>A command run in the sandbox</source>
        <translation>Ein Befehl, der in der Sandbox ausgeführt wird</translation>
    </message>
    <message>
        <source>Edit as &amp;JSON</source>
        <translation>Als &amp;JSON bearbeiten</translation>
    </message>
    <message>
        <source>Show as &amp;JSON</source>
        <translation>Als &amp;JSON anzeigen</translation>
    </message>
    <message>
        <source>Edit in a &amp;Form</source>
        <translation>In einem &amp;Formular bearbeiten</translation>
    </message>
    <message>
        <source>Show as a &amp;Form</source>
        <translation>Als &amp;Formular anzeigen</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Changed; not saved yet.</source>
        <translation>Geändert; noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>The new template's &amp;id (lower-case letters, digits and hyphens):</source>
        <translation>Die &amp;ID der neuen Vorlage (Kleinbuchstaben, Ziffern und Bindestriche):</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>There is a template "%1" already; choose another id.</source>
        <translation>Es gibt bereits eine Vorlage „%1“; wählen Sie eine andere ID.</translation>
    </message>
    <message>
        <source>Cannot Create the Template</source>
        <translation>Vorlage kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>New Template</source>
        <translation>Neue Vorlage</translation>
    </message>
    <message>
        <source>Duplicate Template</source>
        <translation>Vorlage duplizieren</translation>
    </message>
    <message>
        <source>%1 (Copy)</source>
        <extracomment>The name of a copied template; %1 is the original's name.</extracomment>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Delete Template</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the template "%1"?</source>
        <translation>Die Vorlage „%1“ löschen?</translation>
    </message>
    <message>
        <source>Its file %1 is deleted. Sandboxes made with it keep their settings.</source>
        <translation>Ihre Datei %1 wird gelöscht. Sandboxen, die mit ihr erstellt wurden, behalten ihre Einstellungen.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Cannot Delete the Template</source>
        <translation>Vorlage kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>The host the credential is sent to, such as api.example.com</source>
        <translation>Der Host, an den die Zugangsdaten gesendet werden, etwa api.example.com</translation>
    </message>
    <message>
        <source>The HTTP header the proxy adds, such as Authorization</source>
        <translation>Der HTTP-Header, den der Proxy hinzufügt, etwa Authorization</translation>
    </message>
    <message>
        <source>The header's value, with {secret} where the secret goes</source>
        <translation>Der Wert des Headers, mit {secret} an der Stelle des Geheimnisses</translation>
    </message>
    <message>
        <source>The name of the secret in Paddock's keychain</source>
        <translation>Der Name des Geheimnisses im Schlüsselbund von Paddock</translation>
    </message>
    <message>
        <source>Optional: the variable in the sandbox that holds a placeholder</source>
        <translation>Optional: die Variable in der Sandbox, die einen Platzhalter enthält</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TerminalPane</name>
    <message>
        <source>Drag to move this pane; double-click to maximise it</source>
        <translation>Ziehen verschiebt diesen Bereich, Doppelklicken maximiert ihn</translation>
    </message>
    <message>
        <source>Search the scrollback (Ctrl+Shift+F)</source>
        <translation>Im Verlauf suchen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>Maximise (Ctrl+Shift+Return)</source>
        <translation>Maximieren (Strg+Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Close this pane</source>
        <translation>Diesen Bereich schließen</translation>
    </message>
    <message>
        <source>Search the scrollback</source>
        <translation>Im Verlauf suchen</translation>
    </message>
    <message>
        <source>Previous match (Return)</source>
        <translation>Vorheriger Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Next match (Shift+Return)</source>
        <translation>Nächster Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Close the search (Esc)</source>
        <translation>Suche schließen (Esc)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Close Pane</source>
        <translation>Bereich schließen</translation>
    </message>
    <message>
        <source>Nothing to connect to.</source>
        <translation>Nichts zum Verbinden da.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>beendet mit Code %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 exited with code %2.</source>
        <translation>%1 wurde mit Code %2 beendet.</translation>
    </message>
    <message>
        <source>%1 could not run: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blockiert</numerusform>
            <numerusform>%n blockiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests the proxy blocked for this sandbox</source>
        <translation>Anfragen, die der Proxy für diese Sandbox blockiert hat</translation>
    </message>
    <message>
        <source>Restore the grid (Ctrl+Shift+Return)</source>
        <translation>Raster wiederherstellen (Strg+Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>On screen</source>
        <translation>Auf dem Bildschirm</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) into the scrollback</source>
        <translation>
            <numerusform>%Ln Zeile im Verlauf zurück</numerusform>
            <numerusform>%Ln Zeilen im Verlauf zurück</numerusform>
        </translation>
    </message>
    <message>
        <source>Hide this note</source>
        <translation>Diesen Hinweis ausblenden</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <extracomment>A note about the sandbox as it started, e.g. "not set: anthropic-api-key (paddock secret set …)".</extracomment>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>lauscht auf %1</translation>
    </message>
    <message>
        <source>%1 → 127.0.0.1:%2</source>
        <translation>%1 → 127.0.0.1:%2</translation>
    </message>
    <message>
        <source>Ports that something in the sandbox listens on, inside the sandbox: they are not reachable from this computer until you open or publish one here.</source>
        <translation>Ports, auf denen etwas in der Sandbox lauscht, innerhalb der Sandbox: Von diesem Computer aus sind sie erst erreichbar, wenn Sie einen hier öffnen oder veröffentlichen.</translation>
    </message>
    <message>
        <source>Ports that something in the sandbox listens on. A published one is reachable at the address shown, from this computer only.</source>
        <translation>Ports, auf denen etwas in der Sandbox lauscht. Ein veröffentlichter ist unter der angezeigten Adresse erreichbar, nur von diesem Computer aus.</translation>
    </message>
    <message>
        <source>Open 127.0.0.1:%1 in the Browser</source>
        <translation>127.0.0.1:%1 im Browser öffnen</translation>
    </message>
    <message>
        <source>Publish Port %1 and Open It in the Browser</source>
        <translation>Port %1 veröffentlichen und im Browser öffnen</translation>
    </message>
    <message>
        <source>Stop Publishing Port %1</source>
        <translation>Port %1 nicht mehr veröffentlichen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TerminalView</name>
    <message>
        <source>The program asks to put this on the clipboard: “%1”</source>
        <translation>Das Programm möchte dies in die Zwischenablage legen: „%1“</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Open this link in your browser? %1</source>
        <translation>Diesen Link im Browser öffnen? %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>Paddock::App::TrayIcon</name>
    <message>
        <source>Show Paddock</source>
        <translation>Paddock anzeigen</translation>
    </message>
    <message>
        <source>New Sandbox…</source>
        <translation>Neue Sandbox …</translation>
    </message>
    <message>
        <source>Quit Paddock</source>
        <translation>Paddock beenden</translation>
    </message>
    <message>
        <source>Paddock</source>
        <translation>Paddock</translation>
    </message>
    <message>
        <source>No sandbox running</source>
        <translation>Keine Sandbox läuft</translation>
    </message>
    <message numerus="yes">
        <source>%n sandbox(es) running</source>
        <translation>
            <numerusform>%n Sandbox läuft</numerusform>
            <numerusform>%n Sandboxen laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n braucht Aufmerksamkeit</numerusform>
            <numerusform>%n brauchen Aufmerksamkeit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::UnpublishCommand</name>
    <message>
        <source>The running sandbox.</source>
        <translation>Die laufende Sandbox.</translation>
    </message>
    <message>
        <source>Its port, as 'paddock publish' was given it.</source>
        <translation>Ihr Port, wie er „paddock publish“ übergeben wurde.</translation>
    </message>
    <message>
        <source>'paddock unpublish' needs a sandbox name and a port.</source>
        <translation>„paddock unpublish“ braucht einen Sandbox-Namen und einen Port.</translation>
    </message>
    <message>
        <source>A port is a number from 1 to 65535.</source>
        <translation>Ein Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Port %1 of "%2" is no longer published.</source>
        <translation>Port %1 von „%2“ ist nicht mehr veröffentlicht.</translation>
    </message>
    <message>
        <source>Stop publishing a sandbox's port.</source>
        <translation>Einen Port einer Sandbox nicht mehr veröffentlichen.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::AgentTemplate</name>
    <message>
        <source>Template %1: "%2": %3</source>
        <translation>Vorlage %1: „%2“: %3</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(unbenannt)</translation>
    </message>
    <message>
        <source>unknown key; the known keys are %1 (prefix your own keys with "x-").</source>
        <translation>unbekannter Schlüssel; bekannt sind %1 (eigene Schlüssel beginnen mit „x-“).</translation>
    </message>
    <message>
        <source>this key is required.</source>
        <translation>dieser Schlüssel ist erforderlich.</translation>
    </message>
    <message>
        <source>must be a string.</source>
        <translation>muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>must be a list of strings.</source>
        <translation>muss eine Liste von Zeichenketten sein.</translation>
    </message>
    <message>
        <source>invalid regular expression: %1 at offset %2.</source>
        <translation>ungültiger regulärer Ausdruck: %1 an Position %2.</translation>
    </message>
    <message>
        <source>Template %1 is not valid JSON: %2 at offset %3.</source>
        <translation>Die Vorlage %1 ist kein gültiges JSON: %2 an Position %3.</translation>
    </message>
    <message>
        <source>Template %1 must contain a JSON object.</source>
        <translation>Die Vorlage %1 muss ein JSON-Objekt enthalten.</translation>
    </message>
    <message>
        <source>"%1" is not a valid id; use 1-40 lower-case letters, digits and hyphens, starting with a letter or digit.</source>
        <translation>„%1“ ist keine gültige ID; verwenden Sie 1–40 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>must be an object with "npm" or "command".</source>
        <translation>muss ein Objekt mit „npm“ oder „command“ sein.</translation>
    </message>
    <message>
        <source>give exactly one of "npm" and "command".</source>
        <translation>geben Sie genau eines von „npm“ und „command“ an.</translation>
    </message>
    <message>
        <source>"%1" is not an npm package name.</source>
        <translation>„%1“ ist kein npm-Paketname.</translation>
    </message>
    <message>
        <source>give the program to run as a non-empty list, such as ["claude"].</source>
        <translation>geben Sie das auszuführende Programm als nicht leere Liste an, etwa ["claude"].</translation>
    </message>
    <message>
        <source>must be an object of names to string values.</source>
        <translation>muss ein Objekt aus Namen und Zeichenkettenwerten sein.</translation>
    </message>
    <message>
        <source>"%1" is not a valid variable name (letters, digits, underscores).</source>
        <translation>„%1“ ist kein gültiger Variablenname (Buchstaben, Ziffern, Unterstriche).</translation>
    </message>
    <message>
        <source>"%1" is not a host such as api.example.com:443.</source>
        <translation>„%1“ ist kein Host wie api.example.com:443.</translation>
    </message>
    <message>
        <source>must be a list of objects.</source>
        <translation>muss eine Liste von Objekten sein.</translation>
    </message>
    <message>
        <source>"%1" is not a host name.</source>
        <translation>„%1“ ist kein Hostname.</translation>
    </message>
    <message>
        <source>"%1" is not a valid HTTP header name.</source>
        <translation>„%1“ ist kein gültiger HTTP-Headername.</translation>
    </message>
    <message>
        <source>must contain {secret}, for example "Bearer {secret}"; it is replaced by the secret.</source>
        <translation>muss {secret} enthalten, zum Beispiel „Bearer {secret}“; es wird durch das Geheimnis ersetzt.</translation>
    </message>
    <message>
        <source>must not contain line breaks.</source>
        <translation>darf keine Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>"%1" is not a valid secret name (lower-case letters, digits, hyphens).</source>
        <translation>„%1“ ist kein gültiger Geheimnisname (Kleinbuchstaben, Ziffern, Bindestriche).</translation>
    </message>
    <message>
        <source>"%1" is not a valid variable name.</source>
        <translation>„%1“ ist kein gültiger Variablenname.</translation>
    </message>
    <message>
        <source>must be an object with "waitingForInput" and "done" lists.</source>
        <translation>muss ein Objekt mit den Listen „waitingForInput“ und „done“ sein.</translation>
    </message>
    <message>
        <source>Paddock: installing %1 in this sandbox (first use)…</source>
        <translation>Paddock: %1 wird in dieser Sandbox installiert (erste Verwendung)…</translation>
    </message>
    <message>
        <source>Paddock: installing %1 failed. If the network log shows a refused request, allow that host in the sandbox's policy and start the agent again. Exit code:</source>
        <translation>Paddock: Die Installation von %1 ist fehlgeschlagen. Zeigt das Netzwerkprotokoll eine abgelehnte Anfrage, erlauben Sie diesen Host in der Richtlinie der Sandbox und starten Sie den Agenten erneut. Exit-Code:</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::BranchReview</name>
    <message>
        <source>There is no branch %1.</source>
        <translation>Es gibt keinen Branch %1.</translation>
    </message>
    <message>
        <source>%1 does not point at a commit.</source>
        <translation>%1 zeigt auf keinen Commit.</translation>
    </message>
    <message>
        <source>The sandbox's branch paddock/%1 has not been brought into %2 yet.</source>
        <translation>Der Sandbox-Branch paddock/%1 wurde noch nicht nach %2 geholt.</translation>
    </message>
    <message>
        <source>"%1" is not a valid branch name.</source>
        <translation>„%1“ ist kein gültiger Branch-Name.</translation>
    </message>
    <message>
        <source>Could not find where paddock/%1 and %2 meet: %3</source>
        <translation>Der gemeinsame Ursprung von paddock/%1 und %2 wurde nicht gefunden: %3</translation>
    </message>
    <message>
        <source>Could not read paddock/%1: %2</source>
        <translation>paddock/%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not read the merge base: %1</source>
        <translation>Die Merge-Basis konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not compare paddock/%1: %2</source>
        <translation>paddock/%1 konnte nicht verglichen werden: %2</translation>
    </message>
    <message>
        <source>Could not look for renamed files: %1</source>
        <translation>Die Suche nach umbenannten Dateien ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not count the commits of paddock/%1: %2</source>
        <translation>Die Commits von paddock/%1 konnten nicht gezählt werden: %2</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binär</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <extracomment>the summary line of a diffstat</extracomment>
        <translation>
            <numerusform>%n Datei geändert</numerusform>
            <numerusform>%n Dateien geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n insertion(s)(+)</source>
        <translation>
            <numerusform>%n Einfügung(+)</numerusform>
            <numerusform>%n Einfügungen(+)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deletion(s)(-)</source>
        <translation>
            <numerusform>%n Löschung(-)</numerusform>
            <numerusform>%n Löschungen(-)</numerusform>
        </translation>
    </message>
    <message>
        <source>The branch contains a malformed commit; it was not imported.</source>
        <translation>Der Branch enthält einen fehlerhaften Commit; er wurde nicht importiert.</translation>
    </message>
    <message>
        <source>Could not open the objects of %1: %2</source>
        <translation>Die Objekte von %1 konnten nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not import the sandbox's branch from %1: %2</source>
        <translation>Der Branch der Sandbox konnte nicht aus %1 importiert werden: %2</translation>
    </message>
    <message>
        <source>Could not write to %1: %2</source>
        <translation>In %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>object %1 does not match its content</source>
        <translation>Objekt %1 passt nicht zu seinem Inhalt</translation>
    </message>
    <message>
        <source>object %1 refers to itself</source>
        <translation>Objekt %1 verweist auf sich selbst</translation>
    </message>
    <message>
        <source>object %1 is missing: %2</source>
        <translation>Objekt %1 fehlt: %2</translation>
    </message>
    <message numerus="yes">
        <source>The sandbox's branch is larger than Paddock imports (%n objects so far); nothing was merged. Look at it in the sandbox.</source>
        <translation>
            <numerusform>Der Branch der Sandbox ist größer, als Paddock importiert (bisher %n Objekt); es wurde nichts zusammengeführt. Sehen Sie ihn sich in der Sandbox an.</numerusform>
            <numerusform>Der Branch der Sandbox ist größer, als Paddock importiert (bisher %n Objekte); es wurde nichts zusammengeführt. Sehen Sie ihn sich in der Sandbox an.</numerusform>
        </translation>
    </message>
    <message>
        <source>object %1 has the wrong type</source>
        <translation>Objekt %1 hat den falschen Typ</translation>
    </message>
    <message>
        <source>object %1 could not be read: %2</source>
        <translation>Objekt %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not create %1 in %2: %3</source>
        <translation>%1 konnte in %2 nicht erstellt werden: %3</translation>
    </message>
    <message>
        <source>Could not list the branches of %1: %2</source>
        <translation>Die Branches von %1 konnten nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1 has no imported branch %2.</source>
        <translation>%1 hat keinen importierten Branch %2.</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Could not read HEAD of %1: %2</source>
        <translation>HEAD von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not on a branch (detached HEAD); name the branch with --into.</source>
        <translation>%1 ist auf keinem Branch (losgelöster HEAD); nennen Sie den Branch mit --into.</translation>
    </message>
    <message>
        <source>Work of sandbox %1 (squashed)</source>
        <translation>Arbeit der Sandbox %1 (zusammengefasst)</translation>
    </message>
    <message>
        <source>The sandbox's branch paddock/%1 has not been brought into %2 yet; review it first.</source>
        <translation>Der Sandbox-Branch paddock/%1 wurde noch nicht nach %2 geholt; prüfen Sie ihn zuerst.</translation>
    </message>
    <message>
        <source>paddock/%1 changed since it was reviewed (it is now at %2); review it again before merging.</source>
        <translation>paddock/%1 hat sich seit der Prüfung geändert (steht jetzt auf %2); prüfen Sie ihn vor dem Zusammenführen erneut.</translation>
    </message>
    <message>
        <source>%1 has no branch %2.</source>
        <translation>%1 hat keinen Branch %2.</translation>
    </message>
    <message>
        <source>%1 has commits that paddock/%2 does not, so it cannot be fast-forwarded. Merge without --ff-only, or have the agent rebase its branch.</source>
        <translation>%1 hat Commits, die paddock/%2 nicht hat, und lässt sich daher nicht vorspulen. Führen Sie ohne --ff-only zusammen, oder lassen Sie den Agenten seinen Branch rebasen.</translation>
    </message>
    <message>
        <source>Could not read the commits to merge: %1</source>
        <translation>Die zusammenzuführenden Commits konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not merge paddock/%1: %2</source>
        <translation>paddock/%1 konnte nicht zusammengeführt werden: %2</translation>
    </message>
    <message>
        <source>Could not write the merged files: %1</source>
        <translation>Die zusammengeführten Dateien konnten nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Could not read the merged files: %1</source>
        <translation>Die zusammengeführten Dateien konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>git does not know who you are; set it with 'git config --global user.name "Your Name"' and 'git config --global user.email you@example.com', then merge again.</source>
        <translation>git weiß nicht, wer Sie sind; legen Sie es mit „git config --global user.name "Ihr Name"“ und „git config --global user.email sie@example.com“ fest und führen Sie dann erneut zusammen.</translation>
    </message>
    <message>
        <source>Merge paddock/%1 into %2</source>
        <translation>paddock/%1 in %2 zusammenführen</translation>
    </message>
    <message>
        <source>Could not create the commit: %1</source>
        <translation>Der Commit konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>%1 moved while merging (%2); nothing was merged. Try again.</source>
        <translation>%1 hat sich während des Zusammenführens bewegt (%2); es wurde nichts zusammengeführt. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 is checked out in another working tree of %2; merge there, or switch that working tree to another branch.</source>
        <translation>%1 ist in einem anderen Arbeitsverzeichnis von %2 ausgecheckt; führen Sie dort zusammen, oder wechseln Sie dort auf einen anderen Branch.</translation>
    </message>
    <message>
        <source>Could not read the status of %1: %2</source>
        <translation>Der Status von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 has uncommitted changes in %2; commit or stash them, then merge again. Nothing was changed.</source>
        <translation>%1 hat nicht committete Änderungen in %2; committen oder stashen Sie sie und führen Sie dann erneut zusammen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Could not update the files of %1: %2</source>
        <translation>Die Dateien von %1 konnten nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>git gave no reason</source>
        <translation>git hat keinen Grund genannt</translation>
    </message>
    <message>
        <source>%1 is not a git repository: %2</source>
        <translation>%1 ist kein Git-Repository: %2</translation>
    </message>
    <message>
        <source>The sandbox's clone %1 cannot be read safely (%2); nothing was imported. Check the clone, or discard the sandbox.</source>
        <translation>Der Klon %1 der Sandbox lässt sich nicht sicher lesen (%2); es wurde nichts importiert. Prüfen Sie den Klon, oder verwerfen Sie die Sandbox.</translation>
    </message>
    <message>
        <source>its .git or .git/objects is not a plain folder</source>
        <translation>sein .git oder .git/objects ist kein einfacher Ordner</translation>
    </message>
    <message>
        <source>its object store contains links or special files</source>
        <translation>sein Objektspeicher enthält Verknüpfungen oder Spezialdateien</translation>
    </message>
    <message>
        <source>its refs folder is a link</source>
        <translation>sein refs-Ordner ist eine Verknüpfung</translation>
    </message>
    <message>
        <source>its branch %1 is not a plain commit id</source>
        <translation>sein Branch %1 ist keine einfache Commit-ID</translation>
    </message>
    <message>
        <source>its branch %1 is not a plain file</source>
        <translation>sein Branch %1 ist keine einfache Datei</translation>
    </message>
    <message>
        <source>its packed-refs is not a plain file</source>
        <translation>sein packed-refs ist keine einfache Datei</translation>
    </message>
    <message>
        <source>The sandbox's clone %1 has no branch paddock/%2.</source>
        <translation>Der Klon %1 der Sandbox hat keinen Branch paddock/%2.</translation>
    </message>
    <message>
        <source>The branch contains a malformed or dangerous tree (%1); it was not imported.</source>
        <translation>Der Branch enthält einen fehlerhaften oder gefährlichen Baum (%1); er wurde nicht importiert.</translation>
    </message>
    <message>
        <source>bad mode</source>
        <translation>ungültiger Modus</translation>
    </message>
    <message>
        <source>truncated entry</source>
        <translation>abgeschnittener Eintrag</translation>
    </message>
    <message>
        <source>an entry named "%1"</source>
        <translation>ein Eintrag namens „%1“</translation>
    </message>
    <message>
        <source>%1 as a symbolic link</source>
        <translation>%1 als symbolische Verknüpfung</translation>
    </message>
    <message>
        <source>unknown file mode %1</source>
        <translation>unbekannter Dateimodus %1</translation>
    </message>
    <message>
        <source>The sandbox's branch nests folders too deeply.</source>
        <translation>Der Branch der Sandbox verschachtelt Ordner zu tief.</translation>
    </message>
    <message>
        <source>The sandbox's branch is incomplete: %1</source>
        <translation>Der Branch der Sandbox ist unvollständig: %1</translation>
    </message>
    <message>
        <source>The sandbox's branch paddock/%1 is incomplete.</source>
        <translation>Der Sandbox-Branch paddock/%1 ist unvollständig.</translation>
    </message>
    <message>
        <source>The contents of %1 are not in %2 any more.</source>
        <translation>Der Inhalt von %1 ist nicht mehr in %2.</translation>
    </message>
    <message>
        <source>Could not compare %1: %2</source>
        <translation>%1 konnte nicht verglichen werden: %2</translation>
    </message>
    <message>
        <source>Could not list the commits of paddock/%1: %2</source>
        <translation>Die Commits von paddock/%1 konnten nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>Could not read commit %1: %2</source>
        <translation>Commit %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>paddock/%1 changed while it was compared.</source>
        <translation>paddock/%1 hat sich während des Vergleichs geändert.</translation>
    </message>
    <message>
        <source>Could not create the signed commit: %1</source>
        <translation>Der signierte Commit konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>it gave no reason</source>
        <translation>es nannte keinen Grund</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1 could not be started (%2). Install it, or merge without signing.</source>
        <translation>Der Commit konnte nicht signiert werden: %1 ließ sich nicht starten (%2). Installieren Sie es oder mergen Sie ohne Signatur.</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1 did not finish within %2 minutes.</source>
        <translation>Der Commit konnte nicht signiert werden: %1 wurde nicht innerhalb von %2 Minuten fertig.</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1 failed: %2</source>
        <translation>Der Commit konnte nicht signiert werden: %1 schlug fehl: %2</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1 made no signature: %2</source>
        <translation>Der Commit konnte nicht signiert werden: %1 erzeugte keine Signatur: %2</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1 made no signature.</source>
        <translation>Der Commit konnte nicht signiert werden: %1 erzeugte keine Signatur.</translation>
    </message>
    <message>
        <source>Could not sign the commit: no temporary folder (%1).</source>
        <translation>Der Commit konnte nicht signiert werden: kein temporärer Ordner (%1).</translation>
    </message>
    <message>
        <source>Could not sign the commit: could not write a temporary file.</source>
        <translation>Der Commit konnte nicht signiert werden: eine temporäre Datei ließ sich nicht schreiben.</translation>
    </message>
    <message>
        <source>SSH, no key set</source>
        <translation>SSH, kein Schlüssel gesetzt</translation>
    </message>
    <message>
        <source>SSH key %1… from your agent</source>
        <translation>SSH-Schlüssel %1… aus Ihrem Agenten</translation>
    </message>
    <message>
        <source>SSH key %1</source>
        <translation>SSH-Schlüssel %1</translation>
    </message>
    <message>
        <source>X.509 (gpgsm), your identity</source>
        <translation>X.509 (gpgsm), Ihre Identität</translation>
    </message>
    <message>
        <source>X.509 key %1</source>
        <translation>X.509-Schlüssel %1</translation>
    </message>
    <message>
        <source>GnuPG, your identity</source>
        <translation>GnuPG, Ihre Identität</translation>
    </message>
    <message>
        <source>GnuPG key %1</source>
        <translation>GnuPG-Schlüssel %1</translation>
    </message>
    <message>
        <source>Could not read the git configuration: %1</source>
        <translation>Die git-Konfiguration konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>gpg.format is "%1" in your git configuration; git knows openpgp, x509 and ssh.</source>
        <translation>gpg.format ist „%1“ in Ihrer git-Konfiguration; git kennt openpgp, x509 und ssh.</translation>
    </message>
    <message>
        <source>gpg.format is ssh but user.signingkey is not set; set it with 'git config --global user.signingkey ~/.ssh/id_ed25519.pub'.</source>
        <translation>gpg.format ist ssh, aber user.signingkey ist nicht gesetzt; setzen Sie es mit 'git config --global user.signingkey ~/.ssh/id_ed25519.pub'.</translation>
    </message>
    <message>
        <source>Could not sign the commit: %1</source>
        <translation>Der Commit konnte nicht signiert werden: %1</translation>
    </message>
    <message>
        <source>Could not make a private folder to read the clone %1 from.</source>
        <translation>Es konnte kein privater Ordner angelegt werden, um den Klon %1 zu lesen.</translation>
    </message>
    <message>
        <source>Could not open the private folder %1.</source>
        <translation>Der private Ordner %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Could not write to the private folder %1.</source>
        <translation>In den privaten Ordner %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The sandbox's clone %1 is not there.</source>
        <translation>Der Klon %1 der Sandbox ist nicht vorhanden.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::HostCanonicalizer</name>
    <message>
        <source>The host is empty.</source>
        <translation>Der Host ist leer.</translation>
    </message>
    <message>
        <source>The IPv6 address %1 has no closing bracket.</source>
        <translation>Der IPv6-Adresse %1 fehlt die schließende Klammer.</translation>
    </message>
    <message>
        <source>The IPv6 address %1 has a zone id, which is not accepted.</source>
        <translation>Die IPv6-Adresse %1 hat eine Zonen-ID, was nicht akzeptiert wird.</translation>
    </message>
    <message>
        <source>%1 is not a valid IPv6 address.</source>
        <translation>%1 ist keine gültige IPv6-Adresse.</translation>
    </message>
    <message>
        <source>The host %1 contains a space, a control character or a non-ASCII character; write international names in punycode (xn--).</source>
        <translation>Der Host %1 enthält ein Leerzeichen, ein Steuerzeichen oder ein Nicht-ASCII-Zeichen; schreiben Sie internationale Namen in Punycode (xn--).</translation>
    </message>
    <message>
        <source>The host %1 contains the character '%2', which is not allowed in a host name.</source>
        <translation>Der Host %1 enthält das Zeichen „%2“, das in einem Hostnamen nicht erlaubt ist.</translation>
    </message>
    <message>
        <source>The host %1 is empty.</source>
        <translation>Der Host %1 ist leer.</translation>
    </message>
    <message>
        <source>The host %1 is longer than 253 characters.</source>
        <translation>Der Host %1 ist länger als 253 Zeichen.</translation>
    </message>
    <message>
        <source>%1 is not a valid IPv4 address; write it as four decimal numbers such as 192.0.2.1 (numeric, octal and hexadecimal forms are refused).</source>
        <translation>%1 ist keine gültige IPv4-Adresse; schreiben Sie sie als vier Dezimalzahlen wie 192.0.2.1 (numerische, oktale und hexadezimale Formen werden abgelehnt).</translation>
    </message>
    <message>
        <source>The host %1 has an empty label.</source>
        <translation>Der Host %1 hat ein leeres Label.</translation>
    </message>
    <message>
        <source>The host %1 has a label longer than 63 characters.</source>
        <translation>Der Host %1 hat ein Label, das länger als 63 Zeichen ist.</translation>
    </message>
    <message>
        <source>The host %1 has a label that starts or ends with a hyphen.</source>
        <translation>Der Host %1 hat ein Label, das mit einem Bindestrich beginnt oder endet.</translation>
    </message>
    <message>
        <source>The host %1 has an invalid punycode label.</source>
        <translation>Der Host %1 hat ein ungültiges Punycode-Label.</translation>
    </message>
    <message>
        <source>The IPv6 address in "%1" has no closing bracket.</source>
        <translation>Der IPv6-Adresse in „%1“ fehlt die schließende Klammer.</translation>
    </message>
    <message>
        <source>Unexpected text after the IPv6 address in "%1".</source>
        <translation>Unerwarteter Text nach der IPv6-Adresse in „%1“.</translation>
    </message>
    <message>
        <source>"%1" is not a valid port; use a number from 1 to 65535.</source>
        <translation>„%1“ ist kein gültiger Port; verwenden Sie eine Zahl von 1 bis 65535.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::PolicyFile</name>
    <message>
        <source>Cannot read the policy file %1: %2.</source>
        <translation>Die Richtliniendatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The policy file %1 is larger than 16 MiB.</source>
        <translation>Die Richtliniendatei %1 ist größer als 16 MiB.</translation>
    </message>
    <message>
        <source>The policy file %1 is not valid JSON: %2 at offset %3.</source>
        <translation>Die Richtliniendatei %1 ist kein gültiges JSON: %2 an Position %3.</translation>
    </message>
    <message>
        <source>The policy file %1 must contain a JSON object.</source>
        <translation>Die Richtliniendatei %1 muss ein JSON-Objekt enthalten.</translation>
    </message>
    <message>
        <source>The policy file %1 has an unknown key "%2"; the keys are "version", "preset" and "rules".</source>
        <translation>Die Richtliniendatei %1 hat einen unbekannten Schlüssel „%2“; die Schlüssel sind „version“, „preset“ und „rules“.</translation>
    </message>
    <message>
        <source>The policy file %1 has version %2; this Paddock reads version %3.</source>
        <translation>Die Richtliniendatei %1 hat Version %2; dieses Paddock liest Version %3.</translation>
    </message>
    <message>
        <source>In the policy file %1, "preset" must be a string.</source>
        <translation>In der Richtliniendatei %1 muss „preset“ eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>In the policy file %1, "rules" must be a list of strings.</source>
        <translation>In der Richtliniendatei %1 muss „rules“ eine Liste von Zeichenketten sein.</translation>
    </message>
    <message>
        <source>In the policy file %1, rule %2 is not a string.</source>
        <translation>In der Richtliniendatei %1 ist Regel %2 keine Zeichenkette.</translation>
    </message>
    <message>
        <source>In the policy file %1, rule %2: %3</source>
        <translation>In der Richtliniendatei %1, Regel %2: %3</translation>
    </message>
    <message>
        <source>Cannot write the policy file %1: %2.</source>
        <translation>Die Richtliniendatei %1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::PolicyMatcher</name>
    <message>
        <source>preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>No rule allows %1, so it is denied.</source>
        <translation>Keine Regel erlaubt %1, daher wird es verweigert.</translation>
    </message>
    <message>
        <source>%1 is allowed by the %2 rule "%3".</source>
        <translation>%1 wird durch die Regel „%3“ (Ebene: %2) erlaubt.</translation>
    </message>
    <message>
        <source>%1 is denied by the %2 rule "%3".</source>
        <translation>%1 wird durch die Regel „%3“ (Ebene: %2) verweigert.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::PolicyRule</name>
    <message>
        <source>Invalid rule "%1": column %2: %3</source>
        <translation>Ungültige Regel „%1“: Spalte %2: %3</translation>
    </message>
    <message>
        <source>the rule is empty; write for example "allow **.github.com:443".</source>
        <translation>die Regel ist leer; schreiben Sie zum Beispiel „allow **.github.com:443“.</translation>
    </message>
    <message>
        <source>a host is missing after "%1".</source>
        <translation>nach „%1“ fehlt ein Host.</translation>
    </message>
    <message>
        <source>unexpected text "%1"; separate several hosts with commas, without spaces.</source>
        <translation>unerwarteter Text „%1“; trennen Sie mehrere Hosts mit Kommas, ohne Leerzeichen.</translation>
    </message>
    <message>
        <source>an empty host in the comma-separated list.</source>
        <translation>ein leerer Host in der kommagetrennten Liste.</translation>
    </message>
    <message>
        <source>the IPv6 address has no closing bracket.</source>
        <translation>der IPv6-Adresse fehlt die schließende Klammer.</translation>
    </message>
    <message>
        <source>wildcards apply to host names; use a CIDR such as 10.0.0.0/8 for addresses.</source>
        <translation>Platzhalter gelten für Hostnamen; verwenden Sie für Adressen einen CIDR-Bereich wie 10.0.0.0/8.</translation>
    </message>
    <message>
        <source>a wildcard must be a whole leading label: "*.example.com", "**.example.com" or "**".</source>
        <translation>ein Platzhalter muss ein ganzes vorderes Label sein: „*.example.com“, „**.example.com“ oder „**“.</translation>
    </message>
    <message>
        <source>"%1" is not a prefix length from 0 to %2.</source>
        <translation>„%1“ ist keine Präfixlänge von 0 bis %2.</translation>
    </message>
    <message>
        <source>the address has bits set outside the /%1 prefix; did you mean %2?</source>
        <translation>die Adresse hat Bits außerhalb des Präfixes /%1 gesetzt; meinten Sie %2?</translation>
    </message>
    <message>
        <source>"%1" is not a port (1-65535), a range such as 8000-8100, or *.</source>
        <translation>„%1“ ist weder ein Port (1–65535) noch ein Bereich wie 8000-8100 noch *.</translation>
    </message>
    <message>
        <source>the port range %1 ends before it starts.</source>
        <translation>der Portbereich %1 endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>unexpected character '%1'.</source>
        <translation>unerwartetes Zeichen „%1“.</translation>
    </message>
    <message>
        <source>a path may not contain spaces, '?', '#' or non-ASCII characters.</source>
        <translation>ein Pfad darf keine Leerzeichen, „?“, „#“ oder Nicht-ASCII-Zeichen enthalten.</translation>
    </message>
    <message>
        <source>a rule starts with "allow", "deny" or "intercept".</source>
        <translation>eine Regel beginnt mit „allow“, „deny“ oder „intercept“.</translation>
    </message>
    <message>
        <source>"intercept" takes hosts and ports, not methods.</source>
        <translation>„intercept“ nimmt Hosts und Ports, keine Methoden.</translation>
    </message>
    <message>
        <source>"intercept" takes hosts and ports, not paths.</source>
        <translation>„intercept“ nimmt Hosts und Ports, keine Pfade.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::PresetCatalog</name>
    <message>
        <source>There is no preset named "%1". Valid presets are: %2.</source>
        <translation>Es gibt keine Vorgabe namens „%1“. Gültige Vorgaben sind: %2.</translation>
    </message>
    <message>
        <source>The built-in preset "%1" is missing from this build.</source>
        <translation>Die eingebaute Vorgabe „%1“ fehlt in diesem Build.</translation>
    </message>
    <message>
        <source>%1 is not a valid preset: %2.</source>
        <translation>%1 ist keine gültige Vorgabe: %2.</translation>
    </message>
    <message>
        <source>%1 needs "id", "name" and "groups".</source>
        <translation>%1 braucht „id“, „name“ und „groups“.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>The name of a built-in network policy preset.</extracomment>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Allows every host; address vetting still blocks the host's loopback, LAN and cloud metadata.</source>
        <translation>Erlaubt jeden Host; die Adressprüfung blockiert weiterhin Loopback und LAN des Rechners sowie Cloud-Metadaten.</translation>
    </message>
    <message>
        <source>Everything</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Balanced</source>
        <extracomment>The name of a built-in network policy preset.</extracomment>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Denies everything except AI services, package registries, code hosts, cloud tooling and OS package mirrors.</source>
        <translation>Verweigert alles außer KI-Diensten, Paketregistern, Code-Hostern, Cloud-Werkzeugen und Paketspiegeln der Betriebssysteme.</translation>
    </message>
    <message>
        <source>AI services</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>KI-Dienste</translation>
    </message>
    <message>
        <source>Package managers</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Paketverwaltungen</translation>
    </message>
    <message>
        <source>Code hosts and container registries</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Code-Hoster und Container-Registrys</translation>
    </message>
    <message>
        <source>Cloud infrastructure</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Cloud-Infrastruktur</translation>
    </message>
    <message>
        <source>OS package mirrors</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Paketspiegel der Betriebssysteme</translation>
    </message>
    <message>
        <source>Locked Down</source>
        <extracomment>The name of a built-in network policy preset.</extracomment>
        <translation>Abgeriegelt</translation>
    </message>
    <message>
        <source>Denies everything; only the hosts an agent template needs are added for its sandbox.</source>
        <translation>Verweigert alles; nur die Hosts, die eine Agentenvorlage braucht, werden für ihre Sandbox hinzugefügt.</translation>
    </message>
    <message>
        <source>Nothing</source>
        <extracomment>A group of rules in a network policy preset.</extracomment>
        <translation>Nichts</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::SandboxRecord</name>
    <message>
        <source>"%1" is not a valid sandbox name: use up to 63 lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.</source>
        <translation>„%1“ ist kein gültiger Sandbox-Name: Verwenden Sie bis zu 63 Kleinbuchstaben, Ziffern, „.“, „_“ und „-“, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The sandbox record is invalid: %1</source>
        <translation>Der Sandbox-Eintrag ist ungültig: %1</translation>
    </message>
    <message>
        <source>unsupported version %1.</source>
        <translation>nicht unterstützte Version %1.</translation>
    </message>
    <message>
        <source>the workspace "%1" is not an absolute path.</source>
        <translation>der Arbeitsbereich „%1“ ist kein absoluter Pfad.</translation>
    </message>
    <message>
        <source>unknown mode, backend or state.</source>
        <translation>unbekannter Modus, unbekanntes Backend oder unbekannter Zustand.</translation>
    </message>
    <message>
        <source>negative resources.</source>
        <translation>negative Ressourcen.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::SandboxStore</name>
    <message>
        <source>The sandbox record %1 could not be read (%2); it was moved to %3.</source>
        <translation>Der Sandbox-Eintrag %1 konnte nicht gelesen werden (%2); er wurde nach %3 verschoben.</translation>
    </message>
    <message>
        <source>The sandbox record %1 could not be read (%2) and could not be moved aside.</source>
        <translation>Der Sandbox-Eintrag %1 konnte nicht gelesen werden (%2) und ließ sich nicht beiseiteschieben.</translation>
    </message>
    <message>
        <source>Cannot read the sandbox record %1: %2.</source>
        <translation>Der Sandbox-Eintrag %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>its name "%1" does not match the file name</source>
        <translation>sein Name „%1“ passt nicht zum Dateinamen</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot save the sandbox "%1": %2. The previous record is unchanged.</source>
        <translation>Die Sandbox „%1“ kann nicht gespeichert werden: %2. Der bisherige Eintrag bleibt unverändert.</translation>
    </message>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>Cannot remove the record of sandbox "%1".</source>
        <translation>Der Eintrag der Sandbox „%1“ kann nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::SecretStore</name>
    <message>
        <source>Cannot read the list of secret names in %1: %2.</source>
        <translation>Die Liste der Geheimnisnamen in %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>it has no "names" list</source>
        <translation>sie hat keine Liste „names“</translation>
    </message>
    <message>
        <source>it lists an invalid name</source>
        <translation>sie enthält einen ungültigen Namen</translation>
    </message>
    <message>
        <source>The list of secret names in %1 is damaged (%2). Delete the file and set the secrets again; the keychain still holds their values.</source>
        <translation>Die Liste der Geheimnisnamen in %1 ist beschädigt (%2). Löschen Sie die Datei und legen Sie die Geheimnisse erneut fest; der Schlüsselbund enthält ihre Werte weiterhin.</translation>
    </message>
    <message>
        <source>Cannot save the list of secret names to %1: %2.</source>
        <translation>Die Liste der Geheimnisnamen kann nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Paddock keeps API keys only in the system keychain, never in a file. Install GNOME Keyring (on Debian and Ubuntu: sudo apt install gnome-keyring libsecret-1-0) or KDE Wallet, and use Paddock in a desktop session, which starts D-Bus and the keychain for you. docs/secrets.md explains the other cases.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Paddock bewahrt API-Schlüssel nur im Schlüsselbund des Systems auf, nie in einer Datei. Installieren Sie GNOME Keyring (unter Debian und Ubuntu: sudo apt install gnome-keyring libsecret-1-0) oder KDE Wallet und verwenden Sie Paddock in einer Desktop-Sitzung, die D-Bus und den Schlüsselbund für Sie startet. docs/secrets.md erklärt die übrigen Fälle.</translation>
    </message>
    <message>
        <source>there is no D-Bus session bus: %1</source>
        <translation>es gibt keinen D-Bus-Sitzungsbus: %1</translation>
    </message>
    <message>
        <source>no keychain service runs or is installed on the D-Bus session bus</source>
        <translation>auf dem D-Bus-Sitzungsbus läuft kein Schlüsselbunddienst, und keiner ist installiert</translation>
    </message>
    <message>
        <source>The keychain holds no secret "%1". Set it with 'paddock secret set %1' or on the Secrets page.</source>
        <translation>Der Schlüsselbund enthält kein Geheimnis „%1“. Legen Sie es mit „paddock secret set %1“ oder auf der Seite „Geheimnisse“ fest.</translation>
    </message>
    <message>
        <source>The keychain could not save the secret "%1": %2.</source>
        <translation>Der Schlüsselbund konnte das Geheimnis „%1“ nicht speichern: %2.</translation>
    </message>
    <message>
        <source>The keychain could not read the secret "%1": %2.</source>
        <translation>Der Schlüsselbund konnte das Geheimnis „%1“ nicht lesen: %2.</translation>
    </message>
    <message>
        <source>The keychain could not remove the secret "%1": %2.</source>
        <translation>Der Schlüsselbund konnte das Geheimnis „%1“ nicht entfernen: %2.</translation>
    </message>
    <message>
        <source>The keychain does not answer: %1.</source>
        <translation>Der Schlüsselbund antwortet nicht: %1.</translation>
    </message>
    <message>
        <source>Unlock the keychain when it asks for its password, and try again.</source>
        <translation>Entsperren Sie den Schlüsselbund, wenn er nach seinem Passwort fragt, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>If the keychain is locked or has no default keyring, unlock or create one (GNOME: Passwords and Keys; KDE: KWalletManager) and try again.</source>
        <translation>Wenn der Schlüsselbund gesperrt ist oder keinen Standardschlüsselbund hat, entsperren oder erstellen Sie einen (GNOME: Passwörter und Verschlüsselung; KDE: KWalletManager) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>this Paddock was built without QtKeychain; install qtkeychain-qt6-dev and build it again</source>
        <translation>dieses Paddock wurde ohne QtKeychain gebaut; installieren Sie qtkeychain-qt6-dev und bauen Sie es erneut</translation>
    </message>
    <message>
        <source>"%1" is not a valid secret name; use 1-40 lower-case letters, digits and hyphens, starting with a letter or digit, such as anthropic-api-key.</source>
        <translation>„%1“ ist kein gültiger Geheimnisname; verwenden Sie 1–40 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben oder einer Ziffer, etwa anthropic-api-key.</translation>
    </message>
    <message>
        <source>The secret is empty; paste the key or token itself.</source>
        <translation>Das Geheimnis ist leer; fügen Sie den Schlüssel oder das Token selbst ein.</translation>
    </message>
    <message>
        <source>There is no secret "%1"; 'paddock secret ls' lists them.</source>
        <translation>Es gibt kein Geheimnis „%1“; „paddock secret ls“ listet sie auf.</translation>
    </message>
    <message>
        <source>The secret is longer than %1 characters; that is not an API key or token.</source>
        <translation>Das Geheimnis ist länger als %1 Zeichen; das ist kein API-Schlüssel und kein Token.</translation>
    </message>
    <message>
        <source>The secret contains a line break, tab or other invisible control character; API keys and tokens have none. Check that only the key was copied.</source>
        <translation>Das Geheimnis enthält einen Zeilenumbruch, einen Tabulator oder ein anderes unsichtbares Steuerzeichen; API-Schlüssel und Tokens enthalten keine. Prüfen Sie, ob nur der Schlüssel kopiert wurde.</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s). If it asks for a password, unlock it and try again.</source>
        <translation>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunde geantwortet. Falls er nach einem Passwort fragt, entsperren Sie ihn und versuchen Sie es erneut.</numerusform>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunden geantwortet. Falls er nach einem Passwort fragt, entsperren Sie ihn und versuchen Sie es erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::Core::Settings</name>
    <message>
        <source>Cannot read the settings file %1: %2.</source>
        <translation>Die Einstellungsdatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The settings file %1 was damaged (%2); it was moved to %3 and the defaults are used.</source>
        <translation>Die Einstellungsdatei %1 war beschädigt (%2); sie wurde nach %3 verschoben, und es gelten die Standardeinstellungen.</translation>
    </message>
    <message>
        <source>Cannot save the settings to %1: %2.</source>
        <translation>Die Einstellungen können nicht in %1 gespeichert werden: %2.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::TemplateCatalog</name>
    <message>
        <source>The template %1 uses the id "%2", which is already taken; give it another id.</source>
        <translation>Die Vorlage %1 verwendet die ID „%2“, die schon vergeben ist; geben Sie ihr eine andere ID.</translation>
    </message>
    <message>
        <source>Cannot read the template %1 (unreadable or larger than 1 MiB).</source>
        <translation>Die Vorlage %1 kann nicht gelesen werden (nicht lesbar oder größer als 1 MiB).</translation>
    </message>
    <message>
        <source>"%1" is a built-in template and cannot be changed; save a copy under another id.</source>
        <translation>„%1“ ist eine eingebaute Vorlage und kann nicht geändert werden; speichern Sie eine Kopie unter einer anderen ID.</translation>
    </message>
    <message>
        <source>%1 is not one of your template files.</source>
        <translation>%1 ist keine Ihrer Vorlagendateien.</translation>
    </message>
    <message>
        <source>There is a template "%1" already; choose another id.</source>
        <translation>Es gibt bereits eine Vorlage „%1“; wählen Sie eine andere ID.</translation>
    </message>
    <message>
        <source>The file %1 exists already; choose another id.</source>
        <translation>Die Datei %1 gibt es bereits; wählen Sie eine andere ID.</translation>
    </message>
    <message>
        <source>Cannot save the template "%1": %2.</source>
        <translation>Die Vorlage „%1“ kann nicht gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>There is no template "%1".</source>
        <translation>Es gibt keine Vorlage „%1“.</translation>
    </message>
    <message>
        <source>"%1" is a built-in template and cannot be removed.</source>
        <translation>„%1“ ist eine eingebaute Vorlage und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Cannot remove the template file %1.</source>
        <translation>Die Vorlagendatei %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Anthropic's coding agent, with permission prompts skipped.</source>
        <translation>Der Programmieragent von Anthropic, ohne Rückfragen nach Berechtigungen.</translation>
    </message>
    <message>
        <source>OpenAI's Codex CLI, approvals and its own sandbox bypassed (Paddock is the sandbox).</source>
        <translation>Codex CLI von OpenAI, ohne Freigaben und ohne eigene Sandbox (Paddock ist die Sandbox).</translation>
    </message>
    <message>
        <source>GitHub Copilot's command-line agent with every tool allowed.</source>
        <translation>Der Kommandozeilenagent von GitHub Copilot, mit allen Werkzeugen erlaubt.</translation>
    </message>
    <message>
        <source>Google's Gemini CLI in YOLO mode.</source>
        <translation>Gemini CLI von Google im YOLO-Modus.</translation>
    </message>
    <message>
        <source>The open-source terminal coding agent.</source>
        <translation>Der quelloffene Programmieragent fürs Terminal.</translation>
    </message>
    <message>
        <source>A plain login shell in the sandbox, for doing things by hand.</source>
        <translation>Eine einfache Login-Shell in der Sandbox, um Dinge von Hand zu erledigen.</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::WorkspaceClone</name>
    <message>
        <source>%1 is not a git repository.</source>
        <translation>%1 ist kein Git-Repository.</translation>
    </message>
    <message>
        <source>Could not read the status of %1: %2</source>
        <translation>Der Status von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1 or %2 as a git repository.</source>
        <translation>Weder %1 noch %2 ließ sich als Git-Repository öffnen.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not list the branches of %1: %2</source>
        <translation>Die Branches von %1 konnten nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not the top folder of a git repository; use --mode direct for a plain folder.</source>
        <translation>%1 ist nicht der oberste Ordner eines Git-Repositorys; verwenden Sie --mode direct für einen einfachen Ordner.</translation>
    </message>
    <message>
        <source>%1 has no commits yet, so there is nothing to clone. Commit once, or use --mode direct.</source>
        <translation>%1 hat noch keine Commits, es gibt also nichts zu klonen. Committen Sie einmal, oder verwenden Sie --mode direct.</translation>
    </message>
    <message>
        <source>"%1" is not a valid branch name.</source>
        <translation>„%1“ ist kein gültiger Branch-Name.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 gibt es bereits.</translation>
    </message>
    <message>
        <source>Could not create the clone in %1: %2</source>
        <translation>Der Klon in %1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Could not set up the clone's origin: %1</source>
        <translation>Der Origin des Klons konnte nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <source>Could not fetch from %1: %2</source>
        <translation>Abrufen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Could not switch the clone to %1: %2</source>
        <translation>Der Klon konnte nicht auf %1 umgestellt werden: %2</translation>
    </message>
    <message>
        <source>Could not check out %1: %2</source>
        <translation>%1 konnte nicht ausgecheckt werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a repository: %2</source>
        <translation>%1 ist kein Repository: %2</translation>
    </message>
    <message>
        <source>Could not check out the branch in %1: %2</source>
        <translation>Der Branch in %1 konnte nicht ausgecheckt werden: %2</translation>
    </message>
    <message>
        <source>Could not check out the uncommitted files in %1: %2</source>
        <translation>Die nicht committeten Dateien konnten in %1 nicht ausgecheckt werden: %2</translation>
    </message>
</context>
<context>
    <name>Paddock::Core::WorkspaceFile</name>
    <message>
        <source>"%1/%2" is not a file name Paddock writes.</source>
        <translation>„%1/%2“ ist kein Dateiname, den Paddock schreibt.</translation>
    </message>
    <message>
        <source>Could not write %1/%2 in %3 (%4): %5</source>
        <translation>%1/%2 konnte in %3 nicht geschrieben werden (%4): %5</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>der Arbeitsbereich</translation>
    </message>
    <message>
        <source>the folder</source>
        <translation>der Ordner</translation>
    </message>
    <message>
        <source>the folder is not a plain folder</source>
        <translation>der Ordner ist kein einfacher Ordner</translation>
    </message>
    <message>
        <source>a new file</source>
        <translation>eine neue Datei</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>beim Schreiben</translation>
    </message>
    <message>
        <source>renaming</source>
        <translation>beim Umbenennen</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::AddressVetter</name>
    <message>
        <source>a public address</source>
        <translation>eine öffentliche Adresse</translation>
    </message>
    <message>
        <source>an unspecified address</source>
        <translation>eine unspezifizierte Adresse</translation>
    </message>
    <message>
        <source>a loopback address</source>
        <translation>eine Loopback-Adresse</translation>
    </message>
    <message>
        <source>a private network address</source>
        <translation>eine Adresse eines privaten Netzwerks</translation>
    </message>
    <message>
        <source>a carrier-grade NAT address</source>
        <translation>eine Carrier-Grade-NAT-Adresse</translation>
    </message>
    <message>
        <source>a link-local address (such as cloud metadata)</source>
        <translation>eine Link-Local-Adresse (etwa Cloud-Metadaten)</translation>
    </message>
    <message>
        <source>a unique-local IPv6 address</source>
        <translation>eine Unique-Local-IPv6-Adresse</translation>
    </message>
    <message>
        <source>a multicast address</source>
        <translation>eine Multicast-Adresse</translation>
    </message>
    <message>
        <source>a reserved address</source>
        <translation>eine reservierte Adresse</translation>
    </message>
    <message>
        <source>this machine's own address</source>
        <translation>die eigene Adresse dieses Rechners</translation>
    </message>
    <message>
        <source>Paddock's own proxy</source>
        <translation>der eigene Proxy von Paddock</translation>
    </message>
    <message>
        <source>%1 is %2; it is never reachable from a sandbox.</source>
        <translation>%1 ist %2; sie ist aus einer Sandbox nie erreichbar.</translation>
    </message>
    <message>
        <source>%1 is %2, allowed by an explicit rule.</source>
        <translation>%1 ist %2, erlaubt durch eine ausdrückliche Regel.</translation>
    </message>
    <message>
        <source>%1 is %2, which sandboxes may not reach unless a rule names it, e.g. 'allow %3/32:%4'.</source>
        <translation>%1 ist %2, die Sandboxen nur erreichen dürfen, wenn eine Regel sie nennt, z. B. „allow %3/32:%4“.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::AuditLog</name>
    <message>
        <source>Cannot open the audit log %1: %2.</source>
        <translation>Das Prüfprotokoll %1 kann nicht geöffnet werden: %2.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::BodyDecoder</name>
    <message>
        <source>The body is not valid %1 data, so Paddock cannot check it for secrets.</source>
        <translation>Der Inhalt besteht nicht aus gültigen %1-Daten, daher kann Paddock ihn nicht auf Geheimnisse prüfen.</translation>
    </message>
    <message>
        <source>Paddock could not start decompressing the body.</source>
        <translation>Paddock konnte das Entpacken des Inhalts nicht beginnen.</translation>
    </message>
    <message>
        <source>The body is larger than %1 MiB when decompressed, so Paddock does not decompress it.</source>
        <translation>Der Inhalt ist entpackt größer als %1 MiB, daher entpackt Paddock ihn nicht.</translation>
    </message>
    <message>
        <source>The body grows more than %1 times when decompressed, so Paddock does not decompress it.</source>
        <translation>Der Inhalt wird beim Entpacken mehr als %1-mal so groß, daher entpackt Paddock ihn nicht.</translation>
    </message>
    <message>
        <source>The compressed body is cut off, so Paddock cannot check it for secrets.</source>
        <translation>Der gepackte Inhalt ist abgeschnitten, daher kann Paddock ihn nicht auf Geheimnisse prüfen.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::CaKeyStore</name>
    <message>
        <source>Cannot create the folder %1: %2.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>The folder %1 is not a folder of yours that only you can open. Remove it, or make it yours with mode 0700.</source>
        <translation>Der Ordner %1 gehört nicht Ihnen oder kann auch von anderen geöffnet werden. Entfernen Sie ihn, oder machen Sie ihn zu Ihrem mit dem Modus 0700.</translation>
    </message>
    <message>
        <source>Cannot read the key of Paddock's certificate authority in %1: %2.</source>
        <translation>Der Schlüssel der Zertifizierungsstelle von Paddock in %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The key file of Paddock's certificate authority, %1, is damaged: it holds no unencrypted PKCS#8 private key. Paddock leaves it as it is; restore it from a backup, or reset the certificate authority to make a new one.</source>
        <translation>Die Schlüsseldatei der Zertifizierungsstelle von Paddock, %1, ist beschädigt: Sie enthält keinen unverschlüsselten privaten PKCS#8-Schlüssel. Paddock lässt sie unverändert; stellen Sie sie aus einer Sicherung wieder her, oder setzen Sie die Zertifizierungsstelle zurück, um eine neue zu erstellen.</translation>
    </message>
    <message>
        <source>Cannot save the key of Paddock's certificate authority to %1: %2.</source>
        <translation>Der Schlüssel der Zertifizierungsstelle von Paddock kann nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>the keychain entry "%1" of the service "%2"</source>
        <translation>dem Schlüsselbundeintrag „%1“ des Dienstes „%2“</translation>
    </message>
    <message>
        <source>The key of Paddock's certificate authority in %1 is damaged. Paddock leaves it as it is; reset the certificate authority to make a new one.</source>
        <translation>Der Schlüssel der Zertifizierungsstelle von Paddock in %1 ist beschädigt. Paddock lässt ihn unverändert; setzen Sie die Zertifizierungsstelle zurück, um eine neue zu erstellen.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::CertificateAuthority</name>
    <message>
        <source>Paddock leaves it as it is: restore the missing or damaged part from a backup, or reset the certificate authority to make a new one (then trust the new certificate wherever you had trusted the old one).</source>
        <translation>Paddock lässt sie unverändert: Stellen Sie den fehlenden oder beschädigten Teil aus einer Sicherung wieder her, oder setzen Sie die Zertifizierungsstelle zurück, um eine neue zu erstellen (und vertrauen Sie dann dem neuen Zertifikat überall dort, wo Sie dem alten vertraut hatten).</translation>
    </message>
    <message>
        <source>Cannot read the certificate of Paddock's certificate authority, %1: %2.</source>
        <translation>Das Zertifikat der Zertifizierungsstelle von Paddock, %1, kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The certificate of Paddock's certificate authority, %1, is damaged. %2</source>
        <translation>Das Zertifikat der Zertifizierungsstelle von Paddock, %1, ist beschädigt. %2</translation>
    </message>
    <message>
        <source>The key of Paddock's certificate authority is missing from %1, but its certificate %2 is there. %3</source>
        <translation>Der Schlüssel der Zertifizierungsstelle von Paddock fehlt in %1, ihr Zertifikat %2 ist aber vorhanden. %3</translation>
    </message>
    <message>
        <source>The key of Paddock's certificate authority in %1 is damaged. %2</source>
        <translation>Der Schlüssel der Zertifizierungsstelle von Paddock in %1 ist beschädigt. %2</translation>
    </message>
    <message>
        <source>Paddock's certificate authority in %1 cannot be used: %2. %3</source>
        <translation>Die Zertifizierungsstelle von Paddock in %1 kann nicht verwendet werden: %2. %3</translation>
    </message>
    <message>
        <source>Paddock could not load its certificate authority: %1.</source>
        <translation>Paddock konnte seine Zertifizierungsstelle nicht laden: %1.</translation>
    </message>
    <message>
        <source>Paddock could not make its certificate authority: %1.</source>
        <translation>Paddock konnte seine Zertifizierungsstelle nicht erstellen: %1.</translation>
    </message>
    <message>
        <source>The certificate of Paddock's certificate authority, %1, is missing, but a key is still in %2. %3</source>
        <translation>Das Zertifikat der Zertifizierungsstelle von Paddock, %1, fehlt, in %2 liegt aber noch ein Schlüssel. %3</translation>
    </message>
    <message>
        <source>Cannot save the certificate of Paddock's certificate authority to %1: %2.</source>
        <translation>Das Zertifikat der Zertifizierungsstelle von Paddock kann nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>Paddock makes no certificate for %1: %2</source>
        <translation>Paddock erstellt kein Zertifikat für %1: %2</translation>
    </message>
    <message>
        <source>Paddock's certificate authority expired on %1. Reset it to make a new one, and trust the new certificate wherever you had trusted the old one.</source>
        <translation>Die Zertifizierungsstelle von Paddock ist am %1 abgelaufen. Setzen Sie sie zurück, um eine neue zu erstellen, und vertrauen Sie dem neuen Zertifikat überall dort, wo Sie dem alten vertraut hatten.</translation>
    </message>
    <message>
        <source>Paddock could not make a certificate for %1: %2.</source>
        <translation>Paddock konnte kein Zertifikat für %1 erstellen: %2.</translation>
    </message>
    <message>
        <source>the certificate has no subject key identifier</source>
        <translation>das Zertifikat hat keine Kennung seines Schlüssels (subjectKeyIdentifier)</translation>
    </message>
    <message>
        <source>the key does not belong to the certificate</source>
        <translation>der Schlüssel gehört nicht zum Zertifikat</translation>
    </message>
    <message>
        <source>Paddock makes certificates only for hosts in canonical form, and %1 is not (it would be "%2").</source>
        <translation>Paddock erstellt Zertifikate nur für Hosts in kanonischer Form, und %1 ist es nicht (kanonisch wäre „%2“).</translation>
    </message>
    <message>
        <source>the certificate is not that of a certificate authority</source>
        <translation>das Zertifikat ist nicht das einer Zertifizierungsstelle</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::ProxyConnection</name>
    <message>
        <source>Paddock: the request head did not arrive in time.
</source>
        <translation>Paddock: Der Kopf der Anfrage ist nicht rechtzeitig angekommen.
</translation>
    </message>
    <message>
        <source>The tunnel to %1 sent no TLS ClientHello in time.</source>
        <translation>Der Tunnel zu %1 hat nicht rechtzeitig ein TLS-ClientHello gesendet.</translation>
    </message>
    <message>
        <source>Connecting to %1 timed out.</source>
        <translation>Die Verbindung zu %1 hat das Zeitlimit überschritten.</translation>
    </message>
    <message>
        <source>The sandbox's policy could not be loaded, so every request is denied.</source>
        <translation>Die Richtlinie der Sandbox konnte nicht geladen werden, daher wird jede Anfrage verweigert.</translation>
    </message>
    <message>
        <source>The policy could not be loaded; passed through because fail-open is on for this sandbox.</source>
        <translation>Die Richtlinie konnte nicht geladen werden; durchgelassen, weil für diese Sandbox „fail-open“ eingeschaltet ist.</translation>
    </message>
    <message>
        <source>%1 could not be resolved: %2.</source>
        <translation>%1 konnte nicht aufgelöst werden: %2.</translation>
    </message>
    <message>
        <source>it has no address</source>
        <translation>der Name hat keine Adresse</translation>
    </message>
    <message>
        <source>%1 resolves to %2, which the rule "%3" denies.</source>
        <translation>%1 wird zu %2 aufgelöst, was die Regel „%3“ verweigert.</translation>
    </message>
    <message>
        <source>Connecting to %1 failed: %2.</source>
        <translation>Die Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>The tunnel to %1 did not start with a TLS ClientHello; raw TCP on port 443 needs a rule such as 'allow CONNECT %2'.</source>
        <translation>Der Tunnel zu %1 hat nicht mit einem TLS-ClientHello begonnen; reines TCP auf Port 443 braucht eine Regel wie „allow CONNECT %2“.</translation>
    </message>
    <message>
        <source>The TLS ClientHello for %1 names no server (SNI).</source>
        <translation>Das TLS-ClientHello für %1 nennt keinen Server (SNI).</translation>
    </message>
    <message>
        <source>The TLS ClientHello names %1, not the approved host %2.</source>
        <translation>Das TLS-ClientHello nennt %1, nicht den freigegebenen Host %2.</translation>
    </message>
    <message>
        <source>%1 sent a response Paddock cannot relay.</source>
        <translation>%1 hat eine Antwort gesendet, die Paddock nicht weiterleiten kann.</translation>
    </message>
    <message>
        <source>%1 sent a malformed response body; the connection was closed.</source>
        <translation>%1 hat einen fehlerhaften Antwortinhalt gesendet; die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>%1 closed the connection without a response.</source>
        <translation>%1 hat die Verbindung ohne Antwort geschlossen.</translation>
    </message>
    <message>
        <source>%1 closed the connection before the end of its response.</source>
        <translation>%1 hat die Verbindung vor dem Ende seiner Antwort geschlossen.</translation>
    </message>
    <message>
        <source>Paddock blocked %1
Reason: %2
Rule: %3
</source>
        <translation>Paddock hat %1 blockiert
Grund: %2
Regel: %3
</translation>
    </message>
    <message>
        <source>To allow it: paddock policy allow --sandbox %1 '%2'
</source>
        <translation>Zum Erlauben: paddock policy allow --sandbox %1 '%2'
</translation>
    </message>
    <message>
        <source>Paddock refused a malformed request: %1
</source>
        <translation>Paddock hat eine fehlerhafte Anfrage abgelehnt: %1
</translation>
    </message>
    <message>
        <source>Paddock: %1
</source>
        <translation>Paddock: %1
</translation>
    </message>
    <message>
        <source>The compressed request body is larger than the %1 MiB Paddock scans at once.</source>
        <translation>Der komprimierte Anfrageinhalt ist größer als die %1 MiB, die Paddock auf einmal prüft.</translation>
    </message>
    <message>
        <source>The request inside the tunnel to %1 is addressed to %2.</source>
        <translation>Die Anfrage im Tunnel zu %1 ist an %2 gerichtet.</translation>
    </message>
    <message>
        <source>The certificate of %1 was refused: %2.</source>
        <translation>Das Zertifikat von %1 wurde abgelehnt: %2.</translation>
    </message>
    <message>
        <source>body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Paddock's secret scanner is not available, so requests whose content it could read are blocked.</source>
        <translation>Der Geheimnis-Scanner von Paddock ist nicht verfügbar, daher werden Anfragen blockiert, deren Inhalt er lesen könnte.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>header %1</source>
        <extracomment>%1 is a header name such as Authorization.</extracomment>
        <translation>Header %1</translation>
    </message>
    <message>
        <source>The request body could not be decompressed for scanning: %1</source>
        <translation>Der Anfrageinhalt konnte zum Prüfen nicht entpackt werden: %1</translation>
    </message>
    <message>
        <source>The sandbox's TLS connection to %1 failed: %2. Programs in the sandbox must trust Paddock's CA (see docs/interception.md).</source>
        <translation>Die TLS-Verbindung der Sandbox zu %1 ist fehlgeschlagen: %2. Programme in der Sandbox müssen der CA von Paddock vertrauen (siehe docs/interception.md).</translation>
    </message>
    <message>
        <source>The sandbox hung up during the TLS handshake for %1. Programs in the sandbox must trust Paddock's CA (see docs/interception.md).</source>
        <translation>Die Sandbox hat während des TLS-Handshakes für %1 aufgelegt. Programme in der Sandbox müssen der CA von Paddock vertrauen (siehe docs/interception.md).</translation>
    </message>
    <message>
        <source>request head</source>
        <translation>Anfragekopf</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::ProxyServer</name>
    <message>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation>Auf %1, Port %2 kann nicht gelauscht werden: %3.</translation>
    </message>
    <message>
        <source>Cannot listen on the socket %1: %2.</source>
        <translation>Auf dem Socket %1 kann nicht gelauscht werden: %2.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::SecretRules</name>
    <message>
        <source>an AWS access key ID</source>
        <translation>eine AWS-Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>an AWS secret access key</source>
        <translation>ein geheimer AWS-Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>a GitHub personal access token</source>
        <translation>ein persönliches GitHub-Zugriffstoken</translation>
    </message>
    <message>
        <source>a GitHub OAuth token</source>
        <translation>ein GitHub-OAuth-Token</translation>
    </message>
    <message>
        <source>a GitHub app token</source>
        <translation>ein GitHub-App-Token</translation>
    </message>
    <message>
        <source>a GitHub refresh token</source>
        <translation>ein GitHub-Aktualisierungstoken</translation>
    </message>
    <message>
        <source>a GitHub fine-grained personal access token</source>
        <translation>ein feingranulares persönliches GitHub-Zugriffstoken</translation>
    </message>
    <message>
        <source>a GitLab personal access token</source>
        <translation>ein persönliches GitLab-Zugriffstoken</translation>
    </message>
    <message>
        <source>a GitLab deploy token</source>
        <translation>ein GitLab-Deploy-Token</translation>
    </message>
    <message>
        <source>a GitLab runner token</source>
        <translation>ein GitLab-Runner-Token</translation>
    </message>
    <message>
        <source>a GitLab CI/CD job token</source>
        <translation>ein GitLab-CI/CD-Job-Token</translation>
    </message>
    <message>
        <source>a GitLab access token</source>
        <translation>ein GitLab-Zugriffstoken</translation>
    </message>
    <message>
        <source>a Slack bot token</source>
        <translation>ein Slack-Bot-Token</translation>
    </message>
    <message>
        <source>a Slack user token</source>
        <translation>ein Slack-Benutzertoken</translation>
    </message>
    <message>
        <source>a Slack token</source>
        <translation>ein Slack-Token</translation>
    </message>
    <message>
        <source>a Slack app token</source>
        <translation>ein Slack-App-Token</translation>
    </message>
    <message>
        <source>a Slack webhook URL</source>
        <translation>eine Slack-Webhook-URL</translation>
    </message>
    <message>
        <source>a Stripe secret key</source>
        <translation>ein geheimer Stripe-Schlüssel</translation>
    </message>
    <message>
        <source>a Google API key</source>
        <translation>ein Google-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Google OAuth client secret</source>
        <translation>ein Google-OAuth-Client-Geheimnis</translation>
    </message>
    <message>
        <source>an Anthropic API key</source>
        <translation>ein Anthropic-API-Schlüssel</translation>
    </message>
    <message>
        <source>an Anthropic admin API key</source>
        <translation>ein Anthropic-Admin-API-Schlüssel</translation>
    </message>
    <message>
        <source>an Anthropic OAuth token</source>
        <translation>ein Anthropic-OAuth-Token</translation>
    </message>
    <message>
        <source>an OpenAI API key</source>
        <translation>ein OpenAI-API-Schlüssel</translation>
    </message>
    <message>
        <source>an OpenRouter API key</source>
        <translation>ein OpenRouter-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Groq API key</source>
        <translation>ein Groq-API-Schlüssel</translation>
    </message>
    <message>
        <source>an xAI API key</source>
        <translation>ein xAI-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Perplexity API key</source>
        <translation>ein Perplexity-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Replicate API token</source>
        <translation>ein Replicate-API-Token</translation>
    </message>
    <message>
        <source>a Hugging Face access token</source>
        <translation>ein Hugging-Face-Zugriffstoken</translation>
    </message>
    <message>
        <source>a Hugging Face organization token</source>
        <translation>ein Hugging-Face-Organisationstoken</translation>
    </message>
    <message>
        <source>an npm access token</source>
        <translation>ein npm-Zugriffstoken</translation>
    </message>
    <message>
        <source>a PyPI upload token</source>
        <translation>ein PyPI-Upload-Token</translation>
    </message>
    <message>
        <source>a RubyGems API key</source>
        <translation>ein RubyGems-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Docker Hub access token</source>
        <translation>ein Docker-Hub-Zugriffstoken</translation>
    </message>
    <message>
        <source>a private key</source>
        <translation>ein privater Schlüssel</translation>
    </message>
    <message>
        <source>a JSON Web Token</source>
        <translation>ein JSON Web Token</translation>
    </message>
    <message>
        <source>a Twilio API key</source>
        <translation>ein Twilio-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Twilio auth token</source>
        <translation>ein Twilio-Authentifizierungstoken</translation>
    </message>
    <message>
        <source>a SendGrid API key</source>
        <translation>ein SendGrid-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Mailgun API key</source>
        <translation>ein Mailgun-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Shopify access token</source>
        <translation>ein Shopify-Zugriffstoken</translation>
    </message>
    <message>
        <source>a Shopify shared secret</source>
        <translation>ein gemeinsames Shopify-Geheimnis</translation>
    </message>
    <message>
        <source>a HashiCorp Vault service token</source>
        <translation>ein HashiCorp-Vault-Diensttoken</translation>
    </message>
    <message>
        <source>a HashiCorp Vault batch token</source>
        <translation>ein HashiCorp-Vault-Batch-Token</translation>
    </message>
    <message>
        <source>a Terraform Cloud API token</source>
        <translation>ein Terraform-Cloud-API-Token</translation>
    </message>
    <message>
        <source>a DigitalOcean token</source>
        <translation>ein DigitalOcean-Token</translation>
    </message>
    <message>
        <source>a Heroku API key</source>
        <translation>ein Heroku-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Databricks access token</source>
        <translation>ein Databricks-Zugriffstoken</translation>
    </message>
    <message>
        <source>an Azure storage account key</source>
        <translation>ein Azure-Speicherkontoschlüssel</translation>
    </message>
    <message>
        <source>an Azure shared access key</source>
        <translation>ein Azure-Shared-Access-Schlüssel</translation>
    </message>
    <message>
        <source>an Azure AD client secret</source>
        <translation>ein Azure-AD-Client-Geheimnis</translation>
    </message>
    <message>
        <source>an Atlassian API token</source>
        <translation>ein Atlassian-API-Token</translation>
    </message>
    <message>
        <source>a Linear API key</source>
        <translation>ein Linear-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Doppler token</source>
        <translation>ein Doppler-Token</translation>
    </message>
    <message>
        <source>a Pulumi access token</source>
        <translation>ein Pulumi-Zugriffstoken</translation>
    </message>
    <message>
        <source>a Grafana Cloud token</source>
        <translation>ein Grafana-Cloud-Token</translation>
    </message>
    <message>
        <source>a Grafana service account token</source>
        <translation>ein Grafana-Dienstkonto-Token</translation>
    </message>
    <message>
        <source>a New Relic user API key</source>
        <translation>ein New-Relic-Benutzer-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Sentry organization token</source>
        <translation>ein Sentry-Organisationstoken</translation>
    </message>
    <message>
        <source>a Sentry user token</source>
        <translation>ein Sentry-Benutzertoken</translation>
    </message>
    <message>
        <source>a Square access token</source>
        <translation>ein Square-Zugriffstoken</translation>
    </message>
    <message>
        <source>a Square OAuth secret</source>
        <translation>ein Square-OAuth-Geheimnis</translation>
    </message>
    <message>
        <source>a Discord bot token</source>
        <translation>ein Discord-Bot-Token</translation>
    </message>
    <message>
        <source>a Discord webhook URL</source>
        <translation>eine Discord-Webhook-URL</translation>
    </message>
    <message>
        <source>a Telegram bot token</source>
        <translation>ein Telegram-Bot-Token</translation>
    </message>
    <message>
        <source>a Postman API key</source>
        <translation>ein Postman-API-Schlüssel</translation>
    </message>
    <message>
        <source>a Fly.io token</source>
        <translation>ein Fly.io-Token</translation>
    </message>
    <message>
        <source>an age secret key</source>
        <translation>ein geheimer age-Schlüssel</translation>
    </message>
    <message>
        <source>a 1Password service account token</source>
        <translation>ein 1Password-Dienstkonto-Token</translation>
    </message>
    <message>
        <source>a Supabase access token</source>
        <translation>ein Supabase-Zugriffstoken</translation>
    </message>
    <message>
        <source>a PlanetScale token</source>
        <translation>ein PlanetScale-Token</translation>
    </message>
    <message>
        <source>a Notion integration token</source>
        <translation>ein Notion-Integrationstoken</translation>
    </message>
    <message>
        <source>an Alibaba Cloud access key ID</source>
        <translation>eine Alibaba-Cloud-Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>a Dynatrace API token</source>
        <translation>ein Dynatrace-API-Token</translation>
    </message>
    <message>
        <source>a Mapbox secret token</source>
        <translation>ein geheimes Mapbox-Token</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::SecretScanner</name>
    <message>
        <source>base64-encoded</source>
        <translation>base64-kodiert</translation>
    </message>
    <message>
        <source>hex-encoded</source>
        <translation>hexadezimal kodiert</translation>
    </message>
    <message>
        <source>percent-encoded</source>
        <translation>prozentkodiert</translation>
    </message>
    <message>
        <source>Paddock could not finish scanning this request for secrets (%1), so it blocked the request.</source>
        <translation>Paddock konnte diese Anfrage nicht vollständig auf Geheimnisse prüfen (%1) und hat sie deshalb blockiert.</translation>
    </message>
    <message>
        <source>the secret “%1”</source>
        <extracomment>%1 is the name the user gave a secret, such as anthropic-api-key.</extracomment>
        <translation>das Geheimnis „%1“</translation>
    </message>
    <message>
        <source>Paddock blocked this request because its %1 contains %2.</source>
        <extracomment>%1 is where: "URL", "body", "header Authorization"; %2 what: "a GitHub personal access token".</extracomment>
        <translation>Paddock hat diese Anfrage blockiert, weil darin %2 gefunden wurde (Fundort: %1).</translation>
    </message>
    <message>
        <source>Paddock blocked this request because its %1 contains %2, %3.</source>
        <extracomment>%3 is how it was hidden: "base64-encoded", "hex-encoded" or "percent-encoded".</extracomment>
        <translation>Paddock hat diese Anfrage blockiert, weil darin %2 gefunden wurde (%3, Fundort: %1).</translation>
    </message>
    <message>
        <source>Paddock could not build its secret scanner (%1), so it blocks the requests it would scan.</source>
        <translation>Paddock konnte seine Geheimnisprüfung nicht einrichten (%1) und blockiert deshalb die Anfragen, die sie prüfen würde.</translation>
    </message>
    <message>
        <source>The secret “%1” is too short to watch for: it needs at least %2 characters.</source>
        <translation>Das Geheimnis „%1“ ist zu kurz, um danach zu suchen: Es braucht mindestens %2 Zeichen.</translation>
    </message>
    <message>
        <source>The secret “%1” is too long to watch for: it may have at most %2 characters.</source>
        <translation>Das Geheimnis „%1“ ist zu lang, um danach zu suchen: Es darf höchstens %2 Zeichen haben.</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::TlsServerStream</name>
    <message>
        <source>Could not set up TLS interception: %1 (%2).</source>
        <translation>TLS-Abfangen konnte nicht eingerichtet werden: %1 (%2).</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>kein Zertifikat</translation>
    </message>
    <message>
        <source>no TLS context</source>
        <translation>kein TLS-Kontext</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>kein Speicher frei</translation>
    </message>
    <message>
        <source>the certificate for %1 was refused</source>
        <translation>das Zertifikat für %1 wurde abgelehnt</translation>
    </message>
    <message>
        <source>the TLS handshake with the sandbox failed: %1</source>
        <translation>der TLS-Handshake mit der Sandbox ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>a TLS error on the sandbox's connection: %1</source>
        <translation>ein TLS-Fehler auf der Verbindung der Sandbox: %1</translation>
    </message>
    <message>
        <source>could not encrypt for the sandbox: %1</source>
        <translation>konnte nicht für die Sandbox verschlüsseln: %1</translation>
    </message>
</context>
<context>
    <name>Paddock::Proxy::TrustBundle</name>
    <message>
        <source>Paddock found no bundle of trusted certificates on this computer (it looked at %1). Install the package ca-certificates, or set SSL_CERT_FILE to your bundle.</source>
        <translation>Paddock hat auf diesem Rechner keine Sammlung vertrauenswürdiger Zertifikate gefunden (gesucht in %1). Installieren Sie das Paket ca-certificates, oder setzen Sie SSL_CERT_FILE auf Ihre Sammlung.</translation>
    </message>
    <message>
        <source>The certificate for the sandboxes' trust store must be exactly one CA certificate in PEM form and nothing else.</source>
        <translation>Das Zertifikat für den Vertrauensspeicher der Sandboxen muss genau ein CA-Zertifikat im PEM-Format sein und nichts sonst.</translation>
    </message>
    <message>
        <source>Cannot read the bundle of trusted certificates %1: %2.</source>
        <translation>Die Sammlung vertrauenswürdiger Zertifikate %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The bundle of trusted certificates %1 holds no certificate. Reinstall the package ca-certificates, or set SSL_CERT_FILE to your bundle.</source>
        <translation>Die Sammlung vertrauenswürdiger Zertifikate %1 enthält kein Zertifikat. Installieren Sie das Paket ca-certificates neu, oder setzen Sie SSL_CERT_FILE auf Ihre Sammlung.</translation>
    </message>
    <message>
        <source>Cannot save the sandboxes' trusted certificates to %1: %2.</source>
        <translation>Die vertrauenswürdigen Zertifikate der Sandboxen können nicht in %1 gespeichert werden: %2.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::AgentLink</name>
    <message>
        <source>The sandbox's agent link closed.</source>
        <translation>Die Verbindung zum Agenten der Sandbox wurde geschlossen.</translation>
    </message>
    <message>
        <source>The sandbox's agent broke the protocol: %1</source>
        <translation>Der Agent der Sandbox hat das Protokoll verletzt: %1</translation>
    </message>
    <message>
        <source>The sandbox's agent is not ready.</source>
        <translation>Der Agent der Sandbox ist nicht bereit.</translation>
    </message>
    <message>
        <source>The sandbox's agent speaks another protocol (%1).</source>
        <translation>Der Agent der Sandbox spricht ein anderes Protokoll (%1).</translation>
    </message>
    <message>
        <source>The sandbox's agent sent more than its credit allows; the session was ended.</source>
        <translation>Der Agent der Sandbox hat mehr gesendet, als sein Guthaben erlaubt; die Sitzung wurde beendet.</translation>
    </message>
    <message>
        <source>The sandbox's agent sent a bad exit code.</source>
        <translation>Der Agent der Sandbox hat einen ungültigen Exit-Code gesendet.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::BackendAvailability</name>
    <message>
        <source>AppArmor restricts unprivileged user namespaces on this system (Ubuntu 23.10 and later). Allow bubblewrap with an AppArmor profile for /usr/bin/bwrap that has the 'userns' permission (see docs/sandbox.md), or turn the restriction off: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0</source>
        <translation>AppArmor schränkt auf diesem System User-Namespaces ohne Privilegien ein (Ubuntu 23.10 und neuer). Erlauben Sie bubblewrap mit einem AppArmor-Profil für /usr/bin/bwrap, das die Berechtigung „userns“ hat (siehe docs/sandbox.md), oder schalten Sie die Einschränkung ab: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0</translation>
    </message>
    <message>
        <source>The kernel refuses user namespaces to unprivileged users (kernel.unprivileged_userns_clone=0). Turn them on: sudo sysctl -w kernel.unprivileged_userns_clone=1 (and add the line kernel.unprivileged_userns_clone=1 to /etc/sysctl.d/50-paddock.conf to keep it).</source>
        <translation>Der Kernel verweigert Benutzern ohne Privilegien User-Namespaces (kernel.unprivileged_userns_clone=0). Schalten Sie sie ein: sudo sysctl -w kernel.unprivileged_userns_clone=1 (und fügen Sie die Zeile kernel.unprivileged_userns_clone=1 in /etc/sysctl.d/50-paddock.conf ein, damit es so bleibt).</translation>
    </message>
    <message>
        <source>The kernel allows no user namespaces (user.max_user_namespaces=0). Allow them: sudo sysctl -w user.max_user_namespaces=15000 (and add it to /etc/sysctl.d/50-paddock.conf to keep it).</source>
        <translation>Der Kernel erlaubt keine User-Namespaces (user.max_user_namespaces=0). Erlauben Sie sie: sudo sysctl -w user.max_user_namespaces=15000 (und fügen Sie dies in /etc/sysctl.d/50-paddock.conf ein, damit es so bleibt).</translation>
    </message>
    <message>
        <source>bubblewrap (bwrap) is not installed. Install the 'bubblewrap' package.</source>
        <translation>bubblewrap (bwrap) ist nicht installiert. Installieren Sie das Paket „bubblewrap“.</translation>
    </message>
    <message>
        <source>Linux namespaces through bubblewrap.</source>
        <translation>Linux-Namespaces über bubblewrap.</translation>
    </message>
    <message>
        <source>bubblewrap cannot create a sandbox on this system: %1</source>
        <translation>bubblewrap kann auf diesem System keine Sandbox erstellen: %1</translation>
    </message>
    <message>
        <source>QEMU is not installed. Install the 'qemu-system-x86' package.</source>
        <translation>QEMU ist nicht installiert. Installieren Sie das Paket „qemu-system-x86“.</translation>
    </message>
    <message>
        <source>%1 is not usable, so the microVM is emulated: it boots and runs several times slower.</source>
        <translation>%1 ist nicht nutzbar, daher wird die MicroVM emuliert: Sie startet und läuft um ein Mehrfaches langsamer.</translation>
    </message>
    <message>
        <source>QEMU microVM with KVM acceleration.</source>
        <translation>QEMU-MicroVM mit KVM-Beschleunigung.</translation>
    </message>
    <message>
        <source>qemu-img is not installed. Install the 'qemu-utils' package.</source>
        <translation>qemu-img ist nicht installiert. Installieren Sie das Paket „qemu-utils“.</translation>
    </message>
    <message>
        <source>%1 is there, but this processor has no hardware virtualisation (VT-x or AMD-V): it is a software KVM that runs only kernels built for it, so the microVM is emulated: it boots and runs several times slower.</source>
        <translation>%1 ist vorhanden, aber dieser Prozessor hat keine Hardware-Virtualisierung (VT-x oder AMD-V): Es ist ein KVM in Software, das nur eigens dafür gebaute Kernel ausführt. Die MicroVM wird daher emuliert: Sie startet und läuft um ein Mehrfaches langsamer.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::BwrapProcess</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::GuestAgent</name>
    <message>
        <source>The guest agent is connected already.</source>
        <translation>Der Gast-Agent ist bereits verbunden.</translation>
    </message>
    <message>
        <source>Cannot reach the microVM's agent: %1</source>
        <translation>Der Agent der MicroVM ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Cannot serve sessions on %1.</source>
        <translation>Sitzungen können nicht auf %1 angeboten werden.</translation>
    </message>
    <message>
        <source>The sandbox's agent did not become ready within %1 seconds.</source>
        <translation>Der Agent der Sandbox wurde nicht innerhalb von %1 Sekunden bereit.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::GuestImageBuilder</name>
    <message>
        <source>The kernel has no module %1.</source>
        <translation>Der Kernel hat kein Modul %1.</translation>
    </message>
    <message>
        <source>The kernel's module %1 has a missing or circular dependency.</source>
        <translation>Das Kernelmodul %1 hat eine fehlende oder zirkuläre Abhängigkeit.</translation>
    </message>
    <message>
        <source>Downloading %1 %2 and busybox-static %3…</source>
        <translation>%1 %2 und busybox-static %3 werden heruntergeladen …</translation>
    </message>
    <message>
        <source>Unpacking…</source>
        <translation>Entpacken …</translation>
    </message>
    <message>
        <source>%1 holds no single kernel.</source>
        <translation>%1 enthält nicht genau einen Kernel.</translation>
    </message>
    <message>
        <source>Extracting the kernel %1…</source>
        <translation>Der Kernel %1 wird ausgepackt …</translation>
    </message>
    <message>
        <source>No xz-compressed kernel found in vmlinuz-%1.</source>
        <translation>In vmlinuz-%1 wurde kein xz-komprimierter Kernel gefunden.</translation>
    </message>
    <message>
        <source>Building the initramfs…</source>
        <translation>Das initramfs wird gebaut …</translation>
    </message>
    <message>
        <source>Done: %1 and %2.</source>
        <translation>Fertig: %1 und %2.</translation>
    </message>
    <message>
        <source>Another guest image build uses %1; try again when it has finished.</source>
        <translation>Ein anderer Bau des Gast-Images verwendet %1; versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the lock file in %1.</source>
        <translation>Die Sperrdatei in %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Downloading busybox-static %1…</source>
        <translation>busybox-static %1 wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Checking the kernel %1…</source>
        <translation>Der Kernel %1 wird geprüft …</translation>
    </message>
    <message>
        <source>%1 is not a kernel a microVM can boot: it must be an uncompressed vmlinux (ELF) with a PVH entry point (CONFIG_PVH).</source>
        <translation>%1 ist kein Kernel, den eine MicroVM booten kann: Er muss ein unkomprimiertes vmlinux (ELF) mit PVH-Einsprungpunkt (CONFIG_PVH) sein.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::GuestSession</name>
    <message>
        <source>The sandbox is not running (%1).</source>
        <translation>Die Sandbox läuft nicht (%1).</translation>
    </message>
    <message>
        <source>No command to run.</source>
        <translation>Kein Befehl zum Ausführen.</translation>
    </message>
    <message>
        <source>Bad environment variable %1.</source>
        <translation>Ungültige Umgebungsvariable %1.</translation>
    </message>
    <message>
        <source>An argument contains a NUL character.</source>
        <translation>Ein Argument enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The command and its environment are too long.</source>
        <translation>Der Befehl und seine Umgebung sind zu lang.</translation>
    </message>
    <message>
        <source>The sandbox's guest did not take the request.</source>
        <translation>Der Gast der Sandbox hat die Anfrage nicht angenommen.</translation>
    </message>
    <message>
        <source>The sandbox could not start the command: %1</source>
        <translation>Die Sandbox konnte den Befehl nicht starten: %1</translation>
    </message>
    <message>
        <source>The sandbox's guest did not answer as expected.</source>
        <translation>Der Gast der Sandbox hat nicht wie erwartet geantwortet.</translation>
    </message>
    <message>
        <source>The sandbox did not shut down in time.</source>
        <translation>Die Sandbox wurde nicht rechtzeitig heruntergefahren.</translation>
    </message>
    <message>
        <source>The sandbox stopped before the command ended.</source>
        <translation>Die Sandbox wurde gestoppt, bevor der Befehl endete.</translation>
    </message>
    <message>
        <source>The sandbox's guest sent something that is not a session reply.</source>
        <translation>Der Gast der Sandbox hat etwas gesendet, das keine Sitzungsantwort ist.</translation>
    </message>
    <message>
        <source>The sandbox's guest says: %1</source>
        <translation>Der Gast der Sandbox meldet: %1</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::ImageTools</name>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not unpack %1: %2</source>
        <translation>%1 konnte nicht entpackt werden: %2</translation>
    </message>
    <message>
        <source>apt does not know %1 (%2). Run 'apt-get update' first.</source>
        <translation>apt kennt %1 nicht (%2). Zuerst 'apt-get update' ausführen.</translation>
    </message>
    <message>
        <source>apt shows no version of %1.</source>
        <translation>apt zeigt keine Version von %1.</translation>
    </message>
    <message>
        <source>Could not download %1: %2</source>
        <translation>%1 konnte nicht heruntergeladen werden: %2</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::KernelBuilder</name>
    <message>
        <source>%1 is not a Debian kernel package (linux-image-…).</source>
        <translation>%1 ist kein Debian-Kernelpaket (linux-image-…).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Downloading %1 %2 (about 140 MB)…</source>
        <translation>Lade %1 %2 herunter (etwa 140 MB)…</translation>
    </message>
    <message>
        <source>Unpacking Linux's source…</source>
        <translation>Entpacke die Linux-Quellen…</translation>
    </message>
    <message>
        <source>Could not unpack %1: %2</source>
        <translation>%1 konnte nicht entpackt werden: %2</translation>
    </message>
    <message>
        <source>Could not unpack Linux's source: %1</source>
        <translation>Die Linux-Quellen konnten nicht entpackt werden: %1</translation>
    </message>
    <message>
        <source>Configuring the kernel failed: %1</source>
        <translation>Das Konfigurieren des Kernels ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Linux %1 does not take these options of the kernel's config (another option they depend on is missing or off): %2</source>
        <translation>Linux %1 übernimmt diese Optionen der Kernel-Konfiguration nicht (eine Option, von der sie abhängen, fehlt oder ist aus): %2</translation>
    </message>
    <message>
        <source>Could not run make: %1</source>
        <translation>make konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Compiled %1 files…</source>
        <translation>%1 Dateien übersetzt…</translation>
    </message>
    <message>
        <source>Compiling the kernel took more than 90 minutes.</source>
        <translation>Das Übersetzen des Kernels hat länger als 90 Minuten gedauert.</translation>
    </message>
    <message>
        <source>Compiling the kernel failed:
%1</source>
        <translation>Das Übersetzen des Kernels ist fehlgeschlagen:
%1</translation>
    </message>
    <message>
        <source>Paddock's kernel for Linux %1 is there: %2</source>
        <translation>Paddocks Kernel für Linux %1 ist vorhanden: %2</translation>
    </message>
    <message>
        <source>Building the kernel needs these Debian packages: %1. Install them with: sudo apt-get install %1</source>
        <translation>Zum Bauen des Kernels fehlen diese Debian-Pakete: %1. Installieren mit: sudo apt-get install %1</translation>
    </message>
    <message>
        <source>Another kernel build uses %1; try again when it has finished.</source>
        <translation>Ein anderer Kernel-Bau verwendet %1; bitte erneut versuchen, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Building the kernel needs about 3 GB free in %1; there are %2 MB.</source>
        <translation>Zum Bauen des Kernels werden etwa 3 GB freier Platz in %1 gebraucht; frei sind %2 MB.</translation>
    </message>
    <message>
        <source>Configuring Linux %1…</source>
        <translation>Konfiguriere Linux %1…</translation>
    </message>
    <message numerus="yes">
        <source>Compiling the kernel on %n CPU(s) (5 to 12 minutes on two)…</source>
        <translation>
            <numerusform>Übersetze den Kernel auf %n CPU (5 bis 12 Minuten auf zweien)…</numerusform>
            <numerusform>Übersetze den Kernel auf %n CPUs (5 bis 12 Minuten auf zweien)…</numerusform>
        </translation>
    </message>
    <message>
        <source>The kernel built has no PVH entry point; a microVM cannot boot it.</source>
        <translation>Der gebaute Kernel hat keinen PVH-Einsprungpunkt; eine MicroVM kann ihn nicht booten.</translation>
    </message>
    <message>
        <source>Built %1 in %2 minutes.</source>
        <translation>%1 in %2 Minuten gebaut.</translation>
    </message>
    <message>
        <source>The kernel build was stopped; its files were removed.</source>
        <translation>Der Bau des Kernels wurde angehalten; seine Dateien wurden entfernt.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::MicroVmBackend</name>
    <message>
        <source>The sandbox "%1" runs already.</source>
        <translation>Die Sandbox „%1“ läuft bereits.</translation>
    </message>
    <message>
        <source>There is no microVM guest image of this Paddock version yet; build it with 'paddock image build' (it downloads a Debian kernel and busybox).</source>
        <translation>Es gibt noch kein MicroVM-Gast-Image dieser Paddock-Version; erstellen Sie es mit „paddock image build“ (es lädt einen Debian-Kernel und Busybox herunter).</translation>
    </message>
    <message>
        <source>The microVM of "%1" ended: %2</source>
        <translation>Die MicroVM von „%1“ wurde beendet: %2</translation>
    </message>
    <message>
        <source>emulated (slow): /dev/kvm is not usable here</source>
        <translation>emuliert (langsam): /dev/kvm ist hier nicht nutzbar</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Could not copy %1 into the microVM.</source>
        <translation>%1 konnte nicht in die MicroVM kopiert werden.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot make a temporary file: %1</source>
        <translation>Eine temporäre Datei kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The microVM could not bundle its branches.</source>
        <translation>Die MicroVM konnte ihre Zweige nicht bündeln.</translation>
    </message>
    <message>
        <source>The microVM's branches could not be fetched: %1</source>
        <translation>Die Zweige der MicroVM konnten nicht geholt werden: %1</translation>
    </message>
    <message>
        <source>Could not make the disk %1: %2</source>
        <translation>Die Festplatte %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the branches of %1: %2</source>
        <translation>Die Branches von %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the folder is shared over 9p, as virtiofs did not start: %1</source>
        <translation>der Ordner wird über 9p geteilt, da virtiofs nicht startete: %1</translation>
    </message>
    <message>
        <source>The file system holding %1 is full (less than %2 MiB free); free some space and start again.</source>
        <translation>Das Dateisystem mit %1 ist voll (weniger als %2 MiB frei); schaffen Sie Platz und starten Sie erneut.</translation>
    </message>
    <message>
        <source>paused: the file system holding %1 is full; it goes on by itself once there is space again</source>
        <translation>angehalten: Das Dateisystem mit %1 ist voll; es geht von selbst weiter, sobald wieder Platz ist</translation>
    </message>
    <message>
        <source>its system was reset, as the guest image was rebuilt (/workspace and the home folder are kept)</source>
        <translation>sein System wurde zurückgesetzt, da das Gast-Image neu gebaut wurde (/workspace und der Home-Ordner bleiben erhalten)</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::NamespaceBackend</name>
    <message>
        <source>The sandbox "%1" runs already.</source>
        <translation>Die Sandbox „%1“ läuft bereits.</translation>
    </message>
    <message>
        <source>paddock-guest is missing next to paddock (%1).</source>
        <translation>paddock-guest fehlt neben paddock (%1).</translation>
    </message>
    <message>
        <source>limits not applied: %1</source>
        <translation>Grenzen nicht angewendet: %1</translation>
    </message>
    <message>
        <source>Could not start bubblewrap: %1</source>
        <translation>bubblewrap konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The sandbox "%1" ended unexpectedly.</source>
        <translation>Die Sandbox „%1“ wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>Cannot make the sandbox's agent link: %1</source>
        <translation>Die Verbindung zum Agenten der Sandbox kann nicht hergestellt werden: %1</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::PublishedPort</name>
    <message>
        <source>A port is a number from 1 to 65535.</source>
        <translation>Ein Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1:%1 on this computer: %2</source>
        <translation>Auf diesem Computer kann nicht auf 127.0.0.1:%1 gelauscht werden: %2</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::QemuMachine</name>
    <message>
        <source>QEMU stopped unexpectedly (signal or crash).</source>
        <translation>QEMU wurde unerwartet beendet (Signal oder Absturz).</translation>
    </message>
    <message>
        <source>The machine powered off.</source>
        <translation>Die Maschine hat sich ausgeschaltet.</translation>
    </message>
    <message>
        <source>The machine's kernel panicked.</source>
        <translation>Der Kernel der Maschine ist in Panik geraten.</translation>
    </message>
    <message>
        <source>QEMU exited with code %1.</source>
        <translation>QEMU wurde mit Code %1 beendet.</translation>
    </message>
    <message>
        <source>The machine already runs.</source>
        <translation>Die Maschine läuft bereits.</translation>
    </message>
    <message>
        <source>QEMU (%1) could not be started: %2.</source>
        <translation>QEMU (%1) konnte nicht gestartet werden: %2.</translation>
    </message>
    <message>
        <source>QEMU did not start the machine.</source>
        <translation>QEMU hat die Maschine nicht gestartet.</translation>
    </message>
    <message>
        <source>QEMU's QMP did not answer.</source>
        <translation>Die QMP-Schnittstelle von QEMU hat nicht geantwortet.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::QmpClient</name>
    <message>
        <source>QEMU closed its QMP connection.</source>
        <translation>QEMU hat seine QMP-Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>QMP connection failed: %1</source>
        <translation>Die QMP-Verbindung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>QEMU's QMP connection is closed.</source>
        <translation>Die QMP-Verbindung zu QEMU ist geschlossen.</translation>
    </message>
    <message>
        <source>QEMU did not answer %1 within %2 ms.</source>
        <translation>QEMU hat auf %1 nicht innerhalb von %2 ms geantwortet.</translation>
    </message>
    <message>
        <source>QEMU refused QMP capabilities: %1</source>
        <translation>QEMU hat die QMP-Fähigkeiten abgelehnt: %1</translation>
    </message>
    <message>
        <source>QEMU: %1 (%2)</source>
        <translation>QEMU: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::QmpCodec</name>
    <message>
        <source>QEMU sent a message longer than %1 bytes.</source>
        <translation>QEMU hat eine Nachricht von mehr als %1 Bytes gesendet.</translation>
    </message>
    <message>
        <source>QEMU sent something that is not a QMP message (%1).</source>
        <translation>QEMU hat etwas gesendet, das keine QMP-Nachricht ist (%1).</translation>
    </message>
    <message>
        <source>QEMU sent a QMP message of an unknown kind.</source>
        <translation>QEMU hat eine QMP-Nachricht unbekannter Art gesendet.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::ResourceLimits</name>
    <message>
        <source>systemd-run is not installed</source>
        <translation>systemd-run ist nicht installiert</translation>
    </message>
    <message>
        <source>the system does not use the unified cgroup v2 hierarchy</source>
        <translation>das System verwendet nicht die einheitliche cgroup-v2-Hierarchie</translation>
    </message>
    <message>
        <source>systemd did not create a limited scope in time</source>
        <translation>systemd hat nicht rechtzeitig einen begrenzten Scope erstellt</translation>
    </message>
    <message>
        <source>systemd could not create a limited scope (%1)</source>
        <translation>systemd konnte keinen begrenzten Scope erstellen (%1)</translation>
    </message>
    <message>
        <source>no systemd session for this user</source>
        <translation>keine systemd-Sitzung für diesen Benutzer</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::RootImageBuilder</name>
    <message>
        <source>The Debian archive offers no %1 (run 'apt-get update' first).</source>
        <translation>Das Debian-Archiv bietet kein %1 an (führen Sie zuerst „apt-get update“ aus).</translation>
    </message>
    <message>
        <source>Cannot move %1.</source>
        <translation>%1 kann nicht verschoben werden.</translation>
    </message>
    <message>
        <source>Cannot link %1.</source>
        <translation>%1 kann nicht verknüpft werden.</translation>
    </message>
    <message>
        <source>Could not download %1: %2</source>
        <translation>%1 konnte nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>The npm tarball from the registry does not match its checksum; nothing was installed.</source>
        <translation>Das npm-Archiv aus der Registry passt nicht zu seiner Prüfsumme; nichts wurde installiert.</translation>
    </message>
    <message>
        <source>apt cannot install %1: %2</source>
        <translation>apt kann %1 nicht installieren: %2</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n package(s) for the root file system…</source>
        <translation>
            <numerusform>Lade %n Paket für das Wurzeldateisystem herunter…</numerusform>
            <numerusform>Lade %n Pakete für das Wurzeldateisystem herunter…</numerusform>
        </translation>
    </message>
    <message>
        <source>apt could not download: %1</source>
        <translation>apt konnte nicht herunterladen: %1</translation>
    </message>
    <message>
        <source>Unpacking the root file system…</source>
        <translation>Entpacke das Wurzeldateisystem…</translation>
    </message>
    <message>
        <source>Could not unpack %1: %2</source>
        <translation>%1 konnte nicht entpackt werden: %2</translation>
    </message>
    <message>
        <source>Cannot copy busybox into the root file system.</source>
        <translation>Busybox kann nicht in das Wurzeldateisystem kopiert werden.</translation>
    </message>
    <message>
        <source>Making the root file system image…</source>
        <translation>Erstelle das Abbild des Wurzeldateisystems…</translation>
    </message>
    <message>
        <source>mke2fs failed: %1</source>
        <translation>mke2fs ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>A package holds a file whose name has a line break: %1</source>
        <translation>Ein Paket enthält eine Datei mit einem Zeilenumbruch im Namen: %1</translation>
    </message>
    <message>
        <source>debugfs failed: %1</source>
        <translation>debugfs ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot create the folders %1 and %2.</source>
        <translation>Die Ordner %1 und %2 können nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::SandboxManager</name>
    <message>
        <source>The workspace %1 is not a folder.</source>
        <translation>Der Arbeitsbereich %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>A sandbox named "%1" exists already; 'paddock rm %1' removes it.</source>
        <translation>Eine Sandbox namens „%1“ gibt es bereits; „paddock rm %1“ entfernt sie.</translation>
    </message>
    <message>
        <source>There is no sandbox named "%1".</source>
        <translation>Es gibt keine Sandbox namens „%1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" is running; stop it first with 'paddock stop %1'.</source>
        <translation>Die Sandbox „%1“ läuft; stoppen Sie sie zuerst mit „paddock stop %1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" has commits that are not in %2 yet; removing it would lose them. Review and merge them first, or remove it anyway with 'paddock rm --force %1'.</source>
        <translation>Die Sandbox „%1“ hat Commits, die noch nicht in %2 sind; beim Entfernen gingen sie verloren. Prüfen Sie sie und führen Sie sie zuerst zusammen, oder entfernen Sie die Sandbox trotzdem mit „paddock rm --force %1“.</translation>
    </message>
    <message>
        <source>This Paddock process cannot start sandboxes (it has no proxy).</source>
        <translation>Dieser Paddock-Prozess kann keine Sandboxen starten (er hat keinen Proxy).</translation>
    </message>
    <message>
        <source>The workspace of "%1" (%2) is gone; remove the sandbox with 'paddock rm %1'.</source>
        <translation>Der Arbeitsbereich von „%1“ (%2) ist verschwunden; entfernen Sie die Sandbox mit „paddock rm %1“.</translation>
    </message>
    <message>
        <source>Cannot create the runtime folder %1.</source>
        <translation>Der Laufzeitordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The sandbox "%1" did not start: %2</source>
        <translation>Die Sandbox „%1“ ist nicht gestartet: %2</translation>
    </message>
    <message>
        <source>The sandbox "%1" is not running.</source>
        <translation>Die Sandbox „%1“ läuft nicht.</translation>
    </message>
    <message>
        <source>No command to run.</source>
        <translation>Kein Befehl zum Ausführen.</translation>
    </message>
    <message>
        <source>The microVM disk of "%1" may hold commits that were not brought back; start and stop it once to bring them back, or remove it anyway with 'paddock rm --force %1'.</source>
        <translation>Die MicroVM-Festplatte von „%1“ enthält womöglich Commits, die nicht zurückgeholt wurden; starten und stoppen Sie sie einmal, um sie zurückzuholen, oder entfernen Sie sie trotzdem mit „paddock rm --force %1“.</translation>
    </message>
    <message>
        <source>The sandbox "%1" stopped, but its branches could not be brought back for review: %2</source>
        <translation>Die Sandbox „%1“ wurde gestoppt, aber ihre Zweige konnten nicht zur Durchsicht zurückgeholt werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the agent's home %1.</source>
        <translation>Das Home-Verzeichnis des Agenten %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>CPU, memory and disk sizes must be positive.</source>
        <translation>CPU-, Speicher- und Festplattengrößen müssen positiv sein.</translation>
    </message>
    <message>
        <source>A disk size is for microVMs; a namespace sandbox works on your own disk.</source>
        <translation>Eine Festplattengröße gilt nur für MicroVMs; eine Namespace-Sandbox arbeitet auf Ihrer eigenen Festplatte.</translation>
    </message>
    <message>
        <source>The branches of "%1" could not be brought back for review: %2</source>
        <translation>Die Branches von „%1“ konnten nicht zur Prüfung zurückgeholt werden: %2</translation>
    </message>
    <message>
        <source>The sandbox "%1" is starting; try again once it has started.</source>
        <translation>Die Sandbox „%1“ startet gerade; versuchen Sie es erneut, sobald sie gestartet ist.</translation>
    </message>
    <message>
        <source>Port %1 of "%2" is not published.</source>
        <translation>Port %1 von „%2“ ist nicht veröffentlicht.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::SeccompFilter</name>
    <message>
        <source>Could not build the sandbox's system call filter.</source>
        <translation>Der Systemaufruf-Filter der Sandbox konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Could not store the sandbox's system call filter: %1.</source>
        <translation>Der Systemaufruf-Filter der Sandbox konnte nicht gespeichert werden: %1.</translation>
    </message>
    <message>
        <source>Could not export the sandbox's system call filter.</source>
        <translation>Der Systemaufruf-Filter der Sandbox konnte nicht exportiert werden.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::SystemDisk</name>
    <message>
        <source>qemu-img is not installed, and a microVM's system disk is made with it. Install the 'qemu-utils' package.</source>
        <translation>qemu-img ist nicht installiert, und damit wird die Systemplatte einer MicroVM angelegt. Installieren Sie das Paket „qemu-utils“.</translation>
    </message>
    <message>
        <source>Cannot make the system disk %1: %2</source>
        <translation>Die Systemplatte %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::VirtioFsDaemon</name>
    <message>
        <source>unshare (util-linux) is not installed.</source>
        <translation>unshare (util-linux) ist nicht installiert.</translation>
    </message>
    <message>
        <source>Cannot listen on %1.</source>
        <translation>Auf %1 kann nicht gelauscht werden.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>virtiofsd did not start: %1</source>
        <translation>virtiofsd startete nicht: %1</translation>
    </message>
</context>
</TS>

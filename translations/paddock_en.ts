<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Paddock::App::BranchListModel</name>
    <message numerus="yes">
        <source>%n ahead</source>
        <translation>
            <numerusform>%n ahead</numerusform>
            <numerusform>%n ahead</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blocked</numerusform>
            <numerusform>%n blocked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s) caught</source>
        <translation>
            <numerusform>%n secret caught</numerusform>
            <numerusform>%n secrets caught</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) through the proxy:</source>
        <translation>
            <numerusform>%n request through the proxy:</numerusform>
            <numerusform>%n requests through the proxy:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more host(s)</source>
        <translation>
            <numerusform>and %n more host</numerusform>
            <numerusform>and %n more hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The secret scanner stopped %n request(s) carrying a secret.</source>
        <translation>
            <numerusform>The secret scanner stopped %n request carrying a secret.</numerusform>
            <numerusform>The secret scanner stopped %n requests carrying a secret.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::DiffView</name>
    <message numerus="yes">
        <source>%1 … (%n more characters)</source>
        <translation>
            <numerusform>%1 … (%n more character)</numerusform>
            <numerusform>%1 … (%n more characters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::MergeDialog</name>
    <message numerus="yes">
        <source>Merge the %n commit(s) of %1 into one of your branches. Nothing is changed if the merge would conflict.</source>
        <translation>
            <numerusform>Merge the %n commit of %1 into one of your branches. Nothing is changed if the merge would conflict.</numerusform>
            <numerusform>Merge the %n commits of %1 into one of your branches. Nothing is changed if the merge would conflict.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::PolicyEditor</name>
    <message numerus="yes">
        <source>%1 (%n rules)</source>
        <translation>
            <numerusform>%1 (%n rule)</numerusform>
            <numerusform>%1 (%n rules)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) cannot be read: correct or remove them before saving.</source>
        <translation>
            <numerusform>%n rule cannot be read: correct or remove it before saving.</numerusform>
            <numerusform>%n rules cannot be read: correct or remove them before saving.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved. The %n running sandbox(es) use the new rules from their next request.</source>
        <translation>
            <numerusform>Saved. The %n running sandbox uses the new rules from its next request.</numerusform>
            <numerusform>Saved. The %n running sandboxes use the new rules from their next request.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) cannot be read: correct or remove them before exporting.</source>
        <translation>
            <numerusform>%n rule cannot be read: correct or remove it before exporting.</numerusform>
            <numerusform>%n rules cannot be read: correct or remove them before exporting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n rule(s) from %1; save to keep them.</source>
        <translation>
            <numerusform>Imported %n rule from %1; save to keep it.</numerusform>
            <numerusform>Imported %n rules from %1; save to keep them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewCommand</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Network: %n request(s)</source>
        <translation>
            <numerusform>Network: %n request</numerusform>
            <numerusform>Network: %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) reached</source>
        <translation>
            <numerusform>%n host reached</numerusform>
            <numerusform>%n hosts reached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blocked</numerusform>
            <numerusform>%n blocked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s) caught</source>
        <translation>
            <numerusform>%n secret caught</numerusform>
            <numerusform>%n secrets caught</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::ReviewPage</name>
    <message numerus="yes">
        <source>%n commit(s) ahead</source>
        <translation>
            <numerusform>%n commit ahead</numerusform>
            <numerusform>%n commits ahead</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n behind</source>
        <translation>
            <numerusform>, %n behind</numerusform>
            <numerusform>, %n behind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s) for the agent</source>
        <translation>
            <numerusform>%n comment for the agent</numerusform>
            <numerusform>%n comments for the agent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n comment(s) to %1: they are in %2 in its workspace, and its agent is asked to read them if it runs in a pane.</source>
        <translation>
            <numerusform>Sent %n comment to %1: it is in %2 in its workspace, and its agent is asked to read it if it runs in a pane.</numerusform>
            <numerusform>Sent %n comments to %1: they are in %2 in its workspace, and its agent is asked to read them if it runs in a pane.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::TerminalPane</name>
    <message numerus="yes">
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blocked</numerusform>
            <numerusform>%n blocked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) into the scrollback</source>
        <translation>
            <numerusform>%Ln line into the scrollback</numerusform>
            <numerusform>%Ln lines into the scrollback</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::App::TrayIcon</name>
    <message numerus="yes">
        <source>%n sandbox(es) running</source>
        <translation>
            <numerusform>%n sandbox running</numerusform>
            <numerusform>%n sandboxes running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::Core::BranchReview</name>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <extracomment>the summary line of a diffstat</extracomment>
        <translation>
            <numerusform>%n file changed</numerusform>
            <numerusform>%n files changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n insertion(s)(+)</source>
        <translation>
            <numerusform>%n insertion(+)</numerusform>
            <numerusform>%n insertions(+)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deletion(s)(-)</source>
        <translation>
            <numerusform>%n deletion(-)</numerusform>
            <numerusform>%n deletions(-)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sandbox's branch is larger than Paddock imports (%n objects so far); nothing was merged. Look at it in the sandbox.</source>
        <translation>
            <numerusform>The sandbox's branch is larger than Paddock imports (%n object so far); nothing was merged. Look at it in the sandbox.</numerusform>
            <numerusform>The sandbox's branch is larger than Paddock imports (%n objects so far); nothing was merged. Look at it in the sandbox.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::Core::SecretStore</name>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s). If it asks for a password, unlock it and try again.</source>
        <translation>
            <numerusform>The keychain did not answer within %n second. If it asks for a password, unlock it and try again.</numerusform>
            <numerusform>The keychain did not answer within %n seconds. If it asks for a password, unlock it and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::KernelBuilder</name>
    <message numerus="yes">
        <source>Compiling the kernel on %n CPU(s) (5 to 12 minutes on two)…</source>
        <translation><numerusform>Compiling the kernel on %n CPU (5 to 12 minutes on two)…</numerusform><numerusform>Compiling the kernel on %n CPUs (5 to 12 minutes on two)…</numerusform></translation>
    </message>
</context>
<context>
    <name>Paddock::Vm::RootImageBuilder</name>
    <message numerus="yes">
        <source>Downloading %n package(s) for the root file system…</source>
        <translation><numerusform>Downloading %n package for the root file system…</numerusform><numerusform>Downloading %n packages for the root file system…</numerusform></translation>
    </message>
</context>
</TS>
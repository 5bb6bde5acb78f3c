#pragma once

#include "core/policymatcher.h"
#include "core/policyrule.h"
#include "proxy/decisionevent.h"

#include <QCoreApplication>
#include <QList>

namespace Paddock::App {

// The rules a network log row suggests, narrowest first. Each one parses and matches that very request;
// a row whose host or port is not valid (a malformed request) suggests none.
class RuleProposal
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::RuleProposal)

public:
    struct Candidate
    {
        QString rule;        // e.g. "allow GET api.example.com:443/v1/models"
        QString description; // what it covers, for the user
    };

    static QList<Candidate> candidates(const Proxy::DecisionEvent &event, Core::PolicyRule::Action action);
    // True when the rule, alone, would decide the request: it names its host, port, method and path.
    static bool matches(const Core::PolicyRule &rule, const Proxy::DecisionEvent &event);
    // The request as the proxy put it to the policy; nullopt when the row's host or port is not valid.
    static std::optional<Core::PolicyRequest> requestOf(const Proxy::DecisionEvent &event);
};

} // namespace Paddock::App

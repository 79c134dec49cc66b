ruleset org.picomesh.test.joiner {
  meta {
    description <<
      A pico's own code using the market: on joiner:join it installs org.picomesh.market in itself and schedules
      market:join_requested (with the policy it is given) at once: an event raised while the ruleset is being installed
      does not reach the new ruleset's rules (0.48.1 picks the rules for the whole event before the install), a
      scheduled one is an event of its own. On joiner:move it raises market:move_requested.
    >>
  }
  rule join {
    select when joiner join
    pre {
      policy = event:attr("policy").defaultsTo("")
    }
    always {
      raise wrangler event "install_rulesets_requested" attributes {"rids": "org.picomesh.market"};
      schedule market event "join_requested" at time:now() attributes {"policy": policy}
    }
  }
  rule move {
    select when joiner move
    pre {
      to = event:attr("to").defaultsTo("")
    }
    always {
      raise market event "move_requested" attributes {"to": to}
    }
  }
}

ruleset org.picomesh.market {
  meta {
    name "picomesh market"
    description <<
      Installed in a pico by its engine agent (engine-agent pico enroll): the pico's identity in the picomesh market.
      Its market key (the secp256k1 key of the pico's account, which the escrow keys its lease by) is kept in this
      ruleset's entity variables, so that it travels with the pico, sealed, when it moves. No function shares the key
      and no rule answers with it: only the agent hosting the pico reads it, from the root pico, on loopback. The
      address and the DID it gives are public facts, shared here, and so are the pico's placement policy and its last
      50 placement decisions, which travel with it too.
      The engine's agent gives its loopback URL and its engine id to the root pico's copy of this ruleset (app
      variables: they stay on the engine and never travel), so that a pico reaches the agent of the engine it is on.
    >>
    shares address, did, policy, decisions
  }
  global {
    address = function() {
      ent:address
    }
    did = function() {
      ent:did
    }
    // the placement policy as its owner gave it (the agent validated it), or null
    policy = function() {
      ent:policy
    }
    // newest first: {at, kind (stayed, moved, move-requested), from, to, reason, source (directory or chain)}
    decisions = function() {
      ent:decisions.defaultsTo([])
    }
    // newest first, the last 50 (slice answers [] when its end is past the array's)
    kept = function(list, entry) {
      all = [entry].append(list.defaultsTo([]));
      all.length() > 50 => all.slice(0, 49) | all
    }
    attrText = function(name) {
      v = event:attr(name);
      v.isnull() => "" | v.typeof() == "String" => v | v.encode()
    }
  }
  // Write-once: a key given again (a retried enroll), or by anyone else afterwards, changes nothing. The agent reads
  // the key back from the root pico and checks that it is its own before the pico uses it. The front door refuses
  // events of the picomesh domain: only the agent (on loopback) and the engine's own picos can send this one.
  rule market_key_given {
    select when picomesh market_key_given
    pre {
      key = event:attr("key").defaultsTo("")
      address = event:attr("address").defaultsTo("")
      did = event:attr("did").defaultsTo("")
      wellFormed = key.match(re#^0x[0-9a-f]{64}$#) && address.match(re#^0x[0-9a-f]{40}$#)
        && did.match(re#^did:pkh:eip155:[0-9]{1,18}:0x[0-9a-f]{40}$#)
    }
    if ent:market_key.isnull() && wellFormed then
      send_directive("market_key_kept", {"address": address})
    fired {
      ent:market_key := key;
      ent:address := address;
      ent:did := did
    }
  }
  // On the root pico only (the front door refuses its ECIs and the picomesh domain): where this engine's agent is.
  rule agent_given {
    select when picomesh agent_given
    pre {
      url = event:attr("url").defaultsTo("")
      engine = event:attr("engine_id").defaultsTo("")
    }
    if url.match(re#^http://127[.]0[.]0[.]1:[0-9]{1,5}$#) && engine.match(re#^[0-9]{1,18}$#) then
      send_directive("agent_kept", {"url": url})
    fired {
      app:agent_url := url;
      app:engine_id := engine
    }
  }
  // The owner (through the front door) gives a policy: the agent validates it; a refused one leaves the old in place.
  rule policy_given {
    select when market policy_given
    pre {
      text = attrText("policy")
    }
    if not app:agent_url.isnull() then
      http:post(app:agent_url + "/admin/market/policy-check", json = {"policy": text}) setting(answer)
    fired {
      ent:policy_check := answer{"content"}.decode();
      ent:policy := ent:policy_check{"valid"} == true => text.decode() | ent:policy
    } else {
      ent:policy_check := {"valid": false, "message": "this engine's agent has not reached the pico yet"}
    }
  }
  rule policy_answered {
    select when market policy_given
    send_directive("policy", ent:policy_check)
  }
  // The agent, for the command line (engine-agent pico policy): the policy it validated.
  rule policy_set {
    select when picomesh policy_set
    send_directive("policy_kept")
    fired {
      ent:policy := event:attr("policy").decode()
    }
  }
  // The agent records each placement decision it takes for the pico: it travels with the pico.
  rule decision_made {
    select when picomesh decision_made
    pre {
      entry = {
        "at": event:attr("at").defaultsTo("").substr(0, 40),
        "kind": event:attr("kind").defaultsTo("").substr(0, 20),
        "from": event:attr("from").defaultsTo("").substr(0, 20),
        "to": event:attr("to").defaultsTo("").substr(0, 20),
        "reason": event:attr("reason").defaultsTo("").substr(0, 300),
        "source": event:attr("source").defaultsTo("").substr(0, 20)
      }
    }
    send_directive("decision_kept")
    fired {
      ent:decisions := kept(ent:decisions, entry)
    }
  }
  // "Move me": recorded here, then the agent evaluates the pico's policy (it answers at once and decides after).
  rule move_requested {
    select when market move_requested
    pre {
      to = attrText("to")
      wanted = to.match(re#^[0-9]{1,18}$#) => to | ""
    }
    if not app:agent_url.isnull() then
      http:post(app:agent_url + "/admin/market/move-requests", json = {"did": ent:did, "to": wanted}) setting(answer)
    fired {
      ent:decisions := kept(ent:decisions, {"at": time:now(), "kind": "move-requested",
        "from": app:engine_id.defaultsTo(""), "to": wanted, "reason": "the pico asked to move"});
      ent:move_answer := answer{"content"}.decode()
    } else {
      ent:move_answer := {"accepted": false, "message": "this engine's agent has not reached the pico yet"}
    }
  }
  rule move_answered {
    select when market move_requested
    send_directive("move", ent:move_answer)
  }
  // "Where would I go, and why?": the agent ranks the engines for this pico's policy, from the chain and its probes.
  rule where_asked {
    select when market where_asked
    if not app:agent_url.isnull() then
      http:post(app:agent_url + "/admin/market/where", json = {"did": ent:did, "policy": ent:policy.encode()})
        setting(answer)
    fired {
      ent:where_answer := answer{"content"}.decode()
    } else {
      ent:where_answer := {"message": "this engine's agent has not reached the pico yet"}
    }
  }
  rule where_answered {
    select when market where_asked
    send_directive("where", ent:where_answer)
  }
  // A pico asks to join the market (its owner installed this ruleset): the agent enrols it, after answering.
  rule join_requested {
    select when market join_requested
    if not app:agent_url.isnull() && ent:market_key.isnull() then
      http:post(app:agent_url + "/admin/market/join-requests", json = {"eci": meta:eci, "policy": attrText("policy")})
        setting(answer)
    fired {
      ent:join_answer := answer{"content"}.decode()
    } else {
      ent:join_answer := {"accepted": false, "message": ent:market_key.isnull()
        => "this engine's agent has not reached the pico yet" | "already enrolled"}
    }
  }
  rule join_answered {
    select when market join_requested
    send_directive("join", ent:join_answer)
  }
}

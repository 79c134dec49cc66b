ruleset org.picomesh.mover {
  meta {
    name "picomesh mover"
    description <<
      Installed on the root pico by the picomesh engine agent: what moving a pico between engines needs and
      pico-engine 0.48.1 offers only in KRL (engine:exportPico, engine:importPico, engine:setPicoStatus), plus what
      the export leaves out (the picos' installed rulesets, which 0.48.1 exports wrongly for children, and their
      scheduled events). Only the agent reaches the root pico: the engine listens on loopback behind it.
      Every rule and shared function acts only for the agent (see fromAgent): every hosted pico descends from the
      root and holds a channel to its parent (wrangler's parent_eci), and any pico may install this ruleset.
    >>
    shares picoOf, holders, layout, treeEcis, treeEcisOf, snapshot, carried, entvar, outline, enabledRulesets
  }
  global {
    // Whether the event or query is the agent's: it arrived at the root pico on the root's admin channel, the one the
    // engine names at /api/root-eci (on loopback, behind the agent's front door, which forwards nothing to the
    // root). A child of the root reaches it through the channel wrangler made for it instead, and a pico that installed
    // this ruleset is no root; both are refused, so neither can mark picos, import, remove or install, nor forge a
    // delivery's sequence, nor read a snapshot. A ruleset calling engine:* itself is not stopped by this: see
    // package-info of org.picomesh.agent.picoengine.
    fromAgent = function() {
      engine:getParent(meta:picoId).isnull() && meta:eci == engine:getAdminECI(meta:picoId)
    }
    // the pico and its descendants, each before its children; none for an unknown pico
    tree = function(id) {
      engine:getAdminECI(id).isnull() => [] |
        [id].append(engine:listChildren(id).map(function(c) { tree(c) }).reduce(function(a, b) { a.append(b) }, []))
    }
    eciList = function(ids) {
      ids.map(function(id) {
        engine:listChannels(id).map(function(c) { c{"id"} })
      }).reduce(function(a, b) { a.append(b) }, [])
    }
    schedulesOf = function(ids) {
      ecis = eciList(ids);
      schedule:list().filter(function(s) { ecis >< s{["event", "eci"]} })
    }
    picoOfUnfenced = function(eci) {
      id = engine:getPicoIDByECI(eci);
      id.isnull() => null | {
        "id": id,
        "parent": engine:getParent(id),
        "admin": engine:getAdminECI(id),
        "ecis": eciList([id]),
        "status": engine:getPicoStatus(id),
        "children": engine:listChildren(id),
        "installed": engine:listInstalledRIDs(id)
      }
    }
    picoOf = function(eci) {
      fromAgent() => picoOfUnfenced(eci) | null
    }
    // ecis: a JSON array of ECIs; answers each one's pico id, "" for none
    holdersUnfenced = function(ecis) {
      ecis.decode().reduce(function(m, e) { m.put([e], engine:getPicoIDByECI(e).defaultsTo("")) }, {})
    }
    holders = function(ecis) {
      fromAgent() => holdersUnfenced(ecis) | {}
    }
    // the ids of the rulesets this engine has enabled: a snapshot carrying another one would register its source here
    enabledRulesets = function() {
      fromAgent() => engine:listAllEnabledRIDs() | []
    }
    // every channel of the pico and its descendants, the pico's first; none for an unknown pico
    treeEcisUnfenced = function(pico_id) {
      eciList(tree(pico_id))
    }
    treeEcis = function(pico_id) {
      fromAgent() => treeEcisUnfenced(pico_id) | []
    }
    // the same for the pico holding the ECI: a move's first step names the pico by its admin ECI, and one query
    // answers it (a lookup of the pico's id first cost a round trip)
    treeEcisOf = function(eci) {
      id = engine:getPicoIDByECI(eci);
      not fromAgent() || id.isnull() => [] | eciList(tree(id))
    }
    // those not due yet (an "at" ahead of now, or a repeating one): one due now fires before the tree leaves, or
    // is dropped by the engine; carrying it too could run it twice
    notDue = function(schedules) {
      now = time:now();
      schedules.filter(function(s) { s{"at"}.isnull() || s{"at"} > now })
    }
    // the scheduled events kept for the pico when it left (rule leave_carried), as a JSON array; [] for none
    carried = function(pico_id) {
      (fromAgent() => ent:carried{pico_id}.defaultsTo([]) | []).encode()
    }
    // the tree without its state: each pico's id and installed rulesets by admin ECI, the scheduled events
    layoutUnfenced = function(pico_id) {
      ids = tree(pico_id);
      {
        "ids": ids.reduce(function(m, id) { m.put([engine:getAdminECI(id)], id) }, {}),
        "installed": ids.reduce(function(m, id) { m.put([engine:getAdminECI(id)], engine:listInstalledRIDs(id)) }, {}),
        "schedules": schedulesOf(ids)
      }
    }
    layout = function(pico_id) {
      fromAgent() => layoutUnfenced(pico_id) | null
    }
    // 0.48.1's export reads a Map entvar and each of its members concurrently and sets both into the result in
    // whichever order they come: sometimes it adds a spurious member "value" (a map of the members' own "value"
    // fields, mostly empty). Importing that would add the member to the pico's state: it is dropped here.
    cleanVar = function(v) {
      spurious = v.typeof() == "Map" && v{"value"}.typeof() == "Map"
        && v{"value"}.keys().all(function(k) { k != "value" && v >< k });
      spurious => v.delete(["value"]) | v
    }
    cleanPico = function(p) {
      p.put(["entvars"], p{"entvars"}.defaultsTo({}).map(function(vars) { vars.map(function(v) { cleanVar(v) }) }))
       .put(["children"], p{"children"}.defaultsTo([]).map(function(c) { cleanPico(c) }))
    }
    cleanExport = function(e) {
      e.put(["pico"], cleanPico(e{"pico"}))
    }
    // One entity variable of a pico's ruleset (its private state, such as the market key of org.picomesh.market),
    // read from its export here, so that only that value crosses loopback and nothing of it the pico's channels;
    // null for an unknown pico or variable
    entvarUnfenced = function(pico_id, rid, name) {
      engine:getAdminECI(pico_id).isnull() => null | engine:exportPico(pico_id){["pico", "entvars", rid, name]}
    }
    entvar = function(pico_id, rid, name) {
      fromAgent() => entvarUnfenced(pico_id, rid, name) | null
    }
    // What a delivery of a held event comes to (see rule deliver): the attributes name the pico's ECI and the
    // event's sequence number in the agent's queue in the request's headers, which the engine puts in the attribute
    // _headers over anything of the same name the event's own query or body may hold
    delivery = function(a) {
      h = a{"_headers"}.defaultsTo({});
      {"eci": h{"picomesh-eci"}, "eid": h{"picomesh-eid"}, "domain": h{"picomesh-domain"},
        "type": h{"picomesh-type"}, "seq": h{"picomesh-seq"}}
    }
    deliveryOutcome = function(d) {
      id = engine:getPicoIDByECI(d{"eci"});
      status = id.isnull() => {} | engine:getPicoStatus(id);
      id.isnull() => "unknown"
        | d{"seq"} == ent:delivered{id} => "duplicate"
        | status{"movedToHost"} => "moved"
        | status{"isLeaving"} => "leaving"
        | "sent"
    }
    // The held event's own attributes: the request's query and body, as the engine read them
    deliveredAttrs = function(a) {
      a.delete(["_headers"])
    }
    // The snapshot document: see org.picomesh.agent.picoengine.Snapshot. carried: a JSON array of the tree's scheduled
    // events as the agent read them before marking it leaving; those the engine dropped since (due while leaving)
    // travel with the ones it still holds.
    snapshot = function(pico_id, carried) {
      fromAgent() => snapshotOf(pico_id, carried.isnull() || carried == "" => [] | carried.decode()) | null
    }
    snapshotOf = function(pico_id, given) {
      ids = tree(pico_id);
      current = schedulesOf(ids);
      known = current.map(function(s) { s{"id"} });
      ids.length() == 0 => null | {
        "picomesh": 1,
        "installed": ids.reduce(function(m, id) { m.put([engine:getAdminECI(id)], engine:listInstalledRIDs(id)) }, {}),
        "schedules": given.filter(function(s) { not (known >< s{"id"}) }).append(current),
        "export": cleanExport(engine:exportPico(pico_id))
      }
    }
    // RFC 8785's form of a JSON value: names sorted by UTF-16 code units (JavaScript's string order), strings and
    // numbers as JSON.stringify writes them, which is what RFC 8785 asks. The agent computes the same from a snapshot.
    canonical = function(v) {
      t = v.typeof();
      t == "Map" => "{" + v.keys().sort().map(function(k) { k.encode() + ":" + canonical(v{k}) }).join(",") + "}"
        | t == "Array" => "[" + v.map(function(x) { canonical(x) }).join(",") + "]"
        | v.encode()
    }
    // The outline of an exported pico, cleaned as a snapshot is (cleanVar) one entvar at a time: cleanPico's puts
    // would copy the whole tree's state twice per pico (KRL's put clones deeply) before any digest is taken.
    outlineOf = function(p) {
      {
        "id": p{"id"},
        "admin_eci": p{"admin_eci"},
        "channels": p{"channels"}.defaultsTo({}).keys().reduce(function(m, e) {
          m.put([e], engine:getPicoIDByECI(e).defaultsTo(""))
        }, {}),
        "rulesets": p{"rulesets"}.defaultsTo([]),
        "entvars": p{"entvars"}.defaultsTo({}).map(function(vars) {
          vars.map(function(v) { math:hash("sha256", canonical(cleanVar(v))) })
        }),
        "state_machine": p{"state_machine"}.defaultsTo({}).keys(),
        "children": p{"children"}.defaultsTo([]).map(function(c) { outlineOf(c) })
      }
    }
    // What the agent's check of an import needs, computed here so that the tree's state does not cross loopback a
    // second time: each pico's id, admin ECI, channels (each to the id of the pico that holds it now), rulesets, state
    // machine's rulesets and children, a SHA-256 of each entity variable's RFC 8785 form (as exported, then cleaned
    // like a snapshot); the installed rulesets and the scheduled events. null for an unknown pico.
    outlineUnfenced = function(pico_id) {
      ids = tree(pico_id);
      ids.length() == 0 => null | {
        "installed": ids.reduce(function(m, id) { m.put([engine:getAdminECI(id)], engine:listInstalledRIDs(id)) }, {}),
        "schedules": schedulesOf(ids),
        "pico": outlineOf(engine:exportPico(pico_id){"pico"})
      }
    }
    outline = function(pico_id) {
      fromAgent() => outlineUnfenced(pico_id) | null
    }
  }
  // A move's target imports in one episode, one call (rules import, import_unrestore, import_repair, import_answer:
  // the engine runs an event's rules in order, each seeing what the earlier ones did, and answers the directives of
  // all of them). Rule import imports and marks the new pico leaving, so no event reaches it in between.
  rule import {
    select when picomesh import_requested
    pre {
      snapshot = event:attr("snapshot").decode()
    }
    if fromAgent() then every {
      engine:importPico(event:attr("parent_id"), snapshot{"export"}) setting(id);
      engine:setPicoStatus(id, true, null);
    }
  }
  // "rulesets": a JSON map, each imported pico's admin ECI to the rulesets it had at export (see the agent's
  // RulesetRepair: 0.48.1's export loses those a child shares with its parent). The helper ruleset of a schedule
  // restore cut short is never one of them: it goes.
  rule import_unrestore {
    select when picomesh import_requested
    foreach (fromAgent() => event:attr("rulesets").defaultsTo("{}").decode().keys() | []) setting(admin)
    pre {
      id = engine:getPicoIDByECI(admin);
    }
    if not id.isnull() && engine:listInstalledRIDs(id) >< "org.picomesh.restore" then
      engine:uninstallRuleset(id, "org.picomesh.restore");
  }
  // Installs in each imported pico the rulesets it had that the import missed; a directive "repaired" names them.
  rule import_repair {
    select when picomesh import_requested
    foreach (fromAgent() => event:attr("rulesets").defaultsTo("{}").decode() | {}) setting(rids, admin)
    pre {
      id = engine:getPicoIDByECI(admin);
      missing = id.isnull() => [] | rids.difference(engine:listInstalledRIDs(id));
    }
    if missing.length() > 0 then every {
      engine:installRuleset(id, missing);
      send_directive("repaired", {"admin_eci": admin, "rids": missing});
    }
  }
  // The answer: the new pico as picoOf gives it and its tree's outline (see outline; it holds the layout's installed
  // rulesets and scheduled events too), read from the engine after the repair, so the agent checks the import without
  // asking again. "admin_eci": the snapshot's root's.
  rule import_answer {
    select when picomesh import_requested
    pre {
      admin = event:attr("admin_eci").defaultsTo("");
      id = fromAgent() => engine:getPicoIDByECI(admin) | null;
    }
    if not id.isnull() then
      send_directive("imported", {"id": id, "pico": picoOfUnfenced(admin), "outline": outlineUnfenced(id)});
  }
  // A move's source takes the tree off this engine in one episode (rules leave_carried, then leave; see
  // PicoEngine.leave): the tree's scheduled events not due yet are kept here for the pico before the engine marks it
  // leaving (after which 0.48.1 drops one that falls due), unless it is leaving already: the step taken again after a
  // crash carries what was read the first time, not what the engine kept of it. They are kept until the pico runs
  // again (rule status) or goes (rule remove).
  rule leave_carried {
    select when picomesh leave_requested
    pre {
      id = engine:getPicoIDByECI(event:attr("eci"));
      leaving = id.isnull() => true | engine:getPicoStatus(id){"isLeaving"};
    }
    if fromAgent() && not leaving then noop();
    fired {
      ent:carried{id} := notDue(schedulesOf(tree(id)))
    }
  }
  // Marks the tree leaving and answers its snapshot (see rule snapshot) as the answer's body itself (the engine's
  // "_txt" directive): the bytes a query of snapshot gives, without a second round trip. "carried" (a JSON array, may
  // be empty) serves only when nothing was kept here, as for a move an older agent began.
  rule leave {
    select when picomesh leave_requested
    pre {
      id = engine:getPicoIDByECI(event:attr("eci"));
      given = event:attr("carried").isnull() || event:attr("carried") == "" => [] | event:attr("carried").decode();
    }
    if fromAgent() && not id.isnull() then every {
      engine:setPicoStatus(id, true, null);
      send_directive("_txt", {"content": snapshotOf(id, ent:carried{id}.defaultsTo(given)).encode()});
    }
  }
  // Delivers an event the agent's front door held to a pico on this engine, once per sequence number: the agent
  // sends each held event here (its own query and body; the pico's ECI, the event's id, domain, type and sequence in
  // Picomesh-* headers) until it has an answer, and the sequence is recorded in the same episode that sends it on;
  // so an agent that died between this
  // answer and its own record of it sends it again and is answered "duplicate", and the pico runs it once. A pico
  // leaving is answered "leaving" (sent again later), a moved one "moved", an unknown ECI "unknown".
  rule delivery_refused {
    select when picomesh delivery_requested
    pre {
      outcome = deliveryOutcome(delivery(event:attrs))
    }
    if fromAgent() && outcome != "sent" then send_directive("delivery", {"outcome": outcome});
  }
  rule deliver {
    select when picomesh delivery_requested
    pre {
      d = delivery(event:attrs);
      outcome = deliveryOutcome(d);
      id = engine:getPicoIDByECI(d{"eci"});
    }
    if fromAgent() && outcome == "sent" then every {
      event:send({"eci": d{"eci"}, "eid": d{"eid"}, "domain": d{"domain"}, "type": d{"type"},
        "attrs": deliveredAttrs(event:attrs)});
      send_directive("delivery", {"outcome": "sent"});
    }
    fired {
      ent:delivered{id} := d{"seq"}
    }
  }
  rule status {
    select when picomesh status_requested
    pre {
      host = event:attr("moved_to").defaultsTo("")
    }
    if fromAgent() then every {
      engine:setPicoStatus(event:attr("pico_id"), event:attr("leaving") == "true", host == "" => null | host);
      send_directive("status", {"id": event:attr("pico_id")});
    }
    fired {
      clear ent:carried{event:attr("pico_id")} if event:attr("leaving") != "true"
    }
  }
  rule install {
    select when picomesh rulesets_install_requested
    if fromAgent() then every {
      engine:installRuleset(event:attr("pico_id"), event:attr("rids").decode());
      send_directive("installed", {"id": event:attr("pico_id")});
    }
  }
  rule uninstall {
    select when picomesh rulesets_uninstall_requested
    if fromAgent() then every {
      engine:uninstallRuleset(event:attr("pico_id"), event:attr("rid"));
      send_directive("uninstalled", {"id": event:attr("pico_id")});
    }
  }
  // 0.48.1 removes neither a pico's scheduled events nor a pico with children: both are done here, leaves first.
  rule unschedule {
    select when picomesh removal_requested
    foreach (fromAgent() => schedulesOf(tree(event:attr("pico_id"))) | []) setting(s)
    schedule:remove(s{"id"});
  }
  rule remove {
    select when picomesh removal_requested
    foreach (fromAgent() => tree(event:attr("pico_id")).reverse() | []) setting(id)
    engine:removePico(id);
    fired {
      clear ent:carried{id}
    }
  }
}

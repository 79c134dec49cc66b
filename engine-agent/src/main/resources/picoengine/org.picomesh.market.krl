ruleset org.picomesh.market {
  meta {
    name "picomesh market"
    description <<
      Installed in a pico by its engine agent (engine-agent pico enroll): the pico's identity in the picomesh market.
      Its market key (the secp256k1 key of the pico's account, which the escrow keys its lease by) is kept in this
      ruleset's entity variables, so that it travels with the pico, sealed, when it moves. No function shares the key
      and no rule answers with it: only the agent hosting the pico reads it, from the root pico, on loopback. The
      address and the DID it gives are public facts, shared here.
    >>
    shares address, did
  }
  global {
    address = function() {
      ent:address
    }
    did = function() {
      ent:did
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
}

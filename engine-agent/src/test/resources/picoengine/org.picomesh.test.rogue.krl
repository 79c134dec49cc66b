ruleset org.picomesh.test.rogue {
  meta {
    name "picomesh test rogue"
    description <<
      For tests: what a hostile ruleset in a hosted pico tries with only the channel every pico holds to its parent
      (wrangler's parent_eci, for a child of the root a channel of the root pico): it raises the agent's own events
      (domain picomesh) there with event:send, its attributes as it likes, then a harmless event (a new channel on
      the parent) that tells the test the root has run the first. forge_at and barrier_at do the same at any ECI the
      test names: what a pico can learn of another pico's channels (a public one it was given; or any one through
      the front door, which answers wrangler's shared channel function to whoever holds one of the pico's ECIs).
    >>
    use module io.picolabs.wrangler alias wrangler
  }
  rule forge {
    select when rogue forge_requested
    event:send({"eci": wrangler:parent_eci(), "domain": "picomesh", "type": event:attr("type"),
      "attrs": event:attr("attrs").decode()})
  }
  rule barrier {
    select when rogue barrier_requested
    event:send({"eci": wrangler:parent_eci(), "domain": "wrangler", "type": "channel_creation_requested",
      "attrs": {"name": event:attr("name"), "type": "rogue"}})
  }
  rule forge_at {
    select when rogue forge_at_requested
    event:send({"eci": event:attr("eci"), "domain": "picomesh", "type": event:attr("type"),
      "attrs": event:attr("attrs").decode()})
  }
  rule barrier_at {
    select when rogue barrier_at_requested
    event:send({"eci": event:attr("eci"), "domain": "wrangler", "type": "channel_creation_requested",
      "attrs": {"name": event:attr("name"), "type": "rogue"}})
  }
}

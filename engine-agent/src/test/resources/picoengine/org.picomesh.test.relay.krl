ruleset org.picomesh.test.relay {
  meta {
    name "picomesh test relay"
    description <<
      For tests: a pico on another engine that sends a counter/tick to a pico on a remote engine with event:send
      (a fire-and-forget POST that follows no redirect), under the event id it is given.
    >>
  }
  rule relay {
    select when relay send_requested
    event:send({"eci": event:attr("eci"), "eid": event:attr("eid"), "domain": "counter", "type": "tick"},
      event:attr("host"))
  }
}

ruleset org.picomesh.test.journal {
  meta {
    name "picomesh test journal"
    description <<
      For the front door's tests: keeps the attribute n of every journal/entry event, in the order the pico ran
      them, so that a test sees each event delivered once and in order.
    >>
    shares entries
  }
  global {
    entries = function() { ent:entries.defaultsTo([]) }
  }
  rule record {
    select when journal entry
    always { ent:entries := ent:entries.defaultsTo([]).append(event:attr("n")) }
  }
}

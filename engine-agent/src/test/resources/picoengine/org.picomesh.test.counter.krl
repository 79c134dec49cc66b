ruleset org.picomesh.test.counter {
  meta {
    name "picomesh test counter"
    description <<
      For tests and benches: counts the events counter/tick it receives, schedules one an hour ahead (or some seconds ahead) on request,
      and keeps a blob of any size as state.
    >>
    shares count, blobSize
  }
  global {
    count = function() { ent:count.defaultsTo(0) }
    blobSize = function() { ent:blob.defaultsTo("").length() }
  }
  rule count {
    select when counter tick
    always { ent:count := ent:count.defaultsTo(0) + 1 }
  }
  rule plan {
    select when counter schedule_requested
    always {
      schedule counter event "tick" at time:add(time:now(), {"hours": 1}) attributes {"from": "schedule"}
    }
  }
  rule soon {
    select when counter soon_requested
    always {
      schedule counter event "tick" at time:add(time:now(), {"seconds": event:attr("seconds").as("Number")})
        attributes {"from": "soon"}
    }
  }
  rule keep {
    select when counter blob_given
    always { ent:blob := event:attr("blob") }
  }
}

ruleset org.picomesh.test.counter {
  meta {
    name "picomesh test counter"
    description <<
      For tests and benches: counts the events counter/tick it receives and keeps their event ids in the order it
      ran them (so a test sees each delivered once and in order), schedules one an hour ahead (or some seconds ahead)
      or every year on request, and keeps a blob of any size, or any JSON value, as state.
    >>
    shares count, seen, schedules, blobSize
  }
  global {
    count = function() { ent:count.defaultsTo(0) }
    seen = function() { ent:seen.defaultsTo([]) }
    schedules = function() { schedule:list() }
    blobSize = function() { ent:blob.defaultsTo("").length() }
  }
  rule count {
    select when counter tick
    always {
      ent:count := ent:count.defaultsTo(0) + 1;
      ent:seen := ent:seen.defaultsTo([]).append(event:eid)
    }
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
  rule yearly {
    select when counter cron_requested
    always {
      schedule counter event "tick" repeat "0 0 1 1 *" attributes {"from": "cron"}
    }
  }
  rule keep {
    select when counter blob_given
    always { ent:blob := event:attr("blob") }
  }
  rule keepJson {
    select when counter json_given
    always { ent:json := event:attr("json").decode() }
  }
}

ruleset org.picomesh.demo.counter {
  meta {
    name "picomesh demo counter"
    description <<
      The demo's pico (./mesh demo): counts the demo/tick events it receives. Its count is its state: it must keep
      counting, without a gap or a double, as the pico moves between engines by its own decision.
    >>
    shares count
  }
  global {
    count = function() { ent:count.defaultsTo(0) }
  }
  rule tick {
    select when demo tick
    always { ent:count := ent:count.defaultsTo(0) + 1 }
  }
}

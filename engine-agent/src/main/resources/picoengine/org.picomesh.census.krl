ruleset org.picomesh.census {
  meta {
    name "picomesh census"
    description <<
      Installed on the root pico by the picomesh engine agent: how many picos the engine hosts (the root pico's
      children, as the engine's own database holds them, imported picos included), for the agent's advert.
    >>
    shares picoCount
  }
  global {
    picoCount = function() {
      engine:listChildren().length()
    }
  }
}

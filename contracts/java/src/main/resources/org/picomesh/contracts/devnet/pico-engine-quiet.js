// picomesh: pico-engine 0.48.1 without its episode log, which writes every event's attributes and every query's
// result (a pico's export, channel keys included) to the engine's home folder; errors keep a listener (without one
// the engine dies on the first refused event) and print their message only.
const path = require('path')
const dir = process.env.PICO_ENGINE_DIR
const startCore = require(path.join(dir, 'src/startCore'))
const setupServer = require(path.join(dir, 'src/setupServer'))
const conf = {
  host: process.env.PICO_ENGINE_HOST,
  port: Number(process.env.PORT),
  home: process.env.PICO_ENGINE_HOME,
  no_logging: true
}
startCore(conf).then(async function (pe) {
  pe.emitter.on('error', function (err) {
    console.error('[ERROR] ' + ((err && err.message) || String(err)))
  })
  await new Promise(resolve => setupServer(pe).listen(conf.port, '127.0.0.1', resolve))
  console.log('pico-engine listening on ' + conf.host)
  await pe.signalEvent({ eci: await pe.getRootECI(), domain: 'system', type: 'online' })
}).catch(function (err) {
  console.error('pico-engine failed to start: ' + ((err && err.message) || String(err)))
  process.exit(1)
})

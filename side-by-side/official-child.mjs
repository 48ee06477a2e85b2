// The official Bluesky PDS alone in its own process, configured only by the
// PDS_* environment (what an operator puts in pds.env), so that every CPU tick
// and byte of RSS of this pid is the server's: SQLite runs in-process here.
// Plain JS on purpose: no tsx loader in the measured process.
//
// Protocol with the parent: one JSON line {"ready":true,"port":N} on stdout
// once listening. Stops on SIGTERM/SIGINT, or when stdin closes (the parent
// died), so it never outlives the bench; then, with no parent left to do it,
// it also removes its temporary data directory.
import { rmSync } from 'node:fs'
import { envToCfg, envToSecrets, PDS, readEnv } from '@atproto/pds'

const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
const server = await pds.start()

let stopping = false
const stop = (orphaned) => {
  if (stopping) return
  stopping = true
  pds.destroy().then(
    () => {
      if (orphaned && env.dataDirectory) rmSync(env.dataDirectory, { recursive: true, force: true })
      process.exit(0)
    },
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
process.on('SIGTERM', () => stop(false))
process.on('SIGINT', () => stop(false))
process.stdin.on('end', () => stop(true))
process.stdin.resume()

process.stdout.write(`${JSON.stringify({ ready: true, port: server.address().port })}\n`)

// `primal-pds serve` as a real child process: for what must hold across
// processes (locks, sequencer takeover, the firehose on every replica) and
// for a start with no db.json at all.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { urlFor } from './postgres.js'
import type { TestServer } from './server.js'

export type ServerProcess = {
  url: string
  child: ChildProcess
  /** Everything the process has written to stdout so far. */
  stdout(): string
  /** Resolves when the process has logged a line matching `pattern` (or already has). */
  logged(pattern: RegExp): Promise<void>
  kill(signal?: NodeJS.Signals): Promise<void>
}

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts')

/** Starts `primal-pds serve` in `cwd` on a free port with `env` added; resolves once it listens. */
export async function serveIn(cwd: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, 'serve'], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', PRIMAL_PDS_PORT: '0', PRIMAL_PDS_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const waiters: (() => void)[] = []
  child.stdout?.on('data', (d) => {
    stdout += d
    for (const w of waiters.splice(0)) w()
  })
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const logged = async (pattern: RegExp) => {
    while (!pattern.test(stdout)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited: ${stderr}`)
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), exited])
    }
  }
  await logged(/"msg":"listening"/)
  const port = Number(stdout.match(/"port":(\d+).*"msg":"listening"/)?.[1])
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stdout: () => stdout,
    logged,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

/** Another server on the same databases and secrets as an in-process test server. */
export async function spawnServer(t: TestServer): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'primal-pds-proc-'))
  const { config } = t.ctx
  const proc = await serveIn(dataDir, {
    PRIMAL_PDS_LOG_LEVEL: 'info',
    PRIMAL_PDS_DATA_DIR: dataDir,
    PRIMAL_PDS_DATABASE_URL: urlFor(t.managementName),
    PRIMAL_PDS_ADMIN_KEY: config.adminKey,
    PRIMAL_PDS_JWT_SECRET: config.jwtSecret,
    PRIMAL_PDS_KEY_ENCRYPTION_KEY: config.keyEncryptionKey,
    PRIMAL_PDS_PLC_ROTATION_KEY: config.plcRotationKey,
  }).catch((err) => {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  })
  proc.child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  return proc
}

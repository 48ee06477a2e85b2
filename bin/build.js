// Compiles src/ and migrations/ into dist/ and stamps the build, so the
// primal-pds command can tell a current dist/ from a stale one by mtimes
// alone, without running tsc. `npm run build` runs this file.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = dirname(dirname(fileURLToPath(import.meta.url)))
export const entry = join(root, 'dist', 'src', 'cli.js')
/** Written after each successful build, with the mtime of the moment the build started. */
const stamp = join(root, 'dist', '.build-stamp')
/** What tsconfig.json compiles, and the config itself. */
const SOURCES = ['src', 'migrations', 'tsconfig.json']

/** Why dist/ must be rebuilt, or undefined when it is current or there is nothing to build it from (an installed package). */
export function staleReason() {
  if (!existsSync(join(root, 'src'))) return undefined
  if (!existsSync(entry) || !existsSync(stamp)) return 'dist/ is not built'
  const built = statSync(stamp).mtimeMs
  const changed = SOURCES.flatMap((s) => files(join(root, s))).find((f) => statSync(f).mtimeMs > built)
  return changed ? `${changed.slice(root.length + 1)} changed since the last build` : undefined
}

function files(path) {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

/** Runs tsc; on failure reports and exits, since there is nothing current to run. */
export function build(reason) {
  let tsc
  try {
    tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')
  } catch {
    fail(`${reason}, and TypeScript is not installed to build it: run \`npm ci\` first`)
  }
  process.stderr.write(`primal-pds: compiling (${reason})…\n`)
  const started = new Date()
  // tsc reports on stdout; keep stdout for the command's own output.
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  })
  if (result.status !== 0) fail('compiling failed (see above); fix the errors and run again')
  // Stamped with the build's start, so a source edited while tsc ran still counts as newer.
  writeFileSync(stamp, `${started.toISOString()}\n`)
  utimesSync(stamp, started, started)
}

export function fail(message) {
  process.stderr.write(`primal-pds: ${message}\n`)
  process.exit(1)
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) build('npm run build')

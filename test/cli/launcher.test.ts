// The primal-pds command as a user runs it: from a checkout (the file itself,
// npx, npm start) and from the packed package. A copy of the checkout in a
// temp dir is built once; a restart with nothing changed must not compile.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'

const run = promisify(execFile)
const repo = join(import.meta.dirname, '..', '..')
const work = mkdtempSync(join(tmpdir(), 'primal-pds-launcher-'))
const checkout = join(work, 'checkout')
const COMPILING = /primal-pds: compiling/
const USAGE = /usage: primal-pds/
// No NODE_OPTIONS from the test runner (tsx): the command must run on plain node.
const env = { ...process.env, NODE_OPTIONS: '' }

before(() => {
  mkdirSync(checkout)
  for (const entry of [
    'bin',
    'src',
    'migrations',
    'lexicons',
    'package.json',
    'tsconfig.json',
    'db.json.example',
    '.gitignore',
  ]) {
    if (existsSync(join(repo, entry)))
      cpSync(join(repo, entry), join(checkout, entry), { recursive: true, preserveTimestamps: true })
  }
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(checkout, 'node_modules'))
})
after(() => rmSync(work, { recursive: true, force: true }))

function mtime(path: string): number {
  return statSync(path).mtimeMs
}

test('npx primal-pds runs on a fresh checkout, and the bin file runs as itself, executable from git', async () => {
  const npx = await run('npx', ['primal-pds', '--help'], { cwd: checkout, env })
  assert.match(npx.stdout, USAGE)
  assert.match(npx.stderr, /compiling \(dist\/ is not built\)/, 'the first run builds dist/')

  const bin = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'primal-pds'
  ] as string
  const { stdout: staged } = await run('git', ['ls-files', '--stage', bin], { cwd: repo })
  assert.match(staged, /^100755 /, 'the bin is in git with the execute bit, so a fresh clone has it')
  // Executed as a file, as a shell does (no `node` in front), and not compiled again.
  const direct = await run(join(checkout, bin), ['--help'], { cwd: checkout, env })
  assert.match(direct.stdout, USAGE)
  assert.doesNotMatch(direct.stderr, COMPILING)
})

test('npm start with nothing changed does not compile; with a source edited it does', async () => {
  const compiled = join(checkout, 'dist', 'src', 'cli.js')
  // `serve --help` prints the usage and exits, after everything start does before serving.
  const start = () => run('npm', ['start', '--', '--help'], { cwd: checkout, env })
  assert.match((await start()).stdout, USAGE)
  const built = mtime(compiled)
  const again = await start()
  assert.match(again.stdout, USAGE)
  assert.doesNotMatch(again.stderr, COMPILING)
  assert.equal(mtime(compiled), built, 'dist/ was left as it was')

  const now = new Date()
  utimesSync(join(checkout, 'src', 'cli.ts'), now, now)
  const edited = await start()
  assert.match(edited.stdout, USAGE)
  assert.match(edited.stderr, /compiling \(src\/cli\.ts changed since the last build\)/)
  assert.ok(mtime(compiled) > built, 'dist/ was rebuilt')
})

test('the packed package keeps the bin executable and runs without its sources', async () => {
  // After the tests above dist/ is built; prepack would build it, --ignore-scripts skips that here.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: checkout,
    env,
  })
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string; mode: number }[] }[]
  const files = new Map(packed.files.map((f) => [f.path, f.mode]))
  assert.equal(files.get('bin/primal-pds.js'), 0o755)
  assert.ok(files.has('dist/src/cli.js'))
  assert.ok(![...files.keys()].some((p) => p.startsWith('src/')), 'sources stay out of the package')

  const installed = join(work, 'installed')
  mkdirSync(installed)
  await run('tar', ['xzf', join(work, packed.filename), '-C', installed, '--strip-components=1'])
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(installed, 'node_modules'))
  const res = await run(join(installed, 'bin', 'primal-pds.js'), ['--help'], { cwd: installed, env })
  assert.match(res.stdout, USAGE)
  assert.doesNotMatch(res.stderr, COMPILING)
})

// The layering ARCHITECTURE.md describes, checked on the source: which
// folders may import which, that the PDS core runs without the agent wing,
// and that XRPC handlers take their types from the generated lexicon code.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

/** Every .ts file under `dir`, relative to src/. */
function sources(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (entry.endsWith('.ts')) out.push(relative(src, path))
  }
  return out
}

/** The src-relative files `file` imports (static and dynamic relative imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    out.push(relative(src, join(src, dirname(file), m[1] as string)).replace(/\.js$/, '.ts'))
  }
  return out
}

const SERVICES = [
  'account',
  'auth',
  'blob',
  'identity',
  'mail',
  'metrics',
  'moderation',
  'oauth',
  'proxy',
  'ratelimit',
  'repo',
  'routing',
  'sync',
  'tenant',
]
const FACES = ['api', 'http']

/** The layer a src-relative path belongs to: its top folder, `root` for files directly in src/, `migrations` outside. */
function layerOf(path: string): string {
  if (path.startsWith('..')) return path.startsWith('../migrations/') ? 'migrations' : 'outside'
  const parts = path.split('/')
  if (parts.length === 1) return 'root'
  const top = parts[0] as string
  return SERVICES.includes(top) ? 'service' : top
}

/** What each layer may import, besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  lib: [],
  config: ['lib'],
  lexicon: ['lib'],
  storage: ['lib', 'config', 'migrations'],
  service: ['lib', 'config', 'lexicon', 'storage'],
  api: ['lib', 'config', 'lexicon', 'storage', 'service', 'http', 'root'],
  http: ['lib', 'config', 'lexicon', 'storage', 'service', 'api', 'root'],
  gather: ['lib', 'config', 'lexicon', 'storage', 'service', 'api', 'http', 'root'],
  root: ['lib', 'config', 'lexicon', 'storage', 'service', 'api', 'http', 'gather'],
}

const files = sources(src)

test('every folder imports only the layers below it (and faces only the composition root above them)', () => {
  const wrong: string[] = []
  for (const file of files) {
    const from = layerOf(file)
    const allowed = MAY_IMPORT[from]
    assert.ok(allowed, `${file} is in a folder ARCHITECTURE.md does not place (${from})`)
    for (const target of importsOf(file)) {
      const to = layerOf(target)
      if (to !== from && !allowed.includes(to)) wrong.push(`${file} (${from}) imports ${target} (${to})`)
    }
  }
  assert.deepEqual(wrong, [])
})

test('the composition root is the only place that names the agent wing', () => {
  const core = files.filter((f) => layerOf(f) !== 'gather' && layerOf(f) !== 'root')
  const wrong = core.flatMap((file) =>
    importsOf(file)
      .filter((t) => layerOf(t) === 'gather')
      .map((t) => `${file} imports ${t}`),
  )
  assert.deepEqual(wrong, [])
})

test('the storage floor and the services never reach the HTTP faces, the wing or the composition root', () => {
  const low = files.filter((f) => ['storage', 'service', 'lib', 'config', 'lexicon'].includes(layerOf(f)))
  const wrong = low.flatMap((file) =>
    importsOf(file)
      .filter((t) => [...FACES, 'gather', 'root'].includes(layerOf(t)))
      .map((t) => `${file} imports ${t}`),
  )
  assert.deepEqual(wrong, [])
})

test('XRPC handlers cast none of their input, params or auth', () => {
  const handlers = files.filter((f) => f.startsWith('api/') || f.startsWith('gather/xrpc/'))
  const casts = /\b(input|params|auth)\s+as\b|\)\s*as\s*\{\s*(body|credentials)\b/
  const wrong = handlers.filter((f) => casts.test(readFileSync(join(src, f), 'utf8')))
  assert.deepEqual(wrong, [])
})

test('the services import each other without a cycle', () => {
  const edges = new Map<string, Set<string>>()
  for (const file of files.filter((f) => layerOf(f) === 'service')) {
    const from = file.split('/')[0] as string
    for (const target of importsOf(file)) {
      const to = target.split('/')[0] as string
      if (layerOf(target) !== 'service' || to === from) continue
      edges.set(from, (edges.get(from) ?? new Set()).add(to))
    }
  }
  const cycles: string[] = []
  const visit = (folder: string, path: string[]): void => {
    if (path.includes(folder)) {
      cycles.push([...path.slice(path.indexOf(folder)), folder].join(' -> '))
      return
    }
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder])
  }
  for (const folder of SERVICES) visit(folder, [])
  assert.deepEqual([...new Set(cycles)], [])
})

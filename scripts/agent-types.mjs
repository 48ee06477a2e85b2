#!/usr/bin/env node
// Writes packages/agent/src/lexicons.ts (checked in): TypeScript types of
// every is.gather.* record, definition, and method's params, input and
// output, read from lexicons/, plus the com.atproto methods and definitions
// the agent SDK calls or reaches. The SDK runs on Node without a build, so
// the file holds types only (erasable syntax). Run by `npm run lexgen`;
// `--check` exits 1 when the file is stale instead of writing it.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jsonFiles } from './lexicon-files.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const OUT = join(root, 'packages', 'agent', 'src', 'lexicons.ts')
const OURS = 'is.gather.'
/** Methods of the core the SDK calls, typed like ours. */
const CORE_METHODS = [
  'com.atproto.identity.resolveHandle',
  'com.atproto.repo.createRecord',
  'com.atproto.repo.deleteRecord',
  'com.atproto.repo.getRecord',
  'com.atproto.repo.listRecords',
  'com.atproto.repo.putRecord',
  'com.atproto.server.describeServer',
  'com.atproto.server.getSession',
  'com.atproto.server.refreshSession',
]

const docs = new Map()
for (const doc of require('@atproto/api').schemas) docs.set(doc.id, doc)
for (const path of jsonFiles(join(root, 'lexicons'))) {
  const doc = JSON.parse(readFileSync(path, 'utf8'))
  docs.set(doc.id, doc)
}

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1)
const typeName = (nsid, def) => nsid.split('.').map(pascal).join('') + (def === 'main' ? '' : pascal(def))

function target(ref, inDoc) {
  const bare = ref.startsWith('lex:') ? ref.slice(4) : ref
  const [nsid, def] = bare.split('#')
  return [nsid === '' ? inDoc : nsid, def || 'main']
}

const emitted = new Set()
const queue = []
const out = []

function want(nsid, def) {
  const key = `${nsid}#${def}`
  if (emitted.has(key)) return
  emitted.add(key)
  queue.push([nsid, def])
}

const quote = (s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
const comment = (text, indent = '') =>
  text ? `${indent}/** ${String(text).replaceAll('*/', '*\\/').replaceAll('\n', ' ')} */\n` : ''

function type(node, inDoc, indent) {
  switch (node.type) {
    case 'string':
      if (node.const !== undefined) return quote(node.const)
      if (Array.isArray(node.enum)) return node.enum.map(quote).join(' | ')
      if (Array.isArray(node.knownValues)) return `${node.knownValues.map(quote).join(' | ')} | (string & {})`
      return 'string'
    case 'integer':
      return node.const !== undefined ? String(node.const) : 'number'
    case 'boolean':
      return 'boolean'
    case 'bytes':
      return '{ $bytes: string }'
    case 'cid-link':
      return '{ $link: string }'
    case 'blob':
      return "{ $type: 'blob'; ref: { $link: string }; mimeType: string; size: number }"
    case 'unknown':
      return '{ [key: string]: unknown }'
    case 'array':
      return `Array<${type(node.items, inDoc, indent)}>`
    case 'object':
    case 'params':
      return objectType(node, inDoc, indent)
    case 'ref': {
      const [nsid, def] = target(node.ref, inDoc)
      want(nsid, def)
      return typeName(nsid, def)
    }
    case 'union': {
      const refs = node.refs.map((ref) => {
        const [nsid, def] = target(ref, inDoc)
        want(nsid, def)
        return `(${typeName(nsid, def)} & { $type: ${quote(def === 'main' ? nsid : `${nsid}#${def}`)} })`
      })
      if (!node.closed) refs.push('{ $type: string; [key: string]: unknown }')
      return refs.join(' | ')
    }
    default:
      return 'unknown'
  }
}

function objectType(node, inDoc, indent, extra = []) {
  const required = new Set(node.required ?? [])
  const nullable = new Set(node.nullable ?? [])
  const inner = `${indent}  `
  const lines = [...extra.map((line) => `${inner}${line}`)]
  for (const [name, prop] of Object.entries(node.properties ?? {})) {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name)
    const t = type(prop, inDoc, inner) + (nullable.has(name) ? ' | null' : '')
    lines.push(`${comment(prop.description, inner)}${inner}${key}${required.has(name) ? '' : '?'}: ${t}`)
  }
  return lines.length === 0 ? '{ [key: string]: unknown }' : `{\n${lines.join('\n')}\n${indent}}`
}

/** A named type: an interface for an object, an alias for anything else. */
function declare(name, node, inDoc, description, extra) {
  const doc = comment(description ?? node.description)
  if (node.type === 'object' || node.type === 'params') {
    out.push(`${doc}export interface ${name} ${objectType(node, inDoc, '', extra)}`)
  } else {
    out.push(`${doc}export type ${name} = ${type(node, inDoc, '')}`)
  }
}

const methods = []

function emitDef(nsid, def) {
  const node = docs.get(nsid)?.defs?.[def]
  const name = typeName(nsid, def)
  if (!node) {
    out.push(`/** ${nsid}#${def}: no lexicon defines it. */\nexport type ${name} = { [key: string]: unknown }`)
    return
  }
  if (node.type === 'record') {
    declare(name, node.record, nsid, node.description, [`$type?: ${quote(nsid)}`])
  } else if (node.type === 'token') {
    out.push(`${comment(node.description)}export type ${name} = ${quote(`${nsid}#${def}`)}`)
  } else if (node.type === 'query' || node.type === 'procedure') {
    const parts = { params: 'Record<string, never>', input: 'undefined', output: 'undefined' }
    if (node.parameters) {
      declare(`${name}Params`, node.parameters, nsid, `Parameters of ${nsid}.`)
      parts.params = `${name}Params`
    }
    for (const part of ['input', 'output']) {
      const body = node[part]
      if (!body?.encoding) continue
      if (body.schema) declare(`${name}${pascal(part)}`, body.schema, nsid, `${pascal(part)} of ${nsid}.`)
      else
        out.push(
          `/** ${pascal(part)} of ${nsid}: bytes (${body.encoding}). */\nexport type ${name}${pascal(part)} = Uint8Array`,
        )
      parts[part] = `${name}${pascal(part)}`
    }
    methods.push({ nsid, type: node.type, ...parts })
  } else if (node.type !== 'subscription' && node.type !== 'permission-set') {
    declare(name, node, nsid)
  }
}

for (const doc of [...docs.values()].sort((a, b) => a.id.localeCompare(b.id))) {
  if (!doc.id.startsWith(OURS) && !CORE_METHODS.includes(doc.id)) continue
  for (const def of Object.keys(doc.defs)) want(doc.id, def)
}
while (queue.length > 0) emitDef(...queue.shift())

const header = `// GENERATED by scripts/agent-types.mjs from the lexicons (npm run lexgen): do not edit.
// Types of every is.gather.* record, definition and method (params, input,
// output), and of the com.atproto methods the SDK calls.
`
const table = `/** Every method typed here: its kind, parameters, input and output. */
export interface Methods {
${methods
  .sort((a, b) => a.nsid.localeCompare(b.nsid))
  .map(
    (m) =>
      `  ${quote(m.nsid)}: { type: ${quote(m.type)}; params: ${m.params}; input: ${m.input}; output: ${m.output} }`,
  )
  .join('\n')}
}
`
const source = `${header}\n${out.join('\n\n')}\n\n${table}`
const biome = join(root, 'node_modules', '.bin', 'biome')
const formatted = execFileSync(biome, ['format', `--stdin-file-path=${relative(root, OUT)}`], {
  cwd: root,
  input: source,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(OUT, 'utf8')
  } catch {}
  if (current !== formatted) {
    process.stderr.write(`${relative(root, OUT)} is stale: run npm run lexgen\n`)
    process.exit(1)
  }
} else {
  writeFileSync(OUT, formatted)
}

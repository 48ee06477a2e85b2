#!/usr/bin/env node
// Regenerates src/lexicon/generated/ (checked in) with @atproto/lex-cli: the
// server types of every com.atproto and app.bsky lexicon (as @atproto/api
// publishes them) and of ours in lexicons/. Run after changing either:
// `npm run lexgen` (LEX_CLI=<path to lex> to use a lex-cli installed elsewhere).
// Then writes the agent SDK's types (scripts/agent-types.mjs).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jsonFiles } from './lexicon-files.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const PUBLISHED = ['com.atproto.', 'app.bsky.']

const lex = process.env.LEX_CLI ?? join(root, 'node_modules', '.bin', 'lex')
const published = require('@atproto/api').schemas.filter((doc) => PUBLISHED.some((p) => doc.id.startsWith(p)))

// lex-cli reads lexicons from files: the published ones are written out as such.
const scratch = mkdtempSync(join(tmpdir(), 'lexgen-'))
try {
  const files = published.map((doc) => {
    const path = join(scratch, `${doc.id.replaceAll('.', '/')}.json`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, JSON.stringify(doc, null, 2))
    return path
  })
  files.push(...jsonFiles(join(root, 'lexicons')))
  execFileSync(lex, ['gen-server', '--yes', join(root, 'src', 'lexicon', 'generated'), ...files], { stdio: 'inherit' })
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
// The agent SDK's types (packages/agent/src/lexicons.ts) come from the same lexicons.
execFileSync(process.execPath, [join(root, 'scripts', 'agent-types.mjs')], { stdio: 'inherit' })

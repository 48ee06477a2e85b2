// The lexicons the XRPC server validates against: the published com.atproto
// and app.bsky documents (shipped in @atproto/api) plus our own in lexicons/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LexiconDoc } from '@atproto/lexicon'
import { packageRoot } from '../lib/package-root.js'

// Only @atproto/api's module of lexicon documents, not the package: its entry loads the whole
// client (every method's class, rich text, moderation), about 34 MB of a server's memory for nothing.
const apiEntry = createRequire(import.meta.url).resolve('@atproto/api')
const { schemas: publishedSchemas } = (await import(
  pathToFileURL(join(dirname(apiEntry), 'client', 'lexicons.js')).href
)) as { schemas: LexiconDoc[] }

export function ourLexicons(dir = join(packageRoot(), 'lexicons')): LexiconDoc[] {
  const docs: LexiconDoc[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) docs.push(...ourLexicons(path))
    else if (entry.endsWith('.json')) docs.push(JSON.parse(readFileSync(path, 'utf8')) as LexiconDoc)
  }
  return docs
}

export function allLexicons(): LexiconDoc[] {
  return [...(publishedSchemas as LexiconDoc[]), ...ourLexicons()]
}

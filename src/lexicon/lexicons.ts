// The lexicons the XRPC server validates against: the published com.atproto
// and app.bsky documents (shipped in @atproto/api) plus our own in lexicons/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { schemas as publishedSchemas } from '@atproto/api'
import type { LexiconDoc } from '@atproto/lexicon'
import { packageRoot } from '../lib/package-root.js'

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

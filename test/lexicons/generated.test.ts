// The checked-in code generated from the lexicons (src/lexicon/generated/)
// was generated from the lexicons the server validates against: a lexicon
// edited in lexicons/, or an @atproto/api that publishes new ones, without
// `npm run lexgen` would leave handlers typed by stale documents.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type LexiconDoc, Lexicons } from '@atproto/lexicon'
import { schemas as generated } from '../../src/lexicon/generated/lexicons.js'
import { allLexicons, ourLexicons } from '../../src/lexicon/lexicons.js'

/** What scripts/lexgen.mjs generates from: com.atproto and app.bsky as published, and ours. */
function generatedFrom(): LexiconDoc[] {
  const ours = new Set(ourLexicons().map((d) => d.id))
  const published = (id: string) => id.startsWith('com.atproto.') || id.startsWith('app.bsky.')
  return allLexicons().filter((d) => ours.has(d.id) || published(d.id))
}

/** Each document as a Lexicons set holds it: refs as full lex: URIs, as lex-cli writes them. */
function resolved(docs: readonly LexiconDoc[]): Map<string, unknown> {
  // Through JSON: Lexicons rewrites the documents it is given, and the generated ones are TypeScript literals.
  const lexicons = new Lexicons(JSON.parse(JSON.stringify(docs)) as LexiconDoc[])
  return new Map(docs.map((d) => [d.id, lexicons.get(d.id)]))
}

test('the generated lexicon code is current: `npm run lexgen` after changing a lexicon or @atproto/api', () => {
  const expected = resolved(generatedFrom())
  const actual = resolved(generated)
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort())
  for (const [id, doc] of actual) assert.deepEqual(doc, expected.get(id), id)
})

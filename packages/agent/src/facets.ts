// Rich-text facets of a post, as app.bsky.richtext.facet: each @handle that
// resolves becomes a mention facet naming its DID (a mention notifies that
// account), each http(s) link a link facet. Ranges are UTF-8 byte offsets,
// as the lexicon counts them, not JavaScript string indexes.
import type { AppBskyRichtextFacet } from './lexicons.ts'

const MENTION = /(^|[\s(])@([a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9])/g
const LINK = /(^|[\s(])(https?:\/\/[^\s]+)/g
const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/
/** A link's trailing punctuation is the sentence's, not the link's. */
const TRAILING = /[.,;:!?)'"]+$/

const encoder = new TextEncoder()
const bytes = (s: string) => encoder.encode(s).byteLength

/** A handle's DID, or undefined when it does not resolve. */
export type ResolveHandle = (handle: string) => Promise<string | undefined>

export async function detectFacets(text: string, resolve: ResolveHandle): Promise<AppBskyRichtextFacet[]> {
  const facets: { start: number; facet: AppBskyRichtextFacet }[] = []
  for (const m of text.matchAll(MENTION)) {
    const handle = m[2].replace(/\.+$/, '')
    if (!HANDLE.test(handle)) continue
    const did = await resolve(handle.toLowerCase())
    if (!did) continue
    const start = (m.index ?? 0) + m[1].length
    facets.push({
      start,
      facet: {
        index: { byteStart: bytes(text.slice(0, start)), byteEnd: bytes(text.slice(0, start)) + bytes(`@${handle}`) },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
      },
    })
  }
  for (const m of text.matchAll(LINK)) {
    const uri = m[2].replace(TRAILING, '')
    const start = (m.index ?? 0) + m[1].length
    facets.push({
      start,
      facet: {
        index: { byteStart: bytes(text.slice(0, start)), byteEnd: bytes(text.slice(0, start)) + bytes(uri) },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri }],
      },
    })
  }
  return facets.sort((a, b) => a.start - b.start).map((f) => f.facet)
}

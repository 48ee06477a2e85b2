// @atproto/lexicon measures a string's maxLength in UTF-8 bytes but words its
// refusal in "characters", which misleads for any text beyond ASCII: 300
// emoji are 300 graphemes and well over 1000 bytes. These say it in the
// lexicon's own units, bytes and graphemes, with what the value measures.
import { graphemeLen, utf8Len } from '@atproto/lex-data'
import type { Lexicons } from '@atproto/lexicon'

/** A lexicon string's length bounds: lengths in UTF-8 bytes, graphemes as Unicode segments them. */
export type StringLimits = { minLength?: number; maxLength?: number; minGraphemes?: number; maxGraphemes?: number }

const IN_CHARACTERS = /^(.+) must not be (longer|shorter) than (\d+) characters$/
const IN_CHARACTERS_ANYWHERE = / must not be (longer|shorter) than (\d+) characters\b/g

/** A lexicon validation message with its "characters" said as what they are: UTF-8 bytes. */
export function inBytes(message: string): string {
  return message.replace(IN_CHARACTERS_ANYWHERE, ' must not be $1 than $2 bytes of UTF-8')
}

/** When `value` breaks `limits`: what it measures, and what is allowed. */
export function lengthProblem(what: string, value: string, limits: StringLimits): string | undefined {
  const bytes = utf8Len(value)
  const graphemes = graphemeLen(value)
  const { minLength, maxLength, minGraphemes, maxGraphemes } = limits
  const broken =
    (maxLength !== undefined && bytes > maxLength) ||
    (maxGraphemes !== undefined && graphemes > maxGraphemes) ||
    (minLength !== undefined && bytes < minLength) ||
    (minGraphemes !== undefined && graphemes < minGraphemes)
  if (!broken) return undefined
  const most = bounds(maxLength, maxGraphemes)
  const least = bounds(minLength, minGraphemes)
  const allowed = [most && `at most ${most}`, least && `at least ${least}`].filter(Boolean).join(' and ')
  return `${what} is ${bytes} bytes of UTF-8 (${graphemes} graphemes); it may be ${allowed}`
}

function bounds(bytes: number | undefined, graphemes: number | undefined): string {
  const parts = []
  if (bytes !== undefined) parts.push(`${bytes} bytes`)
  if (graphemes !== undefined) parts.push(`${graphemes} graphemes`)
  return parts.join(' and ')
}

/**
 * A record's validation message, restated for a string's length in bytes and
 * graphemes (both bounds the lexicon gives the field); any other message as it is.
 */
export function recordLengthMessage(message: string, lexicons: Lexicons, collection: string, record: unknown): string {
  const m = IN_CHARACTERS.exec(message)
  if (!m) return message
  const path = m[1] as string
  // The path is "Record/field/0/…": the segments after the first lead from the record to the string.
  const segments = path.split('/').slice(1)
  const value = valueAt(record, segments)
  const def = stringDefAt(lexicons, collection, segments)
  return (typeof value === 'string' && def && lengthProblem(path, value, def)) || inBytes(message)
}

function valueAt(value: unknown, segments: string[]): unknown {
  let at = value
  for (const s of segments) {
    if (!at || typeof at !== 'object') return undefined
    at = (at as Record<string, unknown>)[s]
  }
  return at
}

type Def = {
  type?: string
  ref?: string
  record?: Def
  properties?: Record<string, Def>
  items?: Def
} & StringLimits

/** The string def at `segments` under the record's, through objects, arrays and refs (not unions: those say no more). */
function stringDefAt(lexicons: Lexicons, collection: string, segments: string[]): StringLimits | undefined {
  let def = lexicons.getDef(collection) as Def | undefined
  for (const s of segments) {
    def = resolved(lexicons, def)
    if (def?.type === 'object') def = def.properties?.[s]
    else if (def?.type === 'array') def = def.items
    else return undefined
  }
  def = resolved(lexicons, def)
  return def?.type === 'string' ? def : undefined
}

function resolved(lexicons: Lexicons, def: Def | undefined): Def | undefined {
  // Refs are full lex: URIs once a doc is added to Lexicons.
  for (let hops = 0; def?.type === 'ref' && def.ref && hops < 8; hops++)
    def = lexicons.getDef(def.ref) as Def | undefined
  return def?.type === 'record' ? def.record : def
}

// Input bounds the tools share. They mirror the lexicons' lengths (bytes and
// graphemes) so an oversized argument is refused before any work; the
// records built are still validated against the lexicons on write.
import { z } from 'zod'
import { lengthProblem } from '../../../repo/string-lengths.js'

/** An at:// URI may be up to 8 KB (AT URI spec). */
export const recordUri = (what: string) => z.string().min(1).max(8192).describe(what)

/**
 * Text the lexicon bounds in UTF-8 bytes and graphemes, refused in those
 * units: zod's max counts UTF-16 code units, which neither is.
 */
export const lexText = (maxBytes: number, maxGraphemes: number, what: string, minLength = 1) =>
  z
    .string()
    .min(minLength)
    .superRefine((s, ctx) => {
      const problem = lengthProblem('the text', s, { maxLength: maxBytes, maxGraphemes })
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .describe(`${what}, at most ${maxGraphemes} graphemes and ${maxBytes} bytes of UTF-8.`)

export const postText = lexText(3000, 300, 'The text')

export const tags = z
  .array(lexText(640, 64, 'A topic'))
  .max(8)
  .optional()
  .describe('Up to 8 topics, without a leading #.')

export const langs = z
  .array(z.string().min(1).max(128))
  .max(3)
  .optional()
  .describe('Up to 3 languages of the text, as BCP-47 tags (e.g. "en").')

export const limit = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).optional().describe(`How many to return (1-${max}, default ${fallback}).`)

export const cursor = z.string().min(1).max(512).optional().describe('The cursor a previous page returned.')

/** The cursor of an XRPC method's page, bounded as its lexicon bounds it (a leaderboard's holds a record key). */
export const pageCursor = z.string().min(1).max(4096).optional().describe('The cursor a previous page returned.')

export const domain = z.string().min(1).max(253).describe('A domain hosted on this server, e.g. "agents.example".')

/** Money is a decimal string: the data model has no floats, and money must not round. */
export const decimal = (what: string) =>
  z
    .string()
    .max(32)
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal number as a string, e.g. "0.0001"')
    .describe(what)

export const currency = z.string().min(1).max(16).describe('Currency code, e.g. "BCH", "BTC", "USD", "EUR".')

export const now = () => new Date().toISOString()

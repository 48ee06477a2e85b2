// Input bounds the tools share. They mirror the lexicons' maxLength so an
// oversized argument is refused before any work; the records built are still
// validated against the lexicons (graphemes, formats) on write.
import { z } from 'zod'

/** An at:// URI may be up to 8 KB (AT URI spec). */
export const recordUri = (what: string) => z.string().min(1).max(8192).describe(what)

export const postText = z.string().min(1).max(3000).describe('The text, at most 300 graphemes.')

export const tags = z
  .array(z.string().min(1).max(640))
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

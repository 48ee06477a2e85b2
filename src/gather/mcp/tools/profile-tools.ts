// The caller's profile (is.gather.actor.profile, record key "self"): change
// some of its fields, keeping the others and when it was first written.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { findOwnRecord, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { lexText, now } from './inputs.js'
import { recordRef } from './outputs.js'

const PROFILE = 'is.gather.actor.profile'

const link = z.strictObject({
  uri: z.url().max(2048).describe('Where the link points, e.g. "https://example.com/docs".'),
  label: z.string().min(1).max(64).optional().describe('Short text shown for the link.'),
})

/** Every field but name may be null, which removes it. */
const profileFields = {
  name: lexText(640, 64, 'Your display name').optional(),
  description: lexText(3000, 300, 'What you are and do, in a few sentences', 0).nullable().optional(),
  capabilities: z
    .array(z.string().min(1).max(64))
    .max(32)
    .nullable()
    .optional()
    .describe('What you offer, as short tags, e.g. ["post", "review", "trade", "code", "search"]; replaces the list.'),
  links: z
    .array(link)
    .max(16)
    .nullable()
    .optional()
    .describe('Where else you live (homepage, documentation, source); replaces the list.'),
  publicKey: z
    .string()
    .max(256)
    .regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key in multibase, e.g. "did:key:z6Mk…"')
    .nullable()
    .optional()
    .describe('Your own public key as a did:key, so others can verify what you sign outside this repo.'),
}

export function registerProfileTools(server: McpServer, session: ToolSession): void {
  defineTool(
    server,
    session,
    'update_profile',
    {
      description: `Write your profile (${PROFILE}): the fields you give replace the stored ones, null removes one, the rest and createdAt are kept. A first profile needs a name. Returns uri and cid.`,
      input: profileFields,
      output: recordRef,
    },
    async (changes) => {
      const existing = await findOwnRecord(session, PROFILE, 'self')
      const record: Record<string, unknown> = { ...existing?.value }
      for (const [field, value] of Object.entries(changes)) {
        if (value === null) delete record[field]
        else if (value !== undefined) record[field] = value
      }
      if (typeof record.name !== 'string') {
        throw new InvalidRequestError('You have no profile yet: give a name to write your first one')
      }
      if (typeof record.createdAt !== 'string') record.createdAt = now()
      return writeOwnRecord(session, {
        action: 'update',
        collection: PROFILE,
        rkey: 'self',
        record,
        // The profile must still be the one read, or a concurrent change would be lost unseen.
        swapRecord: existing?.cid ?? null,
      })
    },
  )
}

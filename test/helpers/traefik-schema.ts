// Checks Traefik dynamic config the way Traefik's v3 file provider would read
// it: parsed from YAML and validated against SchemaStore's schema (a copy in
// test/fixtures, see its README).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { parse } from 'yaml'

const schemaPath = join(import.meta.dirname, '..', 'fixtures', 'traefik-v3-file-provider.json')
const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')))

export type ParsedRouter = { rule: string; entryPoints: string[]; service: string; priority?: number; tls: unknown }
export type ParsedTraefik = { http: { routers: Record<string, ParsedRouter>; services: Record<string, unknown> } }

/** Parses the YAML and fails the test with ajv's errors unless it is valid dynamic config. */
export function assertValidTraefik(yaml: string): ParsedTraefik {
  const doc = parse(yaml)
  assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2))
  return doc as ParsedTraefik
}

// Every XRPC method that takes an account's access token names what an OAuth
// grant needs for it in src/api/oauth-permissions.ts: a method added later
// without a line there is refused to every grant, and this test says which.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { OAUTH_METHODS, oauthMayCall } from '../../src/api/oauth-permissions.js'

const root = join(import.meta.dirname, '../../src')

function handlerFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, dir, f))
}

/** The NSID each handler taking an access token registers: `method('<nsid>'` or its NSID constant. */
function methodsTakingAccessTokens(): string[] {
  const out: string[] = []
  for (const file of [...handlerFiles('api'), ...handlerFiles('gather/xrpc')]) {
    const text = readFileSync(file, 'utf8')
    if (!/ctx\.auth\.(access|accessOrServiceAuth|optionalAccessOrAdmin)\b/.test(text)) continue
    const nsid = /\.method\(\s*'([^']+)'/.exec(text)?.[1] ?? /const NSID = '([^']+)'/.exec(text)?.[1]
    assert.ok(nsid, `${file} takes an access token but names no method this test can read`)
    out.push(nsid)
  }
  return out
}

test('every method that takes an access token says what an OAuth grant needs for it', () => {
  const methods = methodsTakingAccessTokens()
  assert.ok(methods.length >= 30, `only ${methods.length} methods found: the scan is broken`)
  assert.deepEqual(
    methods.filter((nsid) => !oauthMayCall(nsid)),
    [],
  )
})

test('the table names only methods that exist', () => {
  const methods = new Set(methodsTakingAccessTokens())
  assert.deepEqual(
    OAUTH_METHODS.filter((nsid) => !methods.has(nsid)),
    [],
  )
})

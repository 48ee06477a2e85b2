// Secrets left empty in db.json are generated once and kept in
// <dataDir>/secrets.json (mode 0600), so tokens and encrypted keys survive a
// restart without the operator writing any secret by hand.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './data-dir.js'

type SecretField = 'adminKey' | 'jwtSecret' | 'keyEncryptionKey' | 'plcRotationKey'

const GENERATORS: Record<SecretField, () => string> = {
  adminKey: () => randomBytes(24).toString('base64url'),
  jwtSecret: () => randomBytes(32).toString('base64url'),
  keyEncryptionKey: () => randomBytes(32).toString('hex'),
  // A uniformly random 32-byte scalar is a valid secp256k1 private key with
  // overwhelming probability; @atproto/crypto rejects the rare invalid one at import.
  plcRotationKey: () => randomBytes(32).toString('hex'),
}

export type SecretsOutcome = {
  /** Set only when the admin key was generated just now: shown once to the operator. */
  newAdminKey?: string
  file: string
}

export function ensureSecrets(config: Config): SecretsOutcome {
  const file = join(config.dataDir, 'secrets.json')
  let stored: Partial<Record<SecretField, string>> = {}
  if (existsSync(file)) {
    // A data directory an older version (or a copy) left open to others is closed first.
    makePrivate(config.dataDir)
    makePrivate(file)
    stored = JSON.parse(readFileSync(file, 'utf8'))
  }
  let changed = false
  let newAdminKey: string | undefined
  for (const field of Object.keys(GENERATORS) as SecretField[]) {
    if (config[field]) continue
    let value = stored[field]
    if (!value) {
      value = GENERATORS[field]()
      stored[field] = value
      changed = true
      if (field === 'adminKey') newAdminKey = value
    }
    config[field] = value
  }
  if (changed) {
    ensurePrivateDir(config.dataDir)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
    renameSync(tmp, file)
  }
  return { newAdminKey, file }
}

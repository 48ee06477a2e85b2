// Finds and reads db.json, applies environment overrides (so containers keep
// secrets off disk), validates, and fills in persisted secrets.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Config, ConfigError, type RawConfig, validateConfig } from './config.js'
import { ensureSecrets, type SecretsOutcome } from './secrets.js'

export type LoadOptions = {
  /** Explicit config path (--config); wins over PRIMAL_PDS_CONFIG. */
  path?: string
  cwd?: string
  env?: NodeJS.ProcessEnv
}

export type LoadedConfig = {
  config: Config
  /** The file the config came from, or undefined when running on defaults. */
  source?: string
  secrets: SecretsOutcome
}

/** Environment variables that override db.json fields. */
const ENV_OVERRIDES: [string, string, 'string' | 'int' | 'bool'][] = [
  ['PRIMAL_PDS_SERVICE_URL', 'serviceURL', 'string'],
  ['PRIMAL_PDS_PORT', 'port', 'int'],
  ['PRIMAL_PDS_HOST', 'host', 'string'],
  ['PRIMAL_PDS_ADMIN_KEY', 'adminKey', 'string'],
  ['PRIMAL_PDS_JWT_SECRET', 'jwtSecret', 'string'],
  ['PRIMAL_PDS_KEY_ENCRYPTION_KEY', 'keyEncryptionKey', 'string'],
  ['PRIMAL_PDS_PLC_ROTATION_KEY', 'plcRotationKey', 'string'],
  ['PRIMAL_PDS_PLC_ENDPOINT', 'plcEndpoint', 'string'],
  ['PRIMAL_PDS_DATA_DIR', 'dataDir', 'string'],
  ['PRIMAL_PDS_REGISTRATION_OPEN', 'registrationOpen', 'bool'],
  ['PRIMAL_PDS_LOG_LEVEL', 'logLevel', 'string'],
]

export function readRawConfig(opts: LoadOptions = {}): { raw: RawConfig; source?: string } {
  const cwd = opts.cwd ?? process.cwd()
  const env = opts.env ?? process.env
  const explicit = opts.path ?? env.PRIMAL_PDS_CONFIG
  const path = resolve(cwd, explicit ?? 'db.json')
  let raw: RawConfig = {}
  let source: string | undefined
  if (existsSync(path)) {
    source = path
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ConfigError([`${path}: must hold a JSON object`])
      }
      raw = parsed as RawConfig
    } catch (err) {
      if (err instanceof ConfigError) throw err
      throw new ConfigError([`${path}: not valid JSON (${(err as Error).message})`])
    }
  } else if (explicit) {
    throw new ConfigError([`${path}: config file not found`])
  }
  return { raw: applyEnv(raw, env), source }
}

function applyEnv(raw: RawConfig, env: NodeJS.ProcessEnv): RawConfig {
  const out: RawConfig = { ...raw }
  for (const [name, field, kind] of ENV_OVERRIDES) {
    const v = env[name]
    if (v === undefined || v === '') continue
    if (kind === 'int') out[field] = /^\d+$/.test(v) ? Number(v) : v
    else if (kind === 'bool') out[field] = v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v
    else out[field] = v
  }
  const dbUrl = env.PRIMAL_PDS_DATABASE_URL
  if (dbUrl) {
    const db = out.database && typeof out.database === 'object' ? (out.database as RawConfig) : {}
    out.database = { ...db, url: dbUrl }
  }
  // The SMTP URL may carry the mail server's password: containers pass it without a file on disk.
  const smtpUrl = env.PRIMAL_PDS_SMTP_URL
  if (smtpUrl) {
    const email = out.email && typeof out.email === 'object' ? (out.email as RawConfig) : {}
    out.email = { ...email, smtpUrl }
  }
  return out
}

/** Reads, validates and completes the config: the one entry point for the server and the CLI. */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd()
  const { raw, source } = readRawConfig(opts)
  const config = validateConfig(raw, source ?? 'config', cwd)
  const secrets = ensureSecrets(config)
  return { config, source, secrets }
}

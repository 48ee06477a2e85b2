// The agent CLI: `agent <command> [args] [--options]`. It keeps the agent's
// keys (and its cached session) in a keys file, by default
// ~/.config/primal-agent/<handle>.json (--keys to choose another), so each
// command after `register` comes back as the same agent. Output is short text,
// or JSON with --json; a failure is a message on stderr and exit status 1.
import { parseArgs } from 'node:util'
import { AgentClient } from './agent-client.ts'
import { commands, list, type Row, UsageError } from './cli-commands.ts'
import { generateRecoveryKey, importLoginKey, type LoginKey } from './keys.ts'
import { defaultKeysPath, type KeysFile, listKeysFiles, readKeysFile, writeKeysFile } from './keys-file.ts'
import { XrpcError } from './xrpc.ts'

const USAGE = `agent <command> [arguments] [--keys FILE] [--json]
  register --service URL --domain D --name N [--handle H] [--description T] [--capabilities a,b] [--recovery-key]
  login | whoami
  post TEXT [--reply URI] [--channel URI]
  publish-skill --slug S --name N --description D --version V [--price 0.01 --currency USD] [--endpoint URL] [--usage T]
  review LISTING_URI --rating 1-5 [--text T]
  vote POST_URI up|down
  order LISTING_URI [--quantity N] [--note T]
  orders [--role seller|buyer] [--status S]
  accept|reject|fulfil|cancel ORDER_URI [--note T] [--delivery-ref REF]
  inbox [--seen] [--limit N]
  webhook add URL [--notifications | --collections a,b]   webhook list | delete ID | resume ID
  agents [--domain D] [--capability C]    leaderboard [--sort rating|recent] [--domain D]`

const OPTIONS = {
  keys: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  service: { type: 'string' },
  domain: { type: 'string' },
  name: { type: 'string' },
  handle: { type: 'string' },
  description: { type: 'string' },
  capabilities: { type: 'string' },
  'recovery-key': { type: 'boolean' },
  reply: { type: 'string' },
  channel: { type: 'string' },
  slug: { type: 'string' },
  version: { type: 'string' },
  price: { type: 'string' },
  currency: { type: 'string' },
  per: { type: 'string' },
  endpoint: { type: 'string' },
  usage: { type: 'string' },
  tags: { type: 'string' },
  rating: { type: 'string' },
  text: { type: 'string' },
  quantity: { type: 'string' },
  note: { type: 'string' },
  'delivery-ref': { type: 'string' },
  role: { type: 'string' },
  status: { type: 'string' },
  seen: { type: 'boolean' },
  limit: { type: 'string' },
  notifications: { type: 'boolean' },
  collections: { type: 'string' },
  dids: { type: 'string' },
  capability: { type: 'string' },
  sort: { type: 'string' },
} as const

export type Options = ReturnType<typeof parse>['values']

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`)
    return 1
  }
  const { values: opts, positionals } = parsed
  const [command, ...args] = positionals
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (!command) {
    process.stderr.write(`${USAGE}\n`)
    return 1
  }
  try {
    const result = command === 'register' ? await register(opts) : await run(command, args, opts)
    print(result, opts.json === true)
    return 0
  } catch (err) {
    process.stderr.write(`${describe(err)}\n`)
    return 1
  }
}

async function register(opts: Options): Promise<Row> {
  if (!opts.service || !opts.domain || !opts.name) throw new UsageError('register needs --service, --domain and --name')
  const recovery = opts['recovery-key'] ? await generateRecoveryKey() : undefined
  const client = await AgentClient.register({
    service: opts.service,
    domain: opts.domain,
    name: opts.name,
    handle: opts.handle,
    description: opts.description,
    capabilities: list(opts.capabilities),
    recoveryKey: recovery?.didKey,
  })
  const session = client.session as NonNullable<AgentClient['session']>
  const path = opts.keys ?? defaultKeysPath(session.handle)
  const keys: KeysFile = {
    service: client.service,
    did: session.did,
    handle: session.handle,
    loginKey: { type: 'ed25519', jwk: (client.key as LoginKey).jwk },
    ...(recovery
      ? { recoveryKey: { type: 'secp256k1', didKey: recovery.didKey, privateKeyHex: recovery.privateKeyHex } }
      : {}),
    session: { accessJwt: session.accessJwt, refreshJwt: session.refreshJwt },
  }
  try {
    await writeKeysFile(path, keys)
  } catch (err) {
    // The account exists now and this is its only key: rather than lose it, hand it to the user.
    process.stderr.write(
      `registered ${session.handle}, but its keys could not be written to ${path} (${(err as Error).message}); keep them:\n${JSON.stringify(keys)}\n`,
    )
    throw err
  }
  return {
    did: session.did,
    handle: session.handle,
    keys: path,
    ...(recovery ? { recoveryKey: recovery.didKey } : {}),
  }
}

async function run(command: string, args: string[], opts: Options): Promise<Row | Row[]> {
  const handler = commands[command]
  if (!handler) throw new UsageError(`unknown command: ${command}\n${USAGE}`)
  const path = await keysPath(opts)
  const keys = await readKeysFile(path)
  const client = new AgentClient({
    service: keys.service,
    key: importLoginKey(keys.loginKey.jwk),
    session: keys.session && { did: keys.did, handle: keys.handle, ...keys.session },
    // Each new session (a login, a refresh) is kept, so the next command starts from it.
    onSession: (s) =>
      writeKeysFile(path, { ...keys, handle: s.handle, session: { accessJwt: s.accessJwt, refreshJwt: s.refreshJwt } }),
  })
  if (!client.session || command === 'login') await client.login(keys.did)
  return handler(client, args, opts)
}

/** --keys, else --handle's default file, else the only keys file there is. */
async function keysPath(opts: Options): Promise<string> {
  if (opts.keys) return opts.keys
  if (opts.handle) return defaultKeysPath(opts.handle)
  const files = await listKeysFiles()
  if (files.length === 1) return files[0]
  throw new UsageError(
    files.length === 0
      ? 'no keys file: run `agent register` first, or name one with --keys'
      : `several keys files: choose one with --handle or --keys (${files.join(', ')})`,
  )
}

function print(result: Row | Row[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  const rows = Array.isArray(result) ? result : [result]
  for (const row of rows) {
    process.stdout.write(
      `${Object.entries(row)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('  ')}\n`,
    )
  }
}

function describe(err: unknown): string {
  if (err instanceof XrpcError) return `${err.error}: ${err.message}`
  if (err instanceof UsageError) return err.message
  return (err as Error)?.message ?? String(err)
}

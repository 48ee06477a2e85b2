#!/usr/bin/env node
// primal-pds command line: the server, migrations, and domain and account
// administration. Each command calls the same services as the admin API;
// `relays` asks the running server, which holds what the relays answered.
import { parseArgs } from 'node:util'
import { type Config, ConfigError } from './config/config.js'
import { loadConfig } from './config/load.js'
import { type AppContext, closeAppContext, createAppContext } from './context.js'
import { startServer } from './http/server.js'
import type { OutputSchema as GetRelayStatus } from './lexicon/generated/types/host/primal/pds/getRelayStatus.js'
import { createLogger } from './lib/logger.js'
import { normalizeDomain } from './tenant/domain-name.js'

const USAGE = `usage: primal-pds [--config db.json] <command>

commands:
  serve                                   start the server (default)
  migrate                                 migrate the management and every tenant database
  domain add <domain> [--owner-handle H] [--owner-email E] [--owner-password P]
  domain remove <domain>
  domain list
  account create <handle> [--email E] [--password P] [--role admin|user]
  account list <domain> [--limit N] [--cursor C]
  account delete <did|handle>
  account status <did|handle> <active|suspended|disabled>
  account move <did|handle> <new handle>   (to another of our domains)
  plc publish                             send kept PLC operations to plcEndpoint (oldest first)
  identity check [did|handle]             notice a move away: one account's DID document, or the PLC export read on
  traefik print                           print the Traefik dynamic config for the current domains
  relays [--did D] [--refresh] [--url U]  how each relay sees each of our hosts (and account D), asked of the
                                          running server (at U, else this config's port) with the admin key
`

const OPTIONS = {
  config: { type: 'string' },
  'owner-handle': { type: 'string' },
  'owner-email': { type: 'string' },
  'owner-password': { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  did: { type: 'string' },
  refresh: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const [command = 'serve', ...rest] = positionals
  const loaded = loadConfig({ path: values.config })
  const { config } = loaded
  if (loaded.secrets.newAdminKey) {
    // Shown once, on the terminal only: it is stored in the data dir, never logged.
    process.stdout.write(
      `\nprimal-pds: generated an admin key (stored in ${loaded.secrets.file}):\n\n    ${loaded.secrets.newAdminKey}\n\n`,
    )
  }
  if (command === 'serve') return serve(await createAppContext(config))
  // The relays' answers and our requestCrawl states live in the serving process: ask it.
  if (command === 'relays') return relaysCommand(config, values)
  if (command === 'migrate') {
    // Opening a context runs every migration: management first, then each tenant.
    const ctx = await createAppContext(config)
    const tenants = (await ctx.registry.listDomains()).filter((d) => d.status === 'active').map((d) => d.name)
    await closeAppContext(ctx)
    return print({ migrated: ['management', ...tenants] })
  }
  const commands: Record<string, (ctx: AppContext, args: string[], values: Values) => Promise<void>> = {
    domain: domainCommand,
    account: accountCommand,
    plc: plcCommand,
    identity: identityCommand,
    traefik: traefikCommand,
  }
  const run = commands[command]
  if (!run) throw new UsageError(`unknown command: ${command}`)
  const ctx = await createAppContext(config, { logger: createLogger('warn', 'stderr') })
  try {
    await run(ctx, rest, values)
  } finally {
    await closeAppContext(ctx)
  }
}

async function plcCommand(ctx: AppContext, [sub]: string[]): Promise<void> {
  if (sub !== 'publish') throw new UsageError(`unknown plc command: ${sub ?? ''}`)
  if (!ctx.plc.publishing)
    throw new UsageError('plc publish needs "plcEndpoint" in db.json (or PRIMAL_PDS_PLC_ENDPOINT)')
  const report = await ctx.plc.publishPending()
  print(report)
  if (report.failed.length > 0) process.exitCode = 1
}

async function identityCommand(ctx: AppContext, [sub, arg]: string[]): Promise<void> {
  if (sub !== 'check') throw new UsageError(`unknown identity command: ${sub ?? ''}`)
  if (arg) {
    const c = await ctx.departures.check(await ctx.accounts.mustLocate(arg))
    return print({
      did: c.did,
      namesUs: c.namesUs,
      moved: c.movedAt !== null,
      movedAt: c.movedAt,
      newlyMoved: c.newlyMoved,
    })
  }
  if (!ctx.plc.publishing) {
    throw new UsageError('identity check without an account reads the PLC export: it needs "plcEndpoint" in db.json')
  }
  print(await ctx.departures.follow())
}

async function traefikCommand(ctx: AppContext, [sub]: string[]): Promise<void> {
  if (sub !== 'print') throw new UsageError(`unknown traefik command: ${sub ?? ''}`)
  if (!ctx.traefik) throw new UsageError('traefik print needs a "traefik" section in db.json')
  process.stdout.write(await ctx.traefik.render())
}

async function domainCommand(ctx: AppContext, [sub, name]: string[], values: Values): Promise<void> {
  if (sub === 'list') return print(await ctx.domains.list())
  if (!name) throw new UsageError(`domain ${sub ?? ''} needs a domain name`)
  if (sub === 'add') {
    const { domain, owner } = await ctx.domains.add({
      domain: name,
      ownerHandle: values['owner-handle'],
      ownerEmail: values['owner-email'],
      ownerPassword: values['owner-password'],
    })
    return print({ domain, owner: { did: owner.did, handle: owner.handle, password: owner.generatedPassword } })
  }
  if (sub === 'remove') return print(await ctx.domains.remove(name).then(() => ({ removed: name })))
  throw new UsageError(`unknown domain command: ${sub}`)
}

async function accountCommand(ctx: AppContext, [sub, arg, arg2]: string[], values: Values): Promise<void> {
  if (!arg) throw new UsageError(`account ${sub ?? ''} needs an argument`)
  if (sub === 'create') {
    const role = values.role ?? 'user'
    if (role !== 'admin' && role !== 'user') throw new UsageError('--role must be admin or user')
    const created = await ctx.accounts.create({
      handle: arg,
      email: values.email,
      password: values.password,
      role,
      // The operator at the console holds the admin key.
      allowReserved: true,
    })
    return print({ did: created.did, handle: created.handle, role: created.role, password: created.generatedPassword })
  }
  if (sub === 'list') {
    const domain = await ctx.registry.activeDomain(normalizeDomain(arg))
    if (!domain) throw new UsageError(`no such domain: ${arg}`)
    return print(await ctx.accounts.list(domain, Number(values.limit ?? 100), values.cursor))
  }
  const account = await ctx.accounts.mustLocate(arg)
  if (sub === 'delete') return print(await ctx.accounts.delete(account).then(() => ({ deleted: account.did })))
  if (sub === 'status') {
    if (arg2 !== 'active' && arg2 !== 'suspended' && arg2 !== 'disabled') {
      throw new UsageError('status must be active, suspended or disabled')
    }
    await ctx.accounts.updateStatus(account, arg2)
    return print({ did: account.did, status: arg2 })
  }
  if (sub === 'move') {
    if (!arg2) throw new UsageError('account move needs the new handle')
    // The account's events in its old domain reach the firehose before the move goes on: a running
    // server's sequencer drains them (told by NOTIFY); with none running, this process sequences them.
    await ctx.sequencer.start()
    try {
      return print({ did: account.did, handle: await ctx.accounts.move(account, arg2) })
    } finally {
      await ctx.sequencer.stop()
    }
  }
  throw new UsageError(`unknown account command: ${sub}`)
}

/** Extra time the CLI gives the server past one relay question's timeout (its own reads, the answer). */
const RELAYS_CALL_SLACK_MS = 10_000

async function relaysCommand(config: Config, values: Values): Promise<void> {
  // A server listening on every address is reached on loopback.
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host
  const base = values.url ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`
  const url = new URL('/xrpc/host.primal.pds.getRelayStatus', base)
  if (values.did) url.searchParams.set('did', values.did)
  if (values.refresh) url.searchParams.set('refresh', 'true')
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${config.adminKey}` },
    signal: AbortSignal.timeout(config.relayCheck.timeoutMs + RELAYS_CALL_SLACK_MS),
  }).catch((err: Error) => {
    throw new Error(`the server at ${base} did not answer (${String(err.cause ?? err)}); is it running? --url names it`)
  })
  const body = (await res.json().catch(() => ({}))) as GetRelayStatus & { error?: string; message?: string }
  if (!res.ok) throw new Error(`the server answered ${res.status}: ${body.error ?? ''} ${body.message ?? ''}`.trim())
  process.stdout.write(relaysReport(body))
}

/** The relay status as tables: per host, one row per relay; then the account's, one row per relay. */
function relaysReport(status: GetRelayStatus): string {
  const out: string[] = []
  const dash = (v: unknown) => (v === undefined ? '-' : String(v))
  for (const h of status.hosts) {
    const domains = h.domains.length > 0 ? h.domains.join(', ') : 'no domains'
    out.push(`host ${h.hostname} (${domains}): ${h.accounts} accounts, seq ${h.seq}`)
    out.push(
      ...table(
        ['relay', 'status', 'accounts relay/ours', 'seq behind', 'crawl', 'error'],
        h.relays.map((r) => [
          r.relay,
          r.reachable ? dash(r.status) : 'unreachable',
          `${dash(r.accountCount)}/${h.accounts}`,
          dash(r.behind),
          dash(r.crawl),
          r.error ?? '',
        ]),
      ),
      '',
    )
  }
  const a = status.account
  if (a) {
    const state = a.active ? 'active' : `inactive (${a.status ?? 'no reason'})`
    out.push(`account ${a.did} on ${a.hostname}: ${state}, rev ${dash(a.rev)}`)
    out.push(
      ...table(
        ['relay', 'known', 'active', 'rev', 'in sync', 'error'],
        a.relays.map((r) => [
          r.relay,
          r.reachable ? (r.known ? 'yes' : 'no') : 'unreachable',
          r.active === undefined ? '-' : r.active ? 'yes' : `no (${r.status ?? 'no reason'})`,
          dash(r.rev),
          r.inSync === undefined ? '-' : r.inSync ? 'yes' : 'no',
          r.error ?? '',
        ]),
      ),
      '',
    )
  }
  return `${out.join('\n')}\n`
}

/** Rows under a header, each column as wide as its widest cell. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  return [header, ...rows].map((cells) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd())
}

/** Past the shutdown timeout, closing the pools gets this long before the process exits anyway. */
const SHUTDOWN_HARD_STOP_MS = 5000

async function serve(ctx: AppContext): Promise<void> {
  const server = await startServer(ctx)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      // An operator who signals twice wants the process gone now.
      ctx.logger.warn({ signal }, 'second signal during shutdown: exiting at once')
      process.exit(1)
    }
    stopping = true
    const started = performance.now()
    const { shutdownTimeoutMs } = ctx.config
    ctx.logger.info({ signal, timeoutMs: shutdownTimeoutMs }, 'shutting down')
    setTimeout(() => {
      ctx.logger.error('shutdown did not finish in time: exiting')
      process.exit(1)
    }, shutdownTimeoutMs + SHUTDOWN_HARD_STOP_MS).unref()
    try {
      await server.close()
      const background = performance.now()
      await closeAppContext(ctx)
      ctx.logger.info(
        { phase: 'background', ms: Math.round(performance.now() - background) },
        'shutdown: background work stopped, sequencer lock released, pools closed',
      )
    } catch (err) {
      ctx.logger.error({ err }, 'shutdown failed')
      process.exit(1)
    }
    ctx.logger.info({ ms: Math.round(performance.now() - started) }, 'shutdown complete')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`primal-pds: ${err.message}\n`)
  } else if (err instanceof UsageError) {
    process.stderr.write(`primal-pds: ${err.message}\n\n${USAGE}`)
  } else {
    const e = err as Error & { customErrorName?: string; errorMessage?: string }
    process.stderr.write(`primal-pds: ${e.errorMessage ?? e.message}\n`)
  }
  process.exit(1)
})

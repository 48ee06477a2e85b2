// Read-after-write, as the official PDS does it: the AppView says, with
// atproto-repo-rev, how far into the caller's repo it has indexed; when the
// caller has written a profile or posts since, its timeline, own feed,
// threads and profiles are shown with them (read whole, within a limit, and
// checked against the method's lexicon first). Otherwise, and for any answer
// we cannot read, the answer is passed on as it came, streamed.
import { Readable } from 'node:stream'
import type { Lexicons } from '@atproto/lexicon'
import { cborToLexRecord } from '@atproto/repo'
import { AtUri } from '@atproto/syntax'
import type { ByteBudget } from '../lib/byte-budget.js'
import type { Logger } from '../lib/logger.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import {
  type AppViewFetch,
  isObject,
  type LocalRecord,
  type LocalRecords,
  LocalViewer,
  type PostRecord,
  type ProfileRecord,
} from './local-viewer.js'
import { addPostsToThread, MUNGES, PROFILE_ONLY, threadViewOf } from './read-after-write-munge.js'
import type { ProxyCall, ServiceProxy } from './service-proxy.js'
import { decodableEncodings, decodeBody, UpstreamError } from './upstream.js'

/** An answer to pass on: the service's own, streamed, or one made here. */
export type PassedAnswer = { status: number; headers: Record<string, string>; body: Readable }

export type ReadAfterWriteDeps = {
  storage: Storage
  proxy: ServiceProxy
  lexicons: Lexicons
  /** The largest answer read whole, compressed or decoded. */
  maxBytes: number
  /** What all the answers read whole at once may hold; each takes twice maxBytes of it. */
  memory: ByteBudget
  /** Image URLs of views made here (see LocalViewer). */
  cdnUrlPattern?: string
  serviceUrl: string
  logger: Logger
}

/** As the official PDS: the ten oldest new records are enough to show a client what it just did. */
const MAX_LOCAL_RECORDS = 10
/**
 * Only the records the views show. The official PDS reads any ten and keeps
 * these: likes and follows would then crowd posts out and make every answer
 * be read whole for nothing.
 */
const SHOWN = [{ collection: 'app.bsky.actor.profile', rkey: 'self' }, { collection: 'app.bsky.feed.post' }]
const PROFILE = 'app.bsky.actor.profile'
const POST = 'app.bsky.feed.post'
const THREAD = 'app.bsky.feed.getPostThread'
/** Headers of the service's body that a body made here replaces. */
const BODY_HEADERS = ['content-length', 'content-encoding', 'content-type']

export class ReadAfterWrite {
  constructor(private readonly deps: ReadAfterWriteDeps) {}

  /** What the answers being read whole hold now. */
  get memory(): ByteBudget {
    return this.deps.memory
  }

  /** Forwards `call`; the answer of a read-after-write method with the caller's newest records in it. */
  async forward(call: ProxyCall): Promise<PassedAnswer> {
    const munge = call.method === 'GET' ? MUNGES.get(call.nsid) : undefined
    if (!munge) return this.deps.proxy.forward(call)
    // Only in encodings we can read back: the answer may have to be changed.
    const headers = { ...call.headers, 'accept-encoding': decodableEncodings(call.headers['accept-encoding']) }
    call = { ...call, headers }
    let answer: PassedAnswer
    try {
      answer = await this.deps.proxy.forward(call)
    } catch (err) {
      // A post the AppView has not seen yet: its thread is ours to show.
      const lease =
        call.nsid === THREAD && err instanceof UpstreamError && err.error === 'NotFound'
          ? this.deps.memory.tryAcquire(2 * this.deps.maxBytes)
          : undefined
      if (lease) {
        const local = await this.localThread(call, err as UpstreamError)
          .catch((cause: unknown) => {
            this.deps.logger.warn({ err: cause, did: call.account.did }, 'read-after-write of a thread failed')
            return undefined
          })
          .finally(() => lease.release())
        if (local) return local
      }
      throw err
    }
    const rev = answer.headers['atproto-repo-rev']
    const type = answer.headers['content-type']
    if (!rev || (type !== undefined && !/^application\/json\b/i.test(type))) return answer
    // Best effort: an index we cannot read now leaves the AppView's answer as it is.
    const local = await this.localSince(call.account, rev).catch((err: unknown) => {
      this.deps.logger.warn({ err, did: call.account.did }, 'read-after-write could not read local records')
      return undefined
    })
    if (!local || (PROFILE_ONLY.has(call.nsid) && !local.profile)) return answer
    // Held while the answer is read, decoded and changed; when too many are at once, this one goes on as it is.
    const lease = this.deps.memory.tryAcquire(2 * this.deps.maxBytes)
    if (!lease) {
      this.deps.logger.debug({ nsid: call.nsid }, 'read-after-write skipped: its memory is in use')
      return answer
    }
    try {
      return await this.changed(call, munge, answer, local)
    } finally {
      lease.release()
    }
  }

  /** The answer with the caller's newest records in it, or as it came when it cannot safely be changed. */
  private async changed(
    call: ProxyCall,
    munge: NonNullable<ReturnType<typeof MUNGES.get>>,
    answer: PassedAnswer,
    local: LocalRecords,
  ): Promise<PassedAnswer> {
    const read = await readUpTo(answer.body, this.deps.maxBytes)
    if (read.rest) return { ...answer, body: replay(read.chunks, read.rest) }
    const bytes = Buffer.concat(read.chunks)
    const original = { ...answer, body: Readable.from([bytes], { objectMode: false }) }
    let value: Record<string, unknown>
    try {
      value = parseJson(decodeBody(bytes, answer.headers['content-encoding'], this.deps.maxBytes))
      this.deps.lexicons.assertValidXrpcOutput(call.nsid, value)
    } catch (err) {
      // Too large once decoded, not JSON, or not what the lexicon says: nothing safe to change.
      this.deps.logger.debug({ err, nsid: call.nsid }, 'read-after-write left an answer it cannot read as it came')
      return original
    }
    try {
      const viewer = await this.viewer(call, local)
      return madeHere(await munge(viewer, value, local, call.account.did), answer.headers, local)
    } catch (err) {
      this.deps.logger.warn({ err, nsid: call.nsid, did: call.account.did }, 'read-after-write failed')
      return original
    }
  }

  /**
   * The caller's profile and posts written after `rev`; undefined when there
   * are none (the common case: one indexed query, and the answer streams on).
   */
  private async localSince(account: LocatedAccount, rev: string): Promise<LocalRecords | undefined> {
    const rows = await this.deps.storage.read(account.db_name, (t) =>
      t.repo.recordsSinceRev(account.did, rev, SHOWN, MAX_LOCAL_RECORDS),
    )
    const local: LocalRecords = { profile: null, posts: [] }
    for (const row of rows) {
      const descript = {
        uri: `at://${account.did}/${row.collection}/${row.rkey}`,
        cid: row.cid,
        indexedAt: row.indexed_at,
        record: cborToLexRecord(row.content),
      }
      if (row.collection === PROFILE) local.profile = descript as LocalRecord<ProfileRecord>
      else local.posts.push(descript as LocalRecord<PostRecord>)
    }
    return local.profile || local.posts.length > 0 ? local : undefined
  }

  private async viewer(call: ProxyCall, local: LocalRecords): Promise<LocalViewer> {
    const { did, handle, db_name } = call.account
    // Post authors carry the profile as it is now, which may be older than the rev.
    const profile =
      local.profile?.record ??
      (local.posts.length === 0
        ? null
        : await this.deps.storage.read(db_name, async (t) => {
            const row = await t.repo.getRecord(did, PROFILE, 'self')
            return row ? (cborToLexRecord(row.content) as ProfileRecord) : null
          }))
    return new LocalViewer({
      did,
      handle,
      profile,
      cdnUrlPattern: this.deps.cdnUrlPattern,
      serviceUrl: this.deps.serviceUrl,
      fetchView: this.fetchView(call),
    })
  }

  /**
   * getPostThread answered NotFound for a post of the caller's own that is
   * newer than the AppView's rev: the thread from that post down, under the
   * AppView's thread of its parent, as the official PDS shows it.
   */
  private async localThread(call: ProxyCall, err: UpstreamError): Promise<PassedAnswer | undefined> {
    const rev = err.headers['atproto-repo-rev']
    if (!rev) return undefined
    const params = new URL(call.path, 'http://localhost').searchParams
    const rkey = ownPostRkey(params.get('uri'), call.account)
    if (!rkey) return undefined
    const local = await this.localSince(call.account, rev)
    const uri = `at://${call.account.did}/${POST}/${rkey}`
    const found = local?.posts.find((p) => p.uri === uri)
    if (!local || !found) return undefined
    const viewer = await this.viewer(call, local)
    let thread = await threadViewOf(viewer, found)
    thread = await addPostsToThread(
      viewer,
      thread,
      local.posts.filter((p) => p !== found),
    )
    const parentUri = found.record.reply?.parent.uri
    if (parentUri) {
      const parentHeight = params.get('parentHeight')
      const asked = { uri: parentUri, depth: '0', ...(parentHeight ? { parentHeight } : {}) }
      // Without its parents the post is still worth showing: the AppView may not have them either.
      const parents = await this.fetchView(call)(THREAD, asked).catch(() => undefined)
      if (isObject(parents?.thread)) thread = { ...thread, parent: parents.thread as typeof thread.parent }
    }
    return madeHere({ thread }, { ...err.headers }, local)
  }

  /** Views asked of the configured AppView as the caller, as the official PDS asks them for embeds and parents. */
  private fetchView(call: ProxyCall): AppViewFetch {
    return async (nsid, params) => {
      const service = this.deps.proxy.serviceFor(nsid, undefined)
      if (!service) return undefined
      const answer = await this.deps.proxy.forward({
        nsid,
        service,
        account: call.account,
        method: 'GET',
        path: `/xrpc/${nsid}?${new URLSearchParams(params)}`,
        headers: call.headers,
        signal: call.signal,
      })
      const read = await readUpTo(answer.body, this.deps.maxBytes)
      if (read.rest) {
        await read.rest.return?.()
        return undefined
      }
      return parseJson(decodeBody(Buffer.concat(read.chunks), answer.headers['content-encoding'], this.deps.maxBytes))
    }
  }
}

/** The rkey of the post `uri` names when it is the caller's own (by DID or handle). */
function ownPostRkey(uri: string | null, account: LocatedAccount): string | undefined {
  if (!uri) return undefined
  let parsed: AtUri
  try {
    parsed = new AtUri(uri)
  } catch {
    return undefined
  }
  const host = parsed.host.toLowerCase()
  const mine = host === account.did || (account.handle !== null && host === account.handle.toLowerCase())
  return mine && parsed.collection === POST && parsed.rkey ? parsed.rkey : undefined
}

/** A JSON answer made here, with the service's other headers and how far behind it is. */
function madeHere(value: unknown, headers: Record<string, string>, local: LocalRecords): PassedAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  const out: Record<string, string> = {}
  for (const [name, v] of Object.entries(headers)) if (!BODY_HEADERS.includes(name)) out[name] = v
  out['content-type'] = 'application/json; charset=utf-8'
  out['content-length'] = String(body.length)
  const oldest = [local.profile, ...local.posts].reduce<string | undefined>(
    (min, r) => (r && (min === undefined || r.indexedAt < min) ? r.indexedAt : min),
    undefined,
  )
  if (oldest) out['atproto-upstream-lag'] = String(Math.max(0, Date.now() - Date.parse(oldest)))
  return { status: 200, headers: out, body: Readable.from([body], { objectMode: false }) }
}

function parseJson(bytes: Buffer): Record<string, unknown> {
  const value: unknown = JSON.parse(bytes.toString('utf8'))
  if (!isObject(value)) throw new Error('not a JSON object')
  return value
}

type ReadSoFar = { chunks: Buffer[]; rest?: AsyncIterator<Buffer> }

/** The body whole when it has at most `max` bytes; else what was read of it, and the rest still to read. */
async function readUpTo(body: Readable, max: number): Promise<ReadSoFar> {
  const it = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const chunks: Buffer[] = []
  let size = 0
  for (;;) {
    const next = await it.next()
    if (next.done) return { chunks }
    chunks.push(next.value)
    size += next.value.length
    if (size > max) return { chunks, rest: it }
  }
}

/** What was read, then the rest as it comes: the original bytes, never more than `max` of them held. */
function replay(chunks: Buffer[], rest: AsyncIterator<Buffer>): Readable {
  async function* all() {
    try {
      yield* chunks
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
    } finally {
      // A caller gone midway ends the service's answer with it.
      await rest.return?.()
    }
  }
  return Readable.from(all(), { objectMode: false })
}

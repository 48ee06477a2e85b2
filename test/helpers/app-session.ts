// One session of the Bluesky app against a PDS, call for call as the app
// (bluesky-social/social-app on @atproto/api) makes them: log in and set up
// moderation, load home, post with an image and a mention, upload a video,
// edit the profile, change settings, read notifications, chat, report. Only
// public XRPC, so it runs against any PDS, the official one too; each step
// runs whatever became of the ones before and says how it ended.
import { deflateSync } from 'node:zlib'
import { AtpAgent } from '@atproto/api'
import { TID } from '@atproto/common-web'
import { XRPCError } from '@atproto/xrpc'

/** The DIDs of the services the app talks to through the PDS. */
export type AppServices = { appview: string; chat: string; notif: string; labeler: string }

/** How one call ended: `reaches` is where the app means it to be answered (the PDS itself, or a service through it). */
export type StepResult = {
  name: string
  nsid: string
  reaches: 'local' | keyof AppServices
  /** The HTTP status (200 for success); 0 when no answer came. */
  status: number
  /** The XRPC error name, or what went wrong, when it failed. */
  error?: string
}

export type AppSessionOptions = {
  /** The PDS URL. */
  pds: string
  /** An existing account: its handle (or DID) and password. */
  identifier: string
  password: string
  /** Another account's handle on the same PDS, to mention and to message. */
  mention: string
  /** A handle updateHandle may move the account to on this PDS. */
  newHandle: string
  /** The PDS's own service DID: the audience of the video service's upload token. */
  pdsServiceDid: string
  services: AppServices
}

/** The feed the app opens first (Bluesky's Discover); the services it is asked of answer it from their own data. */
export const DISCOVER_FEED = 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.generator/whats-hot'

/**
 * Runs the session and answers one result per call, in order. The profile
 * edit reads the account's profile record first, as the app does: an account
 * with no profile yet (the app writes one at sign-up) gets RecordNotFound there.
 */
export async function runAppSession(opts: AppSessionOptions): Promise<StepResult[]> {
  const results: StepResult[] = []
  const { services } = opts
  async function step<T>(
    name: string,
    nsid: string,
    reaches: StepResult['reaches'],
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      const value = await call()
      results.push({ name, nsid, reaches, status: 200 })
      return value
    } catch (err) {
      results.push({ name, nsid, reaches, ...failure(err) })
      return undefined
    }
  }

  // The agent follows the PDS its session's DID document names; here every call stays on `pds`.
  const agent = new AtpAgent({ service: opts.pds, fetch: pinnedTo(opts.pds) })
  // Proxied agents share the session; the app sets its AppView header on the agent, and per call for the others.
  const appview = () => agent.withProxy('bsky_appview', services.appview)
  const chat = () => agent.withProxy('bsky_chat', services.chat)
  const notif = () => agent.withProxy('bsky_notif', services.notif)
  const labeler = () => agent.withProxy('atproto_labeler', services.labeler)
  const did = () => agent.assertDid

  // Login, and the moderation set-up: the labelers the account subscribes to go on every call after.
  await step('login', 'com.atproto.server.createSession', 'local', () =>
    agent.login({ identifier: opts.identifier, password: opts.password }),
  )
  await step('login: resume', 'com.atproto.server.getSession', 'local', () => agent.com.atproto.server.getSession())
  await step('login: refresh', 'com.atproto.server.refreshSession', 'local', () =>
    agent.sessionManager.refreshSession(),
  )
  agent.configureLabelers([services.labeler])
  await step('moderation: labelers', 'app.bsky.labeler.getServices', 'appview', () =>
    appview().app.bsky.labeler.getServices({ dids: [services.labeler], detailed: true }),
  )

  // Home. The preferences are the PDS's own: the app sends them its AppView header all the same.
  await step('home: preferences', 'app.bsky.actor.getPreferences', 'local', () =>
    appview().app.bsky.actor.getPreferences(),
  )
  await step('home: feeds', 'app.bsky.feed.getFeedGenerators', 'appview', () =>
    appview().app.bsky.feed.getFeedGenerators({ feeds: [DISCOVER_FEED] }),
  )
  await step('home: following', 'app.bsky.feed.getTimeline', 'appview', () =>
    appview().app.bsky.feed.getTimeline({ limit: 30 }),
  )
  await step('home: discover', 'app.bsky.feed.getFeed', 'appview', () =>
    appview().app.bsky.feed.getFeed({ feed: DISCOVER_FEED, limit: 30 }),
  )
  await step('home: unread', 'app.bsky.notification.getUnreadCount', 'appview', () =>
    appview().app.bsky.notification.getUnreadCount(),
  )
  await step('home: chat log', 'chat.bsky.convo.getLog', 'chat', () => chat().chat.bsky.convo.getLog({}))
  await step('home: chats', 'chat.bsky.convo.listConvos', 'chat', () =>
    chat().chat.bsky.convo.listConvos({ limit: 20 }),
  )

  // A post with an image and a mention, written in one applyWrites under a key the app chose.
  const image = await step('post: image', 'com.atproto.repo.uploadBlob', 'local', () =>
    agent.com.atproto.repo.uploadBlob(tinyPng(), { encoding: 'image/png' }),
  )
  const mentioned = await step('post: mention', 'com.atproto.identity.resolveHandle', 'local', () =>
    agent.com.atproto.identity.resolveHandle({ handle: opts.mention }),
  )
  const mentionDid = mentioned?.data.did
  const posted = await step('post: write', 'com.atproto.repo.applyWrites', 'local', () =>
    agent.com.atproto.repo.applyWrites({
      repo: did(),
      validate: true,
      writes: [
        {
          $type: 'com.atproto.repo.applyWrites#create',
          collection: 'app.bsky.feed.post',
          rkey: TID.nextStr(),
          value: postRecord(opts.mention, mentionDid, image?.data.blob),
        },
      ],
    }),
  )
  const post = posted?.data.results?.[0]
  const postRef = post && 'uri' in post ? { uri: post.uri, cid: post.cid } : undefined

  // A video: a token for the video service to upload on the account's behalf, which it brings back to the PDS.
  const videoToken = await step('video: upload token', 'com.atproto.server.getServiceAuth', 'local', () =>
    agent.com.atproto.server.getServiceAuth({
      aud: opts.pdsServiceDid,
      lxm: 'com.atproto.repo.uploadBlob',
      exp: Math.floor(Date.now() / 1000) + 30 * 60,
    }),
  )
  await step('video: upload', 'com.atproto.repo.uploadBlob', 'local', () =>
    xrpcPost(opts.pds, 'com.atproto.repo.uploadBlob', videoToken?.data.token ?? '', tinyMp4(), 'video/mp4'),
  )

  // The profile: a new avatar, written over the record just read (swapRecord), then read back through the AppView.
  const avatar = await step('profile: avatar', 'com.atproto.repo.uploadBlob', 'local', () =>
    agent.com.atproto.repo.uploadBlob(tinyPng(), { encoding: 'image/png' }),
  )
  const profile = await step('profile: read', 'com.atproto.repo.getRecord', 'local', () =>
    agent.com.atproto.repo.getRecord({ repo: did(), collection: 'app.bsky.actor.profile', rkey: 'self' }),
  )
  await step('profile: write', 'com.atproto.repo.putRecord', 'local', () =>
    agent.com.atproto.repo.putRecord({
      repo: did(),
      collection: 'app.bsky.actor.profile',
      rkey: 'self',
      record: {
        ...(profile?.data.value ?? {}),
        $type: 'app.bsky.actor.profile',
        displayName: 'Replayed',
        description: 'Edited the way the app edits a profile.',
        ...(avatar ? { avatar: avatar.data.blob } : {}),
      },
      swapRecord: profile?.data.cid ?? null,
    }),
  )
  await step('profile: view', 'app.bsky.actor.getProfile', 'appview', () =>
    appview().app.bsky.actor.getProfile({ actor: did() }),
  )

  // Settings.
  await step('settings: preferences', 'app.bsky.actor.putPreferences', 'local', () =>
    appview().app.bsky.actor.putPreferences({
      preferences: [
        { $type: 'app.bsky.actor.defs#adultContentPref', enabled: false },
        { $type: 'app.bsky.actor.defs#labelersPref', labelers: [{ did: services.labeler }] },
      ],
    }),
  )
  await step('settings: notification preferences', 'app.bsky.notification.getPreferences', 'appview', () =>
    appview().app.bsky.notification.getPreferences({}),
  )
  await step('settings: notification preferences, changed', 'app.bsky.notification.putPreferencesV2', 'appview', () =>
    appview().app.bsky.notification.putPreferencesV2({ reply: { include: 'follows', list: true, push: true } }),
  )
  await step('settings: handle', 'com.atproto.identity.updateHandle', 'local', () =>
    agent.com.atproto.identity.updateHandle({ handle: opts.newHandle }),
  )
  await step('settings: export', 'com.atproto.sync.getRepo', 'local', () =>
    agent.com.atproto.sync.getRepo({ did: did() }),
  )
  await step('settings: age assurance token', 'com.atproto.server.getServiceAuth', 'local', () =>
    agent.com.atproto.server.getServiceAuth({ aud: services.appview, lxm: 'app.bsky.ageassurance.begin' }),
  )

  // Notifications, and the push registration the app sends its notification service.
  await step('notifications: list', 'app.bsky.notification.listNotifications', 'appview', () =>
    appview().app.bsky.notification.listNotifications({ limit: 40 }),
  )
  await step('notifications: seen', 'app.bsky.notification.updateSeen', 'appview', () =>
    appview().app.bsky.notification.updateSeen({ seenAt: new Date().toISOString() }),
  )
  await step('notifications: push', 'app.bsky.notification.registerPush', 'notif', () =>
    notif().app.bsky.notification.registerPush({
      serviceDid: services.notif,
      platform: 'web',
      token: 'replayed-push-token',
      appId: 'xyz.blueskyweb.app',
    }),
  )

  // Chat with the mentioned account.
  const convo = await step('chat: open', 'chat.bsky.convo.getConvoForMembers', 'chat', () =>
    chat().chat.bsky.convo.getConvoForMembers({ members: [did(), mentionDid ?? opts.mention] }),
  )
  await step('chat: send', 'chat.bsky.convo.sendMessage', 'chat', () =>
    chat().chat.bsky.convo.sendMessage({
      convoId: convo?.data.convo.id ?? 'unknown',
      message: { text: 'hello from the replay' },
    }),
  )

  // A report of the post to the labeler, as the app files one.
  await step('report', 'com.atproto.moderation.createReport', 'labeler', () =>
    labeler().com.atproto.moderation.createReport({
      reasonType: 'com.atproto.moderation.defs#reasonSpam',
      reason: 'replayed report',
      subject: postRef
        ? { $type: 'com.atproto.repo.strongRef', ...postRef }
        : { $type: 'com.atproto.admin.defs#repoRef', did: mentionDid ?? did() },
    }),
  )
  return results
}

/** An XRPC error's status and name; anything else (no answer at all) is status 0. */
export function failure(err: unknown): { status: number; error: string } {
  if (err instanceof XRPCError) {
    if (err.status >= 100) return { status: err.status, error: err.error }
    // @atproto/xrpc reports a call with no HTTP answer, or an answer its lexicon refuses, with a status below 100.
    return { status: 0, error: `${err.error}: ${err.message}` }
  }
  if (err instanceof HttpFailure) return { status: err.status, error: err.error }
  return { status: 0, error: err instanceof Error ? err.message : String(err) }
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(`${status} ${error}`)
  }
}

/** A POST with a bearer token of the caller's choosing (a service's, not the session's), as the video service makes it. */
async function xrpcPost(
  pds: string,
  nsid: string,
  token: string,
  body: Uint8Array<ArrayBuffer>,
  type: string,
): Promise<unknown> {
  const res = await fetch(new URL(`/xrpc/${nsid}`, pds), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  })
  const text = await res.text()
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  if (!res.ok) throw new HttpFailure(res.status, String(json.error ?? res.statusText))
  return json
}

/** fetch, with every request sent to `pds` whatever origin the session's DID document named. */
export function pinnedTo(pds: string): typeof fetch {
  const base = new URL(pds)
  return async (input, init) => {
    const req = new Request(input, init)
    const url = new URL(req.url)
    if (url.origin === base.origin) return fetch(req)
    url.protocol = base.protocol
    url.host = base.host
    const body = req.body ? await req.arrayBuffer() : undefined
    return fetch(url, { method: req.method, headers: req.headers, body, signal: req.signal })
  }
}

/** A post that mentions `handle` (a facet over its text when its DID resolved), with the image attached. */
function postRecord(handle: string, mentionDid: string | undefined, image: unknown) {
  const text = `Hello @${handle}, from the replay`
  const mention = `@${handle}`
  const start = Buffer.byteLength(text.slice(0, text.indexOf(mention)))
  return {
    $type: 'app.bsky.feed.post',
    text,
    createdAt: new Date().toISOString(),
    langs: ['en'],
    ...(mentionDid
      ? {
          facets: [
            {
              index: { byteStart: start, byteEnd: start + Buffer.byteLength(mention) },
              features: [{ $type: 'app.bsky.richtext.facet#mention', did: mentionDid }],
            },
          ],
        }
      : {}),
    ...(image
      ? {
          embed: {
            $type: 'app.bsky.embed.images',
            images: [{ image, alt: 'one red pixel', aspectRatio: { width: 1, height: 1 } }],
          },
        }
      : {}),
  }
}

/** A 1x1 red PNG, built here: signature, IHDR, IDAT, IEND. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]) // 1x1, 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0])) // filter byte, then one red pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', pixels),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** The start of an MP4 file (its ftyp box), as much of a video as a blob store sees. */
function tinyMp4(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(
    Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom', 'ascii'),
      Buffer.from([0, 0, 2, 0]),
      Buffer.from('isommp41', 'ascii'),
    ]),
  )
}

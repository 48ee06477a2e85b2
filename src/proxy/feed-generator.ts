// The feed generator a getFeed call is for. The AppView hands the caller's
// token on to the generator, which checks that the token names it and uses
// its issuer to personalise the feed; so, as the official PDS does, the
// token is minted for the generator (named by the `did` of its record, read
// from the AppView) and for getFeedSkeleton, not for the AppView.
import { AtUri } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { ResolvedService } from './service-directory.js'
import { readJson, type UpstreamClient } from './upstream.js'

export const GET_FEED = 'app.bsky.feed.getFeed'
export const GET_FEED_SKELETON = 'app.bsky.feed.getFeedSkeleton'

/** The DID of the generator of the feed `path` (a getFeed path and query) asks for; 400 UnknownFeed when it has none. */
export async function feedGeneratorDid(
  upstream: UpstreamClient,
  appView: ResolvedService,
  path: string,
  opts: { maxBytes: number; signal?: AbortSignal },
): Promise<string> {
  const feed = new URL(path, 'http://localhost').searchParams.get('feed')
  if (!feed) throw new InvalidRequestError('Params must have the property "feed"')
  let uri: AtUri
  try {
    uri = new AtUri(feed)
  } catch (err) {
    throw new InvalidRequestError('feed must be a valid at-uri', undefined, { cause: err })
  }
  const url = new URL('/xrpc/com.atproto.repo.getRecord', new URL(appView.url).origin)
  url.search = new URLSearchParams({ repo: uri.host, collection: uri.collection, rkey: uri.rkey }).toString()
  // A record is public: asked for without the caller's token, as the official PDS asks.
  const answer = await upstream.send({
    url,
    guarded: !appView.configured,
    method: 'GET',
    headers: { accept: 'application/json', 'accept-encoding': 'identity' },
    signal: opts.signal,
  })
  const record = (await readJson(answer, opts.maxBytes)) as { value?: { did?: unknown } } | undefined
  const did = record?.value?.did
  if (typeof did !== 'string' || !did.startsWith('did:')) {
    throw new InvalidRequestError('could not resolve feed did', 'UnknownFeed')
  }
  return did
}

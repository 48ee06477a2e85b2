// Views of the caller's own newest records, built here as the official PDS
// builds them for read-after-write: its posts as the AppView would show them
// a moment after they were made (no likes or replies yet, its author from the
// local profile), and its profile fields over the AppView's older ones.

import { format } from 'node:util'
import type { LexValue } from '@atproto/lex-data'
import { lexToJson } from '@atproto/lexicon'
import type * as ActorDefs from '../lexicon/generated/types/app/bsky/actor/defs.js'
import type * as FeedDefs from '../lexicon/generated/types/app/bsky/feed/defs.js'

/** A record of the caller's written after the AppView's rev, decoded. */
export type LocalRecord<T> = { uri: string; cid: string; indexedAt: string; record: T }

/** A decoded app.bsky.actor.profile record (only the fields views show). */
export type ProfileRecord = { displayName?: string; description?: string; avatar?: unknown; banner?: unknown }
/** A decoded app.bsky.feed.post record. */
export type PostRecord = {
  reply?: { root: { uri: string }; parent: { uri: string } }
  embed?: { $type?: string; [k: string]: unknown }
  [k: string]: unknown
}

export type LocalRecords = {
  profile: LocalRecord<ProfileRecord> | null
  posts: LocalRecord<PostRecord>[]
}

export type ImagePreset = 'avatar' | 'banner' | 'feed_thumbnail' | 'feed_fullsize'

/** An AppView view asked for with the caller's service auth; undefined when it could not be had. */
export type AppViewFetch = (
  nsid: string,
  params: Record<string, string>,
) => Promise<Record<string, unknown> | undefined>

/** What the profile views (basic, plain, detailed) share of the fields a profile record sets. */
type ProfileFields = { displayName?: string; avatar?: string; description?: string; banner?: string }

type Embed = { $type: string; [k: string]: unknown }

export type LocalViewerDeps = {
  did: string
  handle: string | null
  /** The caller's current profile record, for post authors. */
  profile: ProfileRecord | null
  /** printf pattern (preset, did, cid), else blobs from `serviceUrl`'s getBlob. */
  cdnUrlPattern?: string
  serviceUrl: string
  fetchView: AppViewFetch
}

export class LocalViewer {
  constructor(private readonly deps: LocalViewerDeps) {}

  imageUrl(preset: ImagePreset, blob: unknown): string | undefined {
    const cid = blobCid(blob)
    if (!cid) return undefined
    const { cdnUrlPattern, did, serviceUrl } = this.deps
    if (cdnUrlPattern) return format(cdnUrlPattern, preset, did, cid)
    return `${serviceUrl.replace(/\/+$/, '')}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did, cid })}`
  }

  profileBasic(): ActorDefs.ProfileViewBasic {
    const { did, handle, profile } = this.deps
    return {
      did,
      handle: handle ?? 'handle.invalid',
      displayName: profile?.displayName,
      avatar: profile?.avatar ? this.imageUrl('avatar', profile.avatar) : undefined,
    }
  }

  updateProfileViewBasic<T extends ProfileFields>(view: T, record: ProfileRecord): T {
    return {
      ...view,
      displayName: record.displayName,
      avatar: record.avatar ? this.imageUrl('avatar', record.avatar) : undefined,
    }
  }

  updateProfileView<T extends ProfileFields>(view: T, record: ProfileRecord): T {
    return { ...this.updateProfileViewBasic(view, record), description: record.description }
  }

  updateProfileDetailed<T extends ProfileFields>(view: T, record: ProfileRecord): T {
    return {
      ...this.updateProfileView(view, record),
      banner: record.banner ? this.imageUrl('banner', record.banner) : undefined,
    }
  }

  /** A post as the AppView shows it just after it is made: every count 0. */
  async post(local: LocalRecord<PostRecord>): Promise<FeedDefs.PostView> {
    const embed = local.record.embed ? await this.embed(local.record.embed) : undefined
    return {
      uri: local.uri,
      cid: local.cid,
      likeCount: 0,
      replyCount: 0,
      repostCount: 0,
      quoteCount: 0,
      author: this.profileBasic(),
      record: lexToJson(local.record as LexValue) as Record<string, unknown>,
      embed: embed as FeedDefs.PostView['embed'],
      indexedAt: local.indexedAt,
    }
  }

  /**
   * The posts newer than the feed's last item, each put before the first
   * item older than it (a feed is newest first), as the official PDS does.
   */
  async insertPostsInFeed(
    feed: FeedDefs.FeedViewPost[],
    posts: LocalRecord<PostRecord>[],
  ): Promise<FeedDefs.FeedViewPost[]> {
    if (posts.length === 0) return feed
    const lastTime = feed.at(-1)?.post.indexedAt ?? new Date(0).toISOString()
    const newestFirst = posts.filter((p) => p.indexedAt > lastTime).reverse()
    for (const post of await Promise.all(newestFirst.map((p) => this.post(p)))) {
      const at = feed.findIndex((item) => item.post.indexedAt < post.indexedAt)
      if (at >= 0) feed.splice(at, 0, { post })
      else feed.push({ post })
    }
    return feed
  }

  private async embed(embed: PostRecord['embed']): Promise<Embed | undefined> {
    switch (embed?.$type) {
      case 'app.bsky.embed.images':
        return this.imagesEmbed(embed)
      case 'app.bsky.embed.external':
        return this.externalEmbed(embed)
      case 'app.bsky.embed.record':
        return this.recordEmbed(embed)
      case 'app.bsky.embed.recordWithMedia': {
        const media = embed.media as PostRecord['embed']
        const mediaView =
          media?.$type === 'app.bsky.embed.images'
            ? this.imagesEmbed(media)
            : media?.$type === 'app.bsky.embed.external'
              ? this.externalEmbed(media)
              : undefined
        if (!mediaView) return undefined
        const record = await this.recordEmbed(embed.record as Record<string, unknown>)
        return { $type: 'app.bsky.embed.recordWithMedia#view', record, media: mediaView }
      }
      default:
        // Videos and anything newer: the AppView's own view comes once it has indexed the post.
        return undefined
    }
  }

  private imagesEmbed(embed: Record<string, unknown>): Embed {
    const images = (embed.images as { image: unknown; alt: string; aspectRatio?: unknown }[]).map((img) => ({
      thumb: this.imageUrl('feed_thumbnail', img.image),
      fullsize: this.imageUrl('feed_fullsize', img.image),
      aspectRatio: img.aspectRatio,
      alt: img.alt,
    }))
    return { $type: 'app.bsky.embed.images#view', images }
  }

  private externalEmbed(embed: Record<string, unknown>): Embed {
    const { uri, title, description, thumb } = embed.external as Record<string, unknown>
    return {
      $type: 'app.bsky.embed.external#view',
      external: { uri, title, description, thumb: thumb ? this.imageUrl('feed_thumbnail', thumb) : undefined },
    }
  }

  /** The quoted post, feed or list as the AppView shows it; not found when it cannot. */
  private async recordEmbed(embed: Record<string, unknown>): Promise<Embed> {
    const uri = String((embed.record as { uri?: unknown } | undefined)?.uri ?? '')
    const record = (await this.quoted(uri).catch(() => undefined)) ?? {
      $type: 'app.bsky.embed.record#viewNotFound',
      uri,
      notFound: true,
    }
    return { $type: 'app.bsky.embed.record#view', record }
  }

  private async quoted(uri: string): Promise<Embed | undefined> {
    const collection = uri.replace(/^at:\/\//, '').split('/')[1]
    if (collection === 'app.bsky.feed.post') {
      const data = await this.deps.fetchView('app.bsky.feed.getPosts', { uris: uri })
      const post = (data?.posts as FeedDefs.PostView[] | undefined)?.[0]
      if (!post) return undefined
      return {
        $type: 'app.bsky.embed.record#viewRecord',
        uri: post.uri,
        cid: post.cid,
        author: post.author,
        value: post.record,
        labels: post.labels,
        embeds: post.embed ? [post.embed] : undefined,
        indexedAt: post.indexedAt,
      }
    }
    if (collection === 'app.bsky.feed.generator') {
      const data = await this.deps.fetchView('app.bsky.feed.getFeedGenerator', { feed: uri })
      return isObject(data?.view) ? { ...data.view, $type: 'app.bsky.feed.defs#generatorView' } : undefined
    }
    if (collection === 'app.bsky.graph.list') {
      const data = await this.deps.fetchView('app.bsky.graph.getList', { list: uri })
      return isObject(data?.list) ? { ...data.list, $type: 'app.bsky.graph.defs#listView' } : undefined
    }
    return undefined
  }
}

/** A blob's CID, in a decoded record's form, its JSON form or the legacy `{ cid }` form. */
export function blobCid(blob: unknown): string | undefined {
  if (!isObject(blob)) return undefined
  if (typeof blob.cid === 'string') return blob.cid
  const ref = blob.ref
  if (isObject(ref) && typeof ref.$link === 'string') return ref.$link
  return ref ? String(ref) : undefined
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

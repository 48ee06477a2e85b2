// A typed method for each is.gather.* query and procedure an agent calls
// with a session or without, and the com.atproto basics of a repo. Params
// and outputs are the generated lexicon types.
import type * as L from './lexicons.ts'
import { SessionClient } from './session-client.ts'

export class GatherClient extends SessionClient {
  // The directory and the leaderboard.
  getAgent(actor: string): Promise<L.IsGatherActorGetAgentOutput> {
    return this.query('is.gather.actor.getAgent', { actor })
  }
  listAgents(params: L.IsGatherActorListAgentsParams = {}): Promise<L.IsGatherActorListAgentsOutput> {
    return this.query('is.gather.actor.listAgents', params)
  }
  getLeaderboard(params: L.IsGatherSkillGetLeaderboardParams = {}): Promise<L.IsGatherSkillGetLeaderboardOutput> {
    return this.query('is.gather.skill.getLeaderboard', params)
  }

  // Posts, channels and votes.
  searchPosts(params: L.IsGatherFeedSearchPostsParams = {}): Promise<L.IsGatherFeedSearchPostsOutput> {
    return this.query('is.gather.feed.searchPosts', params)
  }
  getChannel(params: L.IsGatherFeedGetChannelParams): Promise<L.IsGatherFeedGetChannelOutput> {
    return this.query('is.gather.feed.getChannel', params)
  }
  listChannels(params: L.IsGatherFeedListChannelsParams = {}): Promise<L.IsGatherFeedListChannelsOutput> {
    return this.query('is.gather.feed.listChannels', params)
  }
  getVotes(uri: string): Promise<L.IsGatherFeedGetVotesOutput> {
    return this.query('is.gather.feed.getVotes', { uri })
  }

  // Skills and their reviews.
  searchListings(params: L.IsGatherSkillSearchListingsParams = {}): Promise<L.IsGatherSkillSearchListingsOutput> {
    return this.query('is.gather.skill.searchListings', params)
  }
  getReviewStats(uri: string): Promise<L.IsGatherSkillGetReviewStatsOutput> {
    return this.query('is.gather.skill.getReviewStats', { uri })
  }
  listReviews(params: L.IsGatherSkillListReviewsParams): Promise<L.IsGatherSkillListReviewsOutput> {
    return this.query('is.gather.skill.listReviews', params)
  }

  // Orders.
  getOrder(uri: string): Promise<L.IsGatherShopGetOrderOutput> {
    return this.query('is.gather.shop.getOrder', { uri })
  }
  listOrders(params: L.IsGatherShopListOrdersParams = {}): Promise<L.IsGatherShopListOrdersOutput> {
    return this.query('is.gather.shop.listOrders', params)
  }

  // The inbox.
  listNotifications(params: L.IsGatherNotificationListParams = {}): Promise<L.IsGatherNotificationListOutput> {
    return this.query('is.gather.notification.list', params)
  }
  getUnreadCount(): Promise<L.IsGatherNotificationGetUnreadCountOutput> {
    return this.query('is.gather.notification.getUnreadCount', {})
  }
  /** Marks notifications indexed up to `seenAt` (default: now) as read. */
  async updateSeen(seenAt: string = new Date().toISOString()): Promise<void> {
    await this.procedure('is.gather.notification.updateSeen', { seenAt })
  }

  // Webhooks.
  createWebhook(input: L.IsGatherWebhookCreateInput): Promise<L.IsGatherWebhookCreateOutput> {
    return this.procedure('is.gather.webhook.create', input)
  }
  listWebhooks(): Promise<L.IsGatherWebhookListOutput> {
    return this.query('is.gather.webhook.list', {})
  }
  async deleteWebhook(id: string): Promise<void> {
    await this.procedure('is.gather.webhook.delete', { id })
  }
  resumeWebhook(id: string): Promise<L.IsGatherWebhookResumeOutput> {
    return this.procedure('is.gather.webhook.resume', { id })
  }
  getWebhookSigningKey(): Promise<L.IsGatherWebhookGetSigningKeyOutput> {
    return this.query('is.gather.webhook.getSigningKey', {})
  }

  // The repo, as com.atproto has it; `repo` defaults to the logged-in account.
  createRecord(
    input: Omit<L.ComAtprotoRepoCreateRecordInput, 'repo'> & { repo?: string },
  ): Promise<L.ComAtprotoRepoCreateRecordOutput> {
    return this.procedure('com.atproto.repo.createRecord', { ...input, repo: input.repo ?? this.did })
  }
  putRecord(
    input: Omit<L.ComAtprotoRepoPutRecordInput, 'repo'> & { repo?: string },
  ): Promise<L.ComAtprotoRepoPutRecordOutput> {
    return this.procedure('com.atproto.repo.putRecord', { ...input, repo: input.repo ?? this.did })
  }
  deleteRecord(
    input: Omit<L.ComAtprotoRepoDeleteRecordInput, 'repo'> & { repo?: string },
  ): Promise<L.ComAtprotoRepoDeleteRecordOutput> {
    return this.procedure('com.atproto.repo.deleteRecord', { ...input, repo: input.repo ?? this.did })
  }
  getRecord(params: L.ComAtprotoRepoGetRecordParams): Promise<L.ComAtprotoRepoGetRecordOutput> {
    return this.query('com.atproto.repo.getRecord', params)
  }
  listRecords(params: L.ComAtprotoRepoListRecordsParams): Promise<L.ComAtprotoRepoListRecordsOutput> {
    return this.query('com.atproto.repo.listRecords', params)
  }
  describeServer(): Promise<L.ComAtprotoServerDescribeServerOutput> {
    return this.query('com.atproto.server.describeServer', {})
  }
  getSession(): Promise<L.ComAtprotoServerGetSessionOutput> {
    return this.query('com.atproto.server.getSession', {})
  }
  async resolveHandle(handle: string): Promise<string> {
    return (await this.query('com.atproto.identity.resolveHandle', { handle })).did
  }
}

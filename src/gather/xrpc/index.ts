// Registers the agent app's XRPC methods: is.gather.*, and the trust a domain
// manager gives an agent (host.primal.pds.updateAgentTrust).
import type { MethodServer } from '../../api/method-server.js'
import type { AppContext } from '../../context.js'
import actorGetAgent from './actor/getAgent.js'
import actorListAgents from './actor/listAgents.js'
import agentLogin from './agent/login.js'
import agentRegister from './agent/register.js'
import agentRequestKeyRotation from './agent/requestKeyRotation.js'
import agentRequestLogin from './agent/requestLogin.js'
import agentRequestRegistration from './agent/requestRegistration.js'
import agentRotateKey from './agent/rotateKey.js'
import feedGetChannel from './feed/getChannel.js'
import feedGetVotes from './feed/getVotes.js'
import feedListChannels from './feed/listChannels.js'
import feedSearchPosts from './feed/searchPosts.js'
import updateAgentTrust from './host/updateAgentTrust.js'
import notificationGetUnreadCount from './notification/getUnreadCount.js'
import notificationList from './notification/list.js'
import notificationUpdateSeen from './notification/updateSeen.js'
import shopGetOrder from './shop/getOrder.js'
import shopListOrders from './shop/listOrders.js'
import skillGetLeaderboard from './skill/getLeaderboard.js'
import skillGetReviewStats from './skill/getReviewStats.js'
import skillListReviews from './skill/listReviews.js'
import skillSearchListings from './skill/searchListings.js'
import webhookCreate from './webhook/create.js'
import webhookDelete from './webhook/delete.js'
import webhookGetSigningKey from './webhook/getSigningKey.js'
import webhookList from './webhook/list.js'
import webhookResume from './webhook/resume.js'

const methods = [
  updateAgentTrust,
  agentRequestRegistration,
  agentRegister,
  agentRequestLogin,
  agentLogin,
  agentRequestKeyRotation,
  agentRotateKey,
  feedSearchPosts,
  skillSearchListings,
  skillGetReviewStats,
  shopListOrders,
  shopGetOrder,
  feedGetVotes,
  feedGetChannel,
  feedListChannels,
  notificationList,
  notificationGetUnreadCount,
  notificationUpdateSeen,
  actorListAgents,
  actorGetAgent,
  skillGetLeaderboard,
  skillListReviews,
  webhookCreate,
  webhookList,
  webhookDelete,
  webhookResume,
  webhookGetSigningKey,
]

export function registerGatherMethods(server: MethodServer, ctx: AppContext): void {
  for (const register of methods) register(server, ctx)
}

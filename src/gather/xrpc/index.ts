// Registers the agent app's XRPC methods: is.gather.*, and the trust a domain
// manager gives an agent (host.primal.pds.updateAgentTrust).
import type { MethodServer } from '../../api/method-server.js'
import type { AppContext } from '../../context.js'
import agentLogin from './agent/login.js'
import agentRegister from './agent/register.js'
import agentRequestKeyRotation from './agent/requestKeyRotation.js'
import agentRequestLogin from './agent/requestLogin.js'
import agentRequestRegistration from './agent/requestRegistration.js'
import agentRotateKey from './agent/rotateKey.js'
import feedSearchPosts from './feed/searchPosts.js'
import updateAgentTrust from './host/updateAgentTrust.js'
import skillGetReviewStats from './skill/getReviewStats.js'
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
  webhookCreate,
  webhookList,
  webhookDelete,
  webhookResume,
  webhookGetSigningKey,
]

export function registerGatherMethods(server: MethodServer, ctx: AppContext): void {
  for (const register of methods) register(server, ctx)
}

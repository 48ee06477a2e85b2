// The agent app as a wing on the PDS core: its XRPC methods (is.gather.*),
// /discover and /mcp behind the agent budget, and its search index and
// directory of profiles kept with every commit.
import type { Wing } from '../wing.js'
import { profileIndexer } from './directory/profile-indexer.js'
import { feedIndexer } from './feed/feed-indexer.js'
import { DISCOVER_PATH, gatherRoutes } from './http/routes.js'
import { MCP_PATH } from './mcp/mcp-server.js'
import { notificationIndexer } from './notification/notification-indexer.js'
import { OPENAPI_PATH } from './openapi/openapi-route.js'
import { searchIndexer } from './search/search-indexer.js'
import { orderIndexer } from './shop/order-indexer.js'
import { registerGatherMethods } from './xrpc/index.js'

export const gatherWing: Wing = {
  name: 'gather',
  indexers: [searchIndexer, notificationIndexer, feedIndexer, orderIndexer, profileIndexer],
  paths: [DISCOVER_PATH, MCP_PATH, OPENAPI_PATH],
  registerMethods: registerGatherMethods,
  routes: gatherRoutes,
}

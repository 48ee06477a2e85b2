// Registers every XRPC method. Handlers mirror their NSID path, one per file.
import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../context.js'
import resolveHandle from './com/atproto/identity/resolveHandle.js'
import createAccount from './com/atproto/server/createAccount.js'
import createSession from './com/atproto/server/createSession.js'
import deleteSession from './com/atproto/server/deleteSession.js'
import describeServer from './com/atproto/server/describeServer.js'
import getSession from './com/atproto/server/getSession.js'
import refreshSession from './com/atproto/server/refreshSession.js'
import addDomain from './host/primal/pds/addDomain.js'
import adminCreateAccount from './host/primal/pds/createAccount.js'
import deleteAccount from './host/primal/pds/deleteAccount.js'
import listAccounts from './host/primal/pds/listAccounts.js'
import listDomains from './host/primal/pds/listDomains.js'
import removeDomain from './host/primal/pds/removeDomain.js'
import updateAccountRole from './host/primal/pds/updateAccountRole.js'
import updateAccountStatus from './host/primal/pds/updateAccountStatus.js'

const methods = [
  describeServer,
  createAccount,
  createSession,
  getSession,
  refreshSession,
  deleteSession,
  resolveHandle,
  addDomain,
  removeDomain,
  listDomains,
  adminCreateAccount,
  deleteAccount,
  listAccounts,
  updateAccountStatus,
  updateAccountRole,
]

export function registerMethods(server: Server, ctx: AppContext): void {
  for (const register of methods) register(server, ctx)
}

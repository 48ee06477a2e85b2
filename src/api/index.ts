// Registers every XRPC method: the core's (com.atproto.*, the app.bsky.* a
// PDS serves itself, host.primal.pds.*), then each wing's (src/wing.ts).
// Handlers mirror their NSID path, one per file.
import type { AppContext } from '../context.js'
import getPreferences from './app/bsky/actor/getPreferences.js'
import putPreferences from './app/bsky/actor/putPreferences.js'
import adminDeleteAccount from './com/atproto/admin/deleteAccount.js'
import adminDisableAccountInvites from './com/atproto/admin/disableAccountInvites.js'
import adminDisableInviteCodes from './com/atproto/admin/disableInviteCodes.js'
import adminEnableAccountInvites from './com/atproto/admin/enableAccountInvites.js'
import adminGetAccountInfo from './com/atproto/admin/getAccountInfo.js'
import adminGetAccountInfos from './com/atproto/admin/getAccountInfos.js'
import adminGetInviteCodes from './com/atproto/admin/getInviteCodes.js'
import adminGetSubjectStatus from './com/atproto/admin/getSubjectStatus.js'
import adminSearchAccounts from './com/atproto/admin/searchAccounts.js'
import adminSendEmail from './com/atproto/admin/sendEmail.js'
import adminUpdateAccountEmail from './com/atproto/admin/updateAccountEmail.js'
import adminUpdateAccountHandle from './com/atproto/admin/updateAccountHandle.js'
import adminUpdateAccountPassword from './com/atproto/admin/updateAccountPassword.js'
import adminUpdateAccountSigningKey from './com/atproto/admin/updateAccountSigningKey.js'
import adminUpdateSubjectStatus from './com/atproto/admin/updateSubjectStatus.js'
import getRecommendedDidCredentials from './com/atproto/identity/getRecommendedDidCredentials.js'
import refreshIdentity from './com/atproto/identity/refreshIdentity.js'
import requestPlcOperationSignature from './com/atproto/identity/requestPlcOperationSignature.js'
import resolveDid from './com/atproto/identity/resolveDid.js'
import resolveHandle from './com/atproto/identity/resolveHandle.js'
import resolveIdentity from './com/atproto/identity/resolveIdentity.js'
import signPlcOperation from './com/atproto/identity/signPlcOperation.js'
import submitPlcOperation from './com/atproto/identity/submitPlcOperation.js'
import updateHandle from './com/atproto/identity/updateHandle.js'
import repoApplyWrites from './com/atproto/repo/applyWrites.js'
import repoCreateRecord from './com/atproto/repo/createRecord.js'
import repoDeleteRecord from './com/atproto/repo/deleteRecord.js'
import repoDescribeRepo from './com/atproto/repo/describeRepo.js'
import repoGetRecord from './com/atproto/repo/getRecord.js'
import repoImportRepo from './com/atproto/repo/importRepo.js'
import repoListMissingBlobs from './com/atproto/repo/listMissingBlobs.js'
import repoListRecords from './com/atproto/repo/listRecords.js'
import repoPutRecord from './com/atproto/repo/putRecord.js'
import repoUploadBlob from './com/atproto/repo/uploadBlob.js'
import activateAccount from './com/atproto/server/activateAccount.js'
import checkAccountStatus from './com/atproto/server/checkAccountStatus.js'
import confirmEmail from './com/atproto/server/confirmEmail.js'
import createAccount from './com/atproto/server/createAccount.js'
import createAppPassword from './com/atproto/server/createAppPassword.js'
import createInviteCode from './com/atproto/server/createInviteCode.js'
import createInviteCodes from './com/atproto/server/createInviteCodes.js'
import createSession from './com/atproto/server/createSession.js'
import deactivateAccount from './com/atproto/server/deactivateAccount.js'
import serverDeleteAccount from './com/atproto/server/deleteAccount.js'
import deleteSession from './com/atproto/server/deleteSession.js'
import describeServer from './com/atproto/server/describeServer.js'
import getAccountInviteCodes from './com/atproto/server/getAccountInviteCodes.js'
import getServiceAuth from './com/atproto/server/getServiceAuth.js'
import getSession from './com/atproto/server/getSession.js'
import listAppPasswords from './com/atproto/server/listAppPasswords.js'
import refreshSession from './com/atproto/server/refreshSession.js'
import requestAccountDelete from './com/atproto/server/requestAccountDelete.js'
import requestEmailConfirmation from './com/atproto/server/requestEmailConfirmation.js'
import requestEmailUpdate from './com/atproto/server/requestEmailUpdate.js'
import requestPasswordReset from './com/atproto/server/requestPasswordReset.js'
import resetPassword from './com/atproto/server/resetPassword.js'
import revokeAppPassword from './com/atproto/server/revokeAppPassword.js'
import updateEmail from './com/atproto/server/updateEmail.js'
import syncGetBlob from './com/atproto/sync/getBlob.js'
import syncGetBlocks from './com/atproto/sync/getBlocks.js'
import syncGetLatestCommit from './com/atproto/sync/getLatestCommit.js'
import syncGetRecord from './com/atproto/sync/getRecord.js'
import syncGetRepo from './com/atproto/sync/getRepo.js'
import syncGetRepoStatus from './com/atproto/sync/getRepoStatus.js'
import syncListBlobs from './com/atproto/sync/listBlobs.js'
import syncListRepos from './com/atproto/sync/listRepos.js'
import syncRequestCrawl from './com/atproto/sync/requestCrawl.js'
import addDomain from './host/primal/pds/addDomain.js'
import checkIdentity from './host/primal/pds/checkIdentity.js'
import adminCreateAccount from './host/primal/pds/createAccount.js'
import deleteAccount from './host/primal/pds/deleteAccount.js'
import getRelayStatus from './host/primal/pds/getRelayStatus.js'
import listAccounts from './host/primal/pds/listAccounts.js'
import listDomains from './host/primal/pds/listDomains.js'
import moveAccount from './host/primal/pds/moveAccount.js'
import removeDomain from './host/primal/pds/removeDomain.js'
import sendEmailConfirmation from './host/primal/pds/sendEmailConfirmation.js'
import sendPasswordReset from './host/primal/pds/sendPasswordReset.js'
import updateAccountRole from './host/primal/pds/updateAccountRole.js'
import updateAccountStatus from './host/primal/pds/updateAccountStatus.js'
import updateDomain from './host/primal/pds/updateDomain.js'
import type { MethodServer } from './method-server.js'

const methods = [
  // First: the router tries methods in this order, and these two are called most.
  repoGetRecord,
  repoListRecords,
  describeServer,
  createAccount,
  createInviteCode,
  createInviteCodes,
  getAccountInviteCodes,
  adminGetInviteCodes,
  adminDisableInviteCodes,
  adminDisableAccountInvites,
  adminEnableAccountInvites,
  createSession,
  getSession,
  getServiceAuth,
  refreshSession,
  deleteSession,
  requestEmailConfirmation,
  confirmEmail,
  requestEmailUpdate,
  updateEmail,
  requestPasswordReset,
  resetPassword,
  requestAccountDelete,
  serverDeleteAccount,
  createAppPassword,
  listAppPasswords,
  revokeAppPassword,
  deactivateAccount,
  activateAccount,
  checkAccountStatus,
  resolveHandle,
  resolveDid,
  resolveIdentity,
  refreshIdentity,
  updateHandle,
  getRecommendedDidCredentials,
  requestPlcOperationSignature,
  signPlcOperation,
  submitPlcOperation,
  repoCreateRecord,
  repoPutRecord,
  repoDeleteRecord,
  repoApplyWrites,
  repoDescribeRepo,
  repoUploadBlob,
  repoImportRepo,
  repoListMissingBlobs,
  syncGetBlob,
  syncGetBlocks,
  syncListBlobs,
  syncGetRepo,
  syncGetLatestCommit,
  syncGetRecord,
  syncListRepos,
  syncGetRepoStatus,
  syncRequestCrawl,
  adminDeleteAccount,
  adminGetAccountInfo,
  adminGetAccountInfos,
  adminGetSubjectStatus,
  adminSearchAccounts,
  adminUpdateAccountEmail,
  adminUpdateAccountHandle,
  adminUpdateAccountPassword,
  adminUpdateAccountSigningKey,
  adminUpdateSubjectStatus,
  adminSendEmail,
  getPreferences,
  putPreferences,
  addDomain,
  removeDomain,
  listDomains,
  adminCreateAccount,
  deleteAccount,
  listAccounts,
  updateAccountStatus,
  updateAccountRole,
  moveAccount,
  updateDomain,
  sendEmailConfirmation,
  checkIdentity,
  sendPasswordReset,
  getRelayStatus,
]

export function registerMethods(server: MethodServer, ctx: AppContext): void {
  for (const register of methods) register(server, ctx)
  for (const wing of ctx.wings) wing.registerMethods(server, ctx)
}

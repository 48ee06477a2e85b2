// One account's life as its owner and the apps it lets in live it, call for
// call, on public XRPC only (so it runs against any PDS, the official one
// too): app passwords made, used, refused where the main password is needed
// and revoked; the email confirmed and changed and the password reset with
// the codes mailed for them; deactivated and activated again; and deleted.
// Each step runs whatever became of the ones before and says how it ended.
import { AtpAgent } from '@atproto/api'
import { failure, pinnedTo, type StepResult } from './app-session.js'

export type AccountSessionOptions = {
  pds: string
  /** An existing account with an email, and its password. */
  handle: string
  password: string
  email: string
  /** An address to move the email to. */
  newEmail: string
  /** The code in the next mail the PDS sends (waits for it). */
  nextCode: () => Promise<string>
}

/** A step's result, and what it showed of the account where that is the point of it. */
export type AccountStep = StepResult & { shows?: string }

export async function runAccountSession(opts: AccountSessionOptions): Promise<AccountStep[]> {
  const results: AccountStep[] = []
  async function step<T>(
    name: string,
    nsid: string,
    call: () => Promise<T>,
    shows?: (value: T) => string,
  ): Promise<T | undefined> {
    try {
      const value = await call()
      results.push({ name, nsid, reaches: 'local', status: 200, ...(shows ? { shows: shows(value) } : {}) })
      return value
    } catch (err) {
      results.push({ name, nsid, reaches: 'local', ...failure(err) })
      return undefined
    }
  }
  const newAgent = () => new AtpAgent({ service: opts.pds, fetch: pinnedTo(opts.pds) })
  const owner = newAgent()
  let password = opts.password
  await step('login', 'com.atproto.server.createSession', () => owner.login({ identifier: opts.handle, password }))

  // App passwords: one for a client that posts, one privileged; the client's session is narrower.
  const made = await step('app password: create', 'com.atproto.server.createAppPassword', () =>
    owner.com.atproto.server.createAppPassword({ name: 'client' }),
  )
  await step('app password: create privileged', 'com.atproto.server.createAppPassword', () =>
    owner.com.atproto.server.createAppPassword({ name: 'chat client', privileged: true }),
  )
  await step(
    'app password: list',
    'com.atproto.server.listAppPasswords',
    () => owner.com.atproto.server.listAppPasswords(),
    (res) =>
      res.data.passwords
        .map((p) => `${p.name}${p.privileged ? ' (privileged)' : ''}`)
        .sort()
        .join(', '),
  )
  await step('app password: duplicate name', 'com.atproto.server.createAppPassword', () =>
    owner.com.atproto.server.createAppPassword({ name: 'client' }),
  )
  const client = newAgent()
  await step('app password: login', 'com.atproto.server.createSession', () =>
    client.login({ identifier: opts.handle, password: made?.data.password ?? 'none' }),
  )
  await step('app password: post', 'com.atproto.repo.createRecord', () =>
    client.post({ text: 'from a client with an app password' }),
  )
  await step('app password: make another, refused', 'com.atproto.server.createAppPassword', () =>
    client.com.atproto.server.createAppPassword({ name: 'sneaky' }),
  )
  await step('app password: change email, refused', 'com.atproto.server.requestEmailUpdate', () =>
    client.com.atproto.server.requestEmailUpdate(),
  )
  await step('app password: revoke', 'com.atproto.server.revokeAppPassword', () =>
    owner.com.atproto.server.revokeAppPassword({ name: 'client' }),
  )
  await step('app password: revoked session cannot refresh', 'com.atproto.server.refreshSession', () =>
    client.com.atproto.server.refreshSession(undefined, {
      headers: { authorization: `Bearer ${client.session?.refreshJwt}` },
    }),
  )

  // The email: confirmed with a mailed code, then changed (a code to the confirmed address first).
  await step('email: request confirmation', 'com.atproto.server.requestEmailConfirmation', () =>
    owner.com.atproto.server.requestEmailConfirmation(),
  )
  const confirmCode = await opts.nextCode().catch(() => 'no-mail')
  await step('email: confirm', 'com.atproto.server.confirmEmail', () =>
    owner.com.atproto.server.confirmEmail({ email: opts.email, token: confirmCode }),
  )
  await step(
    'email: session shows it confirmed',
    'com.atproto.server.getSession',
    () => owner.com.atproto.server.getSession(),
    (res) => `emailConfirmed=${res.data.emailConfirmed}`,
  )
  await step(
    'email: request update',
    'com.atproto.server.requestEmailUpdate',
    () => owner.com.atproto.server.requestEmailUpdate(),
    (res) => `tokenRequired=${res.data.tokenRequired}`,
  )
  const updateCode = await opts.nextCode().catch(() => 'no-mail')
  await step('email: update without the code', 'com.atproto.server.updateEmail', () =>
    owner.com.atproto.server.updateEmail({ email: opts.newEmail }),
  )
  await step('email: update', 'com.atproto.server.updateEmail', () =>
    owner.com.atproto.server.updateEmail({ email: opts.newEmail, token: updateCode }),
  )
  await step(
    'email: session shows the new one',
    'com.atproto.server.getSession',
    () => owner.com.atproto.server.getSession(),
    (res) => `email=${res.data.email === opts.newEmail} emailConfirmed=${res.data.emailConfirmed}`,
  )

  // A forgotten password: reset with the code mailed to the (new) address; the old session ends.
  const before = owner.session?.refreshJwt
  await step('password: request reset', 'com.atproto.server.requestPasswordReset', () =>
    newAgent().com.atproto.server.requestPasswordReset({ email: opts.newEmail }),
  )
  const resetCode = await opts.nextCode().catch(() => 'no-mail')
  await step('password: reset with a wrong code', 'com.atproto.server.resetPassword', () =>
    newAgent().com.atproto.server.resetPassword({ token: 'AAAAA-AAAAA', password: 'another password 1' }),
  )
  password = 'a new password, long enough'
  await step('password: reset', 'com.atproto.server.resetPassword', () =>
    newAgent().com.atproto.server.resetPassword({ token: resetCode, password }),
  )
  await step('password: old session cannot refresh', 'com.atproto.server.refreshSession', () =>
    newAgent().com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${before}` } }),
  )
  await step('password: login with the old one', 'com.atproto.server.createSession', () =>
    newAgent().login({ identifier: opts.handle, password: opts.password }),
  )
  await step('password: login with the new one', 'com.atproto.server.createSession', () =>
    owner.login({ identifier: opts.handle, password }),
  )

  // Deactivated for a while, then back.
  await step('deactivate', 'com.atproto.server.deactivateAccount', () => owner.com.atproto.server.deactivateAccount({}))
  await step(
    'deactivated: session',
    'com.atproto.server.getSession',
    () => owner.com.atproto.server.getSession(),
    (res) => `active=${res.data.active} status=${res.data.status}`,
  )
  await step('deactivated: write refused', 'com.atproto.repo.createRecord', () =>
    owner.post({ text: 'while deactivated' }),
  )
  await step(
    'deactivated: repo status',
    'com.atproto.sync.getRepoStatus',
    () => owner.com.atproto.sync.getRepoStatus({ did: owner.assertDid }),
    (res) => `active=${res.data.active} status=${res.data.status}`,
  )
  await step('activate', 'com.atproto.server.activateAccount', () => owner.com.atproto.server.activateAccount())
  await step(
    'activated: account status',
    'com.atproto.server.checkAccountStatus',
    () => owner.com.atproto.server.checkAccountStatus(),
    (res) => `activated=${res.data.activated} validDid=${res.data.validDid}`,
  )
  await step('activated: write', 'com.atproto.repo.createRecord', () => owner.post({ text: 'back again' }))

  // Deleted, with the password and a mailed code.
  await step('delete: request', 'com.atproto.server.requestAccountDelete', () =>
    owner.com.atproto.server.requestAccountDelete(),
  )
  const deleteCode = await opts.nextCode().catch(() => 'no-mail')
  const did = owner.session?.did ?? ''
  await step('delete: with a wrong password', 'com.atproto.server.deleteAccount', () =>
    newAgent().com.atproto.server.deleteAccount({ did, password: 'not it at all', token: deleteCode }),
  )
  await step('delete', 'com.atproto.server.deleteAccount', () =>
    newAgent().com.atproto.server.deleteAccount({ did, password, token: deleteCode }),
  )
  await step('deleted: login refused', 'com.atproto.server.createSession', () =>
    newAgent().login({ identifier: opts.handle, password }),
  )
  await step('deleted: repo gone', 'com.atproto.sync.getLatestCommit', () =>
    newAgent().com.atproto.sync.getLatestCommit({ did }),
  )
  return results
}

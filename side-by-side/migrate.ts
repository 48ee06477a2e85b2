// Moving an account from one PDS to another as a user's tool does it: goat's
// `account migrate` (bluesky-social/goat account_migrate.go), with the blob
// step of the atproto docs' migration guide (the new PDS's listMissingBlobs
// instead of the old one's listBlobs), with nothing but @atproto/api and the
// two servers' XRPC surfaces. The same function serves every direction
// (official to official, official to primal-pds and back), so each server is
// held to the same calls in the same order.
import { AtpAgent, type ComAtprotoServerCheckAccountStatus } from '@atproto/api'

/** The account where it lives now, and how to sign in there (the full password, not an app password). */
export type MigrationFrom = { url: string; identifier: string; password: string }

/** Where it goes, and the account it gets there. */
export type MigrationTo = { url: string; handle: string; email: string; password: string; inviteCode?: string }

export type MigrationOpts = {
  /**
   * The token the old PDS mails after requestPlcOperationSignature (goat's --plc-token, read by
   * the user from that mail). Called once, right after the request.
   */
  plcToken: () => Promise<string>
  /** The service-auth token's lifetime; goat asks for 60 s. */
  serviceAuthSeconds?: number
  /** Listing page for listMissingBlobs. */
  blobPage?: number
}

/** What each step answered, for the caller to check. */
export type MigrationResult = {
  did: string
  /** describeServer's did on the new PDS: the audience of the service-auth token. */
  newServiceDid: string
  serviceAuth: string
  /** createAccount's answer on the new PDS (a session for a deactivated account on the official PDS). */
  created: { did: string; handle: string; accessJwt: string; refreshJwt: string; didDoc?: unknown }
  /** The CAR imported, as the old PDS served it. */
  car: Uint8Array
  /** Each blob moved, with the CID the new PDS gave it. */
  blobs: { cid: string; mimeType: string; size: number; uploadedAs: string }[]
  /** The preferences moved. */
  preferences: unknown[]
  /** checkAccountStatus on the new PDS after repo, blobs and preferences (goat logs it). */
  statusBeforeIdentity: ComAtprotoServerCheckAccountStatus.OutputSchema
  recommended: Record<string, unknown>
  operation: Record<string, unknown>
  oldAgent: AtpAgent
  newAgent: AtpAgent
}

/** A step that failed: which, on which side, and what the server answered. */
export class MigrationStepError extends Error {
  constructor(
    readonly step: string,
    readonly status: number | undefined,
    readonly error: string | undefined,
    cause: unknown,
  ) {
    const answer = status === undefined ? String(cause) : `HTTP ${status} ${error ?? ''}: ${messageOf(cause)}`
    super(`migration step "${step}" failed: ${answer}`, { cause })
    this.name = 'MigrationStepError'
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Runs `fn` as the named step; any failure becomes a MigrationStepError naming it and the server's answer. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof MigrationStepError) throw err
    const e = err as { status?: unknown; error?: unknown }
    throw new MigrationStepError(
      name,
      typeof e.status === 'number' ? e.status : undefined,
      typeof e.error === 'string' ? e.error : undefined,
      err,
    )
  }
}

/**
 * Moves the account `from` one PDS `to` another: 1 login old, 2 a service-auth token from the old
 * for the new PDS's createAccount, 3 createAccount on the new with the account's DID under that
 * token, 4 login new, 5 repo, 6 missing blobs, 7 preferences, 8 the new PDS's recommended DID
 * credentials, 9-10 the old PDS signs a PLC operation to them (with the mailed token), 11 the new
 * PDS submits it, 12 activate the new account, 13 deactivate the old one.
 */
export async function migrateAccount(
  from: MigrationFrom,
  to: MigrationTo,
  opts: MigrationOpts,
): Promise<MigrationResult> {
  const oldAgent = new AtpAgent({ service: from.url })
  await step('1 login old: com.atproto.server.createSession', () =>
    oldAgent.login({ identifier: from.identifier, password: from.password }),
  )
  const did = oldAgent.assertDid

  // goat asks the new host who it is: the service-auth token's audience.
  const newAgent = new AtpAgent({ service: to.url })
  const newServiceDid = await step(
    '0 new service DID: com.atproto.server.describeServer',
    async () => (await newAgent.com.atproto.server.describeServer()).data.did,
  )

  const serviceAuth = await step('2 old: com.atproto.server.getServiceAuth', async () => {
    const exp = Math.floor(Date.now() / 1000) + (opts.serviceAuthSeconds ?? 60)
    const res = await oldAgent.com.atproto.server.getServiceAuth({
      aud: newServiceDid,
      lxm: 'com.atproto.server.createAccount',
      exp,
    })
    return res.data.token
  })

  const created = await step('3 new: com.atproto.server.createAccount with did', async () => {
    // No session on this agent: the service-auth token is the bearer, as goat sends it.
    const res = await new AtpAgent({ service: to.url }).com.atproto.server.createAccount(
      {
        did,
        handle: to.handle,
        email: to.email,
        password: to.password,
        ...(to.inviteCode ? { inviteCode: to.inviteCode } : {}),
      },
      { headers: { authorization: `Bearer ${serviceAuth}` } },
    )
    if (res.data.did !== did) throw new Error(`new account DID not a match: ${res.data.did} != ${did}`)
    return res.data
  })

  await step('4 login new: com.atproto.server.createSession', () =>
    newAgent.login({ identifier: did, password: to.password }),
  )

  const car = await step('5a old: com.atproto.sync.getRepo', async () => {
    const res = await oldAgent.com.atproto.sync.getRepo({ did })
    return res.data
  })
  await step('5b new: com.atproto.repo.importRepo', () =>
    newAgent.com.atproto.repo.importRepo(car, { encoding: 'application/vnd.ipld.car' }),
  )

  const blobs: MigrationResult['blobs'] = []
  let cursor: string | undefined
  do {
    const page = await step('6a new: com.atproto.repo.listMissingBlobs', async () => {
      const res = await newAgent.com.atproto.repo.listMissingBlobs({ limit: opts.blobPage ?? 100, cursor })
      return res.data
    })
    for (const missing of page.blobs) {
      const got = await step(`6b old: com.atproto.sync.getBlob ${missing.cid}`, () =>
        oldAgent.com.atproto.sync.getBlob({ did, cid: missing.cid }),
      )
      const mimeType = got.headers['content-type'] ?? 'application/octet-stream'
      const uploaded = await step(`6c new: com.atproto.repo.uploadBlob ${missing.cid}`, () =>
        newAgent.com.atproto.repo.uploadBlob(got.data, { encoding: mimeType }),
      )
      blobs.push({
        cid: missing.cid,
        mimeType,
        size: got.data.byteLength,
        uploadedAs: uploaded.data.blob.ref.toString(),
      })
    }
    // A page naming blobs but no cursor is the last; a page naming none ends the listing too.
    cursor = page.blobs.length > 0 ? page.cursor : undefined
  } while (cursor)

  const preferences = await step('7a old: app.bsky.actor.getPreferences', async () => {
    return (await oldAgent.app.bsky.actor.getPreferences()).data.preferences
  })
  await step('7b new: app.bsky.actor.putPreferences', () => newAgent.app.bsky.actor.putPreferences({ preferences }))

  const statusBeforeIdentity = await step('new: com.atproto.server.checkAccountStatus', async () => {
    return (await newAgent.com.atproto.server.checkAccountStatus()).data
  })

  const recommended = await step('8 new: com.atproto.identity.getRecommendedDidCredentials', async () => {
    return (await newAgent.com.atproto.identity.getRecommendedDidCredentials()).data as Record<string, unknown>
  })

  await step('9 old: com.atproto.identity.requestPlcOperationSignature', () =>
    oldAgent.com.atproto.identity.requestPlcOperationSignature(),
  )
  const token = await step('9 the PLC token mailed by the old PDS', () => opts.plcToken())

  const operation = await step('10 old: com.atproto.identity.signPlcOperation', async () => {
    const res = await oldAgent.com.atproto.identity.signPlcOperation({ token, ...recommended })
    return res.data.operation as Record<string, unknown>
  })

  await step('11 new: com.atproto.identity.submitPlcOperation', () =>
    newAgent.com.atproto.identity.submitPlcOperation({ operation }),
  )
  await step('12 new: com.atproto.server.activateAccount', () => newAgent.com.atproto.server.activateAccount())
  await step('13 old: com.atproto.server.deactivateAccount', () => oldAgent.com.atproto.server.deactivateAccount({}))

  return {
    did,
    newServiceDid,
    serviceAuth,
    created,
    car,
    blobs,
    preferences,
    statusBeforeIdentity,
    recommended,
    operation,
    oldAgent,
    newAgent,
  }
}

// The XRPC client under AgentClient: typed calls by NSID (from the generated
// Methods table), the session's access token on each, and one refresh (then
// one retry) when the server says the token expired. Concurrent calls that
// meet an expired token share one refresh.
import type { Methods } from './lexicons.ts'
import { type QueryParams, XrpcError, xrpcCall } from './xrpc.ts'

export type Session = { did: string; handle: string; accessJwt: string; refreshJwt: string }

export type ClientOptions = {
  /** The server's base URL, e.g. https://pds.example.com. */
  service: string
  session?: Session
  /** Called with each new session (login, refresh), e.g. to cache it. */
  onSession?: (session: Session) => void | Promise<void>
}

type Nsid = keyof Methods
export type QueryNsid = { [K in Nsid]: Methods[K]['type'] extends 'query' ? K : never }[Nsid]
export type ProcedureNsid = { [K in Nsid]: Methods[K]['type'] extends 'procedure' ? K : never }[Nsid]

export class SessionClient {
  readonly service: string
  session: Session | undefined
  private readonly onSession: ClientOptions['onSession']
  private refreshing: Promise<Session> | undefined

  constructor(opts: ClientOptions) {
    this.service = opts.service.replace(/\/+$/, '')
    this.session = opts.session
    this.onSession = opts.onSession
  }

  /** The logged-in account's DID; throws when there is no session. */
  get did(): string {
    if (!this.session) throw new XrpcError(401, 'AuthRequired', 'Not logged in: register or log in first')
    return this.session.did
  }

  query<N extends QueryNsid>(nsid: N, params?: Methods[N]['params']): Promise<Methods[N]['output']> {
    return this.withSession((token) =>
      xrpcCall(this.service, nsid, { type: 'query', params: params as QueryParams | undefined, token }),
    ) as Promise<Methods[N]['output']>
  }

  procedure<N extends ProcedureNsid>(nsid: N, input?: Methods[N]['input']): Promise<Methods[N]['output']> {
    return this.withSession((token) =>
      xrpcCall(this.service, nsid, { type: 'procedure', body: input, token }),
    ) as Promise<Methods[N]['output']>
  }

  /** A new access token from the refresh token (com.atproto.server.refreshSession). */
  refresh(): Promise<Session> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  /** Takes a session (from login or registration) as the client's own. */
  protected async useSession(session: Session): Promise<Session> {
    this.session = session
    await this.onSession?.(session)
    return session
  }

  /**
   * What to do when even the refresh token is refused: nothing here; a client
   * holding the agent's key logs in again. True when it got a new session.
   */
  protected async renewSession(): Promise<boolean> {
    return false
  }

  private async refreshOnce(): Promise<Session> {
    const current = this.session
    if (!current) throw new XrpcError(401, 'AuthRequired', 'Not logged in: nothing to refresh')
    try {
      const out = (await xrpcCall(this.service, 'com.atproto.server.refreshSession', {
        type: 'procedure',
        token: current.refreshJwt,
      })) as Methods['com.atproto.server.refreshSession']['output']
      return await this.useSession({
        did: out.did,
        handle: out.handle,
        accessJwt: out.accessJwt,
        refreshJwt: out.refreshJwt,
      })
    } catch (err) {
      if (isSessionEnded(err) && (await this.renewSession()) && this.session) return this.session
      throw err
    }
  }

  private async withSession(call: (token: string | undefined) => Promise<unknown>): Promise<unknown> {
    const before = this.session
    try {
      return await call(before?.accessJwt)
    } catch (err) {
      if (!before || !(err instanceof XrpcError) || err.error !== 'ExpiredToken') throw err
      // Another call may have refreshed meanwhile: use its session rather than spend the refresh token again.
      const fresh = this.session !== before ? this.session : await this.refresh()
      return call(fresh?.accessJwt)
    }
  }
}

/** A refusal that means the refresh token is no good any more. */
function isSessionEnded(err: unknown): boolean {
  return err instanceof XrpcError && ['ExpiredToken', 'InvalidToken', 'AuthRequired'].includes(err.error)
}

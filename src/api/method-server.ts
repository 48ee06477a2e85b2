// The XRPC server as handlers see it: a method's params, input, output and
// auth typed by its lexicon (through the generated code), and the rate limit
// it declares in its config charged here, by one wrapper, before its handler
// body runs. Only the generated types are used: the generated Server would
// build an XRPC server of its own from the lexicons it was generated from, and
// its method config has no room for our rate limits. Requests are validated by
// our XRPC server, against allLexicons().
import type {
  Auth,
  AuthResult,
  HandlerContext,
  MethodAuthVerifier,
  MethodHandler,
  RouteOptions,
  Server as XrpcServer,
} from '@atproto/xrpc-server'
import { isFullAccessOnlyMethod } from '../auth/scopes.js'
import type { AppContext } from '../context.js'
import { clientIp } from '../http/client-ip.js'
import type { MethodNsid, MethodTypes } from '../lexicon/method-types.js'
import type { OAuthGrant } from '../oauth/oauth-server.js'
import { type IpBucket, type LoginKind, loginKey } from '../ratelimit/rate-limits.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { AccessCredentials } from './auth-verifiers.js'
import { requireFullAccess } from './auth-verifiers.js'
import { authorizeOAuth } from './oauth-permissions.js'

/** What a handler of `Nsid` is called with, authenticated as `A` says. */
export type MethodContext<Nsid extends MethodNsid, A extends Auth> = HandlerContext<
  A,
  MethodTypes<Nsid>['params'],
  MethodTypes<Nsid>['input']
>

/**
 * The budget a call spends, charged after its auth and input are checked and
 * before the handler body runs; RateLimitExceeded (429, with RateLimit-*
 * headers) when it is spent.
 */
export type RateLimit<C, Account extends LocatedAccount, Login extends LoginKind> =
  /**
   * The write budget (its tier's) of the account `write` names, which may
   * refuse the call first (ownRepo's 403 costs nothing); given back when the
   * handler throws, so only accepted writes are counted. The handler gets the
   * account as `charged`.
   */
  | { write: (ctx: C) => Account }
  /**
   * One login attempt against both login budgets of the account `identifier`
   * names (its DID: loginKey), spent whatever the outcome. The handler gets
   * the account found, if any, as `charged`.
   */
  | { login: Login; identifier: (ctx: C) => string }
  /** A per-IP budget of the client's, given back when the handler throws. */
  | { ip: IpBucket }

/** What a declared rate limit hands its handler: the account a write or login was charged to. */
type Charged<Account, Login> = [Account] extends [never]
  ? [Login] extends [never]
    ? unknown
    : { charged: LocatedAccount | undefined }
  : { charged: Account }

export type MethodHandlerOf<Nsid extends MethodNsid, A extends Auth, Charge = unknown> = (
  ctx: MethodContext<Nsid, A> & Charge,
) => Promise<MethodTypes<Nsid>['output']>

export type MethodConfig<
  Nsid extends MethodNsid,
  A extends Auth,
  Account extends LocatedAccount,
  Login extends LoginKind,
> = {
  auth?: MethodAuthVerifier<Extract<A, AuthResult>, MethodTypes<Nsid>['params']>
  opts?: RouteOptions
  rateLimit?: RateLimit<MethodContext<Nsid, A>, Account, Login>
  handler: MethodHandlerOf<Nsid, A, Charged<Account, Login>>
}

export class MethodServer {
  constructor(
    readonly xrpc: XrpcServer,
    private readonly ctx: AppContext,
  ) {}

  /** Registers `nsid`; its types follow from the NSID, the auth verifier and the rate limit declared. */
  method<
    Nsid extends MethodNsid,
    A extends Auth = void,
    // What a declared rate limit charged (nothing when there is none), inferred from the declaration.
    Account extends LocatedAccount = never,
    Login extends LoginKind = never,
  >(nsid: Nsid, config: MethodConfig<Nsid, A, Account, Login> | MethodHandlerOf<Nsid, void>): void {
    // The XRPC server checks params and input against the lexicon of `nsid` before a handler runs: that check
    // is what makes them the generated types the handler is declared with.
    if (typeof config === 'function') {
      this.xrpc.method(nsid, config as MethodHandler)
      return
    }
    const { rateLimit, handler, ...rest } = config
    if (rest.auth && isFullAccessOnlyMethod(nsid)) rest.auth = requireFullAccess(rest.auth)
    // charge() hands the handler what its rateLimit's kind says it gets (Charged).
    const run = handler as ChargedHandler<MethodContext<Nsid, A>, MethodTypes<Nsid>['output']>
    const limited = rateLimit ? (ctx: MethodContext<Nsid, A>) => this.charge(rateLimit, ctx, run) : run
    // An OAuth grant is checked against the call, its input parsed, before anything is charged or done.
    const granted = (ctx: MethodContext<Nsid, A>) => {
      const grant = oauthGrantOf(ctx.auth)
      if (grant) {
        authorizeOAuth(nsid, grant.permissions, {
          params: ctx.params,
          input: ctx.input,
          req: ctx.req,
          audFor: (lxm) => this.audFor(lxm),
        })
      }
      return limited(ctx)
    }
    this.xrpc.method(nsid, { ...rest, handler: granted as MethodHandler<A> })
  }

  /**
   * `did#serviceId` of the configured service a method answered here is for
   * (the AppView's preferences). Never the atproto-proxy header's: the call is
   * answered here whatever it names, so a grant for another service must not reach it.
   */
  private audFor(lxm: string): string | undefined {
    const service = this.ctx.proxy.serviceFor(lxm, undefined)
    return service && `${service.did}#${service.serviceId}`
  }

  private async charge<C extends HandlerContext<Auth>, O>(
    rateLimit: RateLimit<C, LocatedAccount, LoginKind>,
    ctx: C,
    handler: ChargedHandler<C, O>,
  ): Promise<O> {
    const { rateLimits } = this.ctx
    if ('write' in rateLimit) {
      const account = rateLimit.write(ctx)
      return rateLimits.chargeWrite(account, ctx.res, () => handler({ ...ctx, charged: account }))
    }
    if ('login' in rateLimit) {
      const identifier = rateLimit.identifier(ctx)
      const located = await this.ctx.accounts.locate(identifier)
      await rateLimits.consumeLogin(rateLimit.login, loginKey(identifier, located), ctx.res)
      return handler({ ...ctx, charged: located })
    }
    return rateLimits.chargeIp(rateLimit.ip, clientIp(ctx.req), ctx.res, () => handler(ctx))
  }
}

/** The OAuth grant an auth verifier's result carries, if the caller came with one. */
function oauthGrantOf(result: unknown): OAuthGrant | undefined {
  const credentials: unknown =
    typeof result === 'object' && result !== null ? Reflect.get(result, 'credentials') : undefined
  const access = credentials as Partial<AccessCredentials> | undefined
  return access?.type === 'access' ? access.oauth : undefined
}

type ChargedHandler<C, O> = (ctx: C & { charged?: LocatedAccount }) => Promise<O>

// Which handles may be taken at all, beyond syntax and uniqueness: never a
// hostname the service itself answers on (the account would own the
// service's /.well-known/atproto-did), and not a reserved name without the
// admin key. Every path that sets a handle asks here.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { Config } from '../config/config.js'
import type { ParsedHandle } from './handle.js'
import { DEFAULT_RESERVED_HANDLE_NAMES } from './reserved-handles.js'

export type HandleCheck = {
  /**
   * The admin key (as the official PDS lets its admins) and a domain's owner
   * may give out reserved names under that domain; never a service hostname.
   */
  allowReserved?: boolean
}

export class HandlePolicy {
  private readonly serviceHosts: ReadonlySet<string>
  private readonly reserved: ReadonlySet<string>

  constructor(opts: { serviceHosts: Iterable<string>; reserved: Iterable<string> }) {
    this.serviceHosts = new Set([...opts.serviceHosts].map((h) => h.toLowerCase()))
    this.reserved = new Set(opts.reserved)
  }

  static fromConfig(config: Config): HandlePolicy {
    const hosts = [new URL(config.serviceURL).hostname, ...config.handles.serviceHostnames]
    if (config.traefik) hosts.push(new URL(config.traefik.serviceUrl).hostname)
    const allowed = new Set(config.handles.allowed)
    const reserved = [
      ...(config.handles.reserveDefaults ? DEFAULT_RESERVED_HANDLE_NAMES : []),
      ...config.handles.reserved,
    ]
    return new HandlePolicy({ serviceHosts: hosts, reserved: reserved.filter((n) => !allowed.has(n)) })
  }

  isServiceHost(hostname: string): boolean {
    return this.serviceHosts.has(hostname.toLowerCase())
  }

  /** Throws HandleNotAvailable (the official PDS's error for a reserved handle) unless `handle` may be taken. */
  assertAllowed(handle: ParsedHandle, check: HandleCheck = {}): void {
    if (this.isServiceHost(handle.handle)) {
      throw new InvalidRequestError(
        `Reserved handle: ${handle.handle} is a hostname of this service`,
        'HandleNotAvailable',
      )
    }
    if (!check.allowReserved && this.reserved.has(handle.name)) {
      throw new InvalidRequestError(`Reserved handle: ${handle.name}`, 'HandleNotAvailable')
    }
  }
}

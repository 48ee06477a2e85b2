// Expired OAuth state (authorization requests, DPoP and JWT nonces, tokens
// past their lifetime) swept from the management database now and then, so
// the tables hold only what can still be used.
import type { BackgroundJob } from '../lib/jobs.js'
import { Ticker } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import type { OAuthStores } from './oauth-stores.js'

const SWEEP_INTERVAL_MS = 10 * 60 * 1000

export class OAuthSweep implements BackgroundJob {
  readonly name = 'oauth-sweep'
  private readonly ticker: Ticker

  constructor(
    private readonly stores: Pick<OAuthStores, 'sweepExpired'>,
    private readonly logger: Logger,
  ) {
    this.ticker = new Ticker(
      () => this.runOnce(),
      (err) => this.logger.warn({ err }, 'sweeping expired OAuth state failed'),
    )
  }

  async start(): Promise<void> {
    this.ticker.start(SWEEP_INTERVAL_MS)
  }

  stop(): Promise<void> {
    return this.ticker.stop()
  }

  async runOnce(): Promise<void> {
    const swept = await this.stores.sweepExpired()
    if (swept.requests + swept.nonces + swept.tokens + swept.devices > 0)
      this.logger.debug({ swept }, 'expired OAuth state swept')
  }
}

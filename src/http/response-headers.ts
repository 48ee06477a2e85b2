// Headers every answer gets as it goes out, from what became of the request,
// however the answer was sent (Express's res.json, XRPC's error middleware,
// a plain writeHead): a 503 says when to come back, and an answer that
// refused a body still arriving closes the connection after it.
import type { RequestHandler } from 'express'
import { RETRY_AFTER_SECONDS } from '../lib/unavailable.js'

/** Mounted first, so every answer passes through it. */
export function answerHeaders(): RequestHandler {
  return (req, res, next) => {
    const writeHead = res.writeHead
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      // Whatever throws here would throw inside the answer being sent: headers are set only while they can be.
      if (this.headersSent) return writeHead.apply(this, args)
      if (args[0] === 503 && !this.hasHeader('retry-after')) this.setHeader('retry-after', String(RETRY_AFTER_SECONDS))
      // A body refused midway (over its limit, undecodable) was torn down unread: what is left of
      // it would sit on the socket, and the next request on a kept-alive connection would hang.
      if (req.destroyed && !req.complete) this.setHeader('connection', 'close')
      return writeHead.apply(this, args)
    } as typeof writeHead
    next()
  }
}

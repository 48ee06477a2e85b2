// What a request concerned, noted on the request while it is served: the
// auth verifier knows the DID, repo resolution the tenant, and the request
// log (src/http/request-log.ts) reads both when the request ends.
import type { IncomingMessage } from 'node:http'

export type RequestSubject = { did?: string; tenant?: string }

// On the request itself: the verifier sees only the request (MCP calls it
// without a response), and nothing outlives the request.
const SUBJECT = Symbol('primal-pds.requestSubject')
type WithSubject = IncomingMessage & { [SUBJECT]?: RequestSubject }

/** Records the DID and/or tenant a request concerns, for its log line. */
export function noteSubject(req: IncomingMessage, subject: RequestSubject): void {
  const r = req as WithSubject
  r[SUBJECT] = r[SUBJECT] ? { ...r[SUBJECT], ...subject } : subject
}

/** What was noted about the request, if anything. */
export function subjectOf(req: IncomingMessage): RequestSubject | undefined {
  return (req as WithSubject)[SUBJECT]
}

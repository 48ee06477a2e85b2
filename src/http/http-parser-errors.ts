// Requests Node's HTTP parser refuses before any route sees them (a URL or
// headers over its size limit, a malformed request line, a request too slow
// to arrive) still get an XRPC-shaped `{error, message}` body, not the bare
// status line Node writes by default.
import { type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

const REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'InvalidRequest',
    'Request headers (the URL included) are larger than this server accepts',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PayloadTooLarge', 'Chunk extensions are larger than this server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'RequestTimeout', 'The request did not arrive in time'],
}
const MALFORMED: [number, string, string] = [400, 'InvalidRequest', 'Malformed HTTP request']

/** The server's 'clientError' listener: Node's own rules for when a reply is safe, our body. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node does: reply only if nothing of a response on this socket has gone out yet.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage
  if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    const [status, error, message] = REFUSALS[err.code ?? ''] ?? MALFORMED
    const body = JSON.stringify({ error, message })
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(err)
}

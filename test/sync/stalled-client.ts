// Stream clients that never read: a raw TCP connection that sends one request
// (a WebSocket upgrade or a plain GET) and then leaves every byte unread, so
// the kernel's buffers fill and then the server's.
import net from 'node:net'

/** Opens a connection to `url`'s host that sends `request` and then never reads a byte (nor answers a ping). */
export function stalledClient(url: string, request: (host: string) => string): Promise<net.Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(request(`${hostname}:${port}`))
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** A WebSocket upgrade request for `path`. */
export const upgrade = (path: string) => (host: string) =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'

/** A plain GET for `path`, as an EventSource sends it. */
export const sseGet = (path: string) => (host: string) =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`

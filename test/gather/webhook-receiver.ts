// A webhook receiver on loopback for the tests: it records every request with
// its Standard Webhooks headers and whether the signature verifies against the
// key the server publishes (checked here with node:crypto, not the server's
// code), and answers 200, or 503 while it is told to fail; it can also stop
// listening (a closed port) and listen again on the same port.
import { createPublicKey, verify } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Received = {
  id: string
  timestamp: string
  body: Record<string, unknown>
  contentType: string
  verified: boolean
  /** What the receiver answered (0: nothing, it hung). */
  answered: number
}

export class WebhookReceiver {
  readonly requests: Received[] = []
  /** Answer 503 to everything while set. */
  failing = false
  /** Answer nothing while set (the request stays open until the sender gives up). */
  hanging = false
  private server: http.Server
  private port = 0

  private constructor(private readonly publicKey: string) {
    this.server = this.makeServer()
  }

  /** `publicKey`: whpk_… as is.gather.webhook.getSigningKey gives it. */
  static async start(publicKey: string): Promise<WebhookReceiver> {
    const r = new WebhookReceiver(publicKey)
    await r.listen()
    return r
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`
  }

  /** The requests answered 200: what was delivered. */
  get delivered(): Received[] {
    return this.requests.filter((r) => r.answered === 200)
  }

  /** Stops listening and drops every connection (the port refuses until `listen`). */
  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Listens (again, on the same port once it had one). */
  async listen(): Promise<void> {
    if (this.server.listening) return
    this.server = this.makeServer()
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', () => resolve()))
    this.port = (this.server.address() as AddressInfo).port
  }

  private makeServer(): http.Server {
    return http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const id = String(req.headers['webhook-id'] ?? '')
        const timestamp = String(req.headers['webhook-timestamp'] ?? '')
        const signature = String(req.headers['webhook-signature'] ?? '')
        const answered = this.hanging ? 0 : this.failing ? 503 : 200
        this.requests.push({
          id,
          timestamp,
          body: JSON.parse(text),
          contentType: String(req.headers['content-type'] ?? ''),
          verified: verifies(this.publicKey, `${id}.${timestamp}.${text}`, signature),
          answered,
        })
        if (answered === 0) return
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'unavailable')
      })
    })
  }
}

/** Standard Webhooks' v1a check, written from the spec: any of the space-separated signatures will do. */
function verifies(publicKey: string, content: string, header: string): boolean {
  const raw = Buffer.from(publicKey.replace(/^whpk_/, ''), 'base64')
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
  return header.split(' ').some((part) => {
    const [version, sig] = part.split(',')
    return version === 'v1a' && sig !== undefined && verify(null, Buffer.from(content), key, Buffer.from(sig, 'base64'))
  })
}

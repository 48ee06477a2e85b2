// A TCP proxy in the test process in front of the shared Postgres, so a test
// can make "the database" unreachable (every connection cut, new ones
// refused) and reachable again without touching the server other tests use.
import net from 'node:net'
import { DATABASE_URL } from './postgres.js'

export class TcpProxy {
  private server?: net.Server
  private readonly sockets = new Set<net.Socket>()

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** A proxy on a free local port to `target` (the shared Postgres by default). */
  static async start(target = postgresTarget()): Promise<TcpProxy> {
    const probe = await listen(0, () => {})
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const proxy = new TcpProxy(port, target)
    await proxy.restore()
    return proxy
  }

  /** DATABASE_URL pointed at this proxy. */
  get url(): string {
    const url = new URL(DATABASE_URL)
    url.hostname = '127.0.0.1'
    url.port = String(this.port)
    return url.toString()
  }

  /** The database becomes unreachable: every open connection is cut and new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server
    this.server = undefined
    const closed = server ? new Promise((resolve) => server.close(resolve)) : undefined
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    await closed
  }

  /** The database is reachable again, on the same port. */
  async restore(): Promise<void> {
    if (this.server) return
    this.server = await listen(this.port, (client) => this.forward(client))
  }

  close(): Promise<void> {
    return this.cut()
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.target)
    for (const s of [client, upstream]) {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
      // Either side failing ends both, as a dropped connection would.
      s.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  }
}

function postgresTarget(): { host: string; port: number } {
  const url = new URL(DATABASE_URL)
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) }
}

function listen(port: number, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer(onConnection)
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

// A request body read into memory, up to a limit: what uploadBlob and
// importRepo hold while they check what they were sent. Past the limit the
// stream is dropped at once (413); a body that fails to arrive (an abort,
// bytes its Content-Encoding cannot decode) is the sender's 400.
import type { Readable } from 'node:stream'
import { InvalidRequestError, XRPCError } from '@atproto/xrpc-server'

export type ReadBodyOptions = {
  /** Most bytes taken. */
  max: number
  /** The 413 to answer past `max`. */
  tooLarge: () => XRPCError
  /** The message of the 400 for an empty body. */
  empty: string
  /** Told of each chunk before it is kept; may refuse it by throwing (a memory budget). */
  hold?: (bytes: number) => void
}

export async function readBody(stream: Readable, opts: ReadBodyOptions): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
      size += buf.byteLength
      if (size > opts.max) throw opts.tooLarge()
      opts.hold?.(buf.byteLength)
      chunks.push(buf)
    }
  } catch (err) {
    stream.destroy()
    if (err instanceof XRPCError) throw err
    // xrpc-server's own size check on the stream, or the sender's abort.
    if ((err as { status?: number }).status === 413) throw opts.tooLarge()
    const message = err instanceof Error ? err.message : String(err)
    throw new InvalidRequestError(`Request body could not be read: ${message.slice(0, 500)}`)
  }
  if (size === 0) throw new InvalidRequestError(opts.empty)
  return Buffer.concat(chunks, size)
}

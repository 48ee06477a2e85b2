// The success shapes XRPC handlers answer with: JSON, or a CAR file of repo blocks.
import type { Readable } from 'node:stream'

export function json<T>(body: T): { encoding: 'application/json'; body: T } {
  return { encoding: 'application/json', body }
}

export function car(body: Uint8Array | Readable): {
  encoding: 'application/vnd.ipld.car'
  body: Uint8Array | Readable
} {
  return { encoding: 'application/vnd.ipld.car', body }
}

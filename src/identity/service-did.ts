// The service's own identity: did:web of the serviceURL host.

export function serviceDidFor(serviceURL: string): string {
  const url = new URL(serviceURL)
  // did:web encodes a port's colon as %3A.
  return `did:web:${url.host.replace(':', '%3A')}`
}

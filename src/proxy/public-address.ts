// Where a service that a DID document names may be reached: a public unicast
// address, never this machine or a private network. Anyone can publish a DID
// document pointing at 127.0.0.1 or a cloud metadata address and send us an
// atproto-proxy header naming it; the check is made on the addresses the
// connection will use, so a name that resolves privately is refused too.
import dns from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

const NOT_PUBLIC = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4')
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 addresses lead to IPv4 ones; a public service has no need of them. (IPv4-mapped ones,
  // ::ffff:a.b.c.d, BlockList checks against the IPv4 rules above: listing them here would refuse every IPv4.)
  ['64:ff9b::', 96],
  // Local-use NAT64 (RFC 8215) likewise.
  ['64:ff9b:1::', 48],
  // IPv4-compatible (::a.b.c.d), 6to4 and Teredo addresses carry an IPv4 one, perhaps a private one.
  ['::', 96],
  ['2002::', 16],
  ['2001::', 32],
  ['100::', 64],
  ['fec0::', 10],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6')
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** dns.lookup that fails when any address of the name is not public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '')
    const refused = addresses.find((a) => !isPublicAddress(a.address))
    if (refused || addresses.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`${hostname} does not resolve to public addresses only`)
      error.code = 'ENOTPUBLIC'
      return callback(error, '')
    }
    if (options.all) return callback(null, addresses)
    return callback(null, addresses[0].address, addresses[0].family)
  })
}

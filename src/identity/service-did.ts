// The service's own identity and each PDS host's: a did:web of the host, and
// the DID document /.well-known/did.json serves for it. Every host's document
// names the service's key: one operator signs for all of them.
import type { Keypair } from '@atproto/crypto'

export function serviceDidFor(serviceURL: string): string {
  const url = new URL(serviceURL)
  // did:web encodes a port's colon as %3A.
  return `did:web:${url.host.replace(':', '%3A')}`
}

/** The did:web document of the service host: the service's key (its PLC rotation key) and its PDS endpoint. */
export function serviceDidDoc(serviceURL: string, key: Keypair) {
  return hostDidDoc(serviceDidFor(serviceURL), serviceURL, key)
}

/** The did:web document `did` of a PDS host whose endpoint is `endpoint`, with the service's key. */
export function hostDidDoc(did: string, endpoint: string, key: Keypair) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [
      {
        id: `${did}#atproto`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: key.did().replace(/^did:key:/, ''),
      },
    ],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: endpoint }],
  }
}

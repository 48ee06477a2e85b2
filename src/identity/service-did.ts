// The service's own identity: did:web of the serviceURL host, and the DID
// document /.well-known/did.json serves for it.
import type { Keypair } from '@atproto/crypto'

export function serviceDidFor(serviceURL: string): string {
  const url = new URL(serviceURL)
  // did:web encodes a port's colon as %3A.
  return `did:web:${url.host.replace(':', '%3A')}`
}

/** The did:web document: the service's key (its PLC rotation key) and its PDS endpoint. */
export function serviceDidDoc(serviceURL: string, key: Keypair) {
  const did = serviceDidFor(serviceURL)
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
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: serviceURL }],
  }
}

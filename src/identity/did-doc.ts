// The DID document an account's PLC operation describes, in the shape the
// PLC directory serves it (com.atproto.repo.describeRepo returns it).

export type PlcOperationFields = {
  verificationMethods?: Record<string, string>
  alsoKnownAs?: string[]
  services?: Record<string, { type: string; endpoint: string }>
}

export function didDocFromPlcOp(did: string, op: PlcOperationFields, handle: string, pdsEndpoint: string) {
  const signingKey = op.verificationMethods?.atproto ?? ''
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      'https://w3id.org/security/suites/secp256k1-2019/v1',
    ],
    id: did,
    alsoKnownAs: [`at://${handle}`],
    verificationMethod: [
      {
        id: `${did}#atproto`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: signingKey.replace(/^did:key:/, ''),
      },
    ],
    service: [
      {
        id: '#atproto_pds',
        type: 'AtprotoPersonalDataServer',
        serviceEndpoint: op.services?.atproto_pds?.endpoint ?? pdsEndpoint,
      },
    ],
  }
}

// @primal-pds/agent: a typed client and CLI for AI agents on primal-pds.
export { AgentClient, type AgentClientOptions, type LoginOptions, type RegisterOptions } from './agent-client.ts'
export { detectFacets, type ResolveHandle } from './facets.ts'
export { GatherClient } from './gather-client.ts'
export {
  ed25519DidKey,
  generateLoginKey,
  generateRecoveryKey,
  importLoginKey,
  importRecoveryKey,
  type LoginKey,
  type RecoveryKey,
  type Signer,
} from './keys.ts'
export { defaultKeysPath, type KeysFile, readKeysFile, writeKeysFile } from './keys-file.ts'
export type * from './lexicons.ts'
export { leadingZeroBits, solveChallenge } from './pow.ts'
export {
  multiplyDecimal,
  type OrderOptions,
  type PostOptions,
  parseAtUri,
  RecordWriter,
  type SkillInput,
  type Written,
} from './record-writer.ts'
export { type ClientOptions, type Session, SessionClient } from './session-client.ts'
export { type StreamEvent, type StreamOptions, subscribeEvents } from './stream.ts'
export {
  type VerifyOptions,
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRequest,
  WebhookVerificationError,
} from './webhook.ts'
export { XrpcError } from './xrpc.ts'

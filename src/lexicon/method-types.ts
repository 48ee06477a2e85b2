// The params, input and output of each XRPC query and procedure, by NSID, as
// the code generated from the lexicons (src/lexicon/generated/, written by
// scripts/lexgen.mjs) types them. Types only: nothing generated runs.
import type { Input, MethodConfigOrHandler, Output, Params } from '@atproto/xrpc-server'
import type { Server } from './generated/index.js'

/** The generated namespaces, one property per NSID segment: server.com.atproto.repo.createRecord. */
type Namespaces = Omit<Server, 'xrpc'>

/** What the generated registration function of a query or procedure says it takes. */
type Registration<P extends Params, I extends Input, O extends Output> = (
  // biome-ignore lint/suspicious/noExplicitAny: any auth; only params, input and output are read from it.
  cfg: MethodConfigOrHandler<any, P, I, O>,
) => unknown

/** Every query and procedure NSID under `NS` (subscriptions are not served through XRPC methods). */
type NsidsUnder<NS, Prefix extends string> = {
  [K in keyof NS & string]: K extends '_server'
    ? never
    : NS[K] extends Registration<infer _P, infer _I, infer _O>
      ? `${Prefix}${K}`
      : NS[K] extends (...args: never[]) => unknown
        ? never
        : NsidsUnder<NS[K], `${Prefix}${K}.`>
}[keyof NS & string]

export type MethodNsid = NsidsUnder<Namespaces, ''>

/** The generated registration function of `nsid`, found by walking its segments. */
type RegistrationAt<NS, Nsid extends string> = Nsid extends `${infer Head}.${infer Rest}`
  ? Head extends keyof NS
    ? RegistrationAt<NS[Head], Rest>
    : never
  : Nsid extends keyof NS
    ? NS[Nsid]
    : never

// A lexicon's `*/*` encoding is any MIME type: the request's or the answer's
// own (an uploaded blob's type, a served blob's), so any string.
type AnyEncoding<T> = T extends { encoding: '*/*' } ? Omit<T, 'encoding'> & { encoding: string } : T

export type MethodTypes<Nsid extends MethodNsid> =
  RegistrationAt<Namespaces, Nsid> extends Registration<infer P, infer I, infer O>
    ? { params: P; input: AnyEncoding<I>; output: AnyEncoding<O> }
    : never

// The success shape every JSON-returning XRPC handler answers with.
export function json<T>(body: T): { encoding: 'application/json'; body: T } {
  return { encoding: 'application/json', body }
}

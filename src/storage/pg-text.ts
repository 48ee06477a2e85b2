// What Postgres text cannot hold: a NUL (U+0000). A client string carrying
// one fails any query it reaches with a database error (a 500), so callers
// look first: in a lookup such a value names nothing, as a cursor it is
// malformed (no page of ours hands one out; the service refuses it).

export function unstorableText(value: string | undefined): boolean {
  return value?.includes('\u0000') ?? false
}

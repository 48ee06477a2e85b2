// Hot reads built once per database handle with the query builder and then
// run with each call's values: building and compiling a query costs our
// server more CPU than Postgres spends running one of these.
import type { CompiledQuery, Kysely } from 'kysely'

type Values = Record<string, string | number>

/**
 * A query whose shape never changes, only its values: `build` is called once
 * per handle with `placeholders` (values no call passes, each distinct, none
 * equal to a value the query holds itself), and each run puts the call's
 * values where the placeholders were.
 */
export function compiledOnce<Db, V extends Values, Row>(
  placeholders: V,
  build: (db: Kysely<Db>, values: V) => { compile(): CompiledQuery<Row> },
): (db: Kysely<Db>, values: V) => Promise<Row[]> {
  const names = new Map<unknown, keyof V>(Object.entries(placeholders).map(([name, value]) => [value, name]))
  // Keyed by the handle: the compiled text is its own (the embedded database's tenant schema is in it).
  const compiled = new WeakMap<Kysely<Db>, CompiledQuery<Row>>()
  return async (db, values) => {
    let query = compiled.get(db)
    if (!query) {
      query = build(db, placeholders).compile()
      const seen = new Set(query.parameters.filter((p) => names.has(p))).size
      if (seen !== names.size) throw new Error(`a compiled query holds ${seen} of its ${names.size} placeholders`)
      compiled.set(db, query)
    }
    const parameters = query.parameters.map((p) => {
      const name = names.get(p)
      return name === undefined ? p : values[name]
    })
    return (await db.executeQuery<Row>({ ...query, parameters })).rows
  }
}

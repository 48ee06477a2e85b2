// The lexicon documents of a folder, as the scripts that generate code from
// them (lexgen.mjs, agent-types.mjs) read them: every .json below it, in
// name order, so what they generate does not depend on the file system's order.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export function jsonFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) return jsonFiles(path)
      return entry.endsWith('.json') ? [path] : []
    })
}

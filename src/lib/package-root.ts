// Finds the package root (holding package.json and lexicons/), from source
// under tsx and from dist/ alike.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

export function packageRoot(): string {
  if (cached) return cached
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'lexicons'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('cannot find the primal-pds package root')
    dir = parent
  }
  cached = dir
  return dir
}

/** The version this server reports (health, /discover, MCP): npm's, when started through npm. */
export function serviceVersion(): string {
  return process.env.npm_package_version ?? '0.1.0'
}

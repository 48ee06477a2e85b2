// The data directory holds the secrets and (embedded) the whole database:
// private to the service's user whatever the umask, and put right at start
// if an older version or a careless copy left it open.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and its parents) if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(dir, PRIVATE_DIR_MODE)
}

/** Takes group and other bits off everything under `dir` (symlinks are left alone). */
export function makeTreePrivate(dir: string): void {
  const stat = lstatSync(dir, { throwIfNoEntry: false })
  if (!stat || stat.isSymbolicLink()) return
  if (stat.mode & 0o077) chmodSync(dir, stat.mode & 0o700)
  if (!stat.isDirectory()) return
  for (const name of readdirSync(dir)) makeTreePrivate(join(dir, name))
}

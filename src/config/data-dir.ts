// The data directory holds the secrets and (embedded) the whole database:
// private to the service's user whatever the umask, and put right at start
// if an older version or a careless copy left it open.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and its parents) if needed and makes it private. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  makePrivate(dir)
}

/** Takes group and other bits off everything under `dir` (symlinks are left alone). */
export function makeTreePrivate(dir: string): void {
  const stat = lstatSync(dir, { throwIfNoEntry: false })
  if (!stat || stat.isSymbolicLink()) return
  makePrivate(dir, stat.mode)
  if (!stat.isDirectory()) return
  for (const name of readdirSync(dir)) makeTreePrivate(join(dir, name))
}

/**
 * Takes group and other bits off `path`. A path already private is left
 * untouched, so a read-only mount or another owner's private directory still
 * starts; one open to others that cannot be closed is refused, by name.
 */
export function makePrivate(path: string, mode = lstatSync(path).mode): void {
  if ((mode & 0o077) === 0) return
  try {
    chmodSync(path, mode & 0o700)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new Error(`${path} is open to other users and cannot be made private (${code}): chmod go-rwx it`)
  }
}

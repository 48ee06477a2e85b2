// The keys file: what an agent needs to come back as itself. By default
// ~/.config/primal-agent/<handle>.json, mode 0600 in a 0700 directory (the
// login key is in it), written whole to a temporary file and renamed so a
// crash never leaves half a key. Sessions may be cached in it too.

import type { JsonWebKey } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export type KeysFile = {
  service: string
  did: string
  handle: string
  loginKey: { type: 'ed25519'; jwk: JsonWebKey }
  recoveryKey?: { type: 'secp256k1'; didKey: string; privateKeyHex: string }
  session?: { accessJwt: string; refreshJwt: string }
}

export function defaultKeysDir(home = homedir()): string {
  return join(home, '.config', 'primal-agent')
}

export function defaultKeysPath(handle: string, home = homedir()): string {
  if (!/^[a-zA-Z0-9.-]+$/.test(handle)) throw new TypeError(`not a handle: ${handle}`)
  return join(defaultKeysDir(home), `${handle.toLowerCase()}.json`)
}

export async function readKeysFile(path: string): Promise<KeysFile> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<KeysFile>
  if (
    typeof parsed.service !== 'string' ||
    typeof parsed.did !== 'string' ||
    typeof parsed.handle !== 'string' ||
    parsed.loginKey?.type !== 'ed25519'
  ) {
    throw new Error(`${path} is not a primal-agent keys file`)
  }
  return parsed as KeysFile
}

export async function writeKeysFile(path: string, keys: KeysFile, home = homedir()): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // Our own directory is made private (mkdir's mode is masked by the umask and leaves one that existed
  // alone); a directory the user named (--keys) is theirs, and its mode is left as it is.
  if (dir === defaultKeysDir(home)) await chmod(dir, 0o700)
  const temporary = `${path}.${process.pid}.tmp`
  // Exclusive: never written through a file (or link) that was already there.
  await writeFile(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
}

/** The keys files in the default directory, for a command that names none. */
export async function listKeysFiles(home = homedir()): Promise<string[]> {
  try {
    const entries = await readdir(defaultKeysDir(home))
    return entries.filter((e) => e.endsWith('.json')).map((e) => join(defaultKeysDir(home), e))
  } catch {
    return []
  }
}

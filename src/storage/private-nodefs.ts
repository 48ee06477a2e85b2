// PGlite's NodeFS creates every file of the database 0666 and every directory
// 0777 less the process umask, so under the usual umask 022 the WAL and the
// tables (password hashes included) are readable by every local user. This
// NodeFS takes the group and other bits off each mode the database's
// Emscripten file system sets (creating, or chmod-ing after creation, as
// initdb does), so files are private from their first byte, WAL segments made
// later too, whatever the umask and without changing it for the whole process.
import type { PGlite } from '@electric-sql/pglite'
import { NodeFS } from '@electric-sql/pglite/nodefs'

type Mode = number
type Attr = { mode?: Mode }
/** The two places Emscripten's NODEFS turns a mode into a file's permissions. */
type NodeFsOps = {
  node_ops: {
    mknod(parent: unknown, name: string, mode: Mode, dev: unknown): unknown
    setattr(node: unknown, attr: Attr): void
  }
  stream_ops: { setattr?(stream: unknown, attr: Attr): void }
}
type Init = Awaited<ReturnType<NodeFS['init']>>

const PRIVATE = ~0o077

export class PrivateNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): Promise<Init> {
    const out = await super.init(pg, opts)
    const preRun = [
      ...(out.emscriptenOpts.preRun ?? []),
      (mod: { NODEFS: unknown }) => privatize(mod.NODEFS as NodeFsOps),
    ]
    return { emscriptenOpts: { ...out.emscriptenOpts, preRun } }
  }
}

function privatize(fs: NodeFsOps): void {
  const { mknod, setattr } = fs.node_ops
  if (typeof mknod !== 'function' || typeof setattr !== 'function') {
    // A PGlite whose file system changed shape: refuse rather than run with world-readable files.
    throw new Error('PGlite NODEFS has no mknod/setattr to make the database files private')
  }
  const privateAttr = (attr: Attr): Attr => (attr.mode === undefined ? attr : { ...attr, mode: attr.mode & PRIVATE })
  fs.node_ops.mknod = (parent, name, mode, dev) => mknod(parent, name, mode & PRIVATE, dev)
  fs.node_ops.setattr = (node, attr) => setattr(node, privateAttr(attr))
  const streamSetattr = fs.stream_ops.setattr
  if (streamSetattr) fs.stream_ops.setattr = (stream, attr) => streamSetattr(stream, privateAttr(attr))
}

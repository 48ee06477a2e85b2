// A wing: an app built on the PDS core, and what it adds to a plain PDS
// (its XRPC methods, its HTTP routes with their budgets, the rows it derives
// from records). The composition root (context.ts) lists the wings; the core
// serves what they bring without naming any of them.
import type { Router } from 'express'
import type { MethodServer } from './api/method-server.js'
import type { AppContext } from './context.js'
import type { CommitIndexer } from './repo/commit-indexer.js'

export interface Wing {
  /** Names the wing in logs and tests. */
  readonly name: string
  /** What keeps its rows derived from records, in each commit's transaction (see RepoService). */
  readonly indexers: CommitIndexer[]
  /** Its plain HTTP paths: the request series and log label them by name, as the core's own. */
  readonly paths: string[]
  /** Registers its XRPC methods, after the core's. */
  registerMethods(server: MethodServer, ctx: AppContext): void
  /**
   * Its HTTP routes, and the budgets in front of them and of its XRPC
   * methods: mounted after the per-IP service budget, before the XRPC router.
   */
  routes(ctx: AppContext): Router
}

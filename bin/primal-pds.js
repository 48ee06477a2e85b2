#!/usr/bin/env node
// The primal-pds command (npx primal-pds, npm start, the Docker entrypoint):
// runs the compiled CLI, compiling it first in a checkout whose dist/ is
// missing or older than its sources, so a restart with nothing changed
// starts at once and an edit is never run stale.
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { build, entry, fail, staleReason } from './build.js'

const reason = staleReason()
if (reason) build(reason)
if (!existsSync(entry)) fail(`${entry} is missing: this copy of primal-pds was installed without its build`)
await import(pathToFileURL(entry).href)

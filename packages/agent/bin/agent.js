#!/usr/bin/env node
// The agent CLI (packages/agent/src/cli.ts): Node ≥ 22.18 runs its TypeScript as it is.
import { main } from '../src/cli.ts'

process.exitCode = await main(process.argv.slice(2))

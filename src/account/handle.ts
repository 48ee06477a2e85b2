// Handles are `<name>.<tenant domain>`: one DNS label in front of a hosted domain.
import { isValidHandle } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'

export type ParsedHandle = { handle: string; name: string; domain: string }

const NAME_MIN = 3

/** Normalizes and checks the syntax of a handle; which domain it belongs to is checked by the caller. */
export function parseHandle(input: unknown): ParsedHandle {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidRequestError('handle is required', 'InvalidHandle')
  }
  const handle = input.trim().toLowerCase()
  if (!isValidHandle(handle)) {
    throw new InvalidRequestError(`invalid handle: ${JSON.stringify(input).slice(0, 300)}`, 'InvalidHandle')
  }
  const dot = handle.indexOf('.')
  const name = handle.slice(0, dot)
  if (name.length < NAME_MIN) {
    throw new InvalidRequestError(`handle name must be at least ${NAME_MIN} characters`, 'InvalidHandle')
  }
  return { handle, name, domain: handle.slice(dot + 1) }
}

export function normalizeEmail(input: unknown): string | null {
  if (input === undefined || input === null || input === '') return null
  if (typeof input !== 'string' || input.length > 320 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.trim())) {
    throw new InvalidRequestError('invalid email address')
  }
  return input.trim().toLowerCase()
}

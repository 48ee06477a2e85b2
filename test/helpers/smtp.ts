// A real SMTP server on loopback (smtp-server) that receives what the PDS
// sends, parsed with mailparser, and can refuse or hold a delivery so tests
// see retries and crashes between a request and its mail.
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** What the server does with a mail's data: take it, refuse it for now (451), or never answer. */
export type Delivery = 'accept' | 'refuse' | 'hold'

export type TestSmtp = {
  /** smtp://127.0.0.1:<port>, for the PDS's email.smtpUrl. */
  url: string
  /** Mails taken, in order. */
  messages: ParsedMail[]
  /** Deliveries tried (taken, refused or held). */
  attempts(): number
  delivery: Delivery
  /** Resolves once `count` mails have been taken. */
  received(count: number): Promise<ParsedMail>
  /** Resolves once `count` deliveries have been tried. */
  attempted(count: number): Promise<void>
  close(): Promise<void>
}

/** The code a mail carries (XXXXX-XXXXX, the official format), in its text or its HTML (the official PDS sends HTML only). */
export function codeIn(mail: ParsedMail): string {
  const body = `${mail.text ?? ''} ${typeof mail.html === 'string' ? mail.html : ''}`
  const code = /\b([A-Z2-7]{5}-[A-Z2-7]{5})\b/.exec(body)?.[1]
  if (!code) throw new Error(`no code in mail: ${body.slice(0, 500)}`)
  return code
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = []
  let attempts = 0
  const waiters: (() => void)[] = []
  const changed = () => {
    for (const w of waiters.splice(0)) w()
  }
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve))
  }
  const state: { delivery: Delivery } = { delivery: 'accept' }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A held delivery's connection is dropped at close instead of waited on.
    closeTimeout: 100,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        attempts++
        const delivery = state.delivery
        if (delivery === 'hold') return changed()
        if (delivery === 'refuse') {
          changed()
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }))
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            messages.push(mail)
            callback()
            changed()
          },
          (err: Error) => callback(err),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: () => attempts,
    get delivery() {
      return state.delivery
    },
    set delivery(d: Delivery) {
      state.delivery = d
    },
    received: async (count) => {
      await until(() => messages.length >= count)
      return messages[count - 1] as ParsedMail
    },
    attempted: (count) => until(() => attempts >= count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

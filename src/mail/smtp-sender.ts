// Sends one mail over SMTP with nodemailer. Every send is cut off after
// sendTimeoutMs (its connection closed), so the queue's lease on a mail
// always outlives the send that holds it.
import { createTransport } from 'nodemailer'
import type { EmailConfig } from '../config/config.js'

export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string }

export interface MailSender {
  /** Resolves once the mail server accepted the mail; rejects when it refused, did not answer in time, or `signal` aborted. */
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<void>
}

export class SmtpSender implements MailSender {
  private readonly transport: ReturnType<typeof createTransport>

  constructor(private readonly config: Pick<EmailConfig, 'smtpUrl' | 'sendTimeoutMs'>) {
    const timeout = config.sendTimeoutMs
    this.transport = createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    })
  }

  async send(mail: OutgoingMail, signal?: AbortSignal): Promise<void> {
    // One controller held here for the whole send, aborted by the timeout or by `signal`: a signal
    // of AbortSignal.any that nothing else holds may be collected before it fires.
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(new Error('no answer in time')), this.config.sendTimeoutMs)
    const onAbort = () => abort.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    if (signal?.aborted) onAbort()
    try {
      const info = await this.transport.sendMail({ ...mail, signal: abort.signal })
      if (info.rejected.length > 0) throw new Error(`the mail server refused ${info.rejected.length} recipient(s)`)
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  close(): void {
    this.transport.close()
  }
}

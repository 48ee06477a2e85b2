// Sends one mail over SMTP with nodemailer. Every send is cut off after
// sendTimeoutMs (its connection closed), so the queue's lease on a mail
// always outlives the send that holds it.
import { createTransport } from 'nodemailer'
import type { EmailConfig } from '../config/config.js'

export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string }

export interface MailSender {
  /** Resolves once the mail server accepted the mail; rejects when it refused or did not answer in time. */
  send(mail: OutgoingMail): Promise<void>
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

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({ ...mail, signal: AbortSignal.timeout(this.config.sendTimeoutMs) })
    if (info.rejected.length > 0) throw new Error(`the mail server refused ${info.rejected.length} recipient(s)`)
  }

  close(): void {
    this.transport.close()
  }
}

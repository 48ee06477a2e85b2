// The mail this server sends, as plain text and HTML, each under the name of
// the account's domain (the branding a self-hoster's users know). Codes are
// set apart on a line of their own, so a reader (or a test) finds them.
import type { EmailTokenPurpose } from '../storage/schema.js'

export type RenderedMail = { subject: string; text: string; html: string }

type CodeMail = { subject: string; lead: string; after: string }

const CODE_MAILS: Record<EmailTokenPurpose, CodeMail> = {
  confirm_email: {
    subject: 'Confirm your email',
    lead: 'Enter this code in your app to confirm this email address for your account',
    after: 'If you did not ask for this, you can ignore this message.',
  },
  update_email: {
    subject: 'Your code to change your email',
    lead: 'Enter this code in your app to change the email address of your account',
    after: 'If you did not ask for this, someone may have your password: change it.',
  },
  reset_password: {
    subject: 'Reset your password',
    lead: 'Enter this code in your app to choose a new password for your account',
    after: 'If you did not ask for this, you can ignore this message; your password stays as it is.',
  },
  delete_account: {
    subject: 'Delete your account',
    lead: 'Enter this code in your app, with your password, to delete your account for good',
    after: 'If you did not ask for this, someone may have your password: change it.',
  },
  plc_operation: {
    subject: 'Your code to change your identity',
    lead: 'Enter this code in your app to sign a change of your account identity',
    after: 'If you did not ask for this, someone may have your password: change it.',
  },
  sign_in: {
    subject: 'Your sign-in code',
    lead: 'Enter this code in your app to finish signing in to your account',
    after: 'If you did not try to sign in, someone has your password: change it.',
  },
}

/** A mail carrying a code for `purpose`, for `handle` on `domain`. */
export function codeMail(
  purpose: EmailTokenPurpose,
  v: { domain: string; handle: string; token: string },
): RenderedMail {
  const m = CODE_MAILS[purpose]
  const subject = `${m.subject} - ${v.domain}`
  const text = [
    `${v.domain}`,
    '',
    `Hello ${v.handle},`,
    '',
    `${m.lead}:`,
    '',
    `    ${v.token}`,
    '',
    'The code is good for 15 minutes and can be used once.',
    m.after,
    '',
    `-- ${v.domain}`,
    '',
  ].join('\n')
  const html = page(
    v.domain,
    `<p>Hello ${escapeHtml(v.handle)},</p>
<p>${escapeHtml(m.lead)}:</p>
<p style="font-size:24px;font-family:monospace;letter-spacing:2px"><strong>${escapeHtml(v.token)}</strong></p>
<p>The code is good for 15 minutes and can be used once.<br>${escapeHtml(m.after)}</p>`,
  )
  return { subject, text, html }
}

/** A message from the domain's operators (com.atproto.admin.sendEmail): their text, as written. */
export function operatorMail(v: { domain: string; subject: string; content: string }): RenderedMail {
  const paragraphs = v.content
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n')
  return {
    subject: v.subject,
    text: `${v.content}\n\n-- ${v.domain}\n`,
    html: page(v.domain, paragraphs),
  }
}

function page(domain: string, body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(domain)}</title></head>
<body style="font-family:sans-serif;max-width:560px;margin:auto;padding:16px;color:#111">
<h2 style="margin-top:0">${escapeHtml(domain)}</h2>
${body}
<hr><p style="color:#666;font-size:12px">${escapeHtml(domain)}</p>
</body></html>
`
}

function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

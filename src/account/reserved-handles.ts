// Names no one but the admin key and a domain's owner may take as the first
// label of a handle under a hosted domain, as the official PDS keeps a reserved list
// (@atproto/pds src/handle/reserved.ts). Ours is the AT Protocol's own words
// and the hostnames and mailboxes a domain's operator may need for itself
// or that would let an account pass for the service; db.json's
// `handles.reserved` adds names and `handles.allowed` frees any of these.

const PROTOCOL = `
  at atp atproto plc pds did repo tid nsid xrpc lex lexicon handle handles bsky bluesky relay firehose
  appview labeler jetstream ozone entryway`

const HOSTS = `
  www ww www1 www2 wwww web api apis app apps cdn static assets media img images files blob blobs upload
  uploads download downloads proxy gateway router traefik server servers service services host hostname
  hosting localhost local internal intranet vpn ssh ftp sftp git dns ns ns1 ns2 ns3 ns4 mx mail email e-mail
  webmail smtp imap pop pop3 autoconfig autodiscover acme ssl tls cert certs ocsp wpad well-known status
  health metrics monitor monitoring dev staging stage prod production sandbox demo`

const ROLES = `
  admin admins administrator administrators root sysadmin system sys operator owner owners staff team
  official moderator moderators moderation mod mods support help helpdesk abuse security postmaster
  hostmaster webmaster noreply no-reply mailer-daemon info contact billing legal privacy terms tos dmca
  copyright trust safety verify verified verification`

const ACCOUNT_PAGES = `
  auth oauth login logout signin signout signup register registration account accounts password reset
  settings dashboard console panel cpanel manage docs null undefined anonymous everyone`

export const DEFAULT_RESERVED_HANDLE_NAMES: readonly string[] = [PROTOCOL, HOSTS, ROLES, ACCOUNT_PAGES]
  .join(' ')
  .split(/\s+/)
  .filter((name) => name !== '')

// Management-database migrations, in order. Never edit one that has landed: add the next.
import type { Migration } from 'kysely/migration'
import * as m001 from './001_init.js'
import * as m002 from './002_firehose.js'
import * as m003 from './003_event_time.js'
import * as m004 from './004_agents.js'
import * as m005 from './005_rate_limits.js'
import * as m006 from './006_mail.js'
import * as m007 from './007_invites.js'
import * as m008 from './008_account_moves.js'
import * as m009 from './009_plc_follow.js'
import * as m010 from './010_move_consents.js'
import * as m011 from './011_oauth.js'
import * as m012 from './012_pds_hosts.js'
import * as m013 from './013_webhooks.js'

export const managementMigrations: Record<string, Migration> = {
  '001_init': m001,
  '002_firehose': m002,
  '003_event_time': m003,
  '004_agents': m004,
  '005_rate_limits': m005,
  '006_mail': m006,
  '007_invites': m007,
  '008_account_moves': m008,
  '009_plc_follow': m009,
  '010_move_consents': m010,
  '011_oauth': m011,
  '012_pds_hosts': m012,
  '013_webhooks': m013,
}

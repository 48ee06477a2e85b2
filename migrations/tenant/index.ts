// Tenant-database migrations, in order. Never edit one that has landed: add the next.
import type { Migration } from 'kysely/migration'
import * as m001 from './001_init.js'
import * as m002 from './002_repo.js'
import * as m003 from './003_plc.js'
import * as m004 from './004_search.js'
import * as m005 from './005_agents.js'
import * as m006 from './006_listing_versions.js'
import * as m007 from './007_password_scrypt.js'
import * as m008 from './008_takedowns.js'
import * as m009 from './009_account_pref.js'
import * as m010 from './010_refresh_grace.js'
import * as m011 from './011_record_rev_index.js'
import * as m012 from './012_mail.js'
import * as m013 from './013_app_passwords.js'
import * as m014 from './014_deactivation.js'
import * as m015 from './015_invites.js'
import * as m017 from './017_moved.js'
import * as m018 from './018_account_moving.js'
import * as m019 from './019_gather_platform.js'

export const tenantMigrations: Record<string, Migration> = {
  '001_init': m001,
  '002_repo': m002,
  '003_plc': m003,
  '004_search': m004,
  '005_agents': m005,
  '006_listing_versions': m006,
  '007_password_scrypt': m007,
  '008_takedowns': m008,
  '009_account_pref': m009,
  '010_refresh_grace': m010,
  '011_record_rev_index': m011,
  '012_mail': m012,
  '013_app_passwords': m013,
  '014_deactivation': m014,
  '015_invites': m015,
  '017_moved': m017,
  '018_account_moving': m018,
  '019_gather_platform': m019,
}

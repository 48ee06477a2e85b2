// Table types for kysely: the management database and the per-tenant databases.
// Timestamps are ISO-8601 strings, identical on Postgres and PGlite.

export type DomainStatus = 'creating' | 'active' | 'removing'

export interface DomainTable {
  name: string
  db_name: string
  status: DomainStatus
  created_at: string
  updated_at: string
}

export interface DidRoutingTable {
  did: string
  handle: string
  email: string | null
  domain: string
  /** True from the moment a handle is reserved until the tenant row exists. */
  pending: boolean
  created_at: string
}

export interface ManagementSchema {
  domain: DomainTable
  did_routing: DidRoutingTable
}

export type AccountRole = 'owner' | 'admin' | 'user'
export type AccountStatus = 'active' | 'suspended' | 'disabled'

export interface AccountTable {
  did: string
  handle: string
  email: string | null
  password_hash: string
  role: AccountRole
  status: AccountStatus
  /** The secp256k1 repo signing key, AES-256-GCM encrypted with the server's key encryption key. */
  signing_key: Uint8Array
  /** The signed PLC genesis operation (JSON). */
  plc_op: unknown
  /** Set once the genesis op has been accepted by the PLC directory. */
  plc_published_at: string | null
  created_at: string
  updated_at: string
}

export interface RefreshTokenTable {
  /** The jti of one refresh token; rotation replaces it. */
  id: string
  /** Stable across rotations: deleting a session's rows revokes its access tokens too. */
  session_id: string
  did: string
  expires_at: string
  created_at: string
}

export interface TenantSchema {
  account: AccountTable
  refresh_token: RefreshTokenTable
}

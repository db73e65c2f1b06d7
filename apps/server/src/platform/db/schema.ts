// Row types as the database holds them. Services map rows to contract shapes; rows never go out raw.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface OperationTable {
  id: string; code: string; name: string; target_persons: number;
  start_date: ColumnType<string | null, string | null | undefined, string | null>;
  end_date: ColumnType<string | null, string | null | undefined, string | null>;
  demo: boolean; created_at: Timestamp;
}
export interface AppUserTable {
  id: string; username: string; display_name: string; password_hash: string; roles: string[]; clearance: string;
  must_change_password: boolean; disabled: boolean; failed_logins: Generated<number>; locked_until: Date | null;
  created_at: Timestamp; version: Generated<number>;
  /** Plaintext from before migration 0008: sealed into user_secret at start and emptied; never written. */
  totp_secret: Nullable<string>; totp_pending_secret: Nullable<string>; totp_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  totp_enrolled_at: Nullable<Date>; last_failed_at: Nullable<Date>;
}
export interface SessionTable {
  id_hash: string; user_id: string; created_at: Timestamp; last_seen_at: Timestamp; expires_at: Timestamp; revoked_at: Date | null;
  second_factor_at: Nullable<Date>; webauthn_challenge: Nullable<string>;
}
export interface WebauthnCredentialTable {
  id: string; user_id: string; public_key: Buffer; counter: ColumnType<string, number | string | undefined, number | string>;
  transports: Defaulted<string[]>; name: string; created_at: Timestamp; last_used_at: Nullable<Date>;
}
export interface ClearanceGrantTable {
  id: string; user_id: string; clearance: string; status: Defaulted<string>; requested_by: string; requested_at: Timestamp;
  decided_by: Nullable<string>; decided_at: Nullable<Date>;
}
export interface FacilityTable {
  id: string; operation_id: string; code: string; name: string; name_ar: Nullable<string>; kind: string;
  holding_authority: string; country: string; latitude: Nullable<number>; longitude: Nullable<number>;
  location_classification: Defaulted<string>; capacity_certified: number; capacity_working: number; capacity_maximum: number;
  risk_level: string; classification: Defaulted<string>; demo: Defaulted<boolean>; version: Generated<number>;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface FacilityRiskTable {
  id: Generated<string>; facility_id: string; level: string; note: string | null; recorded_at: Timestamp; recorded_by: string | null;
}
export interface PersonTable {
  id: string; operation_id: string; system_number: string; primary_name: string; arabic_name: string | null; sex: string;
  dob: Json; dob_sort: number | null; place_of_birth: string | null; nationalities: Json; nationality_codes: string[];
  documents: Json; languages: string[]; physical_description: string | null; marks: Json; risk_class: string;
  status: string; facility_id: string | null; family: Json; property: Json; intake: Json; names: Json;
  classification: string; flags: string[]; search_keys: string[]; import_id: string | null; demo: boolean;
  version: Generated<number>; created_at: Timestamp; updated_at: Timestamp;
}
export interface PersonIdentifierTable { scheme: string; value: string; person_id: string }
export interface AuditLogTable {
  seq: ColumnType<string, string | number | bigint, never>; at: Timestamp; actor_id: string | null; actor: string; action: string;
  object_type: string; object_id: string | null; outcome: string; request_id: string | null; details: Json;
  prev_hash: string; hash: string;
}
export interface IdempotencyKeyTable {
  user_id: string; key: string; request_hash: string; status_code: number | null; response: Json | null; created_at: Timestamp;
}
export interface RosterImportTable {
  id: string; operation_id: string; facility_id: string; source_list: string; file_name: string; file_sha256: string;
  mapping: Json; responsible_authority: string; status: string; rows_total: number; rows_valid: number;
  rows_duplicate: number; errors: Json; headers: Json; sample: Json; persons_added: number | null; file_bytes: Buffer; created_by: string;
  created_at: Timestamp; completed_at: Date | null;
}
export interface UserOperationAssignmentTable { user_id: string; operation_id: string; assigned_at: Timestamp; assigned_by: string }
export interface UserFacilityAssignmentTable { user_id: string; facility_id: string; operation_id: string; assigned_at: Timestamp; assigned_by: string }
export interface WatchlistVersionTable {
  id: string; ordinal: Generated<string>; source: string; published_on: string; file_name: string; checksum: string; entry_count: number;
  previous_version_id: string | null; diff_counts: Json; diff_items: Json; loaded_by: string; loaded_at: Timestamp;
}
export interface WatchlistEntryTable { version_id: string; entry_id: string; kind: string; caption: string; content: Json; content_hash: string }
export interface ScreeningRunTable {
  id: string; trigger: string; scope: string; import_id: string | null; person_id: string | null; status: string; cursor_person_id: string | null;
  persons_total: number | null; persons_done: Defaulted<number>; hits_opened: Defaulted<number>; hits_reopened: Defaulted<number>;
  hits_withdrawn: Defaulted<number>; resumed_count: Defaulted<number>; claimed_by: string | null; heartbeat_at: Date | null;
  error: string | null; created_by: string; created_at: Timestamp; finished_at: Date | null;
}
export interface ScreeningHitTable {
  id: string; person_id: string; entry_id: string; source: string; version_id: string; entry_caption: string; status: string;
  score: number; person_values: Json; entry_values: Json; features: Json; person_fingerprint: string; entry_fingerprint: string;
  reopened_because: string | null; decided_by: string | null; decided_at: Date | null; decision_reason: string | null;
  first_seen_at: Timestamp; screened_at: Timestamp; version: Generated<number>;
}

export interface BiometricTemplateTable {
  id: string; person_id: string; modality: string; format: string; ciphertext: Buffer; wrapped_key: Buffer; kek_version: number;
  created_by: string | null; created_at: Timestamp;
}
/** Secrets of users sealed under envelope encryption (platform/auth/totp-secrets.ts); the user's id is the AAD. */
export interface UserSecretTable {
  id: string; user_id: string; kind: 'totp' | 'totp_pending'; ciphertext: Buffer; wrapped_key: Buffer; kek_version: number; created_at: Timestamp;
}

export interface Database {
  operation: OperationTable;
  app_user: AppUserTable;
  user_session: SessionTable;
  webauthn_credential: WebauthnCredentialTable;
  clearance_grant: ClearanceGrantTable;
  facility: FacilityTable;
  facility_risk: FacilityRiskTable;
  person: PersonTable;
  person_identifier: PersonIdentifierTable;
  audit_log: AuditLogTable;
  idempotency_key: IdempotencyKeyTable;
  roster_import: RosterImportTable;
  user_operation_assignment: UserOperationAssignmentTable;
  user_facility_assignment: UserFacilityAssignmentTable;
  watchlist_version: WatchlistVersionTable;
  watchlist_entry: WatchlistEntryTable;
  screening_run: ScreeningRunTable;
  screening_hit: ScreeningHitTable;
  biometric_template: BiometricTemplateTable;
  user_secret: UserSecretTable;
}

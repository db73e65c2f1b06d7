import { sql, type Kysely } from 'kysely';

// Watchlist versions with their parsed entries and the diff against the version they replaced;
// screening runs (restartable: a cursor over person ids, committed with each batch of hits); hits
// with the fingerprints that keep a dismissed pair quiet until either record changes.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const STATEMENTS = `
    create table watchlist_version (
      id uuid primary key,
      ordinal bigserial not null unique,
      source text not null,
      published_on text not null,
      file_name text not null,
      checksum text not null,
      entry_count integer not null,
      previous_version_id uuid references watchlist_version(id),
      diff_counts jsonb not null,
      diff_items jsonb not null,
      loaded_by uuid not null references app_user(id),
      loaded_at timestamptz not null default now(),
      unique (source, checksum)
    );
    create table watchlist_entry (
      version_id uuid not null references watchlist_version(id),
      entry_id text not null,
      kind text not null,
      caption text not null,
      content jsonb not null,
      content_hash text not null,
      primary key (version_id, entry_id)
    );
    create table screening_run (
      id uuid primary key,
      trigger text not null,
      scope text not null,
      import_id uuid,
      status text not null,
      cursor_person_id uuid,
      persons_total integer,
      persons_done integer not null default 0,
      hits_opened integer not null default 0,
      hits_reopened integer not null default 0,
      hits_withdrawn integer not null default 0,
      resumed_count integer not null default 0,
      claimed_by text,
      heartbeat_at timestamptz,
      error text,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index screening_run_pending on screening_run(status, created_at);
    create table screening_hit (
      id uuid primary key,
      person_id uuid not null references person(id),
      entry_id text not null,
      source text not null,
      version_id uuid not null references watchlist_version(id),
      entry_caption text not null,
      status text not null,
      score double precision not null,
      person_values jsonb not null,
      entry_values jsonb not null,
      features jsonb not null,
      person_fingerprint text not null,
      entry_fingerprint text not null,
      reopened_because text,
      decided_by uuid references app_user(id),
      decided_at timestamptz,
      decision_reason text,
      first_seen_at timestamptz not null default now(),
      screened_at timestamptz not null default now(),
      version integer not null default 1,
      unique (person_id, entry_id)
    );
    create index screening_hit_queue on screening_hit(status, score desc);
    create index screening_hit_entry on screening_hit(entry_id)
`;

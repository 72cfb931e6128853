/**
 * The server's schema, one entry per migration. Append-only: a released migration is never edited.
 * Plain SQL that runs on PostgreSQL 15 (Debian's) and on PGlite (PostgreSQL 18).
 */
export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'events',
    sql: `
      create table events (
        server_seq bigint generated always as identity primary key,
        event_id uuid not null unique,
        complaint_id uuid not null,
        branch_id text not null,
        type text not null,
        schema_version int not null,
        hlc text not null,
        device_id text not null,
        staff_id text not null,
        body jsonb not null,
        received_at timestamptz not null default now()
      );
      create index events_branch_seq on events (branch_id, server_seq);
      create index events_complaint on events (complaint_id);
    `,
  },
  {
    id: 2,
    name: 'identity',
    sql: `
      create table branches (
        id text primary key,
        name text not null,
        created_at timestamptz not null default now()
      );
      create table staff (
        id text primary key,
        username text not null unique,
        name text not null,
        role text not null check (role in ('manager', 'supervisor', 'admin')),
        branch_id text references branches (id),
        password_hash text not null,
        disabled boolean not null default false,
        created_at timestamptz not null default now()
      );
      -- A supervisor may cover several branches.
      create table staff_branches (
        staff_id text not null references staff (id),
        branch_id text not null references branches (id),
        primary key (staff_id, branch_id)
      );
      create table devices (
        id text primary key,
        branch_id text not null references branches (id),
        name text not null,
        token_hash text not null unique,
        enrolled_by text not null references staff (id),
        enrolled_at timestamptz not null default now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      );
      create table sessions (
        token_hash text primary key,
        staff_id text not null references staff (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
      );
      -- Calendar overrides, deadline policy, taxonomy: set centrally, pulled by every tablet.
      create table settings (
        key text primary key,
        value jsonb not null,
        version bigint not null default 1,
        updated_by text references staff (id),
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    id: 3,
    name: 'complaints projection',
    sql: `
      -- One row per complaint, refolded from its events on every push: what supervisors' queues and the reports
      -- query with plain SQL and indexes, never by loading events into Node.
      create table complaints (
        id uuid primary key,
        branch_id text not null,
        status text not null,
        kind text not null,
        category text,
        cause text,
        verdict text,
        received_at timestamptz not null,
        first_response_due timestamptz not null,
        first_response_at timestamptz,
        reply_due timestamptz not null,
        replied_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        due_at timestamptz,
        extended boolean not null,
        escalation_open boolean not null,
        reopened boolean not null,
        opinion text,
        mood_start int,
        mood_end int,
        group_size int,
        phone text,
        state jsonb not null,
        updated_seq bigint not null
      );
      create index complaints_branch_received on complaints (branch_id, received_at);
      create index complaints_branch_status on complaints (branch_id, status, due_at);
      create index complaints_phone on complaints (branch_id, phone) where phone is not null;
    `,
  },
  {
    id: 4,
    name: 'supervisor desk',
    sql: `
      -- An extension request waiting for a supervisor's decision; the desk's queue reads a small partial index.
      alter table complaints add column approval_pending boolean not null default false;
      create index complaints_awaiting on complaints (branch_id, received_at) where escalation_open or approval_pending;
      create index complaints_open_due on complaints (branch_id, due_at) where status not in ('closed', 'withdrawn');
    `,
  },
  {
    id: 5,
    name: 'covering index for the reports',
    sql: `
      -- The reports read a branch's date range once, from this index alone (an index-only scan once autovacuum has
      -- marked the pages): never the wide rows with their state. It replaces the plain (branch, received) index.
      -- Measured over a million complaints: a 5-branch, one-year report from 5.5 s to well under a second (docs/benchmarks.md).
      create index complaints_report on complaints (branch_id, received_at) include (kind, verdict, status,
        first_response_at, first_response_due, replied_at, reply_due, extended, due_at, reopened, group_size,
        closed_at, mood_start, mood_end, category, cause, opinion, phone);
      drop index complaints_branch_received;
    `,
  },
  // Ids 6 and 7 are reserved for another branch's migrations; the runner applies whatever is missing, by id.
  {
    id: 8,
    name: 'approval levels and every clock',
    sql: `
      -- A superior office's or head-office senior manager's authority (2020 rule Art. 18), given to named staff
      -- centrally: the only approval that allows an extension past 30 days.
      alter table staff add column approval_level text check (approval_level in ('superior'));
      -- Each clock's latest deadline and when it was met (domain clockRecords), so the reports count the rule's
      -- clocks and the bank's apart, over complaints whose deadline passed or that were answered. A clock that
      -- stopped unmet before its deadline (a withdrawal) has none.
      alter table complaints alter column first_response_due drop not null;
      alter table complaints alter column reply_due drop not null;
      alter table complaints
        add column due_clock text,
        add column handling_due timestamptz,
        add column handling_met_at timestamptz,
        add column regulatory_due timestamptz,
        add column regulatory_met_at timestamptz,
        add column review_due timestamptz,
        add column review_met_at timestamptz,
        add column reviews int not null default 0,
        add column earlier_breaches int not null default 0,
        -- Rows projected by an older server are recomputed once at start (sync/reprojectComplaints.ts).
        add column projection_version int not null default 0;
      create index complaints_projection_version on complaints (projection_version);
      drop index complaints_report;
      create index complaints_report on complaints (branch_id, received_at) include (kind, verdict, status,
        first_response_at, first_response_due, replied_at, reply_due, handling_due, handling_met_at, regulatory_due,
        regulatory_met_at, review_due, review_met_at, reviews, earlier_breaches, extended, due_at, reopened, group_size,
        closed_at, mood_start, mood_end, category, cause, opinion, phone);
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.id

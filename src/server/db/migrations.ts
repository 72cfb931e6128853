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
  {
    id: 6,
    name: 'tokens expire and rotate, accounts lock',
    sql: `
      -- A device token is rotated weekly by the pull that uses it; the previous one keeps working for a while, so
      -- a tablet that lost the answer carrying its new token is not shut out. Unused for 30 days, a token expires:
      -- the tablet must be enrolled again (its hash is kept only to tell the tablet why; it never authenticates).
      alter table devices add column expired_at timestamptz;
      alter table devices add column token_issued_at timestamptz not null default now();
      alter table devices add column prev_token_hash text unique;
      alter table devices add column prev_token_expires_at timestamptz;
      -- The staff member who enrolled it was disabled: the tablet waits for an administrator's confirmation.
      alter table devices add column needs_confirmation boolean not null default false;
      alter table devices add column confirmed_by text references staff (id);
      -- Failed sign-ins per username typed (known or not, so the answer never tells which exist): after too many
      -- the name locks for a while, whatever the caller's address. Shared by every server process.
      create table sign_in_failures (
        username text primary key,
        failures int not null,
        window_started timestamptz not null,
        locked_until timestamptz
      );
      alter table staff add column password_changed_at timestamptz;
      -- A password set by an administrator (a reset) is one-time: it must be changed at the next sign-in.
      alter table staff add column must_change_password boolean not null default false;
      create index sessions_expiry on sessions (expires_at);
    `,
  },
  {
    id: 7,
    name: 'audit log',
    sql: `
      -- Every administrative action, append-only: who, when, from which address, what, before and after.
      create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        actor_id text not null,
        address text,
        action text not null,
        target text,
        before jsonb,
        after jsonb
      );
      create index audit_log_at on audit_log (at);
    `,
  },
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
  {
    id: 10,
    name: 'JR/T 0169 codes',
    sql: `
      -- A complaint's chosen codes on the standard's three dimensions, and whether it was recorded before the app
      -- classified by the standard (then the taxonomy's upgrade mapping of category and cause fills the rest, at
      -- report time, so a reviewed mapping needs no rewrite). Generated from the folded state the projection stores:
      -- the projection's own code stays as it is. A state from before this version has no preStandard: it is old.
      alter table complaints
        add column code_a text generated always as (state->'codes'->>'A') stored,
        add column code_b text generated always as (state->'codes'->>'B') stored,
        add column code_c text generated always as (state->'codes'->>'C') stored,
        add column pre_standard boolean generated always as (coalesce((state->>'preStandard')::boolean, true)) stored;
      -- The report by code reads a range from this index alone, as the summary report does from complaints_report.
      create index complaints_codes_report on complaints (branch_id, received_at) include (pre_standard, code_a, code_b, code_c,
        category, cause, kind, status, first_response_at, first_response_due, replied_at, reply_due, due_at, extended);
    `,
  },
  {
    id: 11,
    name: 'administration console',
    sql: `
      -- A branch's short code, printed in its case numbers; unique, and set by an administrator (branches made before
      -- this have none until then).
      alter table branches add column code text unique;
      -- What each tablet last reported with its pull (for the administrator's list), whether it can erase its data,
      -- and whether an administrator revoked it with an order to do so.
      alter table devices add column pending_events int;
      alter table devices add column app_version text;
      alter table devices add column reported_at timestamptz;
      alter table devices add column can_wipe boolean not null default false;
      alter table devices add column wipe boolean not null default false;
      -- One-time codes to enrol a tablet for a branch, issued by an administrator or a supervisor covering it: only
      -- the hash is kept; a code works once, before it expires.
      create table enrolment_codes (
        code_hash text primary key,
        branch_id text not null references branches (id),
        created_by text not null references staff (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz,
        device_id text
      );
      create index enrolment_codes_expiry on enrolment_codes (expires_at);
      -- The audit log is append-only in the database too: no update or delete, whoever connects.
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end
      $$;
      create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_append_only();
      create index audit_log_action on audit_log (action, at);
    `,
  },
  {
    id: 20,
    name: 'room for in-place projection updates',
    sql: `
      -- Most events (a note, a contact) change a complaint's folded state but no indexed column: with free room on
      -- its page, PostgreSQL updates the row in place (a HOT update) instead of writing every index again.
      alter table complaints set (fillfactor = 70);
    `,
  },
  {
    id: 21,
    name: 'who has unlocked each tablet',
    sql: `
      -- The staff members who proved who they are on a tablet (its enroller, and each colleague added with their
      -- password): only they act in that tablet's events. A tablet's token cannot put anyone else's name on them.
      create table device_staff (
        device_id text not null references devices (id),
        staff_id text not null references staff (id),
        added_at timestamptz not null default now(),
        primary key (device_id, staff_id)
      );
      -- Tablets already in use: whoever enrolled them and whoever has made events on them.
      insert into device_staff (device_id, staff_id)
        select id, enrolled_by from devices
        union select distinct e.device_id, e.staff_id from events e join devices d on d.id = e.device_id join staff s on s.id = e.staff_id
        on conflict do nothing;
    `,
  },
  {
    id: 22,
    name: 'case numbers',
    sql: `
      -- Each tablet of a branch numbers its complaints with its own letter (domain caseNumber.ts), given at enrolment:
      -- unique in the branch, I and O never given (they read as 1 and 0).
      alter table devices add column case_letter text check (case_letter ~ '^[A-HJ-NP-Z]$');
      create unique index devices_case_letter on devices (branch_id, case_letter);
      -- Tablets already enrolled get theirs in the order they were enrolled, those in use first.
      update devices d set case_letter = substr('ABCDEFGHJKLMNPQRSTUVWXYZ', r.n::int, 1)
        from (select id, row_number() over (partition by branch_id
                order by (revoked_at is not null or expired_at is not null), enrolled_at, id) as n from devices) r
        where r.id = d.id and r.n <= 24;
      -- A case number names one complaint of its branch: the last guard behind the intake rules (admitEvents).
      create unique index events_case_number on events (branch_id, (body->'payload'->>'caseNumber'))
        where type = 'complaint.recorded' and (body->'payload'->>'caseNumber') is not null;
    `,
  },
  {
    id: 23,
    name: 'sms outbox',
    sql: `
      -- One job per sms.requested event, made in the transaction that stores the event: a crash after the push
      -- loses nothing, and a retried push finds the job there (keyed by the event's id) and sends nothing twice.
      -- The number and the words stay in the event only (personal data in one place).
      create table sms_jobs (
        request_id uuid primary key references events (event_id),
        complaint_id uuid not null,
        branch_id text not null,
        status text not null default 'queued' check (status in ('queued', 'sending', 'accepted', 'delivered', 'failed')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        locked_until timestamptz,
        sent_at timestamptz,
        message_id text,
        pending_receipt jsonb,
        created_at timestamptz not null default now()
      );
      create index sms_jobs_due on sms_jobs (next_attempt_at) where status in ('queued', 'sending');
      create index sms_jobs_sent on sms_jobs (sent_at, branch_id) where sent_at is not null;
      create unique index sms_jobs_message on sms_jobs (message_id) where message_id is not null;
    `,
  },
  {
    id: 24,
    name: 'alerts by e-mail',
    sql: `
      -- How each person wants to hear of what waits for them: each alert by itself, one daily digest, or not at all.
      create table alert_preferences (
        staff_id text primary key references staff (id),
        mode text not null check (mode in ('immediate', 'digest', 'off')),
        email text,
        last_digest_on date,
        updated_at timestamptz not null default now()
      );
      -- The outbox of alerts: written in the push's own transaction (so a crash loses none), one per person,
      -- complaint, reason and occasion (so a retried push or a second check never doubles one), sent after commit.
      -- 'ref' is the occasion: the escalation's or the request's event id, the deadline's instant, '' for a record.
      create table alerts (
        id bigint generated always as identity primary key,
        staff_id text not null references staff (id),
        complaint_id uuid not null,
        branch_id text not null,
        reason text not null check (reason in ('escalated', 'major', 'group', 'extensionRequested', 'deadline')),
        ref text not null default '',
        due_at timestamptz,
        created_at timestamptz not null default now(),
        state text not null default 'pending' check (state in ('pending', 'sent', 'skipped')),
        channel text,
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        sent_at timestamptz,
        unique (staff_id, complaint_id, reason, ref)
      );
      create index alerts_pending on alerts (next_attempt_at) where state = 'pending';
    `,
  },
  {
    id: 31,
    name: 'remote wipe acknowledged',
    sql: `
      -- Who revoked a tablet (the tablet tells its user), and when a tablet revoked with a wipe delivered its last push
      -- and said it was erasing itself: until then it may push (never pull); after, it is refused everything.
      alter table devices add column revoked_by text references staff (id);
      alter table devices add column wipe_acknowledged_at timestamptz;
      alter table devices add column wipe_undelivered int;
    `,
  },
  {
    id: 33,
    name: 'alerts by SMS',
    sql: `
      -- Each person chooses the channels of their alerts; a preference stored before SMS alerts existed reads as e-mail.
      alter table alert_preferences add column channels text[] not null default '{email}';
      alter table alert_preferences add column mobile text;
      alter table alert_preferences add column last_sms_digest_on date;
      -- An alert goes out on each chosen channel by itself: the e-mail lane is state/attempts/next_attempt_at/
      -- last_error/sent_at (migration 24), the SMS lane these. 'failed': the gateway refused the number for good.
      alter table alerts add column sms_state text not null default 'pending'
        check (sms_state in ('pending', 'sent', 'skipped', 'failed'));
      alter table alerts add column sms_attempts int not null default 0;
      alter table alerts add column sms_next_attempt_at timestamptz not null default now();
      alter table alerts add column sms_last_error text;
      alter table alerts add column sms_sent_at timestamptz;
      alter table alerts add column sms_message_id text;
      create index alerts_sms_pending on alerts (sms_next_attempt_at) where sms_state = 'pending';
    `,
  },
  {
    id: 34,
    name: 'attachments',
    sql: `
      -- A photo or file of a complaint (issue 20 §2): one row per attachment.added event, made in the push that stores
      -- it (so an upload can never come before its event), with what the event says the file is. The bytes arrive in
      -- chunks of 256 KiB, in order; complete once all are here and their SHA-256 and first bytes match the event.
      create table attachments (
        attachment_id uuid primary key,
        branch_id text not null,
        complaint_id uuid not null,
        event_id uuid not null,
        content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
        byte_size int not null check (byte_size between 1 and 5242880),
        sha256 text not null,
        received_bytes int not null default 0,
        complete boolean not null default false,
        removed boolean not null default false,
        created_at timestamptz not null default now(),
        completed_at timestamptz
      );
      create index attachments_complaint on attachments (complaint_id);
      create table attachment_chunks (
        attachment_id uuid not null references attachments (attachment_id) on delete cascade,
        idx int not null,
        bytes bytea not null,
        primary key (attachment_id, idx)
      );
    `,
  },
  {
    id: 35,
    name: 'attachments per branch and day',
    sql: `
      -- The centre's daily limit of uploaded bytes per branch (ATTACHMENT_MB_PER_BRANCH_DAY) reads a branch's last day.
      create index attachments_branch_day on attachments (branch_id, created_at);
    `,
  },
]

/** The highest migration: ids are unique but need not be consecutive (branches of work reserve ranges). */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.id))

import type { ComplaintDb } from '@/db'
import { backoffDelay } from './backoff'
import type { BackoffOptions } from './backoff'
import { pullEvents, readCursor } from './pullEvents'
import { pruneRetired } from './pruneRetired'
import { pushOutbox } from './pushOutbox'
import { fetchAttachments, uploadAttachments } from './attachmentSync'
import { tabletReport, wipeTablet } from './tabletReport'
import type { WipeNotice } from './tabletReport'
import { syncErrorKind } from './syncErrorKind'
import type { SyncErrorKind } from './syncErrorKind'
import { SyncHttpError } from './transport'
import type { SyncTransport } from './transport'

/** A revoked or wiped tablet learns it from whichever call hears it first; any other failure of files waits a sync. */
function rethrowAuth(e: unknown): void {
  if (e instanceof SyncHttpError && e.isAuthFailure) throw e
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'revoked'

export interface SyncStatus {
  state: SyncState
  lastSyncedAt: number | null
  lastError: string | null
  /** The centre's code for the last failure (`device_revoked`, `device_expired`, `device_unconfirmed`, …). */
  lastErrorCode: string | null
  /** What kind of failure the last one was, for a message in the screen's language (lastError is the raw text, for logs). */
  lastErrorKind: SyncErrorKind | null
  /** The HTTP status of the last failure, when the centre answered. */
  lastErrorStatus: number | null
  /** Consecutive failures; the next retry waits longer. */
  failures: number
  nextRetryAt: number | null
}

export interface SyncEngineOptions {
  db: ComplaintDb
  transport: SyncTransport
  isOnline?: () => boolean
  /** A quiet sync every so often even without changes, to pick up other tablets' work. */
  intervalMs?: number
  backoff?: BackoffOptions
  onStatus?: (status: SyncStatus) => void
  /** The centre rotated the device token: store it, so every later request uses it. */
  onDeviceToken?: (token: string) => Promise<void>
  /** Who may unlock this branch's tablets now (with every pull). */
  onActiveStaff?: (staffIds: string[]) => Promise<void>
  /** This build's version: with it, each pull reports it, the unsent events and that the tablet can erase itself. */
  appVersion?: string
  /** An administrator revoked this tablet with an order to erase it: called once its database is deleted. */
  onWiped?: (notice: WipeNotice) => void
  /**
   * Whether the tablet's keys are open (someone has unlocked it). A locked tablet neither pushes nor pulls: pushing
   * needs the events opened, pulling would store what it cannot seal. The outbox and the cursor wait for the next
   * unlock, so nothing is lost (ARCHITECTURE.md, threat model). Without it, always.
   */
  canSync?: () => boolean
  /** Where `online` and `visibilitychange` come from (window and document in the app; nothing in tests). */
  events?: {
    window?: Pick<Window, 'addEventListener' | 'removeEventListener'>
    document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>
  }
  now?: () => number
}

/**
 * The tablet's sync loop: push the outbox, then pull. It runs after each local write (`requestSync`), when the
 * tablet comes online, when the app becomes visible and on an interval — never relying on Background Sync,
 * which Safari and iPadOS lack. Failures back off exponentially with jitter; a revoked token stops it.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, transport } = options
  const now = options.now ?? Date.now
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true)
  const status: SyncStatus = {
    state: 'idle',
    lastSyncedAt: null,
    lastError: null,
    lastErrorCode: null,
    lastErrorKind: null,
    lastErrorStatus: null,
    failures: 0,
    nextRetryAt: null,
  }
  let running: Promise<void> | null = null
  let again = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let started = false

  const emit = () => options.onStatus?.({ ...status })
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer)
    if (!started) return
    status.nextRetryAt = now() + ms
    timer = setTimeout(() => void requestSync(), ms)
  }

  const locked = () => options.canSync !== undefined && !options.canSync()

  /**
   * Locked, the tablet still checks in (a pull of one event, neither stored nor counted: the cursor stays) so it
   * learns that it was revoked, that its token rotated or who may unlock it — none of which needs the keys.
   */
  async function checkIn(): Promise<void> {
    const { appVersion } = options
    const page = await transport.pull(
      await readCursor(db),
      1,
      appVersion ? await tabletReport(db, appVersion) : undefined,
    )
    if (page.deviceToken) await options.onDeviceToken?.(page.deviceToken)
    if (page.staffIds) await options.onActiveStaff?.(page.staffIds)
  }

  async function runOnce(): Promise<void> {
    if (status.state === 'revoked') return
    if (!isOnline()) {
      status.state = 'offline'
      emit()
      return
    }
    status.state = 'syncing'
    emit()
    try {
      if (locked()) {
        await checkIn()
        status.state = 'idle'
        emit()
        schedule(options.intervalMs ?? 60_000)
        return
      }
      await pushOutbox(db, transport)
      // Files after the events they belong to; a file that fails to go is sent on from where it stopped next time.
      await uploadAttachments(db, transport).catch(rethrowAuth)
      const { appVersion } = options
      await pullEvents(db, transport, {
        onDeviceToken: options.onDeviceToken,
        onActiveStaff: options.onActiveStaff,
        report: appVersion ? () => tabletReport(db, appVersion) : undefined,
      })
      // Pulled to the end, the tablet holds what the centre holds: finished complaints past retention may go. A failure
      // here is no failure of the sync (nothing is lost by keeping them); the next sync weighs them again.
      await pruneRetired(db, { now }).catch(() => undefined)
      // Other tablets' photos, a few per sync, so they show offline later (or on first view: fetchAttachment).
      await fetchAttachments(db, transport).catch(rethrowAuth)
      Object.assign(status, {
        state: 'idle',
        lastSyncedAt: now(),
        lastError: null,
        lastErrorCode: null,
        lastErrorKind: null,
        lastErrorStatus: null,
        failures: 0,
      })
      emit()
      schedule(options.intervalMs ?? 60_000)
    } catch (e) {
      // Locked mid-sync: what was stored stays (each page with its cursor); the next unlock goes on.
      if (locked() && !(e instanceof SyncHttpError)) {
        status.state = 'idle'
        emit()
        return
      }
      status.lastError = e instanceof Error ? e.message : String(e)
      status.lastErrorCode = e instanceof SyncHttpError ? e.code : null
      status.lastErrorKind = syncErrorKind(e)
      status.lastErrorStatus = e instanceof SyncHttpError ? e.status : null
      // A tablet waiting for an administrator's confirmation keeps trying (with back-off); any other refusal stops it.
      if (e instanceof SyncHttpError && e.isAuthFailure && e.code !== 'device_unconfirmed') {
        status.state = 'revoked'
        if (e.code === 'device_wipe') {
          // Locked with events not yet sent, the tablet cannot send them (they are sealed): it waits for an unlock to
          // push them first, and holds only ciphertext meanwhile.
          if (locked() && (await db.outbox.count()) > 0) {
            emit()
            return
          }
          try {
            await obeyWipe(e)
          } catch (failure) {
            // The last push or the acknowledgement did not get through: nothing is erased before it does; try again.
            status.state = 'error'
            status.failures++
            status.lastErrorKind = syncErrorKind(failure)
            emit()
            schedule(backoffDelay(status.failures, options.backoff))
          }
          return
        }
        emit()
        return
      }
      status.failures++
      status.state = isOnline() ? 'error' : 'offline'
      emit()
      schedule(backoffDelay(status.failures, options.backoff))
    }
  }

  /**
   * Revoked with a wipe. First what the tablet has not sent goes to the centre (which takes pushes, and only pushes,
   * from such a tablet until it acknowledges); then the acknowledgement, with what could not be delivered (events the
   * centre refused or deferred); then the database goes. A push or an acknowledgement that fails on the network
   * erases nothing: the next contact starts over. One refused because the centre already has the acknowledgement (a
   * tablet whose erasing was interrupted) goes on to erase.
   */
  async function obeyWipe(order: SyncHttpError): Promise<void> {
    const alreadyAcknowledged = (f: unknown) => f instanceof SyncHttpError && f.isAuthFailure
    await pushOutbox(db, transport).catch((f: unknown) => {
      if (!alreadyAcknowledged(f)) throw f
    })
    // The files of those events too: a photo the centre does not have yet would be erased with the tablet.
    await uploadAttachments(db, transport).catch((f: unknown) => {
      if (!alreadyAcknowledged(f)) throw f
    })
    const undelivered = (await db.outbox.count()) + (await db.attachments.where('needsUpload').equals(1).count())
    await transport.wiped?.(undelivered).catch((f: unknown) => {
      if (!alreadyAcknowledged(f)) throw f
    })
    const text = (v: unknown) => (typeof v === 'string' ? v : null)
    const notice: WipeNotice = {
      revokedAt: text(order.details.revokedAt),
      revokedBy: text(order.details.revokedBy),
      erasedAt: new Date(now()).toISOString(),
      undelivered,
    }
    await wipeTablet(db, notice)
    started = false
    if (timer) clearTimeout(timer)
    status.state = 'revoked'
    emit()
    options.onWiped?.(notice)
  }

  /** Sync now; if a sync is running, run once more after it so nothing written meanwhile waits for the timer. */
  function requestSync(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await runOnce()
      } while (again && status.state !== 'revoked')
    })().finally(() => {
      running = null
    })
    return running
  }

  const onOnline = () => void requestSync()
  const onVisible = () => {
    if (options.events?.document?.visibilityState === 'visible') void requestSync()
  }

  return {
    status: () => ({ ...status }),
    requestSync,
    start() {
      started = true
      options.events?.window?.addEventListener('online', onOnline)
      options.events?.document?.addEventListener('visibilitychange', onVisible)
      return requestSync()
    },
    stop() {
      started = false
      if (timer) clearTimeout(timer)
      options.events?.window?.removeEventListener('online', onOnline)
      options.events?.document?.removeEventListener('visibilitychange', onVisible)
    },
  }
}

export type SyncEngine = ReturnType<typeof createSyncEngine>

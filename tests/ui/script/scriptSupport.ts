import { vi } from 'vitest'
import { newId } from '@/domain'
import type { ComplaintEvent, EventDraft, EventType } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import ScriptPage from '@/ui/script/ScriptPage.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

let cleanup: (() => Promise<void>) | null = null

/** Call from afterEach: unmounts the page and deletes its database. */
export async function teardown(): Promise<void> {
  await cleanup?.()
  cleanup = null
  document.body.innerHTML = ''
}

/**
 * Records a complaint (and any earlier script events) in a fresh database, then opens its script page.
 * `earlier` events are stamped `agoMs` in the past, as if the script had been started on an earlier visit.
 */
export async function openScript(options: { locale?: 'zh-CN' | 'en'; earlier?: EventDraft[]; agoMs?: number } = {}) {
  const db = new ComplaintDb(`ui-script-${newId()}`)
  const id = newId()
  // The hybrid clock never runs backwards, so a past script needs the whole record stamped in the past.
  const past = () => Date.now() - (options.agoMs ?? 0)
  await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }], past)
  if (options.earlier?.length) await commit(db, id, options.earlier, past)
  const app = await mountWithApp(ScriptPage, {
    db,
    locale: options.locale,
    props: { id },
    path: `/complaints/${id}/script`,
  })
  cleanup = async () => {
    app.wrapper.unmount()
    await db.delete()
  }
  // The page opens on the first step neither done nor skipped once the complaint is read from IndexedDB.
  await vi.waitFor(() => {
    if (!app.wrapper.find('[data-testid^="script-view-"], [data-testid="script-summary"]').exists())
      throw new Error('not open yet')
  })
  return { ...app, id }
}

export async function eventsOf<T extends EventType>(
  db: ComplaintDb,
  type: T,
): Promise<Extract<ComplaintEvent, { type: T }>[]> {
  const all = await db.events.toArray()
  return all.filter((e): e is Extract<ComplaintEvent, { type: T }> => e.type === type)
}

import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useDatabase } from '@/ui/services/database'
import type { Codes } from '@/domain/taxonomy/codes'

/**
 * How often this tablet has used each code, so the picker offers its branch's usual entries first. A convenience
 * kept beside the data (in `meta`), not part of any complaint: losing it only reorders the picker.
 */
export function useCodeUsage() {
  const db = useDatabase()
  const { data } = useLiveQuery({
    query: async () => (await db.getMeta('codeUsage')) ?? {},
    initial: {} as Record<string, number>,
  })
  async function count(codes: Codes): Promise<void> {
    const used = Object.values(codes).filter((c): c is string => !!c)
    if (!used.length) return
    await db.transaction('rw', db.meta, async () => {
      const usage = { ...((await db.getMeta('codeUsage')) ?? {}) }
      for (const c of used) usage[c] = (usage[c] ?? 0) + 1
      await db.putMeta('codeUsage', usage)
    })
  }
  return { usage: data, count }
}

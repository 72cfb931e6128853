import { computed } from 'vue'
import type { Ref } from 'vue'
import type { ComplaintState, StaffRef } from '@/domain'
import { useSessionStore } from '@/ui/auth/useSessionStore'

/**
 * The people the tablet can name with a real staff id: the staff enrolled on this tablet and everyone already named
 * on the complaint. Anyone else is named as typed.
 *
 * TODO(sync: staff directory): the tablet has no staff directory yet. Until the branch's staff list comes down with
 * the central settings, someone typed by name gets `{ staffId: 'name:<name>', staffName: <name> }`; the directory
 * will let the server map those to real staff ids.
 */
export function useKnownStaff(complaint: Ref<ComplaintState>) {
  const session = useSessionStore()
  const people = computed<StaffRef[]>(() => {
    const c = complaint.value
    const named: StaffRef[] = [
      ...session.users.map((u) => ({ staffId: u.staffId, staffName: u.name })),
      c.owner,
      { staffId: c.recorded.by.staffId, staffName: c.recorded.by.staffName },
      ...c.handoffs.flatMap((h) => [h.from, h.to]),
      ...(c.plan ? [c.plan.responsible] : []),
      ...c.escalations.flatMap((e) => [e.supervisor, e.plan?.supervisor]).filter((x): x is StaffRef => !!x),
    ]
    const byName = new Map<string, StaffRef>()
    for (const p of named) {
      const known = byName.get(p.staffName)
      // A real staff id wins over a name typed earlier.
      if (!known || (known.staffId.startsWith('name:') && !p.staffId.startsWith('name:')))
        byName.set(p.staffName, { staffId: p.staffId, staffName: p.staffName })
    }
    return [...byName.values()]
  })

  /** The staff reference for a name as entered. */
  function staff(name: string): StaffRef {
    const n = name.trim()
    return people.value.find((p) => p.staffName === n) ?? { staffId: `name:${n}`, staffName: n }
  }

  return { people, staff }
}

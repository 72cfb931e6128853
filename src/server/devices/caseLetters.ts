import { TABLET_LETTERS } from '../../domain'
import type { CaseNumbering } from '../../domain'
import type { Queryable } from '../db/Database'

/**
 * Gives a tablet just enrolled its letter for case numbers, unique among its branch's tablets: the one it had if it
 * was enrolled in this branch before, else the first letter no tablet of the branch holds, else the letter of the
 * tablet retired longest ago (a tablet numbers after the highest number it has pulled with its letter, so the
 * numbers of a retired tablet that synced are never given again). Null when every letter is held by a tablet in use.
 * Called inside the enrolment's transaction; serialised per branch so two enrolments never take one letter.
 */
export async function assignCaseLetter(tx: Queryable, deviceId: string, branchId: string): Promise<string | null> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`letters:${branchId}`])
  const { rows } = await tx.query<{ id: string; case_letter: string; retired: boolean }>(
    `select id, case_letter, (revoked_at is not null or expired_at is not null) as retired from devices
     where branch_id = $1 and case_letter is not null order by coalesce(revoked_at, expired_at, enrolled_at)`,
    [branchId],
  )
  const own = rows.find((r) => r.id === deviceId)
  if (own) return own.case_letter
  const held = new Set(rows.map((r) => r.case_letter))
  let letter = [...TABLET_LETTERS].find((l) => !held.has(l))
  if (!letter) {
    const retired = rows.find((r) => r.retired)
    if (!retired) return null
    await tx.query('update devices set case_letter = null where id = $1', [retired.id])
    letter = retired.case_letter
  }
  await tx.query('update devices set case_letter = $2 where id = $1', [deviceId, letter])
  return letter
}

/** The branch code and letter a tablet numbers with, when both are set (a branch made before codes has none). */
export async function caseNumberingOf(db: Queryable, deviceId: string): Promise<CaseNumbering | null> {
  const row = (
    await db.query<{ code: string | null; case_letter: string | null }>(
      'select b.code, d.case_letter from devices d join branches b on b.id = d.branch_id where d.id = $1',
      [deviceId],
    )
  ).rows[0]
  return row?.code && row.case_letter ? { branchCode: row.code, letter: row.case_letter } : null
}

import { z } from 'zod'
import { safeString } from '../text/safeText'

/**
 * A branch's short code, printed in its case numbers (e.g. `RM-2026-0001`): 2 to 6 capital letters or digits, unique
 * in the bank. Short because staff read it out to customers; capitals and digits only so it survives any channel.
 */
export const BRANCH_CODE = /^[A-Z0-9]{2,6}$/

export const branchCodeSchema = () => z.string().trim().toUpperCase().regex(BRANCH_CODE, { error: 'branchCode' })

/** Ids of branches, staff and tablets as they travel in paths and bodies. */
export const recordIdSchema = () => z.string().regex(/^[\w-]{1,64}$/, { error: 'invalidId' })

export const branchInputSchema = z.object({
  name: safeString().trim().min(1, { error: 'required' }).max(40),
  code: branchCodeSchema(),
})
export type BranchInput = z.infer<typeof branchInputSchema>

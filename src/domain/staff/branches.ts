import { z } from 'zod'
import { BRANCH_CODE } from '../complaint/caseNumber'
import { safeString } from '../text/safeText'

export const branchCodeSchema = () => z.string().trim().toUpperCase().regex(BRANCH_CODE, { error: 'branchCode' })

/** Ids of branches, staff and tablets as they travel in paths and bodies. */
export const recordIdSchema = () => z.string().regex(/^[\w-]{1,64}$/, { error: 'invalidId' })

export const branchInputSchema = z.object({
  name: safeString().trim().min(1, { error: 'required' }).max(40),
  code: branchCodeSchema(),
})
export type BranchInput = z.infer<typeof branchInputSchema>

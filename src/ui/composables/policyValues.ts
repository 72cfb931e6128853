import type { DeadlinePolicy } from '@/domain'

/**
 * The deadline policy's numbers as named values for messages (`{replyDays}`, `{extensionCapDays}`, …): a message
 * that states a limit reads it from the centre's policy, so changing the policy changes what the screen says.
 */
export function policyValues(policy: DeadlinePolicy) {
  return {
    firstResponseHours: policy.firstResponseHours,
    handlingHours: policy.handlingHours,
    replyDays: policy.replyWorkingDays,
    extensionCapDays: policy.extensionCapWorkingDays,
    regulatoryDays: policy.regulatoryDays,
    regulatoryExtendedDays: policy.regulatoryExtendedDays,
    regulatoryMaxDays: policy.regulatoryMaxDays,
    reviewDays: policy.reviewDays,
    reviewWindowDays: policy.reviewWindowDays,
  }
}

import { GROUP_REPRESENTATIVES_FROM, MAJOR_GROUP_SIZE } from './vocabulary'

/** What the 2020 rule asks of a group complaint of this size (Art. 12 and 29). */
export function groupRules(size: number | undefined): {
  isGroup: boolean
  needsRepresentatives: boolean
  major: boolean
} {
  const n = size ?? 1
  return { isGroup: n >= 2, needsRepresentatives: n >= GROUP_REPRESENTATIVES_FROM, major: n >= MAJOR_GROUP_SIZE }
}

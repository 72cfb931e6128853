import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 200

// zxcvbn knows the passwords people actually choose (tens of thousands of leaked ones, keyboard walks, dates,
// repetitions, l33t); a length rule alone lets "1234567890" and "qwertyuiop" through.
let checker: ZxcvbnFactory | null = null

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooCommon' | 'containsName'

/** A bank's password rule: at least 10 characters, not a common or guessable password, not the person's own name. */
export function passwordProblem(password: string, personal: string[]): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort'
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong'
  const lower = password.toLowerCase()
  if (personal.some((p) => p.length >= 3 && lower.includes(p.toLowerCase()))) return 'containsName'
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs })
  return checker.check(password, personal).score < 3 ? 'tooCommon' : null
}

export const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  tooShort: `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `The password must have at most ${MAX_PASSWORD_LENGTH} characters`,
  tooCommon: 'The password is too common or too easy to guess: use a longer phrase of unrelated words',
  containsName: 'The password must not contain your username or name',
}

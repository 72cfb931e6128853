import { readonly, ref } from 'vue'

/**
 * After a successful save the next screen takes a moment to show (slower on a cheap tablet); a second tap in that
 * moment would land on a button that is still there — or on the next step's — and record again.
 */
export const SETTLE_MS = 800

export interface CommandOptions {
  /** How long taps stay ignored after a success, until the next screen shows. */
  settleMs?: number
}

/**
 * The one guard on everything the UI records (the intake, the action sheets, the script's steps, the desk's
 * answers): a tap while the command runs is ignored, and so is one just after it succeeded. The command says
 * whether it saved by returning `true`; a refusal or an invalid form returns anything else and the next tap counts.
 */
export function useCommand<A extends unknown[]>(
  command: (...args: A) => Promise<boolean | void>,
  options: CommandOptions = {},
) {
  const busy = ref(false)
  async function run(...args: A): Promise<void> {
    if (busy.value) return
    busy.value = true
    let saved = false
    try {
      saved = (await command(...args)) === true
    } finally {
      if (saved) setTimeout(() => (busy.value = false), options.settleMs ?? SETTLE_MS)
      else busy.value = false
    }
  }
  return { run, busy: readonly(busy) }
}

import { showDialog } from '@/ui/vant/dialog'
import { showFailToast, showToast } from '@/ui/vant/toast'
import { useI18n } from 'vue-i18n'
import { usePolicyT } from '@/ui/composables/usePolicyT'
import type { CommandOutcome } from '@/ui/stores/useComplaintStore'

/** Tells the user why a change was not saved, in their language; their input stays where it is. */
export function useOutcomeFeedback() {
  const { t } = useI18n()
  const pt = usePolicyT()
  return function explain(outcome: Exclude<CommandOutcome, { ok: true }>): void {
    if (outcome.kind === 'alreadySaved') {
      showToast(t('app.alreadySaved'))
    } else if (outcome.kind === 'refused') {
      void showDialog({ message: pt(`refusals.${outcome.refusal}`), confirmButtonText: 'OK' })
    } else if (outcome.kind === 'storage') {
      void showDialog({
        title: t('storage.notSaved'),
        message:
          outcome.problem === 'unknown'
            ? t('storage.unknown', { message: outcome.message })
            : t(`storage.${outcome.problem}`),
        confirmButtonText: 'OK',
      })
    } else {
      showFailToast({ message: t('errors.fixBelow'), duration: 2500 })
    }
  }
}

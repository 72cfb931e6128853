import type { PwaMessages } from './messages'

export const pwaMessagesEn: PwaMessages = {
  pwa: {
    updateReady: 'A new version is ready',
    updateHint: 'What you are typing is saved first',
    update: 'Update',
    updating: 'Saving and updating…',
    later: 'Later',
    offlineReady: 'Ready to work offline: complaints can be recorded and handled without a network',
    draftSaveFailed:
      'The draft could not be saved, so the update was not applied. Submit or copy what you typed first.',
  },
}

import { authMessagesEn } from '@/ui/auth/messages.en'
import { pwaMessagesEn } from '@/ui/pwa/messages.en'
import { reminderMessagesEn } from '@/ui/reminders/messages.en'
import en from './locales/en'

/** The first screen's English: loaded only when the screen is in English (the Chinese is the source, always there). */
export const firstScreenEn = { ...en, ...pwaMessagesEn, ...authMessagesEn, ...reminderMessagesEn }

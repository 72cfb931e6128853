// First: starts opening IndexedDB before the other modules are evaluated.
import '@/ui/services/openDatabaseEarly'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from '@/ui/App.vue'
import { createAppI18n, initialLocale, loadLocale } from '@/ui/i18n'
import { registerServiceWorker } from '@/ui/pwa/registerServiceWorker'
import { createAppRouter } from '@/ui/router'
import { whenIdle } from '@/ui/services/whenIdle'
import '@/ui/styles/main.css'

const locale = initialLocale()
const i18n = createAppI18n(locale)
// A Chinese screen starts at once; an English one first loads its words.
void loadLocale(i18n, locale).then(() => {
  createApp(App).use(createPinia()).use(createAppRouter(i18n)).use(i18n).mount('#app')
})
// Registering (and loading workbox-window) waits until the first screen is painted.
whenIdle(registerServiceWorker)

// First: starts opening IndexedDB before the other modules are evaluated.
import { wiped } from '@/ui/services/openDatabaseEarly'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from '@/ui/App.vue'
import { createAppI18n, initialLocale, loadLocale } from '@/ui/i18n'
import { registerServiceWorker } from '@/ui/pwa/registerServiceWorker'
import { createAppRouter } from '@/ui/router'
import '@/ui/styles/main.css'

const locale = initialLocale()
const i18n = createAppI18n(locale)
// A Chinese screen starts at once; an English one first loads its words.
// A tablet erased on an administrator's order shows why, and nothing else: no store, router or query opens (and so
// recreates) its database.
void loadLocale(i18n, locale).then(() => wiped
  ? import('@/ui/wipe/WipedScreen.vue').then((m) => createApp(m.default).use(i18n).mount('#app'))
  : createApp(App).use(createPinia()).use(createAppRouter(i18n)).use(i18n).mount('#app'))
registerServiceWorker()

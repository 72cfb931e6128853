// First: starts opening IndexedDB before the other modules are evaluated.
import '@/ui/services/openDatabaseEarly'
import { createPinia } from 'pinia'
import 'vant/lib/index.css'
import { createApp } from 'vue'
import App from '@/ui/App.vue'
import { createAppI18n } from '@/ui/i18n'
import { registerServiceWorker } from '@/ui/pwa/registerServiceWorker'
import { createAppRouter } from '@/ui/router'
import '@/ui/styles/main.css'

const i18n = createAppI18n()
createApp(App).use(createPinia()).use(createAppRouter(i18n)).use(i18n).mount('#app')
registerServiceWorker()

/**
 * The cold-start yardstick: an empty Vite + Vue page, cached by a service worker as the app is, so the start
 * of the real app can be read against the least a Vue page costs on the same machine.
 */
import { createApp, h } from 'vue'

createApp({ render: () => h('h1', { 'data-testid': 'empty-ready' }, 'Empty Vue page') }).mount('#app')
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('./empty-sw.js')

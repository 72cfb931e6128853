/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** The app's version and build time (vite.config.ts), reported to the centre by each tablet. */
declare const __APP_VERSION__: string

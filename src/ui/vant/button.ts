// Vant's button with its own styles only: the first screen loads the CSS of the components it shows, not Vant's
// whole stylesheet (issue 19). The icon font those styles would pull in is stripped at build (vite.config.ts).
import 'vant/es/button/style/index'
export { Button as VanButton } from 'vant/es/button'

// Vant's notice bar with its own styles only (see button.ts).
import 'vant/es/notify/style/index'
export { showNotify } from 'vant/es/notify'

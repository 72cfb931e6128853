// Vant's dialog with its own styles only (see button.ts).
import 'vant/es/dialog/style/index'
export { showConfirmDialog, showDialog } from 'vant/es/dialog'

// Vant's popup with its own styles only (see button.ts).
import 'vant/es/popup/style/index'
export { Popup } from 'vant/es/popup'

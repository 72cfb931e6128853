// Vant's popup with its own styles only (see button.ts).
import 'vant/es/popup/style/index'
import { iconCross, iconDataUrl } from '@/ui/icons'
export { Popup } from 'vant/es/popup'

/** For `closeable` popups: Vant's default close mark is a glyph of the icon font the build leaves out. */
export const popupCloseIcon = iconDataUrl(iconCross, '#969799')

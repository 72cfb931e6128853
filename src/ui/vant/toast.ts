// Vant's toast with its own styles only (see button.ts). Its success and failure marks come from Vant's icon font,
// which the build leaves out: they are drawn from the app's SVG icons instead.
import 'vant/es/toast/style/index'
import { showToast as vantShowToast } from 'vant/es/toast'
import type { ToastOptions, ToastWrapperInstance } from 'vant/es/toast'
import { iconCheck, iconCross, iconDataUrl } from '@/ui/icons'

type Options = string | ToastOptions
const options = (o: Options): ToastOptions => (typeof o === 'string' ? { message: o } : o)

export function showToast(o: Options): ToastWrapperInstance {
  return vantShowToast(options(o))
}

export function showSuccessToast(o: Options): ToastWrapperInstance {
  return vantShowToast({ type: 'success', icon: iconDataUrl(iconCheck), ...options(o) })
}

export function showFailToast(o: Options): ToastWrapperInstance {
  return vantShowToast({ type: 'fail', icon: iconDataUrl(iconCross), ...options(o) })
}

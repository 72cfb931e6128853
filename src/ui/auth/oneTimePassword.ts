import { api, ApiError } from './api'

interface SignedIn {
  token: string
  mustChangePassword?: boolean
}

/**
 * Signs in; a one-time password (set by an administrator) is replaced by `newPassword` first, or refused with
 * `password_change_required` so the form can ask for one. The caller signs the session out when done.
 */
export async function signInReplacingOneTime<T extends SignedIn>(
  username: string,
  password: string,
  newPassword?: string,
): Promise<T> {
  const session = await api<T>('/api/auth/sign-in', { body: { username, password } })
  if (!session.mustChangePassword) return session
  if (!newPassword) {
    await api('/api/auth/sign-out', { body: {}, token: session.token }).catch(() => undefined)
    throw new ApiError(403, 'password_change_required', 'Change your one-time password first')
  }
  await api('/api/auth/password', { body: { currentPassword: password, newPassword }, token: session.token })
  return { ...session, mustChangePassword: false }
}

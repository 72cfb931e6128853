// Setup file of the db, ui and server test projects: every test file starts on an unlocked tablet (the sealing layer
// has its keys), as the app is once someone has typed their PIN. Tests of locking lock it themselves.
import { beforeEach } from 'vitest'
import { keysUnlocked } from '@/db/crypto/keyring'
import { unlockForTests } from './tabletKeys'

await unlockForTests()

beforeEach(async () => {
  // The lock screen's copy of a tablet made by an earlier test would paint its lock screen (src/ui/auth/lockScreenCopy.ts).
  globalThis.localStorage?.removeItem('complaint-desk.lock-screen')
  if (!keysUnlocked()) await unlockForTests()
})

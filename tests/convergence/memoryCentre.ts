import type { Centre } from './schedule'
import { memoryServer } from '../support/memoryServer'

/**
 * The centre's intake rules (`admitEvents`) over an in-memory log: thousands of schedules a minute. A restart keeps
 * the log, as the database would; `deviceId(i)` is the enrolled tablet each connection stands for.
 */
export function memoryCentre(deviceId: (i: number) => string): Centre {
  const server = memoryServer({ branchId: 'b1' })
  const transports = new Map<number, ReturnType<typeof server.transport>>()
  const transport = (i: number) => transports.get(i) ?? transports.set(i, server.transport(deviceId(i))).get(i)!
  return {
    push: (i, r) => transport(i).push(r),
    pull: (i, after, limit) => transport(i).pull(after, limit),
    restart: async () => undefined,
    stored: async () => server.events(),
    close: async () => undefined,
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import { DEVICE_IDLE_EXPIRY_MS, purgeExpiredCredentials } from '../../src/server/auth/deviceTokens'
import { hashPassword } from '../../src/server/auth/passwords'
import { MAX_FAILURES } from '../../src/server/auth/signInGuard'
import type { Database } from '../../src/server/db/Database'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

describe.each(BACKENDS)('accounts, sessions and tablet tokens on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let address = 0
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const signIn = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: `10.2.0.${++address % 250}`,
      headers,
      payload: { username, password },
    })
  const tokenOf = async (username: string, password = PASSWORD) => {
    const res = await signIn(username, password)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().token as string
  }

  // Each of these checks twenty-odd passwords with scrypt (deliberately slow): allow for a busy machine.
  it(
    'locks a username after repeated failures from any number of addresses, even for the right password, then lets it in again',
    { timeout: 120_000 },
    async () => {
      await db.query(
        `insert into staff (id, username, name, role, branch_id, password_hash) select 'sun', 'sun', '孙经理', 'manager', 'b1', password_hash from staff where id = 'li'`,
      )
      for (let i = 0; i < MAX_FAILURES; i++) expect((await signIn('sun', `guess-${i}`)).statusCode).toBe(401)
      const locked = await signIn('sun')
      expect([locked.statusCode, locked.json().error]).toEqual([429, 'account_locked'])
      // Another account is not affected.
      expect((await signIn('li')).statusCode).toBe(200)
      // An unknown name locks the same way, so the lock tells nothing about which names exist.
      for (let i = 0; i < MAX_FAILURES; i++) await signIn('nobody-here', `guess-${i}`)
      expect((await signIn('nobody-here')).json().error).toBe('account_locked')
      await db.query(`update sign_in_failures set locked_until = now() - interval '1 second' where username = 'sun'`)
      expect((await signIn('sun')).statusCode).toBe(200)
    },
  )

  it(
    'takes as long to refuse an unknown username as a wrong password (no list of usernames by timing)',
    { timeout: 120_000 },
    async () => {
      const time = async (username: string) => {
        const runs: number[] = []
        for (let i = 0; i < 3; i++) {
          const t = performance.now()
          await signIn(username, 'wrong-password')
          runs.push(performance.now() - t)
        }
        return runs.sort((a, b) => a - b)[1]!
      }
      // Both at the production cost: the seeded hashes are cheap (fixtures.ts), the unknown name's stand-in is not.
      await db.query(`update staff set password_hash = $1 where id = 'zhao'`, [await hashPassword(PASSWORD)])
      const known = await time('zhao')
      const unknown = await time('ghost-user')
      expect(unknown).toBeGreaterThan(known * 0.5)
      await db.query('delete from sign_in_failures')
    },
  )

  it('believes X-Forwarded-For only from the configured proxy, so one guesser does not lock out the branch behind it', async () => {
    const proxied = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 3, trustProxy: ['127.0.0.1'] })
    const viaProxy = (client: string, remoteAddress = '127.0.0.1') =>
      proxied.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress,
        headers: { 'x-forwarded-for': client },
        payload: { username: 'wang', password: 'nope' },
      })
    const attacker = [] as number[]
    for (let i = 0; i < 5; i++) attacker.push((await viaProxy('192.168.1.66')).statusCode)
    expect(attacker.slice(3)).toEqual([429, 429])
    // A colleague behind the same proxy still gets an answer of their own.
    expect((await viaProxy('192.168.1.10')).statusCode).toBe(401)
    // A forwarded address from anyone else is ignored: their own address is limited.
    const spoof = [] as number[]
    for (let i = 0; i < 5; i++) spoof.push((await viaProxy(`192.168.9.${i}`, '10.9.9.9')).statusCode)
    expect(spoof.slice(3)).toEqual([429, 429])
    await proxied.close()
    await db.query('delete from sign_in_failures')
  })

  it('lets staff change their own password under a bank’s policy, and ends their other sessions', async () => {
    const other = await tokenOf('zhao')
    const mine = await tokenOf('zhao')
    const change = (body: object, token = mine) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers: bank.auth(token), payload: body })
    const cases: [string, string][] = [
      ['short1', 'password_tooShort'],
      ['1234567890', 'password_tooCommon'],
      ['qwertyuiop123', 'password_tooCommon'],
      ['zhao-zhao-zhao-1', 'password_containsName'],
    ]
    for (const [newPassword, error] of cases) {
      const res = await change({ currentPassword: PASSWORD, newPassword })
      expect([res.statusCode, res.json().error], newPassword).toEqual([400, error])
    }
    expect((await change({ currentPassword: 'wrong', newPassword: 'a walk by the Huangpu at dusk' })).statusCode).toBe(
      401,
    )
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a walk by the Huangpu at dusk' })).statusCode).toBe(
      200,
    )
    expect((await app.inject({ url: '/api/desk/overview', headers: bank.auth(other) })).statusCode).toBe(401)
    expect((await app.inject({ url: '/api/desk/overview', headers: bank.auth(mine) })).statusCode).toBe(200)
    expect((await signIn('zhao')).statusCode).toBe(401)
    expect((await signIn('zhao', 'a walk by the Huangpu at dusk')).statusCode).toBe(200)
  })

  it('an administrator resets a password to a one-time one that must be changed before anything else', async () => {
    const root = await tokenOf('root')
    const before = await tokenOf('wang')
    const reset = await app.inject({ method: 'POST', url: '/api/staff/wang/reset-password', headers: bank.auth(root) })
    const { oneTimePassword } = reset.json() as { oneTimePassword: string }
    expect(oneTimePassword).toMatch(/^[\w-]{16}$/)
    expect((await app.inject({ url: '/api/desk/overview', headers: bank.auth(before) })).statusCode).toBe(401)
    const res = await signIn('wang', oneTimePassword)
    expect(res.json().mustChangePassword).toBe(true)
    const session = res.json().token as string
    const blocked = await app.inject({ url: '/api/desk/overview', headers: bank.auth(session) })
    expect([blocked.statusCode, blocked.json().error]).toEqual([403, 'password_change_required'])
    const verify = await app.inject({
      method: 'POST',
      url: '/api/auth/verify-staff',
      headers: bank.auth(bank.tokens.b2),
      payload: { username: 'wang', password: oneTimePassword },
    })
    expect(verify.json().error).toBe('password_change_required')
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: bank.auth(session),
          payload: { currentPassword: oneTimePassword, newPassword: 'tea at the Yuyuan garden gate' },
        })
      ).statusCode,
    ).toBe(200)
    expect((await app.inject({ url: '/api/desk/overview', headers: bank.auth(session) })).statusCode).toBe(200)
    const log = await db.query<{ action: string; target: string; actor_id: string }>(
      `select action, target, actor_id from audit_log where action = 'staff.resetPassword'`,
    )
    expect(log.rows).toEqual([{ action: 'staff.resetPassword', target: 'wang', actor_id: 'root' }])
  })

  it('disabling someone who left ends their sessions, refuses them on tablets, and holds the tablets they enrolled until an administrator confirms', async () => {
    await db.query(
      `insert into staff (id, username, name, role, branch_id, password_hash) select 'qiu', 'qiu', '邱经理', 'manager', 'b2', password_hash from staff where id = 'li'`,
    )
    await db.query(`update devices set enrolled_by = 'qiu' where id = 'tab-b2'`)
    const root = await tokenOf('root')
    const qiu = await tokenOf('qiu')
    expect(
      (await app.inject({ method: 'POST', url: '/api/staff/qiu/disable', headers: bank.auth(root) })).statusCode,
    ).toBe(200)
    expect((await app.inject({ url: '/api/desk/overview', headers: bank.auth(qiu) })).statusCode).toBe(401)
    expect((await signIn('qiu')).statusCode).toBe(401)
    const pull = () => app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(bank.tokens.b2) })
    expect([(await pull()).statusCode, (await pull()).json().error]).toEqual([401, 'device_unconfirmed'])
    expect(
      (await app.inject({ method: 'POST', url: '/api/devices/tab-b2/confirm', headers: bank.auth(root) })).statusCode,
    ).toBe(200)
    expect((await pull()).statusCode).toBe(200)
    const actions = (
      await db.query<{ action: string }>(`select action from audit_log where target in ('qiu', 'tab-b2') order by id`)
    ).rows.map((r) => r.action)
    expect(actions).toEqual(['staff.disable', 'device.confirm'])
    // The last administrator cannot lock everyone out.
    const self = await app.inject({ method: 'POST', url: '/api/staff/root/disable', headers: bank.auth(root) })
    expect([self.statusCode, self.json().error]).toEqual([409, 'last_admin'])
  })

  it('rotates a tablet’s token through its pull; the old one works until the new one is used, then never again', async () => {
    await db.query(`update devices set token_issued_at = now() - interval '8 days' where id = 'tab-b1'`)
    const pull = (token: string) => app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(token) })
    const first = await pull(bank.tokens.b1)
    const rotated = first.json().deviceToken as string
    expect(rotated).toMatch(/^[\w-]{40,}$/)
    // The answer carrying it was lost: the old token still works and brings another new one.
    const again = (await pull(bank.tokens.b1)).json().deviceToken as string
    expect(again).toMatch(/^[\w-]{40,}$/)
    expect(again).not.toBe(rotated)
    expect((await pull(again)).json().deviceToken).toBeUndefined()
    expect((await pull(bank.tokens.b1)).statusCode).toBe(401)
    expect((await pull(rotated)).statusCode).toBe(401)
    bank.tokens.b1 = again
  })

  it('a tablet unused for 30 days must be enrolled again, and is told so; expired sessions are purged', async () => {
    await db.query(`update devices set last_seen_at = now() - interval '31 days' where id = 'tab-b1'`)
    const res = await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(bank.tokens.b1) })
    expect([res.statusCode, res.json().error]).toEqual([401, 'device_expired'])
    await db.query(`update sessions set expires_at = now() - interval '1 minute'`)
    await purgeExpiredCredentials(db, new Date(Date.now() + 1000))
    expect((await db.query<{ n: number }>('select count(*)::int as n from sessions')).rows[0]!.n).toBe(0)
    const { rows } = await db.query<{ expired_at: Date | null }>(`select expired_at from devices where id = 'tab-b1'`)
    expect(rows[0]!.expired_at).not.toBeNull()
    // Even with its last use made recent again, an expired token stays expired.
    await db.query(`update devices set last_seen_at = now() where id = 'tab-b1'`)
    expect(
      (await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(bank.tokens.b1) })).json().error,
    ).toBe('device_expired')
    expect(DEVICE_IDLE_EXPIRY_MS).toBe(30 * 86_400_000)
  })

  it('marks every API answer and every export as not to be stored', async () => {
    const root = await tokenOf('root')
    const answers = await Promise.all([
      app.inject({ url: '/api/reports/complaints.csv?from=2026-01-01&to=2026-12-31', headers: bank.auth(root) }),
      app.inject({ url: '/api/reports/summary.csv?from=2026-01-01&to=2026-12-31', headers: bank.auth(root) }),
      app.inject({ url: '/api/reports/summary?from=2026-01-01&to=2026-12-31', headers: bank.auth(root) }),
      app.inject({ url: '/api/devices', headers: bank.auth(root) }),
      app.inject({ url: '/api/devices' }),
      app.inject({ url: '/api/nothing-here' }),
      app.inject({ url: '/api/health' }),
    ])
    for (const res of answers) expect(res.headers['cache-control'], res.body.slice(0, 80)).toBe('no-store')
    expect(answers[0]!.statusCode).toBe(200)
  })
})

import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config'

describe('loadConfig', () => {
  it('has defaults that serve the LAN from ./data and ./dist on port 8080', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DIST_DIR: './dist',
      LOG_LEVEL: 'info',
    })
    expect(loadConfig({}).DATABASE_URL).toBeUndefined()
  })

  it('reads the environment, and treats an empty variable as unset', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: '/srv/data',
      DIST_DIR: '/srv/dist',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://u:p@db:5432/complaints',
    })
    expect(c).toMatchObject({
      PORT: 9000,
      HOST: '127.0.0.1',
      DATA_DIR: '/srv/data',
      DIST_DIR: '/srv/dist',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://u:p@db:5432/complaints',
    })
    const blank = loadConfig({ DATABASE_URL: '', PORT: '' })
    expect(blank.DATABASE_URL).toBeUndefined()
    expect(blank.PORT).toBe(8080)
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT: PORT must be a number/],
    [{ PORT: '70000' }, /PORT: PORT must be at most 65535/],
    [{ PORT: '80.5' }, /PORT: PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: DATABASE_URL must start with postgres:\/\//],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: LOG_LEVEL must be one of/],
    [{ WORKERS: '2' }, /WORKERS: WORKERS above 1 needs DATABASE_URL/],
    [{ WORKERS: '0', DATABASE_URL: 'postgres://db/x' }, /WORKERS: WORKERS must be at least 1/],
    [{ TRUST_PROXY: 'the proxy' }, /TRUST_PROXY: TRUST_PROXY must be a hop count/],
    [{ ALERT_ROUND_SECONDS: '0' }, /ALERT_ROUND_SECONDS: ALERT_ROUND_SECONDS must be at least 1/],
  ])('refuses %o with a message that names the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
    expect(() => loadConfig(env)).toThrow(/^Invalid configuration:/)
  })

  it('reads the processes to run and the proxy to believe', () => {
    expect(loadConfig({ WORKERS: '4', DATABASE_URL: 'postgres://db/x' }).WORKERS).toBe(4)
    expect(loadConfig({}).WORKERS).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16'])
  })

  it('runs the alert round every minute unless told otherwise', () => {
    expect(loadConfig({}).ALERT_ROUND_SECONDS).toBe(60)
    expect(loadConfig({ ALERT_ROUND_SECONDS: '5' }).ALERT_ROUND_SECONDS).toBe(5)
  })

  it('does not repeat a bad DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:s3cret@host/db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    )
  })
})

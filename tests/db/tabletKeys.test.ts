import { describe, expect, it, vi } from 'vitest'
import { fold, newId } from '@/domain'
import { rowKeyTerms } from '@/domain/privacy/sealedFields'
import { commit, ComplaintDb, searchComplaints } from '@/db'
import { blindKey, blindKeys } from '@/db/crypto/blindIndex'
import { openBytes, openValue, sealBytes, sealValue } from '@/db/crypto/envelope'
import { currentKeys, keysUnlocked, lockKeys, setKeys, TabletLocked } from '@/db/crypto/keyring'
import type { KdfParams } from '@/db/crypto/pinKdf'
import { addUserKey, createTabletKeys, grantPending, openUserKey, pendingUserKey } from '@/db/crypto/tabletKeys'
import { blindTextTerms } from '@/db/searchTerms'
import { RECORDED } from '../support/eventFactory'
import { testKeyring } from '../support/tabletKeys'

/** Argon2id at a test's cost: these tests are about what opens what, not about the KDF's price (bench/pinKdf.bench.ts). */
const CHEAP: KdfParams = { alg: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1 }

describe('the envelope', () => {
  it('opens with its key only, and refuses a changed byte', async () => {
    const { data } = await testKeyring()
    const env = await sealValue(data, { name: '王芳', phone: '13812345678' })
    expect(JSON.stringify([...env.ct])).not.toContain('王芳')
    expect(await openValue(data, env)).toEqual({ name: '王芳', phone: '13812345678' })
    // A fresh nonce each time: the same value never seals to the same bytes.
    expect((await sealValue(data, { a: 1 })).iv).not.toEqual((await sealValue(data, { a: 1 })).iv)
    const other = (await testKeyring()).data
    await expect(openValue(other, env)).rejects.toThrow()
    const tampered = { ...env, ct: env.ct.map((b, i) => (i === 3 ? b ^ 1 : b)) }
    await expect(openValue(data, tampered)).rejects.toThrow()
  })
})

describe('the tablet keys, wrapped per staff member under their PIN', () => {
  it('opens with the right PIN only: a wrong one is GCM’s failed check, and there is no verifier beside the data', async () => {
    const made = await createTabletKeys('246810', CHEAP)
    const secret = await sealBytes(made.keyring.data, new TextEncoder().encode('王芳 13812345678'))
    expect(JSON.stringify(made.user)).not.toMatch(/hash|verifier/)
    expect(await openUserKey('135790', made.user)).toEqual({ ok: false, reason: 'wrongPin' })
    const opened = await openUserKey('246810', made.user)
    if (!opened.ok) throw new Error('not opened')
    expect(new TextDecoder().decode(await openBytes(opened.keyring.data, secret))).toBe('王芳 13812345678')
    // The same index key: a search term hashes alike after every unlock.
    expect(await blindKey(opened.keyring.index, 'p:138')).toBe(await blindKey(made.keyring.index, 'p:138'))
    // Nothing in memory can be read out.
    expect(opened.keyring.data.extractable).toBe(false)
    expect(opened.keyring.index.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('raw', opened.keyring.data)).rejects.toThrow()
  })

  it('lets a colleague in at once while unlocked, and, added while locked, once someone unlocks', async () => {
    const made = await createTabletKeys('246810', CHEAP)
    const secret = await sealBytes(made.keyring.data, new Uint8Array([1, 2, 3]))
    const chen = await addUserKey('135790', made.keyring, CHEAP)
    const chenOpened = await openUserKey('135790', chen)
    expect(chenOpened.ok && [...(await openBytes(chenOpened.keyring.data, secret))]).toEqual([1, 2, 3])

    const li = await pendingUserKey('111222', made.pair, CHEAP)
    expect(await openUserKey('111222', li)).toEqual({ ok: false, reason: 'pending' })
    expect(await openUserKey('000000', li)).toEqual({ ok: false, reason: 'wrongPin' })
    const granted = await grantPending(li, made.pair, made.keyring)
    expect(granted.pending).toBeUndefined()
    const liOpened = await openUserKey('111222', granted)
    expect(liOpened.ok && [...(await openBytes(liOpened.keyring.data, secret))]).toEqual([1, 2, 3])
  })
})

describe('the blind index', () => {
  it('keys equal terms alike under one key, differently under another, and never holds the term', async () => {
    const a = await testKeyring()
    const b = await testKeyring()
    const [k1, k2] = await blindKeys(a.index, ['n:王', 'n:王'])
    expect(k1).toBe(k2)
    expect(k1).toMatch(/^[0-9a-f]{24}$/)
    expect(await blindKey(b.index, 'n:王')).not.toBe(k1)
  })

  it('holds the phone’s prefixes and tails from three digits, the name’s starts, the text’s pairs and characters', () => {
    const terms = rowKeyTerms({ phone: '13812345678', name: '王芳' })
    expect(terms).toEqual(
      expect.arrayContaining(['p:138', 'p:138123456', 't:678', 't:5678', 't:345678', 'n:王', 'n:王芳']),
    )
    expect(terms).not.toContain('p:13')
    // Prefixes up to nine digits and tails up to six (issue 19): a longer query is confirmed on the opened rows.
    expect(terms).not.toContain('p:1381234567')
    expect(terms).not.toContain('t:2345678')
    expect(terms).toHaveLength(7 + 4 + 2)
    expect(blindTextTerms('银行卡被吞 card')).toEqual(
      expect.arrayContaining(['w:银行', 'w:卡被', 'c:吞', 'c:银', 'w:card', 'c:c']),
    )
  })
})

describe('the stores at rest', () => {
  it('hold no name, phone or description; a locked tablet neither reads nor writes them', async () => {
    const db = new ComplaintDb(`sealed-${newId()}`)
    const id = newId()
    await db.meta.put({
      key: 'identity',
      value: { deviceId: 'tab-a', branchId: 'b1', staffId: 's1', staffName: '李经理' },
    })
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    await db.drafts.put({ key: 'new-complaint:s1', value: { name: '赵敏' }, savedAt: 1 })
    const raw = new ComplaintDb(db.name, { upTo: db.verno })
    const stored = JSON.stringify(await Promise.all(raw.tables.map((t) => t.toArray())))
    raw.close()
    for (const plain of [
      RECORDED.customer.name,
      RECORDED.customer.phone,
      RECORDED.description.slice(0, 6),
      '赵敏',
      // The phone tail as the search term it would be in the clear (bare digits turn up by chance in hex keys and clocks).
      't:5678',
    ])
      expect(stored).not.toContain(plain)
    expect((await searchComplaints(db, '5678')).map((r) => r.id)).toEqual([id])
    expect(fold(await db.events.toArray())?.customer.name).toBe(RECORDED.customer.name)

    const keys = currentKeys()!
    lockKeys()
    expect(keysUnlocked()).toBe(false)
    await expect(db.events.toArray()).rejects.toThrow(TabletLocked)
    await expect(db.complaints.get(id)).rejects.toThrow(TabletLocked)
    await expect(db.drafts.put({ key: 'x', value: { name: '孙' }, savedAt: 2 })).rejects.toThrow(TabletLocked)
    await expect(commit(db, newId(), [{ type: 'complaint.recorded', payload: RECORDED }])).rejects.toThrow()
    await expect(searchComplaints(db, '5678')).rejects.toThrow(TabletLocked)
    setKeys(keys)
    expect(await db.events.count()).toBe(1)
    await db.delete()
  })
})

describe('a sealed row changed through a cursor', () => {
  it('seals the new value with the rest, never beside the envelope in the clear', async () => {
    const db = new ComplaintDb(`sealed-${newId()}`)
    await db.drafts.put({ key: 'k', value: { name: '赵敏' }, savedAt: 1 })
    // A filtered modify walks a cursor: the row it changes is the sealed one.
    await db.drafts
      .filter(() => true)
      .modify((d) => {
        d.value = { name: '孙丽' }
      })
    const raw = new ComplaintDb(db.name, { upTo: db.verno })
    expect(JSON.stringify(await raw.drafts.toArray())).not.toContain('孙丽')
    raw.close()
    expect((await db.drafts.get('k'))?.value).toEqual({ name: '孙丽' })
    await db.delete()
  })
})

describe('the blind keys remembered while unlocked', () => {
  it('gives the keyed hash of each term whether remembered or not, per key, and forgets every term at the lock', async () => {
    const keys = await testKeyring()
    setKeys(keys)
    const sign = vi.spyOn(crypto.subtle, 'sign')
    try {
      const fresh = async (t: string) =>
        [...new Uint8Array(await crypto.subtle.sign('HMAC', keys.index, new TextEncoder().encode(t)), 0, 12)]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join('')
      const first = await blindKeys(keys.index, ['王芳', '办理', '王芳'])
      const again = await blindKeys(keys.index, ['办理', '王芳'])
      expect(first).toEqual([await fresh('王芳'), await fresh('办理'), await fresh('王芳')])
      expect(again).toEqual([first[1], first[0]])
      sign.mockClear()
      await blindKeys(keys.index, ['王芳', '办理'])
      // Remembered: no HMAC computed again for terms already hashed under this key.
      expect(sign).not.toHaveBeenCalled()
      // Another tablet's key never gets this key's hashes.
      const other = await testKeyring()
      expect(await blindKeys(other.index, ['王芳'])).not.toEqual([first[0]])
      expect(await blindKeys(keys.index, ['王芳'])).toEqual([first[0]])
      // Locked: nothing is remembered; the next unlock hashes every term again.
      lockKeys()
      setKeys(keys)
      sign.mockClear()
      await blindKeys(keys.index, ['王芳'])
      expect(sign).toHaveBeenCalledTimes(1)
    } finally {
      sign.mockRestore()
    }
  })
})

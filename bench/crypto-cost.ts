/**
 * The sealing's own cost (issue 17), in Node 20's WebCrypto: per event write (seal the event, the book row with its
 * blind keys, the text with its blind terms) and per search (hash the query's terms, open a page of 50 rows), and one
 * Argon2id derivation of a PIN. `npx tsx bench/crypto-cost.ts`. Numbers from a shared machine are noisy: medians.
 */
import { rowKeyTerms } from '@/domain/privacy/sealedFields'
import { blindKeys } from '@/db/crypto/blindIndex'
import { setKeys } from '@/db/crypto/keyring'
import { pinKey } from '@/db/crypto/pinKdf'
import { openRow, sealRow } from '@/db/crypto/sealMiddleware'
import { createTabletKeys } from '@/db/crypto/tabletKeys'
import { blindTextTerms } from '@/db/searchTerms'

const N = Number(process.env.N ?? 2000)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function time(label: string, reps: number, fn: () => Promise<unknown>): Promise<void> {
  const xs: number[] = []
  for (let i = 0; i < reps; i++) {
    const t = performance.now()
    await fn()
    xs.push(performance.now() - t)
  }
  console.log(`${label.padEnd(52)} median ${median(xs).toFixed(3)} ms  (n=${reps})`)
}

const made = await createTabletKeys('246810')
setKeys(made.keyring)
const description = '上午在柜台办理银行卡挂失，排队等候一个多小时，期间无人解释原因。希望银行道歉并改进高峰期窗口安排。'
const event = {
  id: 'e1',
  complaintId: 'c1',
  branchId: 'b1',
  v: 1,
  hlc: '0001',
  type: 'complaint.recorded',
  actor: { staffId: 's', staffName: '王', deviceId: 'd' },
  payload: {
    customer: { name: '王芳', phone: '13812345678' },
    description,
    demand: '希望银行道歉',
    receivedAt: '2026-12-03T01:00:00Z',
    channel: 'counter',
  },
}
const row = {
  id: 'c1',
  status: 'new',
  receivedAt: '2026-12-03T01:00:00Z',
  name: '王芳',
  phone: '13812345678',
  phoneReversed: '87654321831',
  summary: description,
  awaiting: [],
}
const text = { id: 'c1', text: `王芳 ${description}`, terms: [] }

await time('seal an event (payload)', N, () => sealRow('events', event))
await time('seal a book row + its blind keys', N, () => sealRow('complaints', row))
await time(`seal a text + ${blindTextTerms(text.text).length} blind terms`, N, () => sealRow('texts', text))
await time('a recorded complaint: event + row + text', N, () =>
  Promise.all([sealRow('events', event), sealRow('complaints', row), sealRow('texts', text)]),
)
await time('a note: the event only', N, () => sealRow('events', event))
const sealedRows = await Promise.all(Array.from({ length: 50 }, () => sealRow('complaints', row)))
await time('a search: hash 2 terms, open 50 rows', N / 10, () =>
  Promise.all([blindKeys(made.keyring.index, ['t:5678', 'p:5678']), ...sealedRows.map(openRow)]),
)
console.log(`(a row has ${rowKeyTerms(row).length} blind keys)`)
await time('Argon2id 19 MiB x 2 (one PIN guess)', 5, () => pinKey('123456', new Uint8Array(16)))

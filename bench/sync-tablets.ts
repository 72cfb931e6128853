/**
 * The simulated tablets of bench/sync-throughput.ts, in a worker thread: their HTTP client work (request bodies,
 * undici's dispatch, reading answers) is not the centre's, and on the bench's one thread it was a fifth of the push
 * phase's CPU — in a branch it is spread over the tablets themselves.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ComplaintEvent } from '../src/domain'

export interface TabletsData {
  address: string
  tokens: string[]
  events: ComplaintEvent[][]
  batch: number
}
export type TabletsCommand = 'push' | 'pull'
export interface TabletsResult {
  command: TabletsCommand
  pulled: number
  error?: string
}

const { address, tokens, events, batch } = workerData as TabletsData

async function push() {
  await Promise.all(
    tokens.map(async (token, t) => {
      const mine = events[t]!
      for (let i = 0; i < mine.length; i += batch) {
        const res = await fetch(`${address}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ protocol: 1, events: mine.slice(i, i + batch) }),
        })
        if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`)
      }
    }),
  )
  return 0
}

async function pull() {
  let pulled = 0
  await Promise.all(
    tokens.map(async (token) => {
      let after = 0
      for (;;) {
        const res = await fetch(`${address}/api/sync/pull?protocol=1&after=${after}&limit=1000`, {
          headers: { authorization: `Bearer ${token}` },
        })
        if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`)
        const page = (await res.json()) as { events: unknown[]; cursor: number; hasMore: boolean }
        pulled += page.events.length
        after = page.cursor
        if (!page.hasMore) break
      }
    }),
  )
  return pulled
}

parentPort!.on('message', (command: TabletsCommand) => {
  ;(command === 'push' ? push() : pull()).then(
    (pulled) => parentPort!.postMessage({ command, pulled } satisfies TabletsResult),
    (e: unknown) => parentPort!.postMessage({ command, pulled: 0, error: String(e) } satisfies TabletsResult),
  )
})
parentPort!.postMessage('ready')

import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie'
import { isEnvelope, rowKeyTerms, SEALED_FIELDS, splitRow } from '@/domain/privacy/sealedFields'
import type { Envelope, SealedStore } from '@/domain/privacy/sealedFields'
import { blindTextTerms } from '../searchTerms'
import { blindKeys } from './blindIndex'
import { openValue, sealValue } from './envelope'
import { currentKeys, requireKeys, TabletLocked } from './keyring'
import type { TabletKeyring } from './keyring'

type Row = Record<string, unknown>

/**
 * Seals a row of a store with personal fields before it is stored: the fields of SEALED_FIELDS go into one AES-GCM
 * envelope (`sealed`); a book row gets its blind keys (`find`: phone prefixes and tails, name starts) and a text row
 * its terms as keyed hashes, computed here from the plaintext so no caller can store a plaintext term.
 */
export async function sealRow(store: SealedStore, row: Row): Promise<Row> {
  const keys = requireKeys()
  if (isEnvelope(row.sealed)) {
    // A sealed row put back as read through a cursor (Dexie's modify): kept as it is, unless a sealed field was given a
    // new value, which is merged into what the envelope holds and sealed again (never stored beside it in the clear).
    const fields: readonly string[] = SEALED_FIELDS[store]
    if (fields.every((f) => row[f] === null || row[f] === undefined)) return row
    const { sealed, find: _find, ...rest } = row
    const held = await openValue<Row>(keys.data, sealed as Envelope)
    row = {
      ...rest,
      ...Object.fromEntries(
        fields.filter((f) => (rest[f] === null || rest[f] === undefined) && f in held).map((f) => [f, held[f]]),
      ),
    }
  }
  return sealNewRow(keys, store, row)
}

/**
 * A row's personal fields into one envelope and its terms into blind keys. `blind`: how terms become keys (the
 * benchmark's seed passes a remembering one); always the same keyed hash.
 */
export async function sealNewRow(
  keys: Pick<TabletKeyring, 'data' | 'index'>,
  store: SealedStore,
  row: Row,
  blind: (index: CryptoKey, terms: string[]) => Promise<string[]> = blindKeys,
): Promise<Row> {
  const { secret } = splitRow(store, row)
  // The sealed fields stay as empty places, so an opened row has its fields in the order it was written (rows are
  // compared as JSON in places).
  const clear = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k in secret ? null : v]))
  const sealed = await sealValue(keys.data, secret)
  if (store === 'complaints')
    return {
      ...clear,
      sealed,
      find: await blind(keys.index, rowKeyTerms(secret as { phone?: string; name?: string })),
    }
  if (store === 'texts')
    return {
      id: row.id,
      text: null,
      sealed,
      terms: await blind(keys.index, blindTextTerms(String(secret.text ?? ''))),
    }
  return { ...clear, sealed }
}

/** The row as the app knows it. A row stored before sealing (an upgrading tablet) is returned as it is. */
export async function openRow<T>(row: T): Promise<T> {
  if (!row || typeof row !== 'object' || !isEnvelope((row as Row).sealed)) return row
  const keys = currentKeys()
  if (!keys) throw new TabletLocked()
  const { sealed, find: _find, ...clear } = row as Row
  return { ...clear, ...(await openValue<Row>(keys.data, sealed as Envelope)) } as T
}

/** Rows a cursor read (Dexie's `filter`, `each`) come sealed: the caller opens them with this. */
export function openRows<T>(rows: T[]): Promise<T[]> {
  return Promise.all(rows.map(openRow))
}

/**
 * Keeps an IndexedDB transaction alive while WebCrypto works (it commits as soon as no request is pending), and
 * hands the result back inside a request's success callback, where the transaction accepts the next request:
 * what Dexie.waitFor does, for the middleware's own promises.
 */
function whileAlive<T>(trans: DBCoreTransaction, storeName: string, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction
  if (typeof idb.objectStore !== 'function') return work
  return new Promise<T>((resolve, reject) => {
    let settle: (() => void) | null = null
    work.then(
      (v) => (settle = () => resolve(v)),
      (e: unknown) => (settle = () => reject(e)),
    )
    const spin = () => {
      if (settle) return settle()
      let request: IDBRequest
      try {
        request = idb.objectStore(storeName).get(-Infinity)
      } catch (e) {
        // The transaction ended (aborted elsewhere): report the crypto's outcome without it.
        void work.then(resolve, reject)
        return reject(e)
      }
      request.onsuccess = spin
      request.onerror = () => reject(request.error)
    }
    spin()
  })
}

/** An upgrade without the key (see mutate) sees and moves sealed rows as they are. */
const upgradingLocked = (trans: DBCoreTransaction) =>
  !currentKeys() && (trans as unknown as IDBTransaction).mode === 'versionchange'

function sealedTable(table: DBCoreTable, store: SealedStore): DBCoreTable {
  const name = table.name
  const openMany = (trans: DBCoreTransaction, rows: unknown[]) =>
    rows.some((r) => r && isEnvelope((r as Row).sealed)) && !upgradingLocked(trans)
      ? whileAlive(trans, name, openRows(rows))
      : rows
  return {
    ...table,
    mutate(req) {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req)
      // A schema upgrade opens the database before anyone can unlock: it moves rows as they are (sealed or, on a
      // tablet not yet sealed, plain), and the first unlock seals what is plain (sealStored.ts).
      if (upgradingLocked(req.trans)) return table.mutate(req)
      // Sealing needs the key before anything asynchronous, so a locked tablet refuses the write at once.
      requireKeys()
      const {
        changeSpec: _spec,
        updates: _updates,
        ...rest
      } = req as typeof req & { changeSpec?: unknown; updates?: unknown }
      return whileAlive(req.trans, name, Promise.all(req.values.map((v) => sealRow(store, v as Row)))).then((values) =>
        table.mutate({ ...rest, values } as typeof req),
      )
    },
    get(req) {
      return table
        .get(req)
        .then((row: unknown) =>
          row && isEnvelope((row as Row).sealed) && !upgradingLocked(req.trans)
            ? whileAlive(req.trans, name, openRow(row))
            : row,
        )
    },
    getMany(req) {
      return table.getMany(req).then((rows) => openMany(req.trans, rows))
    },
    query(req) {
      if (!req.values) return table.query(req)
      return table.query(req).then(async (res) => ({ ...res, result: await openMany(req.trans, res.result) }))
    },
  }
}

/** Installed on every ComplaintDb: the stores of SEALED_FIELDS are sealed on the way in and opened on the way out. */
export const sealMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'seal',
  create(down) {
    return {
      ...down,
      table(tableName) {
        const table = down.table(tableName)
        return tableName in SEALED_FIELDS ? sealedTable(table, tableName as SealedStore) : table
      },
    }
  },
}

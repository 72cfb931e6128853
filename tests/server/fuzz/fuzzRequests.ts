import fc from 'fast-check'
import { encodeHlc, EVENT_TYPES, newId } from '@/domain'
import type { EventDraft } from '@/domain'
import { RECORDED } from '../../support/eventFactory'

/**
 * Requests an attacker on the branch network, or a broken tablet, would send: every route, with and without each
 * kind of credential, with wrong types, missing fields, huge and deeply nested JSON, NaN and Infinity, `__proto__` and
 * `constructor` keys, SQL metacharacters, NUL, lone surrogates, extreme dates, and every event type with its payload
 * mangled. Seeded: a failure names its seed and index, and replays exactly.
 */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
  url: string
  auth: AuthKind
  /** A JSON value, or raw text sent as it is (invalid JSON, NaN, a nesting too deep to parse). */
  body?: { json: unknown } | { raw: string }
}

export type AuthKind = 'none' | 'garbage' | 'deviceB1' | 'deviceB2' | 'manager' | 'supervisor' | 'admin'
export interface Route {
  method: string
  url: string
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '😡',
  "' or 1=1 --",
  '"; drop table events; --',
  '%00',
  '%',
  '%%32%65',
  '../../etc/passwd',
  '\\',
  '$1',
  '$$',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '\t=1+1',
  '\r\n',
  'ＡＢＣ',
  '李'.repeat(5000),
  'a'.repeat(70_000),
  '0000-01-01T00:00:00+08:00',
  '9999-12-31T23:59:59+08:00',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30',
  '2026-13-01',
  '1970-01-01',
  '2026-03-02T09:00:00+08:00',
  '2026-03-02',
  '0000000000000:00000:tab-b1',
  '9999999999999:zzzzz:tab-b1',
  'tab-b1',
  'b1',
  'li',
  'admin',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
]
const NASTY_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1e-300, 1e308]

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
)
const nastyScalar = fc.oneof(
  nastyString,
  fc.constantFrom(...NASTY_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
)
const nastyKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', '\ud800', ''),
  fc.string({ maxLength: 8 }),
)
const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
  ),
})).value

/** A valid payload for each event type the fuzzer knows; any other type gets random payloads only. */
const TEMPLATES: Partial<Record<EventDraft['type'], unknown>> = {
  'complaint.recorded': RECORDED,
  'complaint.acknowledged': { note: '已致歉' },
  'note.added': { text: '备注' },
  'validity.judged': { verdict: 'valid', reason: '属实' },
  'customer.contacted': {
    channel: 'phone',
    purpose: 'progress',
    content: '告知进度',
    contactedAt: '2026-03-02T10:00:00+08:00',
  },
  'complaint.extended': {
    reason: '核实',
    newDueDate: '2026-04-10',
    noticeChannel: 'phone',
    noticeAt: '2026-03-03T10:00:00+08:00',
  },
  'extension.requested': { reason: '核实', newDueDate: '2026-04-10' },
  'clock.paused': { reason: '外部鉴定' },
  'field.corrected': { field: 'receivedAt', value: '2026-03-02T08:00:00+08:00', reason: '录入错误' },
  'script.stepDone': { step: 'calm', checked: ['listen'], notes: '客户情绪平复' },
}

/** Replaces one value somewhere in `obj` (or adds a key) with a nasty one: the shape of a valid thing, one field wrong. */
function mutate(obj: unknown, path: number[], replacement: unknown, depth = 0): unknown {
  if (obj === null || typeof obj !== 'object' || depth > 6) return replacement
  const entries = Array.isArray(obj) ? obj.map((v, i) => [String(i), v] as const) : Object.entries(obj)
  if (entries.length === 0 || path.length === 0) return replacement
  const pick = path[0]! % (entries.length + 1)
  const copy: Record<string, unknown> = Array.isArray(obj) ? ([...obj] as never) : { ...obj }
  if (pick === entries.length) {
    copy[`extra${path[0]}`] = replacement
    return copy
  }
  const [key, value] = entries[pick]!
  copy[key] = mutate(value, path.slice(1), replacement, depth + 1)
  return copy
}

const event = (complaintId: fc.Arbitrary<string>) =>
  fc
    .record({
      type: fc.oneof(fc.constantFrom(...EVENT_TYPES), nastyString),
      complaintId,
      wall: fc.oneof(
        fc.constant(Date.parse('2026-03-02T02:00:00Z')),
        fc.constant(Date.now()),
        fc.integer({ min: 0, max: 9_999_999_999_999 }),
      ),
      device: fc.constantFrom('tab-b1', 'tab-b2', 'tab-x'),
      staff: fc.constantFrom('li', 'wang', 'zhao', 'root', 'nobody'),
      mutation: fc.option(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), nastyValue), { freq: 3 }),
      randomPayload: fc.boolean(),
      payload: nastyValue,
    })
    .map((g) => {
      const template = TEMPLATES[g.type as EventDraft['type']]
      const base = {
        id: newId(),
        complaintId: g.complaintId,
        branchId: g.device === 'tab-b2' ? 'b2' : 'b1',
        v: 1,
        hlc: encodeHlc({ wall: g.wall, counter: 0, node: g.device }),
        actor: { staffId: g.staff, staffName: '某人', deviceId: g.device },
        type: g.type,
        payload: template && !g.randomPayload ? template : g.payload,
      }
      return g.mutation ? mutate(base, g.mutation[0], g.mutation[1]) : base
    })

const deepNesting = (n: number) => '['.repeat(n) + ']'.repeat(n)
const rawBodies = fc.constantFrom(
  '{',
  'nope',
  '{"a":NaN}',
  '{"a":Infinity}',
  '[1,2',
  '{"protocol":1,"events":[{"__proto__":{"isAdmin":true}}]}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  deepNesting(5000),
  `{"events":${deepNesting(3000)}}`,
  '\u0000',
  '"\\u0000"',
  '{"username":"li\\u0000","password":"x"}',
  '{"username":"\\ud800","password":"x"}',
  JSON.stringify({ protocol: 1, events: [{ id: 'x'.repeat(200_000) }] }),
)

function bodyFor(route: Route, seededComplaint: string): fc.Arbitrary<FuzzRequest['body']> {
  const complaintId = fc.oneof(fc.uuid(), fc.constant(seededComplaint), nastyString)
  const specific: fc.Arbitrary<unknown>[] = []
  if (route.url === '/api/sync/push') {
    specific.push(
      fc.record({
        protocol: fc.oneof(fc.constant(1), nastyScalar),
        events: fc.array(event(complaintId), { minLength: 1, maxLength: 6 }),
      }),
    )
  }
  if (route.url === '/api/desk/events') specific.push(fc.record({ event: event(complaintId) }))
  if (route.url.startsWith('/api/auth/')) {
    specific.push(
      fc.record(
        { username: nastyString, password: nastyString, currentPassword: nastyString, newPassword: nastyString },
        { requiredKeys: [] },
      ),
    )
  }
  if (route.url === '/api/devices/enrol')
    specific.push(fc.record({ deviceId: nastyString, name: nastyString, branchId: nastyString }, { requiredKeys: [] }))
  if (route.url.startsWith('/api/staff')) {
    specific.push(
      fc.record(
        {
          username: nastyString,
          name: nastyString,
          role: fc.oneof(fc.constantFrom('manager', 'supervisor', 'admin'), nastyString),
          branchId: fc.oneof(fc.constantFrom('b1', 'b2', null), nastyString),
          coveredBranchIds: fc.array(nastyString, { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
    )
  }
  if (route.url.startsWith('/api/branches'))
    specific.push(fc.record({ name: nastyString, code: nastyString }, { requiredKeys: [] }))
  if (route.url === '/api/devices/enrol-with-code')
    specific.push(
      fc.record(
        { code: fc.oneof(fc.constant('ABCD-EFGH-JKMN'), nastyString), deviceId: nastyString, name: nastyString },
        { requiredKeys: [] },
      ),
    )
  if (route.url.endsWith('/revoke')) specific.push(fc.record({ wipe: nastyScalar }, { requiredKeys: [] }))
  if (route.url.startsWith('/api/settings')) {
    const calendar = fc.record(
      {
        entries: fc.array(fc.record({ date: nastyString, kind: nastyString, name: nastyString })),
        publishedYears: fc.array(nastyScalar),
      },
      { requiredKeys: [] },
    )
    specific.push(calendar, fc.record({ calendar, policy: nastyValue }, { requiredKeys: [] }))
    specific.push(
      fc.record(
        {
          'zh-CN': fc.array(
            fc.record({ id: fc.oneof(fc.constantFrom('reply', 'progress'), nastyString), text: nastyString }),
          ),
          en: nastyValue,
        },
        { requiredKeys: [] },
      ),
    )
  }
  return fc.oneof(
    ...specific.map((s) => s.map((json) => ({ json }))),
    ...specific.map((s) => s.map((json) => ({ json }))),
    nastyValue.map((json) => ({ json })),
    rawBodies.map((raw) => ({ raw })),
    fc.constant(undefined),
  )
}

/** Percent-encodes, sending a lone surrogate as the bytes of one (invalid UTF-8), as a raw client could. */
function enc(s: string): string {
  return [...s]
    .map((c) => {
      try {
        return encodeURIComponent(c)
      } catch {
        return '%ED%A0%80'
      }
    })
    .join('')
}

const QUERY_KEYS = [
  'protocol',
  'after',
  'limit',
  'from',
  'to',
  'branch',
  'filter',
  'pending',
  'app',
  'wipe',
  'action',
  'actor',
  'before',
  '__proto__',
  'constructor',
]
const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS), nastyString),
      fc.oneof(
        nastyString,
        fc.constantFrom(
          '1',
          '0',
          '500',
          '2026-01-01',
          '2026-12-31',
          'b1',
          'b2',
          'open',
          'overdue',
          'dueSoon',
          'staff',
          'staff.disable',
          '0.1.0+1',
          '2026-03-02T00:00:00.000Z|00000000-0000-0000-0000-000000000000',
        ),
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'))

/** Path parameters: never a real id, so the fuzzer's administrator cannot revoke or disable what exists. */
const param = fc.oneof(
  fc.constantFrom(
    'x',
    '%00',
    '%ED%A0%80',
    '..',
    '%2e%2e',
    'tab-b9',
    'nobody',
    "'or'1'='1",
    'policy',
    'calendar',
    'taxonomy',
    'a'.repeat(300),
  ),
  fc.uuid(),
)

export function fuzzRequest(route: Route, seededComplaint: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      auth: fc.constantFrom<AuthKind>('none', 'garbage', 'deviceB1', 'deviceB2', 'manager', 'supervisor', 'admin'),
      params: fc.array(param, { minLength: 2, maxLength: 2 }),
      query: fc.option(query, { freq: 2 }),
      body: route.method === 'GET' ? fc.constant(undefined) : bodyFor(route, seededComplaint),
    })
    .map(({ auth, params, query: q, body }) => {
      let i = 0
      const path = route.url.replace(/:\w+/g, () => {
        const p = params[i++ % params.length]!
        return /^[\w.%'=-]*$/.test(p) ? p : enc(p)
      })
      return { method: route.method as FuzzRequest['method'], url: q ? `${path}?${q}` : path, auth, body }
    })
}

/** `count` requests spread over the routes, reproducible from the seed. */
export function fuzzRequests(routes: Route[], count: number, seed: number, seededComplaint: string): FuzzRequest[] {
  const perRoute = Math.max(1, Math.ceil(count / routes.length))
  return routes.flatMap((r, i) => fc.sample(fuzzRequest(r, seededComplaint), { seed: seed + i, numRuns: perRoute }))
}

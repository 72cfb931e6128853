import { describe, expect, it } from 'vitest'
import {
  assignable,
  classify,
  codeIndex,
  codeTableProblems,
  DEFAULT_TAXONOMY,
  DIMENSIONS,
  fold,
  isAssignable,
  JRT_0169_2018,
  LEGACY_TAXONOMY,
  lineage,
  parseEvent,
  resolveCode,
  taxonomyChangeProblems,
  taxonomySchema,
} from '@/domain'
import type { CodeEntry, Taxonomy } from '@/domain'
import { eventFactory, RECORDED } from '../support/eventFactory'

/**
 * The codes as released. A code keeps its meaning forever: this list only ever grows, and an entry of it never
 * leaves the table or moves under another parent (retire it instead).
 */
const RELEASED: [code: string, parent?: string][] = [
  ['A01'],
  ['A0101', 'A01'],
  ['A0102', 'A01'],
  ['A0103', 'A01'],
  ['A01031', 'A0103'],
  ['A01032', 'A0103'],
  ['A01033', 'A0103'],
  ['A01034', 'A0103'],
  ['A01035', 'A0103'],
  ['A01039', 'A0103'],
  ['A0104', 'A01'],
  ['A0199', 'A01'],
  ['A02'],
  ['B01'],
  ['B02'],
  ['B03'],
  ['B03P1', 'B03'],
  ['B03P2', 'B03'],
  ['B0399', 'B03'],
  ['B04'],
  ['B05'],
  ['BP01'],
  ['BP02'],
  ['BP03'],
  ['BP04'],
  ['BP05'],
  ['BP06'],
  ['BP07'],
  ['BP08'],
  ['B99'],
  ['C01'],
  ['C02'],
  ['C03'],
  ['C04'],
  ['C05'],
  ['CP01'],
  ['CP02'],
  ['CP03'],
  ['CP04'],
  ['CP05'],
  ['CP06'],
  ['CP07'],
  ['C99'],
]

const index = codeIndex(JRT_0169_2018)

describe('the JR/T 0169-2018 code tables', () => {
  it('are sound: well-formed unique codes, each under its parent, something to choose on every dimension', () => {
    expect(codeTableProblems(JRT_0169_2018)).toEqual([])
    expect(new Set(JRT_0169_2018.map((e) => e.code)).size).toBe(JRT_0169_2018.length)
  })

  it('keep every released code, under the same parent', () => {
    const released: CodeEntry[] = RELEASED.map(([code, parent]) => ({ code, parent, zh: code, en: code }))
    expect(taxonomyChangeProblems(released, JRT_0169_2018)).toEqual([])
  })

  it('code "其他" as the standard does: 99 on a two-digit level, 9 on a one-digit one, and it can be chosen', () => {
    const others = JRT_0169_2018.filter((e) => e.other)
    expect(others.map((e) => e.code)).toEqual(['A01039', 'A0199', 'B0399', 'B99', 'C99'])
    for (const e of others) {
      expect(e.code.slice((e.parent ?? e.code[0]!).length)).toMatch(/^(99|9)$/)
      expect(e.zh).toBe('其他')
      expect(isAssignable(index, e.code)).toBe(true)
    }
  })

  it("give unverified entries the app's own codes, which no code of the standard (digits only) can equal", () => {
    for (const e of JRT_0169_2018) expect(e.provisional === true).toBe(/P/.test(e.code.slice(1)))
    expect(JRT_0169_2018.filter((e) => !e.provisional).every((e) => /^[ABC]\d+$/.test(e.code))).toBe(true)
  })

  it('offer leaves and "其他" only: a parent is reported, not chosen', () => {
    expect(assignable(index, 'A').map((e) => e.code)).not.toContain('A0103')
    expect(assignable(index, 'B').map((e) => e.code)).not.toContain('B03')
    expect(lineage(index, 'A01033').map((e) => e.zh)).toEqual(['前台业务渠道', '电子渠道', '移动客户端'])
  })

  it('reject a table whose codes are not unique, not under their parents, or replaced in a cycle', () => {
    const base = JRT_0169_2018
    expect(codeTableProblems([...base, { code: 'A0101', parent: 'A01', zh: '又一个', en: 'again' }])).toContainEqual({
      code: 'A0101',
      problem: 'duplicate',
    })
    expect(
      codeTableProblems([...base, { code: 'B0601', parent: 'B02', zh: '个人贷款', en: 'Personal' }]),
    ).toContainEqual({ code: 'B0601', problem: 'notUnderParent' })
    expect(codeTableProblems([...base, { code: 'C0101', parent: 'C09', zh: 'x', en: 'x' }])).toContainEqual({
      code: 'C0101',
      problem: 'parentMissing',
    })
    const cycle = base.map((e) =>
      e.code === 'BP01'
        ? { ...e, retired: true, replacedBy: 'BP02' }
        : e.code === 'BP02'
          ? { ...e, retired: true, replacedBy: 'BP01' }
          : e,
    )
    expect(codeTableProblems(cycle)).toContainEqual({ code: 'BP01', problem: 'replacementCycle' })
    expect(codeTableProblems(base.map((e) => (e.code === 'BP01' ? { ...e, replacedBy: 'A02' } : e)))).toEqual(
      expect.arrayContaining([
        { code: 'BP01', problem: 'replacedByOtherDimension' },
        { code: 'BP01', problem: 'replacedButActive' },
      ]),
    )
  })
})

describe('a change of the code tables', () => {
  it('may relabel, retire and add, but not remove or move a code', () => {
    const relabelled = JRT_0169_2018.map((e) =>
      e.code === 'BP01' ? { ...e, zh: '外汇业务', retired: true, replacedBy: 'B06' } : e,
    )
    expect(taxonomyChangeProblems(JRT_0169_2018, [...relabelled, { code: 'B06', zh: '外汇', en: 'FX' }])).toEqual([])
    expect(
      taxonomyChangeProblems(
        JRT_0169_2018,
        JRT_0169_2018.filter((e) => e.code !== 'C05'),
      ),
    ).toEqual([expect.stringContaining('C05 (信息披露) was removed')])
    expect(
      taxonomyChangeProblems(
        JRT_0169_2018,
        JRT_0169_2018.map((e) => (e.code === 'A0104' ? { ...e, parent: 'A0103' } : e)),
      ),
    ).toEqual([expect.stringContaining('A0104 (第三方渠道) moved')])
  })
})

describe('the upgrade of old complaints', () => {
  const oldCategories = [...LEGACY_TAXONOMY.categories.map((e) => e.id), undefined, 'staff']
  const oldCauses = [...LEGACY_TAXONOMY.causes.map((e) => e.id), undefined, 'constructor']

  it('maps every old category and cause, known or not, to a code that can be chosen (a leaf or "其他") on each dimension', () => {
    for (const category of oldCategories) {
      for (const cause of oldCauses) {
        const c = classify({ codes: {}, preStandard: true, category, cause }, DEFAULT_TAXONOMY)
        for (const d of DIMENSIONS) {
          expect(c[d]?.source).toBe('mapped')
          expect(isAssignable(index, c[d]!.code), `${category}/${cause} → ${d} ${c[d]!.code}`).toBe(true)
        }
      }
    }
  })

  it('reads the cause first for C and the category first for A and B, and "其他" for what neither says', () => {
    const codes = (category?: string, cause?: string) => {
      const c = classify({ codes: {}, preStandard: true, category, cause }, DEFAULT_TAXONOMY)
      return DIMENSIONS.map((d) => c[d]!.code)
    }
    expect(codes('deposits', 'waiting')).toEqual(['A0199', 'B01', 'C01'])
    expect(codes('fees', 'attitude')).toEqual(['A0199', 'B99', 'C01'])
    expect(codes('fees', undefined)).toEqual(['A0199', 'B99', 'CP02'])
    expect(codes('facilities', 'system')).toEqual(['A0101', 'B99', 'C02'])
    expect(codes('ebanking', 'privacy')).toEqual(['A01039', 'B99', 'CP06'])
    expect(codes(undefined, undefined)).toEqual(['A0199', 'B99', 'C99'])
  })

  it('lets a chosen code override the mapping on its dimension only, and counts a retired code under its successor', () => {
    const c = classify(
      { codes: { B: 'BP01' }, preStandard: true, category: 'deposits', cause: 'process' },
      DEFAULT_TAXONOMY,
    )
    expect(c.B).toEqual({ code: 'BP01', source: 'chosen' })
    expect(c.C).toEqual({ code: 'C03', source: 'mapped' })
    const amended: Taxonomy = {
      ...DEFAULT_TAXONOMY,
      codes: [
        ...JRT_0169_2018.map((e) => (e.code === 'BP01' ? { ...e, retired: true, replacedBy: 'B06' } : e)),
        { code: 'B06', zh: '外汇', en: 'FX' },
      ],
    }
    expect(classify({ codes: { B: 'BP01' }, preStandard: false }, amended).B).toEqual({ code: 'B06', source: 'chosen' })
    expect(resolveCode(codeIndex(amended.codes), 'BP01')).toBe('B06')
  })

  it('leaves a new complaint unclassified until codes are chosen: the mapping is for old complaints only', () => {
    expect(classify({ codes: { A: 'A0101' }, preStandard: false, category: 'deposits' }, DEFAULT_TAXONOMY)).toEqual({
      A: { code: 'A0101', source: 'chosen' },
      B: null,
      C: null,
    })
  })
})

describe('the taxonomy setting', () => {
  it('accepts the default and reads the shape from before the codes as old labels under the default tables', () => {
    expect(taxonomySchema.safeParse(DEFAULT_TAXONOMY).success).toBe(true)
    const old = {
      categories: [{ id: 'deposits', zh: '储蓄', en: 'Savings' }],
      causes: [{ id: 'staff', zh: '员工', en: 'Staff' }],
    }
    const r = taxonomySchema.parse(old)
    expect(r.legacy).toEqual(old)
    expect(r.codes).toBe(JRT_0169_2018)
  })

  it('says what is wrong with a table or a mapping', () => {
    const dup = taxonomySchema.safeParse({
      ...DEFAULT_TAXONOMY,
      codes: [...DEFAULT_TAXONOMY.codes, { code: 'C99', zh: '其他', en: 'Other' }],
    })
    expect(dup.error?.issues.map((i) => i.message)).toContain('C99 is used by more than one entry')
    const toParent = taxonomySchema.safeParse({
      ...DEFAULT_TAXONOMY,
      mapping: { ...DEFAULT_TAXONOMY.mapping, categories: { cards: { B: 'B03' } } },
    })
    expect(toParent.error?.issues.map((i) => i.message)).toContain(
      'B03 is not a code a complaint can be classified under',
    )
    const wrongDimension = taxonomySchema.safeParse({
      ...DEFAULT_TAXONOMY,
      mapping: { ...DEFAULT_TAXONOMY.mapping, causes: { waiting: { B: 'C01' } } },
    })
    expect(wrongDimension.success).toBe(false)
  })
})

describe('classification events', () => {
  it('an event stored before the codes existed still parses and folds, as an old complaint with its original values', () => {
    const f = eventFactory()
    const stored = JSON.parse(JSON.stringify(f.make({ type: 'complaint.recorded', payload: RECORDED })))
    const parsed = parseEvent(stored)
    expect(parsed.ok).toBe(true)
    const s = fold([parsed.ok ? parsed.value : stored])!
    expect(s).toMatchObject({ preStandard: true, codes: {}, category: 'cards', cause: 'process' })
  })

  it('records codes at intake, corrects one dimension with a reason, and clears it back to the mapping', () => {
    const f = eventFactory()
    const recorded = f.make({
      type: 'complaint.recorded',
      payload: { ...RECORDED, category: undefined, cause: undefined, codes: { A: 'A0101', B: 'B01', C: 'C01' } },
    })
    const corrected = f.make({
      type: 'field.corrected',
      payload: { field: 'codes.C', value: 'C03', reason: '核实后为流程问题' },
    })
    const s = fold([corrected, recorded])!
    expect(s).toMatchObject({ preStandard: false, codes: { A: 'A0101', B: 'B01', C: 'C03' } })
    expect(s.corrections[0]).toMatchObject({ field: 'codes.C', value: 'C03', reason: '核实后为流程问题' })

    const g = eventFactory()
    const old = fold([
      g.make({ type: 'complaint.recorded', payload: RECORDED }),
      g.make({ type: 'field.corrected', payload: { field: 'codes.B', value: 'B03P1', reason: '借记卡' } }),
      g.make({ type: 'field.corrected', payload: { field: 'codes.B', value: null, reason: '撤销' } }),
    ])!
    expect(old).toMatchObject({ preStandard: true, codes: {} })
  })

  it('refuses a code of another dimension or a malformed one', () => {
    const f = eventFactory()
    expect(parseEvent(f.make({ type: 'complaint.recorded', payload: { ...RECORDED, codes: { A: 'B01' } } })).ok).toBe(
      false,
    )
    expect(parseEvent(f.make({ type: 'complaint.recorded', payload: { ...RECORDED, codes: { C: 'c01' } } })).ok).toBe(
      false,
    )
  })
})

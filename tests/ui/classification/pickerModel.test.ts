import { describe, expect, it } from 'vitest'
import { JRT_0169_2018 } from '@/domain'
import { frequentOptions, groupedOptions, searchOptions } from '@/ui/classification/pickerModel'

const codes = (list: { code: string }[]) => list.map((o) => o.code)

describe('the classification picker', () => {
  it("offers this tablet's most used entries first, then the standard's first ones", () => {
    expect(codes(frequentOptions(JRT_0169_2018, 'C', {}, true))).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'CP01'])
    expect(codes(frequentOptions(JRT_0169_2018, 'C', { CP02: 5, C03: 9, B01: 20 }, true))).toEqual([
      'C03',
      'CP02',
      'C01',
      'C02',
      'C04',
      'C05',
    ])
  })

  it('finds entries by code or by a word of the entry or a level above it, in either language', () => {
    expect(codes(searchOptions(JRT_0169_2018, 'A', 'a0103', true))).toEqual([
      'A01031',
      'A01032',
      'A01033',
      'A01034',
      'A01035',
      'A01039',
    ])
    expect(searchOptions(JRT_0169_2018, 'A', '短信', true)).toEqual([
      { code: 'A01035', label: '短信', path: '前台业务渠道 › 电子渠道', provisional: false },
    ])
    expect(codes(searchOptions(JRT_0169_2018, 'B', 'credit', false))).toEqual(['B03P2'])
    expect(searchOptions(JRT_0169_2018, 'B', '银行卡', true).map((o) => o.label)).toEqual(['借记卡', '信用卡', '其他'])
  })

  it('lists every entry that can be chosen in the standard order, under its top level', () => {
    const a = groupedOptions(JRT_0169_2018, 'A', true)
    expect(a.map((g) => g.heading)).toEqual(['前台业务渠道', null])
    expect(codes(a[1]!.options)).toEqual(['A02'])
    expect(codes(a[0]!.options)).not.toContain('A0103')
    const b = groupedOptions(JRT_0169_2018, 'B', true)
    expect(b.map((g) => g.heading)).toEqual([null, '银行卡', null])
    expect(codes(b[0]!.options)).toEqual(['B01', 'B02'])
    expect(codes(b.at(-1)!.options).at(-1)).toBe('B99')
  })
})

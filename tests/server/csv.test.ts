import { describe, expect, it } from 'vitest'
import { toCsv } from '../../src/server/reports/csv'

describe('toCsv', () => {
  it('starts with a BOM, quotes every field, doubles quotes, and defuses formulas', () => {
    const csv = toCsv(
      ['名称', '备注'],
      [
        ['王"芳', '=HYPERLINK("x")'],
        [null, 3],
      ],
    )
    expect(csv).toBe('\uFEFF"名称","备注"\r\n"王""芳","\'=HYPERLINK(""x"")"\r\n"","3"\r\n')
  })

  it.each([['=1+1'], ['+1'], ['-1+1'], ['@SUM(A1)'], ['\t=HYPERLINK("http://x")'], ['\r=1+1']])(
    'a customer’s text starting %j is never read as a formula',
    (text) => {
      const cell = toCsv(['x'], [[text]]).split('\r\n')[1]!
      expect(cell.startsWith(`"'`)).toBe(true)
      expect(cell.slice(2, -1)).toBe(text.replaceAll('"', '""'))
    },
  )

  it('leaves numbers and ordinary text as they are', () => {
    expect(
      toCsv(
        ['n', 't'],
        [
          [-3, ' =x'],
          [0.5, '李 = 王'],
        ],
      )
        .split('\r\n')
        .slice(1, 3),
    ).toEqual(['"-3"," =x"', '"0.5","李 = 王"'])
  })
})

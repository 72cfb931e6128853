import { describe, expect, it } from 'vitest'
import { toCsv } from '../../src/server/reports/csv'

describe('toCsv', () => {
  it('starts with a BOM, quotes every field, doubles quotes, and defuses formulas', () => {
    const csv = toCsv(['名称', '备注'], [['王"芳', '=HYPERLINK("x")'], [null, 3]])
    expect(csv).toBe('\uFEFF"名称","备注"\r\n"王""芳","\'=HYPERLINK(""x"")"\r\n"","3"\r\n')
  })
})

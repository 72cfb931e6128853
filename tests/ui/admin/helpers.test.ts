import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY } from '@/domain'
import { changedPaths } from '@/ui/admin/changedPaths'
import { smsParts } from '@/ui/admin/smsParts'
import { fitToRole } from '@/ui/admin/staffFields'
import StaffForm from '@/ui/admin/StaffForm.vue'
import { mountWithApp } from '../../support/mountWithApp'

describe('the console’s helpers', () => {
  it('names what changed between two versions of a setting, entries by their id', () => {
    const first = DEFAULT_TAXONOMY.codes[0]!.code
    const renamed = {
      ...DEFAULT_TAXONOMY,
      codes: [
        { code: 'BP99', zh: '新', en: 'New' },
        ...DEFAULT_TAXONOMY.codes.map((c) => (c.code === first ? { ...c, retired: true } : c)),
      ],
    }
    expect(changedPaths(DEFAULT_TAXONOMY, renamed)).toEqual([`codes.${first}.retired`, 'codes.BP99'])
    expect(
      changedPaths({ replyWorkingDays: 15, regulatoryDays: 15 }, { replyWorkingDays: 10, regulatoryDays: 15 }),
    ).toEqual(['replyWorkingDays'])
    expect(changedPaths({ a: 1 }, { a: 1 })).toEqual([])
  })

  it('counts the messages an SMS takes: 70 Chinese characters in one, 160 plain ones', () => {
    expect(smsParts('您'.repeat(70))).toEqual({ n: 70, parts: 1 })
    expect(smsParts('您'.repeat(71))).toEqual({ n: 71, parts: 2 })
    expect(smsParts('a'.repeat(160))).toEqual({ n: 160, parts: 1 })
    expect(smsParts('a'.repeat(307))).toEqual({ n: 307, parts: 3 })
  })

  it('keeps only what the role allows when it changes', () => {
    const base = {
      username: 'x',
      name: 'x',
      branchId: 'b1',
      coveredBranchIds: ['b1', 'b2'],
      approvalLevel: 'superior' as const,
    }
    expect(fitToRole({ ...base, role: 'admin' })).toMatchObject({ branchId: null, coveredBranchIds: [] })
    expect(fitToRole({ ...base, role: 'supervisor' })).toMatchObject({ branchId: 'b1', coveredBranchIds: ['b2'] })
    expect(fitToRole({ ...base, role: 'manager' })).toMatchObject({ coveredBranchIds: [], approvalLevel: 'none' })
  })
})

describe('the staff form', () => {
  const branches = [
    { id: 'b1', name: '人民路支行' },
    { id: 'b2', name: '中山路支行' },
  ]
  const initial = { username: '', name: '', role: 'manager' as const, branchId: null, coveredBranchIds: [] }

  it('shows the fields the role has and says, in the administrator’s language, what is missing', async () => {
    const { wrapper } = await mountWithApp(StaffForm, { props: { initial, creating: true, branches, busy: false } })
    const field = (k: string) => wrapper.find(`[data-testid="staff-field-${k}"]`)
    expect(field('branchId').exists()).toBe(true)
    expect(field('coveredBranchIds').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    expect(wrapper.text()).toContain('用户名为 2–32 位')
    expect(wrapper.text()).toContain('请选择所属网点')
    expect(wrapper.emitted('save')).toBeUndefined()

    await field('role').setValue('supervisor')
    expect(field('coveredBranchIds').exists()).toBe(true)
    await field('role').setValue('admin')
    expect(field('branchId').exists()).toBe(false)
    await field('username').setValue('Zhou.Min')
    await field('name').setValue('周敏')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('save')).toEqual([
      [
        {
          username: 'zhou.min',
          name: '周敏',
          role: 'admin',
          branchId: null,
          coveredBranchIds: [],
          approvalLevel: 'none',
        },
      ],
    ])
  })

  it('does not offer to change a username once saved', async () => {
    const { wrapper } = await mountWithApp(StaffForm, {
      props: {
        initial: { ...initial, username: 'li', name: '李娜', branchId: 'b1' },
        creating: false,
        branches,
        busy: false,
      },
    })
    expect(wrapper.find('[data-testid="staff-field-username"]').exists()).toBe(false)
    expect(wrapper.find('h2').text()).toContain('编辑 李娜')
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { PRINCIPLES } from '@/domain'
import PrincipleReminder from '@/ui/script/PrincipleReminder.vue'
import PrinciplesPage from '@/ui/script/PrinciplesPage.vue'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('PrinciplesPage', () => {
  it.each([
    ['zh-CN', '投诉处理七项原则', ['真诚', '尊重', '理解', '敏感性', '高效性', '不争论', '双赢'], '争论对沟通毫无裨益'],
    [
      'en',
      'The seven principles of complaint handling',
      ['Sincerity', 'Respect', 'Understanding', 'Sensitivity', 'Efficiency', 'No arguing', 'Win-win'],
      'Arguing never helps',
    ],
  ] as const)('lists the seven principles, a title and one line each, in %s', async (locale, title, names, line) => {
    const { wrapper, db } = await mountWithApp(PrinciplesPage, { locale, path: '/principles' })
    expect(wrapper.get('h1').text()).toBe(title)
    const items = PRINCIPLES.map((p) => wrapper.get(`[data-testid="principle-${p}"]`))
    expect(items.map((i) => i.get('h2').text())).toEqual(names)
    expect(items.every((i) => i.get('p').text().length > 0 && i.get('p').text().length <= 100)).toBe(true)
    expect(wrapper.text()).toContain(line)
    wrapper.unmount()
    await db.delete()
  })
})

describe('PrincipleReminder', () => {
  it('shows the given principles and the caution', async () => {
    const { wrapper, db } = await mountWithApp(PrincipleReminder, {
      props: { principles: ['noArguing', 'understanding'], caution: '不要争论' },
    })
    expect(wrapper.findAll('li').map((l) => l.find('b').text())).toEqual(['不争论', '理解'])
    expect(wrapper.get('[data-testid="script-caution"]').text()).toBe('不要争论')
    wrapper.unmount()
    await db.delete()
  })
})

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineRoute, routeUrl } from '@/domain/api/route'

describe('routeUrl', () => {
  const route = defineRoute({
    method: 'GET',
    path: '/api/things/:id/parts',
    params: z.object({ id: z.string() }),
    response: z.object({}),
  })

  it('fills the path’s segments, encoded, and repeats a list in the query', () => {
    expect(
      routeUrl(route, {
        params: { id: 'a/b c' },
        query: { branch: ['b1', 'b 2'], from: '2026-03-01', skip: undefined },
      }),
    ).toBe('/api/things/a%2Fb%20c/parts?branch=b1&branch=b%202&from=2026-03-01')
  })

  it('leaves off an empty query', () => {
    expect(routeUrl(route, { params: { id: 'x' }, query: { after: undefined } })).toBe('/api/things/x/parts')
  })
})

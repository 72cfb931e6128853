import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/Database'
import { SCHEMA_VERSION } from '../db/migrations'

export const VERSION = '0.1.0'

/** Public: load balancers and the tablet's "server reachable" check. Says nothing about any complaint. */
export function healthRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/health', { config: { access: 'public' } }, async (_request, reply) => {
    try {
      const { rows } = await db.query<{ id: number }>('select max(id)::int as id from schema_migrations')
      return {
        status: 'ok',
        database: { kind: db.kind, ok: true, schemaVersion: rows[0]?.id ?? 0 },
        expectedSchemaVersion: SCHEMA_VERSION,
        version: VERSION,
      }
    } catch {
      return reply.code(503).send({ status: 'degraded', database: { kind: db.kind, ok: false }, version: VERSION })
    }
  })
}

/** Who is calling: a tablet (bound to one branch) or a signed-in staff member. */
export type Principal =
  | { kind: 'device'; deviceId: string; branchId: string }
  | { kind: 'staff'; staffId: string; name: string; role: 'manager' | 'supervisor' | 'admin'; branchIds: string[]; homeBranchId: string | null }

/** What a route requires; every /api route declares one (a test walks the route table to check). */
export type Access = 'public' | 'device' | 'staff' | 'supervisor' | 'admin'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyContextConfig {
    access?: Access
  }
}

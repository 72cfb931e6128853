import { z } from 'zod'

/** The part of JSON Schema the console's settings editor reads (as zod's toJSONSchema writes it). */
export type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  required?: string[]
  minimum?: number
  maximum?: number
  maxLength?: number
  enum?: unknown[]
}

/** A domain schema as the editor reads it: what a value may be on the way in. */
export function editorSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
}

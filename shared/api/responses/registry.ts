// The named response schemas: each becomes one `components/schemas` entry of the OpenAPI
// document (main/server/openapi.ts), so a generated client gets one type per shape.
import type { z } from 'zod'

export interface ComponentMeta {
  /** The component's name in the OpenAPI document, e.g. "Message". */
  id: string
  description?: string
}

/** The named schemas in declaration order. */
export const namedComponents: { schema: z.ZodType; meta: ComponentMeta }[] = []

/** Names `schema` as the component `id` and returns it, so a declaration stays one expression. */
export function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  namedComponents.push({ schema, meta: description ? { id, description } : { id } })
  return schema
}

// Types of scripts/linux-sandbox.mjs for the tests.
export interface SandboxFacts {
  platform: string
  usernsRestricted: boolean
  electronBinary: string
  helper: { uid: number; mode: number } | null
  profileNamesBinary: boolean
}
export function sandboxAdvice(facts: SandboxFacts): string | null

// `--policy FILE`: an operator's policy numbers (docs/RULES.md keeps them in one object so
// they can be changed). The file holds a partial Policy; nested objects merge.
import { readFileSync } from 'node:fs'
import type { Policy } from '@shared/policy'
import { DEFAULT_POLICY } from '@shared/policy'
import { CliError } from './config'

type Json = Record<string, unknown>

function merge(base: Json, patch: Json, path: string): Json {
  const out: Json = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in base)) {
      throw new CliError(`Policy file: unknown setting "${path}${key}".`)
    }
    const current = base[key]
    if (typeof current === 'number') {
      // Every policy number is a count, an age, a length or a duration: a whole number of at
      // least 1. (A cap of 0 or 0.5 has no retry time, so every send would fail with a 500.)
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        throw new CliError(`Policy file: "${path}${key}" must be a whole number of at least 1.`)
      }
      out[key] = value
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v) && v >= 1)) {
        throw new CliError(`Policy file: "${path}${key}" must be a list of whole numbers of at least 1.`)
      }
      out[key] = value
    } else if (current && typeof current === 'object') {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new CliError(`Policy file: "${path}${key}" must be an object.`)
      }
      out[key] = merge(current as Json, value as Json, `${path}${key}.`)
    }
  }
  return out
}

export function loadPolicy(file: string): Policy {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new CliError(`Policy file ${file} cannot be read as JSON: ${(error as Error).message}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CliError(`Policy file ${file} must hold a JSON object.`)
  }
  return merge(DEFAULT_POLICY as unknown as Json, raw as Json, '') as unknown as Policy
}

// Outreach templates: known variables only, filled per recipient, an empty variable skips.
import { checkTemplate, fillTemplate } from '@shared/outreach/template'
import { describe, expect, it } from 'vitest'

const maya = { handle: 'maya.cooks', displayName: 'Maya Ortiz', topics: ['food', 'travel'] }

describe('checkTemplate', () => {
  it.each([
    { text: 'Hi there', variables: [] },
    { text: 'Hi {displayName}!', variables: ['displayName'] },
    { text: '{handle} {topic} {handle}', variables: ['handle', 'topic'] },
    { text: 'braces that are not names: { } {a b} {}', variables: [] },
  ])('accepts "$text"', ({ text, variables }) => {
    expect(checkTemplate(text)).toEqual({ ok: true, variables })
  })

  it.each(['Hi {name}', '{displayname}', 'Hi {displayName} from {brand}'])('refuses an unknown variable in "%s"', (text) => {
    const check = checkTemplate(text)
    expect(check.ok).toBe(false)
    if (!check.ok) {
      expect(check.code).toBe('TEMPLATE_INVALID')
      expect(check.message).toMatch(/is not a template variable/)
    }
  })
})

describe('fillTemplate', () => {
  it.each([
    { text: 'Hi {displayName}!', filled: 'Hi Maya Ortiz!' },
    { text: 'Saw @{handle} on {topic}', filled: 'Saw @maya.cooks on food' },
    { text: 'No variables', filled: 'No variables' },
  ])('fills "$text"', ({ text, filled }) => {
    expect(fillTemplate(text, maya)).toEqual({ ok: true, text: filled })
  })

  it('takes the handle without a leading @', () => {
    expect(fillTemplate('{handle}', { ...maya, handle: '@maya.cooks' })).toEqual({ ok: true, text: 'maya.cooks' })
  })

  it.each([
    { name: 'no topics', recipient: { ...maya, topics: [] }, text: 'Love your {topic} posts', variable: 'topic' },
    { name: 'a blank first topic', recipient: { ...maya, topics: ['  '] }, text: '{topic}', variable: 'topic' },
    { name: 'a blank display name', recipient: { ...maya, displayName: ' ' }, text: 'Hi {displayName}', variable: 'displayName' },
  ])('skips a recipient with $name (TEMPLATE_VARIABLE_EMPTY)', ({ recipient, text, variable }) => {
    const fill = fillTemplate(text, recipient)
    expect(fill).toMatchObject({ ok: false, code: 'TEMPLATE_VARIABLE_EMPTY', variable })
    if (!fill.ok) {
      expect(fill.message).toContain('@maya.cooks')
    }
  })

  it('does not skip for a variable the template does not use', () => {
    expect(fillTemplate('Hi {displayName}', { ...maya, topics: [] })).toEqual({ ok: true, text: 'Hi Maya Ortiz' })
  })
})

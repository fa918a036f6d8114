// Message templates for outreach campaigns and saved replies: `{displayName}`, `{handle}` and
// `{topic}` filled in per recipient. Pure, so the node (authority) and the renderer (live
// preview) fill a template the same way.

export const TEMPLATE_VARIABLES = ['displayName', 'handle', 'topic'] as const
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]

/** What a template needs to know of its recipient. */
export interface TemplateRecipient {
  handle: string
  displayName: string
  topics: readonly string[]
}

export type TemplateCheck = { ok: true; variables: TemplateVariable[] } | { ok: false; code: 'TEMPLATE_INVALID'; message: string }

export type TemplateFill =
  | { ok: true; text: string }
  | { ok: false; code: 'TEMPLATE_VARIABLE_EMPTY'; message: string; variable: TemplateVariable }

// A placeholder is a word in braces; anything else in braces (`{ }`, `{a b}`) is plain text.
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name)
}

/** The variables a template uses, in order of first use; TEMPLATE_INVALID for an unknown one. */
export function checkTemplate(text: string): TemplateCheck {
  const used: TemplateVariable[] = []
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!isVariable(name)) {
      return {
        ok: false,
        code: 'TEMPLATE_INVALID',
        message: `The template uses {${name}}, which is not a template variable; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}.`,
      }
    }
    if (!used.includes(name)) {
      used.push(name)
    }
  }
  return { ok: true, variables: used }
}

/** A variable's value for one recipient: `{handle}` without "@", `{topic}` the first topic. */
export function variableValue(variable: TemplateVariable, recipient: TemplateRecipient): string {
  switch (variable) {
    case 'displayName':
      return recipient.displayName.trim()
    case 'handle':
      return recipient.handle.replace(/^@/, '').trim()
    case 'topic':
      return (recipient.topics[0] ?? '').trim()
  }
}

/**
 * Fills a template for one recipient. A variable that is empty for this recipient makes the
 * whole fill fail (TEMPLATE_VARIABLE_EMPTY): nobody is ever sent "Hi , love your  videos".
 * The caller checks the filled text against R14 like any other message.
 */
export function fillTemplate(text: string, recipient: TemplateRecipient): TemplateFill {
  const check = checkTemplate(text)
  if (!check.ok) {
    throw new Error(check.message)
  }
  for (const variable of check.variables) {
    if (variableValue(variable, recipient) === '') {
      const who = recipient.handle ? `@${recipient.handle.replace(/^@/, '')}` : 'This recipient'
      return {
        ok: false,
        code: 'TEMPLATE_VARIABLE_EMPTY',
        variable,
        message: `${who} has no ${variable === 'topic' ? 'topic' : variable} to fill {${variable}}, so the message was not sent.`,
      }
    }
  }
  return {
    ok: true,
    text: text.replace(PLACEHOLDER, (_match, name: TemplateVariable) => variableValue(name, recipient)),
  }
}

// The one command-line parser (main/node/cli-args.ts) as headless start and the desktop shell use it:
// every option README lists keeps its meaning, and each mode treats strangers its own way.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CliError, readFlagsLenient, readFlagsStrict } from '../../main/node/cli-args'
import { DEFAULT_PORT, defaultDataDir, parseArgs } from '../../main/node/config'
import { parseLaunchArgs } from '../../main/electron/args'

describe('headless start (strict)', () => {
  it('reads every option README lists, in both spellings', () => {
    const argv = [
      '--data',
      'nodes/a',
      '--port=0',
      '--host',
      '0.0.0.0',
      '--token',
      'tok.en-1',
      '--name',
      'Laptop',
      '--demo',
      '--policy',
      'policy.json',
      '--peer',
      'http://10.0.0.2:4870',
      '--pair-code=ABCDE-FGHJK',
      '--peer-port',
      '4871',
    ]
    expect(parseArgs(argv)).toEqual({
      dataDir: resolve('nodes/a'),
      port: 0,
      host: '0.0.0.0',
      token: 'tok.en-1',
      name: 'Laptop',
      demo: true,
      help: false,
      policyFile: resolve('policy.json'),
      peer: 'http://10.0.0.2:4870',
      pairCode: 'ABCDE-FGHJK',
      peerPort: 4871,
    })
  })

  it('defaults to the OS data folder, loopback and the usual port', () => {
    expect(parseArgs([])).toMatchObject({
      dataDir: defaultDataDir(),
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      demo: false,
      help: false,
    })
    expect(parseArgs(['-h']).help).toBe(true)
    expect(parseArgs(['--help']).help).toBe(true)
  })

  it.each([
    [['--datum', 'x'], 'Unknown option "--datum".'],
    [['stray'], 'Unknown option "stray".'],
    [['--data'], '--data needs a value.'],
    [['--data', '--demo'], '--data needs a value.'],
    [['--data='], '--data needs a value.'],
    [['--demo=yes'], '--demo takes no value.'],
    [['--port', '70000'], '--port must be a number from 0 to 65535, not "70000".'],
    [['--peer-port', 'x'], '--peer-port must be a number from 0 to 65535, not "x".'],
    [['--token', 'a b'], '--token may use letters, digits and . _ ~ + / - only.'],
    [['--peer', 'http://10.0.0.2:4870'], '--peer and --pair-code go together.'],
  ])('%j is refused with a sentence', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new CliError(message))
  })

  it('cuts a long name to 60 characters', () => {
    expect(parseArgs(['--name', 'n'.repeat(80)]).name).toHaveLength(60)
  })

  it('lets a value start with a dash when written inline', () => {
    expect(readFlagsStrict(['--name=--odd'])).toEqual({ name: '--odd' })
  })
})

describe('desktop shell (lenient)', () => {
  it('reads --data, --name and --demo among Electron and Chromium arguments', () => {
    expect(parseLaunchArgs(['/usr/bin/electron', '.', '--no-sandbox', '--data', '/tmp/a', '--enable-logging', '--name=Laptop', '--demo'])).toEqual({
      dataDir: '/tmp/a',
      name: 'Laptop',
      demo: true,
    })
  })

  it('reads only the flags it was asked for', () => {
    expect(readFlagsLenient(['--port', '1', '--data', 'd', '--host', 'x'], ['data'])).toEqual({ data: 'd' })
  })

  it('drops a flag whose value is missing instead of eating the next switch', () => {
    expect(readFlagsLenient(['--data', '--demo', '--name'], ['data', 'demo', 'name'])).toEqual({ demo: true })
  })
})

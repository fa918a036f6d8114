// `npm start` preflight on Linux: Ubuntu 23.10+ (and others with AppArmor's
// apparmor_restrict_unprivileged_userns=1) block the user namespaces Chromium's sandbox needs,
// and Electron then aborts before any of our code runs ("The SUID sandbox helper binary was
// found, but is not configured correctly"). This says why and how to fix it, before the launch.
// It never turns the sandbox off. README "First launch" has the same steps for the AppImage.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const USERNS_SWITCH = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns'
const PROFILES_DIR = '/etc/apparmor.d'

/**
 * The advice to print, or null when the sandbox can start: not Linux, user namespaces not
 * restricted, a setuid-root sandbox helper, or an AppArmor profile that names the binary.
 * @param {{ platform: string, usernsRestricted: boolean, electronBinary: string, helper: { uid: number, mode: number } | null, profileNamesBinary: boolean }} facts
 * @returns {string | null}
 */
export function sandboxAdvice(facts) {
  if (facts.platform !== 'linux' || !facts.usernsRestricted || facts.profileNamesBinary) {
    return null
  }
  if (facts.helper != null && facts.helper.uid === 0 && (facts.helper.mode & 0o4000) !== 0) {
    return null
  }
  const helper = join(dirname(facts.electronBinary), 'chrome-sandbox')
  return [
    'Envelope: this Linux restricts unprivileged user namespaces (AppArmor), so Electron cannot start its sandbox',
    'and would abort with "The SUID sandbox helper binary was found, but is not configured correctly".',
    'Fix it once, either way (both keep the sandbox on):',
    `  1. an AppArmor profile for the Electron binary (what the .deb package installs for itself):`,
    `     printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile envelope-dev "${facts.electronBinary}" flags=(unconfined) {\\n  userns,\\n}\\n' | sudo tee ${PROFILES_DIR}/envelope-dev`,
    `     sudo apparmor_parser -r ${PROFILES_DIR}/envelope-dev`,
    `  2. or make the sandbox helper setuid root: sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`,
  ].join('\n')
}

function profileNames(binary) {
  try {
    return readdirSync(PROFILES_DIR).some((name) => {
      const file = join(PROFILES_DIR, name)
      return statSync(file).isFile() && readFileSync(file, 'utf8').includes(binary)
    })
  } catch {
    return false
  }
}

function facts(root) {
  const electronBinary = join(root, 'node_modules/electron/dist/electron')
  const helperPath = join(dirname(electronBinary), 'chrome-sandbox')
  const helper = existsSync(helperPath) ? statSync(helperPath) : null
  let usernsRestricted = false
  try {
    usernsRestricted = readFileSync(USERNS_SWITCH, 'utf8').trim() === '1'
  } catch {
    // No such switch: this kernel does not restrict user namespaces this way.
  }
  return {
    platform: process.platform,
    usernsRestricted,
    electronBinary,
    helper: helper && { uid: helper.uid, mode: helper.mode },
    profileNamesBinary: usernsRestricted && profileNames(electronBinary),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const advice = sandboxAdvice(facts(join(dirname(fileURLToPath(import.meta.url)), '..')))
  if (advice) {
    process.stderr.write(`${advice}\n`)
  }
}

// Loopback names and addresses: what only this machine can reach (Host checks, bind choices).

/** This machine's loopback names, lower-case, as a Host header or a bind address gives them. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** A bind address only this machine can reach: a loopback name, or anywhere in 127.0.0.0/8. */
export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host)
}

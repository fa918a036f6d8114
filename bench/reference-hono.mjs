// P1's reference: a bare Hono app on @hono/node-server answering a fixed JSON body. Same
// machine, same run, same load generator as the node under test.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('*', (c) => c.json({ ok: true }, 201))
app.get('*', (c) => c.json({ ok: true }))
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))

// The reference every result is divided by: bare node:http doing the least a JSON API can
// do (read the body, parse it, answer JSON). Same machine, same run, same load generator.
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    const parsed = body ? JSON.parse(body) : {}
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ ok: true, echo: parsed.clientId ?? null }))
  })
})
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`))

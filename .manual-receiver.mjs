import http from 'node:http'
import { writeFileSync, appendFileSync } from 'node:fs'
import { verifyWebhook } from '@primal-pds/agent'
const key = (await (await fetch('http://localhost:2599/xrpc/is.gather.webhook.getSigningKey')).json()).publicKey
http.createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', async () => {
    try {
      await verifyWebhook({ headers: req.headers, body }, key)
      appendFileSync('/tmp/manual/hooks.log', `${req.headers['webhook-id']} ${body}\n`)
      res.writeHead(204).end()
    } catch (e) { appendFileSync('/tmp/manual/hooks.log', `BAD ${e.message}\n`); res.writeHead(400).end() }
  })
}).listen(4599, '127.0.0.1')

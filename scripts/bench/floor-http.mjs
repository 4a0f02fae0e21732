// The floor without fetch: one POST with node:http, which Node loads eagerly.
import { request } from 'node:http'

const body = JSON.stringify({ text: 'bench' })
const req = request(process.argv[2], {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
})
req.on('response', response => {
  response.resume()
  response.on('end', () => process.exit(response.statusCode === 200 ? 0 : 1))
})
req.end(body)

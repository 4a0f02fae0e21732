// The latency floor of a basic-mode fan-out at a given concurrency: login, the posts in rounds of
// `concurrency`, logout, with fetch and nothing else. Args: base user password concurrency targets...
const [base, user, password, concurrencyText, ...channels] = process.argv.slice(2)
const concurrency = Number(concurrencyText)
const json = { 'content-type': 'application/json' }

const login = await fetch(`${base}/api/v1/login`, {
  method: 'POST',
  headers: json,
  body: JSON.stringify({ user, password })
})
const { data } = await login.json()
const auth = { 'x-user-id': data.userId, 'x-auth-token': data.authToken }

let next = 0
async function worker() {
  while (next < channels.length) {
    const channel = channels[next++]
    const response = await fetch(`${base}/api/v1/chat.postMessage`, {
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify({ channel, text: 'bench' })
    })
    await response.text()
  }
}
await Promise.all(Array.from({ length: concurrency }, worker))
await (await fetch(`${base}/api/v1/logout`, { method: 'POST', headers: auth })).text()

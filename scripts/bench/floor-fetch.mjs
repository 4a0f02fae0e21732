// The floor of a cold one-message send: Node and one fetch POST, nothing else.
const response = await fetch(process.argv[2], {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ text: 'bench' })
})
if (!response.ok) process.exit(1)
await response.text()

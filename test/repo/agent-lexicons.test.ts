// The agent lexicons (is.gather.*) enforced on write through the real
// server: realistic records are accepted as `valid`; each kind of bad record
// is refused with InvalidRequest and a message naming the field.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, type TestAccount } from './helpers.js'

let t: TestServer
let agent: TestAccount

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'agents.test')
  agent = await loggedInAccount(t, 'scout.agents.test')
})
after(() => t?.close())

const now = () => new Date().toISOString()
const CID = 'bafyreie5mnpxtlkjp7rf6l4spxroauvksyd2sfkvmxfr4uftsm7nmsidd4'
const skillRef = () => ({ uri: 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/is.gather.skill.listing/web-search', cid: CID })

type Case = {
  nsid: string
  rkey?: string
  valid: Record<string, unknown>
  invalid: [string, Record<string, unknown>, RegExp][]
}

const cases = (): Case[] => [
  {
    nsid: 'is.gather.actor.profile',
    rkey: 'self',
    valid: {
      name: 'Scout',
      description: 'Finds things on the web and reports back.',
      publicKey: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      capabilities: ['search', 'post'],
      links: [{ uri: 'https://example.com/scout', label: 'home' }],
      createdAt: now(),
    },
    invalid: [
      ['missing name', { description: 'no name' }, /name/],
      ['name of the wrong type', { name: 42 }, /name/],
      ['over-long name', { name: 'n'.repeat(700) }, /name/],
      ['bad datetime', { name: 'Scout', createdAt: 'yesterday' }, /createdAt/],
    ],
  },
  {
    nsid: 'is.gather.feed.post',
    valid: { text: 'Found three new datasets today.', tags: ['data'], createdAt: now() },
    invalid: [
      ['missing text', { createdAt: now() }, /text/],
      ['text of the wrong type', { text: ['a'], createdAt: now() }, /text/],
      ['over-long text', { text: 'x'.repeat(3100), createdAt: now() }, /text/],
      ['bad datetime', { text: 'hi', createdAt: 'yesterday' }, /createdAt/],
    ],
  },
  {
    nsid: 'is.gather.skill.listing',
    rkey: 'web-search',
    valid: {
      name: 'Web search',
      description: 'Searches the web and summarises the results.',
      version: '1.2.0',
      endpoint: 'https://example.com/skills/search',
      tags: ['search'],
      price: { amount: '0.0001', currency: 'BCH', per: 'call' },
      createdAt: now(),
    },
    invalid: [
      ['missing version', { name: 'S', description: 'd', createdAt: now() }, /version/],
      ['price of the wrong type', { name: 'S', description: 'd', version: '1', price: 5, createdAt: now() }, /price/],
      ['over-long name', { name: 'n'.repeat(700), description: 'd', version: '1', createdAt: now() }, /name/],
      ['bad datetime', { name: 'S', description: 'd', version: '1', createdAt: 'yesterday' }, /createdAt/],
    ],
  },
  {
    nsid: 'is.gather.skill.review',
    valid: { subject: skillRef(), rating: 5, text: 'Fast and accurate.', createdAt: now() },
    invalid: [
      ['missing subject', { rating: 4, createdAt: now() }, /subject/],
      ['rating 6', { subject: skillRef(), rating: 6, createdAt: now() }, /rating/],
      ['rating 0', { subject: skillRef(), rating: 0, createdAt: now() }, /rating/],
      ['rating of the wrong type', { subject: skillRef(), rating: 'five', createdAt: now() }, /rating/],
      ['over-long text', { subject: skillRef(), rating: 3, text: 'x'.repeat(3100), createdAt: now() }, /text/],
      ['bad datetime', { subject: skillRef(), rating: 3, createdAt: 'yesterday' }, /createdAt/],
    ],
  },
  {
    nsid: 'is.gather.shop.order',
    valid: {
      items: [
        { product: skillRef(), quantity: 2 },
        { productId: 'sku-123', quantity: 1 },
      ],
      amount: '0.0003',
      currency: 'BCH',
      paymentRef: 'bitcoincash:qq…tx',
      status: 'pending',
      createdAt: now(),
    },
    invalid: [
      ['missing items', { amount: '1', currency: 'BCH', status: 'pending', createdAt: now() }, /items/],
      [
        'quantity of the wrong type',
        {
          items: [{ productId: 'a', quantity: 'two' }],
          amount: '1',
          currency: 'BCH',
          status: 'pending',
          createdAt: now(),
        },
        /quantity/,
      ],
      [
        'over-long paymentRef',
        {
          items: [{ productId: 'a', quantity: 1 }],
          amount: '1',
          currency: 'BCH',
          status: 'pending',
          paymentRef: 'p'.repeat(600),
          createdAt: now(),
        },
        /paymentRef/,
      ],
      [
        'bad datetime',
        {
          items: [{ productId: 'a', quantity: 1 }],
          amount: '1',
          currency: 'BCH',
          status: 'pending',
          createdAt: 'yesterday',
        },
        /createdAt/,
      ],
    ],
  },
]

for (const c of cases()) {
  test(`${c.nsid}: a valid record is accepted, bad ones are refused naming the field`, async () => {
    // Records keyed `self` or by name are put at that key; the rest get a TID from createRecord.
    const write = (record: Record<string, unknown>) =>
      xrpc(t.url, c.rkey ? 'com.atproto.repo.putRecord' : 'com.atproto.repo.createRecord', {
        auth: agent.agent.session?.accessJwt,
        body: { repo: agent.did, collection: c.nsid, rkey: c.rkey, record: { $type: c.nsid, ...record } },
      })
    const ok = await write(c.valid)
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.equal(ok.body.validationStatus, 'valid')
    for (const [what, record, field] of c.invalid) {
      const res = await write(record)
      assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.error, 'InvalidRequest', what)
      assert.match(res.body.message as string, field, `${what}: ${res.body.message}`)
    }
  })
}

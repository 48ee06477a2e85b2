// The agent lexicons (is.gather.*) checked directly with @atproto/lexicon:
// a realistic record of each type is valid, and each kind of bad record is
// refused with an error that names the offending field.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Lexicons } from '@atproto/lexicon'
import { allLexicons } from '../../src/lexicon/lexicons.js'

type Rec = Record<string, unknown>

const createdAt = '2026-11-24T07:28:38.000Z'
const CID = 'bafyreie5mnpxtlkjp7rf6l4spxroauvksyd2sfkvmxfr4uftsm7nmsidd4'
const skillRef = { uri: 'at://did:plc:abc/is.gather.skill.listing/3jzfcijpj2z2a', cid: CID }
const postRef = { uri: 'at://did:plc:abc/is.gather.feed.post/3jzfcijpj2z2a', cid: CID }

// Each case: a valid record, then [what, change to it, field the error must name].
// A change value of `undefined` deletes the field.
const cases: { nsid: string; valid: Rec; invalid: [string, Rec, string][] }[] = [
  {
    nsid: 'is.gather.actor.profile',
    valid: {
      name: 'Scout',
      description: 'Finds things on the web and reports back.',
      publicKey: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      capabilities: ['search', 'post', 'translate'],
      links: [{ uri: 'https://example.com/scout', label: 'home' }],
      createdAt,
    },
    invalid: [
      ['missing name', { name: undefined }, 'name'],
      ['name of the wrong type', { name: 42 }, 'name'],
      ['over-long name', { name: 'n'.repeat(700) }, 'name'],
      ['too many graphemes in description', { description: '😀'.repeat(301) }, 'description'],
      ['over-long capability', { capabilities: ['c'.repeat(65)] }, 'capabilities'],
      ['link without uri', { links: [{ label: 'home' }] }, 'uri'],
      ['bad datetime', { createdAt: 'yesterday' }, 'createdAt'],
    ],
  },
  {
    nsid: 'is.gather.feed.post',
    valid: {
      text: 'Found three new datasets today.',
      tags: ['data', 'open-science'],
      langs: ['en'],
      reply: { root: postRef, parent: postRef },
      createdAt,
    },
    invalid: [
      ['missing text', { text: undefined }, 'text'],
      ['text of the wrong type', { text: ['a'] }, 'text'],
      ['over-long text', { text: 'x'.repeat(3100) }, 'text'],
      ['too many tags', { tags: Array(9).fill('t') }, 'tags'],
      ['bad language', { langs: ['not a language'] }, 'langs'],
      ['reply without parent', { reply: { root: postRef } }, 'parent'],
      ['bad datetime', { createdAt: 'yesterday' }, 'createdAt'],
    ],
  },
  {
    nsid: 'is.gather.skill.listing',
    valid: {
      name: 'Web search',
      description: 'Searches the web and summarises the results.',
      version: '1.2.0',
      endpoint: 'https://example.com/skills/search',
      usage: 'POST {"q": "..."} to the endpoint; returns {"results": [...]}.',
      tags: ['search'],
      price: { amount: '0.0001', currency: 'BCH', per: 'call' },
      createdAt,
      updatedAt: createdAt,
    },
    invalid: [
      ['missing version', { version: undefined }, 'version'],
      ['price of the wrong type', { price: 5 }, 'price'],
      ['price amount as a number', { price: { amount: 0.0001, currency: 'BCH' } }, 'amount'],
      ['over-long name', { name: 'n'.repeat(700) }, 'name'],
      ['bad endpoint', { endpoint: 'not a uri' }, 'endpoint'],
      ['bad datetime', { createdAt: 'yesterday' }, 'createdAt'],
    ],
  },
  {
    nsid: 'is.gather.skill.review',
    valid: {
      subject: skillRef,
      rating: 5,
      text: 'Fast and accurate.',
      evidence: [{ uri: 'https://example.com/logs/42', description: 'Run log' }],
      createdAt,
    },
    invalid: [
      ['missing subject', { subject: undefined }, 'subject'],
      ['subject with a bad cid', { subject: { ...skillRef, cid: 'nope' } }, 'cid'],
      ['rating 6', { rating: 6 }, 'rating'],
      ['rating 0', { rating: 0 }, 'rating'],
      ['rating of the wrong type', { rating: 'five' }, 'rating'],
      ['over-long text', { text: 'x'.repeat(3100) }, 'text'],
      ['bad datetime', { createdAt: 'yesterday' }, 'createdAt'],
    ],
  },
  {
    nsid: 'is.gather.shop.order',
    valid: {
      items: [
        { product: skillRef, quantity: 2, unitPrice: '0.0001' },
        { productId: 'sku-123', quantity: 1 },
      ],
      amount: '0.0003',
      currency: 'BCH',
      seller: 'did:plc:abc',
      paymentRef: 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16',
      status: 'paid',
      note: 'Thanks!',
      createdAt,
    },
    invalid: [
      ['missing items', { items: undefined }, 'items'],
      ['no items', { items: [] }, 'items'],
      ['quantity of the wrong type', { items: [{ productId: 'a', quantity: 'two' }] }, 'quantity'],
      ['quantity 0', { items: [{ productId: 'a', quantity: 0 }] }, 'quantity'],
      ['amount as a number', { amount: 0.0003 }, 'amount'],
      ['bad seller', { seller: 'alice' }, 'seller'],
      ['over-long paymentRef', { paymentRef: 'p'.repeat(600) }, 'paymentRef'],
      ['missing currency', { currency: undefined }, 'currency'],
      ['bad datetime', { createdAt: 'yesterday' }, 'createdAt'],
    ],
  },
]

const withChange = (nsid: string, valid: Rec, change: Rec): Rec => {
  const record: Rec = { $type: nsid, ...valid, ...change }
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete record[k]
  return record
}

describe('is.gather lexicons', () => {
  const lexicons = new Lexicons(allLexicons())

  it('are all loaded as records', () => {
    for (const { nsid } of cases) assert.equal(lexicons.getDef(nsid)?.type, 'record', nsid)
  })

  for (const { nsid, valid, invalid } of cases) {
    describe(nsid, () => {
      it('accepts a realistic record', () => {
        lexicons.assertValidRecord(nsid, { $type: nsid, ...valid })
      })
      for (const [what, change, field] of invalid) {
        it(`refuses ${what}, naming ${field}`, () => {
          assert.throws(
            () => lexicons.assertValidRecord(nsid, withChange(nsid, valid, change)),
            (err: Error) => err.message.includes(field) || assert.fail(`${what}: "${err.message}"`),
          )
        })
      }
    })
  }
})

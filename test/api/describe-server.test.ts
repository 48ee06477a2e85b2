// describeServer tells the truth about sign-up (closed registration: an invite
// code, which no one can get, is required) and says the operator's links and
// contact from the config, as the official PDS does from its environment.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { validateConfig } from '../../src/config/config.js'
import { startTestServer } from '../helpers/server.js'

test('closed registration requires an invite code; links and contact come from serverInfo', async () => {
  const t = await startTestServer({
    config: {
      serverInfo: {
        privacyPolicyUrl: 'https://pds.example.com/privacy',
        termsOfServiceUrl: 'https://pds.example.com/terms',
        contactEmail: 'admin@pds.example.com',
      },
    },
  })
  try {
    const { data } = await new AtpAgent({ service: t.url }).com.atproto.server.describeServer()
    assert.equal(data.inviteCodeRequired, true)
    assert.deepEqual(data.links, {
      privacyPolicy: 'https://pds.example.com/privacy',
      termsOfService: 'https://pds.example.com/terms',
    })
    assert.deepEqual(data.contact, { email: 'admin@pds.example.com' })
  } finally {
    await t.close()
  }
})

test('open registration needs no invite code; without serverInfo, links and contact say nothing', async () => {
  const t = await startTestServer({ config: { registrationOpen: true, serverInfo: { privacyPolicyUrl: '' } } })
  try {
    const { data } = await new AtpAgent({ service: t.url }).com.atproto.server.describeServer()
    assert.equal(data.inviteCodeRequired, false)
    assert.deepEqual(data.links, {})
    assert.deepEqual(data.contact, {})
  } finally {
    await t.close()
  }
})

test('serverInfo is checked field by field', () => {
  let problems: string[] = []
  try {
    validateConfig(
      { serverInfo: { privacyPolicyUrl: 'ftp://x', termsOfServiceUrl: 7, contactEmail: 'nobody', other: 1 } },
      'db.json',
      '/tmp',
    )
  } catch (err) {
    problems = (err as { problems: string[] }).problems
  }
  const text = problems.join('\n')
  for (const field of [
    '"serverInfo.privacyPolicyUrl"',
    '"serverInfo.termsOfServiceUrl"',
    '"serverInfo.contactEmail"',
    '"serverInfo.other"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
  assert.deepEqual(validateConfig({}, 'db.json', '/tmp').serverInfo, {
    privacyPolicyUrl: undefined,
    termsOfServiceUrl: undefined,
    contactEmail: undefined,
  })
})

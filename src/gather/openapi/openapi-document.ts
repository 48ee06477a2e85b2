// An OpenAPI 3.1 document of the XRPC methods an agent calls, made from the
// lexicons the server validates against, so it can never say other than they
// do: every is.gather.* and host.primal.pds.* method, and the com.atproto.*
// methods this server answers. A query is a GET with its parameters in the
// query string, a procedure a POST with its input as the body; each names its
// output schema and its errors. Every definition a method reaches (its
// records' too) is under components/schemas.
import type { LexiconDoc } from '@atproto/lexicon'
import { COMPONENT_PREFIX, componentName, type JsonSchema, LexiconSchemaWriter } from './lexicon-schema.js'

export type OpenApiOptions = {
  serviceUrl: string
  version: string
  /** Whether this server answers a com.atproto method (the XRPC server's registered routes). */
  serves: (nsid: string) => boolean
}

type LexNode = Record<string, unknown>
type Operation = Record<string, unknown>

const OURS = ['is.gather.', 'host.primal.pds.']
const XRPC_ERROR = 'XrpcError'
const METHOD_TYPES = new Set(['query', 'procedure', 'subscription'])
const BINARY = { type: 'string', format: 'binary' }

export function openApiDocument(docs: readonly LexiconDoc[], opts: OpenApiOptions): Record<string, unknown> {
  const byId = new Map<string, LexiconDoc>(docs.map((doc) => [doc.id, doc]))
  const schemas: Record<string, JsonSchema> = {}
  const wanted: [string, string][] = []
  const want = (nsid: string, def: string) => wanted.push([nsid, def])
  const paths: Record<string, Record<string, Operation>> = {}

  for (const doc of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    const main = doc.defs.main as LexNode | undefined
    if (!main || (main.type !== 'query' && main.type !== 'procedure')) continue
    const ours = OURS.some((prefix) => doc.id.startsWith(prefix))
    if (!ours && !(doc.id.startsWith('com.atproto.') && opts.serves(doc.id))) continue
    const writer = new LexiconSchemaWriter(doc.id, want)
    paths[`/xrpc/${doc.id}`] = { [main.type === 'query' ? 'get' : 'post']: operation(doc.id, main, writer) }
  }
  // Our records and shared definitions are what the methods write and read back: each is a schema too.
  for (const doc of docs) {
    if (!OURS.some((prefix) => doc.id.startsWith(prefix))) continue
    for (const [name, def] of Object.entries(doc.defs)) {
      if (!METHOD_TYPES.has(String((def as LexNode).type))) want(doc.id, name)
    }
  }
  // Each definition reached, and what it reaches in turn.
  for (let i = 0; i < wanted.length; i++) {
    const [nsid, def] = wanted[i]
    const name = componentName(nsid, def)
    if (name in schemas) continue
    const node = byId.get(nsid)?.defs[def] as LexNode | undefined
    // A ref to a definition no lexicon has: an object, so the document still resolves.
    schemas[name] = node ? new LexiconSchemaWriter(nsid, want).schema(node) : { type: 'object' }
  }
  schemas[XRPC_ERROR] = {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'string' }, message: { type: 'string' } },
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'primal-pds XRPC',
      version: opts.version,
      description:
        'The XRPC methods of this server: the agent platform (is.gather.*), the operator API (host.primal.pds.*) and the AT Protocol methods it serves (com.atproto.*). Generated from the lexicons.',
    },
    servers: [{ url: opts.serviceUrl }],
    // Methods that need a session take its access token (or an admin key) as a bearer token; the others ignore one.
    security: [{ bearerAuth: [] }, {}],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  }
}

function operation(nsid: string, main: LexNode, writer: LexiconSchemaWriter): Operation {
  const op: Operation = {
    operationId: nsid,
    tags: [nsid.split('.').slice(0, -1).join('.')],
    ...(typeof main.description === 'string' ? { description: main.description } : {}),
  }
  const params = main.parameters as LexNode | undefined
  if (params?.properties) {
    const required = new Set((params.required ?? []) as string[])
    op.parameters = Object.entries(params.properties as Record<string, LexNode>).map(([name, prop]) => ({
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
      schema: writer.schema(prop),
      // Arrays go as the name repeated: ?reasons=a&reasons=b.
      ...(prop.type === 'array' ? { style: 'form', explode: true } : {}),
    }))
  }
  const input = main.input as LexNode | undefined
  if (input?.encoding) {
    op.requestBody = { required: true, content: body(input, writer) }
  }
  const output = main.output as LexNode | undefined
  const errors = ((main.errors ?? []) as { name: string; description?: string }[]).map((e) => e.name)
  const errorSchema = { $ref: `${COMPONENT_PREFIX}${XRPC_ERROR}` }
  op.responses = {
    '200': output?.encoding ? { description: 'OK', content: body(output, writer) } : { description: 'OK' },
    '400': {
      description: `InvalidRequest${errors.length > 0 ? `, or one of this method's errors: ${errors.join(', ')}` : ''}`,
      content: { 'application/json': { schema: errorSchema } },
      ...(errors.length > 0 ? { 'x-xrpc-errors': errors } : {}),
    },
    '401': {
      description: 'AuthRequired, InvalidToken, ExpiredToken',
      content: { 'application/json': { schema: errorSchema } },
    },
    '429': { description: 'RateLimitExceeded', content: { 'application/json': { schema: errorSchema } } },
  }
  return op
}

/** A request or response body: its schema under its encoding, or binary bytes when it has none. */
function body(node: LexNode, writer: LexiconSchemaWriter): Record<string, { schema: JsonSchema }> {
  const encoding = String(node.encoding)
  const schema = node.schema ? writer.schema(node.schema as LexNode) : BINARY
  return { [encoding]: { schema } }
}

// Lexicon definitions as JSON Schema 2020-12 (what OpenAPI 3.1 speaks). Refs
// become $refs into components/schemas, named by the definition's NSID with
// the fragment dotted on (is.gather.feed.defs#postView →
// is.gather.feed.defs.postView; a main definition is the bare NSID), and every
// definition a document reaches is collected so the $refs resolve.

export type JsonSchema = Record<string, unknown>

type LexNode = Record<string, unknown>

/** Formats JSON Schema knows by another name; the others stay the lexicon's name (OpenAPI allows any). */
const FORMATS: Record<string, string> = { datetime: 'date-time', uri: 'uri' }

export const COMPONENT_PREFIX = '#/components/schemas/'

/** The lexicon def a ref names, made absolute against the document it appears in: [nsid, def]. */
export function refTarget(ref: string, inDoc: string): [string, string] {
  // Documents a Lexicons set has held write refs as lex: URIs.
  const bare = ref.startsWith('lex:') ? ref.slice('lex:'.length) : ref
  const [nsid, def] = bare.split('#', 2)
  return [nsid === '' ? inDoc : nsid, def || 'main']
}

/** The component name of a def: its NSID, with the def's name dotted on unless it is main. */
export function componentName(nsid: string, def: string): string {
  return def === 'main' ? nsid : `${nsid}.${def}`
}

/**
 * Converts lexicon nodes of one document; every ref it meets is reported to
 * `onRef` (as [nsid, def]) so the caller can add that definition too.
 */
export class LexiconSchemaWriter {
  constructor(
    private readonly docId: string,
    private readonly onRef: (nsid: string, def: string) => void,
  ) {}

  schema(node: LexNode): JsonSchema {
    const out = this.bare(node)
    if (typeof node.description === 'string') out.description = node.description
    return out
  }

  private bare(node: LexNode): JsonSchema {
    switch (node.type) {
      case 'string':
        return this.string(node)
      case 'integer':
        return pick({ type: 'integer' }, node, ['minimum', 'maximum', 'enum', 'const', 'default'])
      case 'boolean':
        return pick({ type: 'boolean' }, node, ['const', 'default'])
      case 'bytes':
        return { type: 'object', required: ['$bytes'], properties: { $bytes: { type: 'string' } } }
      case 'cid-link':
        return { type: 'object', required: ['$link'], properties: { $link: { type: 'string', format: 'cid' } } }
      case 'blob':
        return {
          type: 'object',
          required: ['$type', 'ref', 'mimeType', 'size'],
          properties: {
            $type: { const: 'blob' },
            ref: { type: 'object', required: ['$link'], properties: { $link: { type: 'string' } } },
            mimeType: { type: 'string' },
            size: { type: 'integer' },
          },
        }
      case 'array':
        return this.array(node)
      case 'object':
      case 'params':
        return this.object(node)
      case 'record':
        return this.object(node.record as LexNode)
      case 'token':
        return { type: 'string', const: `${this.docId}#${String(node.name ?? '')}` }
      case 'ref':
        return { $ref: this.ref(String(node.ref)) }
      case 'union':
        return this.union(node)
      case 'unknown':
        return { type: 'object' }
      default:
        return {}
    }
  }

  private string(node: LexNode): JsonSchema {
    const out = pick({ type: 'string' }, node, ['minLength', 'maxLength', 'enum', 'const', 'default'])
    if (typeof node.format === 'string') out.format = FORMATS[node.format] ?? node.format
    // Known values are an open set: named for readers, not enforced.
    if (Array.isArray(node.knownValues)) out['x-known-values'] = node.knownValues
    return out
  }

  private array(node: LexNode): JsonSchema {
    const out: JsonSchema = { type: 'array', items: this.schema(node.items as LexNode) }
    if (typeof node.minLength === 'number') out.minItems = node.minLength
    if (typeof node.maxLength === 'number') out.maxItems = node.maxLength
    return out
  }

  private object(node: LexNode): JsonSchema {
    const props = (node.properties ?? {}) as Record<string, LexNode>
    const nullable = new Set((node.nullable ?? []) as string[])
    const properties: Record<string, JsonSchema> = {}
    for (const [name, prop] of Object.entries(props)) {
      const schema = this.schema(prop)
      properties[name] = nullable.has(name) ? { anyOf: [schema, { type: 'null' }] } : schema
    }
    const required = ((node.required ?? []) as string[]).filter((name) => name in props)
    return { type: 'object', ...(required.length > 0 ? { required } : {}), properties }
  }

  private union(node: LexNode): JsonSchema {
    const refs = ((node.refs ?? []) as string[]).map((ref) => ({ $ref: this.ref(ref) }))
    // An open union also admits objects of types it does not name, each with its $type.
    if (node.closed === true) return { anyOf: refs }
    return { anyOf: [...refs, { type: 'object', required: ['$type'], properties: { $type: { type: 'string' } } }] }
  }

  private ref(ref: string): string {
    const [nsid, def] = refTarget(ref, this.docId)
    this.onRef(nsid, def)
    return `${COMPONENT_PREFIX}${componentName(nsid, def)}`
  }
}

function pick(out: JsonSchema, node: LexNode, keys: string[]): JsonSchema {
  for (const key of keys) if (node[key] !== undefined) out[key] = node[key]
  return out
}

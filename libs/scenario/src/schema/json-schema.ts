import { API_VERSION, DOCUMENT_KINDS } from '../types.js';
import { definitions } from './language.js';
import type { Shape } from './shape.js';

export const SCHEMA_ID = 'https://firedrill.dev/schemas/firedrill.schema.json';

type JsonSchema = Record<string, unknown>;

/**
 * The published JSON Schema (draft 2020-12), generated from the same shapes the
 * validator walks. `schemas/firedrill.schema.json` is this, serialized; a unit
 * test fails when the file is stale.
 */
export function buildJsonSchema(): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  for (const [name, shape] of Object.entries(definitions)) defs[name] = toJsonSchema(shape);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Firedrill scenario, tabletop or schedule',
    description:
      'One document of a Firedrill file. Structure only: references between fields, time limits, forbidden namespaces and template variables are checked by `firedrill validate`.',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: API_VERSION },
      kind: { enum: [...DOCUMENT_KINDS] },
    },
    allOf: DOCUMENT_KINDS.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/$defs/${kind}` },
    })),
    $defs: defs,
  };
}

/** The schema as written to disk: stable key order, two-space indent, trailing newline. */
export function serializeJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

function toJsonSchema(shape: Shape): JsonSchema {
  const out: JsonSchema = {};
  if (shape.description) out['description'] = shape.description;
  switch (shape.type) {
    case 'ref':
      return { $ref: `#/$defs/${shape.ref}`, ...out };
    case 'string':
      out['type'] = 'string';
      if (shape.const !== undefined) out['const'] = shape.const;
      if (shape.enum) out['enum'] = [...shape.enum];
      if (shape.pattern !== undefined) out['pattern'] = shape.pattern;
      if (shape.minLength !== undefined) out['minLength'] = shape.minLength;
      if (shape.maxLength !== undefined) out['maxLength'] = shape.maxLength;
      return out;
    case 'number':
    case 'integer':
      out['type'] = shape.type;
      if (shape.minimum !== undefined) out['minimum'] = shape.minimum;
      if (shape.maximum !== undefined) out['maximum'] = shape.maximum;
      return out;
    case 'boolean':
      out['type'] = 'boolean';
      return out;
    case 'scalar':
      out['type'] = ['string', 'number', 'boolean'];
      return out;
    case 'object': {
      out['type'] = 'object';
      out['properties'] = Object.fromEntries(Object.entries(shape.properties).map(([k, v]) => [k, toJsonSchema(v)]));
      if (shape.required?.length) out['required'] = [...shape.required];
      out['additionalProperties'] = false;
      if (shape.minProperties !== undefined) out['minProperties'] = shape.minProperties;
      if (shape.dependentRequired) out['dependentRequired'] = Object.fromEntries(Object.entries(shape.dependentRequired).map(([k, v]) => [k, [...v]]));
      if (shape.dependentAnyOf)
        out['dependentSchemas'] = Object.fromEntries(
          Object.entries(shape.dependentAnyOf).map(([k, v]) => [k, { anyOf: v.map((dep) => ({ required: [dep] })) }]),
        );
      if (shape.exactlyOneOf) out['oneOf'] = shape.exactlyOneOf.keys.map((k) => ({ required: [k] }));
      return out;
    }
    case 'map':
      out['type'] = 'object';
      out['additionalProperties'] = toJsonSchema(shape.values);
      if (shape.keyPattern !== undefined) out['propertyNames'] = { pattern: shape.keyPattern };
      if (shape.minProperties !== undefined) out['minProperties'] = shape.minProperties;
      return out;
    case 'array':
      out['type'] = 'array';
      out['items'] = toJsonSchema(shape.items);
      if (shape.minItems !== undefined) out['minItems'] = shape.minItems;
      if (shape.maxItems !== undefined) out['maxItems'] = shape.maxItems;
      if (shape.uniqueItems) out['uniqueItems'] = true;
      return out;
  }
}

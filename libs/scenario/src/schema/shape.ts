/**
 * A small structural type language. The scenario format is described once with
 * it (`language.ts`); the YAML validator walks it to report errors with
 * positions, and `json-schema.ts` turns it into the published JSON Schema, so
 * the two cannot drift apart.
 */

interface Base {
  description?: string;
}

export interface StringShape extends Base {
  type: 'string';
  enum?: readonly string[];
  const?: string;
  /** Regular expression source, also emitted as the JSON Schema `pattern`. */
  pattern?: string;
  /** What the pattern means, for error messages: "a duration such as 30s". */
  patternHint?: string;
  minLength?: number;
  maxLength?: number;
}

export interface NumberShape extends Base {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
}

export interface BooleanShape extends Base {
  type: 'boolean';
}

/** A string, number or boolean, kept as a string (ConfigMap data, env values). */
export interface ScalarShape extends Base {
  type: 'scalar';
}

export interface ObjectShape extends Base {
  type: 'object';
  properties: Record<string, Shape>;
  required?: readonly string[];
  /** Exactly one of these keys must be present; `label` names the group in messages ("probe kind"). */
  exactlyOneOf?: { keys: readonly string[]; label: string };
  /** When the key is present, these keys must be too. */
  dependentRequired?: Record<string, readonly string[]>;
  /** When the key is present, at least one of these keys must be too. */
  dependentAnyOf?: Record<string, readonly string[]>;
  minProperties?: number;
}

/** A mapping with free keys (target names, labels, variables). */
export interface MapShape extends Base {
  type: 'map';
  values: Shape;
  keyPattern?: string;
  keyHint?: string;
  minProperties?: number;
}

export interface ArrayShape extends Base {
  type: 'array';
  items: Shape;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** A reference to a named definition (`$defs` in the JSON Schema). */
export interface RefShape extends Base {
  type: 'ref';
  ref: string;
}

export type Shape = StringShape | NumberShape | BooleanShape | ScalarShape | ObjectShape | MapShape | ArrayShape | RefShape;

export const ref = (name: string, description?: string): RefShape => ({ type: 'ref', ref: name, description });

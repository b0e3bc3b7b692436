import type { Static, TObject, TOptional, TProperties, TSchema, TUnsafe } from '@sinclair/typebox';

// Builders of the spec's JSON Schema, typed with TypeBox: each one returns a schema that ajv compiles
// as it is, and `Static<typeof S>` is the TypeScript type of what it accepts. They write our keywords
// in our order ({type, minimum, description}, enums as `enum`, constants as `const`), which TypeBox's
// own builders would not (options first; a union of literals as anyOf), so the generated
// schemas/*.json and ajv's error messages stay what they were. TypeBox is used for its types only:
// its runtime (some 200 modules) is never loaded; the two marks its builders would add are set here,
// under the same registered symbols.

type Keywords = Readonly<Record<string, unknown>>;

export type { Static, TSchema, TUnsafe };

const KIND = Symbol.for('TypeBox.Kind');
const OPTIONAL = Symbol.for('TypeBox.Optional');

/** A schema whose values are T (TypeBox's Type.Unsafe). */
const unsafe = <T>(schema: Keywords): TUnsafe<T> => ({ ...schema, [KIND]: 'Unsafe' }) as unknown as TUnsafe<T>;

/** A property that may be left out. */
export const opt = <T extends TSchema>(schema: T): TOptional<T> => ({ ...schema, [OPTIONAL]: 'Optional' }) as unknown as TOptional<T>;

const isOptional = (schema: TSchema): boolean => (schema as unknown as Record<symbol, unknown>)[OPTIONAL] === 'Optional';

/** A string, undescribed (array items, the string form of a union). */
export const text = (extra: Keywords = {}) => unsafe<string>({ type: 'string', ...extra });
export const str = (description: string, extra: Keywords = {}) => unsafe<string>({ type: 'string', description, ...extra });
export const int = (description: string | undefined, minimum: number, extra: Keywords = {}) =>
  unsafe<number>({ type: 'integer', minimum, ...(description !== undefined && { description }), ...extra });
/** An integer without bounds. */
export const whole = (description?: string) => unsafe<number>({ type: 'integer', ...(description !== undefined && { description }) });
/** A number; `range` holds its bounds (minimum, exclusiveMaximum, ...). */
export const num = (range: Keywords, description?: string) => unsafe<number>({ type: 'number', ...range, ...(description !== undefined && { description }) });
export const bool = (description?: string) => unsafe<boolean>({ type: 'boolean', ...(description !== undefined && { description }) });

/** One of a few values (strings, or true, false and null), as `enum`. */
export function oneOf<const V extends readonly (string | boolean | null)[]>(values: V, description?: string) {
  return unsafe<V[number]>({ enum: [...values], ...(description !== undefined && { description }) });
}

/** Exactly this value, as `const`. */
export const constant = <const V extends string | number | boolean>(value: V) => unsafe<V>({ const: value });

/** JSON null: the other side of a nullable value. */
export const none = () => unsafe<null>({ type: 'null' });

const described = (description: string | undefined) => (description !== undefined ? { description } : {});

/** A number or null, as `type: ['number', 'null']`. */
export const numOrNull = (description?: string) => unsafe<number | null>({ type: ['number', 'null'], ...described(description) });
/** A string or null, as `type: ['string', 'null']`. */
export const textOrNull = (description?: string) => unsafe<string | null>({ type: ['string', 'null'], ...described(description) });
/** A boolean or null, as `type: ['boolean', 'null']`. */
export const boolOrNull = (description?: string) => unsafe<boolean | null>({ type: ['boolean', 'null'], ...described(description) });

/** Two numbers: an interval [low, high]. */
export const pair = (description?: string) =>
  unsafe<readonly [number, number]>({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, ...described(description) });

/** This schema or null (anyOf), described after. */
export function orNull<T extends TSchema>(schema: T, description?: string) {
  return unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }], ...described(description) });
}

/** The schema with a description after its keywords. */
export function describe<T extends TSchema>(schema: T, description: string) {
  return unsafe<Static<T>>({ ...schema, description });
}

/** An array described before its items. */
export function arrayOf<T extends TSchema>(description: string, items: T) {
  return unsafe<readonly Static<T>[]>({ type: 'array', description, items });
}

/** Any of these forms (anyOf), described after. */
export function anyOf<const T extends readonly TSchema[]>(schemas: T, description?: string) {
  return unsafe<Static<T[number]>>({ anyOf: [...schemas], ...described(description) });
}

/** A schema written out by hand, whose values are T. */
export const custom = <T>(schema: Keywords) => unsafe<T>({ ...schema });

/** Any JSON value. */
export const anyValue = <T>(description: string) => unsafe<T>({ description });

/** An object of any keys whose values all match `values`. */
export function dict<T extends TSchema>(values: T, description: string) {
  return unsafe<Readonly<Record<string, Static<T>>>>({ type: 'object', additionalProperties: values, description });
}

interface ListOptions { readonly minItems?: number; readonly maxItems?: number; readonly uniqueItems?: boolean; readonly description?: string }

export function list<T extends TSchema>(items: T, o: ListOptions = {}) {
  const { minItems, ...after } = o;
  return unsafe<readonly Static<T>[]>({ type: 'array', ...(minItems !== undefined && { minItems }), items, ...after });
}

/** Either of these forms (anyOf), described once. */
export function either<A extends TSchema, B extends TSchema>(description: string | undefined, a: A, b: B) {
  return unsafe<Static<A> | Static<B>>({ ...(description !== undefined && { description }), anyOf: [a, b] });
}

interface ObjectOptions { readonly description?: string; readonly minProperties?: number }

/** A closed object: its properties (each required unless wrapped in opt), nothing else. */
export function obj<P extends TProperties>(properties: P, o: ObjectOptions = {}): TUnsafe<Readonly<Static<TObject<P>>>> & { readonly properties: P } {
  const { description, ...extra } = o;
  const required = Object.keys(properties).filter((k) => !isOptional(properties[k] as TSchema));
  const schema = unsafe<Readonly<Static<TObject<P>>>>({
    type: 'object',
    ...(description !== undefined && { description }),
    properties,
    ...(required.length > 0 && { required }),
    ...extra,
    additionalProperties: false,
  });
  return { ...schema, properties };
}

/** The schema as plain JSON (TypeBox marks its schemas with symbol keys, which JSON has no room for). */
export const plainJson = <T>(schema: TSchema): T => JSON.parse(JSON.stringify(schema)) as T;

import type { ProviderDefinition } from './definition.js';
import { entryHead, entryTail } from './model-entry.js';
import { obj, str, type Static, type TSchema, type TUnsafe } from '../util/json-schema.js';
import { anthropic } from './anthropic.js';
import { openai } from './openai.js';
import { sim } from './sim.js';
import { replay } from './replay.js';
import { moduleKind } from './module.js';
import { exec } from './exec.js';

/** Every provider kind, derived from the definitions (no side-effect registration). A key is the id prefix. */
export const providerDefinitions = { anthropic, openai, sim, replay, module: moduleKind, exec } as const satisfies Record<string, ProviderDefinition>;

export type ProviderKind = keyof typeof providerDefinitions;
export const providerKinds = Object.keys(providerDefinitions) as ProviderKind[];

/** The kind that stands in for every calling model under --simulate. */
export const SIMULATOR: ProviderKind = 'sim';

export function isProviderKind(kind: string): kind is ProviderKind {
  return Object.hasOwn(providerDefinitions, kind);
}

export function providerDefinition(kind: ProviderKind): ProviderDefinition {
  return providerDefinitions[kind];
}

/** A model id: "<kind>:<name>", no whitespace (but for exec:, whose command has words). */
export const MODEL_ID_PATTERN = `^((${providerKinds.filter((k) => k !== 'exec').join('|')}):[^\\s]+|exec:\\S.*)$`;

const defs = () => providerKinds.map(providerDefinition);
const form = (d: ProviderDefinition) => `${d.kind}:${d.idForm}`;
const orList = (xs: readonly string[], serial: boolean) => xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${serial ? ',' : ''} or ${xs.at(-1) ?? ''}`;

/** "anthropic:<model>, openai:<model>, sim:<profile>, or replay:<field> (…)", each kind's note included. */
export const modelIdForms = (): string => orList(defs().map((d) => (d.idNote === undefined ? form(d) : `${form(d)} ${d.idNote}`)), true);
/** The kinds that judge (every API kind that answers a prompt): "anthropic:<model>, openai:<model> or sim:<profile>". */
export const judgeIdForms = (): string => orList(defs().filter((d) => !d.replay && d.local !== true).map(form), false);
/** Every kind, for a flag's error: "anthropic:<model>, openai:<model>, sim:<profile> or replay:<field>". */
export const idForms = (): string => orList(defs().map(form), false);

type Definition = (typeof providerDefinitions)[ProviderKind];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every kind's own options, together. */
type KindOptions = Intersection<Definition['options']>;

const optionsOf = (ds: readonly ProviderDefinition[]) => Object.assign({}, ...ds.map((d) => d.options)) as Partial<KindOptions>;

/**
 * The properties of a model entry: the id, the common options around the calling kinds' own, then
 * the simulator's, which apply to an entry of any kind (any model can be simulated).
 */
const entryProperties = {
  id: str(`Provider id: ${modelIdForms()}.`, { pattern: MODEL_ID_PATTERN }),
  ...entryHead,
  ...optionsOf(defs().filter((d) => !d.simulated)),
  ...entryTail,
  ...optionsOf(defs().filter((d) => d.simulated)),
} as typeof entryHead & KindOptions & typeof entryTail & { id: TUnsafe<string> };

/** A model entry of the spec, in its object form. */
export const modelEntrySchema = obj(entryProperties);
/** A model entry as the spec wrote it. */
export type ModelInput = Static<typeof modelEntrySchema>;

/** The model-entry properties (the spec's JSON Schema lists them; tests check every kind's are there). */
export const modelEntryProperties = (): Readonly<Record<string, TSchema>> => entryProperties;

/** The rows of `haikubench list`. */
export const providerRows = (): string[][] => defs().map((d) => [form(d), d.listing]);

import type { JsonObject } from '../types.js';
import { custom, either, int, list, obj, oneOf, opt, str, text } from '../util/json-schema.js';

// The spec's tool-use, conversation and structured-output fields: their JSON Schema and input types.

const jsonSchemaObject = (description: string) => custom<JsonObject>({ type: 'object', description });

export const toolsSchema = list(obj({
  name: str('Tool name the model calls.', { pattern: '^[a-zA-Z0-9_-]{1,64}$' }),
  description: opt(str('What the tool does (the model reads it).')),
  input_schema: jsonSchemaObject('JSON Schema of the tool\'s input (an object).'),
}), { minItems: 1, description: 'Tools the model may call, sent in each provider\'s own format (Anthropic tools; OpenAI function tools). See docs/conversations-and-tools.md.' });

export const toolChoiceSchema = either(
  'How the model must use the tools: auto (default: it decides), any (it must call one), none, or {name: X} (it must call X). Forced use (any, {name}) is rejected by Sonnet and Opus 5.5.',
  oneOf(['auto', 'any', 'none']),
  obj({ name: str('The tool the model must call.') }),
);

const resultsSchema = custom<{ readonly dataset?: string; readonly command?: readonly string[]; readonly module?: string }>({
  type: 'object',
  description: 'Where tool results come from, one of: dataset (a field of the sample holding scripted results: a list, one per call in order, or an object of tool name → result or list of results), command (argv of a program that reads {name, input} as JSON on stdin and writes the result as JSON on stdout), module (a JS module, relative to the spec, whose default export (call, sample) returns the result).',
  properties: {
    dataset: { type: 'string', minLength: 1, description: 'Field of the sample with the scripted results.' },
    command: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Program and arguments (relative paths resolve from the spec\'s folder).' },
    module: { type: 'string', minLength: 1, description: 'Path of a .js/.mjs module, relative to the spec.' },
  },
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
});

export const toolLoopSchema = obj({
  max_steps: opt(int('Model responses per item at most (default 8). A model still calling tools at the limit ends the item with stepLimit: true in its record.', 1, { maximum: 100 })),
  results: resultsSchema,
  timeout_ms: opt(int('Time limit of one tool call (command or module; default 10000). A call past it is a tool error the model is told about.', 1)),
}, { description: 'Run tools: when the model calls tools, answer them and ask again, until it answers without calling one or max_steps is reached. Without it, the first response is scored as it is.' });

export const outputFormatSchema = custom<JsonObject>({
  type: 'object',
  description: 'Structured output: a JSON Schema the answer must follow (Claude: output_config.format; OpenAI-compatible: response_format json_schema). The parsed object goes to the record\'s `parsed`.',
});

export const conversationFieldsSchema = {
  messages: opt(str('Field holding a conversation (a list of {role: user|assistant, content}) sent before the prompt\'s own turns.', { minLength: 1 })),
  images: opt(str('Field holding the sample\'s images and PDFs: a list of paths (relative to the dataset), URLs, data: URLs, {path|url|data, media_type}, or {bytes, path} (a Hugging Face image column read from Parquet).', { minLength: 1 })),
};

export const turnsSchema = list(text({ minLength: 1 }), { minItems: 2, description: 'Multi-turn (MT-Bench style): user turns (templated) asked one after another, each after the model answered the previous one, with its own answers fed back. Scorers score the final answer, or one turn with `turn: N`.' });

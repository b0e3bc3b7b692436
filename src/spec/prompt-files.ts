import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse } from 'yaml';
import { SpecError } from '../errors.js';
import type { EvalSpecInput } from './input.js';

// Prompt variants kept in files (`prompts: [{id: v2, file: prompts/v2.yaml}]`), read before the spec
// is resolved: a .yaml/.yml/.json file holds the variant's `system`, `user` or `messages`; any other
// file is the user turn as it is. What the file gives and what the entry gives inline must not
// overlap (one place per part). Paths are relative to the spec file.

type VariantInput = NonNullable<EvalSpecInput['prompts']>[number];
type Turn = { readonly role: 'user' | 'assistant'; readonly content: string };

const PARTS = ['system', 'user', 'messages', 'turns'] as const;

function isTurns(x: unknown): x is Turn[] {
  return Array.isArray(x) && x.length > 0 && x.every((t: unknown) => {
    const m = t as { role?: unknown; content?: unknown } | null;
    return typeof m === 'object' && m !== null && (m.role === 'user' || m.role === 'assistant') && typeof m.content === 'string' && Object.keys(m).length === 2;
  });
}

/** The parts a structured file gives, or the problem with it. */
function partsOf(data: unknown): Partial<Pick<VariantInput, 'system' | 'user' | 'messages' | 'turns'>> | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'must hold an object with system, user, messages or turns';
  const o = data as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !(PARTS as readonly string[]).includes(k));
  if (extra.length > 0) return `unknown key(s) ${extra.join(', ')}: a prompt file holds only system, user, messages and turns`;
  if (o['system'] !== undefined && typeof o['system'] !== 'string') return 'system must be a string';
  if (o['user'] !== undefined && typeof o['user'] !== 'string') return 'user must be a string';
  if (o['messages'] !== undefined && !isTurns(o['messages'])) return 'messages must be a list of {role: user|assistant, content: text}';
  const turns = o['turns'];
  const isTexts = (x: unknown): x is string[] => Array.isArray(x) && x.length >= 2 && x.every((t) => typeof t === 'string' && t !== '');
  if (turns !== undefined && !isTexts(turns)) return 'turns must be a list of at least 2 user turns (text)';
  if (o['system'] === undefined && o['user'] === undefined && o['messages'] === undefined && turns === undefined) return 'gives none of system, user, messages or turns';
  return {
    ...(typeof o['system'] === 'string' && { system: o['system'] }),
    ...(typeof o['user'] === 'string' && { user: o['user'] }),
    ...(isTurns(o['messages']) && { messages: o['messages'] }),
    ...(isTexts(turns) && { turns }),
  };
}

async function readVariant(v: VariantInput, at: string, specFile: string, issues: string[]): Promise<VariantInput> {
  if (v.file === undefined) return v;
  const path = resolve(dirname(resolve(specFile)), v.file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    issues.push(`${at}/file: cannot read "${v.file}" (${code === 'ENOENT' ? 'no such file; paths are relative to the spec' : code ?? String(err)})`);
    return v;
  }
  const structured = ['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase());
  let parts: ReturnType<typeof partsOf>;
  try {
    parts = structured ? partsOf(parse(text, { maxAliasCount: 100 })) : { user: text };
  } catch (err) {
    parts = `is not valid YAML/JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
  if (typeof parts === 'string') {
    issues.push(`${at}/file: "${v.file}" ${parts}`);
    return v;
  }
  const both = PARTS.filter((k) => parts[k] !== undefined && v[k] !== undefined);
  if (both.length > 0) issues.push(`${at}: ${both.join(', ')} given both inline and in "${v.file}"; keep one`);
  // The file is read: its parts take its place (resolve refuses a variant whose file was never read).
  const { file: _read, ...inline } = v;
  return { ...inline, ...parts };
}

/**
 * The spec with every variant's file read into it (the `file` key replaced by what the file gives);
 * unreadable or malformed files are a SpecError (exit 2). Call it between validateSpec and resolveSpec.
 */
export async function readPromptFiles(input: EvalSpecInput, specFile: string): Promise<EvalSpecInput> {
  if (input.prompts === undefined || input.prompts.every((v) => v.file === undefined)) return input;
  const issues: string[] = [];
  const prompts = await Promise.all(input.prompts.map((v, i) => readVariant(v, `${specFile}#/prompts/${i}`, specFile, issues)));
  if (issues.length > 0) throw new SpecError(specFile, issues);
  return { ...input, prompts };
}

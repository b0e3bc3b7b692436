import { describe, expect, it } from 'vitest';
import { anthropicMessages, anthropicSystem, anthropicToolChoice, anthropicTools } from '../../../src/providers/anthropic-content.js';
import { fromOpenAICalls, openaiMessages, openaiToolChoice } from '../../../src/providers/openai-content.js';
import type { RequestMessage, ToolChoice } from '../../../src/types.js';

// One neutral conversation with tools, images and thinking, mapped to each wire format.

const CONVERSATION: RequestMessage[] = [
  { role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'Weather where this was taken?' }] },
  { role: 'assistant', content: [{ type: 'thinking', thinking: 'Looks like Paris.', signature: 'sig' }, { type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }, { type: 'tool_use', id: 't2', name: 'get_time', input: { city: 'Paris' } }] },
  { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: '{"c":21}' }, { type: 'tool_result', toolUseId: 't2', content: 'no clock', isError: true }] },
];

describe('Anthropic wire format', () => {
  it('blocks map one to one; thinking goes back unchanged; errors are is_error', () => {
    expect(anthropicMessages(CONVERSATION)).toEqual([
      { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'Weather where this was taken?' }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'Looks like Paris.', signature: 'sig' }, { type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }, { type: 'tool_use', id: 't2', name: 'get_time', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '{"c":21}' }, { type: 'tool_result', tool_use_id: 't2', content: 'no clock', is_error: true }] },
    ]);
  });
  it('cache_control on the system prompt and the last tool only with cachePrefix', () => {
    const tools = [{ name: 'a', inputSchema: { properties: {} } }, { name: 'b', description: 'B', inputSchema: { properties: {} } }];
    expect(anthropicSystem('S', false)).toBe('S');
    expect(anthropicSystem('S', true)).toEqual([{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }]);
    expect(anthropicTools(tools, true)).toEqual([
      { name: 'a', input_schema: { type: 'object', properties: {} } },
      { name: 'b', description: 'B', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral' } },
    ]);
    expect(anthropicTools(tools, false).some((t) => 'cache_control' in t)).toBe(false);
  });
  it.each<readonly [ToolChoice, unknown, unknown]>([
    [{ type: 'auto' }, { type: 'auto' }, 'auto'],
    [{ type: 'any' }, { type: 'any' }, 'required'],
    [{ type: 'none' }, { type: 'none' }, 'none'],
    [{ type: 'tool', name: 'f' }, { type: 'tool', name: 'f' }, { type: 'function', function: { name: 'f' } }],
  ])('tool_choice %j', (choice, anthropic, openai) => {
    expect(anthropicToolChoice(choice)).toEqual(anthropic);
    expect(openaiToolChoice(choice)).toEqual(openai);
  });
});

describe('OpenAI wire format', () => {
  it('image_url parts, assistant tool_calls, one tool message per result; thinking dropped', () => {
    expect(openaiMessages(CONVERSATION)).toEqual([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }, { type: 'text', text: 'Weather where this was taken?' }] },
      { role: 'assistant', content: 'Checking.', tool_calls: [
        { id: 't1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 't2', type: 'function', function: { name: 'get_time', arguments: '{"city":"Paris"}' } },
      ] },
      { role: 'tool', tool_call_id: 't1', content: '{"c":21}' },
      { role: 'tool', tool_call_id: 't2', content: 'no clock' },
    ]);
  });
  it('calls in a response: arguments parsed; broken JSON kept as _raw', () => {
    const got = fromOpenAICalls({ role: 'assistant', content: null, refusal: null, tool_calls: [
      { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x": 1}' } },
      { id: 'b', type: 'function', function: { name: 'g', arguments: '{"x": ' } },
      { id: 'c', type: 'function', function: { name: 'h', arguments: '[1]' } },
    ] });
    expect(got.calls).toEqual([{ id: 'a', name: 'f', input: { x: 1 } }, { id: 'b', name: 'g', input: { _raw: '{"x": ' } }, { id: 'c', name: 'h', input: { _raw: '[1]' } }]);
    expect(got.blocks.map((b) => b.type)).toEqual(['tool_use', 'tool_use', 'tool_use']);
  });
});

import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandProblems, findProgram, splitCommand } from '../../../src/plugin/command.js';
import { tempDir } from '../../support/cli.js';

describe('splitCommand', () => {
  it.each([
    { line: 'python3 ./scorers/tone.py', words: ['python3', './scorers/tone.py'] },
    { line: '  python3   -u  x.py  ', words: ['python3', '-u', 'x.py'] },
    { line: 'node "my scorer.mjs" --name \'a b\'', words: ['node', 'my scorer.mjs', '--name', 'a b'] },
    { line: 'sh -c "echo \\"hi\\""', words: ['sh', '-c', 'echo "hi"'] },
    { line: 'cmd ""', words: ['cmd', ''] },
    { line: 'a\\ b c', words: ['a b', 'c'] },
    { line: 'tab\tseparated\nlines', words: ['tab', 'separated', 'lines'] },
    { line: '', words: [] },
  ])('$line', ({ line, words }) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitCommand('python3 "x.py')).toThrow(/unclosed "/);
  });
});

describe('commandProblems and findProgram', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'tool'), '#!/bin/sh\necho {}\n');
  chmodSync(join(dir, 'bin', 'tool'), 0o755);
  writeFileSync(join(dir, 'plain.py'), '');
  writeFileSync(join(dir, 'not-exec.sh'), '');

  it.each([
    { name: 'a program on PATH and an existing script', command: 'tool ./plain.py', problems: [] },
    { name: 'a list of words', command: ['tool', '../' + dir.split('/').at(-1) + '/plain.py'], problems: [] },
    { name: 'a program not on PATH', command: 'hb-nope ./plain.py', problems: [/command "hb-nope" not found on PATH/] },
    { name: 'a missing script', command: 'tool ./gone.py', problems: [/\.\/gone\.py: no such file/] },
    { name: 'a path that is not executable', command: './not-exec.sh', problems: [/\.\/not-exec\.sh is not an executable file .*chmod \+x/] },
    { name: 'an empty command', command: '   ', problems: [/the command is empty/] },
    { name: 'an unclosed quote', command: 'tool "x', problems: [/unclosed "/] },
  ])('$name', ({ command, problems }) => {
    const found = commandProblems(command, dir, join(dir, 'bin'));
    expect(found).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(found[i]).toMatch(p));
  });

  it('finds a program by path from the folder, or on PATH', () => {
    expect(findProgram('./bin/tool', dir, undefined)).toBe(join(dir, 'bin', 'tool'));
    expect(findProgram('tool', dir, `/nonexistent:${join(dir, 'bin')}`)).toBe(join(dir, 'bin', 'tool'));
    expect(findProgram('tool', dir, undefined)).toBeUndefined();
  });
});

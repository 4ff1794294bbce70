// services/console/web/js/import-split.js: an import file is sent in calls
// of whole households, each call's line numbers being the file's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, memberIndex, splitCsv, splitJsonLines } from '../../services/console/web/js/import-split.js';

const HEADER = 'household_key,full_name,address';

test('CSV records keep quoted commas, quotes and line breaks, and know their first line', () => {
  const records = csvRecords('a,b\n"x, ""y""","line\nbreak"\nlast,row');
  assert.deepEqual(records.map((r) => r.fields), [['a', 'b'], ['x, "y"', 'line\nbreak'], ['last', 'row']]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 4]);
});

test('a household is never split across calls, even when its lines are apart', () => {
  // A's lines are 2 and 4: the cut cannot fall after line 2 or 3.
  const csv = `${HEADER}\nA,An,x\nB,Bình,y\nA,Ánh,\nC,Chi,z\nD,Dũng,w\n`;
  const split = splitCsv(csv, 1);
  assert.equal(split.households, 4);
  assert.deepEqual(split.chunks.map((c) => c.firstLine), [2, 5, 6]);
  assert.deepEqual(split.chunks.map((c) => c.households), [2, 1, 1]);
  for (const chunk of split.chunks) assert.ok(chunk.text.startsWith(`${HEADER}\n`), 'the header is repeated on every call');
  assert.equal(split.chunks[0].text, `${HEADER}\nA,An,x\nB,Bình,y\nA,Ánh,\n`);
  assert.deepEqual(split.keyLines.get('A'), [2, 4]);
});

test('at most the given number of households per call, blank lines kept in place', () => {
  const rows = Array.from({ length: 7 }, (_, i) => `H${i},n${i},`);
  const csv = `\ufeff${HEADER}\r\n${rows.slice(0, 3).join('\r\n')}\r\n\r\n${rows.slice(3).join('\r\n')}\r\n`;
  const split = splitCsv(csv, 3);
  assert.deepEqual(split.chunks.map((c) => c.households), [3, 3, 1]);
  // Line 5 is blank: the second call starts at line 6, the file's own number.
  assert.deepEqual(split.chunks.map((c) => c.firstLine), [2, 6, 9]);
  assert.ok(!split.chunks[0].text.startsWith('\ufeff'));
});

test('a CSV line without its household key is reported and nothing is sent for it', () => {
  const split = splitCsv(`${HEADER}\nA,An,x\n,Lost,\n`);
  assert.deepEqual(split.missingKeyLines, [3]);
});

test('a CSV without a household_key column goes as it is, for the server to explain', () => {
  const split = splitCsv('full_name\nAn\n');
  assert.equal(split.headerMissingKey, true);
  assert.equal(split.chunks.length, 1);
});

test('JSON lines: one household per non-empty line, blank lines keep the numbering', () => {
  const split = splitJsonLines('{"a":1}\n\n{"b":2}\n{"c":3}\n', 2);
  assert.equal(split.households, 3);
  assert.deepEqual(split.chunks.map((c) => [c.firstLine, c.households]), [[1, 2], [4, 1]]);
  assert.equal(split.chunks[0].text, '{"a":1}\n\n{"b":2}\n');
});

test('a member field names the member by index', () => {
  assert.equal(memberIndex('household.members[2].national_id'), 2);
  assert.equal(memberIndex('household.address'), -1);
});

// services/console/web/js/format.js: the ward's way of writing numbers,
// money, dates (dd/mm/yyyy) and times (ward time, UTC+7, 24 hours).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setCatalogs } from '../../services/console/web/js/i18n.js';
import * as format from '../../services/console/web/js/format.js';

test('Vietnamese groups with dots and writes đồng', () => {
  setCatalogs({ vi: {}, en: {} }, 'vi');
  assert.equal(format.number('1500000'), '1.500.000');
  assert.equal(format.number(-1234), '-1.234');
  assert.equal(format.number(6.5), '6,5');
  assert.equal(format.money('1500000'), '1.500.000 ₫');
  assert.equal(format.money(0), '0 ₫');
  assert.equal(format.percent(4.1), '4,10%');
  assert.equal(format.number(''), '');
});

test('English groups with commas and writes VND', () => {
  setCatalogs({ vi: {}, en: {} }, 'en');
  assert.equal(format.number('1500000'), '1,500,000');
  assert.equal(format.money('1500000'), '1,500,000 VND');
  assert.equal(format.percent(12.04), '12.04%');
});

test('dates are dd/mm/yyyy; timestamps are shown in ward time', () => {
  assert.equal(format.date('2025-12-10'), '10/12/2025');
  assert.equal(format.date('2026-01-02 07:05'), '02/01/2026 07:05');
  // 17:30 UTC is 00:30 the next day in the ward.
  assert.equal(format.date('2026-12-06T17:30:00Z'), '07/12/2026');
  assert.equal(format.dateTime('2026-12-06T17:30:00Z'), '07/12/2026 00:30');
  assert.equal(format.dateTime('2026-12-06T10:31:45.123Z'), '06/12/2026 17:31');
  // An unset Timestamp (the epoch) and an empty date show nothing.
  assert.equal(format.dateTime('1970-01-01T00:00:00Z'), '');
  assert.equal(format.date(''), '');
  assert.equal(format.date('soon'), 'soon');
  assert.equal(format.wardToday(Date.parse('2026-12-06T18:00:00Z')), '2026-12-07');
});

test('names are kept as recorded, family name first, in NFC', () => {
  assert.equal(format.personName('  Nguyễn   Thị Hương '), 'Nguyễn Thị Hương');
  assert.equal(format.personName('Nguye\u0302\u0303n'), 'Nguyễn');
});

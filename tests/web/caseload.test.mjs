// The rules of the work screens that need no page (services/console/web/js/
// caseload.js, work.js): which cases each ready filter of Hồ sơ hỗ trợ keeps,
// what an account may do with a case, and the small conversions the forms
// rely on (an amount typed in đồng, text folded for search).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casePermissions, lastVisit, matchesQuick, matchesState } from '../../services/console/web/js/caseload.js';
import { base64ToHex, daysBetween, fold, parseDong } from '../../services/console/web/js/work.js';

const ours = 'womens-union';
const staff = { role: 'ROLE_ORGANIZATION_STAFF', organization_id: ours };
const officer = { role: 'ROLE_WARD_OFFICER', organization_id: '' };
const auditor = { role: 'ROLE_AUDITOR', organization_id: '' };

function row(overrides = {}, extra = {}) {
  const aCase = { case_id: 'CASE-HH-000001-1', organization_id: ours, state: 'CASE_STATE_OPEN', helper_id: '', ...overrides };
  return { aCase, overdue: false, endsIn: null, ...extra };
}

test('"no helper yet" keeps our open and follow-up cases without a helper, not closed ones', () => {
  assert.equal(matchesQuick(row(), 'no-helper', ours), true);
  assert.equal(matchesQuick(row({ state: 'CASE_STATE_FOLLOW_UP' }), 'no-helper', ours), true);
  assert.equal(matchesQuick(row({ helper_id: 'women-01' }), 'no-helper', ours), false);
  assert.equal(matchesQuick(row({ state: 'CASE_STATE_CLOSED' }), 'no-helper', ours), false);
});

test('"visit overdue" follows the service\'s own list; "follow-up ending" looks 90 days ahead', () => {
  assert.equal(matchesQuick(row({}, { overdue: true }), 'overdue', ours), true);
  assert.equal(matchesQuick(row(), 'overdue', ours), false);
  assert.equal(matchesQuick(row({ state: 'CASE_STATE_FOLLOW_UP' }, { endsIn: 90 }), 'follow-up-ending', ours), true);
  assert.equal(matchesQuick(row({ state: 'CASE_STATE_FOLLOW_UP' }, { endsIn: 91 }), 'follow-up-ending', ours), false);
  assert.equal(matchesQuick(row(), 'follow-up-ending', ours), false);
});

test('a case offered to us shows only under "transfers awaiting our answer"', () => {
  const offered = row({ organization_id: 'farmers-union', pending_transfer: { from_organization_id: 'farmers-union', to_organization_id: ours } });
  assert.equal(matchesQuick(offered, 'transfers', ours), true);
  for (const quick of ['all', 'no-helper', 'overdue', 'follow-up-ending']) {
    assert.equal(matchesQuick(offered, quick, ours), false, quick);
  }
  // Our own request to another organization waits for their answer, not ours.
  const asked = row({ pending_transfer: { from_organization_id: ours, to_organization_id: 'farmers-union' } });
  assert.equal(matchesQuick(asked, 'transfers', ours), false);
  assert.equal(matchesQuick(asked, 'all', ours), true);
});

test('the state filter: current means open or follow-up', () => {
  assert.equal(matchesState(row(), 'current'), true);
  assert.equal(matchesState(row({ state: 'CASE_STATE_CLOSED' }), 'current'), false);
  assert.equal(matchesState(row({ state: 'CASE_STATE_CLOSED' }), 'all'), true);
  assert.equal(matchesState(row({ state: 'CASE_STATE_CLOSED' }), 'CASE_STATE_CLOSED'), true);
  assert.equal(matchesState(row(), 'CASE_STATE_FOLLOW_UP'), false);
});

test('the last visit is the latest date visited, whatever the order recorded', () => {
  assert.equal(lastVisit({ visits: [{ visited_on: '2026-05-02' }, { visited_on: '2026-03-01' }] }), '2026-05-02');
  assert.equal(lastVisit({}), '');
});

test('what each account is offered on a case', () => {
  const open = { organization_id: ours, state: 'CASE_STATE_OPEN' };
  assert.deepEqual(casePermissions(staff, open), { act: true, answerTransfer: false, requestTransfer: true });
  assert.deepEqual(casePermissions(officer, open), { act: true, answerTransfer: false, requestTransfer: true });
  assert.deepEqual(casePermissions(auditor, open), { act: false, answerTransfer: false, requestTransfer: false });
  const other = { organization_id: 'farmers-union', state: 'CASE_STATE_OPEN' };
  assert.deepEqual(casePermissions(staff, other), { act: false, answerTransfer: false, requestTransfer: false });
  const offered = { ...other, pending_transfer: { from_organization_id: 'farmers-union', to_organization_id: ours } };
  assert.deepEqual(casePermissions(staff, offered), { act: false, answerTransfer: true, requestTransfer: false });
  // The organization that asked waits: it may still act, not ask again, not answer.
  const asked = { ...open, pending_transfer: { from_organization_id: ours, to_organization_id: 'farmers-union' } };
  assert.deepEqual(casePermissions(staff, asked), { act: true, answerTransfer: false, requestTransfer: false });
  const closed = { organization_id: ours, state: 'CASE_STATE_CLOSED' };
  assert.deepEqual(casePermissions(officer, closed), { act: false, answerTransfer: false, requestTransfer: false });
});

test('an amount typed in đồng, with or without separators', () => {
  assert.equal(parseDong('50.000.000'), '50000000');
  assert.equal(parseDong('1 500 000 ₫'), '1500000');
  assert.equal(parseDong('1,500,000 VND'), '1500000');
  assert.equal(parseDong('007'), '7');
  assert.equal(parseDong('năm mươi triệu'), null);
  assert.equal(parseDong('-5'), null);
  assert.equal(parseDong(''), null);
});

test('search text is folded: with or without diacritics, any case', () => {
  assert.equal(fold('Nguyễn Thị Hương'), 'nguyen thi huong');
  assert.equal(fold('ĐẶNG Văn Đức'), 'dang van duc');
});

test('days between ward dates, and bytes from JSON as hex', () => {
  assert.equal(daysBetween('2026-12-06', '2027-03-06'), 90);
  assert.equal(daysBetween('2026-12-06', '2026-12-01'), -5);
  assert.equal(daysBetween('', '2026-12-01'), null);
  assert.equal(base64ToHex('q83v'), 'abcdef');
});

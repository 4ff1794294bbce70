// What Kết quả hỗ trợ shows of Monitoring.GetOutcomes without a page
// (services/console/web/js/outcomes-view.js), with the product's catalogs,
// and the geometry of the step chart that draws Kaplan–Meier curves
// (ui.js stepVertices, stepBandVertices).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setCatalogs } from '../../services/console/web/js/i18n.js';
import {
  SUPPRESSED, anySuppressed, countText, curveSteps, defaultCurveKeys, dimensionOf, groupName, incomeText, medianText,
  orderedExplanations, share, shareText,
} from '../../services/console/web/js/outcomes-view.js';
import { stepBandVertices, stepVertices } from '../../services/console/web/js/ui.js';

const root = new URL('../../', import.meta.url);
const load = (lang) => JSON.parse(readFileSync(new URL(`locales/${lang}.json`, root), 'utf8'));
const catalogs = { vi: load('vi'), en: load('en') };

// As the service answers 5 escaped of 10 followed (Wilson 95%).
const fiveOfTen = { count: 5, denominator: 10, percent: 50, lower_percent: 23.659309, upper_percent: 76.340691, suppressed: false };
const suppressed = { count: 0, denominator: 0, percent: 0, lower_percent: 0, upper_percent: 0, suppressed: true };
const nobody = { count: 0, denominator: 0, percent: 0, lower_percent: 0, upper_percent: 0, suppressed: false };

test('a share reads as percent, interval and households; suppressed as <5; nobody followed as a dash', () => {
  setCatalogs(catalogs, 'vi');
  assert.equal(shareText(fiveOfTen), '50,00% (23,66%–76,34%), 5/10 hộ');
  assert.equal(shareText(suppressed), SUPPRESSED);
  assert.equal(SUPPRESSED, '<5');
  assert.equal(shareText(nobody), '—');
  assert.deepEqual(share(suppressed), { suppressed: true });
  assert.deepEqual(share(nobody), { none: true });
  setCatalogs(catalogs, 'en');
  assert.equal(shareText(fiveOfTen), '50.00% (23.66%–76.34%), 5/10 households');
});

test('a suppressed count is <5 whatever number the message carries; others are grouped', () => {
  setCatalogs(catalogs, 'vi');
  assert.equal(countText({ count: 3, suppressed: true }), '<5');
  assert.equal(countText({ count: 1234, suppressed: false }), '1.234');
  assert.equal(countText({ count: 0, suppressed: false }), '0');
});

test('groups are named in words: types and programmes from the catalogs, the directory by name, ids as a last resort', () => {
  setCatalogs(catalogs, 'vi');
  const names = {
    organizations: new Map([['womens-union', 'Hội Liên hiệp Phụ nữ phường']]),
    helpers: new Map([['women-01', 'Lê Thị Mai']]),
    models: new Map([['bo-giong-tdp05', 'Nuôi bò sinh sản TDP 5']]),
  };
  assert.equal(groupName('OUTCOME_DIMENSION_SUPPORT_TYPE', 'SUPPORT_TYPE_HEALTH_INSURANCE_CARD', names), 'thẻ bảo hiểm y tế');
  assert.equal(groupName('OUTCOME_DIMENSION_CREDIT_PROGRAMME', 'CREDIT_PROGRAMME_POOR_HOUSEHOLDS', names), 'cho vay hộ nghèo');
  assert.equal(groupName('OUTCOME_DIMENSION_ORGANIZATION', 'womens-union', names), 'Hội Liên hiệp Phụ nữ phường');
  assert.equal(groupName('OUTCOME_DIMENSION_HELPER', 'women-01', names), 'Lê Thị Mai');
  assert.equal(groupName('OUTCOME_DIMENSION_LIVELIHOOD_MODEL', 'bo-giong-tdp05', names), 'Nuôi bò sinh sản TDP 5');
  assert.equal(groupName('OUTCOME_DIMENSION_LIVELIHOOD_MODEL', 'unknown-model', names), 'unknown-model');
  assert.equal(groupName('OUTCOME_DIMENSION_SOURCE', 'Ngân hàng Chính sách xã hội', names), 'Ngân hàng Chính sách xã hội');
  assert.equal(groupName('OUTCOME_DIMENSION_RESIDENTIAL_GROUP', 'TDP-04', names), 'TDP-04');
  assert.equal(groupName('OUTCOME_DIMENSION_SOURCE', '', names), '(không ghi)');
  assert.equal(groupName('OUTCOME_DIMENSION_SOURCE', null, names), 'Toàn phường');
  assert.equal(dimensionOf('model').value, 'OUTCOME_DIMENSION_LIVELIHOOD_MODEL');
  assert.equal(dimensionOf('nonsense').by, 'type');
});

test('income is the medians before and after in đồng; too few households read <5', () => {
  setCatalogs(catalogs, 'vi');
  const income = { households: 10, before: { median_vnd: '990000' }, after: { median_vnd: '1500000' }, suppressed: false };
  assert.equal(incomeText(income), '990.000 ₫ → 1.500.000 ₫');
  assert.equal(incomeText({ households: 0, suppressed: true }), '<5');
  assert.equal(incomeText({ households: 0, suppressed: false }), '—');
});

test('the median time to escape, or why there is none', () => {
  setCatalogs(catalogs, 'vi');
  assert.equal(medianText({ median_months_to_escape: 10.776, escape_curve: [{}] }), '10,8 tháng');
  assert.equal(medianText({ escape_curve: [{ months: 3 }] }), 'chưa đến một nửa số hộ thoát nghèo');
  assert.equal(medianText({ escape_curve: [], supported: suppressed }), '<5');
  assert.equal(medianText({ escape_curve: [], supported: fiveOfTen }), '—');
});

test('a curve\'s steps keep months, share escaped and interval; a step at 100% without an interval has none', () => {
  setCatalogs(catalogs, 'vi');
  const steps = curveSteps({
    escape_curve: [
      { months: 9.86, at_risk: 10, escaped: 1, escaped_percent: 10, lower_percent: 0, upper_percent: 26.8 },
      { months: 12, at_risk: 5, escaped: 5, escaped_percent: 100, lower_percent: 0, upper_percent: 0 },
    ],
  });
  assert.deepEqual(steps.map((s) => [s.x, s.y, s.lower, s.upper]), [[9.86, 10, 0, 26.8], [12, 100, null, null]]);
  assert.match(steps[0].detail, /10 hộ đang theo dõi, 1 hộ thoát/);
  assert.deepEqual(defaultCurveKeys([{ key: 'a', escape_curve: [] }, { key: 'b', escape_curve: [{}] }, { key: 'c', escape_curve: [{}] }], 1), ['b']);
});

test('explanations follow the table\'s columns; the legend shows when any figure is suppressed', () => {
  const group = { explanations: [{ figure: 'escape_curve' }, { figure: 'income' }, { figure: 'supported' }, { figure: 'escaped_24_months' }] };
  assert.deepEqual(orderedExplanations(group).map((e) => e.figure), ['supported', 'escaped_24_months', 'income', 'escape_curve']);
  assert.equal(anySuppressed([{ supported: fiveOfTen }, { supported: fiveOfTen, income: { suppressed: true } }]), true);
  assert.equal(anySuppressed([{ supported: fiveOfTen, relapsed: nobody }]), false);
});

test('a step curve holds each value until the next step, from (0, 0)', () => {
  const steps = [{ x: 2, y: 10 }, { x: 5, y: 30 }];
  assert.deepEqual(stepVertices(steps), [[0, 0], [2, 0], [2, 10], [5, 10], [5, 30]]);
});

test('the band runs along the upper ends and back along the lower ones; a missing end keeps the estimate', () => {
  const steps = [{ x: 2, y: 10, lower: 1, upper: 25 }, { x: 5, y: 100, lower: null, upper: null }];
  assert.deepEqual(stepBandVertices(steps), [
    [0, 0], [2, 0], [2, 25], [5, 25], [5, 100],
    [5, 100], [5, 1], [2, 1], [2, 0], [0, 0],
  ]);
});

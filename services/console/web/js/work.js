// Helpers shared by the work screens (Hồ sơ hỗ trợ, Rà soát, Cảnh báo,
// Kiểm toán, Quản trị): reading every page of a list, finding the households
// behind ids so that no screen shows a bare id, the enum choices of the
// forms, and the small pieces of layout those screens repeat.

import { call } from './api.js';
import { t, enumWord, has, language } from './i18n.js';
import * as format from './format.js';
import { fetchAll as listAll, headName } from './data.js';

// Every item of a paged list RPC, and a household's head: the shell's
// helpers (data.js), under the names these screens use.
export { fetchAll as listAll, headName } from './data.js';

// Households read so far in this page's life: id -> Household JSON.
const householdCache = new Map();

// Reading more than this many households of one residential group lists the
// group once instead of asking for each household.
const GROUP_LISTING_THRESHOLD = 8;
// Reading more than this many households one by one lists the whole ward
// instead (a few pages of 500).
const WARD_LISTING_THRESHOLD = 40;

async function inParallel(items, worker, width = 4) {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const item = items[next++];
      await worker(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, run));
}

// The households behind `wanted`: [{household_id, residential_group}] ->
// Map id -> Household JSON. A household that cannot be read (gone, or a
// refusal) is simply missing from the map: the screen then shows its id.
export async function householdsFor(wanted) {
  const found = new Map();
  const missing = [];
  for (const item of wanted) {
    if (!item.household_id || found.has(item.household_id)) continue;
    const cached = householdCache.get(item.household_id);
    if (cached) found.set(item.household_id, cached);
    else missing.push(item);
  }
  const byGroup = new Map();
  for (const item of missing) {
    const group = item.residential_group || '';
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group).push(item.household_id);
  }
  const singles = [];
  const groups = [];
  for (const [group, ids] of byGroup) {
    if (group && ids.length >= GROUP_LISTING_THRESHOLD) groups.push(group);
    else singles.push(...ids);
  }
  const remember = (household) => {
    householdCache.set(household.household_id, household);
    found.set(household.household_id, household);
  };
  await inParallel(groups, async (group) => {
    try {
      const households = await listAll('Registry', 'ListHouseholds', { residential_group: group }, 'households');
      households.forEach(remember);
    } catch (_) {
      // Fall back to reading them one by one below.
      singles.push(...byGroup.get(group));
    }
  }, 2);
  let stillMissing = [...new Set(singles)].filter((id) => !found.has(id));
  if (stillMissing.length >= WARD_LISTING_THRESHOLD) {
    try {
      (await listAll('Registry', 'ListHouseholds', {}, 'households')).forEach(remember);
    } catch (_) {
      // Read one by one below.
    }
    stillMissing = stillMissing.filter((id) => !found.has(id));
  }
  await inParallel(stillMissing, async (id) => {
    try {
      const answer = await call('Registry', 'GetHousehold', { household_id: id });
      if (answer.household) remember(answer.household);
    } catch (_) {
      // Shown by id.
    }
  });
  return found;
}

// A household as one line: "Nguyễn Thị Hương (T05-017)", or its id.
export function householdLabel(household, id) {
  if (!household) return id || '';
  const name = headName(household);
  const code = household.code || household.household_id;
  return name ? `${name} (${code})` : code;
}

// An enum value in words: the catalogs' own namespace in Vietnamese (the
// ward's terms), and in English its "_words" namespace where there is one
// ("policy credit" rather than the CLI's "policy-credit").
export function readable(namespace, value, prefix) {
  const short = String(value || '').startsWith(prefix) ? String(value).slice(prefix.length) : String(value || '');
  const words = `${namespace}_words`;
  if (language() !== 'vi' && has(`${words}.${short}`)) return enumWord(words, value, prefix);
  return enumWord(namespace, value, prefix);
}

// The values of an enum for a <select>: [{value, label}], without
// UNSPECIFIED. `names` are the full enum names as JSON writes them.
export function enumChoices(namespace, names, prefix) {
  return names.map((name) => ({ value: name, label: readable(namespace, name, prefix) }));
}

export const NEED_TYPES = [
  'NEED_TYPE_LOAN', 'NEED_TYPE_VOCATIONAL_TRAINING', 'NEED_TYPE_JOB_PLACEMENT', 'NEED_TYPE_HEALTH_INSURANCE',
  'NEED_TYPE_HOUSING', 'NEED_TYPE_LIVELIHOOD', 'NEED_TYPE_TUITION', 'NEED_TYPE_CLEAN_WATER_SANITATION',
  'NEED_TYPE_LABOUR_EXPORT', 'NEED_TYPE_LEGAL_AID', 'NEED_TYPE_ELECTRICITY', 'NEED_TYPE_OTHER',
];

export const SUPPORT_TYPES = [
  'SUPPORT_TYPE_POLICY_CREDIT', 'SUPPORT_TYPE_VOCATIONAL_TRAINING', 'SUPPORT_TYPE_JOB_PLACEMENT',
  'SUPPORT_TYPE_LABOUR_EXPORT', 'SUPPORT_TYPE_HEALTH_INSURANCE_CARD', 'SUPPORT_TYPE_TUITION_EXEMPTION',
  'SUPPORT_TYPE_HOUSING', 'SUPPORT_TYPE_ELECTRICITY_SUBSIDY', 'SUPPORT_TYPE_LIVELIHOOD_ASSETS',
  'SUPPORT_TYPE_CLEAN_WATER_SANITATION', 'SUPPORT_TYPE_LEGAL_AID', 'SUPPORT_TYPE_INFORMATION_ACCESS',
  'SUPPORT_TYPE_EMERGENCY_RELIEF', 'SUPPORT_TYPE_FUND_FOR_THE_POOR_GIFT', 'SUPPORT_TYPE_OTHER',
];

export const CREDIT_PROGRAMMES = [
  'CREDIT_PROGRAMME_POOR_HOUSEHOLDS', 'CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS',
  'CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS', 'CREDIT_PROGRAMME_JOB_CREATION', 'CREDIT_PROGRAMME_LABOUR_EXPORT',
  'CREDIT_PROGRAMME_CLEAN_WATER_SANITATION', 'CREDIT_PROGRAMME_HOUSING', 'CREDIT_PROGRAMME_STUDENTS',
];

export const OBSERVED_CHANGES = ['OBSERVED_CHANGE_IMPROVED', 'OBSERVED_CHANGE_NO_CHANGE', 'OBSERVED_CHANGE_WORSENED'];

export const ROLES = ['ROLE_WARD_OFFICER', 'ROLE_ORGANIZATION_STAFF', 'ROLE_AUDITOR'];

export function isWardOfficer(account) {
  return account && account.role === 'ROLE_WARD_OFFICER';
}

export function isStaff(account) {
  return account && account.role === 'ROLE_ORGANIZATION_STAFF';
}

export function isAuditor(account) {
  return account && account.role === 'ROLE_AUDITOR';
}

// An amount typed in đồng ("1.500.000", "1 500 000 ₫", "1500000") as the
// digits the API takes (int64 as a string); null when it is not an amount.
export function parseDong(typed) {
  const digits = String(typed || '').replace(/[\s.,₫đ]|VND/gi, '');
  return /^\d+$/.test(digits) ? String(BigInt(digits)) : null;
}

// An organization's name from a list of Organization JSON, else its id.
export function organizationName(organizations, id) {
  if (!id) return '';
  const found = (organizations || []).find((o) => o.id === id);
  return found ? found.name : id;
}

// A helper's name from a list of Helper JSON, else their id.
export function helperName(helpers, id) {
  if (!id) return '';
  const found = (helpers || []).find((x) => x.id === id);
  return found ? format.personName(found.full_name) : id;
}

// Whole days from ISO date `from` to ISO date `to`.
export function daysBetween(from, to) {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((b - a) / 86400000);
}

// bytes (base64 in protobuf's JSON) as lowercase hex.
export function base64ToHex(b64) {
  if (!b64) return '';
  try {
    const raw = atob(b64);
    let hex = '';
    for (let i = 0; i < raw.length; ++i) hex += raw.charCodeAt(i).toString(16).padStart(2, '0');
    return hex;
  } catch (_) {
    return b64;
  }
}

// The refusal of a service in the user's language: the gateway already
// words ApiError.message from the catalogs.
export function refusalText(error) {
  if (!error) return '';
  return error.message || t('console.work.failed');
}

// Text folded for matching what is typed with or without diacritics.
export function fold(text) {
  return String(text || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

// The path part of the route after the screen's own: "#/ho-so/CASE-HH-1-1"
// -> "CASE-HH-1-1" (ctx.params when the router gives it, else the hash).
export function routeTail(ctx) {
  const params = ctx && ctx.params;
  if (Array.isArray(params) && params.length) return decodeURIComponent(params[0]);
  if (params && typeof params === 'object') {
    const value = params.id || params.case_id || params.round_id || params[0];
    if (value) return decodeURIComponent(value);
  }
  const parts = (location.hash || '').replace(/^#\/?/, '').split('?')[0].split('/');
  return parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : '';
}

// Remembered for this browser tab (the organization a ward officer looks at).
export function remembered(key, fallback = '') {
  try {
    return sessionStorage.getItem(`ansinh.${key}`) || fallback;
  } catch (_) {
    return fallback;
  }
}

export function remember(key, value) {
  try {
    sessionStorage.setItem(`ansinh.${key}`, value);
  } catch (_) {
    // Not remembered, still used.
  }
}

// A message for the next page shown (after a step that leaves the current
// one, e.g. a declined transfer the organization may no longer open).
let pendingNotice = '';
export function noticeForNextPage(text) {
  pendingNotice = text;
}

export function takeNoticeForPage() {
  const text = pendingNotice;
  pendingNotice = '';
  return text;
}

// A browser writes a date field in its own locale's order (06/12/2026 or
// 12/06/2026), whatever the page's language: beside every date field of
// `container`, the chosen day as the ward writes it, kept up to date.
export function echoDates(container) {
  for (const input of container.querySelectorAll('input[type="date"]')) {
    if (input.dataset.echo) continue;
    input.dataset.echo = 'yes';
    const echo = document.createElement('div');
    echo.className = 'hint date-echo';
    echo.setAttribute('aria-live', 'polite');
    const update = () => {
      echo.textContent = input.value ? t('console.work.date_echo', { date: input.value }) : '';
    };
    input.addEventListener('input', update);
    input.addEventListener('change', update);
    input.insertAdjacentElement('afterend', echo);
    update();
  }
}

// Helpers shared by the screens of the households and the overview: enum
// words, fetching every page of a list, a household's head.

import * as api from './api.js';
import { enumWord, t } from './i18n.js';
import { personName } from './format.js';

export function categoryWord(category) {
  if (!category || /UNSPECIFIED$/.test(category)) return '';
  return enumWord('category', category, 'POVERTY_CATEGORY_');
}

// "POVERTY_CATEGORY_NEAR_POOR" -> "NEAR_POOR"
export function shortEnum(value, prefix) {
  if (!value) return '';
  const text = String(value);
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

// Every page of a paged RPC: `listField` names the repeated field of the
// response. Stops after `maxPages` (a ward has a few thousand households).
export async function fetchAll(service, method, request, listField, { pageSize = 500, maxPages = 100 } = {}) {
  const items = [];
  let token = '';
  for (let i = 0; i < maxPages; ++i) {
    const response = await api.call(service, method, { ...request, page: { page_size: pageSize, page_token: token } });
    items.push(...(response[listField] || []));
    token = response.page ? response.page.next_page_token : '';
    if (!token) break;
  }
  return items;
}

export function headOf(household) {
  const members = household.members || [];
  return members.find((m) => m.member_id === household.head_member_id) || members.find((m) => /HEAD$/.test(m.relation_to_head)) || null;
}

export function headName(household) {
  const head = headOf(household);
  return head && head.full_name ? personName(head.full_name) : '';
}

// A NOT_FOUND answer means "none" for lookups such as a household's case.
export async function orNull(promise) {
  try {
    return await promise;
  } catch (err) {
    if (err && (err.status === 404 || err.code === 'NOT_FOUND')) return null;
    throw err;
  }
}

// A section's content or, when its call was refused, the refusal in place,
// so one missing permission does not blank the whole page.
export async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    if (error && error.status === 401) throw error;
    return { error };
  }
}

export function groupLabel(group) {
  return group || t('console.common.none');
}

// Names of the ward's organizations and helpers, by id, for showing
// "Hội Liên hiệp Phụ nữ phường" rather than "womens-union". Empty maps when
// the lists cannot be read: the ids are shown then.
export async function directory() {
  const [organizations, helpers] = await Promise.all([
    settle(api.call('Assignment', 'ListOrganizations', { include_inactive: true })),
    settle(api.call('Assignment', 'ListHelpers', { include_inactive: true })),
  ]);
  const orgs = new Map(((organizations.value && organizations.value.organizations) || []).map((o) => [o.id, o]));
  const people = new Map(((helpers.value && helpers.value.helpers) || []).map((x) => [x.id, x]));
  return {
    organization: (id) => (id && orgs.has(id) ? orgs.get(id).name || id : id || ''),
    helper: (id) => (id && people.has(id) ? `${personName(people.get(id).full_name)} (${id})` : id || ''),
  };
}

// The rules of the caseload screens that need no page: which cases each
// ready filter keeps, and what the signed-in account may do with a case.
// Pure functions of the API's JSON, tested in tests/web/caseload.test.mjs.

import { isStaff, isWardOfficer } from './work.js';

// "Follow-up ending soon": within this many days.
export const FOLLOW_UP_ENDING_DAYS = 90;

export const QUICK_FILTERS = ['all', 'no-helper', 'overdue', 'follow-up-ending', 'transfers'];

export function isCurrent(aCase) {
  return aCase.state === 'CASE_STATE_OPEN' || aCase.state === 'CASE_STATE_FOLLOW_UP';
}

export function lastVisit(aCase) {
  const dates = (aCase.visits || []).map((v) => v.visited_on).filter(Boolean).sort();
  return dates.length ? dates[dates.length - 1] : '';
}

export function matchesQuick(row, quick, organizationId) {
  const c = row.aCase;
  // A case offered to us is not ours until accepted: only the transfers
  // filter shows it.
  if (quick !== 'transfers' && c.organization_id !== organizationId) return false;
  switch (quick) {
    case 'no-helper':
      return isCurrent(c) && !c.helper_id;
    case 'overdue':
      return row.overdue;
    case 'follow-up-ending':
      return row.endsIn !== null && row.endsIn <= FOLLOW_UP_ENDING_DAYS;
    case 'transfers':
      return Boolean(c.pending_transfer && c.pending_transfer.to_organization_id === organizationId);
    default:
      return true;
  }
}

export function matchesState(row, state) {
  const c = row.aCase;
  if (state === 'current') return isCurrent(c);
  if (state === 'all') return true;
  return c.state === state;
}

// What the signed-in account may do with this case.
export function casePermissions(account, aCase) {
  const officer = isWardOfficer(account);
  const ownOrganization = isStaff(account) && account.organization_id === aCase.organization_id;
  const open = aCase.state !== 'CASE_STATE_CLOSED';
  const transfer = aCase.pending_transfer;
  const addressed = Boolean(transfer) && (officer || (isStaff(account) && account.organization_id === transfer.to_organization_id));
  return {
    act: open && (officer || ownOrganization),
    answerTransfer: open && addressed,
    requestTransfer: open && !transfer && (officer || ownOrganization),
  };
}

"""Rà soát: the ward officer runs a small periodic review to approval in the
browser: opens the round, records the residential group's meeting, posts
the results and approves them by the chairman's decision once the complaint
window has closed; a step refused by the service says why, in Vietnamese.
Classification's calendar stands on 27/11/2026 (the launcher's
--today-override), so the dates typed below are the same whatever day the
tests run."""

import time
import unittest

from harness import OFFICER, ConsoleTest, looks_vietnamese

GROUP = 'TDP-05'
OPENED_ON = '2026-11-03'
MEETING_ON = '2026-11-10'
POSTED_ON = '2026-11-12'
DECISION = '125/QĐ-UBND'


class ReviewTest(ConsoleTest):

    def set_date(self, css, value):
        """A date input's value as the user's date picker would set it."""
        self.driver.execute_script(
            'arguments[0].value = arguments[1];'
            'arguments[0].dispatchEvent(new Event("input", {bubbles: true}));'
            'arguments[0].dispatchEvent(new Event("change", {bubbles: true}));', self.find(css), value)

    def set_text(self, css, value):
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def wait_for_notice(self, doing):
        text = self.wait_visible('[data-test=notice]', f'no notice after {doing}').text
        self.assertTrue(looks_vietnamese(text), f'{doing}: {text!r}')
        return text

    def round_page(self, round_id):
        return self.open_route(f'ra-soat/{round_id}', 'ra-soat')

    def test_a_small_review_from_opening_to_approval(self):
        year = self.stack.info['review_year']
        review_households = self.stack.info['review_households']
        self.sign_in(OFFICER)
        self.open_route('ra-soat')
        self.screenshot('review_rounds')
        self.assert_accessible('the review screen')

        self.find('[data-test=open-round]').click()
        self.wait_visible('#round-year')
        self.set_text('#round-year', str(year))
        self.set_date('#round-opened-on', OPENED_ON)
        self.find('[data-test=save-round]').click()
        round_id = f'R-{year}'
        self.wait(lambda: f'ra-soat/{round_id}' in self.driver.current_url, 'the round did not open')
        self.wait_page('ra-soat')

        # The surveys recorded before the opening join the round shortly after.
        deadline = time.monotonic() + 30
        while not self.visible(f'[data-test=group-meeting][data-group="{GROUP}"]'):
            self.assertLess(time.monotonic(), deadline, f'{GROUP} never had proposed households to meet about')
            time.sleep(0.5)
            self.round_page(round_id)
        self.assert_accessible('the open round')
        self.screenshot('review_round_opened')

        # A step refused by the service says why: approving before anything
        # is posted.
        self.find('[data-test=approve-round]').click()
        self.wait_visible('#approve-number')
        self.set_text('#approve-number', DECISION)
        self.set_date('#approve-date', self.stack.info['review_today'])
        self.find('[data-test=save-approve-round]').click()
        refusal = self.error_text()
        self.assertTrue(looks_vietnamese(refusal), f'the refusal is not Vietnamese: {refusal!r}')
        self.screenshot('review_refused_step')
        rounds = self.stack.query('rounds')['rounds']
        self.assertEqual([r['status'] for r in rounds if r['round_id'] == round_id], ['ROUND_STATUS_OPEN'])

        self.round_page(round_id)
        self.find(f'[data-test=group-meeting][data-group="{GROUP}"]').click()
        self.wait_visible('#meeting-date')
        self.set_date('#meeting-date', MEETING_ON)
        self.set_text('#meeting-minutes', 'BB-TDP05-2026-11')
        self.set_text('#meeting-attendees', '24')
        for index in range(len(review_households)):
            self.set_text(f'#meeting-agreed-{index}', '20')
        self.assert_accessible('the meeting form')
        self.find('[data-test=record-meeting]').click()
        self.wait_for_notice('the meeting')

        self.round_page(round_id)
        self.find('[data-test=post-results]').click()
        self.wait_visible('#post-date')
        self.set_date('#post-date', POSTED_ON)
        self.find('[data-test=save-post-results]').click()
        self.wait_for_notice('posting the results')

        self.round_page(round_id)
        self.find('[data-test=approve-round]').click()
        self.wait_visible('#approve-number')
        self.set_text('#approve-number', DECISION)
        self.set_date('#approve-date', self.stack.info['review_today'])
        self.assert_accessible('the approval form')
        self.find('[data-test=save-approve-round]').click()
        self.wait_for_notice('the approval')
        self.round_page(round_id)
        approved = self.find('[data-test=round-progress] [data-count=approved]').text
        self.assertIn(str(len(review_households)), approved)
        self.screenshot()

        rounds = {r['round_id']: r for r in self.stack.query('rounds')['rounds']}
        self.assertEqual(rounds[round_id]['status'], 'ROUND_STATUS_APPROVED')
        self.assertEqual(rounds[round_id]['decision_number'], DECISION)
        self.assertEqual(rounds[round_id]['decision_date'], self.stack.info['review_today'])
        # The approval made the statuses official: assignment opens their cases.
        deadline = time.monotonic() + 30
        while True:
            opened = {c['household_id'] for c in self.stack.cases().values()}
            if set(review_households) <= opened:
                break
            self.assertLess(time.monotonic(), deadline, 'the approved households got no case')
            time.sleep(0.5)


if __name__ == '__main__':
    unittest.main()

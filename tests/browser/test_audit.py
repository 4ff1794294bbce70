"""Kiểm toán: the auditor verifies the audit chain in the browser and reads
the result in Vietnamese, with the number of entries the monitoring service
checked; a household's history downloads as a CSV attachment."""

import re
import unittest

from harness import AUDITOR, ApiClient, ConsoleTest, looks_vietnamese


class AuditTest(ConsoleTest):

    def test_auditor_verifies_the_audit_chain(self):
        self.sign_in(AUDITOR)
        self.open_route('kiem-toan')
        self.assert_accessible('the audit screen')
        self.find('[data-test=verify-audit]').click()
        result = self.wait_visible('[data-test=audit-result] [data-test=audit-intact]',
                                   'the audit chain was not reported intact')
        self.assertFalse(self.find_all('[data-test=audit-broken]'))
        self.assertTrue(looks_vietnamese(result.text), result.text)

        client = ApiClient(self.stack.console)
        self.assertEqual(client.sign_in(AUDITOR, self.stack.password(AUDITOR)).status, 200)
        answer = client.rpc('Monitoring', 'VerifyAudit', {})
        self.assertEqual(answer.status, 200, answer.body)
        checked = int(answer.json()['verification']['entries_checked'])
        # The ward's registrations and cases are in the chain.
        self.assertGreater(checked, 10)
        shown = [int(n.replace('.', '')) for n in re.findall(r'\d[\d.]*', result.text)]
        self.assertTrue(any(0 < n <= checked for n in shown),
                        f'the result does not say how many entries were checked: {result.text!r} (service: {checked})')
        self.screenshot()
        self.assert_accessible('the audit screen with its result')

    def test_household_history_downloads_as_csv(self):
        household_id = self.stack.info['households']['Nguyễn Thị Hương']
        client = ApiClient(self.stack.console)
        self.assertEqual(client.sign_in(AUDITOR, self.stack.password(AUDITOR)).status, 200)
        response = client.request('GET', f'/api/export/household-history?household_id={household_id}&format=csv')
        self.assertEqual(response.status, 200, response.body)
        self.assertIn('attachment', response.headers.get('Content-Disposition', ''))
        self.assertIn(household_id, response.body)
        self.sign_in(AUDITOR)
        self.open_route('kiem-toan')
        self.screenshot()


if __name__ == '__main__':
    unittest.main()

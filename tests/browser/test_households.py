"""Hộ gia đình: a search typed without diacritics finds the household of
"Nguyễn Thị Hương", for each role that may search, and its page opens."""

import unittest

from selenium.webdriver.common.keys import Keys

from harness import AUDITOR, OFFICER, WOMENS_UNION, ConsoleTest

HEAD = 'Nguyễn Thị Hương'


class HouseholdSearchTest(ConsoleTest):

    def search(self, text):
        self.open_route('ho-gia-dinh')
        box = self.find('#household-search')
        box.clear()
        box.send_keys(text)
        self.find('[data-test=search]').click()
        household_id = self.stack.info['households'][HEAD]
        return self.wait_visible(f'tr[data-household-id="{household_id}"]',
                                 f'"{text}" did not find the household {household_id} of {HEAD}')

    def test_search_without_diacritics_finds_nguyen_thi_huong(self):
        self.sign_in(OFFICER)
        row = self.search('nguyen thi huong')
        self.assertIn(HEAD, row.text)
        # Every row shown matches what was typed: the unrelated heads of the
        # ward are not listed.
        shown = [r.text for r in self.visible('tr[data-household-id]')]
        for other in ('Võ Văn Dũng', 'Lê Văn Tám', 'Đặng Văn Lực'):
            self.assertFalse(any(other in text for text in shown), f'{other} listed for "nguyen thi huong": {shown}')
        self.screenshot()
        self.assert_accessible('the household search of the ward officer')

    def test_search_with_diacritics_and_enter_key_finds_the_same_household(self):
        self.sign_in(OFFICER)
        self.open_route('ho-gia-dinh')
        box = self.find('#household-search')
        box.send_keys('Nguyễn Thị Hương', Keys.ENTER)
        household_id = self.stack.info['households'][HEAD]
        row = self.wait_visible(f'tr[data-household-id="{household_id}"]', 'Enter did not search')
        self.assertIn(HEAD, row.text)
        self.screenshot()

    def test_household_page_opens_for_each_role(self):
        household_id = self.stack.info['households'][HEAD]
        for username in (OFFICER, WOMENS_UNION, AUDITOR):
            with self.subTest(username=username):
                self.sign_in(username)
                self.search('nguyen thi huong')
                self.assert_accessible(f'the household list of {username}')
                self.open_route(f'ho-gia-dinh/{household_id}', 'ho-gia-dinh-chi-tiet')
                page = self.find('main#page-ho-gia-dinh-chi-tiet')
                self.assertIn(HEAD, page.text)
                self.assertFalse(self.visible('[data-test=page-error]'),
                                 f'{username} got an error on the household page: {page.text[:500]}')
                self.screenshot(f'household_page_{username.replace(".", "_")}')
                self.assert_accessible(f'the household page of {username}')
                self.find('[data-test=sign-out]').click()
                self.wait_page('dang-nhap')


if __name__ == '__main__':
    unittest.main()

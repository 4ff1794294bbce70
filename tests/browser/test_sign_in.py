"""Đăng nhập / đăng xuất: each role signs in with its password, sees its own
name and only its menu, and signs out; wrong passwords are answered more and
more slowly and then lock the account, with a Vietnamese message."""

import time
import unittest

from harness import (AUDITOR, DISPLAY_NAMES, FARMERS_UNION, MENUS, OFFICER, WOMENS_UNION, ConsoleTest,
                     looks_vietnamese)


class SignInTest(ConsoleTest):

    def test_each_role_signs_in_sees_its_menu_and_signs_out(self):
        for username in (OFFICER, WOMENS_UNION, FARMERS_UNION, AUDITOR):
            with self.subTest(username=username):
                self.sign_in(username)
                self.assertEqual(self.find('[data-test=user-name]').text, DISPLAY_NAMES[username])
                offered = [link.get_attribute('data-test').removeprefix('nav-')
                           for link in self.find_all('nav [data-test^=nav-]')]
                self.assertEqual(offered, MENUS[username], f'the menu offered to {username}')
                self.assertEqual(self.driver.execute_script('return document.documentElement.lang'), 'vi')
                self.screenshot(f'sign_in_{username.replace(".", "_")}')
                self.assert_accessible(f'the overview of {username}')

                self.find('[data-test=sign-out]').click()
                self.wait_page('dang-nhap')
                # The session is gone on the server too, not just in the page.
                status = self.driver.execute_async_script(
                    'const done = arguments[arguments.length - 1];'
                    'fetch("/api/session", {credentials: "same-origin"}).then((r) => done(r.status));')
                self.assertEqual(status, 401, f'{username} still has a session after signing out')
                # A screen asked for after signing out shows the sign-in page.
                self.driver.get(f'{self.stack.console}/#/ho-so')
                self.wait_page('dang-nhap')

    def test_sign_in_page_is_accessible_and_refuses_a_wrong_password_in_vietnamese(self):
        self.driver.get(f'{self.stack.console}/#/dang-nhap')
        self.wait_page('dang-nhap')
        self.assert_accessible('the sign-in page')
        self.sign_in(WOMENS_UNION, password='not-the-password', expect_success=False)
        message = self.error_text()
        self.assertTrue(looks_vietnamese(message), f'the refusal is not Vietnamese: {message!r}')
        self.assertNotIn('not-the-password', self.page_text(), 'the page shows the typed password')
        self.assertEqual(self.find('#username').get_attribute('value'), WOMENS_UNION, 'the username was lost')
        self.screenshot()
        self.assert_accessible('the sign-in page with an error')
        # A wrong password is not a lockout: the right one still works.
        self.sign_in(WOMENS_UNION)

    def test_wrong_passwords_slow_down_and_then_lock_the_account(self):
        username = FARMERS_UNION
        self.driver.get(f'{self.stack.console}/#/dang-nhap')
        self.wait_page('dang-nhap')
        self.find('#username').send_keys(username)
        seconds = []
        messages = []
        for attempt in range(1, 6):
            seconds.append(self.submit_and_time(f'wrong-password-{attempt}'))
            messages.append(self.find('[data-test=form-error]').text)
            self.assertTrue(looks_vietnamese(messages[-1]), f'attempt {attempt}: {messages[-1]!r}')
        # Contract: after 3 wrong in a row the service waits before answering
        # (1 s, 2 s, 4 s ...), after 5 the account is locked for 15 minutes.
        self.assertGreaterEqual(seconds[3], 0.9, f'the 4th wrong password was answered at once: {seconds}')
        self.assertGreaterEqual(seconds[4], 0.9, f'the 5th wrong password was answered at once: {seconds}')
        self.assertGreater(seconds[4], seconds[0] + 0.9, f'no slowing down: {seconds}')

        # Locked: even the right password is refused, with the reason.
        self.submit_and_time(self.stack.password(username))
        locked_message = self.find('[data-test=form-error]').text
        self.assertTrue(looks_vietnamese(locked_message), locked_message)
        self.assertIn('khóa', locked_message.lower(), f'the refusal does not say the account is locked: '
                      f'{locked_message!r}')
        self.assertNotEqual(locked_message, messages[0], 'a locked account reads like a wrong password')
        self.assertFalse(self.visible('[data-test=user-name]'), 'a locked account was signed in')
        self.screenshot()
        account = {a['username']: a for a in self.stack.query('accounts')['accounts']}[username]
        self.assertTrue(account.get('locked_until'), f'the registry does not hold the lock: {account}')

    def submit_and_time(self, password):
        """Types `password`, submits and returns the seconds until the
        answer (the error shown afresh)."""
        error = self.find('[data-test=form-error]')
        self.driver.execute_script('arguments[0].hidden = true; arguments[0].textContent = "";', error)
        secret = self.find('#password')
        secret.clear()
        secret.send_keys(password)
        started = time.monotonic()
        self.find('[data-test=sign-in]').click()
        self.wait(lambda: self.find('[data-test=form-error]').is_displayed()
                  and self.find('[data-test=form-error]').text.strip(), 'the sign-in got no answer', seconds=30)
        return time.monotonic() - started


if __name__ == '__main__':
    unittest.main()

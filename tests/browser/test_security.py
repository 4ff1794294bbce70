"""The console's HTTP rules as a script (and a page's script) meets them: no
session, no /api/ (401 before any routing); a POST without the session's
CSRF token is refused (403) and with it passes; the session cookie is
HttpOnly and SameSite=Strict (Secure only under TLS: test_tls.py); sign-out
ends the session; a locked account is answered 409 with the reason."""

import re
import unittest

from harness import AUDITOR, FARMERS_UNION, OFFICER, WOMENS_UNION, ApiClient, ConsoleTest, looks_vietnamese


class ConsoleHttpTest(ConsoleTest):

    def client(self, username=None):
        client = ApiClient(self.stack.console)
        if username:
            response = client.sign_in(username, self.stack.password(username))
            self.assertEqual(response.status, 200, response.body)
        return client

    def assert_error(self, response, status, key=None):
        self.assertEqual(response.status, status, response.body)
        body = response.json()
        self.assertIn('error', body, response.body)
        self.assertEqual(body['error']['http_status'], status)
        if key:
            self.assertEqual(body['error']['key'], key)
        return body['error']

    def test_api_without_a_session_is_401_even_where_nothing_exists(self):
        anonymous = self.client()
        for method, path in (('GET', '/api/no-such-thing'), ('POST', '/api/rpc/Registry/NoSuchMethod'),
                             ('POST', '/api/rpc/NoSuchService/Anything'), ('GET', '/api/session'),
                             ('POST', '/api/rpc/Registry/SearchHouseholds'),
                             ('GET', '/api/export/household-history?household_id=HH-000001&format=csv')):
            with self.subTest(path=path):
                error = self.assert_error(anonymous.request(method, path, {} if method == 'POST' else None), 401)
                self.assertEqual(error['code'], 'UNAUTHENTICATED')
                self.assertTrue(looks_vietnamese(error['message']), error['message'])
        # A forged cookie is no session either.
        anonymous.session_cookie = 'ansinh_session=' + 'A' * 43
        self.assert_error(anonymous.request('GET', '/api/no-such-thing'), 401)
        # With a session, what is not on the allow-list is simply not there.
        officer = self.client(OFFICER)
        self.assert_error(officer.request('POST', '/api/rpc/Registry/NoSuchMethod', {}), 404)
        self.assertEqual(self.client().request('GET', '/healthz').status, 200)

    def test_post_without_the_csrf_token_is_refused_and_with_it_passes(self):
        officer = self.client(OFFICER)
        search = {'query': 'nguyen thi huong'}
        missing = officer.rpc('Registry', 'SearchHouseholds', search, csrf=False)
        self.assert_error(missing, 403, 'error.console.csrf')
        wrong = officer.rpc('Registry', 'SearchHouseholds', search, csrf=False,
                            headers={'X-CSRF-Token': 'x' * len(officer.csrf_token)})
        self.assert_error(wrong, 403, 'error.console.csrf')
        passed = officer.rpc('Registry', 'SearchHouseholds', search)
        self.assertEqual(passed.status, 200, passed.body)
        self.assertIn('Nguyễn Thị Hương', passed.body)

        # A state-changing call without the token changes nothing.
        staff = self.client(WOMENS_UNION)
        case_id = sorted(self.stack.info['cases']['womens-union'])[-1]
        before = self.stack.cases()
        need = {'case_id': case_id, 'type': 'NEED_TYPE_EMPLOYMENT', 'description': 'cần việc làm', 'reason': 'thử'}
        self.assert_error(staff.rpc('Assignment', 'RecordNeed', need, csrf=False), 403, 'error.console.csrf')
        self.assertEqual(self.stack.cases(), before)
        # Another session's token does not pass either.
        staff.csrf_token = officer.csrf_token
        self.assert_error(staff.rpc('Assignment', 'RecordNeed', need), 403, 'error.console.csrf')
        self.assertEqual(self.stack.cases(), before)

        # Signing out is a POST like any other.
        self.assert_error(officer.request('POST', '/api/session/end', csrf=False), 403, 'error.console.csrf')
        self.assertEqual(officer.request('GET', '/api/session').status, 200)

    def test_session_cookie_is_httponly_samesite_strict_and_not_secure_over_http(self):
        client = ApiClient(self.stack.console)
        response = client.sign_in(AUDITOR, self.stack.password(AUDITOR))
        self.assertEqual(response.status, 200, response.body)
        cookies = [c for c in response.cookies() if c.startswith('ansinh_session=')]
        self.assertEqual(len(cookies), 1, response.cookies())
        attributes = [part.strip().lower() for part in cookies[0].split(';')]
        session_id = cookies[0].split(';', 1)[0].split('=', 1)[1]
        self.assertGreaterEqual(len(session_id), 43, 'the session id is shorter than 256 random bits')
        self.assertIn('httponly', attributes)
        self.assertIn('samesite=strict', attributes)
        self.assertIn('path=/', attributes)
        self.assertNotIn('secure', attributes, 'Secure over plain HTTP: the browser would drop the cookie')
        body = response.json()
        self.assertEqual(body['account']['username'], AUDITOR)
        self.assertEqual(body['account']['role'], 'ROLE_AUDITOR')
        self.assertEqual(body['idle_timeout_seconds'], 1800)
        self.assertNotIn(session_id, response.body, 'the session id is in the body, where scripts can read it')
        self.assertTrue(re.match(r'\d{4}-\d\d-\d\dT', body['expires_at']), body['expires_at'])

        # In the browser, the page's scripts cannot read it.
        self.sign_in(AUDITOR)
        self.assertNotIn('ansinh_session', self.driver.execute_script('return document.cookie'))
        browser_cookie = [c for c in self.driver.get_cookies() if c['name'] == 'ansinh_session'][0]
        self.assertTrue(browser_cookie['httpOnly'])
        self.assertEqual(browser_cookie['sameSite'], 'Strict')
        self.screenshot()

    def test_sign_out_ends_the_session_and_sign_in_checks_the_origin(self):
        officer = self.client(OFFICER)
        ended = officer.request('POST', '/api/session/end')
        self.assertEqual(ended.status, 204, ended.body)
        cleared = [c for c in ended.cookies() if c.startswith('ansinh_session=')]
        self.assertTrue(cleared, 'sign-out does not clear the cookie')
        self.assert_error(officer.request('GET', '/api/session'), 401)
        self.assert_error(officer.rpc('Registry', 'SearchHouseholds', {'query': 'huong'}), 401)

        foreign = ApiClient(self.stack.console)
        response = foreign.request('POST', '/api/session',
                                   {'username': OFFICER, 'password': self.stack.password(OFFICER)},
                                   headers={'Origin': 'http://evil.example'})
        self.assertIn(response.status, (400, 403), response.body)
        self.assertFalse([c for c in response.cookies() if c.startswith('ansinh_session=')])
        same = ApiClient(self.stack.console)
        response = same.request('POST', '/api/session',
                                {'username': OFFICER, 'password': self.stack.password(OFFICER)},
                                headers={'Origin': self.stack.console})
        self.assertEqual(response.status, 200, response.body)

    def test_wrong_passwords_then_lock_over_the_api(self):
        client = ApiClient(self.stack.console)
        for attempt in range(1, 6):
            response = client.sign_in(FARMERS_UNION, 'wrong-password')
            # The fifth may already answer that it locked the account.
            error = self.assert_error(response, 401 if attempt < 5 or response.status == 401 else 409)
            self.assertTrue(looks_vietnamese(error['message']), error['message'])
        locked = self.assert_error(client.sign_in(FARMERS_UNION, self.stack.password(FARMERS_UNION)), 409,
                                   'error.account.locked')
        self.assertTrue(looks_vietnamese(locked['message']), locked['message'])
        english = client.request('POST', '/api/session', {'username': FARMERS_UNION, 'password': 'x'}, lang='en')
        self.assertEqual(english.status, 409, english.body)
        self.assertIn('lock', english.json()['error']['message'].lower())
        # An unknown username reads exactly like a wrong password.
        unknown = self.assert_error(client.sign_in('khong.co.ai', 'wrong-password'), 401)
        known = self.assert_error(client.sign_in(WOMENS_UNION, 'wrong-password'), 401)
        self.assertEqual(unknown['message'], known['message'])


if __name__ == '__main__':
    unittest.main()

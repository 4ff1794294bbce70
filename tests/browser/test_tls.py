"""The console over HTTPS (--tls-cert-file/--tls-key-file, a self-signed
certificate made here with the openssl CLI): the session cookie gets Secure
besides HttpOnly and SameSite=Strict, and a browser signs in over it."""

import os
import subprocess
import tempfile
import unittest

from harness import WOMENS_UNION, ApiClient, ConsoleTest

CERTS = tempfile.mkdtemp(prefix='ansinh-browser-tls-')
CERT_FILE = os.path.join(CERTS, 'console.crt')
KEY_FILE = os.path.join(CERTS, 'console.key')


def make_certificate():
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
                    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', KEY_FILE, '-out', CERT_FILE],
                   check=True, capture_output=True)


class TlsConsoleTest(ConsoleTest):
    STACK_ARGS = ('--console-flag', '--tls-cert-file', '--console-flag', CERT_FILE,
                  '--console-flag', '--tls-key-file', '--console-flag', KEY_FILE)
    ACCEPT_INSECURE_CERTS = True

    @classmethod
    def setUpClass(cls):
        make_certificate()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        for path in (CERT_FILE, KEY_FILE):
            if os.path.exists(path):
                os.remove(path)
        os.rmdir(CERTS)

    def test_session_cookie_is_secure_under_tls(self):
        self.assertTrue(self.stack.console.startswith('https://'), self.stack.console)
        client = ApiClient(self.stack.console)
        response = client.sign_in(WOMENS_UNION, self.stack.password(WOMENS_UNION))
        self.assertEqual(response.status, 200, response.body)
        cookies = [c for c in response.cookies() if c.startswith('ansinh_session=')]
        self.assertEqual(len(cookies), 1, response.cookies())
        attributes = [part.strip().lower() for part in cookies[0].split(';')]
        for flag in ('secure', 'httponly', 'samesite=strict'):
            self.assertIn(flag, attributes, cookies[0])

        self.sign_in(WOMENS_UNION)
        cookie = [c for c in self.driver.get_cookies() if c['name'] == 'ansinh_session'][0]
        self.assertTrue(cookie['secure'])
        self.assertTrue(cookie['httpOnly'])
        self.screenshot()


if __name__ == '__main__':
    unittest.main()

#pragma once

#include <optional>
#include <string>

namespace ansinh::config {

// The PEM texts a TLS endpoint needs, read and checked before any socket is
// opened, so a wrong path or a key that does not belong to its certificate
// stops the process with a sentence naming the file instead of a gRPC
// handshake failure later.
struct TlsMaterial {
  std::string certificate_chain;  // PEM, leaf first; empty on a client without a certificate
  std::string private_key;        // PEM; empty exactly when certificate_chain is
  std::string trusted_ca;         // PEM; server: client CA; client: server CA (empty: system roots)
};

// TLS material, or why there is none. `tls` empty with an empty `error`
// means plaintext (no TLS file was named).
struct TlsLoad {
  std::optional<TlsMaterial> tls;
  std::string error;
  bool ok() const { return error.empty(); }
};

// A service's TLS: certificate and key (both or neither) and, when given, the
// CA whose client certificates it requires. A client CA without a
// certificate is an error: mutual TLS needs TLS.
TlsLoad LoadServerTls(const std::string& cert_file, const std::string& key_file,
                      const std::string& client_ca_file);

// A client's TLS: the CA trusted for the server (empty: the system roots)
// and an optional certificate and key (both or neither). TLS is on as soon
// as one of the three is named.
TlsLoad LoadClientTls(const std::string& ca_file, const std::string& cert_file, const std::string& key_file);

// The whole file, or nullopt with `error` naming the file and the reason.
std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error);

}  // namespace ansinh::config

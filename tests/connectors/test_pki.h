#pragma once
/// A throwaway public-key infrastructure made at test time with OpenSSL's C API: a certificate
/// authority and a server certificate it signs, written as PEM files. Nothing is committed to the
/// repository (a checked-in key would expire, and would teach that keys belong in git).
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "test_support.h"

namespace kartoteka::test {

struct PkiFiles {
    std::string ca_cert;      ///< the CA's certificate: what `ca_file` names
    std::string server_cert;  ///< the server's certificate, signed by the CA
    std::string server_key;   ///< the server's private key
};

namespace pki_detail {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

inline void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

inline Key new_key() {
    Key k(EVP_EC_gen("P-256"), EVP_PKEY_free);  // fast to generate, accepted at OpenSSL's default level
    check(k != nullptr, "key generation");
    return k;
}

inline void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, value);
    check(X509_add_ext(cert, ext, -1) == 1, "adding an extension");
    X509_EXTENSION_free(ext);
}

/// A certificate for `key` named `cn`, issued by `issuer` (nullptr: self-issued); signed later, once
/// its extensions are on.
inline Cert new_cert(EVP_PKEY* key, const char* cn, long serial, X509* issuer) {
    Cert c(X509_new(), X509_free);
    check(c && X509_set_version(c.get(), 2) == 1, "X509_new");
    ASN1_INTEGER_set(X509_get_serialNumber(c.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(c.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(c.get()), 24 * 3600);
    check(X509_set_pubkey(c.get(), key) == 1, "X509_set_pubkey");
    X509_NAME_add_entry_by_txt(X509_get_subject_name(c.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509* signer = issuer ? issuer : c.get();
    check(X509_set_issuer_name(c.get(), X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
    add_ext(c.get(), signer, NID_subject_key_identifier, "hash");
    return c;
}

inline void sign(X509* cert, EVP_PKEY* key) { check(X509_sign(cert, key, EVP_sha256()) > 0, "X509_sign"); }

inline void write_pem(const std::string& path, X509* cert, EVP_PKEY* key) {
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "w"), std::fclose);
    check(f != nullptr, "opening a PEM file");
    check(cert ? PEM_write_X509(f.get(), cert) == 1
               : PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "writing PEM");
}

}  // namespace pki_detail

/// Makes a CA and a server certificate whose subjectAltName is `san` (OpenSSL's syntax:
/// "IP:127.0.0.1,DNS:localhost"), valid from an hour ago for a day, in `dir`.
inline PkiFiles make_test_pki(const TempDir& dir, const std::string& san = "IP:127.0.0.1,DNS:localhost") {
    using namespace pki_detail;
    Key ca_key = new_key();
    Cert ca = new_cert(ca_key.get(), "Kartoteka test CA", 1, nullptr);
    add_ext(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_ext(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    sign(ca.get(), ca_key.get());

    Key key = new_key();
    Cert leaf = new_cert(key.get(), "kartoteka test server", 2, ca.get());
    add_ext(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_ext(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    add_ext(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    add_ext(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    add_ext(leaf.get(), ca.get(), NID_subject_alt_name, san.c_str());
    sign(leaf.get(), ca_key.get());

    PkiFiles out{dir.file("ca.pem"), dir.file("server.pem"), dir.file("server.key")};
    write_pem(out.ca_cert, ca.get(), nullptr);
    write_pem(out.server_cert, leaf.get(), nullptr);
    write_pem(out.server_key, nullptr, key.get());
    return out;
}

}  // namespace kartoteka::test

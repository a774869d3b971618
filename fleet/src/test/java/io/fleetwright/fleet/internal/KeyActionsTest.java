package io.fleetwright.fleet.internal;

import static io.fleetwright.fleet.internal.Calls.config;
import static io.fleetwright.fleet.internal.Calls.provision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.ProvisioningJwts;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class KeyActionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final EmulatedNode node = host.node("node1.lab.local");

  @Test
  void makesACsrForItsIdentitySignedWithItsOwnKey() throws Exception {
    ActionResult result = node.call(provision("gencsr", "token", "s3cret"));
    assertEquals(0, result.statusCode(), result.toString());
    PKCS10CertificationRequest csr = parseCsr((String) result.data().get("csr"));
    assertEquals("node1.lab.local", cn(csr));
    assertEquals(
        PKCSObjectIdentifiers.sha256WithRSAEncryption, csr.getSignatureAlgorithm().getAlgorithm());
    assertTrue(
        csr.isSignatureValid(
            new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())),
        "the CSR signature must verify");
    assertArrayEquals(
        node.csrPublicKey().orElseThrow().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded());
    assertEquals(2048, ((RSAPublicKey) node.csrPublicKey().orElseThrow()).getModulus().bitLength());
    assertEquals("/etc/choria/ssl", result.data().get("ssldir"));
  }

  @Test
  void sendsThePublicKeyAsPkcs1UnderAPublicKeyLabel() {
    ActionResult result = node.call(provision("gencsr", "token", "s3cret"));
    String pem = (String) result.data().get("public_key");
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 =
        org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
    assertEquals(
        ((RSAPublicKey) node.csrPublicKey().orElseThrow()).getModulus(), pkcs1.getModulus());
  }

  @Test
  void putsTheRequestedSubjectFieldsIntoTheCsr() throws Exception {
    ActionResult result =
        node.call(
            provision(
                "gencsr",
                "token",
                "s3cret",
                "cn",
                "web1.example.net",
                "C",
                "NL",
                "L",
                "Amsterdam",
                "O",
                "Acme",
                "OU",
                "Ops",
                "ST",
                "NH"));
    PKCS10CertificationRequest csr = parseCsr((String) result.data().get("csr"));
    assertEquals("C=NL,L=Amsterdam,O=Acme,OU=Ops,CN=web1.example.net", csr.getSubject().toString());
  }

  @Test
  void makesACsrForTheWrongNameWhenTheBadCsrFaultIsOn() throws Exception {
    node.setFault(Fault.BAD_CSR_CN, true);
    ActionResult result =
        node.call(provision("gencsr", "token", "s3cret", "cn", "node1.lab.local"));
    assertEquals("impostor.node1.lab.local", cn(parseCsr((String) result.data().get("csr"))));
  }

  @Test
  void neverLetsItsPrivateKeyIntoAReply() throws Exception {
    ActionResult result = node.call(provision("gencsr", "token", "s3cret"));
    String reply = JSON.writeValueAsString(result.data());
    node.inspectOutgoing(reply);
    assertFalse(node.privateKeyLeaked(), "a gencsr reply carries only the CSR and public key");
    KeyPair pair = node.csrKeys;
    node.inspectOutgoing(
        JSON.writeValueAsString(Pem.encode("RSA PRIVATE KEY", Pkcs1.privateKey(pair))));
    assertTrue(node.privateKeyLeaked(), "a reply with the PEM private key must be caught");
  }

  @Test
  void signsTheNonceWithANewEd25519Key() {
    ActionResult result =
        node.call(
            provision("gen25519", "token", "s3cret", "nonce", "0123456789abcdef0123456789abcdef"));
    assertEquals(0, result.statusCode(), result.toString());
    byte[] pub = Hex.decode((String) result.data().get("public_key"));
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(pub, 0));
    byte[] nonce = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    verifier.update(nonce, 0, nonce.length);
    assertTrue(verifier.verifySignature(Hex.decode((String) result.data().get("signature"))));
    assertEquals("/etc/choria", result.data().get("directory"));
    assertEquals(Optional.of(result.data().get("public_key")), node.ed25519PublicKey());
  }

  @Test
  void forgetsTheServerJwtWhenItMakesANewEd25519Key() {
    node.serverJwt = "old.jwt.value";
    node.call(provision("gen25519", "token", "s3cret", "nonce", "n"));
    assertTrue(node.serverJwt().isEmpty());
  }

  @Test
  void returnsAnUnsignedProvisioningJwtAndAFreshEcdhKey() throws Exception {
    ActionResult first = node.call(provision("jwt", "token", "s3cret"));
    String[] parts = ((String) first.data().get("jwt")).split("\\.", -1);
    assertEquals(3, parts.length);
    assertEquals("none", decode(parts[0]).get("alg").asText());
    JsonNode claims = decode(parts[1]);
    assertEquals("s3cret", claims.get("cht").asText());
    assertEquals("choria_provisioning", claims.get("purpose").asText());
    assertEquals("nats://127.0.0.1:4222", claims.get("chu").asText());
    assertFalse(claims.get("chs").asBoolean());
    assertTrue(claims.get("chpd").asBoolean());
    assertEquals(1718000000L, claims.get("iat").asLong());
    assertEquals(32, Hex.decode((String) first.data().get("ecdh_public")).length);
    ActionResult second = node.call(provision("jwt", "token", "s3cret"));
    assertFalse(first.data().get("ecdh_public").equals(second.data().get("ecdh_public")));
  }

  @Test
  void returnsAJwtSignedWithAnInjectedEd25519Key() {
    byte[] seed = new byte[32];
    seed[0] = 7;
    EmulatedNode signed =
        new FakeHost(Optional.of("s3cret"), ProvisioningJwts.ed25519(seed)).node("n2.lab");
    String jwt = (String) signed.call(provision("jwt", "token", "s3cret")).data().get("jwt");
    int dot = jwt.lastIndexOf('.');
    byte[] input = jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey());
    verifier.update(input, 0, input.length);
    assertTrue(verifier.verifySignature(Base64.getUrlDecoder().decode(jwt.substring(dot + 1))));
  }

  @Test
  void decryptsAKeyDeliveredWithEcdh() throws Exception {
    String serverPublic =
        (String) node.call(provision("jwt", "token", "s3cret")).data().get("ecdh_public");
    X25519PrivateKeyParameters provisioner = EdKeys.newX25519();
    byte[] shared = EdKeys.sharedSecret(provisioner, Hex.decode(serverPublic));
    byte[] der = Pkcs1.privateKey(CsrMaker.newKeyPair());
    String encrypted = LegacyPemEncryptor.encrypt(der, shared);
    ActionResult result =
        node.call(
            provision(
                "configure",
                "token",
                "s3cret",
                "config",
                config("plugin.choria.server.provision", "false"),
                "certificate",
                "CERT",
                "ca",
                "CA",
                "ssldir",
                "/etc/choria/ssl",
                "key",
                encrypted,
                "ecdh_public",
                Hex.encode(provisioner.generatePublicKey().getEncoded())));
    assertEquals(0, result.statusCode(), result.toString());
    assertEquals(Optional.of(Pem.encode("RSA PRIVATE KEY", der)), node.deliveredKey());
  }

  @Test
  void refusesAKeyEncryptedForSomeoneElse() throws Exception {
    node.call(provision("jwt", "token", "s3cret"));
    X25519PrivateKeyParameters provisioner = EdKeys.newX25519();
    String encrypted = LegacyPemEncryptor.encrypt(new byte[100], new byte[32]);
    ActionResult result =
        node.call(
            provision(
                "configure",
                "token",
                "s3cret",
                "config",
                config("plugin.choria.server.provision", "false"),
                "certificate",
                "CERT",
                "ca",
                "CA",
                "ssldir",
                "/ssl",
                "key",
                encrypted,
                "ecdh_public",
                Hex.encode(provisioner.generatePublicKey().getEncoded())));
    assertEquals(1, result.statusCode());
    assertTrue(
        result.statusMsg().startsWith("TLS Setup Failed: could not decrypt private key:"),
        result.statusMsg());
    assertTrue(node.deliveredKey().isEmpty());
  }

  private static PKCS10CertificationRequest parseCsr(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (PKCS10CertificationRequest) parser.readObject();
    }
  }

  private static String cn(PKCS10CertificationRequest csr) {
    return csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString();
  }

  private static JsonNode decode(String segment) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(segment));
  }
}

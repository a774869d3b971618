package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.ProvisioningJwtSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** {@code gencsr}, {@code gen25519} and {@code jwt}: the actions that make keys. */
final class KeyActions {
  private KeyActions() {}

  static ActionResult gencsr(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    String token = data.string("token");
    String cn = data.string("cn");
    CsrMaker.Subject subject =
        new CsrMaker.Subject(
            cn, data.string("C"), data.string("L"), data.string("O"), data.string("OU"));
    data.string("ST");
    if (!ProvisionAgent.tokenOk(node, token)) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    String name = cn.isEmpty() ? node.identity() : cn;
    if (node.nodeFaults().has(Fault.BAD_CSR_CN)) {
      name = "impostor." + name;
    }
    subject = new CsrMaker.Subject(name, subject.c(), subject.l(), subject.o(), subject.ou());
    KeyPair pair = node.settings().rsaKeys().keyFor(node.index());
    node.rememberSecret(pair.getPrivate().getEncoded(), false);
    node.rememberSecret(Pkcs1.privateKey(pair), false);
    node.csrKeys = pair;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("csr", CsrMaker.csrPem(subject, pair));
    out.put("public_key", CsrMaker.publicKeyPem(pair));
    out.put("ssldir", node.settings().sslDir());
    return ActionResult.ok(out);
  }

  static ActionResult gen25519(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    String token = data.string("token");
    String nonce = data.string("nonce");
    if (!ProvisionAgent.tokenOk(node, token)) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    Ed25519PrivateKeyParameters key = EdKeys.newEd25519();
    node.rememberSecret(key.getEncoded(), true);
    node.edKey = key;
    // A new seed invalidates any server JWT issued for the old public key, so the real agent
    // deletes it.
    node.serverJwt = null;
    byte[] signature = EdKeys.sign(key, nonce.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("public_key", Hex.encode(key.generatePublicKey().getEncoded()));
    out.put("directory", node.settings().configDir());
    out.put("signature", Hex.encode(signature));
    return ActionResult.ok(out);
  }

  static ActionResult jwt(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    String token = data.string("token");
    if (!ProvisionAgent.tokenOk(node, token)) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    NodeSettings settings = node.settings();
    String jwt =
        settings
            .jwtSource()
            .jwt(
                new ProvisioningJwtSource.Context(
                    node.identity(),
                    settings.token(),
                    settings.brokerUrls(),
                    settings.clock().instant(),
                    settings.allowUpdate()));
    X25519PrivateKeyParameters ecdh = EdKeys.newX25519();
    node.rememberSecret(ecdh.getEncoded(), true);
    node.ecdhKey = ecdh;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jwt", jwt);
    out.put("ecdh_public", Hex.encode(ecdh.generatePublicKey().getEncoded()));
    return ActionResult.ok(out);
  }
}

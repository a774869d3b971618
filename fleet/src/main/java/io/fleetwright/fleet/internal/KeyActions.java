package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.ProvisioningJwtSource;
import io.fleetwright.protocol.ProvisionReply;
import io.fleetwright.protocol.ProvisionRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** {@code gencsr}, {@code gen25519} and {@code jwt}: the actions that make keys. */
final class KeyActions {
  private KeyActions() {}

  static ActionResult gencsr(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    ProvisionRequest.Gencsr in = data.read(ProvisionRequest.Gencsr::from);
    String cn = in.cn();
    CsrMaker.Subject subject = new CsrMaker.Subject(cn, in.c(), in.l(), in.o(), in.ou());
    if (!ProvisionAgent.tokenOk(node, in.token())) {
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
    return ActionResult.ok(
        new ProvisionReply.Gencsr(
                CsrMaker.csrPem(subject, pair),
                CsrMaker.publicKeyPem(pair),
                node.settings().sslDir())
            .data());
  }

  static ActionResult gen25519(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    ProvisionRequest.Gen25519 in = data.read(ProvisionRequest.Gen25519::from);
    if (!ProvisionAgent.tokenOk(node, in.token())) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    Ed25519PrivateKeyParameters key = EdKeys.newEd25519();
    node.rememberSecret(key.getEncoded(), true);
    node.edKey = key;
    // A new seed invalidates any server JWT issued for the old public key, so the real agent
    // deletes it.
    node.serverJwt = null;
    byte[] signature = EdKeys.sign(key, in.nonce().getBytes(StandardCharsets.UTF_8));
    return ActionResult.ok(
        new ProvisionReply.Gen25519(
                Hex.encode(key.generatePublicKey().getEncoded()),
                node.settings().configDir(),
                Hex.encode(signature))
            .data());
  }

  static ActionResult jwt(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    ProvisionRequest.Jwt in = data.read(ProvisionRequest.Jwt::from);
    if (!ProvisionAgent.tokenOk(node, in.token())) {
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
    return ActionResult.ok(
        new ProvisionReply.Jwt(jwt, Hex.encode(ecdh.generatePublicKey().getEncoded())).data());
  }
}
